/*
 * The querier's receive path and rounds, without sockets: responses are
 * built with the core's writer and fed to mdns_process() on a fixed
 * clock, as the fuzzer does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "../../src/mdns/mdns_querier_int.h"

static struct mdns_conf conf;
static struct mdns_querier *q;
static enum mdns_status got;
static int ndone;

static int
setup(void **state)
{
	(void)state;
	mdns_conf_init(&conf);
	q = mdns_querier_create(&conf, 0);
	q->links.nif = 1;
	q->links.ifindex[0] = 3;
	q->links.has4[0] = 1;
	q->links.naddr = 1;
	q->links.a[0] = (struct mdns_link_addr){ .ifindex = 3,
	    .family = AF_INET, .addr = { 10, 77, 0, 1 }, .prefixlen = 24 };
	ndone = 0;
	got = MDNS_PENDING;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	mdns_querier_free(q);
	mdns_conf_free(&conf);
	return 0;
}

static void
on_done(void *arg, enum mdns_status st)
{
	(void)arg;
	got = st;
	ndone++;
}

static struct mdns_pktinfo
multicast_from(uint8_t last, uint16_t port)
{
	struct mdns_pktinfo pi = { .family = AF_INET,
	    .src = { 10, 77, 0, last }, .src_port = port,
	    .dst = { 224, 0, 0, 251 }, .ifindex = 3, .ttl = 255 };
	return pi;
}

struct rec {
	const char *name;
	uint16_t type;
	uint32_t ttl;
	const char *addr;	/* A/AAAA text, or NULL: NSEC denying all */
};

/* Build a response with the records and feed it in. */
static enum mdns_verdict
feed(const struct mdns_pktinfo *pi, uint16_t id, const struct rec *r,
    size_t n, uint64_t now)
{
	uint8_t pkt[1500], rd[16 + 300];
	struct dns_writer w;

	dns_w_init(&w, pkt, sizeof pkt, id, DNS_F_QR | DNS_F_AA);
	for (size_t i = 0; i < n; i++) {
		struct dns_rr rr = { .type = r[i].type, .class = 0x8001,
		    .ttl = r[i].ttl, .rdata = rd };
		dns_name_from_text(&rr.name, r[i].name);
		if (r[i].type == DNS_T_NSEC) {
			/* next name = owner, bitmap window 0 with only A */
			memcpy(rd, rr.name.wire, rr.name.len);
			memcpy(rd + rr.name.len, "\0\1\x40", 3);
			rr.rdlen = (uint16_t)(rr.name.len + 3);
		} else {
			int af = r[i].type == DNS_T_A ? AF_INET : AF_INET6;
			inet_pton(af, r[i].addr, rd);
			rr.rdlen = af == AF_INET ? 4 : 16;
		}
		assert_int_equal(dns_w_rr(&w, DNS_S_AN, &rr), 0);
	}
	size_t len = dns_w_finish(&w);
	return mdns_process(q, pkt, len, pi, now);
}

static enum mdns_status
start(const char *name, uint16_t type, uint64_t now)
{
	struct dns_name n;
	struct mdns_lookup *l;

	dns_name_from_text(&n, name);
	return mdns_lookup_start(q, &n, type, mdns_policy(&conf, &n, type),
	    now, on_done, NULL, &l);
}

static size_t
records(const char *name, uint16_t type, uint64_t now)
{
	struct dns_name n;

	dns_name_from_text(&n, name);
	return mdns_querier_records(q, &n, type, now, NULL, NULL);
}

static void
nop(const struct mdns_rr *rr, void *arg)
{
	(void)rr;
	(void)arg;
}

