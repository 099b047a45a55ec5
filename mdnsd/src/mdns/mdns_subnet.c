/* Subnets; see mdns_subnet.h. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "mdns_subnet.h"

int
mdns_subnet_has(const struct mdns_subnet *s, int family, const uint8_t *addr)
{
	unsigned full = s->prefixlen / 8, rest = s->prefixlen % 8;

	if (s->family != family || memcmp(s->addr, addr, full) != 0)
		return 0;
	return rest == 0 ||
	    ((s->addr[full] ^ addr[full]) & (uint8_t)(0xff << (8 - rest))) == 0;
}

int
mdns_subnet_parse(const char *text, struct mdns_subnet *s)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash, *end;
	unsigned long plen;

	if (strlen(text) >= sizeof buf)
		return -1;
	strcpy(buf, text);
	slash = strchr(buf, '/');
	if (!slash)
		return -1;
	*slash = 0;
	memset(s, 0, sizeof *s);
	if (inet_pton(AF_INET, buf, s->addr) == 1)
		s->family = AF_INET;
	else if (inet_pton(AF_INET6, buf, s->addr) == 1)
		s->family = AF_INET6;
	else
		return -1;
	plen = strtoul(slash + 1, &end, 10);
	if (!slash[1] || *end || plen > (s->family == AF_INET ? 32u : 128u))
		return -1;
	s->prefixlen = (unsigned)plen;
	return 0;
}
