/*
 * mdns_responder: a small, deliberately configurable mDNS responder for
 * the tests.  It runs inside a test's network namespace, answers questions
 * for the records given on the command line, and can misbehave on request
 * (answer late, twice, from the wrong port, with a TTL other than 255,
 * from an off-link address, or with garbage) so the querier's checks can
 * be seen to work.
 *
 *   -i IFNAME          interface to serve on (required)
 *   -a NAME=ADDR       an A or AAAA record (repeatable; several per name)
 *   -s INST,TYPE,HOST,PORT,TXT
 *                      a DNS-SD service: PTR TYPE.local -> INST.TYPE.local,
 *                      SRV (0 0 PORT HOST.local), TXT "TXT"
 *   -r                 also answer reverse PTRs for each address
 *   -N                 add NSEC (RFC 6762 6.1) for types a name lacks
 *   -T SECONDS         record TTL (default 120; legacy replies cap at 10)
 *   -d MS              wait this long before answering
 *   -2                 answer every query twice
 *   -p PORT            send replies from this source port (default 5353)
 *   -t TTL             IP TTL / hop limit of replies (default 255)
 *   -S ADDR            send IPv4 unicast replies from this source address
 *   -g                 send a garbage datagram before each answer
 *   -W PREFIX=ADDR     answer A for any NAME.local whose first label starts
 *                      with PREFIX (benchmarks: every name is new)
 *   -u ADDR            instead, be a plain unicast DNS server on ADDR:53
 *                      for the records given (NXDOMAIN for other names)
 *   -O                 add an SOA record for `local.` (a unicast zone)
 * Prints "ready PID" when serving and "q NAME TYPE" per question seen.  Signals: SIGUSR1 multicasts a goodbye (TTL 0) for every address record
 * and stops answering; SIGUSR2 replaces each A record's last octet with
 * +100 and announces it with the cache-flush bit.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../../src/dns.h"

#define MAXREC 256

struct rec {
	struct dns_name name;
	uint16_t type;
	uint16_t rdlen;
	uint8_t rdata[300];
	int shared;		/* PTR browse records are shared */
};

static struct rec recs[MAXREC];
static int nrec, opt_nsec, opt_twice, opt_garbage, opt_delay, opt_ttl_ip = 255;
static int opt_port = 5353, opt_reverse;
static uint32_t opt_ttl = 120;
static const char *opt_src;
static unsigned ifindex;
static volatile sig_atomic_t want_bye, want_flush;
static int silent;
static char wild_prefix[64];
static uint8_t wild_addr[4];
static int wild, nstatic;
static const char *opt_unicast;

static void
die(const char *what)
{
	perror(what);
	exit(1);
}

static struct rec *
add(const char *name, uint16_t type, const void *rd, size_t len, int shared)
{
	struct rec *r = &recs[nrec];

	if (nrec == MAXREC || len > sizeof r->rdata ||
	    dns_name_from_text(&r->name, name) < 0) {
		fprintf(stderr, "bad record %s\n", name);
		exit(2);
	}
	r->type = type;
	r->rdlen = (uint16_t)len;
	memcpy(r->rdata, rd, len);
	r->shared = shared;
	nrec++;
	return r;
}

static void
add_addr(char *arg)
{
	char *eq = strchr(arg, '='), rev[DNS_TEXT_MAX];
	uint8_t a[16];
	struct dns_name n, rn;
	int af;

	if (!eq)
		exit(2);
	*eq = 0;
	af = strchr(eq + 1, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(af, eq + 1, a) != 1)
		exit(2);
	add(arg, af == AF_INET ? DNS_T_A : DNS_T_AAAA, a, af == AF_INET ? 4 : 16, 0);
	if (!opt_reverse)
		return;
	dns_name_from_text(&n, arg);
	dns_name_from_addr(&rn, af, a);
	dns_name_to_text(&rn, rev, sizeof rev);
	add(rev, DNS_T_PTR, n.wire, n.len, 0);
}

static void
add_wild(char *arg)
{
	char *eq = strchr(arg, '=');

	if (!eq || (size_t)(eq - arg) >= sizeof wild_prefix)
		exit(2);
	*eq = 0;
	strcpy(wild_prefix, arg);
	if (inet_pton(AF_INET, eq + 1, wild_addr) != 1)
		exit(2);
	wild = 1;
}

