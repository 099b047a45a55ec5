/*
 * The unicast `local.` check (nss-mdns's SOA heuristic, as a DNS daemon
 * can use it).  Some sites run a unicast DNS zone named `local` (old
 * Active Directory setups); there a name that multicast DNS cannot find
 * may still exist in unicast DNS.  With `mdns soa-check SERVER...` the
 * backend asks those servers for `local. SOA` at start and every minute;
 * while one of them answers with an SOA, mDNS misses are declined so the
 * route's next backend (say `route local mdns upstream`) answers, instead
 * of an authoritative NXDOMAIN.
 */
#ifndef MDNS_SOA_H
#define MDNS_SOA_H

#include "../event.h"
#include "mdns_conf.h"

#define MDNS_SOA_PERIOD_MS 60000

struct mdns_soa;

/* Start probing the servers of c on loop; NULL when there are none or
 * on error (errno set). */
struct mdns_soa *mdns_soa_new(struct ev_loop *loop,
    const struct mdns_conf *c);

/* 1 while some server serves `local.` with an SOA. */
int mdns_soa_local_served(const struct mdns_soa *s);

/* Stop probing; NULL is allowed. */
void mdns_soa_free(struct mdns_soa *s);

#endif
