/*
 * The built-in querier: lookups, rounds and their timers.  See
 * mdns_querier.h for the model and mdns_input.c for the receive path.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>

#include "mdns_querier_int.h"

uint64_t
mdns_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

struct mdns_querier *
mdns_querier_create(const struct mdns_conf *conf, int sockets)
{
	struct mdns_querier *q = calloc(1, sizeof *q);

	if (!q)
		return NULL;
	q->conf = conf;
	q->sock.fd4 = q->sock.fd6 = -1;
	q->cache = mdns_cache_new(conf->cache_max, conf->cache_ttl);
	if (!q->cache)
		goto fail;
	if (sockets) {
		const char *const *names = conf->interfaces[0] ?
		    (const char *const *)conf->interfaces : NULL;
		if (mdns_links_scan(&q->links, names) < 0 ||
		    mdns_sock_open(&q->sock, conf->ipv4, conf->ipv6,
		    conf->port5353, &q->links) < 0)
			goto fail;
		q->links_ms = mdns_now_ms();
	}
	return q;
fail:
	mdns_cache_free(q->cache);
	free(q);
	return NULL;
}

struct mdns_querier *
mdns_querier_new(const struct mdns_conf *conf)
{
	return mdns_querier_create(conf, 1);
}

static void
round_free(struct mdns_round *r)
{
	struct mdns_lookup *l, *next;

	for (l = r->lookups; l; l = next) {
		next = l->next;
		free(l);
	}
	free(r);
}

void
mdns_querier_free(struct mdns_querier *q)
{
	struct mdns_round *r, *next;

	if (!q)
		return;
	for (r = q->rounds; r; r = next) {
		next = r->next;
		round_free(r);
	}
	mdns_sock_close(&q->sock);
	mdns_cache_free(q->cache);
	free(q);
}

void
mdns_querier_fds(const struct mdns_querier *q, int fds[2])
{
	fds[0] = q->sock.fd4;
	fds[1] = q->sock.fd6;
}

int
mdns_querier_port5353(const struct mdns_querier *q)
{
	return q->sock.port5353;
}

struct mdns_cache *
mdns_querier_cache(struct mdns_querier *q)
{
	return q->cache;
}

const struct mdns_stats *
mdns_querier_stats(const struct mdns_querier *q)
{
	return &q->stats;
}
