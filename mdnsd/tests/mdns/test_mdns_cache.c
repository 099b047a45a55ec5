/* Unit tests of the mDNS cache (RFC 6762 section 10 rules). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/mdns/mdns_cache.h"

static struct dns_name host;

static struct mdns_rr
a_rr(uint8_t last, uint32_t ttl, int flush)
{
	static uint8_t rd[4][256];
	static int k;
	uint8_t *p = rd[k++ % 4];
	struct mdns_rr rr = { .name = &host, .type = DNS_T_A, .rclass = 1,
	    .cache_flush = flush, .ttl = ttl, .rdlen = 4, .rdata = p };

	p[0] = 10; p[1] = 0; p[2] = 0; p[3] = last;
	return rr;
}

static size_t
count(struct mdns_cache *c, uint16_t type, uint64_t now)
{
	return mdns_cache_lookup(c, &host, type, now, NULL, NULL);
}

static int
setup(void **state)
{
	(void)state;
	return dns_name_from_text(&host, "Host.local");
}

static void
test_add_lookup_case(void **state)
{
	struct mdns_cache *c = mdns_cache_new(16, 3600);
	struct dns_name lower;
	struct mdns_rr r1 = a_rr(1, 120, 0), r2 = a_rr(2, 120, 0);

	(void)state;
	assert_int_equal(mdns_cache_add(c, &r1, 1000), 1);
	assert_int_equal(mdns_cache_add(c, &r2, 1000), 1);
	/* The same record again refreshes, it does not duplicate. */
	assert_int_equal(mdns_cache_add(c, &r1, 2000), 1);
	assert_int_equal(mdns_cache_count(c), 2);
	dns_name_from_text(&lower, "host.LOCAL");
	assert_int_equal(mdns_cache_lookup(c, &lower, DNS_T_A, 2000, NULL,
	    NULL), 2);
	assert_int_equal(count(c, DNS_T_AAAA, 2000), 0);
	assert_int_equal(count(c, 0, 2000), 2);
	/* r2 expires 120 s after 1000, r1 after 2000. */
	assert_int_equal(count(c, DNS_T_A, 121000), 1);
	assert_int_equal(count(c, DNS_T_A, 122000), 0);
	assert_int_equal(mdns_cache_expire(c, 122000), 2);
	assert_int_equal(mdns_cache_count(c), 0);
	mdns_cache_free(c);
}

static uint32_t seen_ttl;

static void
grab_ttl(const struct mdns_rr *rr, uint32_t ttl, void *arg)
{
	(void)rr;
	(void)arg;
	seen_ttl = ttl;
}

static void
test_ttl_cap(void **state)
{
	struct mdns_cache *c = mdns_cache_new(16, 60);
	struct mdns_rr r = a_rr(1, 0x7fffffff, 0);

	(void)state;
	mdns_cache_add(c, &r, 0);
	mdns_cache_lookup(c, &host, DNS_T_A, 500, grab_ttl, NULL);
	assert_int_equal(seen_ttl, 60);
	assert_int_equal(count(c, DNS_T_A, 60000), 0);
	mdns_cache_free(c);
}

static void
test_goodbye(void **state)
{
	struct mdns_cache *c = mdns_cache_new(16, 3600);
	struct mdns_rr r = a_rr(1, 120, 0), bye = a_rr(1, 0, 0),
	    other = a_rr(2, 120, 0);

	(void)state;
	mdns_cache_add(c, &r, 0);
	mdns_cache_add(c, &other, 0);
	/* A goodbye adds nothing, and the record lives one more second. */
	assert_int_equal(mdns_cache_add(c, &bye, 5000), 0);
	assert_int_equal(count(c, DNS_T_A, 5999), 2);
	assert_int_equal(count(c, DNS_T_A, 6000), 1);
	/* A goodbye for a record we never had is ignored. */
	struct mdns_rr bye3 = a_rr(3, 0, 0);
	assert_int_equal(mdns_cache_add(c, &bye3, 6000), 0);
	assert_int_equal(mdns_cache_count(c), 2);
	mdns_cache_free(c);
}

