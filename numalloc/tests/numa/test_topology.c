/*
 * Unit tests of the NUMA topology layer against fake sysfs trees: list and
 * distance parsing (one test per rejection rule), sparse node numbers,
 * CPU-only and memory-only nodes, numa=fake's duplicated CPU lists,
 * kernels without has_memory, cpuset restrictions, more memory nodes than
 * arenas, and the single-node and policy decisions of na_numa_setup().
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "numa_internal.h"
#include "testutil.h"

struct file {
	const char *path;	/* relative to the tree root */
	const char *text;
};

/* Build a tree; nodeN/ directories are created as the paths need them. */
static char *make_tree(const struct file *files)
{
	char *root = tu_tmpdir("numa-topo");

	assert_non_null(root);
	for (const struct file *f = files; f->path != NULL; f++) {
		const char *slash = strchr(f->path, '/');

		if (slash != NULL) {
			char dir[512];

			snprintf(dir, sizeof dir, "%s/%.*s", root,
			    (int)(slash - f->path), f->path);
			mkdir(dir, 0755);
		}
		assert_int_equal(tu_write_file(root, f->path, f->text,
		    strlen(f->text), NULL, 0), 0);
	}
	return root;
}

static void drop_tree(char *root)
{
	tu_rm_rf(root);
	free(root);
}

static struct na_topo topo;
static struct na_plan plan;

/* ---- list parsing ---------------------------------------------------- */

static void count_id(void *ctx, unsigned id)
{
	unsigned *sum = ctx;

	sum[0]++;
	sum[1] += id;
}

static void test_list_valid(void **state)
{
	unsigned sum[2] = { 0, 0 };

	(void)state;
	assert_int_equal(na_parse_list("0-3,8,10-11\n", 64, count_id, sum), 0);
	assert_int_equal(sum[0], 7);
	assert_int_equal(sum[1], 0 + 1 + 2 + 3 + 8 + 10 + 11);
	sum[0] = 0;
	assert_int_equal(na_parse_list("\n", 64, count_id, sum), 0);
	assert_int_equal(na_parse_list("", 64, count_id, sum), 0);
	assert_int_equal(sum[0], 0);
	assert_int_equal(na_parse_list("63", 64, count_id, sum), 0);
	assert_int_equal(sum[0], 1);
}

static void test_list_rejects(void **state)
{
	static const char *bad[] = {
		"1-",		/* range without end */
		"-1",		/* range without start */
		"3-1",		/* backwards range */
		"1,,2",		/* empty element */
		"1,",		/* trailing comma */
		"a",		/* not a number */
		"1 2",		/* blank separator */
		"64",		/* id at the limit */
		"0-64",		/* range past the limit */
		"1\n2",		/* text after the newline */
		"99999999999",	/* overflow */
	};
	unsigned sum[2];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		errno = 0;
		if (na_parse_list(bad[i], 64, count_id, sum) != -1 ||
		    errno != EINVAL)
			fail_msg("accepted bad list \"%s\"", bad[i]);
	}
}

