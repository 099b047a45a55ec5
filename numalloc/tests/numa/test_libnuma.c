/*
 * test_libnuma: numalloc's topology and plan against libnuma's view of
 * this machine (glibc flavour only: Debian's libnuma is built for glibc).
 * numalloc itself never uses libnuma; the tests use it as a second opinion.
 */
#define _GNU_SOURCE
#include <numa.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "numa_internal.h"

#define ROOT "/sys/devices/system/node"

static struct na_topo topo;
static struct na_plan plan;

static void test_nodes(void **state)
{
	(void)state;
	if (numa_available() < 0)
		skip();
	assert_int_equal(na_topo_load(&topo, ROOT), 0);
	for (int n = 0; n <= numa_max_possible_node() && n < NA_NUMA_MAX_NODE_IDS; n++)
		assert_int_equal(na_mask_test(&topo.online, (unsigned)n),
		    numa_bitmask_isbitset(numa_nodes_ptr, (unsigned)n));
	/* libnuma counts the nodes with memory (numa(3)). */
	assert_int_equal((int)na_mask_count(&topo.memory),
	    numa_num_configured_nodes());
}

static void test_cpus(void **state)
{
	(void)state;
	if (numa_available() < 0)
		skip();
	assert_int_equal(na_topo_load(&topo, ROOT), 0);
	for (int c = 0; c < numa_num_configured_cpus() && c < NA_NUMA_MAX_CPUS; c++) {
		int n = numa_node_of_cpu(c);

		if (n >= 0)
			assert_int_equal(topo.cpu_node[c], n);
	}
}

static void test_plan(void **state)
{
	struct bitmask *allowed;
	struct na_nodemask mask = { { 0 } };
	unsigned expect = 0;

	(void)state;
	if (numa_available() < 0)
		skip();
	allowed = numa_get_mems_allowed();
	for (unsigned n = 0; n < allowed->size && n < NA_NUMA_MAX_NODE_IDS; n++)
		if (numa_bitmask_isbitset(allowed, n)) {
			na_mask_set(&mask, n);
			long long free_b;
			if (numa_node_size64((int)n, &free_b) > 0)
				expect++;
		}
	assert_int_equal(na_topo_load(&topo, ROOT), 0);
	assert_int_equal(na_plan_make(&plan, &topo, &mask, ROOT), 0);
	assert_int_equal(plan.narenas, expect);
	/* The CPU we run on maps to an arena on a node with memory. */
	int cpu = sched_getcpu();
	assert_true(cpu >= 0);
	assert_int_not_equal(plan.cpu_arena[cpu], 0xff);
	assert_true(na_mask_test(&plan.arena_mask,
	    plan.arena_node[plan.cpu_arena[cpu]]));
	/* With the kernel's own allowed mask (get_mempolicy), the same. */
	assert_int_equal(na_numa_setup(ROOT, NULL, NULL), NA_NUMA_SETUP_OK);
	assert_int_equal(na_numa.multi ? na_numa.plan.narenas : 1,
	    expect > 1 ? expect : 1);
	numa_bitmask_free(allowed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nodes),
		cmocka_unit_test(test_cpus),
		cmocka_unit_test(test_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