/* For -W: a record for a matching name, made on the fly. */
static void
add_wild_match(const struct dns_name *n)
{
	size_t plen = strlen(wild_prefix);
	char text[DNS_TEXT_MAX];

	if (!wild || n->wire[0] < plen ||
	    strncasecmp((const char *)n->wire + 1, wild_prefix, plen) != 0 ||
	    dns_name_labels(n) != 2)
		return;
	for (int k = 0; k < nrec; k++)
		if (dns_name_eq(&recs[k].name, n))
			return;
	if (nrec == MAXREC)
		nrec = nstatic;	/* recycle: benchmarks ask many names */
	dns_name_to_text(n, text, sizeof text);
	add(text, DNS_T_A, wild_addr, 4, 0);
}

static void
add_soa(void)
{
	struct dns_name mname, rname;
	uint8_t rd[2 * DNS_NAME_MAX + 20] = { 0 };

	dns_name_from_text(&mname, "ns.local");
	dns_name_from_text(&rname, "admin.local");
	memcpy(rd, mname.wire, mname.len);
	memcpy(rd + mname.len, rname.wire, rname.len);
	dns_put32(rd + mname.len + rname.len, 1);
	dns_put32(rd + mname.len + rname.len + 16, 60);
	add("local", DNS_T_SOA, rd, (size_t)mname.len + rname.len + 20, 0);
}

static void
add_service(char *arg)
{
	char *f[5], *save, buf[600];
	struct dns_name inst, host;
	uint8_t srv[6 + DNS_NAME_MAX], txt[256];
	int i = 0;

	for (char *w = strtok_r(arg, ",", &save); w && i < 5;
	    w = strtok_r(NULL, ",", &save))
		f[i++] = w;
	if (i != 5)
		exit(2);
	snprintf(buf, sizeof buf, "%s.%s.local", f[0], f[1]);
	dns_name_from_text(&inst, buf);
	snprintf(buf, sizeof buf, "%s.local", f[1]);
	add(buf, DNS_T_PTR, inst.wire, inst.len, 1);
	snprintf(buf, sizeof buf, "%s.local", f[2]);
	dns_name_from_text(&host, buf);
	memset(srv, 0, 4);
	dns_put16(srv + 4, (uint16_t)atoi(f[3]));
	memcpy(srv + 6, host.wire, host.len);
	dns_name_to_text(&inst, buf, sizeof buf);
	add(buf, DNS_T_SRV, srv, 6 + (size_t)host.len, 0);
	txt[0] = (uint8_t)strlen(f[4]);
	memcpy(txt + 1, f[4], txt[0]);
	add(buf, DNS_T_TXT, txt, 1 + (size_t)txt[0], 0);
}

static void
set_ttls(int fd, int af)
{
	int t = opt_ttl_ip;

	if (af == AF_INET) {
		unsigned char mt = (unsigned char)t;
		struct ip_mreqn m = { .imr_ifindex = (int)ifindex };
		setsockopt(fd, IPPROTO_IP, IP_TTL, &t, sizeof t);
		setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &mt, 1);
		setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &m, sizeof m);
	} else {
		setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &t, sizeof t);
		setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &t, sizeof t);
		setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex,
		    sizeof ifindex);
	}
}

/* A UDP socket of family af bound to addr (NULL: any) and port. */
static int
open_sock(int af, const char *addr, int port, int join)
{
	int fd = socket(af, SOCK_DGRAM, 0), one = 1;
	struct sockaddr_storage ss = { 0 };
	socklen_t sl;

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (af == AF_INET) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		if (addr && inet_pton(AF_INET, addr, &s4->sin_addr) != 1)
			exit(2);
		sl = sizeof *s4;
	} else {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
		sl = sizeof *s6;
	}
	if (bind(fd, (struct sockaddr *)&ss, sl) < 0)
		die("bind");
	set_ttls(fd, af);
	if (join && af == AF_INET) {
		struct ip_mreqn m = { .imr_ifindex = (int)ifindex };
		inet_pton(AF_INET, "224.0.0.251", &m.imr_multiaddr);
		if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof m) < 0)
			die("IP_ADD_MEMBERSHIP");
	} else if (join) {
		struct ipv6_mreq m = { .ipv6mr_interface = ifindex };
		inet_pton(AF_INET6, "ff02::fb", &m.ipv6mr_multiaddr);
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &m, sizeof m) < 0)
			die("IPV6_JOIN_GROUP");
	}
	return fd;
}

