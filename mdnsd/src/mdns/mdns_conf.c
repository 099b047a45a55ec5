/*
 * Settings of the mdns and avahi backends (`mdns KEY VALUE` lines; the
 * avahi backend uses the policy and timing keys).  Defaults:
 *
 *   interface     (all)      interface names to query on
 *   family        both       ipv4 | ipv6 | both
 *   port5353      no         yes: QU queries from port 5353 when free
 *   check-ttl     yes        require IP TTL / hop limit 255
 *   deadline      300ms      a name nobody answered is absent after this
 *   collect       5ms        wait for more responders after the first
 *   resend        100ms      resend unanswered questions
 *   answer-ttl    10         TTL cap in replies (RFC 8766 section 5.5.1)
 *   cache-ttl     3600       TTL cap in the cache
 *   cache-size    1024       records in the cache
 *   link-local6   no         keep fe80:: addresses in AAAA answers
 *   max-labels    2          for host names; 0 means no limit
 *   allow         local      suffixes answered by mDNS; * for every name
 *   reverse       (none)     subnets beyond 169.254/16 and fe80::/10
 *   soa-check     (none)     unicast servers (ADDR or ADDR#PORT) asked
 *                            for "local. SOA"; while one serves it, a
 *                            name mDNS cannot find is passed on to the
 *                            route's next backend instead of NXDOMAIN
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdns_conf.h"

void
mdns_conf_init(struct mdns_conf *c)
{
	memset(c, 0, sizeof *c);
	c->ipv4 = c->ipv6 = 1;
	c->check_ttl = 1;
	c->deadline_ms = 300;
	c->collect_ms = 5;
	c->resend_ms = 100;
	c->answer_ttl = 10;
	c->cache_ttl = 3600;
	c->cache_max = 1024;
	c->max_labels = 2;
	dns_name_from_text(&c->allow[0], "local");
	c->nallow = 1;
}

void
mdns_conf_free(struct mdns_conf *c)
{
	for (size_t i = 0; c->interfaces[i]; i++) {
		free(c->interfaces[i]);
		c->interfaces[i] = NULL;
	}
}

static int
fail(char *err, size_t errlen, const char *what, const char *value)
{
	snprintf(err, errlen, "%s: bad value '%s'", what, value);
	return -1;
}

/* "300ms", "1s" or a bare number of milliseconds, up to 60 s. */
static int
parse_ms(const char *v, unsigned *out)
{
	char *end;
	unsigned long n = strtoul(v, &end, 10);

	if (end == v || *v == '-')
		return -1;
	if (strcmp(end, "s") == 0)
		n *= 1000;
	else if (*end && strcmp(end, "ms") != 0)
		return -1;
	if (n > 60000)
		return -1;
	*out = (unsigned)n;
	return 0;
}

static int
parse_uint(const char *v, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long n = strtoul(v, &end, 10);

	if (end == v || *end || *v == '-' || n > max)
		return -1;
	*out = n;
	return 0;
}

