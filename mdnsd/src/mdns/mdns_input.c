/*
 * The querier's receive path: every datagram is checked (mdns_check.h),
 * parsed by the core's codec, and its answer and additional records go
 * into the cache (RFC 6762 section 10).  NSEC records become negative
 * entries for the types they deny (section 6.1).  Rounds waiting for one
 * of the names are then told.
 */
#include <errno.h>
#include <string.h>

#include "mdns_querier_int.h"

static int
id_ok(uint16_t id, void *arg)
{
	struct mdns_querier *q = arg;

	/* In port-5353 mode unicast replies are QU answers with ID 0. */
	if (q->sock.port5353)
		return 1;
	for (struct mdns_round *r = q->rounds; r; r = r->next)
		if (r->id == id)
			return 1;
	for (unsigned i = 0; i < MDNS_RECENT_IDS; i++)
		if (q->recent[i].id == id && q->recent[i].until_ms > q->now_ms)
			return 1;
	return 0;
}

/* 1 when the NSEC type bitmap (RFC 4034 4.1.2) lists type (< 256 only). */
static int
nsec_has(const uint8_t *bm, size_t len, uint16_t type)
{
	size_t off = 0;

	while (off + 2 <= len) {
		uint8_t win = bm[off], blen = bm[off + 1];
		if (blen == 0 || blen > 32 || off + 2 + blen > len)
			return 1;	/* malformed: deny nothing */
		if (win == type >> 8)
			return (type & 0xff) / 8 < blen &&
			    (bm[off + 2 + (type & 0xff) / 8] &
			     (0x80 >> (type & 7)));
		off += 2 + (size_t)blen;
	}
	return 0;
}

static void
take_nsec(struct mdns_querier *q, const struct dns_rr *rr, uint64_t now_ms)
{
	static const uint16_t types[] = { DNS_T_A, DNS_T_AAAA, DNS_T_PTR,
	    DNS_T_SRV, DNS_T_TXT };
	size_t nlen = 0;

	/* The next-domain name is uncompressed; skip its labels. */
	while (nlen < rr->rdlen && rr->rdata[nlen])
		nlen += 1 + (size_t)rr->rdata[nlen];
	if (++nlen > rr->rdlen || rr->ttl == 0)
		return;
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (!nsec_has(rr->rdata + nlen, rr->rdlen - nlen, types[i]))
			mdns_cache_add_negative(q->cache, &rr->name, types[i],
			    rr->ttl, now_ms);
}

static void
take_rr(struct mdns_querier *q, const struct dns_rr *rr, unsigned ifindex,
    uint64_t now_ms)
{
	struct mdns_rr m = {
		.name = &rr->name, .type = rr->type,
		.rclass = rr->class & 0x7fff,
		.cache_flush = rr->class >> 15, .ttl = rr->ttl,
		.rdlen = rr->rdlen, .rdata = rr->rdata, .ifindex = ifindex,
	};

	if (m.rclass != DNS_C_IN || rr->type == DNS_T_OPT)
		return;
	if (rr->type == DNS_T_NSEC)
		take_nsec(q, rr, now_ms);
	else
		mdns_cache_add(q->cache, &m, now_ms);
}

/* Tell each round whose name (or an answer's name) appeared. */
static void
wake_rounds(struct mdns_querier *q, const struct dns_msg *m, uint64_t now_ms)
{
	size_t n = (size_t)m->count[DNS_S_AN] + m->count[DNS_S_NS] +
	    m->count[DNS_S_AR];
	struct mdns_round *r, *next;

	for (r = q->rounds; r; r = next) {
		next = r->next;	/* the round may finish and go */
		for (size_t i = 0; i < n; i++)
			if ((m->rr[i].class & 0x7fff) == DNS_C_IN &&
			    dns_name_eq(&m->rr[i].name, &r->name)) {
				mdns_round_answered(q, r, now_ms);
				break;
			}
	}
}

enum mdns_verdict
mdns_process(struct mdns_querier *q, const uint8_t *pkt, size_t len,
    const struct mdns_pktinfo *pi, uint64_t now_ms)
{
	enum mdns_verdict v = mdns_check_source(pi, &q->links,
	    q->conf->check_ttl);
	struct dns_msg m;
	size_t i, n;

	q->now_ms = now_ms;
	if (v == MDNS_OK)
		v = mdns_check_header(pkt, len, pi, id_ok, q);
	if (v != MDNS_OK) {
		q->stats.dropped[v]++;
		return v;
	}
	if (dns_parse_msg(pkt, len, &m) < 0) {
		q->stats.malformed++;
		return MDNS_OK;
	}
	q->stats.responses++;
	/* Questions are ignored (section 6); the authority section of a
	 * response holds nothing a querier uses, so only AN and AR count. */
	n = (size_t)m.count[DNS_S_AN] + m.count[DNS_S_NS] + m.count[DNS_S_AR];
	for (i = 0; i < n; i++)
		if (i < m.count[DNS_S_AN] ||
		    i >= (size_t)m.count[DNS_S_AN] + m.count[DNS_S_NS])
			take_rr(q, &m.rr[i], pi->ifindex, now_ms);
	wake_rounds(q, &m, now_ms);
	dns_msg_free(&m);
	return MDNS_OK;
}

void
mdns_querier_input(struct mdns_querier *q, int fd, uint64_t now_ms)
{
	struct mdns_pktinfo pi;

	/* Bounded, so a flood cannot starve the rest of the loop. */
	for (int i = 0; i < 64; i++) {
		ssize_t n = mdns_sock_recv(fd, q->buf, sizeof q->buf, &pi);
		if (n < 0) {
			if (errno == EMSGSIZE || errno == EINTR)
				continue;
			return;
		}
		mdns_process(q, q->buf, (size_t)n, &pi, now_ms);
	}
}
