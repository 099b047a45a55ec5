/* test_core.c: cache (TTL, RFC 2308, memory bound), hosts database,
 * reply building with TC, upstream reply validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "answer.h"
#include "cache.h"
#include "hosts.h"
#include "log.h"
#include "reply.h"
#include "upstream.h"
#include "test_names.h"

static struct answer *
a_answer(const char *name, uint32_t ttl, int naddr)
{
	static uint8_t ip[64][4];
	struct dns_rr rr[64];
	struct bq_result r = { .status = BQ_ANSWER, .an = rr,
	    .nan = (size_t)naddr };
	for (int i = 0; i < naddr; i++) {
		ip[i][0] = 10;
		ip[i][3] = (uint8_t)i;
		rr[i] = (struct dns_rr){ .name = N(name), .type = DNS_T_A,
		    .class = DNS_C_IN, .ttl = ttl, .rdlen = 4, .rdata = ip[i] };
	}
	return answer_new(&r, 86400, 3600);
}

static void
test_cache_ttl(void **state)
{
	struct cache *c = cache_new(1 << 20);
	struct dns_name n = N("www.Example.org"), lc = N("WWW.example.ORG");
	uint32_t age;
	(void)state;

	cache_put(c, &n, DNS_T_A, DNS_C_IN, a_answer("www.example.org", 60, 2),
	    1000);
	const struct answer *a = cache_get(c, &lc, DNS_T_A, DNS_C_IN, 11500,
	    &age, NULL);
	assert_non_null(a);
	assert_int_equal(age, 10);
	assert_int_equal(a->count[DNS_S_AN], 2);
	assert_null(cache_get(c, &lc, DNS_T_AAAA, DNS_C_IN, 11500, &age, NULL));
	/* expired at 61 s */
	assert_null(cache_get(c, &n, DNS_T_A, DNS_C_IN, 61000, &age, NULL));
	struct cache_stats st;
	cache_get_stats(c, &st);
	assert_int_equal(st.entries, 0);
	assert_int_equal(st.expired, 1);
	/* TTL 0 is never stored */
	cache_put(c, &n, DNS_T_A, DNS_C_IN, a_answer("x", 0, 1), 1000);
	cache_get_stats(c, &st);
	assert_int_equal(st.entries, 0);
	cache_free(c);
}

/* RFC 2308: NXDOMAIN for any type covers all types of the name, for
 * min(SOA TTL, SOA MINIMUM) capped by negative-max-ttl. */
static void
test_cache_negative(void **state)
{
	struct cache *c = cache_new(1 << 20);
	struct dns_name n = N("gone.example");
	uint8_t soa[2 + 20];
	struct dns_rr rr = { .name = N("example"), .type = DNS_T_SOA,
	    .class = DNS_C_IN, .ttl = 900, .rdlen = sizeof soa, .rdata = soa };
	struct bq_result r = { .status = BQ_NXDOMAIN, .ns = &rr, .nns = 1 };
	uint32_t age;
	(void)state;

	memset(soa, 0, sizeof soa);
	dns_put32(soa + 2 + 16, 300);	/* MINIMUM */
	struct answer *a = answer_new(&r, 86400, 3600);
	assert_int_equal(a->ttl, 300);
	assert_int_equal(a->rcode, DNS_R_NXDOMAIN);
	cache_put(c, &n, DNS_T_A, DNS_C_IN, a, 0);
	const struct answer *got = cache_get(c, &n, DNS_T_AAAA, DNS_C_IN,
	    299000, &age, NULL);
	assert_non_null(got);
	assert_int_equal(got->rcode, DNS_R_NXDOMAIN);
	assert_null(cache_get(c, &n, DNS_T_MX, DNS_C_IN, 300000, &age, NULL));
	/* cap */
	dns_put32(soa + 2 + 16, 99999);
	a = answer_new(&r, 86400, 60);
	assert_int_equal(a->ttl, 60);
	free(a);
	/* NODATA is per type */
	r.status = BQ_NODATA;
	r.nns = 0;
	r.neg_ttl = 20;
	cache_put(c, &n, DNS_T_AAAA, DNS_C_IN, answer_new(&r, 86400, 3600), 0);
	assert_non_null(cache_get(c, &n, DNS_T_AAAA, DNS_C_IN, 1000, &age, NULL));
	assert_null(cache_get(c, &n, DNS_T_A, DNS_C_IN, 1000, &age, NULL));
	cache_free(c);
}