struct question {
	struct dns_name name;
	uint16_t type, qclass;
};

/* Read up to 8 questions; returns how many, or -1 if not a query. */
static int
read_questions(const uint8_t *p, size_t len, struct question *q)
{
	size_t off = DNS_HDR_LEN;
	int n, i;

	if (len < DNS_HDR_LEN || (p[2] & 0x80))
		return -1;
	n = dns_get16(p + 4);
	for (i = 0; i < n && i < 8; i++) {
		if (dns_name_read(p, len, &off, &q[i].name) < 0 || off + 4 > len)
			return -1;
		q[i].type = dns_get16(p + off);
		q[i].qclass = dns_get16(p + off + 2);
		off += 4;
	}
	return i;
}

static void
put(struct dns_writer *w, enum dns_section sec, const struct rec *r,
    int legacy, uint32_t ttl)
{
	struct dns_rr rr = { .name = r->name, .type = r->type,
	    .class = DNS_C_IN | (legacy || r->shared ? 0 : 0x8000),
	    .ttl = ttl, .rdlen = r->rdlen, .rdata = r->rdata };

	dns_w_rr(w, sec, &rr);
}

/* NSEC for name: next name = itself, bitmap of the types it has. */
static void
put_nsec(struct dns_writer *w, const struct dns_name *name, uint32_t ttl)
{
	uint8_t rd[DNS_NAME_MAX + 34] = { 0 }, *bm = rd + name->len;
	struct dns_rr rr = { .name = *name, .type = DNS_T_NSEC,
	    .class = DNS_C_IN, .ttl = ttl, .rdata = rd };
	int max = 0;

	memcpy(rd, name->wire, name->len);
	for (int i = 0; i < nrec; i++)
		if (dns_name_eq(&recs[i].name, name) && recs[i].type < 256) {
			bm[2 + recs[i].type / 8] |= 0x80 >> (recs[i].type % 8);
			if (recs[i].type / 8 + 1 > max)
				max = recs[i].type / 8 + 1;
		}
	bm[1] = (uint8_t)max;
	rr.rdlen = (uint16_t)(name->len + 2 + max);
	dns_w_rr(w, DNS_S_AR, &rr);
}

/* Build the reply to n questions; returns its length or 0 if none. */
static size_t
build(uint8_t *out, size_t cap, const uint8_t *query,
    const struct question *q, int n, int legacy)
{
	struct dns_writer w;
	uint32_t ttl = legacy && opt_ttl > 10 ? 10 : opt_ttl;
	int hit[MAXREC] = { 0 }, any = 0, named = 0;

	dns_w_init(&w, out, cap, legacy ? dns_get16(query) : 0,
	    DNS_F_QR | DNS_F_AA);
	for (int i = 0; legacy && i < n; i++)
		dns_w_question(&w, &q[i].name, q[i].type, q[i].qclass & 0x7fff);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < nrec; k++)
			if (dns_name_eq(&recs[k].name, &q[i].name)) {
				named = 1;
				if ((q[i].type == recs[k].type ||
				    q[i].type == DNS_T_ANY) && !hit[k]) {
					hit[k] = 1;
					put(&w, DNS_S_AN, &recs[k], legacy, ttl);
					any = 1;
				}
			}
	if (!named)
		return 0;
	/* Section 6.2: the other address family goes in additional. */
	for (int k = 0; k < nrec; k++)
		if (!hit[k] && (recs[k].type == DNS_T_A ||
		    recs[k].type == DNS_T_AAAA) &&
		    dns_name_eq(&recs[k].name, &q[0].name))
			put(&w, DNS_S_AR, &recs[k], legacy, ttl);
	/* RFC 6763 12.2: an SRV answer brings its target's addresses. */
	for (int k = 0; k < nrec; k++) {
		struct dns_name target;
		size_t off = 6;
		if (!hit[k] || recs[k].type != DNS_T_SRV ||
		    dns_name_read(recs[k].rdata, recs[k].rdlen, &off, &target) < 0)
			continue;
		for (int j = 0; j < nrec; j++)
			if (!hit[j] && (recs[j].type == DNS_T_A ||
			    recs[j].type == DNS_T_AAAA) &&
			    dns_name_eq(&recs[j].name, &target))
				put(&w, DNS_S_AR, &recs[j], legacy, ttl);
	}
	if (opt_nsec)
		put_nsec(&w, &q[0].name, ttl);
	else if (!any)
		return 0;
	return dns_w_finish(&w);
}