static void test_distances(void **state)
{
	uint16_t d[4];

	(void)state;
	assert_int_equal(na_parse_distances("10 20 15\n", d, 4), 3);
	assert_int_equal(d[0], 10);
	assert_int_equal(d[2], 15);
	assert_int_equal(na_parse_distances("10 20 15 30 40\n", d, 4), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(na_parse_distances("10 x\n", d, 4), -1);
	assert_int_equal(na_parse_distances("10,20\n", d, 4), -1);
	assert_int_equal(na_parse_distances("70000\n", d, 4), -1);
	assert_int_equal(na_parse_distances("\n", d, 4), 0);
}

static void test_sysfs_read_errors(void **state)
{
	static const struct file files[] = {
		{ "online", "0-1\n" },
		{ NULL, NULL },
	};
	char *root = make_tree(files), small[4], buf[64], longroot[300];

	(void)state;
	assert_int_equal(na_sysfs_read(root, "online", 0, buf, sizeof buf), 4);
	assert_string_equal(buf, "0-1\n");
	assert_int_equal(na_sysfs_read(root, "missing", 0, buf, sizeof buf), -1);
	assert_int_equal(errno, ENOENT);
	/* Contents that do not fit are an error, not a truncated list. */
	assert_int_equal(na_sysfs_read(root, "online", 0, small, sizeof small), -1);
	assert_int_equal(errno, ENAMETOOLONG);
	memset(longroot, 'x', sizeof longroot - 1);
	longroot[sizeof longroot - 1] = '\0';
	assert_int_equal(na_sysfs_read(longroot, "online", 0, buf, sizeof buf), -1);
	assert_int_equal(errno, ENAMETOOLONG);
	drop_tree(root);
}

/* ---- topology and plan ---------------------------------------------- */

/* Sparse ids 0, 2, 5: node 2 has CPUs and no memory, node 5 memory and
 * no CPUs.  Node 2 is nearer node 5 (15) than node 0 (20). */
static const struct file sparse[] = {
	{ "online", "0,2,5\n" },
	{ "possible", "0-7\n" },
	{ "has_memory", "0,5\n" },
	{ "has_cpu", "0,2\n" },
	{ "node0/cpulist", "0-1\n" },
	{ "node0/distance", "10 20 30\n" },
	{ "node2/cpulist", "2-3\n" },
	{ "node2/distance", "20 10 15\n" },
	{ "node5/cpulist", "\n" },
	{ "node5/distance", "30 15 10\n" },
	{ NULL, NULL },
};

static void test_sparse_topology(void **state)
{
	char *root = make_tree(sparse);

	(void)state;
	assert_int_equal(na_topo_load(&topo, root), 0);
	assert_int_equal(na_mask_count(&topo.online), 3);
	assert_true(na_mask_test(&topo.online, 5));
	assert_false(na_mask_test(&topo.online, 1));
	assert_true(na_mask_test(&topo.memory, 5));
	assert_false(na_mask_test(&topo.memory, 2));
	assert_int_equal(topo.cpu_node[1], 0);
	assert_int_equal(topo.cpu_node[3], 2);
	assert_int_equal(topo.cpu_node[4], NA_NUMA_NONE);

	assert_int_equal(na_plan_make(&plan, &topo, NULL, root), 0);
	assert_int_equal(plan.narenas, 2);
	assert_int_equal(plan.arena_node[0], 0);
	assert_int_equal(plan.arena_node[1], 5);
	/* The CPU-only node borrows the nearest arena: node 5's. */
	assert_int_equal(plan.node_arena[2], 1);
	assert_int_equal(plan.cpu_arena[0], 0);
	assert_int_equal(plan.cpu_arena[2], 1);
	assert_int_equal(plan.cpu_arena[3], 1);
	assert_int_equal(plan.cpu_arena[4], 0xff);
	assert_int_equal(plan.node_arena[1], NA_NUMA_NONE);
	drop_tree(root);
}

static void test_cpuset_restriction(void **state)
{
	char *root = make_tree(sparse);
	struct na_nodemask allowed = { { 0 } };

	(void)state;
	assert_int_equal(na_topo_load(&topo, root), 0);
	/* Only node 5's memory allowed: one arena, every CPU maps to it. */
	na_mask_set(&allowed, 5);
	assert_int_equal(na_plan_make(&plan, &topo, &allowed, root), 0);
	assert_int_equal(plan.narenas, 1);
	assert_int_equal(plan.arena_node[0], 5);
	assert_int_equal(plan.cpu_arena[0], 0);
	assert_int_equal(plan.cpu_arena[3], 0);
	/* Only the CPU-only node allowed: no usable memory at all. */
	memset(&allowed, 0, sizeof allowed);
	na_mask_set(&allowed, 2);
	assert_int_equal(na_plan_make(&plan, &topo, &allowed, root), -1);
	assert_int_equal(errno, EINVAL);
	drop_tree(root);
}

static void test_distance_ties_and_gaps(void **state)
{
	static const struct file files[] = {
		{ "online", "0-2\n" },
		{ "has_memory", "0-1\n" },
		{ "node0/cpulist", "0\n" },
		{ "node1/cpulist", "1\n" },
		{ "node2/cpulist", "2\n" },
		{ "node2/distance", "20 20 10\n" },	/* a tie */
		{ NULL, NULL },
	};
	static const struct file broken[] = {
		{ "online", "0-2\n" },
		{ "has_memory", "1-2\n" },
		{ "node0/cpulist", "0\n" },
		{ "node0/distance", "10 20\n" },	/* a column short */
		{ "node1/cpulist", "\n" },
		{ "node2/cpulist", "\n" },
		{ NULL, NULL },
	};
	char *root = make_tree(files);

	(void)state;
	assert_int_equal(na_topo_load(&topo, root), 0);
	assert_int_equal(na_plan_make(&plan, &topo, NULL, root), 0);
	assert_int_equal(plan.node_arena[2], 0);	/* tie: lower node */
	drop_tree(root);
	/* A row that does not match the online nodes: fall back to arena 0. */
	root = make_tree(broken);
	assert_int_equal(na_topo_load(&topo, root), 0);
	assert_int_equal(na_plan_make(&plan, &topo, NULL, root), 0);
	assert_int_equal(plan.arena_node[0], 1);
	assert_int_equal(plan.node_arena[0], 0);
	drop_tree(root);
}

static void test_fake_numa_and_old_kernel(void **state)
{
	/* numa=fake=2 on one socket: both fake nodes list every CPU; no
	 * has_memory file (kernels before 2.6.36). */
	static const struct file files[] = {
		{ "online", "0-1\n" },
		{ "node0/cpulist", "0-3\n" },
		{ "node1/cpulist", "0-3\n" },
		{ NULL, NULL },
	};
	char *root = make_tree(files);

	(void)state;
	assert_int_equal(na_topo_load(&topo, root), 0);
	assert_int_equal(na_mask_count(&topo.memory), 2);
	for (unsigned c = 0; c < 4; c++)
		assert_int_equal(topo.cpu_node[c], 0);
	assert_int_equal(na_plan_make(&plan, &topo, NULL, root), 0);
	assert_int_equal(plan.narenas, 2);
	drop_tree(root);
}

static void test_more_nodes_than_arenas(void **state)
{
	struct file files[4 + 2 * 70];
	char names[70][2][32], text[70][16];
	size_t n = 0;
	char *root;

	(void)state;
	files[n++] = (struct file){ "online", "0-69\n" };
	files[n++] = (struct file){ "has_memory", "0-69\n" };
	for (unsigned i = 0; i < 70; i++) {
		snprintf(names[i][0], sizeof names[i][0], "node%u/cpulist", i);
		snprintf(text[i], sizeof text[i], "%u\n", i);
		files[n++] = (struct file){ names[i][0], text[i] };
	}
	files[n] = (struct file){ NULL, NULL };
	root = make_tree(files);
	assert_int_equal(na_topo_load(&topo, root), 0);
	assert_int_equal(na_plan_make(&plan, &topo, NULL, root), 0);
	assert_int_equal(plan.narenas, NA_MAX_NODES);
	assert_int_equal(plan.arena_node[NA_MAX_NODES - 1], NA_MAX_NODES - 1);
	/* Nodes past the arena limit (no distance files here) use arena 0. */
	assert_int_equal(plan.cpu_arena[69], 0);
	assert_int_equal(plan.cpu_arena[63], 63);
	drop_tree(root);
}

static void test_topology_errors(void **state)
{
	static const struct file bad_online[] = {
		{ "online", "0-x\n" },
		{ NULL, NULL },
	};
	static const struct file bad_cpulist[] = {
		{ "online", "0-1\n" },
		{ "node0/cpulist", "0-\n" },
		{ NULL, NULL },
	};
	static const struct file none_online[] = {
		{ "online", "\n" },
		{ NULL, NULL },
	};
	static const struct file too_many[] = {
		{ "online", "0-1024\n" },
		{ NULL, NULL },
	};
	const struct file *cases[] = { bad_online, bad_cpulist, none_online,
	    too_many };
	char *root;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		root = make_tree(cases[i]);
		errno = 0;
		assert_int_equal(na_topo_load(&topo, root), -1);
		assert_int_equal(errno, EINVAL);
		drop_tree(root);
	}
	assert_int_equal(na_topo_load(&topo, "/nonexistent-numa-root"), -1);
	assert_int_equal(errno, ENOENT);
}