static void
test_two_responders(void **state)
{
	static const struct rec r1[] = { { "h.local", DNS_T_A, 120, "10.77.0.2" } };
	static const struct rec r2[] = { { "h.local", DNS_T_A, 120, "10.77.0.3" },
	    { "h.local", DNS_T_A, 120, "10.77.0.4" } };
	struct mdns_pktinfo p1 = multicast_from(2, 5353), p2 = multicast_from(3, 5353);
	struct dns_name n;

	(void)state;
	assert_int_equal(start("h.local", DNS_T_A, 1000), MDNS_PENDING);
	assert_int_equal(start("h.local", DNS_T_AAAA, 1000), MDNS_PENDING);
	assert_int_equal(q->nrounds, 1);	/* A and AAAA share a round */
	assert_int_equal(feed(&p1, 0, r1, 1, 1001), MDNS_OK);
	assert_int_equal(feed(&p2, 0, r2, 2, 1003), MDNS_OK);
	mdns_querier_tick(q, 1004);	/* within the collect window */
	assert_int_equal(ndone, 0);
	assert_int_equal(mdns_querier_next_ms(q), 1001 + conf.collect_ms);
	mdns_querier_tick(q, 1001 + conf.collect_ms);
	assert_int_equal(ndone, 2);
	assert_int_equal(records("h.local", DNS_T_A, 1010), 3);
	/* The AAAA lookup got NODATA (the name exists), and a new AAAA
	 * lookup is answered from the cache without a round. */
	assert_int_equal(start("h.local", DNS_T_AAAA, 1020), MDNS_NODATA);
	assert_int_equal(start("H.LOCAL", DNS_T_A, 1020), MDNS_FOUND);
	dns_name_from_text(&n, "h.local");
	/* Answers carry at most answer-ttl (10 s). */
	assert_int_equal(mdns_querier_records(q, &n, DNS_T_A, 1020, nop,
	    NULL), 3);
	assert_int_equal(q->stats.responses, 2);
}

static void
test_late_responder(void **state)
{
	static const struct rec r1[] = { { "s.local", DNS_T_A, 10, "10.77.0.2" } };
	static const struct rec r2[] = { { "s.local", DNS_T_A, 10, "10.77.0.3" } };
	struct mdns_pktinfo pi = multicast_from(2, 5353);
	uint16_t id;

	(void)state;
	memcpy(pi.dst, (uint8_t[]){ 10, 77, 0, 1 }, 4);	/* legacy unicast */
	assert_int_equal(start("s.local", DNS_T_A, 0), MDNS_PENDING);
	id = q->rounds->id;
	assert_int_equal(feed(&pi, id, r1, 1, 1), MDNS_OK);
	mdns_querier_tick(q, 1 + conf.collect_ms);
	assert_int_equal(got, MDNS_FOUND);
	/* A second responder after the collect window still gets cached
	 * while the deadline would have run... */
	pi.src[3] = 3;
	assert_int_equal(feed(&pi, id, r2, 1, 50), MDNS_OK);
	assert_int_equal(records("s.local", DNS_T_A, 60), 2);
	/* ...but not long after. */
	assert_int_equal(feed(&pi, id, r2, 1, 1000), MDNS_DROP_ID);
}

static void
test_missing_name(void **state)
{
	(void)state;
	assert_int_equal(start("gone.local", DNS_T_A, 0), MDNS_PENDING);
	mdns_querier_tick(q, conf.deadline_ms - 1);
	assert_int_equal(ndone, 0);
	mdns_querier_tick(q, conf.deadline_ms);
	assert_int_equal(ndone, 1);
	assert_int_equal(got, MDNS_NXDOMAIN);
	assert_int_equal(q->nrounds, 0);
	/* A service name with no answer is NODATA (RFC 8766 5.5.2). */
	assert_int_equal(start("_ipp._tcp.local", DNS_T_PTR, 1000), MDNS_PENDING);
	mdns_querier_tick(q, 1000 + conf.deadline_ms);
	assert_int_equal(got, MDNS_NODATA);
}

