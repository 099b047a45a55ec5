/* prepared.c: ready-made replies for cached answers (see prepared.h). */
#include <stdlib.h>
#include <string.h>

#include "prepared.h"
#include "reply.h"

#define OPT_LEN	11

struct prepared_ttl {
	uint16_t off;			/* of a TTL field in wire */
	uint32_t ttl;			/* its value at age 0 */
};

struct prepared {
	size_t len;			/* octets in wire */
	uint8_t qname_len;		/* the question's name starts at 12 */
	unsigned nttl;
	uint8_t *wire;			/* after ttl[nttl] */
	struct prepared_ttl ttl[];
};

/*
 * Find the TTL fields of the reply we just built (so trusted, but read
 * with the bounds-checked reader all the same).  Returns their number,
 * recording at most max of them, or -1 if the message does not parse.
 */
static int
find_ttls(const uint8_t *m, size_t len, struct prepared_ttl *t, int max)
{
	size_t off = DNS_HDR_LEN;
	struct dns_name skip;
	int n = 0;
	unsigned nrr = (unsigned)dns_get16(m + 6) + dns_get16(m + 8) +
	    dns_get16(m + 10);

	if (dns_name_read(m, len, &off, &skip) < 0 || len - off < 4)
		return -1;
	off += 4;
	for (unsigned i = 0; i < nrr; i++) {
		if (dns_name_read(m, len, &off, &skip) < 0 || len - off < 10 ||
		    len - off - 10 < dns_get16(m + off + 8))
			return -1;
		if (n < max)
			t[n] = (struct prepared_ttl){ (uint16_t)(off + 4),
			    dns_get32(m + off + 4) };
		n++;
		off += 10 + (size_t)dns_get16(m + off + 8);
	}
	return n;
}

struct prepared *
prepared_new(const struct dns_name *name, uint16_t type, uint16_t class,
    const struct answer *a)
{
	static uint8_t buf[65535];
	struct dns_query q = { .has_question = true, .qname = *name,
	    .qtype = type, .qclass = class };
	size_t len = reply_build(buf, sizeof buf, &q, a, 0, 0);
	int n = find_ttls(buf, len, NULL, 0);
	struct prepared *p;

	if ((buf[2] & (DNS_F_TC >> 8)) || n < 0)
		return NULL;
	p = malloc(sizeof *p + (size_t)n * sizeof p->ttl[0] + len);
	if (p == NULL)
		return NULL;
	p->len = len;
	p->qname_len = name->len;
	p->nttl = (unsigned)n;
	p->wire = (uint8_t *)&p->ttl[n];
	find_ttls(buf, len, p->ttl, n);
	memcpy(p->wire, buf, len);
	return p;
}

void
prepared_free(struct prepared *p)
{
	free(p);
}

size_t
prepared_size(const struct prepared *p)
{
	return sizeof *p + p->nttl * sizeof p->ttl[0] + p->len;
}

size_t
prepared_write(const struct prepared *p, uint8_t *buf, size_t limit,
    const struct dns_query *q, uint32_t age_s)
{
	size_t len = p->len;
	uint8_t *qtail = buf + DNS_HDR_LEN + p->qname_len;

	if (len + (q->edns ? OPT_LEN : 0) > limit ||
	    q->qname.len != p->qname_len)
		return 0;
	memcpy(buf, p->wire, len);
	dns_put16(buf, q->id);
	buf[2] |= (uint8_t)((q->flags & DNS_F_RD) >> 8);
	buf[3] |= (uint8_t)(q->flags & DNS_F_CD);
	memcpy(buf + DNS_HDR_LEN, q->qname.wire, q->qname.len);
	dns_put16(qtail, q->qtype);
	dns_put16(qtail + 2, q->qclass);
	for (unsigned i = 0; i < p->nttl; i++) {
		uint32_t t = p->ttl[i].ttl;
		dns_put32(buf + p->ttl[i].off, t > age_s ? t - age_s : 0);
	}
	if (q->edns) {
		/* as reply_build(): root, OPT, our size, rcode < 16, v0 */
		memset(buf + len, 0, OPT_LEN);
		dns_put16(buf + len + 1, DNS_T_OPT);
		dns_put16(buf + len + 3, DNS_EDNS_UDP);
		dns_put16(buf + 10, dns_get16(buf + 10) + 1);
		len += OPT_LEN;
	}
	return len;
}