/* ---- policy and set-up ---------------------------------------------- */

static void test_policy_parse(void **state)
{
	(void)state;
	assert_int_equal(na_numa_policy_parse(NULL), NA_NUMA_LOCAL);
	assert_int_equal(na_numa_policy_parse(""), NA_NUMA_LOCAL);
	assert_int_equal(na_numa_policy_parse("local"), NA_NUMA_LOCAL);
	assert_int_equal(na_numa_policy_parse("interleave"), NA_NUMA_INTERLEAVE);
	assert_int_equal(na_numa_policy_parse("off"), NA_NUMA_OFF);
	assert_int_equal(na_numa_policy_parse("Local"), -1);
	assert_int_equal(na_numa_policy_parse("interleaved"), -1);
	assert_int_equal(na_numa_policy_parse("off "), -1);
}

static void test_setup_single_node(void **state)
{
	/* Only `online` exists: deciding "one node" must read nothing else. */
	static const struct file files[] = {
		{ "online", "3\n" },
		{ NULL, NULL },
	};
	char *root = make_tree(files);

	(void)state;
	assert_int_equal(na_numa_setup(root, NULL, NULL), NA_NUMA_SETUP_OK);
	assert_int_equal(na_numa.multi, 0);
	assert_int_equal(na_numa_arena_of_node(3), 0);
	assert_int_equal(na_numa_arena_of_node(0), -1);
	assert_int_equal(errno, EINVAL);
	drop_tree(root);
	/* No NUMA in the kernel at all: node 0. */
	assert_int_equal(na_numa_setup("/nonexistent-numa-root", NULL, NULL),
	    NA_NUMA_SETUP_OK);
	assert_int_equal(na_numa.multi, 0);
	assert_int_equal(na_numa_arena_of_node(0), 0);
}

