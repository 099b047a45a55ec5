/*
 * Unit tests of the receive checks (RFC 6762 sections 6, 11, 18): one
 * test per rejection rule, each with the accepted case next to it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "../../src/mdns/mdns_check.h"

static struct mdns_links links;

static int
setup(void **state)
{
	(void)state;
	memset(&links, 0, sizeof links);
	links.nif = 1;
	links.ifindex[0] = 7;
	links.has4[0] = links.has6[0] = 1;
	links.naddr = 2;
	links.a[0] = (struct mdns_link_addr){ .ifindex = 7, .family = AF_INET,
	    .addr = { 10, 77, 0, 1 }, .prefixlen = 24 };
	links.a[1].ifindex = 7;
	links.a[1].family = AF_INET6;
	inet_pton(AF_INET6, "fd00:77::1", links.a[1].addr);
	links.a[1].prefixlen = 64;
	return 0;
}

/* A unicast IPv4 reply from 10.77.0.2:5353 to us on ifindex 7, TTL 255. */
static struct mdns_pktinfo
good4(void)
{
	struct mdns_pktinfo pi = { .family = AF_INET, .src = { 10, 77, 0, 2 },
	    .src_port = 5353, .dst = { 10, 77, 0, 1 }, .ifindex = 7,
	    .ttl = 255 };
	return pi;
}

static void
test_port(void **state)
{
	struct mdns_pktinfo pi = good4();

	(void)state;
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_OK);
	pi.src_port = 5354;
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_DROP_PORT);
	pi.src_port = 53;
	assert_int_equal(mdns_check_source(&pi, &links, 0), MDNS_DROP_PORT);
}

static void
test_interface(void **state)
{
	struct mdns_pktinfo pi = good4();

	(void)state;
	pi.ifindex = 8;
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_DROP_IF);
	pi.ifindex = 0;
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_DROP_IF);
}

static void
test_ttl(void **state)
{
	struct mdns_pktinfo pi = good4();

	(void)state;
	pi.ttl = 254;
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_DROP_TTL);
	assert_int_equal(mdns_check_source(&pi, &links, 0), MDNS_OK);
	pi.ttl = -1;	/* not reported: cannot be trusted */
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_DROP_TTL);
}

static void
test_offlink4(void **state)
{
	struct mdns_pktinfo pi = good4();

	(void)state;
	pi.src[2] = 1;	/* 10.77.1.2 is outside 10.77.0.0/24 */
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_DROP_OFFLINK);
	/* Sent to the group it is on-link by definition (section 11). */
	memcpy(pi.dst, (uint8_t[]){ 224, 0, 0, 251 }, 4);
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_OK);
}

static void
test_offlink6(void **state)
{
	struct mdns_pktinfo pi = { .family = AF_INET6, .src_port = 5353,
	    .ifindex = 7, .ttl = 255 };

	(void)state;
	inet_pton(AF_INET6, "fd00:77::1", pi.dst);
	inet_pton(AF_INET6, "fd00:77::2", pi.src);
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_OK);
	inet_pton(AF_INET6, "fe80::1234", pi.src);
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_OK);
	inet_pton(AF_INET6, "fd00:78::2", pi.src);
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_DROP_OFFLINK);
	inet_pton(AF_INET6, "ff02::fb", pi.dst);
	assert_int_equal(mdns_check_source(&pi, &links, 1), MDNS_OK);
}

static int
id_is_42(uint16_t id, void *arg)
{
	(void)arg;
	return id == 42;
}

static void
test_header(void **state)
{
	/* [0:2) id 42, [2:4) flags QR|AA, counts zero */
	uint8_t pkt[12] = { 0, 42, 0x84, 0x00 };
	struct mdns_pktinfo pi = good4();

	(void)state;
	assert_int_equal(mdns_check_header(pkt, 12, &pi, id_is_42, NULL),
	    MDNS_OK);
	assert_int_equal(mdns_check_header(pkt, 11, &pi, NULL, NULL),
	    MDNS_DROP_HEADER);
	pkt[1] = 43;
	assert_int_equal(mdns_check_header(pkt, 12, &pi, id_is_42, NULL),
	    MDNS_DROP_ID);
	/* Multicast responses: the ID is ignored (section 18.1). */
	memcpy(pi.dst, (uint8_t[]){ 224, 0, 0, 251 }, 4);
	assert_int_equal(mdns_check_header(pkt, 12, &pi, id_is_42, NULL),
	    MDNS_OK);
	pkt[2] = 0x04;	/* a query */
	assert_int_equal(mdns_check_header(pkt, 12, &pi, NULL, NULL),
	    MDNS_DROP_HEADER);
	pkt[2] = 0x84 | 0x08;	/* opcode 1 */
	assert_int_equal(mdns_check_header(pkt, 12, &pi, NULL, NULL),
	    MDNS_DROP_HEADER);
	pkt[2] = 0x84;
	pkt[3] = 0x03;	/* rcode 3 */
	assert_int_equal(mdns_check_header(pkt, 12, &pi, NULL, NULL),
	    MDNS_DROP_HEADER);
	assert_string_equal(mdns_verdict_name(MDNS_DROP_TTL), "ttl");
	assert_string_equal(mdns_verdict_name(MDNS_VERDICTS), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_port, setup),
		cmocka_unit_test_setup(test_interface, setup),
		cmocka_unit_test_setup(test_ttl, setup),
		cmocka_unit_test_setup(test_offlink4, setup),
		cmocka_unit_test_setup(test_offlink6, setup),
		cmocka_unit_test_setup(test_header, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
