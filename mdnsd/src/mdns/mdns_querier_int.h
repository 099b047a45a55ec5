/*
 * Internals of the built-in querier shared by mdns_querier.c (lookups,
 * rounds, timers) and mdns_input.c (the receive path).  Not for other
 * users; tests and the fuzzer use it to drive the receive path without
 * sockets.
 */
#ifndef MDNS_QUERIER_INT_H
#define MDNS_QUERIER_INT_H

#include "mdns_link.h"
#include "mdns_querier.h"
#include "mdns_sock.h"

#define MDNS_ROUNDS_MAX 512	/* names queried at once */
#define MDNS_RECV_MAX 9000	/* RFC 6762 section 17 */
#define MDNS_LINKS_REFRESH_MS 5000

struct mdns_lookup {
	struct mdns_lookup *next;
	struct mdns_round *round;
	uint16_t qtype;
	enum mdns_class cls;
	mdns_done_fn *done;
	void *arg;
};

struct mdns_round {
	struct mdns_round *next;
	struct dns_name name;
	uint16_t qtype[2];	/* questions asked; qtype[1] is 0 if one */
	enum mdns_class cls;
	uint16_t id;		/* one-shot mode: replies must echo it */
	unsigned sends;
	uint64_t next_send_ms;
	uint64_t deadline_ms;
	uint64_t collect_ms;	/* 0 until the first answer */
	struct mdns_lookup *lookups;
};

/* IDs of finished one-shot rounds still accepted, so a responder slower
 * than the collect window still reaches the cache. */
#define MDNS_RECENT_IDS 32

struct mdns_querier {
	const struct mdns_conf *conf;
	struct mdns_sock sock;
	struct mdns_links links;
	uint64_t links_ms;	/* when links was scanned */
	struct mdns_cache *cache;
	struct mdns_round *rounds;
	size_t nrounds;
	uint64_t expire_ms;	/* next cache sweep */
	struct mdns_stats stats;
	struct {
		uint16_t id;
		uint64_t until_ms;
	} recent[MDNS_RECENT_IDS];
	unsigned nrecent;	/* next slot, round robin */
	uint64_t now_ms;	/* time of the datagram being processed */
	uint8_t buf[MDNS_RECV_MAX];
};

/*
 * Create a querier; with sockets 0 nothing is opened and links stay empty
 * (the caller fills q->links), for tests and the fuzzer.
 */
struct mdns_querier *mdns_querier_create(const struct mdns_conf *conf,
    int sockets);

/*
 * Handle one received datagram: source and header checks, parse, cache,
 * then let waiting rounds see the news.  Returns the verdict (MDNS_OK
 * also for a datagram that was accepted but did not parse).
 */
enum mdns_verdict mdns_process(struct mdns_querier *q, const uint8_t *pkt,
    size_t len, const struct mdns_pktinfo *pi, uint64_t now_ms);

/* Called by the receive path for every round whose name got records. */
void mdns_round_answered(struct mdns_querier *q, struct mdns_round *r,
    uint64_t now_ms);

#endif
