/* reply.c: see reply.h. */
#include "reply.h"

#define OPT_LEN 11

size_t
reply_udp_limit(const struct dns_query *q)
{
	if (!q->edns)
		return DNS_UDP_MIN;
	return q->edns_udp < DNS_EDNS_UDP ? q->edns_udp : DNS_EDNS_UDP;
}

size_t
reply_build(uint8_t *buf, size_t limit, const struct dns_query *q,
    const struct answer *a, unsigned rcode, uint32_t age_s)
{
	struct dns_writer w;
	bool truncated = false;
	uint16_t flags = DNS_F_QR | DNS_F_RA | (q->flags & (DNS_F_RD | DNS_F_CD));

	if (a != NULL) {
		rcode = a->rcode;
		if (a->aa)
			flags |= DNS_F_AA;
	}
	/* Extended RCODEs (BADVERS) exist only with an OPT record. */
	flags |= rcode & DNS_F_RCODE;
	/* Keep room for the OPT record so that it is never the part cut. */
	size_t room = q->edns ? limit - OPT_LEN : limit;
	dns_w_init(&w, buf, room, q->id, flags);
	if (q->has_question)
		dns_w_question(&w, &q->qname, q->qtype, q->qclass);
	if (a != NULL)
		answer_write(a, &w, age_s, &truncated);
	if (truncated)
		dns_w_set_flags(&w, DNS_F_TC);
	if (q->edns) {
		w.cap = limit;
		dns_w_opt(&w, DNS_EDNS_UDP, (uint8_t)(rcode >> 4), 0);
	}
	return dns_w_finish(&w);
}
