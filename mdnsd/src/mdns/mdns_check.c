/* Source and header checks for received mDNS datagrams; see mdns_check.h. */
#include <string.h>
#include <sys/socket.h>

#include "mdns_check.h"

static const char *const names[MDNS_VERDICTS] = {
	[MDNS_OK] = "ok", [MDNS_DROP_PORT] = "port", [MDNS_DROP_IF] = "if",
	[MDNS_DROP_OFFLINK] = "offlink", [MDNS_DROP_TTL] = "ttl",
	[MDNS_DROP_HEADER] = "header", [MDNS_DROP_ID] = "id",
};

const char *
mdns_verdict_name(enum mdns_verdict v)
{
	return (unsigned)v < MDNS_VERDICTS ? names[v] : "?";
}

int
mdns_dst_is_group(const struct mdns_pktinfo *pi)
{
	static const uint8_t g4[4] = { 224, 0, 0, 251 };
	static const uint8_t g6[16] = { 0xff, 0x02, [15] = 0xfb };

	if (pi->family == AF_INET)
		return memcmp(pi->dst, g4, 4) == 0;
	return memcmp(pi->dst, g6, 16) == 0;
}

enum mdns_verdict
mdns_check_source(const struct mdns_pktinfo *pi,
    const struct mdns_links *links, int check_ttl)
{
	if (pi->src_port != MDNS_PORT)
		return MDNS_DROP_PORT;
	if (!mdns_links_has_if(links, pi->ifindex))
		return MDNS_DROP_IF;
	/* A check we cannot make (no TTL reported) counts as failed. */
	if (check_ttl && pi->ttl != 255)
		return MDNS_DROP_TTL;
	if (!mdns_dst_is_group(pi) &&
	    !mdns_links_on_link(links, pi->ifindex, pi->family, pi->src))
		return MDNS_DROP_OFFLINK;
	return MDNS_OK;
}

enum mdns_verdict
mdns_check_header(const uint8_t *pkt, size_t len,
    const struct mdns_pktinfo *pi, int (*id_ok)(uint16_t id, void *arg),
    void *arg)
{
	uint16_t id;

	if (len < 12)
		return MDNS_DROP_HEADER;
	/* QR=1, opcode 0; AA, TC, RD, RA and Z are not checked. */
	if ((pkt[2] & 0xf8) != 0x80 || (pkt[3] & 0x0f) != 0)
		return MDNS_DROP_HEADER;
	id = (uint16_t)(pkt[0] << 8 | pkt[1]);
	if (!mdns_dst_is_group(pi) && id_ok && !id_ok(id, arg))
		return MDNS_DROP_ID;
	return MDNS_OK;
}
