/* dns_name.c: reading, comparing and converting domain names. */
#include <string.h>

#include "dns.h"

/*
 * RFC 1035 section 4.1.4: a pointer is two octets 11xxxxxx xxxxxxxx.  We
 * require every pointer to point strictly before the label that holds it,
 * so following pointers always moves backwards and must terminate; the
 * 255-octet cap on the expanded name bounds the work as well.
 */
int
dns_name_read(const uint8_t *pkt, size_t len, size_t *off,
    struct dns_name *out)
{
	size_t p = *off, end = 0;
	size_t n = 0;
	int jumped = 0;

	for (;;) {
		if (p >= len)
			return -1;
		uint8_t c = pkt[p];
		if ((c & 0xc0) == 0xc0) {
			if (p + 1 >= len)
				return -1;
			size_t target = (size_t)(c & 0x3f) << 8 | pkt[p + 1];
			if (target >= p)
				return -1;
			if (!jumped)
				end = p + 2;
			jumped = 1;
			p = target;
			continue;
		}
		if (c & 0xc0)
			return -1;	/* 0x40 and 0x80: reserved, RFC 6891 */
		if (n + 1 + c > DNS_NAME_MAX || p + 1 + c > len)
			return -1;
		memcpy(out->wire + n, pkt + p, 1 + (size_t)c);
		n += 1 + (size_t)c;
		p += 1 + (size_t)c;
		if (c == 0)
			break;
	}
	out->len = (uint8_t)n;
	*off = jumped ? end : p;
	return 0;
}

static int
append_label(struct dns_name *out, size_t *n, const uint8_t *lab, size_t ll)
{
	if (ll == 0 || ll > DNS_LABEL_MAX || *n + 1 + ll + 1 > DNS_NAME_MAX)
		return -1;
	out->wire[(*n)++] = (uint8_t)ll;
	memcpy(out->wire + *n, lab, ll);
	*n += ll;
	return 0;
}

/* Decode one escape after a backslash; returns octets consumed or -1. */
static int
unescape(const char *s, uint8_t *octet)
{
	if (s[0] >= '0' && s[0] <= '9') {
		if (s[1] < '0' || s[1] > '9' || s[2] < '0' || s[2] > '9')
			return -1;
		int v = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
		if (v > 255)
			return -1;
		*octet = (uint8_t)v;
		return 3;
	}
	if (s[0] == '\0')
		return -1;
	*octet = (uint8_t)s[0];
	return 1;
}

int
dns_name_from_text(struct dns_name *out, const char *text)
{
	uint8_t lab[DNS_LABEL_MAX + 1];
	size_t ll = 0, n = 0;

	if (strcmp(text, ".") == 0) {
		out->wire[0] = 0;
		out->len = 1;
		return 0;
	}
	for (const char *s = text;; ) {
		if (*s == '.' || *s == '\0') {
			if (*s == '\0' && ll == 0 && s != text && s[-1] == '.')
				break;	/* trailing dot */
			if (append_label(out, &n, lab, ll) < 0)
				return -1;
			ll = 0;
			if (*s++ == '\0')
				break;
			continue;
		}
		if (ll > DNS_LABEL_MAX)
			return -1;
		if (*s == '\\') {
			int k = unescape(s + 1, &lab[ll]);
			if (k < 0)
				return -1;
			s += 1 + k;
		} else {
			lab[ll] = (uint8_t)*s++;
		}
		ll++;
	}
	if (n + 1 > DNS_NAME_MAX)
		return -1;
	out->wire[n++] = 0;
	out->len = (uint8_t)n;
	return 0;
}

static int
plain_octet(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '*';
}

int
dns_name_to_text(const struct dns_name *n, char *buf, size_t size)
{
	size_t o = 0, p = 0;

	if (n->len <= 1) {
		if (size < 2)
			return -1;
		memcpy(buf, ".", 2);
		return 1;
	}
	while (p < n->len && n->wire[p] != 0) {
		uint8_t ll = n->wire[p++];
		for (uint8_t i = 0; i < ll; i++, p++) {
			uint8_t c = n->wire[p];
			if (o + 5 > size)
				return -1;
			if (plain_octet(c))
				buf[o++] = (char)c;
			else if (c == '.' || c == '\\') {
				buf[o++] = '\\';
				buf[o++] = (char)c;
			} else {
				buf[o++] = '\\';
				buf[o++] = (char)('0' + c / 100);
				buf[o++] = (char)('0' + c / 10 % 10);
				buf[o++] = (char)('0' + c % 10);
			}
		}
		if (o + 2 > size)
			return -1;
		buf[o++] = '.';
	}
	buf[o] = '\0';
	return (int)o;
}

static inline uint8_t
lower(uint8_t c)
{
	return (uint8_t)(c - 'A') < 26 ? c + 32 : c;
}

/* Compare len octets ignoring ASCII case; length octets never are letters
 * (they are at most 63), so a plain octet-wise fold is exact. */
static int
fold_eq(const uint8_t *a, const uint8_t *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (lower(a[i]) != lower(b[i]))
			return 0;
	return 1;
}

bool
dns_name_eq(const struct dns_name *a, const struct dns_name *b)
{
	/* Names are mostly asked as they were stored (lowercase): try the
	 * plain comparison first, it is several times cheaper. */
	return a->len == b->len && (memcmp(a->wire, b->wire, a->len) == 0 ||
	    fold_eq(a->wire, b->wire, a->len));
}

bool
dns_name_in_zone(const struct dns_name *n, const struct dns_name *zone)
{
	if (zone->len > n->len)
		return false;
	/* Walk label boundaries of n until the remaining suffix has the
	 * zone's length, so we never compare from the middle of a label. */
	size_t p = 0;
	while (n->len - p > zone->len)
		p += 1 + (size_t)n->wire[p];
	return n->len - p == zone->len &&
	    fold_eq(n->wire + p, zone->wire, zone->len);
}

int
dns_name_labels(const struct dns_name *n)
{
	int k = 0;
	for (size_t p = 0; p < n->len && n->wire[p] != 0; p += 1 + n->wire[p])
		k++;
	return k;
}

uint32_t
dns_name_hash(const struct dns_name *n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n->len; i++) {
		h ^= lower(n->wire[i]);
		h *= 16777619u;
	}
	return h;
}

void
dns_name_lower(struct dns_name *n)
{
	for (size_t i = 0; i < n->len; i++)
		n->wire[i] = lower(n->wire[i]);
}
