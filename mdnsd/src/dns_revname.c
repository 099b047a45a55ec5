/* dns_revname.c: in-addr.arpa and ip6.arpa names (RFC 1035 3.5, RFC 3596). */
#include <string.h>
#include <sys/socket.h>

#include "dns.h"

static const uint8_t in_addr_arpa[] = "\7in-addr\4arpa";	/* + root */
static const uint8_t ip6_arpa[] = "\3ip6\4arpa";
static const char hexdig[] = "0123456789abcdef";

static void
put_suffix(struct dns_name *out, size_t n, const uint8_t *sfx, size_t sl)
{
	memcpy(out->wire + n, sfx, sl);	/* sl includes the root octet */
	out->len = (uint8_t)(n + sl);
}

int
dns_name_from_addr(struct dns_name *out, int af, const void *addr)
{
	const uint8_t *a = addr;
	size_t n = 0;

	if (af == AF_INET) {
		for (int i = 3; i >= 0; i--) {
			uint8_t v = a[i], d[3];
			int k = 0;
			do
				d[k++] = (uint8_t)('0' + v % 10);
			while ((v /= 10) != 0);
			out->wire[n++] = (uint8_t)k;
			while (k > 0)
				out->wire[n++] = d[--k];
		}
		put_suffix(out, n, in_addr_arpa, sizeof in_addr_arpa);
		return 0;
	}
	if (af == AF_INET6) {
		for (int i = 15; i >= 0; i--) {
			out->wire[n++] = 1;
			out->wire[n++] = (uint8_t)hexdig[a[i] & 15];
			out->wire[n++] = 1;
			out->wire[n++] = (uint8_t)hexdig[a[i] >> 4];
		}
		put_suffix(out, n, ip6_arpa, sizeof ip6_arpa);
		return 0;
	}
	return -1;
}

static int
hexval(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int
v4_from_name(const struct dns_name *n, uint8_t *a)
{
	size_t p = 0;
	for (int i = 3; i >= 0; i--) {
		uint8_t ll = n->wire[p++];
		unsigned v = 0;
		if (ll < 1 || ll > 3 || (ll > 1 && n->wire[p] == '0'))
			return 0;
		for (uint8_t k = 0; k < ll; k++, p++) {
			if (n->wire[p] < '0' || n->wire[p] > '9')
				return 0;
			v = v * 10 + (unsigned)(n->wire[p] - '0');
		}
		if (v > 255)
			return 0;
		a[i] = (uint8_t)v;
	}
	return p == 0 ? 0 : 1;
}

int
dns_name_to_addr(const struct dns_name *n, void *addr)
{
	struct dns_name z;
	uint8_t *a = addr;

	memcpy(z.wire, ip6_arpa, sizeof ip6_arpa);
	z.len = sizeof ip6_arpa;
	if (n->len == 64 + z.len && dns_name_in_zone(n, &z)) {
		for (int i = 0; i < 32; i++) {
			int v = n->wire[2 * i] == 1 ? hexval(n->wire[2 * i + 1]) : -1;
			if (v < 0)
				return 0;
			if (i % 2 == 0)
				a[15 - i / 2] = (uint8_t)v;
			else
				a[15 - i / 2] |= (uint8_t)(v << 4);
		}
		return AF_INET6;
	}
	memcpy(z.wire, in_addr_arpa, sizeof in_addr_arpa);
	z.len = sizeof in_addr_arpa;
	if (dns_name_labels(n) == 6 && dns_name_in_zone(n, &z) &&
	    v4_from_name(n, a))
		return AF_INET;
	return 0;
}
