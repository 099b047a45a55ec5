/* dns_msg.c: parse a whole message into records with expanded RDATA. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"

struct parse {
	const uint8_t *pkt;
	size_t len;
	size_t off;
	size_t alen;		/* arena octets used */
	size_t acap;
	size_t *rdoff;		/* arena offset of each record's rdata */
};

static int
arena_reserve(struct dns_msg *m, struct parse *p, size_t need)
{
	/* Always have an arena, even for zero-length RDATA: rdata pointers
	 * must never be NULL (memcpy/memcmp with NULL is undefined). */
	if (m->arena != NULL && p->acap - p->alen >= need)
		return 0;
	size_t cap = p->acap ? p->acap : 512;
	while (cap - p->alen < need)
		cap *= 2;
	uint8_t *a = realloc(m->arena, cap);
	if (a == NULL)
		return -1;
	m->arena = a;
	p->acap = cap;
	return 0;
}

static void
take_opt(struct dns_msg *m, const uint8_t *rr)
{
	m->edns = true;
	m->edns_udp = dns_get16(rr + 2);
	m->ext_rcode = rr[4];
	m->edns_version = rr[5];
	m->edns_flags = dns_get16(rr + 6);
}

/* Parse one record at p->off into m->rr[m_idx]; *is_opt says it was OPT. */
static int
parse_rr(struct dns_msg *m, struct parse *p, size_t idx, enum dns_section s,
    int *is_opt)
{
	struct dns_rr *rr = &m->rr[idx];

	if (dns_name_read(p->pkt, p->len, &p->off, &rr->name) < 0 ||
	    p->len - p->off < 10)
		return -1;
	const uint8_t *h = p->pkt + p->off;
	rr->type = dns_get16(h);
	rr->class = dns_get16(h + 2);
	rr->ttl = dns_get32(h + 4);
	if (rr->ttl > 0x7fffffffu)
		rr->ttl = 0;	/* RFC 2181 section 8 */
	uint16_t rdlen = dns_get16(h + 8);
	p->off += 10;
	if (p->len - p->off < rdlen)
		return -1;
	*is_opt = rr->type == DNS_T_OPT;
	if (*is_opt) {
		if (s != DNS_S_AR || m->edns || rr->name.len != 1)
			return -1;
		take_opt(m, h);
		p->off += rdlen;
		return 0;
	}
	size_t max = dns_rdata_expand_max(rr->type, rdlen);
	if (arena_reserve(m, p, max) < 0)
		return -2;
	int n = dns_rdata_expand(rr->type, p->pkt, p->len, p->off, rdlen,
	    m->arena + p->alen, max);
	if (n < 0 || n > 0xffff)
		return -1;
	rr->rdlen = (uint16_t)n;
	p->rdoff[idx] = p->alen;
	p->alen += (size_t)n;
	p->off += rdlen;
	return 0;
}

static int
parse_questions(struct dns_msg *m, struct parse *p)
{
	for (unsigned i = 0; i < m->qdcount; i++) {
		struct dns_name nm;
		if (dns_name_read(p->pkt, p->len, &p->off, &nm) < 0 ||
		    p->len - p->off < 4)
			return -1;
		if (i == 0) {
			m->qname = nm;
			m->qtype = dns_get16(p->pkt + p->off);
			m->qclass = dns_get16(p->pkt + p->off + 2);
		}
		p->off += 4;
	}
	return 0;
}

static int
parse_sections(struct dns_msg *m, struct parse *p, const uint16_t hc[4])
{
	size_t idx = 0;

	for (int s = DNS_S_AN; s <= DNS_S_AR; s++) {
		for (unsigned i = 0; i < hc[s]; i++) {
			int opt = 0;
			int rc = parse_rr(m, p, idx, (enum dns_section)s, &opt);
			if (rc < 0)
				return rc;
			if (!opt) {
				idx++;
				m->count[s]++;
			}
		}
	}
	for (size_t i = 0; i < idx; i++)
		m->rr[i].rdata = m->arena + p->rdoff[i];
	return 0;
}

int
dns_parse_msg(const uint8_t *pkt, size_t len, struct dns_msg *m)
{
	struct parse p = { .pkt = pkt, .len = len, .off = DNS_HDR_LEN };
	uint16_t hc[4];
	int rc = -1;

	memset(m, 0, sizeof *m);
	if (len < DNS_HDR_LEN)
		goto bad;
	m->id = dns_get16(pkt);
	m->flags = dns_get16(pkt + 2);
	for (int s = 0; s < 4; s++)
		hc[s] = dns_get16(pkt + 4 + 2 * s);
	m->qdcount = hc[0];
	/* Every record needs at least 11 octets: reject absurd counts before
	 * allocating for them. */
	size_t nrr = (size_t)hc[1] + hc[2] + hc[3];
	if (nrr * 11 + (size_t)hc[0] * 5 > len - DNS_HDR_LEN)
		goto bad;
	m->rr = calloc(nrr ? nrr : 1, sizeof *m->rr);
	p.rdoff = calloc(nrr ? nrr : 1, sizeof *p.rdoff);
	if (m->rr == NULL || p.rdoff == NULL) {
		rc = -2;
		goto bad;
	}
	if (parse_questions(m, &p) < 0)
		goto bad;
	if ((rc = parse_sections(m, &p, hc)) < 0)
		goto bad;
	free(p.rdoff);
	return 0;
bad:
	free(p.rdoff);
	dns_msg_free(m);
	errno = rc == -2 ? ENOMEM : EBADMSG;
	return -1;
}

void
dns_msg_free(struct dns_msg *m)
{
	free(m->rr);
	free(m->arena);
	m->rr = NULL;
	m->arena = NULL;
	memset(m->count, 0, sizeof m->count);
}
