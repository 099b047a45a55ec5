/* Backend answers from mDNS records; see mdns_answer.h. */
#include <string.h>

#include "mdns_answer.h"

void
mdns_answer_init(struct mdns_answer *a)
{
	a->nan = a->nar = a->used = 0;
}

int
mdns_answer_add(struct mdns_answer *a, int ar, const struct dns_name *owner,
    uint16_t type, uint32_t ttl, const uint8_t *rdata, uint16_t rdlen)
{
	size_t *n = ar ? &a->nar : &a->nan;
	struct dns_rr *rr = ar ? &a->ar[*n] : &a->an[*n];

	if (*n == MDNS_ANSWER_MAX || a->used + rdlen > sizeof a->rdata)
		return -1;
	memcpy(a->rdata + a->used, rdata, rdlen);
	rr->name = *owner;
	rr->type = type;
	rr->class = DNS_C_IN;
	rr->ttl = ttl;
	rr->rdlen = rdlen;
	rr->rdata = a->rdata + a->used;
	a->used += rdlen;
	(*n)++;
	return 0;
}

void
mdns_answer_deliver(struct bquery *q, const struct mdns_answer *a,
    enum bq_status empty, uint32_t neg_ttl)
{
	struct bq_result r = {
		.status = a->nan ? BQ_ANSWER : empty,
		.an = a->an, .nan = a->nan,
		.ar = a->ar, .nar = a->nan ? a->nar : 0,
		.neg_ttl = neg_ttl,
		.nocache = true,
		.authoritative = true,
	};

	bquery_done(q, &r);
}
