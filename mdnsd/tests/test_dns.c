/* test_dns.c: unit tests of the wire codec (dns.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "dns.h"
#include "test_names.h"

static void
test_name_text(void **state)
{
	struct dns_name n;
	char buf[DNS_TEXT_MAX];
	(void)state;

	n = N("www.Example.com");
	assert_int_equal(n.len, 17);
	assert_int_equal(dns_name_to_text(&n, buf, sizeof buf), 16);
	assert_string_equal(buf, "www.Example.com.");
	n = N("a\\.b.c.");
	assert_int_equal(dns_name_labels(&n), 2);
	dns_name_to_text(&n, buf, sizeof buf);
	assert_string_equal(buf, "a\\.b.c.");
	n = N("\\000x");
	dns_name_to_text(&n, buf, sizeof buf);
	assert_string_equal(buf, "\\000x.");
	n = N(".");
	assert_int_equal(n.len, 1);
	assert_int_equal(dns_name_to_text(&n, buf, sizeof buf), 1);
	assert_int_equal(dns_name_to_text(&n, buf, 1), -1);
}

static void
test_name_text_errors(void **state)
{
	struct dns_name n;
	char big[400];
	(void)state;

	assert_int_equal(dns_name_from_text(&n, ""), -1);
	assert_int_equal(dns_name_from_text(&n, "a..b"), -1);
	assert_int_equal(dns_name_from_text(&n, ".a"), -1);
	assert_int_equal(dns_name_from_text(&n, "a\\"), -1);
	assert_int_equal(dns_name_from_text(&n, "a\\25"), -1);
	assert_int_equal(dns_name_from_text(&n, "a\\256"), -1);
	memset(big, 'x', 64);
	big[64] = '\0';
	assert_int_equal(dns_name_from_text(&n, big), -1);
	big[63] = '\0';
	assert_int_equal(dns_name_from_text(&n, big), 0);
	/* 4 x 63-octet labels = 256 octets in wire form: one too many. */
	for (int i = 0; i < 4; i++) {
		memset(big + 64 * i, 'y', 63);
		big[64 * i + 63] = '.';
	}
	big[255] = '\0';
	assert_int_equal(dns_name_from_text(&n, big), -1);
	big[64 * 3 + 61] = '\0';	/* 63+63+63+61 labels: 255 octets */
	assert_int_equal(dns_name_from_text(&n, big), 0);
	assert_int_equal(n.len, 255);
}

static void
test_name_compare(void **state)
{
	struct dns_name a = N("Host.LOCAL"), b = N("host.local.");
	struct dns_name z = N("local"), root = N("."), y = N("ocal");
	(void)state;

	assert_true(dns_name_eq(&a, &b));
	assert_int_equal(dns_name_hash(&a), dns_name_hash(&b));
	assert_true(dns_name_in_zone(&a, &z));
	assert_true(dns_name_in_zone(&a, &root));
	assert_true(dns_name_in_zone(&z, &z));
	assert_false(dns_name_in_zone(&a, &y));
	assert_false(dns_name_in_zone(&z, &a));
	dns_name_lower(&a);
	assert_memory_equal(a.wire, "\4host\5local", 12);
}

static void
test_name_read_bad(void **state)
{
	struct dns_name n;
	size_t off;
	(void)state;

	/* [0] pointer to itself */
	const uint8_t self[] = { 0xc0, 0x00 };
	off = 0;
	assert_int_equal(dns_name_read(self, sizeof self, &off, &n), -1);
	/* [0] label 1 'a', [2] pointer forward to 4, [4] root */
	const uint8_t fwd[] = { 1, 'a', 0xc0, 4, 0 };
	off = 0;
	assert_int_equal(dns_name_read(fwd, sizeof fwd, &off, &n), -1);
	/* [0] root; [1] 'a' then pointer back to 1: a loop */
	const uint8_t loop[] = { 0, 1, 'a', 0xc0, 1 };
	off = 1;
	assert_int_equal(dns_name_read(loop, sizeof loop, &off, &n), -1);
	const uint8_t reserved[] = { 0x41, 'a', 0 };
	off = 0;
	assert_int_equal(dns_name_read(reserved, sizeof reserved, &off, &n), -1);
	const uint8_t cut[] = { 3, 'a', 'b' };
	off = 0;
	assert_int_equal(dns_name_read(cut, sizeof cut, &off, &n), -1);
	const uint8_t cutptr[] = { 0, 0xc0 };
	off = 1;
	assert_int_equal(dns_name_read(cutptr, sizeof cutptr, &off, &n), -1);
	/* Good: [0] 1 'b' 0, [3] 1 'a' ptr->0 */
	const uint8_t ok[] = { 1, 'b', 0, 1, 'a', 0xc0, 0 };
	off = 3;
	assert_int_equal(dns_name_read(ok, sizeof ok, &off, &n), 0);
	assert_int_equal(off, 7);
	assert_int_equal(n.len, 5);
	assert_memory_equal(n.wire, "\1a\1b", 5);
}

