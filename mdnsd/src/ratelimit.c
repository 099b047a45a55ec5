/* ratelimit.c: see ratelimit.h. */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "ratelimit.h"

#define RL_SLOTS	4096	/* power of two */

struct bucket {
	uint8_t addr[16];
	uint64_t last_ms;
	uint64_t tokens;		/* in thousandths of a query */
	bool used;
};

struct ratelimit {
	uint64_t rate;			/* thousandths of a query per ms = qps */
	uint64_t cap;			/* burst * 1000 */
	struct bucket b[RL_SLOTS];
};

struct ratelimit *
ratelimit_new(unsigned qps, unsigned burst)
{
	struct ratelimit *rl = calloc(1, sizeof *rl);
	if (rl == NULL)
		return NULL;
	rl->rate = qps;
	rl->cap = (uint64_t)(burst ? burst : 1) * 1000;
	return rl;
}

void
ratelimit_free(struct ratelimit *rl)
{
	free(rl);
}

static void
key_of(const struct sockaddr *sa, uint8_t key[16])
{
	memset(key, 0, 16);
	if (sa->sa_family == AF_INET)
		memcpy(key + 12, &((const struct sockaddr_in *)sa)->sin_addr, 4);
	else
		memcpy(key, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
}

bool
ratelimit_allow(struct ratelimit *rl, const struct sockaddr *sa,
    uint64_t now_ms)
{
	uint8_t key[16];
	uint32_t h = 2166136261u;

	key_of(sa, key);
	for (int i = 0; i < 16; i++)
		h = (h ^ key[i]) * 16777619u;
	struct bucket *b = &rl->b[h & (RL_SLOTS - 1)];
	if (!b->used || memcmp(b->addr, key, 16) != 0) {
		memcpy(b->addr, key, 16);
		b->used = true;
		b->tokens = rl->cap;
		b->last_ms = now_ms;
	}
	b->tokens += (now_ms - b->last_ms) * rl->rate;
	if (b->tokens > rl->cap)
		b->tokens = rl->cap;
	b->last_ms = now_ms;
	if (b->tokens < 1000)
		return false;
	b->tokens -= 1000;
	return true;
}
