/* upstream.h: internals of the "upstream" backend shared by its files. */
#ifndef MDNSD_UPSTREAM_H
#define MDNSD_UPSTREAM_H

#include <sys/socket.h>
#include <time.h>

#include "backend.h"
#include "pathdir.h"

#define UP_MAX_SERVERS	8

struct upstream {
	struct sockaddr_storage servers[UP_MAX_SERVERS];
	unsigned nservers;		/* from config plus resolv-conf */
	unsigned nconfigured;		/* from `upstream server` lines */
	char resolv_conf[256];
	struct pathdir resolv;		/* resolv_conf, reachable in chroot */
	struct timespec resolv_mtime;	/* of resolv_conf when last read */
	uint64_t resolv_checked_ms;
	uint64_t timeout_ms;		/* per attempt */
	uint32_t neg_ttl;		/* negative answers without SOA, s */
	unsigned preferred;		/* last server that answered */
	unsigned long sent, answers, garbage, timeouts, tcp, failovers;
};

/*
 * Read "nameserver ADDR" lines of the resolv.conf-style file u->resolv
 * into u, after the configured servers.  Returns the number read, or -1
 * (logged).
 */
int upstream_read_resolv(struct upstream *u);

/* Parse "ADDR" or "ADDR#PORT" (port 53 by default).  0 or -1. */
int upstream_parse_server(const char *s, struct sockaddr_storage *ss);

/*
 * Check an upstream reply against the question we sent: ID, QR, opcode,
 * and the question (name case-insensitively, type, class).  Returns 0 if
 * it belongs to us.
 */
int upstream_match(const struct dns_msg *m, uint16_t id,
    const struct bquery *q);

/* Turn a validated reply into a result and deliver it (bquery_done);
 * a negative answer without an SOA is cached for neg_ttl seconds. */
void upstream_deliver(const struct dns_msg *m, struct bquery *q,
    uint32_t neg_ttl);

#endif
