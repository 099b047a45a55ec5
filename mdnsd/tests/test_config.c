/* test_config.c: mdnsd.conf parsing: defaults, every keyword, -nv output,
 * and one test per rejection rule with its FILE:LINE message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "config_int.h"
#include "log.h"
#include "testutil.h"

static struct config *
parse(const char *text)
{
	return config_parse_string("t.conf", text, NULL, NULL);
}

static char *
print(const struct config *cfg)
{
	static char buf[8192];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	config_print(cfg, f);
	fclose(f);
	return buf;
}

static void
test_keywords_sorted(void **state)
{
	(void)state;
	for (size_t i = 1; i < cfg_nkeywords; i++)
		assert_true(strcmp(cfg_keywords[i - 1].name,
		    cfg_keywords[i].name) < 0);
}

/* With the multicast-DNS backend built, the default routes for its zones
 * and its settings appear in the printed config (text from src/mdns/,
 * see its NEEDS-FROM-CORE.md). */
#if defined(MDNSD_HAVE_MDNS) && MDNSD_HAVE_MDNS
#define MDNS_ROUTES "route local. mdns\nroute 254.169.in-addr.arpa. mdns\n" \
    "route 8.e.f.ip6.arpa. mdns\nroute 9.e.f.ip6.arpa. mdns\n" \
    "route a.e.f.ip6.arpa. mdns\nroute b.e.f.ip6.arpa. mdns\n"
#define MDNS_PRINT "mdns allow local.\nmdns family both\nmdns port5353 no\n" \
    "mdns check-ttl yes\nmdns deadline 300ms\nmdns collect 5ms\n" \
    "mdns resend 100ms\nmdns answer-ttl 10\nmdns cache-ttl 3600\n" \
    "mdns cache-size 1024\nmdns link-local6 no\nmdns max-labels 2\n"
#else
#define MDNS_ROUTES ""
#define MDNS_PRINT ""
#endif

static void
test_defaults(void **state)
{
	struct config *cfg = parse("# nothing\n\n");
	(void)state;

	assert_non_null(cfg);
	assert_string_equal(print(cfg),
	    "listen 127.0.0.1 ::1\nport 53\nrate-limit 0 0\n"
	    "cache-size 1048576\ncache-max-ttl 86400\nnegative-max-ttl 3600\n"
	    "lookup-timeout 2000ms\nmax-lookups 4096\ntcp-clients 64\n"
	    "tcp-idle-timeout 10000ms\nlog-level info\nsched-batch yes\n"
	    MDNS_ROUTES "route . hosts\n"
	    "hosts file /etc/hosts\nhosts ttl 0\n" MDNS_PRINT);
	config_free(cfg);
}

static const char full[] =
    "listen 127.0.0.53   # comment\n"
    "listen ::1\n"
    "port 5300\n"
    "allow-from 10.0.0.0/8 fd00::/8\n"
    "user nobody\ngroup nogroup\nchroot /var/empty\n"
    "rate-limit 100 300\ncache-size 64k\ncache-max-ttl 600\n"
    "negative-max-ttl 60\nlookup-timeout 1s\nmax-lookups 100\n"
    "tcp-clients 8\ntcp-idle-timeout 5s\nlog-level debug\nsched-batch no\n"
    "hosts file /etc/hosts\nhosts file /etc/hosts.local\nhosts ttl 10\n"
    "upstream server 192.0.2.1 192.0.2.2#5353\n"
    "upstream timeout 500ms\nupstream negative-ttl 0\n"
    "route corp.example upstream\n"
    "route . hosts upstream\n";

static void
test_full(void **state)
{
	struct config *cfg = parse(full);
	struct dns_name n;
	(void)state;

	assert_non_null(cfg);
	assert_string_equal(print(cfg),
	    "listen 127.0.0.53 ::1\nport 5300\n"
	    "allow-from 10.0.0.0/8\nallow-from fd00::/8\n"
	    "user nobody\ngroup nogroup\nchroot /var/empty\n"
	    "rate-limit 100 300\ncache-size 65536\ncache-max-ttl 600\n"
	    "negative-max-ttl 60\nlookup-timeout 1000ms\nmax-lookups 100\n"
	    "tcp-clients 8\ntcp-idle-timeout 5000ms\nlog-level debug\n"
	    "sched-batch no\n"
	    "route corp.example. upstream\nroute . hosts upstream\n"
	    MDNS_ROUTES MDNS_PRINT
	    "upstream server 192.0.2.1\nupstream server 192.0.2.2#5353\n"
	    "upstream timeout 500ms\nupstream negative-ttl 0\n"
	    "hosts file /etc/hosts\nhosts file /etc/hosts.local\n"
	    "hosts ttl 10\n");
	dns_name_from_text(&n, "a.CORP.example");
	assert_string_equal(config_route(cfg, &n)->chain[0]->ops->name,
	    "upstream");
	dns_name_from_text(&n, "example");
	assert_int_equal(config_route(cfg, &n)->nchain, 2);
	config_free(cfg);
}

