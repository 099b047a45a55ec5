/* test_prepared.c: a prepared reply (prepared.h) is octet for octet what
 * reply_build() makes, for every way a client's query may differ. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "answer.h"
#include "cache.h"
#include "prepared.h"
#include "reply.h"
#include "test_names.h"

/* www.example.org CNAME web.example.org, two A records, an NS and glue:
 * names compress into the question and into each other. */
static struct answer *
cname_answer(void)
{
	static uint8_t a1[4] = { 192, 0, 2, 1 }, a2[4] = { 192, 0, 2, 2 };
	struct dns_name target = N("web.example.org"), ns = N("ns.Example.org");
	struct dns_rr an[3] = {
		{ .name = N("www.example.org"), .type = DNS_T_CNAME,
		  .class = DNS_C_IN, .ttl = 300, .rdlen = target.len,
		  .rdata = target.wire },
		{ .name = target, .type = DNS_T_A, .class = DNS_C_IN,
		  .ttl = 60, .rdlen = 4, .rdata = a1 },
		{ .name = target, .type = DNS_T_A, .class = DNS_C_IN,
		  .ttl = 7, .rdlen = 4, .rdata = a2 },
	};
	struct dns_rr nsr = { .name = N("example.org"), .type = DNS_T_NS,
	    .class = DNS_C_IN, .ttl = 3600, .rdlen = ns.len, .rdata = ns.wire };
	struct dns_rr glue = { .name = ns, .type = DNS_T_A, .class = DNS_C_IN,
	    .ttl = 3600, .rdlen = 4, .rdata = a1 };
	struct bq_result r = { .status = BQ_ANSWER, .an = an, .nan = 3,
	    .ns = &nsr, .nns = 1, .ar = &glue, .nar = 1,
	    .authoritative = true };
	return answer_new(&r, 86400, 3600);
}

static void
same_as_reply_build(const struct prepared *p, const struct answer *a,
    const struct dns_query *q, uint32_t age, size_t limit)
{
	uint8_t want[65535], got[65535];
	size_t wl = reply_build(want, limit, q, a, 0, age);
	size_t gl = prepared_write(p, got, limit, q, age);

	assert_int_equal(gl, wl);
	assert_memory_equal(got, want, wl);
}

static void
test_prepared_equal(void **state)
{
	struct answer *a = cname_answer();
	struct dns_name key = N("www.example.org");
	struct prepared *p = prepared_new(&key, DNS_T_A, DNS_C_IN, a);
	struct dns_query q = { .has_question = true, .qtype = DNS_T_A,
	    .qclass = DNS_C_IN };
	(void)state;

	assert_non_null(p);
	const char *spell[] = { "www.example.org", "WwW.ExAmPlE.oRg" };
	for (int s = 0; s < 2; s++) {
		q.qname = N(spell[s]);
		const uint16_t flags[] = { 0, DNS_F_RD, DNS_F_CD,
		    DNS_F_RD | DNS_F_CD | DNS_F_AD };
		for (int f = 0; f < 4; f++) {
			q.id = (uint16_t)(0x1234 + f);
			q.flags = flags[f];
			q.edns = f & 1;
			q.edns_udp = f & 1 ? 4096 : 0;
			/* age 10 takes the 7 s TTL to 0, not below */
			same_as_reply_build(p, a, &q, (uint32_t)f * 5,
			    reply_udp_limit(&q));
		}
	}
	/* Fits a limit of exactly its length; one octet less gives 0, and
	 * the caller truncates the slow way. */
	uint8_t buf[512];
	size_t len;
	q.edns = false;
	len = prepared_write(p, buf, sizeof buf, &q, 0);
	assert_true(len > 0);
	assert_int_equal(prepared_write(p, buf, len, &q, 0), len);
	assert_int_equal(prepared_write(p, buf, len - 1, &q, 0), 0);
	prepared_free(p);
	free(a);
}

/* An NXDOMAIN entry answers every type: the question's type is patched. */
static void
test_prepared_negative(void **state)
{
	uint8_t soa[2 + 20] = { 0 };
	struct dns_rr rr = { .name = N("example"), .type = DNS_T_SOA,
	    .class = DNS_C_IN, .ttl = 900, .rdlen = sizeof soa, .rdata = soa };
	struct bq_result r = { .status = BQ_NXDOMAIN, .ns = &rr, .nns = 1 };
	struct answer *a = answer_new(&r, 86400, 3600);
	struct dns_name key = N("gone.example");
	struct prepared *p = prepared_new(&key, DNS_T_A, DNS_C_IN, a);
	struct dns_query q = { .id = 7, .flags = DNS_F_RD,
	    .has_question = true, .qtype = DNS_T_AAAA, .qclass = DNS_C_IN,
	    .edns = true, .edns_udp = 1232 };
	(void)state;

	assert_non_null(p);
	q.qname = N("GONE.example");
	same_as_reply_build(p, a, &q, 3, reply_udp_limit(&q));
	prepared_free(p);
	free(a);
}

/* Through the cache: a hit hands out the prepared reply with its age. */
static void
test_prepared_cached(void **state)
{
	struct cache *c = cache_new(1 << 20);
	struct dns_name key = N("www.example.org");
	const struct prepared *p = NULL;
	uint32_t age;
	(void)state;

	cache_put(c, &key, DNS_T_A, DNS_C_IN, cname_answer(), 1000);
	const struct answer *a = cache_get(c, &key, DNS_T_A, DNS_C_IN, 4000,
	    &age, &p);
	assert_non_null(a);
	assert_non_null(p);
	assert_int_equal(age, 3);
	struct dns_query q = { .id = 1, .has_question = true, .qname = key,
	    .qtype = DNS_T_A, .qclass = DNS_C_IN };
	same_as_reply_build(p, a, &q, age, reply_udp_limit(&q));
	cache_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prepared_equal),
		cmocka_unit_test(test_prepared_negative),
		cmocka_unit_test(test_prepared_cached),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
