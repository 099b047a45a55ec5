/* Unit tests of the name policy and the mdns configuration keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "../../src/mdns/mdns_policy.h"

static enum mdns_class
cls(const struct mdns_conf *c, const char *name, uint16_t type)
{
	struct dns_name n;

	assert_int_equal(dns_name_from_text(&n, name), 0);
	return mdns_policy(c, &n, type);
}

static void
test_defaults(void **state)
{
	struct mdns_conf c;

	(void)state;
	mdns_conf_init(&c);
	assert_int_equal(cls(&c, "printer.local", DNS_T_A), MDNS_HOST);
	assert_int_equal(cls(&c, "Printer.LOCAL.", DNS_T_AAAA), MDNS_HOST);
	assert_int_equal(cls(&c, "a.b.local", DNS_T_A), MDNS_NOT_OURS);
	assert_int_equal(cls(&c, "local", DNS_T_SOA), MDNS_NOT_OURS);
	assert_int_equal(cls(&c, "example.com", DNS_T_A), MDNS_NOT_OURS);
	assert_int_equal(cls(&c, "notlocal", DNS_T_A), MDNS_NOT_OURS);
	assert_int_equal(cls(&c, "_ipp._tcp.local", DNS_T_PTR), MDNS_SERVICE);
	assert_int_equal(cls(&c, "My Printer._ipp._tcp.local", DNS_T_SRV),
	    MDNS_SERVICE);
	assert_int_equal(cls(&c, "4.3.254.169.in-addr.arpa", DNS_T_PTR),
	    MDNS_REVERSE);
	assert_int_equal(cls(&c, "4.3.254.169.in-addr.arpa", DNS_T_A),
	    MDNS_NOT_OURS);
	assert_int_equal(cls(&c, "4.3.2.10.in-addr.arpa", DNS_T_PTR),
	    MDNS_NOT_OURS);
	assert_int_equal(cls(&c, "254.169.in-addr.arpa", DNS_T_PTR),
	    MDNS_NOT_OURS);
	assert_int_equal(cls(&c, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa", DNS_T_PTR), MDNS_REVERSE);
	assert_int_equal(cls(&c, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa", DNS_T_PTR), MDNS_NOT_OURS);
	mdns_conf_free(&c);
}

static void
test_configured(void **state)
{
	struct mdns_conf c;
	char err[128];

	(void)state;
	mdns_conf_init(&c);
	assert_int_equal(mdns_conf_set(&c, "allow", "home.arpa local", err,
	    sizeof err), 0);
	assert_int_equal(mdns_conf_set(&c, "max-labels", "0", err,
	    sizeof err), 0);
	assert_int_equal(mdns_conf_set(&c, "reverse", "10.1.0.0/16 fd00::/8",
	    err, sizeof err), 0);
	assert_int_equal(cls(&c, "a.b.local", DNS_T_A), MDNS_HOST);
	assert_int_equal(cls(&c, "nas.home.arpa", DNS_T_A), MDNS_HOST);
	assert_int_equal(cls(&c, "4.3.1.10.in-addr.arpa", DNS_T_PTR),
	    MDNS_REVERSE);
	assert_int_equal(cls(&c, "4.3.2.10.in-addr.arpa", DNS_T_PTR),
	    MDNS_NOT_OURS);
	assert_int_equal(mdns_conf_set(&c, "allow", "*", err, sizeof err), 0);
	assert_int_equal(cls(&c, "www.example.com", DNS_T_A), MDNS_HOST);
	mdns_conf_free(&c);
}

static void
test_link_local6(void **state)
{
	struct mdns_conf c;
	uint8_t ll[16], g[16], v4[4] = { 169, 254, 1, 1 };
	char err[128];

	(void)state;
	mdns_conf_init(&c);
	inet_pton(AF_INET6, "fe80::1", ll);
	inet_pton(AF_INET6, "2001:db8::1", g);
	assert_false(mdns_policy_addr_ok(&c, AF_INET6, ll));
	assert_true(mdns_policy_addr_ok(&c, AF_INET6, g));
	assert_true(mdns_policy_addr_ok(&c, AF_INET, v4));
	assert_int_equal(mdns_conf_set(&c, "link-local6", "yes", err,
	    sizeof err), 0);
	assert_true(mdns_policy_addr_ok(&c, AF_INET6, ll));
	mdns_conf_free(&c);
}

/* One bad value per key, each with a clear message. */
static void
test_bad_values(void **state)
{
	static const char *const bad[][2] = {
		{ "deadline", "5ms" }, { "deadline", "-1" },
		{ "deadline", "2m" }, { "resend", "abc" },
		{ "collect", "61s" }, { "family", "ipx" },
		{ "port5353", "maybe" }, { "check-ttl", "" },
		{ "answer-ttl", "-3" }, { "cache-size", "0" },
		{ "max-labels", "128" }, { "allow", "a..b" },
		{ "reverse", "10.0.0.0" }, { "reverse", "10.0.0.0/33" },
		{ "reverse", "fe80::/129" }, { "soa-check", "ns.example" },
		{ "soa-check", "192.0.2.1#0" }, { "soa-check", "::1#65536" },
		{ "interface",
		    "averyveryverylongname" },
	};
	struct mdns_conf c;
	char err[128];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		mdns_conf_init(&c);
		err[0] = 0;
		assert_int_equal(mdns_conf_set(&c, bad[i][0], bad[i][1], err,
		    sizeof err), -1);
		assert_non_null(strstr(err, bad[i][0]));
		mdns_conf_free(&c);
	}
	mdns_conf_init(&c);
	assert_int_equal(mdns_conf_set(&c, "colour", "blue", err, sizeof err),
	    -1);
	assert_string_equal(err, "unknown keyword 'colour'");
	assert_int_equal(mdns_conf_set(&c, "deadline", "1s", err, sizeof err), 0);
	assert_int_equal(c.deadline_ms, 1000);
	assert_int_equal(mdns_conf_set(&c, "soa-check", "192.0.2.1 ::1#5300",
	    err, sizeof err), 0);
	assert_int_equal(c.nsoa, 2);
	assert_int_equal(c.soa[1].ss_family, AF_INET6);
	assert_int_equal(mdns_conf_set(&c, "family", "ipv6", err, sizeof err), 0);
	assert_false(c.ipv4);
	assert_true(c.ipv6);
	mdns_conf_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_configured),
		cmocka_unit_test(test_link_local6),
		cmocka_unit_test(test_bad_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
