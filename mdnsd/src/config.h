/*
 * config.h: the daemon's configuration (grammar: mdnsd.conf(5)).
 *
 * A struct config is built whole from a file plus command-line overrides,
 * checked, and only then put into service; SIGHUP builds a new one and
 * swaps it in if (and only if) it is good.  It owns the backend instances
 * it names.
 */
#ifndef MDNSD_CONFIG_H
#define MDNSD_CONFIG_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

#include "backend.h"
#include "dns.h"

#define CFG_MAX_LISTEN	16
#define CFG_MAX_ALLOW	32
#define CFG_MAX_ROUTES	32
#define CFG_MAX_CHAIN	4

/* An address prefix for allow-from. */
struct cidr {
	int af;				/* AF_INET or AF_INET6 */
	uint8_t addr[16];
	unsigned plen;
};

struct route {
	struct dns_name zone;
	struct backend *chain[CFG_MAX_CHAIN];
	unsigned nchain;
};

struct config {
	char path[256];			/* "" when built from defaults */
	struct sockaddr_storage listen[CFG_MAX_LISTEN];
	unsigned nlisten;		/* 0 until set: defaults applied late */
	bool listen_default;		/* the addresses are the defaults */
	uint16_t port;
	struct cidr allow[CFG_MAX_ALLOW];
	unsigned nallow;
	char user[64];			/* "" = keep the current user */
	char group[64];
	char chroot[256];
	unsigned rate_qps;		/* per client, 0 = unlimited */
	unsigned rate_burst;
	size_t cache_bytes;		/* 0 disables the cache */
	uint32_t cache_max_ttl;
	uint32_t neg_max_ttl;
	uint64_t lookup_timeout_ms;
	unsigned max_lookups;
	unsigned tcp_clients;
	uint64_t tcp_idle_ms;
	int log_level;
	bool sched_batch;		/* run as SCHED_BATCH (main.c) */
	struct route routes[CFG_MAX_ROUTES];
	unsigned nroutes;
	struct backend *backends;	/* instances, owned */
	struct ev_loop *loop;
};

/* Where a configuration comes from, for error messages. */
struct cfg_ctx {
	const char *file;
	unsigned line;
	unsigned errors;
	struct config *cfg;
};

/* Command-line values that override the file. */
struct cfg_overrides {
	const char *listen;		/* NULL or one address */
	unsigned long port;		/* 0 = not given */
	int log_level;			/* -1 = not given */
};

/*
 * Build a configuration from file `path` (NULL: the built-in default path,
 * which may be missing) and the overrides.  Errors go to the log as
 * "FILE:LINE: message".  Returns a checked config (backends created and
 * configured but not opened), or NULL.
 */
struct config *config_load(const char *path, const struct cfg_overrides *o,
    struct ev_loop *loop);

/* Parse configuration text (for tests); name is used in messages. */
struct config *config_parse_string(const char *name, const char *text,
    const struct cfg_overrides *o, struct ev_loop *loop);

/* Open all backends (see backend.h).  Returns 0 or -1 (logged). */
int config_open_backends(struct config *cfg);

/* Destroy the backends and free cfg.  NULL is fine. */
void config_free(struct config *cfg);

/* Write the effective configuration in config syntax (mdnsd -nv). */
void config_print(const struct config *cfg, FILE *out);

/* The route for a name: longest zone match; NULL if none. */
const struct route *config_route(const struct config *cfg,
    const struct dns_name *qname);

/* Whether a client address is loopback or inside an allow-from prefix. */
bool config_allowed(const struct config *cfg, const struct sockaddr *sa);

/* Parse an IP literal into ss with port.  Returns 0 or -1. */
int cfg_sockaddr(const char *s, uint16_t port, struct sockaddr_storage *ss);

/* An address as text without port. */
const char *cfg_addr_text(const struct sockaddr *sa, char *buf, size_t size);

/* Find the instance of backend `name` in cfg, creating it (ops->create)
 * on first use.  Returns NULL (error reported through c) if unknown. */
struct backend *config_backend(struct cfg_ctx *c, const char *name);

/* Default path of the configuration file. */
#ifndef MDNSD_CONF_PATH
#define MDNSD_CONF_PATH "/etc/mdnsd.conf"
#endif

#endif