static void
test_cache_flush(void **state)
{
	struct mdns_cache *c = mdns_cache_new(16, 3600);
	struct mdns_rr old = a_rr(1, 120, 0), young = a_rr(2, 120, 0),
	    fresh = a_rr(3, 120, 1);

	(void)state;
	mdns_cache_add(c, &old, 0);
	mdns_cache_add(c, &young, 9500);
	/* At 10000 "old" is 10 s old and goes 1 s later; "young" (0.5 s)
	 * may be part of the same burst and stays. */
	mdns_cache_add(c, &fresh, 10000);
	assert_int_equal(count(c, DNS_T_A, 10999), 3);
	assert_int_equal(count(c, DNS_T_A, 11000), 2);
	/* Without the flush bit nothing is flushed. */
	struct mdns_rr shared = a_rr(4, 120, 0);
	mdns_cache_add(c, &shared, 20000);
	assert_int_equal(count(c, DNS_T_A, 21500), 3);
	mdns_cache_free(c);
}

static void
test_negative(void **state)
{
	struct mdns_cache *c = mdns_cache_new(16, 3600);
	struct mdns_rr r = a_rr(1, 120, 0);

	(void)state;
	assert_int_equal(mdns_cache_add_negative(c, &host, DNS_T_AAAA, 10, 0), 1);
	assert_true(mdns_cache_denied(c, &host, DNS_T_AAAA, 9999));
	assert_false(mdns_cache_denied(c, &host, DNS_T_AAAA, 10000));
	assert_false(mdns_cache_denied(c, &host, DNS_T_A, 0));
	/* Negatives are not records. */
	assert_int_equal(count(c, 0, 0), 0);
	/* A denial does not override records we hold... */
	mdns_cache_add(c, &r, 0);
	assert_int_equal(mdns_cache_add_negative(c, &host, DNS_T_A, 10, 0), 0);
	assert_false(mdns_cache_denied(c, &host, DNS_T_A, 0));
	/* ...and a record arriving later cancels a denial. */
	mdns_cache_add_negative(c, &host, DNS_T_AAAA, 10, 100);
	struct mdns_rr six = { .name = &host, .type = DNS_T_AAAA, .rclass = 1,
	    .ttl = 120, .rdlen = 16, .rdata = (const uint8_t *)"0123456789abcdef" };
	mdns_cache_add(c, &six, 200);
	assert_false(mdns_cache_denied(c, &host, DNS_T_AAAA, 200));
	assert_int_equal(count(c, DNS_T_AAAA, 200), 1);
	mdns_cache_free(c);
}

static void
test_bound(void **state)
{
	struct mdns_cache *c = mdns_cache_new(4, 3600);

	(void)state;
	for (int i = 0; i < 10; i++) {
		struct mdns_rr r = a_rr((uint8_t)i, 120, 0);
		assert_int_equal(mdns_cache_add(c, &r, (uint64_t)i), 1);
		assert_true(mdns_cache_count(c) <= 4);
	}
	/* The oldest went first: 6..9 are left. */
	assert_int_equal(count(c, DNS_T_A, 10), 4);
	mdns_cache_clear(c);
	assert_int_equal(mdns_cache_count(c), 0);
	mdns_cache_free(c);
}

static void
test_bad_input(void **state)
{
	struct mdns_cache *c = mdns_cache_new(4, 3600);
	struct mdns_rr r = a_rr(1, 120, 0);

	(void)state;
	r.rdlen = MDNS_RDATA_MAX + 1;
	assert_int_equal(mdns_cache_add(c, &r, 0), 0);
	assert_int_equal(mdns_cache_count(c), 0);
	mdns_cache_free(c);
	mdns_cache_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_add_lookup_case, setup),
		cmocka_unit_test_setup(test_ttl_cap, setup),
		cmocka_unit_test_setup(test_goodbye, setup),
		cmocka_unit_test_setup(test_cache_flush, setup),
		cmocka_unit_test_setup(test_negative, setup),
		cmocka_unit_test_setup(test_bound, setup),
		cmocka_unit_test_setup(test_bad_input, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
