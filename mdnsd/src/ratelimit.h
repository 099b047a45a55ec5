/*
 * ratelimit.h: per-client token buckets in a fixed-size table, so a flood
 * from many addresses costs no memory: a newcomer that hashes to a busy
 * slot takes it over (with a full bucket).
 */
#ifndef MDNSD_RATELIMIT_H
#define MDNSD_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

struct ratelimit;

/* qps queries per second, bursts of `burst`.  NULL on ENOMEM. */
struct ratelimit *ratelimit_new(unsigned qps, unsigned burst);
void ratelimit_free(struct ratelimit *rl);

/* Whether the client at sa may send one more query at now_ms. */
bool ratelimit_allow(struct ratelimit *rl, const struct sockaddr *sa,
    uint64_t now_ms);

#endif