static void
test_allowed(void **state)
{
	struct config *cfg = parse("allow-from 10.1.0.0/16 2001:db8::/33\n");
	struct sockaddr_storage ss;
	(void)state;

	cfg_sockaddr("127.9.9.9", 1, &ss);
	assert_true(config_allowed(cfg, (struct sockaddr *)&ss));
	cfg_sockaddr("::1", 1, &ss);
	assert_true(config_allowed(cfg, (struct sockaddr *)&ss));
	cfg_sockaddr("::ffff:127.0.0.1", 1, &ss);
	assert_true(config_allowed(cfg, (struct sockaddr *)&ss));
	cfg_sockaddr("10.1.200.1", 1, &ss);
	assert_true(config_allowed(cfg, (struct sockaddr *)&ss));
	cfg_sockaddr("10.2.0.1", 1, &ss);
	assert_false(config_allowed(cfg, (struct sockaddr *)&ss));
	cfg_sockaddr("2001:db8:7fff::1", 1, &ss);
	assert_true(config_allowed(cfg, (struct sockaddr *)&ss));
	cfg_sockaddr("2001:db8:8000::1", 1, &ss);
	assert_false(config_allowed(cfg, (struct sockaddr *)&ss));
	cfg_sockaddr("192.0.2.1", 1, &ss);
	assert_false(config_allowed(cfg, (struct sockaddr *)&ss));
	config_free(cfg);
}

static void
test_overrides(void **state)
{
	struct cfg_overrides o = { .listen = "127.0.0.9", .port = 5353,
	    .log_level = LOG_DEBUG };
	struct config *cfg = config_parse_string("t.conf",
	    "listen ::1\nport 53\n", &o, NULL);
	(void)state;

	assert_non_null(cfg);
	assert_int_equal(cfg->nlisten, 1);
	assert_int_equal(cfg->port, 5353);
	assert_int_equal(cfg->log_level, LOG_DEBUG);
	assert_true(strstr(print(cfg), "listen 127.0.0.9\n") != NULL);
	config_free(cfg);
}

/* Each bad config with the message it must produce. */
static const struct {
	const char *text;
	const char *msg;
} bad[] = {
	{ "bogus 1\n", "t.conf:1: unknown keyword 'bogus'" },
	{ "\n\nport 0\n", "t.conf:3: 0 is out of range (1..65535)" },
	{ "port x\n", "t.conf:1: 'x' is not a number" },
	{ "port\n", "t.conf:1: port: wrong number of arguments" },
	{ "listen 1.2.3\n", "t.conf:1: listen: '1.2.3' is not an IP address" },
	{ "allow-from 10.0.0.0/33\n", "t.conf:1: 33 is out of range (0..32)" },
	{ "allow-from nope\n", "t.conf:1: allow-from: bad address 'nope'" },
	{ "chroot var\n", "t.conf:1: chroot: 'var' is not an absolute path" },
	{ "log-level loud\n", "t.conf:1: log-level: 'loud' is not one of" },
	{ "lookup-timeout 10\n", "t.conf:1: lookup-timeout: 10 is out of" },
	{ "lookup-timeout 5h\n", "t.conf:1: '5h' is not a duration" },
	{ "cache-size 2g\n", "t.conf:1: '2g' is not a number" },
	{ "cache-size 1234567890123456789012345678901234567890k\n",
	    "t.conf:1: cache-size: '1234567890123456789012345678901234567890k' is too long" },
	{ "route . nosuch\n", "t.conf:1: unknown backend 'nosuch'" },
	{ "route a..b hosts\n", "t.conf:1: route: 'a..b' is not a domain" },
	{ "route . hosts\nroute . hosts\n", "t.conf:2: route: zone '.' given" },
	{ "route . hosts hosts\n", "t.conf:1: route: backend 'hosts' twice" },
	{ "group wheel\n", "t.conf: group given without user" },
	{ "hosts\n", "t.conf:1: hosts: expected a setting" },
	{ "hosts color blue\n", "t.conf:1: hosts: unknown setting 'color'" },
	{ "upstream server 1.2.3.4#0\n", "t.conf:1: upstream: '1.2.3.4#0' is" },
	{ "upstream timeout 1ms\n", "t.conf:1: upstream: timeout out of" },
	{ "sched-batch maybe\n", "t.conf:1: 'maybe' is not yes or no" },
	{ "upstream negative-ttl 3601\n",
	    "t.conf:1: 3601 is out of range (0..3600)" },
	{ "rate-limit 10 0\n", "t.conf:1: 0 is out of range (1..1000000)" },
};

static void
parse_bad(void *arg)
{
	struct config *cfg = parse(arg);
	if (cfg != NULL) {
		fprintf(stderr, "accepted\n");
		exit(3);
	}
}

static void
test_errors(void **state)
{
	struct tu_child_result r;
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(tu_run_child(parse_bad, (void *)bad[i].text,
		    10, &r), 0);
		if (r.exit_code != 0 || strstr(r.err, bad[i].msg) == NULL)
			fail_msg("config %zu: want '%s', got exit %d: %s", i,
			    bad[i].msg, r.exit_code, r.err);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keywords_sorted),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_errors),
	};
	log_init("mdnsd", false, LOG_WARNING);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
