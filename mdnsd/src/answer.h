/*
 * answer.h: an answer in packed form: what a backend returned, stored once
 * and written to any number of clients (and kept by the cache).
 *
 * Layout of data[]: one entry per record, in section order:
 *   u8 section, u8 namelen, name (namelen octets, wire form),
 *   u16 type, u16 class, u32 ttl, u16 rdlen, rdata   (host byte order)
 * Packing costs one allocation and keeps a record at about 20 octets plus
 * its name and RDATA, instead of a 300-octet struct dns_rr.
 */
#ifndef MDNSD_ANSWER_H
#define MDNSD_ANSWER_H

#include <stddef.h>
#include <stdint.h>

#include "backend.h"
#include "dns.h"

struct answer {
	uint8_t rcode;			/* NOERROR, NXDOMAIN or SERVFAIL */
	bool aa;
	uint16_t count[4];		/* records per section (AN, NS, AR) */
	uint32_t ttl;			/* how long it may be cached, seconds */
	size_t len;			/* octets in data */
	uint8_t data[];
};

/*
 * Pack a backend result (not BQ_DECLINE).  neg_max caps the negative TTL
 * and max_ttl the positive one (RFC 2308 section 5: a negative answer
 * lives min(SOA TTL, SOA MINIMUM)).  Returns NULL when out of memory.
 */
struct answer *answer_new(const struct bq_result *r, uint32_t max_ttl,
    uint32_t neg_max);

/* An answer with just an rcode (SERVFAIL, REFUSED, ...). */
struct answer *answer_rcode(uint8_t rcode);

/*
 * Write the records of a into w, each TTL reduced by age_s.  Answer
 * records that do not fit stop the writing and set *truncated; authority
 * and additional records that do not fit are dropped silently (RFC 2181
 * section 9).  Section counts always match what was written.
 */
void answer_write(const struct answer *a, struct dns_writer *w,
    uint32_t age_s, bool *truncated);

#endif
