/* config_kw.c: the keywords of mdnsd.conf(5), one handler each. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_int.h"
#include "log.h"

static void
kw_allow_from(struct cfg_ctx *c, int argc, char **argv)
{
	struct config *cfg = c->cfg;

	for (int i = 1; i < argc; i++) {
		char buf[64], *slash;
		struct cidr *p = &cfg->allow[cfg->nallow];
		unsigned long plen;
		if (cfg->nallow == CFG_MAX_ALLOW) {
			cfg_error(c, "allow-from: more than %d prefixes",
			    CFG_MAX_ALLOW);
			return;
		}
		if (strlen(argv[i]) >= sizeof buf) {
			cfg_error(c, "allow-from: '%s' is too long", argv[i]);
			return;
		}
		strcpy(buf, argv[i]);
		slash = strchr(buf, '/');
		if (slash)
			*slash++ = '\0';
		p->af = strchr(buf, ':') ? AF_INET6 : AF_INET;
		if (inet_pton(p->af, buf, p->addr) != 1) {
			cfg_error(c, "allow-from: bad address '%s'", argv[i]);
			return;
		}
		plen = p->af == AF_INET ? 32 : 128;
		if (slash && cfg_uint(c, slash, 0, plen, &plen) < 0)
			return;
		p->plen = (unsigned)plen;
		cfg->nallow++;
	}
}

static void
kw_cache_max_ttl(struct cfg_ctx *c, int argc, char **argv)
{
	unsigned long v;
	(void)argc;
	if (cfg_uint(c, argv[1], 0, 604800, &v) == 0)
		c->cfg->cache_max_ttl = (uint32_t)v;
}

static void
kw_cache_size(struct cfg_ctx *c, int argc, char **argv)
{
	char num[32];
	size_t n = strlen(argv[1]);
	unsigned long v, mult = 1;
	(void)argc;

	if (n >= sizeof num) {	/* found by fuzz_text: index past num[] */
		cfg_error(c, "cache-size: '%s' is too long", argv[1]);
		return;
	}
	memcpy(num, argv[1], n + 1);
	if (n > 0 && (num[n - 1] == 'k' || num[n - 1] == 'K'))
		mult = 1024;
	else if (n > 0 && (num[n - 1] == 'm' || num[n - 1] == 'M'))
		mult = 1024 * 1024;
	if (mult != 1)
		num[n - 1] = '\0';
	if (cfg_uint(c, num, 0, (1ul << 30) / mult, &v) == 0)
		c->cfg->cache_bytes = v * mult;
}

static void
copy_word(struct cfg_ctx *c, char *dst, size_t size, const char *w)
{
	if (strlen(w) >= size)
		cfg_error(c, "'%s' is too long", w);
	else
		memcpy(dst, w, strlen(w) + 1);
}

static void
kw_chroot(struct cfg_ctx *c, int argc, char **argv)
{
	(void)argc;
	if (argv[1][0] != '/')
		cfg_error(c, "chroot: '%s' is not an absolute path", argv[1]);
	else
		copy_word(c, c->cfg->chroot, sizeof c->cfg->chroot, argv[1]);
}

static void
kw_group(struct cfg_ctx *c, int argc, char **argv)
{
	(void)argc;
	copy_word(c, c->cfg->group, sizeof c->cfg->group, argv[1]);
}

static void
kw_listen(struct cfg_ctx *c, int argc, char **argv)
{
	struct config *cfg = c->cfg;

	for (int i = 1; i < argc; i++) {
		if (cfg->nlisten == CFG_MAX_LISTEN) {
			cfg_error(c, "listen: more than %d addresses",
			    CFG_MAX_LISTEN);
			return;
		}
		if (cfg_sockaddr(argv[i], 0, &cfg->listen[cfg->nlisten]) < 0) {
			cfg_error(c, "listen: '%s' is not an IP address",
			    argv[i]);
			return;
		}
		cfg->nlisten++;
	}
}

static const char *const level_names[] = {
	[LOG_ERR] = "error", [LOG_WARNING] = "warning",
	[LOG_NOTICE] = "notice", [LOG_INFO] = "info", [LOG_DEBUG] = "debug",
};

static void
kw_log_level(struct cfg_ctx *c, int argc, char **argv)
{
	(void)argc;
	for (int l = LOG_ERR; l <= LOG_DEBUG; l++)
		if (level_names[l] && strcasecmp(argv[1], level_names[l]) == 0) {
			c->cfg->log_level = l;
			return;
		}
	cfg_error(c, "log-level: '%s' is not one of error, warning, "
	    "notice, info, debug", argv[1]);
}