static void
test_cache_bound(void **state)
{
	size_t max = 64 * 1024;
	struct cache *c = cache_new(max);
	struct cache_stats st;
	uint32_t age;
	char name[64];
	(void)state;

	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof name, "host%d.example", i);
		struct dns_name n = N(name);
		cache_put(c, &n, DNS_T_A, DNS_C_IN, a_answer(name, 300, 3), 0);
		cache_get_stats(c, &st);
		assert_true(st.bytes <= max);
		if (i == 10) {	/* keep host0 in use: LRU keeps it */
			struct dns_name h0 = N("host0.example");
			assert_non_null(cache_get(c, &h0, DNS_T_A, DNS_C_IN, 0,
			    &age, NULL));
		}
	}
	assert_true(st.evictions > 4000);
	snprintf(name, sizeof name, "host4999.example");
	struct dns_name last = N(name), first = N("host1.example");
	assert_non_null(cache_get(c, &last, DNS_T_A, DNS_C_IN, 0, &age, NULL));
	assert_null(cache_get(c, &first, DNS_T_A, DNS_C_IN, 0, &age, NULL));
	/* an answer bigger than half the cache is not kept */
	cache_put(c, &last, DNS_T_A, DNS_C_IN, a_answer(name, 300, 64), 0);
	cache_clear(c);
	cache_get_stats(c, &st);
	assert_int_equal(st.entries, 0);
	cache_free(c);
}

static const char hosts_text[] =
    "# comment\n"
    "127.0.0.1\tlocalhost\n"
    "10.0.0.1 Alpha alpha.lan   # trailing\n"
    "10.0.0.2 alpha\n"
    "fd00::1 alpha\n"
    "10.0.0.3 beta\n"
    "10.0.0.1 other\n"
    "bogus line\n"
    "10.0.0.9\n"
    "10.0.0.4 bad..name good\n";

static void
test_hosts_db(void **state)
{
	struct hosts_db *db = hosts_db_new();
	struct hosts_addr out[8];
	bool exists;
	(void)state;

	log_set_level(LOG_ERR);
	assert_int_equal(hosts_db_parse(db, "h", hosts_text), 8);
	struct dns_name n = N("ALPHA");
	assert_int_equal(hosts_db_find(db, &n, AF_INET, out, 8, &exists), 2);
	assert_true(exists);
	assert_int_equal(out[0].a[3], 1);	/* file order */
	assert_int_equal(out[1].a[3], 2);
	assert_int_equal(hosts_db_find(db, &n, 0, out, 8, &exists), 3);
	n = N("beta");
	assert_int_equal(hosts_db_find(db, &n, AF_INET6, out, 8, &exists), 0);
	assert_true(exists);			/* NODATA, not NXDOMAIN */
	n = N("gamma");
	assert_int_equal(hosts_db_find(db, &n, 0, out, 8, &exists), 0);
	assert_false(exists);
	n = N("good");
	assert_int_equal(hosts_db_find(db, &n, 0, out, 8, &exists), 1);
	struct hosts_addr a = { .af = AF_INET, .a = { 10, 0, 0, 1 } };
	const struct dns_name *r = hosts_db_rev(db, &a);
	struct dns_name want = N("Alpha");
	assert_non_null(r);
	assert_memory_equal(r->wire, want.wire, want.len);	/* case kept */
	a.a[3] = 77;
	assert_null(hosts_db_rev(db, &a));
	hosts_db_free(db);
}