/* A name expanding past 255 octets through pointers is rejected. */
static void
test_name_read_long(void **state)
{
	uint8_t pkt[600];
	size_t p = 0, off;
	struct dns_name n;
	(void)state;

	/* Five 60-octet labels at 0..305, each followed by a pointer to the
	 * previous chunk: 5 * 61 + 1 = 306 octets when expanded. */
	pkt[p++] = 0;
	size_t prev = 0;
	for (int i = 0; i < 5; i++) {
		size_t here = p;
		pkt[p++] = 60;
		memset(pkt + p, 'a' + i, 60);
		p += 60;
		pkt[p++] = 0xc0 | (uint8_t)(prev >> 8);
		pkt[p++] = (uint8_t)prev;
		prev = here;
	}
	off = prev;
	assert_int_equal(dns_name_read(pkt, p, &off, &n), -1);
}

static void
test_revname(void **state)
{
	struct dns_name n;
	uint8_t v4[4] = { 192, 0, 2, 10 }, v6[16] = { 0xfe, 0x80 }, got[16];
	char buf[DNS_TEXT_MAX];
	(void)state;

	v6[15] = 0x1f;
	assert_int_equal(dns_name_from_addr(&n, AF_INET, v4), 0);
	dns_name_to_text(&n, buf, sizeof buf);
	assert_string_equal(buf, "10.2.0.192.in-addr.arpa.");
	assert_int_equal(dns_name_to_addr(&n, got), AF_INET);
	assert_memory_equal(got, v4, 4);
	assert_int_equal(dns_name_from_addr(&n, AF_INET6, v6), 0);
	dns_name_to_text(&n, buf, sizeof buf);
	assert_string_equal(buf, "f.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa.");
	assert_int_equal(dns_name_to_addr(&n, got), AF_INET6);
	assert_memory_equal(got, v6, 16);
	n = N("2.0.192.in-addr.arpa");
	assert_int_equal(dns_name_to_addr(&n, got), 0);
	n = N("256.2.0.192.in-addr.arpa");
	assert_int_equal(dns_name_to_addr(&n, got), 0);
	n = N("01.2.0.192.in-addr.arpa");
	assert_int_equal(dns_name_to_addr(&n, got), 0);
	assert_int_equal(dns_name_from_addr(&n, 12345, v4), -1);
}

/* [0:12) header id 0x1234 RD; [12:) question www.example.com A IN */
static const uint8_t query_a[] = {
	0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
	3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
	3, 'c', 'o', 'm', 0, 0, 1, 0, 1,
};

/* The same with an OPT record: [33:44) root, OPT, 4096, v0, DO. */
static const uint8_t query_opt[] = {
	0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1,
	3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
	3, 'c', 'o', 'm', 0, 0, 1, 0, 1,
	0, 0, 41, 0x10, 0x00, 0, 0, 0x80, 0x00, 0, 0,
};

static int
parse_mutated(const uint8_t *base, size_t len, size_t at, uint8_t v,
    size_t cut, struct dns_query *q)
{
	uint8_t pkt[512];
	memcpy(pkt, base, len);
	if (at < len)
		pkt[at] = v;
	return dns_parse_query(pkt, cut ? cut : len, q);
}

static void
test_query_ok(void **state)
{
	struct dns_query q;
	(void)state;

	assert_int_equal(dns_parse_query(query_a, sizeof query_a, &q), 0);
	assert_int_equal(q.id, 0x1234);
	assert_int_equal(q.qtype, DNS_T_A);
	assert_int_equal(q.qclass, DNS_C_IN);
	assert_false(q.edns);
	struct dns_name w = N("www.example.com");
	assert_true(dns_name_eq(&q.qname, &w));
	assert_int_equal(dns_parse_query(query_opt, sizeof query_opt, &q), 0);
	assert_true(q.edns);
	assert_int_equal(q.edns_udp, 4096);
	assert_int_equal(q.edns_flags, DNS_EDNS_DO);
	/* payload size under 512 is read as 512 */
	assert_int_equal(parse_mutated(query_opt, sizeof query_opt, 36, 0, 0,
	    &q), 0);
	assert_int_equal(q.edns_udp, 512);
}

