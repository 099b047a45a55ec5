/* reply.h: build the reply to one client query. */
#ifndef MDNSD_REPLY_H
#define MDNSD_REPLY_H

#include "answer.h"
#include "dns.h"

/*
 * The size a UDP reply may have: 512 without EDNS0, else the requestor's
 * payload size capped at DNS_EDNS_UDP (fragments are fragile).
 */
size_t reply_udp_limit(const struct dns_query *q);

/*
 * Write the reply to q into buf (limit octets, at most 65535): the
 * question echoed as the client spelt it, then a's records (TTLs reduced
 * by age_s), then an OPT record if q had one.  A NULL answer gives an
 * empty reply with `rcode`.  If the answer records do not fit, TC is set
 * and the reply holds the records that fit.  Returns the length.
 */
size_t reply_build(uint8_t *buf, size_t limit, const struct dns_query *q,
    const struct answer *a, unsigned rcode, uint32_t age_s);

#endif
