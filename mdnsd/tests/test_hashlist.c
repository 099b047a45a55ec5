/* test_hashlist.c: the index shared by both caches (hashlist.h): chains
 * keep every node of a slot, the age list its order under insert, touch
 * and remove, and the count follows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hashlist.h"

/* Walk the age list oldest first into ids (node index), checking the
 * newer/older links agree.  Returns the number of nodes. */
static size_t
order(const struct hashlist *t, const struct hl_node *base, int *ids)
{
	size_t n = 0;
	const struct hl_node *prev = NULL;

	for (const struct hl_node *x = t->oldest; x; x = x->newer) {
		assert_ptr_equal(x->older, prev);
		ids[n++] = (int)(x - base);
		prev = x;
	}
	assert_ptr_equal(t->newest, prev);
	return n;
}

static int
in_chain(const struct hashlist *t, const struct hl_node *n)
{
	for (const struct hl_node *x = hl_chain(t, n->hash); x; x = x->hnext)
		if (x == n)
			return 1;
	return 0;
}

static void
test_hashlist(void **state)
{
	struct hashlist t;
	struct hl_node nodes[4];
	int ids[4];
	(void)state;

	assert_int_equal(hl_init(&t, 8), 0);
	/* 1, 9 and 17 share slot 1; 2 has its own */
	hl_insert(&t, &nodes[0], 1);
	hl_insert(&t, &nodes[1], 9);
	hl_insert(&t, &nodes[2], 17);
	hl_insert(&t, &nodes[3], 2);
	assert_int_equal(t.count, 4);
	for (int i = 0; i < 4; i++)
		assert_true(in_chain(&t, &nodes[i]));
	assert_int_equal(order(&t, nodes, ids), 4);
	assert_int_equal(ids[0], 0);
	assert_int_equal(ids[3], 3);
	/* touching the oldest makes it newest; touching the newest is a
	 * no-op */
	hl_touch(&t, &nodes[0]);
	hl_touch(&t, &nodes[0]);
	assert_int_equal(order(&t, nodes, ids), 4);
	assert_int_equal(ids[0], 1);
	assert_int_equal(ids[3], 0);
	/* removing from the middle of a chain and of the list */
	hl_remove(&t, &nodes[1]);
	assert_int_equal(t.count, 3);
	assert_false(in_chain(&t, &nodes[1]));
	assert_true(in_chain(&t, &nodes[0]) && in_chain(&t, &nodes[2]));
	assert_int_equal(order(&t, nodes, ids), 3);
	assert_int_equal(ids[0], 2);
	/* and everything: both ends come back to NULL */
	while (t.oldest != NULL)
		hl_remove(&t, t.oldest);
	assert_int_equal(t.count, 0);
	assert_null(t.newest);
	assert_null(hl_chain(&t, 1));
	hl_destroy(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hashlist),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