/* One mutation per rejection rule. */
static void
test_query_bad(void **state)
{
	struct dns_query q;
	const size_t L = sizeof query_a, LO = sizeof query_opt;
	(void)state;

	assert_int_equal(dns_parse_query(query_a, 11, &q), -1);
	assert_int_equal(parse_mutated(query_a, L, 2, 0x81, 0, &q), -1);
	assert_int_equal(parse_mutated(query_a, L, 5, 0, 0, &q),
	    DNS_R_FORMERR);
	assert_int_equal(parse_mutated(query_a, L, 5, 2, 0, &q),
	    DNS_R_FORMERR);
	assert_int_equal(q.id, 0x1234);
	/* question cut in the name, and in the type/class */
	assert_int_equal(parse_mutated(query_a, L, L, 0, 20, &q),
	    DNS_R_FORMERR);
	assert_false(q.has_question);
	assert_int_equal(parse_mutated(query_a, L, L, 0, L - 1, &q),
	    DNS_R_FORMERR);
	/* an answer count with no record behind it */
	assert_int_equal(parse_mutated(query_a, L, 7, 1, 0, &q),
	    DNS_R_FORMERR);
	assert_true(q.has_question);
	/* opcode 2 (STATUS) */
	assert_int_equal(parse_mutated(query_a, L, 2, 0x11, 0, &q),
	    DNS_R_NOTIMP);
	/* question type OPT */
	assert_int_equal(parse_mutated(query_a, L, 30, 41, 0, &q),
	    DNS_R_FORMERR);
	/* EDNS version 1 */
	assert_int_equal(parse_mutated(query_opt, LO, 39, 1, 0, &q),
	    DNS_R_BADVERS);
	/* OPT owner not the root: owner label pointer to the question */
	uint8_t p2[64];
	memcpy(p2, query_opt, LO);
	memmove(p2 + 34, p2 + 33, LO - 33);
	p2[33] = 0xc0;
	p2[34] = 12;
	assert_int_equal(dns_parse_query(p2, LO + 1, &q), DNS_R_FORMERR);
	/* OPT rdlen running past the end */
	assert_int_equal(parse_mutated(query_opt, LO, 43, 1, 0, &q),
	    DNS_R_FORMERR);
	/* two OPT records */
	memcpy(p2, query_opt, LO);
	memcpy(p2 + LO, query_opt + 33, 11);
	p2[11] = 2;
	assert_int_equal(dns_parse_query(p2, LO + 11, &q), DNS_R_FORMERR);
	/* OPT in the authority section */
	p2[0] = 0;
	memcpy(p2, query_opt, LO);
	p2[9] = 1;
	p2[11] = 0;
	assert_int_equal(dns_parse_query(p2, LO, &q), DNS_R_FORMERR);
}

static void
rr_init(struct dns_rr *rr, const char *name, uint16_t type,
    const void *rd, uint16_t rdlen)
{
	rr->name = N(name);
	rr->type = type;
	rr->class = DNS_C_IN;
	rr->ttl = 300;
	rr->rdata = rd;
	rr->rdlen = rdlen;
}