const char *
cfg_level_name(int level)
{
	return level >= LOG_ERR && level <= LOG_DEBUG && level_names[level] ?
	    level_names[level] : "info";
}

static void
kw_lookup_timeout(struct cfg_ctx *c, int argc, char **argv)
{
	uint64_t ms;
	(void)argc;
	if (cfg_duration(c, argv[1], &ms) < 0)
		return;
	if (ms < 100 || ms > 30000)
		cfg_error(c, "lookup-timeout: %s is out of range (100ms..30s)",
		    argv[1]);
	else
		c->cfg->lookup_timeout_ms = ms;
}

static void
kw_max_lookups(struct cfg_ctx *c, int argc, char **argv)
{
	unsigned long v;
	(void)argc;
	if (cfg_uint(c, argv[1], 1, 1000000, &v) == 0)
		c->cfg->max_lookups = (unsigned)v;
}

static void
kw_negative_max_ttl(struct cfg_ctx *c, int argc, char **argv)
{
	unsigned long v;
	(void)argc;
	if (cfg_uint(c, argv[1], 0, 86400, &v) == 0)
		c->cfg->neg_max_ttl = (uint32_t)v;
}

static void
kw_port(struct cfg_ctx *c, int argc, char **argv)
{
	unsigned long v;
	(void)argc;
	if (cfg_uint(c, argv[1], 1, 65535, &v) == 0)
		c->cfg->port = (uint16_t)v;
}

static void
kw_rate_limit(struct cfg_ctx *c, int argc, char **argv)
{
	unsigned long qps, burst;
	if (cfg_uint(c, argv[1], 0, 1000000, &qps) < 0)
		return;
	burst = qps * 2;
	if (argc > 2 && cfg_uint(c, argv[2], 1, 1000000, &burst) < 0)
		return;
	c->cfg->rate_qps = (unsigned)qps;
	c->cfg->rate_burst = (unsigned)burst;
}

static void
kw_route(struct cfg_ctx *c, int argc, char **argv)
{
	cfg_add_route(c, argv[1], argc - 2, argv + 2);
}

static void
kw_tcp_clients(struct cfg_ctx *c, int argc, char **argv)
{
	unsigned long v;
	(void)argc;
	if (cfg_uint(c, argv[1], 0, 10000, &v) == 0)
		c->cfg->tcp_clients = (unsigned)v;
}

static void
kw_tcp_idle_timeout(struct cfg_ctx *c, int argc, char **argv)
{
	uint64_t ms;
	(void)argc;
	if (cfg_duration(c, argv[1], &ms) == 0) {
		if (ms < 100)
			cfg_error(c, "tcp-idle-timeout: %s is too short",
			    argv[1]);
		else
			c->cfg->tcp_idle_ms = ms;
	}
}

static void
kw_sched_batch(struct cfg_ctx *c, int argc, char **argv)
{
	(void)argc;
	cfg_bool(c, argv[1], &c->cfg->sched_batch);
}

static void
kw_user(struct cfg_ctx *c, int argc, char **argv)
{
	(void)argc;
	copy_word(c, c->cfg->user, sizeof c->cfg->user, argv[1]);
}

/* This has to be sorted always (bsearch). */
const struct cfg_keyword cfg_keywords[] = {
	{ "allow-from", 1, CFG_MAX_ALLOW, kw_allow_from },
	{ "cache-max-ttl", 1, 1, kw_cache_max_ttl },
	{ "cache-size", 1, 1, kw_cache_size },
	{ "chroot", 1, 1, kw_chroot },
	{ "group", 1, 1, kw_group },
	{ "listen", 1, CFG_MAX_LISTEN, kw_listen },
	{ "log-level", 1, 1, kw_log_level },
	{ "lookup-timeout", 1, 1, kw_lookup_timeout },
	{ "max-lookups", 1, 1, kw_max_lookups },
	{ "negative-max-ttl", 1, 1, kw_negative_max_ttl },
	{ "port", 1, 1, kw_port },
	{ "rate-limit", 1, 2, kw_rate_limit },
	{ "route", 2, CFG_MAX_CHAIN + 1, kw_route },
	{ "sched-batch", 1, 1, kw_sched_batch },
	{ "tcp-clients", 1, 1, kw_tcp_clients },
	{ "tcp-idle-timeout", 1, 1, kw_tcp_idle_timeout },
	{ "user", 1, 1, kw_user },
};
const size_t cfg_nkeywords = sizeof cfg_keywords / sizeof cfg_keywords[0];
