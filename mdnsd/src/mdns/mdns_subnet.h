/*
 * Subnets, for the reverse-mapping rule (RFC 6762 section 4: PTR names
 * under 169.254.0.0/16 and fe80::/10 MUST be resolved by multicast DNS;
 * the configuration may add more) and address filters.
 */
#ifndef MDNS_SUBNET_H
#define MDNS_SUBNET_H

#include <stdint.h>

struct mdns_subnet {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];
	unsigned prefixlen;
};

/* 1 when addr lies inside the subnet. */
int mdns_subnet_has(const struct mdns_subnet *s, int family,
    const uint8_t *addr);

/*
 * Parse "169.254.0.0/16" or "fe80::/10" into *s.  Returns 0, or -1 when
 * the text is not an address with a prefix length that fits it.
 */
int mdns_subnet_parse(const char *text, struct mdns_subnet *s);

#endif