static int fd4 = -1, fd6 = -1, r4 = -1, r6 = -1;

static void
send_to(int af, const void *pkt, size_t len, const struct sockaddr *to,
    socklen_t tl)
{
	int fd = af == AF_INET ? r4 : r6;

	if (opt_garbage) {
		uint8_t junk[64];
		for (size_t i = 0; i < sizeof junk; i++)
			junk[i] = (uint8_t)rand();
		/* A valid header (our ID, QR|AA, rcode 0) over a body that
		 * cannot parse, so it reaches the parser. */
		memcpy(junk, pkt, 2);
		junk[2] = 0x84;
		junk[3] = 0;
		junk[4] = 0;
		junk[5] = 0;
		junk[6] = 0;
		junk[7] = 9;
		sendto(fd, junk, sizeof junk, 0, to, tl);
	}
	for (int i = 0; i < (opt_twice ? 2 : 1); i++)
		if (sendto(fd, pkt, len, 0, to, tl) < 0)
			perror("sendto");
}

static void
multicast(int af, const void *pkt, size_t len)
{
	struct sockaddr_in s4 = { .sin_family = AF_INET,
	    .sin_port = htons(5353) };
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6,
	    .sin6_port = htons(5353), .sin6_scope_id = ifindex };

	inet_pton(AF_INET, "224.0.0.251", &s4.sin_addr);
	inet_pton(AF_INET6, "ff02::fb", &s6.sin6_addr);
	if (af == AF_INET)
		send_to(af, pkt, len, (struct sockaddr *)&s4, sizeof s4);
	else
		send_to(af, pkt, len, (struct sockaddr *)&s6, sizeof s6);
}

/* Unsolicited response with every address record (goodbye or flush). */
static void
announce(uint32_t ttl)
{
	uint8_t pkt[1500];
	struct dns_writer w;

	dns_w_init(&w, pkt, sizeof pkt, 0, DNS_F_QR | DNS_F_AA);
	for (int k = 0; k < nrec; k++)
		if (recs[k].type == DNS_T_A || recs[k].type == DNS_T_AAAA)
			put(&w, DNS_S_AN, &recs[k], 0, ttl);
	size_t len = dns_w_finish(&w);
	if (fd4 >= 0)
		multicast(AF_INET, pkt, len);
	if (fd6 >= 0)
		multicast(AF_INET6, pkt, len);
}

static void
on_signal(int sig)
{
	if (sig == SIGUSR1)
		want_bye = 1;
	else
		want_flush = 1;
}

static void
serve(int fd)
{
	uint8_t in[9000], out[1500];
	struct sockaddr_storage from;
	socklen_t fl = sizeof from;
	struct question q[8];
	ssize_t n = recvfrom(fd, in, sizeof in, 0, (struct sockaddr *)&from, &fl);
	int nq, legacy, qu = 0, af = from.ss_family;
	uint16_t port;

	if (n < 0 || silent || (nq = read_questions(in, (size_t)n, q)) <= 0)
		return;
	port = af == AF_INET ? ntohs(((struct sockaddr_in *)&from)->sin_port) :
	    ntohs(((struct sockaddr_in6 *)&from)->sin6_port);
	legacy = port != 5353;
	for (int i = 0; i < nq; i++) {
		char text[DNS_TEXT_MAX], t[16];
		add_wild_match(&q[i].name);
		qu |= q[i].qclass >> 15;
		dns_name_to_text(&q[i].name, text, sizeof text);
		printf("q %s %s\n", text, dns_type_name(q[i].type, t));
	}
	fflush(stdout);
	size_t len = build(out, sizeof out, in, q, nq, legacy);
	if (len == 0)
		return;
	if (opt_delay) {
		struct timespec ts = { opt_delay / 1000,
		    (long)(opt_delay % 1000) * 1000000 };
		nanosleep(&ts, NULL);
	}
	if (legacy || qu)
		send_to(af, out, len, (struct sockaddr *)&from, fl);
	else
		multicast(af, out, len);
}

