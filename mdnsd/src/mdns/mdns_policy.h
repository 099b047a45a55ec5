/*
 * Which questions multicast DNS answers (the nss-mdns policy, expressed
 * in DNS terms).
 *
 *   reverse   PTR for a complete reverse name inside 169.254.0.0/16,
 *             fe80::/10 (RFC 6762 section 4) or a configured subnet.
 *   service   names with a label starting with '_' under an allowed
 *             suffix (DNS-SD: "_ipp._tcp.local", "Printer._ipp._tcp.local",
 *             "_services._dns-sd._udp.local"), any type.
 *   host      other names under an allowed suffix ("local" by default)
 *             with at most max-labels labels (2: "host.local", as
 *             nss-mdns does; "a.b.local" is left to unicast DNS).
 *
 * Anything else is not ours and goes to the next backend.
 */
#ifndef MDNS_POLICY_H
#define MDNS_POLICY_H

#include "../dns.h"
#include "mdns_conf.h"

enum mdns_class {
	MDNS_NOT_OURS = 0,
	MDNS_HOST,
	MDNS_SERVICE,
	MDNS_REVERSE,
};

/* Classify a question; see above. */
enum mdns_class mdns_policy(const struct mdns_conf *c,
    const struct dns_name *qname, uint16_t qtype);

/*
 * 1 when an address (AF_INET or AF_INET6, 4 or 16 octets) may appear in
 * an answer: fe80::/10 only with mdns-link-local6, because musl's
 * resolver drops the scope id that would make it usable.
 */
int mdns_policy_addr_ok(const struct mdns_conf *c, int family,
    const uint8_t *addr);

#endif
