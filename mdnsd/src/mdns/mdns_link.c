/* Interface and on-link prefix snapshot; see mdns_link.h. */
#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "mdns_link.h"

static unsigned
mask_len(const uint8_t *m, size_t n)
{
	unsigned bits = 0;
	size_t i;

	for (i = 0; i < n; i++)
		for (int b = 7; b >= 0 && (m[i] >> b & 1); b--)
			bits++;
	return bits;
}

static int
wanted(const struct ifaddrs *ifa, const char *const *names)
{
	if (names) {
		for (; *names; names++)
			if (strcmp(*names, ifa->ifa_name) == 0)
				return 1;
		return 0;
	}
	return (ifa->ifa_flags & IFF_UP) && (ifa->ifa_flags & IFF_MULTICAST) &&
	    !(ifa->ifa_flags & IFF_LOOPBACK);
}

static int
add_if(struct mdns_links *l, unsigned idx)
{
	unsigned i;

	for (i = 0; i < l->nif; i++)
		if (l->ifindex[i] == idx)
			return (int)i;
	if (l->nif == MDNS_LINK_IFS_MAX)
		return -1;
	l->ifindex[l->nif] = idx;
	l->has4[l->nif] = l->has6[l->nif] = 0;
	return (int)l->nif++;
}

static void
add_addr(struct mdns_links *l, const struct ifaddrs *ifa, unsigned idx)
{
	struct mdns_link_addr *a;
	int i = add_if(l, idx);

	if (i < 0 || l->naddr == MDNS_LINK_ADDRS_MAX)
		return;
	a = &l->a[l->naddr];
	a->ifindex = idx;
	a->family = ifa->ifa_addr->sa_family;
	if (a->family == AF_INET) {
		memcpy(a->addr, &((struct sockaddr_in *)ifa->ifa_addr)->sin_addr, 4);
		a->prefixlen = ifa->ifa_netmask ? mask_len((uint8_t *)
		    &((struct sockaddr_in *)ifa->ifa_netmask)->sin_addr, 4) : 32;
		l->has4[i] = 1;
	} else {
		memcpy(a->addr, &((struct sockaddr_in6 *)ifa->ifa_addr)->sin6_addr, 16);
		a->prefixlen = ifa->ifa_netmask ? mask_len((uint8_t *)
		    &((struct sockaddr_in6 *)ifa->ifa_netmask)->sin6_addr, 16) : 128;
		l->has6[i] = 1;
	}
	l->naddr++;
}

int
mdns_links_scan(struct mdns_links *l, const char *const *names)
{
	struct ifaddrs *all, *ifa;

	memset(l, 0, sizeof *l);
	if (getifaddrs(&all) < 0)
		return -1;
	for (ifa = all; ifa; ifa = ifa->ifa_next) {
		unsigned idx;
		if (!ifa->ifa_addr || !wanted(ifa, names))
			continue;
		idx = if_nametoindex(ifa->ifa_name);
		if (idx == 0)
			continue;
		if (ifa->ifa_addr->sa_family == AF_INET ||
		    ifa->ifa_addr->sa_family == AF_INET6)
			add_addr(l, ifa, idx);
	}
	freeifaddrs(all);
	return 0;
}

int
mdns_links_has_if(const struct mdns_links *l, unsigned ifindex)
{
	unsigned i;

	for (i = 0; i < l->nif; i++)
		if (l->ifindex[i] == ifindex)
			return 1;
	return 0;
}

static int
prefix_eq(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;

	if (memcmp(a, b, full) != 0)
		return 0;
	return rest == 0 ||
	    ((a[full] ^ b[full]) & (uint8_t)(0xff << (8 - rest))) == 0;
}

int
mdns_links_on_link(const struct mdns_links *l, unsigned ifindex, int family,
    const uint8_t *addr)
{
	unsigned i;

	if (family == AF_INET6 && addr[0] == 0xfe && (addr[1] & 0xc0) == 0x80)
		return mdns_links_has_if(l, ifindex);
	for (i = 0; i < l->naddr; i++) {
		const struct mdns_link_addr *a = &l->a[i];
		if (a->ifindex == ifindex && a->family == family &&
		    prefix_eq(a->addr, addr, a->prefixlen))
			return 1;
	}
	return 0;
}
