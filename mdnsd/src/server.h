/*
 * server.h: the daemon core: listening sockets, client queries, lookups
 * in flight, the cache and the per-client rate limit.
 *
 * Flow of one query: udp.c or tcp.c receives it, checks the client's
 * address (loopback or allow-from, else REFUSED) and its rate, parses it
 * (FORMERR/NOTIMP/BADVERS answered at once) and calls server_query() with
 * a *waiter* describing where the reply goes.  server_query() answers from
 * the cache, or joins the waiter to the lookup in flight for the same
 * (name, type, class), or starts a new lookup on the route for the name
 * (lookup.c).  When the backend answers (bquery_done), every waiter gets
 * its own reply, echoing its ID and its spelling of the name.
 *
 * Bounds: at most cfg->max_lookups lookups in flight (then SERVFAIL, which
 * musl retries at once), WAITERS_MAX waiters per lookup, tcp_clients TCP
 * connections, cache_bytes of cache, a fixed-size rate-limit table.
 */
#ifndef MDNSD_SERVER_H
#define MDNSD_SERVER_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "answer.h"
#include "config.h"
#include "dns.h"
#include "event.h"

#define WAITERS_MAX	64
#define UDP_BATCH	32
#define UDP_BUFSIZE	1536
/* A UDP reply is written into one such buffer, capped at the EDNS size. */
_Static_assert(DNS_EDNS_UDP <= UDP_BUFSIZE, "a UDP reply must fit its buffer");

struct server;
struct tcp_conn;
struct cache;
struct ratelimit;

struct udp_sock {
	struct server *srv;
	struct ev_io io;
	int fd;
	int af;
	bool wildcard;			/* bound to 0.0.0.0 or ::: PKTINFO */
};

/* The address a query was sent to: the source of its reply. */
union pktdst {
	struct in_pktinfo v4;
	struct in6_pktinfo v6;
};

/* Where one reply goes. */
struct waiter {
	struct waiter *next;
	struct dns_query q;		/* id, flags, name as spelt, EDNS */
	struct udp_sock *us;		/* UDP: socket, peer, our address */
	struct sockaddr_storage peer;
	socklen_t peerlen;
	union pktdst dst;
	bool has_dst;
	struct tcp_conn *conn;		/* TCP: the connection */
};

struct server_stats {
	unsigned long queries, udp, tcp, cache_hits, joined, refused,
	    ratelimited, formerr, servfail, nxdomain, truncated, dropped;
};

struct server {
	struct ev_loop *loop;
	struct config *cfg;
	struct cache *cache;
	struct ratelimit *rl;
	struct udp_sock udp[CFG_MAX_LISTEN];
	unsigned nudp;
	struct ev_io tcp_listen[CFG_MAX_LISTEN];
	unsigned ntcp_listen;
	unsigned ntcp_conns;
	struct tcp_conn *conns;		/* open TCP connections */
	struct lookup **table;		/* in-flight lookups, hashed */
	size_t table_mask;
	unsigned nlookups;
	struct server_stats st;
	/* replies made while handling a receive batch go out together */
	struct udp_sock *tx_sock;
	unsigned ntx;
	struct {
		uint8_t buf[UDP_BUFSIZE];
		size_t len;
		struct sockaddr_storage peer;
		socklen_t peerlen;
		union pktdst dst;
		bool has_dst;
	} tx[UDP_BATCH];
};

/* Create the server for cfg (sockets not yet open).  NULL on ENOMEM. */
struct server *server_new(struct ev_loop *loop, struct config *cfg);

/* Bind all listening sockets (as root, before privileges are dropped).
 * Returns 0 or -1 (logged). */
int server_open(struct server *srv);

/* Swap in a new configuration: in-flight lookups of the old one get
 * SERVFAIL (musl retries at once), the cache is emptied.  The listening
 * sockets stay.  Frees the old config. */
void server_reconfigure(struct server *srv, struct config *cfg);

/* Log statistics (SIGUSR1). */
void server_stats(struct server *srv);

/* Close everything and free srv (not the config). */
void server_free(struct server *srv);

/* Answer or start resolving the query of w (w is copied). */
void server_query(struct server *srv, const struct waiter *w);

/* Send reply octets to one waiter (UDP or TCP). */
void server_send(struct server *srv, const struct waiter *w,
    const uint8_t *msg, size_t len);

/* Build and send the reply for w from answer a (or rcode if a is NULL). */
void server_reply(struct server *srv, const struct waiter *w,
    const struct answer *a, unsigned rcode, uint32_t age_s);

/* ---- lookup.c ---------------------------------------------------------- */

/* Start or join a lookup for w's question (cache already missed). */
void lookup_start(struct server *srv, const struct waiter *w);

/* Abandon every lookup with SERVFAIL (reload, shutdown). */
void lookup_abort_all(struct server *srv);

/* A TCP connection is closing: forget its waiters. */
void lookup_forget_conn(struct server *srv, struct tcp_conn *c);

/* ---- udp.c / tcp.c ----------------------------------------------------- */

int udp_open(struct server *srv, const struct sockaddr_storage *ss);
void udp_send(struct server *srv, const struct waiter *w,
    const uint8_t *msg, size_t len);
void udp_flush(struct server *srv);
/* The buffer (UDP_BUFSIZE octets) for a reply to w in the batch being
 * answered, or NULL if w is not in it or it is full; udp_tx_commit()
 * queues the len octets written there. */
uint8_t *udp_tx_slot(struct server *srv, const struct waiter *w);
void udp_tx_commit(struct server *srv, const struct waiter *w, size_t len);
int tcp_listen_open(struct server *srv, const struct sockaddr_storage *ss);
void tcp_send(struct server *srv, struct tcp_conn *c, const uint8_t *msg,
    size_t len);
void tcp_close_all(struct server *srv);

#endif
