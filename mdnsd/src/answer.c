/* answer.c: packed answers (see answer.h). */
#include <stdlib.h>
#include <string.h>

#include "answer.h"

#define REC_FIXED	(2 + 2 + 2 + 4 + 2)

static size_t
packed_size(const struct dns_rr *rr, size_t n)
{
	size_t s = 0;
	for (size_t i = 0; i < n; i++)
		s += REC_FIXED + rr[i].name.len + rr[i].rdlen;
	return s;
}

static uint8_t *
pack(uint8_t *p, uint8_t sec, const struct dns_rr *rr)
{
	*p++ = sec;
	*p++ = rr->name.len;
	memcpy(p, rr->name.wire, rr->name.len);
	p += rr->name.len;
	memcpy(p, &rr->type, 2);
	memcpy(p + 2, &rr->class, 2);
	memcpy(p + 4, &rr->ttl, 4);
	memcpy(p + 8, &rr->rdlen, 2);
	p += 10;
	if (rr->rdlen > 0)
		memcpy(p, rr->rdata, rr->rdlen);
	return p + rr->rdlen;
}

/* RFC 2308 section 5: the SOA's own TTL and its MINIMUM field. */
static uint32_t
negative_ttl(const struct bq_result *r)
{
	for (size_t i = 0; i < r->nns; i++) {
		const struct dns_rr *s = &r->ns[i];
		if (s->type != DNS_T_SOA || s->rdlen < 20)
			continue;
		uint32_t min = dns_get32(s->rdata + s->rdlen - 4);
		return min < s->ttl ? min : s->ttl;
	}
	return r->neg_ttl;
}

static uint32_t
min_ttl(const struct dns_rr *rr, size_t n, uint32_t cap)
{
	for (size_t i = 0; i < n; i++)
		if (rr[i].ttl < cap)
			cap = rr[i].ttl;
	return cap;
}

static uint8_t
status_rcode(enum bq_status s)
{
	switch (s) {
	case BQ_ANSWER: case BQ_NODATA: return DNS_R_NOERROR;
	case BQ_NXDOMAIN: return DNS_R_NXDOMAIN;
	default: return DNS_R_SERVFAIL;
	}
}

struct answer *
answer_new(const struct bq_result *r, uint32_t max_ttl, uint32_t neg_max)
{
	size_t len = packed_size(r->an, r->nan) + packed_size(r->ns, r->nns) +
	    packed_size(r->ar, r->nar);
	struct answer *a = malloc(sizeof *a + len);

	if (a == NULL)
		return NULL;
	a->rcode = status_rcode(r->status);
	a->aa = r->authoritative;
	a->count[DNS_S_QD] = 0;
	a->count[DNS_S_AN] = (uint16_t)r->nan;
	a->count[DNS_S_NS] = (uint16_t)r->nns;
	a->count[DNS_S_AR] = (uint16_t)r->nar;
	a->len = len;
	uint8_t *p = a->data;
	for (size_t i = 0; i < r->nan; i++)
		p = pack(p, DNS_S_AN, &r->an[i]);
	for (size_t i = 0; i < r->nns; i++)
		p = pack(p, DNS_S_NS, &r->ns[i]);
	for (size_t i = 0; i < r->nar; i++)
		p = pack(p, DNS_S_AR, &r->ar[i]);
	if (r->status == BQ_ANSWER)
		a->ttl = min_ttl(r->an, r->nan, max_ttl);
	else if (r->status == BQ_SERVFAIL)
		a->ttl = 0;
	else {
		uint32_t t = negative_ttl(r);
		a->ttl = t < neg_max ? t : neg_max;
	}
	if (r->nocache)
		a->ttl = 0;
	return a;
}

struct answer *
answer_rcode(uint8_t rcode)
{
	struct answer *a = calloc(1, sizeof *a);
	if (a != NULL)
		a->rcode = rcode;
	return a;
}

void
answer_write(const struct answer *a, struct dns_writer *w, uint32_t age_s,
    bool *truncated)
{
	const uint8_t *p = a->data, *end = a->data + a->len;
	struct dns_rr rr;

	*truncated = false;
	while (p < end) {
		uint8_t sec = *p++;
		rr.name.len = *p++;
		memcpy(rr.name.wire, p, rr.name.len);
		p += rr.name.len;
		memcpy(&rr.type, p, 2);
		memcpy(&rr.class, p + 2, 2);
		memcpy(&rr.ttl, p + 4, 4);
		memcpy(&rr.rdlen, p + 8, 2);
		rr.rdata = p + 10;
		p += 10 + rr.rdlen;
		rr.ttl = rr.ttl > age_s ? rr.ttl - age_s : 0;
		if (dns_w_rr(w, (enum dns_section)sec, &rr) == 0)
			continue;
		if (sec == DNS_S_AN) {
			*truncated = true;
			return;
		}
	}
}