static int
parse_bool(const char *v, int *out)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "on") == 0)
		*out = 1;
	else if (strcmp(v, "no") == 0 || strcmp(v, "off") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

/* "192.0.2.1", "fd00::1" or either with "#PORT" (default 53). */
static int
parse_server(const char *w, struct sockaddr_storage *ss)
{
	char buf[INET6_ADDRSTRLEN + 8], *hash;
	unsigned long port = 53;
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

	if (strlen(w) >= sizeof buf)
		return -1;
	strcpy(buf, w);
	if ((hash = strchr(buf, '#'))) {
		*hash = 0;
		if (parse_uint(hash + 1, 65535, &port) < 0 || port == 0)
			return -1;
	}
	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, buf, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
	} else if (inet_pton(AF_INET6, buf, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
	} else {
		return -1;
	}
	return 0;
}

static int
add_word(struct mdns_conf *c, const char *key, const char *w)
{
	size_t n = 0;

	if (strcmp(key, "interface") == 0) {
		while (c->interfaces[n])
			n++;
		if (n == MDNS_CONF_LIST_MAX || strlen(w) >= 16)
			return -1;
		return (c->interfaces[n] = strdup(w)) ? 0 : -1;
	}
	if (strcmp(key, "allow") == 0) {
		if (c->nallow == MDNS_CONF_LIST_MAX ||
		    dns_name_from_text(&c->allow[c->nallow],
		    strcmp(w, "*") == 0 ? "." : w) < 0)
			return -1;
		c->nallow++;
		return 0;
	}
	if (strcmp(key, "soa-check") == 0) {
		if (c->nsoa == sizeof c->soa / sizeof *c->soa ||
		    parse_server(w, &c->soa[c->nsoa]) < 0)
			return -1;
		c->nsoa++;
		return 0;
	}
	if (c->nreverse == MDNS_CONF_LIST_MAX ||
	    mdns_subnet_parse(w, &c->reverse[c->nreverse]) < 0)
		return -1;
	c->nreverse++;
	return 0;
}

/* interface, allow, reverse, soa-check: blank-separated lists. */
static int
set_list(struct mdns_conf *c, const char *key, const char *value)
{
	char buf[512], *w, *save;

	if (strlen(value) >= sizeof buf)
		return -1;
	strcpy(buf, value);
	/* The first allow line replaces the default "local". */
	if (strcmp(key, "allow") == 0 && c->nallow == 1 &&
	    c->allow[0].len == 7 && memcmp(c->allow[0].wire, "\5local", 6) == 0)
		c->nallow = 0;
	for (w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		if (add_word(c, key, w) < 0)
			return -1;
	return 0;
}

static int
set_scalar(struct mdns_conf *c, const char *key, const char *v)
{
	unsigned long n;

	if (strcmp(key, "family") == 0) {
		c->ipv4 = strcmp(v, "ipv6") != 0;
		c->ipv6 = strcmp(v, "ipv4") != 0;
		return strcmp(v, "ipv4") && strcmp(v, "ipv6") &&
		    strcmp(v, "both") ? -1 : 0;
	}
	if (strcmp(key, "port5353") == 0)
		return parse_bool(v, &c->port5353);
	if (strcmp(key, "check-ttl") == 0)
		return parse_bool(v, &c->check_ttl);
	if (strcmp(key, "link-local6") == 0)
		return parse_bool(v, &c->link_local6);
	if (strcmp(key, "deadline") == 0)
		return parse_ms(v, &c->deadline_ms) < 0 || c->deadline_ms < 10 ?
		    -1 : 0;
	if (strcmp(key, "collect") == 0)
		return parse_ms(v, &c->collect_ms);
	if (strcmp(key, "resend") == 0)
		return parse_ms(v, &c->resend_ms) < 0 || c->resend_ms < 10 ?
		    -1 : 0;
	if (strcmp(key, "answer-ttl") == 0 || strcmp(key, "cache-ttl") == 0) {
		if (parse_uint(v, 86400, &n) < 0)
			return -1;
		*(key[0] == 'a' ? &c->answer_ttl : &c->cache_ttl) = (uint32_t)n;
		return 0;
	}
	if (strcmp(key, "cache-size") == 0) {
		if (parse_uint(v, 1000000, &n) < 0 || n == 0)
			return -1;
		c->cache_max = n;
		return 0;
	}
	if (strcmp(key, "max-labels") == 0) {
		if (parse_uint(v, 127, &n) < 0)
			return -1;
		c->max_labels = (unsigned)n;
		return 0;
	}
	return -2;
}

int
mdns_conf_set(struct mdns_conf *c, const char *key, const char *value,
    char *err, size_t errlen)
{
	const char *k = key;
	int r;

	if (strcmp(k, "interface") == 0 || strcmp(k, "allow") == 0 ||
	    strcmp(k, "reverse") == 0 || strcmp(k, "soa-check") == 0)
		r = set_list(c, k, value);
	else
		r = set_scalar(c, k, value);
	if (r == -2) {
		snprintf(err, errlen, "unknown keyword '%s'", key);
		return -1;
	}
	return r < 0 ? fail(err, errlen, key, value) : 0;
}

static void
print_list(const struct mdns_conf *c, const char *prefix, int querier,
    FILE *out)
{
	char text[DNS_TEXT_MAX], a[INET6_ADDRSTRLEN];

	if (querier && c->interfaces[0]) {
		fprintf(out, "%s interface", prefix);
		for (size_t i = 0; c->interfaces[i]; i++)
			fprintf(out, " %s", c->interfaces[i]);
		fputc('\n', out);
	}
	fprintf(out, "%s allow", prefix);
	for (size_t i = 0; i < c->nallow; i++) {
		dns_name_to_text(&c->allow[i], text, sizeof text);
		fprintf(out, " %s", strcmp(text, ".") ? text : "*");
	}
	fputc('\n', out);
	for (size_t i = 0; querier && i < c->nsoa; i++) {
		const struct sockaddr_in *s4 = (const void *)&c->soa[i];
		const struct sockaddr_in6 *s6 = (const void *)&c->soa[i];
		int v4 = c->soa[i].ss_family == AF_INET;
		inet_ntop(c->soa[i].ss_family, v4 ? (const void *)&s4->sin_addr :
		    (const void *)&s6->sin6_addr, a, sizeof a);
		fprintf(out, "%s soa-check %s#%u\n", prefix, a,
		    ntohs(v4 ? s4->sin_port : s6->sin6_port));
	}
	for (size_t i = 0; i < c->nreverse; i++) {
		inet_ntop(c->reverse[i].family, c->reverse[i].addr, a, sizeof a);
		fprintf(out, "%s reverse %s/%u\n", prefix, a,
		    c->reverse[i].prefixlen);
	}
}

void
mdns_conf_print(const struct mdns_conf *c, const char *prefix, int querier,
    FILE *out)
{
	print_list(c, prefix, querier, out);
	if (querier) {
		fprintf(out, "%s family %s\n", prefix, c->ipv4 && c->ipv6 ?
		    "both" : c->ipv4 ? "ipv4" : "ipv6");
		fprintf(out, "%s port5353 %s\n", prefix,
		    c->port5353 ? "yes" : "no");
		fprintf(out, "%s check-ttl %s\n", prefix,
		    c->check_ttl ? "yes" : "no");
	}
	fprintf(out, "%s deadline %ums\n", prefix, c->deadline_ms);
	fprintf(out, "%s collect %ums\n", prefix, c->collect_ms);
	if (querier)
		fprintf(out, "%s resend %ums\n", prefix, c->resend_ms);
	fprintf(out, "%s answer-ttl %u\n", prefix, (unsigned)c->answer_ttl);
	if (querier) {
		fprintf(out, "%s cache-ttl %u\n", prefix,
		    (unsigned)c->cache_ttl);
		fprintf(out, "%s cache-size %zu\n", prefix, c->cache_max);
	}
	fprintf(out, "%s link-local6 %s\n", prefix,
	    c->link_local6 ? "yes" : "no");
	fprintf(out, "%s max-labels %u\n", prefix, c->max_labels);
}