static void
test_drops(void **state)
{
	static const struct rec r[] = { { "d.local", DNS_T_A, 120, "10.77.0.9" } };
	struct mdns_pktinfo pi = multicast_from(9, 5354);

	(void)state;
	assert_int_equal(start("d.local", DNS_T_A, 0), MDNS_PENDING);
	assert_int_equal(feed(&pi, 0, r, 1, 1), MDNS_DROP_PORT);
	pi = multicast_from(9, 5353);
	pi.ttl = 64;
	assert_int_equal(feed(&pi, 0, r, 1, 1), MDNS_DROP_TTL);
	/* Unicast from off-link, and with an ID we did not send. */
	pi = multicast_from(9, 5353);
	memcpy(pi.dst, (uint8_t[]){ 10, 77, 0, 1 }, 4);
	pi.src[1] = 99;
	assert_int_equal(feed(&pi, q->rounds->id, r, 1, 1), MDNS_DROP_OFFLINK);
	pi.src[1] = 77;
	assert_int_equal(feed(&pi, (uint16_t)(q->rounds->id + 1), r, 1, 1),
	    MDNS_DROP_ID);
	assert_int_equal(records("d.local", DNS_T_A, 2), 0);
	assert_int_equal(q->stats.dropped[MDNS_DROP_PORT], 1);
	assert_int_equal(q->stats.dropped[MDNS_DROP_TTL], 1);
	assert_int_equal(q->stats.dropped[MDNS_DROP_OFFLINK], 1);
	assert_int_equal(q->stats.dropped[MDNS_DROP_ID], 1);
	/* The legitimate legacy reply echoing our ID is taken. */
	assert_int_equal(feed(&pi, q->rounds->id, r, 1, 2), MDNS_OK);
	assert_int_equal(records("d.local", DNS_T_A, 3), 1);
	/* Garbage from a good source is counted, not cached. */
	uint8_t junk[40] = { 0, 0, 0x84, 0, 0, 0, 0, 9 };
	pi = multicast_from(9, 5353);
	assert_int_equal(mdns_process(q, junk, sizeof junk, &pi, 3), MDNS_OK);
	assert_int_equal(q->stats.malformed, 1);
}

static void
test_nsec_and_fe80(void **state)
{
	static const struct rec r[] = { { "n.local", DNS_T_A, 120, "10.77.0.5" },
	    { "n.local", DNS_T_NSEC, 120, NULL },
	    { "l.local", DNS_T_AAAA, 120, "fe80::1" } };
	struct mdns_pktinfo pi = multicast_from(5, 5353);

	(void)state;
	feed(&pi, 0, r, 3, 0);
	/* NSEC lists only A: AAAA is denied at once. */
	assert_int_equal(start("n.local", DNS_T_AAAA, 1), MDNS_NODATA);
	assert_int_equal(start("n.local", DNS_T_A, 1), MDNS_FOUND);
	/* fe80:: is left out of answers, so that name has no usable AAAA,
	 * yet it exists: NODATA, never NXDOMAIN. */
	assert_int_equal(records("l.local", DNS_T_AAAA, 1), 0);
	assert_int_equal(start("l.local", DNS_T_AAAA, 1), MDNS_PENDING);
	mdns_querier_tick(q, 1 + conf.deadline_ms);
	assert_int_equal(got, MDNS_NODATA);
	conf.link_local6 = 1;
	assert_int_equal(records("l.local", DNS_T_AAAA, 400), 1);
}

static void
test_goodbye_and_cancel(void **state)
{
	static const struct rec hi[] = { { "g.local", DNS_T_A, 120, "10.77.0.6" } };
	static const struct rec bye[] = { { "g.local", DNS_T_A, 0, "10.77.0.6" } };
	struct mdns_pktinfo pi = multicast_from(6, 5353);
	struct dns_name n;
	struct mdns_lookup *l;

	(void)state;
	feed(&pi, 0, hi, 1, 0);
	assert_int_equal(start("g.local", DNS_T_A, 10), MDNS_FOUND);
	feed(&pi, 0, bye, 1, 5000);
	assert_int_equal(start("g.local", DNS_T_A, 5999), MDNS_FOUND);
	assert_int_equal(start("g.local", DNS_T_A, 6000), MDNS_PENDING);
	/* Cancelled lookups never call back; the empty round goes. */
	dns_name_from_text(&n, "x.local");
	assert_int_equal(mdns_lookup_start(q, &n, DNS_T_A, MDNS_HOST, 6000,
	    on_done, NULL, &l), MDNS_PENDING);
	mdns_lookup_cancel(q, l);
	mdns_querier_tick(q, 100000);
	assert_int_equal(ndone, 1);	/* only g.local's */
	assert_int_equal(q->nrounds, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_responders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_late_responder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nsec_and_fe80, setup, teardown),
		cmocka_unit_test_setup_teardown(test_goodbye_and_cancel, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