static void
test_write_compress(void **state)
{
	uint8_t buf[512];
	struct dns_writer w;
	struct dns_rr rr;
	struct dns_msg m;
	const uint8_t a[4] = { 192, 0, 2, 1 };
	struct dns_name target = N("mail.example.com");
	uint8_t mx[2 + DNS_NAME_MAX];
	(void)state;

	assert_int_equal(dns_w_init(&w, buf, sizeof buf, 7, DNS_F_QR), 0);
	struct dns_name q = N("www.example.com");
	assert_int_equal(dns_w_question(&w, &q, DNS_T_A, DNS_C_IN), 0);
	rr_init(&rr, "www.example.com", DNS_T_A, a, 4);
	assert_int_equal(dns_w_rr(&w, DNS_S_AN, &rr), 0);
	size_t before = w.len;
	assert_int_equal(dns_w_rr(&w, DNS_S_AN, &rr), 0);
	/* second owner is a 2-octet pointer to the question (0xc00c) */
	assert_int_equal(w.len - before, 2 + 10 + 4);
	assert_int_equal(dns_get16(buf + before), 0xc00c);
	dns_put16(mx, 10);
	memcpy(mx + 2, target.wire, target.len);
	rr_init(&rr, "example.com", DNS_T_MX, mx, (uint16_t)(2 + target.len));
	before = w.len;
	assert_int_equal(dns_w_rr(&w, DNS_S_AN, &rr), 0);
	/* owner pointer, header, preference, "mail" + pointer */
	assert_int_equal(w.len - before, 2 + 10 + 2 + 5 + 2);
	size_t len = dns_w_finish(&w);
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	assert_int_equal(m.count[DNS_S_AN], 3);
	assert_int_equal(m.rr[2].rdlen, 2 + target.len);
	assert_memory_equal(m.rr[2].rdata, mx, 2 + target.len);
	assert_true(dns_name_eq(&m.qname, &q));
	dns_msg_free(&m);
}

/* Repeated labels must not confuse suffix matching. */
static void
test_write_repeated_labels(void **state)
{
	uint8_t buf[512];
	struct dns_writer w;
	struct dns_msg m;
	const char *names[] = { "a.a.a.a", "a.a", "a", "b.a.a", "a.b.a.a",
	    "A.A.a" };
	(void)state;

	dns_w_init(&w, buf, sizeof buf, 1, DNS_F_QR);
	for (size_t i = 0; i < 6; i++) {
		struct dns_name n = N(names[i]);
		assert_int_equal(dns_w_question(&w, &n, DNS_T_A, DNS_C_IN), 0);
	}
	size_t len = dns_w_finish(&w);
	/* every question re-reads as what was written */
	size_t off = DNS_HDR_LEN;
	for (size_t i = 0; i < 6; i++) {
		struct dns_name got, want = N(names[i]);
		assert_int_equal(dns_name_read(buf, len, &off, &got), 0);
		assert_true(dns_name_eq(&got, &want));
		off += 4;
	}
	assert_int_equal(off, len);
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	assert_int_equal(m.qdcount, 6);
	dns_msg_free(&m);
}

/* SRV names are not compressed on output (RFC 3597 s4), TXT is opaque,
 * unknown types round-trip byte for byte. */
static void
test_write_no_compress(void **state)
{
	uint8_t buf[512], srv[6 + DNS_NAME_MAX];
	struct dns_writer w;
	struct dns_rr rr;
	struct dns_msg m;
	struct dns_name t = N("host.example");
	const uint8_t opaque[] = { 0xc0, 0x0c, 1, 2, 3 };
	(void)state;

	memset(srv, 0, 6);
	memcpy(srv + 6, t.wire, t.len);
	dns_w_init(&w, buf, sizeof buf, 1, DNS_F_QR);
	struct dns_name q = N("host.example");
	dns_w_question(&w, &q, DNS_T_SRV, DNS_C_IN);
	rr_init(&rr, "_x._tcp.host.example", DNS_T_SRV, srv,
	    (uint16_t)(6 + t.len));
	size_t before = w.len;
	assert_int_equal(dns_w_rr(&w, DNS_S_AN, &rr), 0);
	assert_int_equal(w.len - before, 3 + 5 + 2 + 10 + 6 + t.len);
	rr_init(&rr, "host.example", 65280, opaque, sizeof opaque);
	assert_int_equal(dns_w_rr(&w, DNS_S_AR, &rr), 0);
	size_t len = dns_w_finish(&w);
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	assert_int_equal(m.count[DNS_S_AN], 1);
	assert_int_equal(m.count[DNS_S_AR], 1);
	assert_int_equal(m.rr[1].type, 65280);
	assert_int_equal(m.rr[1].rdlen, sizeof opaque);
	assert_memory_equal(m.rr[1].rdata, opaque, sizeof opaque);
	dns_msg_free(&m);
	/* a malformed rdata (name running off the end) is refused */
	rr_init(&rr, "x", DNS_T_CNAME, "\5ab", 3);
	assert_int_equal(dns_w_rr(&w, DNS_S_AR, &rr), -1);
}

