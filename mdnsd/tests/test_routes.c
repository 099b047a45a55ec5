/*
 * test_routes.c: routing of names to backends when the "mdns" backend is
 * registered: the default routes of RFC 6762 sections 3 and 4, the
 * longest-zone rule, and explicit routes overriding defaults.  Without
 * the real mDNS code (src/mdns/) this test registers a stand-in "mdns"
 * backend, compiled with its own copy of backend.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"

#if defined(MDNSD_FAKE_MDNS)
static void
fake_query(struct backend *b, struct bquery *q)
{
	struct bq_result r = { .status = BQ_DECLINE };
	(void)b;
	bquery_done(q, &r);
}

const struct backend_ops mdns_backend = { .name = "mdns",
	.query = fake_query };
#endif

static const char *
route_of(const struct config *cfg, const char *name)
{
	struct dns_name n;
	assert_int_equal(dns_name_from_text(&n, name), 0);
	const struct route *r = config_route(cfg, &n);
	return r ? r->chain[0]->ops->name : "none";
}

static void
test_default_routes(void **state)
{
	struct config *cfg = config_parse_string("t", "upstream server ::1\n",
	    NULL, NULL);
	(void)state;

	assert_non_null(cfg);
	assert_string_equal(route_of(cfg, "printer.local"), "mdns");
	assert_string_equal(route_of(cfg, "LOCAL."), "mdns");
	assert_string_equal(route_of(cfg, "4.3.254.169.in-addr.arpa"), "mdns");
	assert_string_equal(route_of(cfg, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa"), "mdns");
	assert_string_equal(route_of(cfg, "x.b.e.f.ip6.arpa"), "mdns");
	assert_string_equal(route_of(cfg, "x.c.e.f.ip6.arpa"), "hosts");
	assert_string_equal(route_of(cfg, "4.3.2.1.in-addr.arpa"), "hosts");
	assert_string_equal(route_of(cfg, "www.example"), "hosts");
	assert_string_equal(route_of(cfg, "localx"), "hosts");
	struct dns_name n;
	dns_name_from_text(&n, "www.example");
	assert_int_equal(config_route(cfg, &n)->nchain, 2);
	config_free(cfg);
}

static void
test_explicit_routes(void **state)
{
	struct config *cfg = config_parse_string("t",
	    "route local hosts\nroute corp.local mdns hosts\n", NULL, NULL);
	(void)state;

	assert_non_null(cfg);
	assert_string_equal(route_of(cfg, "printer.local"), "hosts");
	assert_string_equal(route_of(cfg, "a.corp.local"), "mdns");
	assert_string_equal(route_of(cfg, "4.3.254.169.in-addr.arpa"), "mdns");
	config_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_routes),
		cmocka_unit_test(test_explicit_routes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
