/* config_check.c: defaults, routes, backend instances, consistency. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "config_int.h"
#include "log.h"

struct backend *
config_backend(struct cfg_ctx *c, const char *name)
{
	struct config *cfg = c->cfg;
	const struct backend_ops *ops = backend_lookup(name);
	struct backend *b;

	if (ops == NULL) {
		cfg_error(c, "unknown backend '%s'", name);
		return NULL;
	}
	for (b = cfg->backends; b != NULL; b = b->next)
		if (b->ops == ops)
			return b;
	if ((b = calloc(1, sizeof *b)) == NULL) {
		cfg_error(c, "out of memory");
		return NULL;
	}
	b->ops = ops;
	b->loop = cfg->loop;
	if (ops->create != NULL && ops->create(b) < 0) {
		free(b);
		cfg_error(c, "%s: cannot create backend", name);
		return NULL;
	}
	b->next = cfg->backends;
	cfg->backends = b;
	return b;
}

int
cfg_add_route(struct cfg_ctx *c, const char *zone, int n, char **backends)
{
	struct config *cfg = c->cfg;
	struct route *r = &cfg->routes[cfg->nroutes];

	if (cfg->nroutes == CFG_MAX_ROUTES)
		return cfg_error(c, "route: more than %d routes",
		    CFG_MAX_ROUTES);
	if (n < 1 || n > CFG_MAX_CHAIN)
		return cfg_error(c, "route: 1 to %d backends", CFG_MAX_CHAIN);
	if (dns_name_from_text(&r->zone, zone) < 0)
		return cfg_error(c, "route: '%s' is not a domain name", zone);
	dns_name_lower(&r->zone);
	for (unsigned i = 0; i < cfg->nroutes; i++)
		if (dns_name_eq(&cfg->routes[i].zone, &r->zone))
			return cfg_error(c, "route: zone '%s' given twice",
			    zone);
	r->nchain = 0;
	for (int i = 0; i < n; i++) {
		struct backend *b = config_backend(c, backends[i]);
		if (b == NULL)
			return -1;
		for (unsigned k = 0; k < r->nchain; k++)
			if (r->chain[k] == b)
				return cfg_error(c, "route: backend '%s' twice",
				    backends[i]);
		r->chain[r->nchain++] = b;
	}
	cfg->nroutes++;
	return 0;
}

static bool
has_route(const struct config *cfg, const char *zone)
{
	struct dns_name z;
	dns_name_from_text(&z, zone);
	for (unsigned i = 0; i < cfg->nroutes; i++)
		if (dns_name_eq(&cfg->routes[i].zone, &z))
			return true;
	return false;
}

static bool
has_backend(const struct config *cfg, const char *name)
{
	for (struct backend *b = cfg->backends; b; b = b->next)
		if (strcmp(b->ops->name, name) == 0)
			return true;
	return false;
}

/* RFC 6762 sections 3 and 4: these MUST be resolved with mDNS. */
static const char *const mdns_zones[] = {
	"local", "254.169.in-addr.arpa", "8.e.f.ip6.arpa", "9.e.f.ip6.arpa",
	"a.e.f.ip6.arpa", "b.e.f.ip6.arpa",
};

static void
default_routes(struct cfg_ctx *c)
{
	struct config *cfg = c->cfg;
	char *mdns[] = { (char *)"mdns" };
	char *chain[] = { (char *)"hosts", (char *)"upstream" };

	if (backend_lookup("mdns") != NULL)
		for (size_t i = 0; i < sizeof mdns_zones / sizeof *mdns_zones;
		    i++)
			if (!has_route(cfg, mdns_zones[i]))
				cfg_add_route(c, mdns_zones[i], 1, mdns);
	if (!has_route(cfg, "."))
		cfg_add_route(c, ".", has_backend(cfg, "upstream") ? 2 : 1,
		    chain);
}

void
cfg_apply_overrides(struct cfg_ctx *c, const struct cfg_overrides *o)
{
	struct config *cfg = c->cfg;

	if (o == NULL)
		return;
	if (o->listen != NULL) {
		if (cfg_sockaddr(o->listen, 0, &cfg->listen[0]) < 0) {
			cfg_error(c, "-l: '%s' is not an IP address",
			    o->listen);
			return;
		}
		cfg->nlisten = 1;
	}
	if (o->port != 0)
		cfg->port = (uint16_t)o->port;
	if (o->log_level >= 0)
		cfg->log_level = o->log_level;
}

static void
set_port(struct sockaddr_storage *ss, uint16_t port)
{
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons(port);
	else
		((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
}

void
cfg_check(struct cfg_ctx *c)
{
	struct config *cfg = c->cfg;

	if (cfg->nlisten == 0) {
		cfg_sockaddr("127.0.0.1", 0, &cfg->listen[0]);
		cfg_sockaddr("::1", 0, &cfg->listen[1]);
		cfg->nlisten = 2;
		cfg->listen_default = true;
	}
	for (unsigned i = 0; i < cfg->nlisten; i++)
		set_port(&cfg->listen[i], cfg->port);
	if (cfg->group[0] && !cfg->user[0])
		cfg_error(c, "group given without user");
	default_routes(c);
}

const struct route *
config_route(const struct config *cfg, const struct dns_name *qname)
{
	const struct route *best = NULL;

	for (unsigned i = 0; i < cfg->nroutes; i++) {
		const struct route *r = &cfg->routes[i];
		if ((best == NULL || r->zone.len > best->zone.len) &&
		    dns_name_in_zone(qname, &r->zone))
			best = r;
	}
	return best;
}

static bool
prefix_match(const uint8_t *a, const uint8_t *p, unsigned plen)
{
	unsigned full = plen / 8, rest = plen % 8;
	if (memcmp(a, p, full) != 0)
		return false;
	if (rest == 0)
		return true;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));
	return (a[full] & mask) == (p[full] & mask);
}

bool
config_allowed(const struct config *cfg, const struct sockaddr *sa)
{
	const uint8_t *a;
	int af = sa->sa_family;
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (af == AF_INET) {
		a = (const uint8_t *)&((const struct sockaddr_in *)sa)->sin_addr;
	} else {
		a = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
		if (memcmp(a, mapped, 12) == 0) {
			a += 12;
			af = AF_INET;
		} else if (IN6_IS_ADDR_LOOPBACK((const struct in6_addr *)a))
			return true;
	}
	if (af == AF_INET && a[0] == 127)
		return true;
	for (unsigned i = 0; i < cfg->nallow; i++)
		if (cfg->allow[i].af == af &&
		    prefix_match(a, cfg->allow[i].addr, cfg->allow[i].plen))
			return true;
	return false;
}

int
config_open_backends(struct config *cfg)
{
	for (struct backend *b = cfg->backends; b; b = b->next)
		if (b->ops->open != NULL && b->ops->open(b) < 0) {
			log_err("%s: backend failed to start", b->ops->name);
			return -1;
		}
	return 0;
}

void
config_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	while (cfg->backends != NULL) {
		struct backend *b = cfg->backends;
		cfg->backends = b->next;
		if (b->ops->destroy != NULL)
			b->ops->destroy(b);
		free(b);
	}
	free(cfg);
}
