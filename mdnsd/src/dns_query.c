/* dns_query.c: validate a client's query without allocating. */
#include <string.h>

#include "dns.h"

/* EDNS0 OPT (RFC 6891 6.1.2): owner ".", CLASS = payload size, TTL =
 * extended RCODE, version and flags.  Values below 512 are read as 512. */
static int
take_opt(struct dns_query *q, const struct dns_name *owner,
    const uint8_t *rr)
{
	if (q->edns || owner->len != 1)
		return DNS_R_FORMERR;
	q->edns = true;
	q->edns_udp = dns_get16(rr + 2) < DNS_UDP_MIN ? DNS_UDP_MIN :
	    dns_get16(rr + 2);
	q->edns_version = rr[5];
	q->edns_flags = dns_get16(rr + 6);
	return DNS_R_NOERROR;
}

/* Walk `count` records of section sec starting at *off. */
static int
walk_records(const uint8_t *pkt, size_t len, size_t *off, unsigned count,
    enum dns_section sec, struct dns_query *q)
{
	for (unsigned i = 0; i < count; i++) {
		struct dns_name owner;
		if (dns_name_read(pkt, len, off, &owner) < 0 ||
		    len - *off < 10)
			return DNS_R_FORMERR;
		const uint8_t *rr = pkt + *off;
		uint16_t rdlen = dns_get16(rr + 8);
		if (len - *off - 10 < rdlen)
			return DNS_R_FORMERR;
		if (dns_get16(rr) == DNS_T_OPT) {
			if (sec != DNS_S_AR || take_opt(q, &owner, rr) != 0)
				return DNS_R_FORMERR;
		}
		*off += 10 + (size_t)rdlen;
	}
	return DNS_R_NOERROR;
}

static int
read_question(const uint8_t *pkt, size_t len, size_t *off,
    struct dns_query *q)
{
	if (dns_name_read(pkt, len, off, &q->qname) < 0 || len - *off < 4)
		return DNS_R_FORMERR;
	q->qtype = dns_get16(pkt + *off);
	q->qclass = dns_get16(pkt + *off + 2);
	*off += 4;
	if (q->qtype == DNS_T_OPT)
		return DNS_R_FORMERR;
	q->has_question = true;
	return DNS_R_NOERROR;
}

int
dns_parse_query(const uint8_t *pkt, size_t len, struct dns_query *q)
{
	size_t off = DNS_HDR_LEN;
	int rc;

	memset(q, 0, offsetof(struct dns_query, qname));
	q->edns = false;
	if (len < DNS_HDR_LEN)
		return -1;
	q->id = dns_get16(pkt);
	q->flags = dns_get16(pkt + 2);
	if (q->flags & DNS_F_QR)
		return -1;
	if (dns_get16(pkt + 4) != 1)
		return DNS_R_FORMERR;
	if ((rc = read_question(pkt, len, &off, q)) != 0)
		return rc;
	for (int s = DNS_S_AN; s <= DNS_S_AR; s++) {
		rc = walk_records(pkt, len, &off, dns_get16(pkt + 4 + 2 * s),
		    (enum dns_section)s, q);
		if (rc != 0)
			return rc;
	}
	/* Trailing octets after the last record: RFC 1035 does not allow
	 * them, but some stubs pad; tolerate them as BIND and Unbound do. */
	if ((q->flags & DNS_F_OPCODE) != 0)
		return DNS_R_NOTIMP;
	if (q->edns && q->edns_version != 0)
		return DNS_R_BADVERS;
	return DNS_R_NOERROR;
}
