/*
 * ma-loadgen: a DNS query load over UDP for the integration suite's memory
 * check.  It keeps up to WINDOW queries in flight to one server, cycling
 * through the names given and alternating A and AAAA; with -u K every K-th
 * query asks a fresh random label under the name instead, so the server's
 * cache and negative cache see new entries all the time.
 *
 *   ma-loadgen [-s ADDR] [-p PORT] [-n COUNT] [-w WINDOW] [-u K] [-m PCT] NAME...
 *
 * Prints one line: sent, replied, rcode counts, lost (no reply within a
 * second), and the rate.  Exits 0 once every query has been answered or
 * given up, 1 if fewer than PCT percent were answered (default 0), 2 on
 * bad usage or a socket error.  It only ever sends to ADDR,
 * which the suite sets to loopback inside its own network namespace.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_WINDOW 256
#define LOST_NS 1000000000LL

struct slot {
	uint16_t id;
	int busy;
	long long sent_ns;
};

struct load {
	int fd;
	long count, sent, replied, lost, rcode[3];
	int window, unique_every, min_pct;
	char **names;
	int nnames;
	struct slot slot[MAX_WINDOW];
};

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Encodes name into a query for qtype; returns its length or -1. */
static int build_query(unsigned char *q, size_t cap, uint16_t id,
    const char *name, int qtype)
{
	size_t n = 12;
	const char *p = name;

	memset(q, 0, 12);
	q[0] = id >> 8, q[1] = id & 255, q[2] = 1, q[5] = 1;	/* RD, QDCOUNT 1 */
	while (*p) {
		size_t len = strcspn(p, ".");
		if (len == 0 || len > 63 || n + len + 6 > cap)
			return -1;
		q[n++] = (unsigned char)len;
		memcpy(q + n, p, len);
		n += len, p += len;
		if (*p == '.')
			p++;
	}
	q[n++] = 0;
	q[n++] = 0, q[n++] = (unsigned char)qtype, q[n++] = 0, q[n++] = 1;
	return (int)n;
}

static int send_one(struct load *l, struct slot *s)
{
	unsigned char q[300];
	char name[300];
	const char *base = l->names[l->sent % l->nnames];
	int len;

	if (l->unique_every && l->sent % l->unique_every == 0) {
		snprintf(name, sizeof name, "r%08lx%04lx.%s", random(), l->sent & 0xffff, base);
		base = name;
	}
	s->id = (uint16_t)random();
	len = build_query(q, sizeof q, s->id, base, l->sent & 1 ? 28 : 1);
	if (len < 0) {
		fprintf(stderr, "ma-loadgen: cannot encode %s\n", base);
		return -1;
	}
	if (send(l->fd, q, (size_t)len, 0) < 0 && errno != EAGAIN && errno != ECONNREFUSED)
		return -1;
	s->busy = 1;
	s->sent_ns = now_ns();
	l->sent++;
	return 0;
}

static void take_reply(struct load *l)
{
	unsigned char r[1500];
	ssize_t n;
	int i;

	while ((n = recv(l->fd, r, sizeof r, MSG_DONTWAIT)) >= 12) {
		uint16_t id = (uint16_t)(r[0] << 8 | r[1]);
		for (i = 0; i < l->window; i++) {
			if (l->slot[i].busy && l->slot[i].id == id) {
				int rc = r[3] & 15;
				l->slot[i].busy = 0;
				l->replied++;
				l->rcode[rc == 0 ? 0 : rc == 3 ? 1 : 2]++;
				break;
			}
		}
	}
}

/* Frees slots whose query went unanswered for a second, refills free ones;
 * returns the number still in flight, or -1 on a send error. */
static int refill(struct load *l)
{
	long long t = now_ns();
	int i, busy = 0;

	for (i = 0; i < l->window; i++) {
		struct slot *s = &l->slot[i];
		if (s->busy && t - s->sent_ns > LOST_NS) {
			s->busy = 0;
			l->lost++;
		}
		if (!s->busy && l->sent < l->count && send_one(l, s) < 0)
			return -1;
		busy += s->busy;
	}
	return busy;
}

static int run(struct load *l)
{
	struct pollfd pfd = { .fd = l->fd, .events = POLLIN };
	long long t0 = now_ns();
	double secs;
	int busy;

	while ((busy = refill(l)) > 0) {
		poll(&pfd, 1, 50);
		take_reply(l);
	}
	if (busy < 0) {
		perror("ma-loadgen: send");
		return 2;
	}
	secs = (double)(now_ns() - t0) / 1e9;
	printf("sent=%ld replied=%ld noerror=%ld nxdomain=%ld other=%ld lost=%ld qps=%.0f\n",
	    l->sent, l->replied, l->rcode[0], l->rcode[1], l->rcode[2], l->lost,
	    (double)l->replied / (secs > 0 ? secs : 1));
	return l->replied * 100 >= l->sent * l->min_pct ? 0 : 1;
}

int main(int argc, char **argv)
{
	static struct load l = { .count = 1000, .window = 16 };
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(53) };
	const char *server = "127.0.0.1";
	int opt;

	while ((opt = getopt(argc, argv, "s:p:n:w:u:m:")) != -1) {
		switch (opt) {
		case 's': server = optarg; break;
		case 'p': sa.sin_port = htons((uint16_t)atoi(optarg)); break;
		case 'n': l.count = atol(optarg); break;
		case 'w': l.window = atoi(optarg); break;
		case 'u': l.unique_every = atoi(optarg); break;
		case 'm': l.min_pct = atoi(optarg); break;
		default: goto usage;
		}
	}
	if (optind >= argc || l.count <= 0 || l.window < 1 || l.window > MAX_WINDOW ||
	    l.unique_every < 0 || l.min_pct < 0 || l.min_pct > 100 || inet_pton(AF_INET, server, &sa.sin_addr) != 1)
		goto usage;
	l.names = argv + optind;
	l.nnames = argc - optind;
	srandom((unsigned)now_ns());
	l.fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	if (l.fd < 0 || connect(l.fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		perror("ma-loadgen: socket");
		return 2;
	}
	return run(&l);
usage:
	fprintf(stderr, "usage: ma-loadgen [-s IPV4] [-p PORT] [-n COUNT] [-w WINDOW 1-%d] "
	    "[-u K] [-m PCT] NAME...\n", MAX_WINDOW);
	return 2;
}
