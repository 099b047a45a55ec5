/*
 * mdns_lookup: drive the built-in querier without the daemon, for the
 * tests and the benchmark.  Looks up each NAME[/TYPE] argument in turn
 * through one querier (so later lookups may be answered from the cache)
 * and prints one line per lookup:
 *
 *   NAME TYPE STATUS MS [RDATA...]
 *
 * STATUS is FOUND, NODATA, NXDOMAIN or FAIL; MS the time it took.
 * Options are querier settings as in mdnsd.conf ("-o deadline=300ms"),
 * -w MS keeps listening that long between lookups, -s prints the drop
 * counters at the end.
 */
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../../src/mdns/mdns_querier.h"

static enum mdns_status result;
static int done;

static void
on_done(void *arg, enum mdns_status st)
{
	(void)arg;
	result = st;
	done = 1;
}

static void
print_rr(const struct mdns_rr *rr, void *arg)
{
	char text[DNS_TEXT_MAX];
	size_t off = 0;

	(void)arg;
	if (rr->type == DNS_T_A || rr->type == DNS_T_AAAA) {
		inet_ntop(rr->type == DNS_T_A ? AF_INET : AF_INET6, rr->rdata,
		    text, sizeof text);
	} else if (rr->type == DNS_T_PTR || rr->type == DNS_T_SRV) {
		struct dns_name n;
		off = rr->type == DNS_T_SRV ? 6 : 0;
		if (dns_name_read(rr->rdata, rr->rdlen, &off, &n) < 0)
			return;
		dns_name_to_text(&n, text, sizeof text);
		if (rr->type == DNS_T_SRV)
			printf(" %u", dns_get16(rr->rdata + 4));
	} else if (rr->type == DNS_T_TXT && rr->rdlen > 0) {
		snprintf(text, sizeof text, "%.*s", rr->rdata[0], rr->rdata + 1);
	} else {
		snprintf(text, sizeof text, "(%u octets)", rr->rdlen);
	}
	printf(" %s", text);
}

/*
 * Run the querier as the daemon's loop would until the lookup is done or,
 * with until_ms set, until then (so multicast news is read between
 * lookups, as in the daemon).
 */
static void
pump(struct mdns_querier *q, uint64_t until_ms)
{
	int fds[2];
	struct pollfd pf[2];

	mdns_querier_fds(q, fds);
	for (int i = 0; i < 2; i++)
		pf[i] = (struct pollfd){ .fd = fds[i], .events = POLLIN };
	while (until_ms ? mdns_now_ms() < until_ms : !done) {
		uint64_t now = mdns_now_ms(), next = mdns_querier_next_ms(q);
		if (until_ms && until_ms < next)
			next = until_ms;
		int ms = next > now ? (int)(next - now) : 0;
		poll(pf, 2, ms);
		now = mdns_now_ms();
		for (int i = 0; i < 2; i++)
			if (pf[i].revents & POLLIN)
				mdns_querier_input(q, pf[i].fd, now);
		mdns_querier_tick(q, now);
	}
}

static double
now_exact(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static const char *const status_name[] = { "PENDING", "FOUND", "NODATA",
    "NXDOMAIN", "FAIL" };

static void
lookup(struct mdns_querier *q, const struct mdns_conf *conf, char *arg)
{
	char *slash = strchr(arg, '/'), tbuf[16];
	uint16_t type = DNS_T_A;
	struct dns_name name;
	struct mdns_lookup *l;
	double t0 = now_exact();

	if (slash) {
		*slash = 0;
		type = dns_type_from_name(slash + 1);
	}
	if (type == 0 || dns_name_from_text(&name, arg) < 0) {
		fprintf(stderr, "bad lookup %s\n", arg);
		exit(2);
	}
	enum mdns_class cls = mdns_policy(conf, &name, type);
	if (cls == MDNS_NOT_OURS) {
		printf("%s %s DECLINE 0\n", arg, dns_type_name(type, tbuf));
		return;
	}
	done = 0;
	result = mdns_lookup_start(q, &name, type, cls, mdns_now_ms(), on_done,
	    NULL, &l);
	if (result == MDNS_PENDING)
		pump(q, 0);
	printf("%s %s %s %.2f", arg, dns_type_name(type, tbuf),
	    status_name[result], now_exact() - t0);
	if (result == MDNS_FOUND)
		mdns_querier_records(q, &name, type, mdns_now_ms(), print_rr,
		    NULL);
	printf("\n");
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	struct mdns_conf conf;
	struct mdns_querier *q;
	int c, wait_ms = 0, stats = 0;
	char err[128];

	mdns_conf_init(&conf);
	while ((c = getopt(argc, argv, "o:w:s")) != -1) {
		char *eq = optarg ? strchr(optarg, '=') : NULL;
		if (c == 'w') {
			wait_ms = atoi(optarg);
		} else if (c == 's') {
			stats = 1;
		} else if (c != 'o' || !eq) {
			return 2;
		} else {
			*eq = 0;
			if (mdns_conf_set(&conf, optarg, eq + 1, err,
			    sizeof err) < 0) {
				fprintf(stderr, "%s\n", err);
				return 2;
			}
		}
	}
	q = mdns_querier_new(&conf);
	if (!q) {
		perror("mdns_querier_new");
		return 1;
	}
	for (int i = optind; i < argc; i++) {
		if (i > optind && wait_ms)
			pump(q, mdns_now_ms() + (uint64_t)wait_ms);
		lookup(q, &conf, argv[i]);
	}
	if (stats) {
		const struct mdns_stats *s = mdns_querier_stats(q);
		printf("stats port5353=%d responses=%llu malformed=%llu",
		    mdns_querier_port5353(q), (unsigned long long)s->responses,
		    (unsigned long long)s->malformed);
		for (int v = 1; v < MDNS_VERDICTS; v++)
			printf(" %s=%llu", mdns_verdict_name((enum mdns_verdict)v),
			    (unsigned long long)s->dropped[v]);
		printf("\n");
	}
	mdns_querier_free(q);
	mdns_conf_free(&conf);
	return 0;
}
