/*
 * The links mDNS runs on: which interfaces to query and which addresses
 * and prefixes are on each (for the RFC 6762 section 11 source check).
 *
 * A snapshot is taken with getifaddrs(3); the querier refreshes it when it
 * is older than a few seconds, so interfaces that come and go are noticed
 * without netlink.
 */
#ifndef MDNS_LINK_H
#define MDNS_LINK_H

#include <net/if.h>
#include <stdint.h>

#define MDNS_LINK_ADDRS_MAX 128
#define MDNS_LINK_IFS_MAX 32

struct mdns_link_addr {
	unsigned ifindex;
	int family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];	/* 4 octets used for AF_INET */
	unsigned prefixlen;
};

struct mdns_links {
	unsigned nif;
	unsigned ifindex[MDNS_LINK_IFS_MAX];	/* interfaces to query on */
	int has4[MDNS_LINK_IFS_MAX];		/* has an IPv4 address */
	int has6[MDNS_LINK_IFS_MAX];		/* has an IPv6 address */
	unsigned naddr;
	struct mdns_link_addr a[MDNS_LINK_ADDRS_MAX];
};

/*
 * Fill *l from the system's interfaces.  `names` (NULL-terminated, or NULL
 * for "every interface that is up, multicast-capable and not loopback")
 * chooses the interfaces; a named interface that does not exist is left
 * out.  Returns 0, or -1 with errno set when getifaddrs fails.
 */
int mdns_links_scan(struct mdns_links *l, const char *const *names);

/* 1 when ifindex is one of the interfaces mDNS runs on. */
int mdns_links_has_if(const struct mdns_links *l, unsigned ifindex);

/*
 * 1 when `addr` (4 or 16 octets by family) is on the local link of
 * interface ifindex: inside the prefix of one of its addresses, or any
 * fe80::/10 address for IPv6.
 */
int mdns_links_on_link(const struct mdns_links *l, unsigned ifindex,
    int family, const uint8_t *addr);

#endif