static void
parse_args(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "i:a:s:rNT:d:2p:t:S:gW:u:O")) != -1) {
		switch (c) {
		case 'i': ifindex = if_nametoindex(optarg); break;
		case 'a': add_addr(optarg); break;
		case 's': add_service(optarg); break;
		case 'r': opt_reverse = 1; break;
		case 'N': opt_nsec = 1; break;
		case 'T': opt_ttl = (uint32_t)atoi(optarg); break;
		case 'd': opt_delay = atoi(optarg); break;
		case '2': opt_twice = 1; break;
		case 'p': opt_port = atoi(optarg); break;
		case 't': opt_ttl_ip = atoi(optarg); break;
		case 'S': opt_src = optarg; break;
		case 'g': opt_garbage = 1; break;
		case 'W': add_wild(optarg); break;
		case 'u': opt_unicast = optarg; break;
		case 'O': add_soa(); break;
		default: exit(2);
		}
	}
	nstatic = nrec;
	if (opt_unicast)
		return;
	if (ifindex == 0) {
		fprintf(stderr, "usage: mdns_responder -i IFNAME [options]\n");
		exit(2);
	}
}

/* -u: a plain unicast DNS server, one reply per query. */
static void
serve_unicast(void)
{
	int fd = open_sock(AF_INET, opt_unicast, 53, 0);
	uint8_t in[1500], out[1500];

	printf("ready %ld\n", (long)getpid());
	fflush(stdout);
	for (;;) {
		struct sockaddr_storage from;
		socklen_t fl = sizeof from;
		struct question q[8];
		ssize_t n = recvfrom(fd, in, sizeof in, 0,
		    (struct sockaddr *)&from, &fl);
		int nq;
		size_t len;
		if (n < 0 || (nq = read_questions(in, (size_t)n, q)) <= 0)
			continue;
		len = build(out, sizeof out, in, q, nq, 1);
		if (len == 0) {
			/* Unknown name: the header and question, NXDOMAIN. */
			struct dns_writer w;
			dns_w_init(&w, out, sizeof out, dns_get16(in),
			    DNS_F_QR | DNS_F_AA | DNS_R_NXDOMAIN);
			dns_w_question(&w, &q[0].name, q[0].type, q[0].qclass);
			len = dns_w_finish(&w);
		}
		sendto(fd, out, len, 0, (struct sockaddr *)&from, fl);
	}
}

int
main(int argc, char **argv)
{
	struct pollfd pf[2];

	parse_args(argc, argv);
	if (opt_unicast)
		serve_unicast();
	signal(SIGUSR1, on_signal);
	signal(SIGUSR2, on_signal);
	fd4 = open_sock(AF_INET, NULL, 5353, 1);
	fd6 = open_sock(AF_INET6, NULL, 5353, 1);
	r4 = opt_port != 5353 || opt_src ?
	    open_sock(AF_INET, opt_src, opt_port, 0) : fd4;
	r6 = opt_port != 5353 ? open_sock(AF_INET6, NULL, opt_port, 0) : fd6;
	pf[0] = (struct pollfd){ .fd = fd4, .events = POLLIN };
	pf[1] = (struct pollfd){ .fd = fd6, .events = POLLIN };
	printf("ready %ld\n", (long)getpid());
	fflush(stdout);
	for (;;) {
		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			die("poll");
		if (want_bye) {
			want_bye = 0;
			announce(0);
			silent = 1;
		}
		if (want_flush) {
			want_flush = 0;
			for (int k = 0; k < nrec; k++)
				if (recs[k].type == DNS_T_A)
					recs[k].rdata[3] += 100;
			announce(opt_ttl);
		}
		for (int i = 0; i < 2; i++)
			if (pf[i].revents & POLLIN)
				serve(pf[i].fd);
	}
}
