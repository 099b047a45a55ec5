/*
 * Multicast DNS sockets: sending queries to 224.0.0.251 / ff02::fb on
 * each interface and receiving responses together with what the source
 * check needs (source address and port, destination address, arriving
 * interface, IP TTL or hop limit).
 *
 * Two modes (RFC 6762 section 5):
 *   one-shot   sockets on an ephemeral port; responders answer by unicast
 *              to that port (section 6.7, "legacy unicast") echoing our ID.
 *              Works beside another mDNS stack on the same host.
 *   port 5353  when no other process has the port (bound without
 *              SO_REUSEADDR, so an Avahi already running makes this fail),
 *              the sockets join the groups and queries may ask for unicast
 *              replies (QU, section 5.4); multicast answers seen on the
 *              link also fill the cache.
 * Both set the multicast TTL / hop limit to 255 (section 11) and keep
 * multicast loopback on so a responder on this host can answer.
 */
#ifndef MDNS_SOCK_H
#define MDNS_SOCK_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "mdns_link.h"

#define MDNS_PORT 5353

struct mdns_sock {
	int fd4, fd6;		/* -1 when the family is off or unavailable */
	int port5353;		/* 1 in port-5353 mode */
};

/* What arrived with a datagram. */
struct mdns_pktinfo {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t src[16];	/* source address (4 octets for AF_INET) */
	uint16_t src_port;	/* host order */
	uint8_t dst[16];	/* destination address in the IP header */
	unsigned ifindex;	/* arriving interface, 0 if unknown */
	int ttl;		/* IP TTL / hop limit, -1 if unknown */
};

/*
 * Open the sockets for the families asked (want4, want6).  With
 * try5353 set, first try port 5353 exclusively and fall back to one-shot
 * mode when it is taken.  In port-5353 mode the groups are joined on the
 * interfaces in `links`.  Returns 0 when at least one family is open,
 * else -1 with errno set.
 */
int mdns_sock_open(struct mdns_sock *s, int want4, int want6, int try5353,
    const struct mdns_links *links);

/* Join the groups on interfaces that appeared since (port-5353 mode). */
void mdns_sock_join(struct mdns_sock *s, const struct mdns_links *links);

/* Close both sockets; safe to call twice. */
void mdns_sock_close(struct mdns_sock *s);

/*
 * Send one query packet to the group of `family` out of interface
 * ifindex.  Returns 0, or -1 with errno set.
 */
int mdns_sock_send(const struct mdns_sock *s, int family, unsigned ifindex,
    const void *pkt, size_t len);

/*
 * Receive one datagram from fd (non-blocking) into buf and fill *pi.
 * Returns its length, or -1 with errno set (EAGAIN when none is queued).
 * A datagram longer than size is reported as -1 with EMSGSIZE.
 */
ssize_t mdns_sock_recv(int fd, void *buf, size_t size,
    struct mdns_pktinfo *pi);

#endif
