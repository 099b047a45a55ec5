/* The unicast `local.` SOA probe; see mdns_soa.h. */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "../log.h"
#include "mdns_soa.h"

struct server {
	struct mdns_soa *s;
	struct sockaddr_storage addr;
	struct ev_io io;
	uint16_t id;
	int serves;		/* its last answer had an SOA */
};

struct mdns_soa {
	struct ev_loop *loop;
	struct ev_timer timer;
	size_t n;
	struct server srv[4];
	int served;		/* last value logged */
};

static socklen_t
addr_len(const struct sockaddr_storage *ss)
{
	return ss->ss_family == AF_INET ? sizeof(struct sockaddr_in) :
	    sizeof(struct sockaddr_in6);
}

static void
probe(struct server *sv)
{
	uint8_t pkt[64];
	struct dns_writer w;
	struct dns_name local;

	if (getrandom(&sv->id, sizeof sv->id, 0) < 0)
		sv->id ^= 0x5a5a;
	dns_name_from_text(&local, "local");
	dns_w_init(&w, pkt, sizeof pkt, sv->id, DNS_F_RD);
	dns_w_question(&w, &local, DNS_T_SOA, DNS_C_IN);
	/* connect()ed socket: the kernel drops datagrams from elsewhere. */
	(void)send(sv->io.fd, pkt, dns_w_finish(&w), 0);
}

/* Does the reply say the server has a `local.` zone? -1: not a reply. */
static int
verdict(const struct server *sv, const uint8_t *pkt, size_t len)
{
	struct dns_msg m;
	struct dns_name local;
	int has = 0;

	if (len < DNS_HDR_LEN || dns_get16(pkt) != sv->id ||
	    dns_parse_msg(pkt, len, &m) < 0)
		return -1;
	dns_name_from_text(&local, "local");
	if (!(m.flags & DNS_F_QR) || m.qdcount != 1 || m.qtype != DNS_T_SOA ||
	    !dns_name_eq(&m.qname, &local)) {
		dns_msg_free(&m);
		return -1;
	}
	for (size_t i = 0; i < m.count[DNS_S_AN]; i++)
		if (m.rr[i].type == DNS_T_SOA &&
		    dns_name_eq(&m.rr[i].name, &local))
			has = dns_msg_rcode(&m) == DNS_R_NOERROR;
	dns_msg_free(&m);
	return has;
}

static void
on_reply(struct ev_loop *loop, struct ev_io *io, uint32_t revents)
{
	struct server *sv = io->data;
	uint8_t pkt[1500];
	ssize_t n = recv(io->fd, pkt, sizeof pkt, 0);
	int v;

	(void)loop, (void)revents;
	if (n < 0 || (v = verdict(sv, pkt, (size_t)n)) < 0)
		return;
	sv->serves = v;
	v = mdns_soa_local_served(sv->s);
	if (v != sv->s->served)
		log_info("mdns: unicast DNS %s `local.`: mDNS misses %s",
		    v ? "serves" : "no longer serves",
		    v ? "go to the next backend" : "are NXDOMAIN again");
	sv->s->served = v;
}

static void
on_timer(struct ev_loop *loop, struct ev_timer *t)
{
	struct mdns_soa *s = t->data;

	for (size_t i = 0; i < s->n; i++)
		probe(&s->srv[i]);
	ev_timer_start(loop, t, MDNS_SOA_PERIOD_MS);
}

struct mdns_soa *
mdns_soa_new(struct ev_loop *loop, const struct mdns_conf *c)
{
	struct mdns_soa *s;

	if (c->nsoa == 0 || !(s = calloc(1, sizeof *s)))
		return NULL;
	s->loop = loop;
	for (size_t i = 0; i < c->nsoa; i++) {
		struct server *sv = &s->srv[s->n];
		int fd = socket(c->soa[i].ss_family, SOCK_DGRAM | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, 0);
		if (fd < 0)
			continue;
		sv->s = s;
		sv->addr = c->soa[i];
		if (connect(fd, (struct sockaddr *)&sv->addr,
		    addr_len(&sv->addr)) < 0 ||
		    ev_io_start(loop, &sv->io, fd, EPOLLIN, on_reply, sv) < 0) {
			close(fd);
			continue;
		}
		s->n++;
	}
	ev_timer_init(&s->timer, on_timer, s);
	ev_timer_start(loop, &s->timer, 0);
	return s;
}

int
mdns_soa_local_served(const struct mdns_soa *s)
{
	for (size_t i = 0; s && i < s->n; i++)
		if (s->srv[i].serves)
			return 1;
	return 0;
}

void
mdns_soa_free(struct mdns_soa *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		ev_io_stop(s->loop, &s->srv[i].io);
		close(s->srv[i].io.fd);
	}
	ev_timer_stop(s->loop, &s->timer);
	free(s);
}
