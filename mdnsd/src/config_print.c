/* config_print.c: mdnsd -nv, the effective configuration as config text. */
#include <arpa/inet.h>
#include <stdio.h>

#include "config_int.h"

static void
print_routes(const struct config *cfg, FILE *out)
{
	for (unsigned i = 0; i < cfg->nroutes; i++) {
		char z[DNS_TEXT_MAX];
		dns_name_to_text(&cfg->routes[i].zone, z, sizeof z);
		fprintf(out, "route %s", z);
		for (unsigned k = 0; k < cfg->routes[i].nchain; k++)
			fprintf(out, " %s", cfg->routes[i].chain[k]->ops->name);
		fputc('\n', out);
	}
}

void
config_print(const struct config *cfg, FILE *out)
{
	char a[INET6_ADDRSTRLEN];

	fprintf(out, "listen");
	for (unsigned i = 0; i < cfg->nlisten; i++)
		fprintf(out, " %s", cfg_addr_text(
		    (const struct sockaddr *)&cfg->listen[i], a, sizeof a));
	fprintf(out, "\nport %u\n", cfg->port);
	for (unsigned i = 0; i < cfg->nallow; i++)
		fprintf(out, "allow-from %s/%u\n", inet_ntop(cfg->allow[i].af,
		    cfg->allow[i].addr, a, sizeof a), cfg->allow[i].plen);
	if (cfg->user[0])
		fprintf(out, "user %s\n", cfg->user);
	if (cfg->group[0])
		fprintf(out, "group %s\n", cfg->group);
	if (cfg->chroot[0])
		fprintf(out, "chroot %s\n", cfg->chroot);
	fprintf(out, "rate-limit %u %u\n", cfg->rate_qps, cfg->rate_burst);
	fprintf(out, "cache-size %zu\ncache-max-ttl %u\nnegative-max-ttl %u\n",
	    cfg->cache_bytes, cfg->cache_max_ttl, cfg->neg_max_ttl);
	fprintf(out, "lookup-timeout %llums\nmax-lookups %u\n",
	    (unsigned long long)cfg->lookup_timeout_ms, cfg->max_lookups);
	fprintf(out, "tcp-clients %u\ntcp-idle-timeout %llums\n",
	    cfg->tcp_clients, (unsigned long long)cfg->tcp_idle_ms);
	fprintf(out, "log-level %s\n", cfg_level_name(cfg->log_level));
	fprintf(out, "sched-batch %s\n", cfg->sched_batch ? "yes" : "no");
	print_routes(cfg, out);
	for (const struct backend *b = cfg->backends; b; b = b->next)
		if (b->ops->print != NULL)
			b->ops->print((struct backend *)b, out);
}
