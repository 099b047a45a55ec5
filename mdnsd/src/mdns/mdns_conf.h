/*
 * Configuration of the multicast DNS backends and the name policy.
 *
 * One table holds every key, its default and its meaning (mdns_conf.c);
 * mdnsd.conf(5) documents the same keys.  The core's config parser hands
 * each `mdns KEY VALUE...` (and `avahi KEY VALUE...`) line to the
 * backend, which passes it to mdns_conf_set().
 */
#ifndef MDNS_CONF_H
#define MDNS_CONF_H

#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <stdint.h>

#include "../dns.h"
#include "mdns_subnet.h"

#define MDNS_CONF_LIST_MAX 16

struct mdns_conf {
	/* Interfaces to query on; none means every multicast interface. */
	char *interfaces[MDNS_CONF_LIST_MAX + 1];	/* NULL-terminated */
	int ipv4, ipv6;		/* query over these families */
	int port5353;		/* try QU queries from port 5353 */
	int check_ttl;		/* drop responses with TTL/hop limit != 255 */
	unsigned deadline_ms;	/* a name nobody answers is absent after this */
	unsigned collect_ms;	/* after the first answer, wait this long for
				   more responders (shared records: deadline) */
	unsigned resend_ms;	/* resend unanswered questions this often */
	uint32_t answer_ttl;	/* TTL cap in replies (RFC 8766 5.5.1: 10 s) */
	uint32_t cache_ttl;	/* TTL cap in the cache */
	size_t cache_max;	/* records in the cache */
	int link_local6;	/* keep fe80::/10 in AAAA answers */
	unsigned max_labels;	/* address lookups of names with more labels
				   are not sent to mDNS; 0 means no limit */
	/* Suffixes answered by mDNS (wire names); "*" is the root. */
	struct dns_name allow[MDNS_CONF_LIST_MAX];
	size_t nallow;
	/* Unicast servers asked for "local. SOA" (nss-mdns's heuristic). */
	struct sockaddr_storage soa[4];
	size_t nsoa;
	/* Extra subnets whose reverse names go to mDNS. */
	struct mdns_subnet reverse[MDNS_CONF_LIST_MAX];
	size_t nreverse;
};

/* Fill *c with the defaults (see the table in mdns_conf.c). */
void mdns_conf_init(struct mdns_conf *c);

/* Free the strings mdns_conf_set() stored; *c keeps its defaults. */
void mdns_conf_free(struct mdns_conf *c);

/*
 * Apply one setting: key "deadline", value "300ms".  Lists (interface,
 * allow, reverse) take several values separated by blanks and may be
 * repeated.  Returns 0, or -1 with a message in err (errlen octets) for
 * an unknown key or a bad value.
 */
int mdns_conf_set(struct mdns_conf *c, const char *key, const char *value,
    char *err, size_t errlen);

/*
 * Write the settings as config lines "PREFIX KEY VALUE" to out; without
 * `querier` (the avahi backend) the keys only the querier uses are left
 * out.
 */
void mdns_conf_print(const struct mdns_conf *c, const char *prefix,
    int querier, FILE *out);

#endif
