/*
 * policy.c: NUMALLOC_NODE_POLICY, the user's switch for placement.
 *   local       each thread allocates on the node it runs on (default)
 *   interleave  every thread allocates from the interleaved arena
 *   off         one arena, no binding, no NUMA system call at all
 */
#include <string.h>

#include "numa_internal.h"

int na_numa_policy_parse(const char *s)
{
	if (s == NULL || *s == '\0' || strcmp(s, "local") == 0)
		return NA_NUMA_LOCAL;
	if (strcmp(s, "interleave") == 0)
		return NA_NUMA_INTERLEAVE;
	if (strcmp(s, "off") == 0)
		return NA_NUMA_OFF;
	return -1;
}
