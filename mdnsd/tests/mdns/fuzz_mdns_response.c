/*
 * libFuzzer target for the mDNS response path: the input is one datagram
 * received by the querier.  It goes through the source and header checks
 * (once as a multicast response, once as a legacy unicast reply carrying
 * a pending round's ID), the core's parser, the cache (cache-flush,
 * goodbye, NSEC denials) and the rounds, on a fixed clock; then every
 * record the cache holds for the names the seeds use is read back as a
 * reply would be.  The cache is emptied per input, so runs reproduce.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../../src/mdns/mdns_querier_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct mdns_conf conf;
static struct mdns_querier *q;
static volatile uint8_t sink;

static void
on_done(void *arg, enum mdns_status st)
{
	(void)arg;
	(void)st;
}

/* Read every octet handed out, so ASan checks the whole rdata. */
static void
touch(const struct mdns_rr *rr, void *arg)
{
	uint8_t *sum = arg;

	for (size_t i = 0; i < rr->rdlen; i++)
		*sum ^= rr->rdata[i];
}

static void
init(void)
{
	mdns_conf_init(&conf);
	q = mdns_querier_create(&conf, 0);
	if (!q)
		abort();
	q->links.nif = 1;
	q->links.ifindex[0] = 2;
	q->links.has4[0] = 1;
	q->links.naddr = 1;
	q->links.a[0] = (struct mdns_link_addr){ .ifindex = 2,
	    .family = AF_INET, .addr = { 10, 0, 0, 1 }, .prefixlen = 24 };
}

static const char *const names[] = { "h.local", "_ipp._tcp.local",
    "p._ipp._tcp.local", "1.0.254.169.in-addr.arpa" };
static const uint16_t types[] = { DNS_T_A, DNS_T_PTR, DNS_T_SRV,
    DNS_T_PTR };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so ASan sees any over-read. */
	uint8_t *pkt = malloc(size ? size : 1);
	struct mdns_pktinfo pi = { .family = AF_INET, .src = { 10, 0, 0, 2 },
	    .src_port = 5353, .dst = { 224, 0, 0, 251 }, .ifindex = 2,
	    .ttl = 255 };
	struct mdns_lookup *l[4];
	struct dns_name n[4];
	uint8_t sum = 0;

	if (!pkt)
		return 0;
	memcpy(pkt, data, size);
	if (!q)
		init();
	for (int i = 0; i < 4; i++) {
		dns_name_from_text(&n[i], names[i]);
		mdns_lookup_start(q, &n[i], types[i],
		    mdns_policy(&conf, &n[i], types[i]), 1000, on_done, NULL,
		    &l[i]);
	}
	mdns_process(q, pkt, size, &pi, 1001);
	memcpy(pi.dst, (uint8_t[]){ 10, 0, 0, 1 }, 4);
	if (size >= 2 && q->rounds) {
		pkt[0] = (uint8_t)(q->rounds->id >> 8);
		pkt[1] = (uint8_t)q->rounds->id;
	}
	mdns_process(q, pkt, size, &pi, 1002);
	for (int i = 0; i < 4; i++) {
		mdns_querier_records(q, &n[i], types[i], 1003, touch, &sum);
		mdns_querier_records(q, &n[i], DNS_T_AAAA, 1003, touch, &sum);
		mdns_querier_records(q, &n[i], DNS_T_TXT, 1003, touch, &sum);
	}
	/* Finish every round (callbacks run), then start clean. */
	mdns_querier_tick(q, 1000000);
	mdns_cache_clear(q->cache);
	free(pkt);
	sink = sum;
	return 0;
}
