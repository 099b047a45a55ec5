/* config_int.h: shared between the config*.c files only. */
#ifndef MDNSD_CONFIG_INT_H
#define MDNSD_CONFIG_INT_H

#include "config.h"

struct cfg_keyword {
	const char *name;
	int min_args;
	int max_args;
	void (*fn)(struct cfg_ctx *c, int argc, char **argv);
};

/* Sorted by name (bsearch); test_config checks the order. */
extern const struct cfg_keyword cfg_keywords[];
extern const size_t cfg_nkeywords;

/* Apply command-line overrides (after the file). */
void cfg_apply_overrides(struct cfg_ctx *c, const struct cfg_overrides *o);

/* Fill in defaults (listen addresses, routes) and check consistency. */
void cfg_check(struct cfg_ctx *c);

/* Add a route; returns 0 or -1 (reported). */
int cfg_add_route(struct cfg_ctx *c, const char *zone, int n,
    char **backends);

/* "info" etc. for a syslog level. */
const char *cfg_level_name(int level);

#endif
