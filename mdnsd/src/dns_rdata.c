/*
 * dns_rdata.c: RDATA layouts.  A layout is a string of steps: 'N' a domain
 * name, a digit d a fixed field of d octets ('S' = the 20 octets of SOA
 * counters), '*' the rest (may be empty).  Types not listed are opaque.
 */
#include <string.h>

#include "dns.h"

struct layout {
	uint16_t type;
	const char *steps;
};

/* Sorted by type for bsearch-like scanning; keep it sorted. */
static const struct layout layouts[] = {
	{ DNS_T_A, "4" },
	{ DNS_T_NS, "N" },
	{ DNS_T_MD, "N" },
	{ DNS_T_MF, "N" },
	{ DNS_T_CNAME, "N" },
	{ DNS_T_SOA, "NNS" },
	{ DNS_T_MB, "N" },
	{ DNS_T_MG, "N" },
	{ DNS_T_MR, "N" },
	{ DNS_T_PTR, "N" },
	{ DNS_T_MINFO, "NN" },
	{ DNS_T_MX, "2N" },
	{ DNS_T_RP, "NN" },
	{ DNS_T_AFSDB, "2N" },
	{ DNS_T_RT, "2N" },
	{ DNS_T_PX, "2NN" },
	{ DNS_T_AAAA, "8" "8" },
	{ DNS_T_SRV, "6N" },
	{ DNS_T_NSEC, "N*" },
};

const char *
dns_rdata_layout(uint16_t type)
{
	for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
		if (layouts[i].type == type)
			return layouts[i].steps;
	return NULL;
}

size_t
dns_rdata_expand_max(uint16_t type, uint16_t rdlen)
{
	const char *s = dns_rdata_layout(type);
	size_t extra = 0;

	if (s != NULL)
		for (; *s; s++)
			if (*s == 'N')
				extra += DNS_NAME_MAX;
	return rdlen + extra;
}

static size_t
fixed_len(char step)
{
	return step == 'S' ? 20 : (size_t)(step - '0');
}

int
dns_rdata_expand(uint16_t type, const uint8_t *pkt, size_t len, size_t off,
    uint16_t rdlen, uint8_t *out, size_t cap)
{
	const char *s = dns_rdata_layout(type);
	size_t end = off + rdlen, o = 0;

	if (end > len)
		return -1;
	if (s == NULL) {
		if (rdlen > cap)
			return -1;
		if (rdlen > 0)
			memcpy(out, pkt + off, rdlen);
		return rdlen;
	}
	for (; *s; s++) {
		size_t k;
		if (*s == 'N') {
			struct dns_name nm;
			/* A name must lie within the RDATA itself (pointers
			 * may of course reach back into the packet). */
			if (dns_name_read(pkt, end, &off, &nm) < 0 ||
			    o + nm.len > cap)
				return -1;
			memcpy(out + o, nm.wire, nm.len);
			o += nm.len;
			continue;
		}
		k = *s == '*' ? end - off : fixed_len(*s);
		if (off + k > end || o + k > cap)
			return -1;
		memcpy(out + o, pkt + off, k);
		o += k;
		off += k;
	}
	return off == end ? (int)o : -1;
}

bool
dns_rdata_compressible(uint16_t type)
{
	switch (type) {
	case DNS_T_NS: case DNS_T_MD: case DNS_T_MF: case DNS_T_CNAME:
	case DNS_T_SOA: case DNS_T_MB: case DNS_T_MG: case DNS_T_MR:
	case DNS_T_PTR: case DNS_T_MINFO: case DNS_T_MX:
		return true;
	default:
		return false;
	}
}
