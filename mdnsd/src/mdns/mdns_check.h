/*
 * Which received datagrams the querier believes (RFC 6762 sections 6, 11
 * and 18).  Separate from the sockets so tests and the fuzzer can feed
 * it made-up packet info.
 */
#ifndef MDNS_CHECK_H
#define MDNS_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "mdns_link.h"
#include "mdns_sock.h"

enum mdns_verdict {
	MDNS_OK = 0,
	MDNS_DROP_PORT,		/* source port is not 5353 */
	MDNS_DROP_IF,		/* arrived on an interface we do not use */
	MDNS_DROP_OFFLINK,	/* unicast destination, source not on-link */
	MDNS_DROP_TTL,		/* TTL / hop limit not 255 (when checked) */
	MDNS_DROP_HEADER,	/* a query, a bad opcode or rcode, too short */
	MDNS_DROP_ID,		/* unicast reply with an ID we did not send */
	MDNS_VERDICTS
};

/* Short name of a verdict for logs and statistics ("port", "ttl"...). */
const char *mdns_verdict_name(enum mdns_verdict v);

/*
 * Check where a datagram came from.  Responses must come from port 5353
 * (section 6); they must arrive on one of our interfaces; when sent to a
 * unicast address the source must be on that interface's link (section
 * 11); with check_ttl, the IP TTL or hop limit must be 255, which only a
 * sender on the link can achieve.
 */
enum mdns_verdict mdns_check_source(const struct mdns_pktinfo *pi,
    const struct mdns_links *links, int check_ttl);

/*
 * Check the DNS header of a datagram of `len` octets: at least 12 octets,
 * QR set, opcode 0, rcode 0 (section 18).  Multicast responses carry ID 0
 * and their ID is ignored (section 18.1); a unicast reply to a one-shot
 * query must echo the ID, which `id_ok(id, arg)` decides (NULL accepts
 * every ID).
 */
enum mdns_verdict mdns_check_header(const uint8_t *pkt, size_t len,
    const struct mdns_pktinfo *pi, int (*id_ok)(uint16_t id, void *arg),
    void *arg);

/* 1 when the destination in *pi is 224.0.0.251 or ff02::fb. */
int mdns_dst_is_group(const struct mdns_pktinfo *pi);

#endif
