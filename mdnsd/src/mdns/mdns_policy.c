/* Name policy; see mdns_policy.h. */
#include <sys/socket.h>

#include "mdns_policy.h"

static const struct mdns_subnet ll4 = { AF_INET, { 169, 254 }, 16 };
static const struct mdns_subnet ll6 = { AF_INET6, { 0xfe, 0x80 }, 10 };

static int
is_reverse(const struct mdns_conf *c, const struct dns_name *qname)
{
	uint8_t addr[16];
	int af = dns_name_to_addr(qname, addr);

	if (af == 0)
		return 0;
	if (mdns_subnet_has(&ll4, af, addr) || mdns_subnet_has(&ll6, af, addr))
		return 1;
	for (size_t i = 0; i < c->nreverse; i++)
		if (mdns_subnet_has(&c->reverse[i], af, addr))
			return 1;
	return 0;
}

static int
has_service_label(const struct dns_name *n)
{
	for (size_t p = 0; p < n->len && n->wire[p]; p += 1 + n->wire[p])
		if (n->wire[p + 1] == '_')
			return 1;
	return 0;
}

enum mdns_class
mdns_policy(const struct mdns_conf *c, const struct dns_name *qname,
    uint16_t qtype)
{
	size_t i;

	if (qtype == DNS_T_PTR && is_reverse(c, qname))
		return MDNS_REVERSE;
	for (i = 0; i < c->nallow; i++)
		if (dns_name_in_zone(qname, &c->allow[i]))
			break;
	/* The suffix itself ("local.") is no host: mDNS has no apex. */
	if (i == c->nallow || qname->len == c->allow[i].len)
		return MDNS_NOT_OURS;
	if (has_service_label(qname))
		return MDNS_SERVICE;
	if (c->max_labels && dns_name_labels(qname) > (int)c->max_labels)
		return MDNS_NOT_OURS;
	return MDNS_HOST;
}

int
mdns_policy_addr_ok(const struct mdns_conf *c, int family,
    const uint8_t *addr)
{
	return c->link_local6 || family != AF_INET6 ||
	    !mdns_subnet_has(&ll6, family, addr);
}