static void
test_write_full_and_rollback(void **state)
{
	uint8_t buf[64];
	struct dns_writer w;
	struct dns_rr rr;
	const uint8_t a[4] = { 10, 0, 0, 1 };
	(void)state;

	dns_w_init(&w, buf, sizeof buf, 1, DNS_F_QR);
	struct dns_name q = N("a.example");
	dns_w_question(&w, &q, DNS_T_A, DNS_C_IN);
	size_t mark = w.len;
	uint16_t cnt[4];
	memcpy(cnt, w.count, sizeof cnt);
	unsigned nct = w.nctab;
	rr_init(&rr, "b.example", DNS_T_A, a, 4);
	assert_int_equal(dns_w_rr(&w, DNS_S_AN, &rr), 0);
	assert_true(w.nctab > nct);
	size_t l1 = w.len;
	assert_int_equal(dns_w_rr(&w, DNS_S_AN, &rr), 0);
	/* 64 octets: a third one does not fit and changes nothing */
	size_t l2 = w.len;
	rr_init(&rr, "ccccccccccccccc.example", DNS_T_A, a, 4);
	assert_int_equal(dns_w_rr(&w, DNS_S_AN, &rr), -1);
	assert_int_equal(w.len, l2);
	assert_int_equal(w.count[DNS_S_AN], 2);
	dns_w_rollback(&w, mark, cnt);
	assert_int_equal(w.len, mark);
	assert_int_equal(w.count[DNS_S_AN], 0);
	assert_int_equal(w.nctab, nct);
	dns_w_set_flags(&w, DNS_F_TC);
	size_t len = dns_w_finish(&w);
	struct dns_msg m;
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	assert_true(m.flags & DNS_F_TC);
	assert_int_equal(m.count[DNS_S_AN], 0);
	dns_msg_free(&m);
	(void)l1;
	assert_int_equal(dns_w_init(&w, buf, 11, 0, 0), -1);
}

static void
test_msg_bad(void **state)
{
	struct dns_msg m;
	uint8_t buf[512];
	struct dns_writer w;
	struct dns_rr rr;
	const uint8_t a5[5] = { 1, 2, 3, 4, 5 };
	(void)state;

	dns_w_init(&w, buf, sizeof buf, 1, DNS_F_QR);
	rr_init(&rr, "x.example", 99, a5, 5);
	dns_w_rr(&w, DNS_S_AN, &rr);
	size_t len = dns_w_finish(&w);
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	dns_msg_free(&m);
	/* the same bytes as type A (rdlen 5) are malformed */
	dns_put16(buf + 12 + 11, DNS_T_A);
	assert_int_equal(dns_parse_msg(buf, len, &m), -1);
	/* absurd counts are rejected before allocating */
	dns_put16(buf + 6, 0xffff);
	assert_int_equal(dns_parse_msg(buf, len, &m), -1);
	assert_int_equal(dns_parse_msg(buf, 5, &m), -1);
	/* TTL with the top bit set reads as 0 */
	dns_w_init(&w, buf, sizeof buf, 1, DNS_F_QR);
	rr_init(&rr, "x.example", 99, a5, 5);
	rr.ttl = 0x80000001u;
	dns_w_rr(&w, DNS_S_AN, &rr);
	len = dns_w_finish(&w);
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	assert_int_equal(m.rr[0].ttl, 0);
	dns_msg_free(&m);
}

static void
test_types(void **state)
{
	char b[16];
	(void)state;
	assert_string_equal(dns_type_name(DNS_T_AAAA, b), "AAAA");
	assert_string_equal(dns_type_name(65280, b), "TYPE65280");
	assert_int_equal(dns_type_from_name("aaaa"), DNS_T_AAAA);
	assert_int_equal(dns_type_from_name("TYPE99"), 99);
	assert_int_equal(dns_type_from_name("TYPE0"), 0);
	assert_int_equal(dns_type_from_name("TYPE70000"), 0);
	assert_int_equal(dns_type_from_name("bogus"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_text),
		cmocka_unit_test(test_name_text_errors),
		cmocka_unit_test(test_name_compare),
		cmocka_unit_test(test_name_read_bad),
		cmocka_unit_test(test_name_read_long),
		cmocka_unit_test(test_revname),
		cmocka_unit_test(test_query_ok),
		cmocka_unit_test(test_query_bad),
		cmocka_unit_test(test_write_compress),
		cmocka_unit_test(test_write_repeated_labels),
		cmocka_unit_test(test_write_no_compress),
		cmocka_unit_test(test_write_full_and_rollback),
		cmocka_unit_test(test_msg_bad),
		cmocka_unit_test(test_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
