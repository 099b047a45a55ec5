/*
 * fuzz_query.c: libFuzzer target for the wire codec.  The input is one
 * DNS message, as a client or an upstream server could send it:
 *   1. dns_parse_query() as the server does, then the reply it would
 *      build (with a TC cut at 512 octets) must parse again, and the
 *      cache's prepared reply for it must be the same octets as
 *      reply_build()'s (or be refused where that one needs TC);
 *   2. dns_parse_msg() as the upstream path does; every record is
 *      written back with compression and the result must parse to the
 *      same records (names, types, RDATA) -- this exercises the
 *      compression matcher on arbitrary names.
 * The input is copied to an exact-size heap buffer so ASan sees any read
 * past its end.  Any violated invariant aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "prepared.h"
#include "reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Names the violated invariant, so a crash report says which one. */
#define check(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz_query.c:%d: %s\n", __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/*
 * Record data must survive the round trip.  Names inside the RDATA of the
 * RFC 1035 types are compressed on output, and compression matches case-
 * insensitively on purpose (answers echo the client's spelling of the
 * question), so there the same name may come back in another case.
 */
static int
same_rdata(uint16_t type, const uint8_t *a, const uint8_t *b, size_t len)
{
	if (!dns_rdata_compressible(type))
		return memcmp(a, b, len) == 0;
	for (size_t i = 0; i < len; i++) {
		uint8_t x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return 0;
	}
	return 1;
}

/* The first nan records of ans, prepared as the cache does, must give
 * reply_build()'s octets for q at its UDP limit (aged 3 s). */
static void
prepared_path(const struct dns_query *q, struct answer *ans, uint16_t nan)
{
	static uint8_t want[DNS_EDNS_UDP], got[DNS_EDNS_UDP];
	struct dns_name key = q->qname;
	struct answer *a = malloc(sizeof *a + ans->len);
	struct prepared *p;

	if (a == NULL)
		return;
	*a = *ans;
	a->count[DNS_S_AN] = nan;
	a->len = ans->len / ans->count[DNS_S_AN] * nan;
	memcpy(a->data, ans->data, a->len);
	dns_name_lower(&key);
	if ((p = prepared_new(&key, q->qtype, q->qclass, a)) != NULL) {
		size_t limit = reply_udp_limit(q);
		size_t wn = reply_build(want, limit, q, a, 0, 3);
		size_t gn = prepared_write(p, got, limit, q, 3);
		if (gn == 0)
			check(want[2] & (DNS_F_TC >> 8));
		else
			check(gn == wn && memcmp(got, want, wn) == 0);
		prepared_free(p);
	}
	free(a);
}

static void
query_path(const uint8_t *pkt, size_t len)
{
	struct dns_query q;
	struct dns_msg m;
	uint8_t out[512];
	static const uint8_t a[4] = { 192, 0, 2, 1 };

	if (dns_parse_query(pkt, len, &q) != DNS_R_NOERROR)
		return;
	struct dns_rr rr[20];
	for (int i = 0; i < 20; i++)
		rr[i] = (struct dns_rr){ .name = q.qname, .type = DNS_T_A,
		    .class = DNS_C_IN, .ttl = 5, .rdlen = 4, .rdata = a };
	struct bq_result r = { .status = BQ_ANSWER, .an = rr, .nan = 20 };
	struct answer *ans = answer_new(&r, 3600, 3600);
	if (ans == NULL)
		return;
	size_t n = reply_build(out, sizeof out, &q, ans, 0, 0);
	check(n <= sizeof out);
	check(dns_parse_msg(out, n, &m) == 0);
	check(m.id == q.id && m.qdcount == 1 && dns_name_eq(&m.qname, &q.qname));
	dns_msg_free(&m);
	prepared_path(&q, ans, 1 + len % 20);
	free(ans);
}

static void
roundtrip(const uint8_t *pkt, size_t len)
{
	struct dns_msg m, m2;
	static uint8_t out[65535];
	struct dns_writer w;

	if (dns_parse_msg(pkt, len, &m) < 0)
		return;
	dns_w_init(&w, out, sizeof out, m.id, m.flags);
	if (m.qdcount > 0)
		dns_w_question(&w, &m.qname, m.qtype, m.qclass);
	size_t nrr = (size_t)m.count[1] + m.count[2] + m.count[3], k = 0;
	for (int s = DNS_S_AN; s <= DNS_S_AR; s++)
		for (unsigned i = 0; i < m.count[s]; i++, k++)
			if (dns_w_rr(&w, (enum dns_section)s, &m.rr[k]) < 0)
				goto out;	/* expanded past 64 KiB */
	size_t n = dns_w_finish(&w);
	check(dns_parse_msg(out, n, &m2) == 0);
	check((size_t)m2.count[1] + m2.count[2] + m2.count[3] == nrr);
	for (size_t i = 0; i < nrr; i++) {
		check(dns_name_eq(&m.rr[i].name, &m2.rr[i].name));
		check(m.rr[i].type == m2.rr[i].type);
		check(m.rr[i].rdlen == m2.rr[i].rdlen);
		check(same_rdata(m.rr[i].type, m.rr[i].rdata, m2.rr[i].rdata,
		    m.rr[i].rdlen));
	}
	dns_msg_free(&m2);
out:
	dns_msg_free(&m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *pkt;

	if (size > 65535)
		return 0;
	if ((pkt = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(pkt, data, size);
	query_path(pkt, size);
	roundtrip(pkt, size);
	free(pkt);
	return 0;
}