static void test_setup_multi_and_policies(void **state)
{
	char *root = make_tree(sparse);
	struct na_nodemask all;

	(void)state;
	memset(&all, 0xff, sizeof all);
	assert_int_equal(na_numa_setup(root, "local", &all), NA_NUMA_SETUP_OK);
	assert_int_equal(na_numa.multi, 1);
	assert_int_equal(na_numa.plan.narenas, 2);
	assert_int_equal(na_numa_arena_of_node(0), 0);
	assert_int_equal(na_numa_arena_of_node(5), 1);
	/* Nodes without memory of their own, offline or absurd: refused. */
	assert_int_equal(na_numa_arena_of_node(2), -1);
	assert_int_equal(na_numa_arena_of_node(1), -1);
	assert_int_equal(na_numa_arena_of_node(-1), -1);
	assert_int_equal(na_numa_arena_of_node(NA_NUMA_MAX_NODE_IDS), -1);

	assert_int_equal(na_numa_setup(root, "interleave", &all),
	    NA_NUMA_SETUP_OK);
	assert_int_equal(na_numa.multi, 1);
	assert_int_equal(na_numa.policy, NA_NUMA_INTERLEAVE);

	/* off: one arena standing for every node with memory. */
	assert_int_equal(na_numa_setup(root, "off", &all), NA_NUMA_SETUP_OK);
	assert_int_equal(na_numa.multi, 0);
	assert_int_equal(na_numa_arena_of_node(5), 0);
	assert_int_equal(na_numa_arena_of_node(2), -1);

	/* A bad value warns (status) and means local. */
	assert_int_equal(na_numa_setup(root, "remote", &all),
	    NA_NUMA_SETUP_BAD_POLICY);
	assert_int_equal(na_numa.multi, 1);
	assert_int_equal(na_numa.policy, NA_NUMA_LOCAL);
	drop_tree(root);
}

static void test_setup_bad_tree(void **state)
{
	static const struct file files[] = {
		{ "online", "0-1\n" },
		{ "has_memory", "0-1\n" },
		{ "node0/cpulist", "0,\n" },
		{ NULL, NULL },
	};
	char *root = make_tree(files);
	struct na_nodemask all;

	(void)state;
	memset(&all, 0xff, sizeof all);
	assert_int_equal(na_numa_setup(root, NULL, &all),
	    NA_NUMA_SETUP_BAD_SYSFS);
	assert_int_equal(na_numa.multi, 0);
	assert_int_equal(na_numa_arena_of_node(1), 0);
	drop_tree(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_valid),
		cmocka_unit_test(test_list_rejects),
		cmocka_unit_test(test_distances),
		cmocka_unit_test(test_sysfs_read_errors),
		cmocka_unit_test(test_sparse_topology),
		cmocka_unit_test(test_cpuset_restriction),
		cmocka_unit_test(test_distance_ties_and_gaps),
		cmocka_unit_test(test_fake_numa_and_old_kernel),
		cmocka_unit_test(test_more_nodes_than_arenas),
		cmocka_unit_test(test_topology_errors),
		cmocka_unit_test(test_policy_parse),
		cmocka_unit_test(test_setup_single_node),
		cmocka_unit_test(test_setup_multi_and_policies),
		cmocka_unit_test(test_setup_bad_tree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
