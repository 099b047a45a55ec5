/*
 * Turning what an mDNS source knows into a backend answer (shared by the
 * built-in querier and the Avahi backend).
 */
#ifndef MDNS_ANSWER_H
#define MDNS_ANSWER_H

#include "../backend.h"
#include "mdns_cache.h"
#include "mdns_conf.h"

#define MDNS_ANSWER_MAX 48	/* musl keeps at most 48 addresses */

/* Records of one answer, with storage for their owner names. */
struct mdns_answer {
	struct dns_rr an[MDNS_ANSWER_MAX];
	size_t nan;
	struct dns_rr ar[MDNS_ANSWER_MAX];
	size_t nar;
	uint8_t rdata[8192];	/* copies of rdata */
	size_t used;
};

/* Start an empty answer. */
void mdns_answer_init(struct mdns_answer *a);

/*
 * Add a record to the answer section (ar set: additional) with the given
 * owner and TTL; rdata is copied.  Returns 0, or -1 when full.
 */
int mdns_answer_add(struct mdns_answer *a, int ar,
    const struct dns_name *owner, uint16_t type, uint32_t ttl,
    const uint8_t *rdata, uint16_t rdlen);

/*
 * Deliver to q: with records, BQ_ANSWER; otherwise `empty` (BQ_NODATA or
 * BQ_NXDOMAIN) with neg_ttl.  mDNS answers are never cached by the core:
 * the backend's own cache follows goodbyes and cache-flush announcements,
 * which a TTL-only cache would not.
 */
void mdns_answer_deliver(struct bquery *q, const struct mdns_answer *a,
    enum bq_status empty, uint32_t neg_ttl);

/*
 * A config line `NAME KEY VALUE...` of the mdns or avahi backend (argv[0]
 * is KEY): applied to conf, errors reported through cfg_error().
 */
int mdns_be_config(struct mdns_conf *conf, struct cfg_ctx *c, int argc,
    char **argv);

#endif