/* 40 A records do not fit 512 octets: TC, and the count in the header
 * is exactly the records present. */
static void
test_reply_truncation(void **state)
{
	struct answer *a = a_answer("many.example", 60, 40);
	struct dns_query q = { .id = 9, .flags = DNS_F_RD,
	    .has_question = true, .qtype = DNS_T_A, .qclass = DNS_C_IN };
	uint8_t buf[65535];
	struct dns_msg m;
	(void)state;

	q.qname = N("MANY.example");
	size_t len = reply_build(buf, reply_udp_limit(&q), &q, a, 0, 5);
	assert_true(len <= 512);
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	assert_true(m.flags & DNS_F_TC);
	assert_true(m.flags & DNS_F_RD);
	assert_int_equal(m.id, 9);
	assert_true(m.count[DNS_S_AN] > 20 && m.count[DNS_S_AN] < 40);
	assert_int_equal(m.rr[0].ttl, 55);
	/* owner names echo the client's spelling through compression */
	assert_memory_equal(m.rr[0].name.wire, q.qname.wire, q.qname.len);
	dns_msg_free(&m);
	/* with EDNS0 (1232) it fits, and the OPT record is there */
	q.edns = true;
	q.edns_udp = 4096;
	len = reply_build(buf, reply_udp_limit(&q), &q, a, 0, 0);
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	assert_false(m.flags & DNS_F_TC);
	assert_int_equal(m.count[DNS_S_AN], 40);
	assert_true(m.edns);
	dns_msg_free(&m);
	/* over TCP everything fits */
	q.edns = false;
	len = reply_build(buf, sizeof buf, &q, a, 0, 0);
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	assert_int_equal(m.count[DNS_S_AN], 40);
	dns_msg_free(&m);
	free(a);
	/* BADVERS is an extended rcode: 16 = 1 << 4 in the OPT, 0 in hdr */
	q.edns = true;
	len = reply_build(buf, 512, &q, NULL, DNS_R_BADVERS, 0);
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	assert_int_equal(dns_msg_rcode(&m), DNS_R_BADVERS);
	dns_msg_free(&m);
}

static void
test_upstream_match(void **state)
{
	uint8_t buf[512];
	struct dns_writer w;
	struct dns_msg m;
	struct bquery q = { .qtype = DNS_T_A, .qclass = DNS_C_IN };
	(void)state;

	q.qname = N("a.example");
	struct dns_name spelt = N("A.EXAMPLE");
	dns_w_init(&w, buf, sizeof buf, 77, DNS_F_QR | DNS_F_RD);
	dns_w_question(&w, &spelt, DNS_T_A, DNS_C_IN);
	size_t len = dns_w_finish(&w);
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	assert_int_equal(upstream_match(&m, 77, &q), 0);
	assert_int_equal(upstream_match(&m, 78, &q), -1);
	q.qtype = DNS_T_AAAA;
	assert_int_equal(upstream_match(&m, 77, &q), -1);
	q.qtype = DNS_T_A;
	m.flags &= (uint16_t)~DNS_F_QR;
	assert_int_equal(upstream_match(&m, 77, &q), -1);
	dns_msg_free(&m);
	q.qname = N("b.example");
	assert_int_equal(dns_parse_msg(buf, len, &m), 0);
	assert_int_equal(upstream_match(&m, 77, &q), -1);
	dns_msg_free(&m);
	struct sockaddr_storage ss;
	assert_int_equal(upstream_parse_server("::1#5300", &ss), 0);
	assert_int_equal(upstream_parse_server("1.2.3.4#", &ss), -1);
	assert_int_equal(upstream_parse_server("1.2.3.4#70000", &ss), -1);
	assert_int_equal(upstream_parse_server("host", &ss), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_ttl),
		cmocka_unit_test(test_cache_negative),
		cmocka_unit_test(test_cache_bound),
		cmocka_unit_test(test_hosts_db),
		cmocka_unit_test(test_reply_truncation),
		cmocka_unit_test(test_upstream_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
