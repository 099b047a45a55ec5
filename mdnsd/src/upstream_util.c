/* upstream_util.c: server lists and reply validation for "upstream". */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "upstream.h"

int
upstream_parse_server(const char *s, struct sockaddr_storage *ss)
{
	char buf[80];
	unsigned long port = 53;
	char *hash;

	if (strlen(s) >= sizeof buf)
		return -1;
	strcpy(buf, s);
	if ((hash = strchr(buf, '#')) != NULL) {
		char *end;
		*hash++ = '\0';
		port = strtoul(hash, &end, 10);
		if (*hash == '\0' || *end != '\0' || port == 0 || port > 65535)
			return -1;
	}
	return cfg_sockaddr(buf, (uint16_t)port, ss);
}

int
upstream_read_resolv(struct upstream *u)
{
	int fd = pathdir_open(&u->resolv, O_RDONLY | O_CLOEXEC, 0);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	char line[512];
	int n = 0;

	if (f == NULL) {
		log_err("upstream: %s: %s", u->resolv.path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		char kw[32], addr[128];
		struct sockaddr_storage ss;
		if (sscanf(line, "%31s %127s", kw, addr) != 2 ||
		    strcmp(kw, "nameserver") != 0)
			continue;
		/* A %scope suffix: musl keeps it; we do not need it for
		 * the loopback or global servers an upstream list holds. */
		char *pct = strchr(addr, '%');
		if (pct)
			*pct = '\0';
		if (cfg_sockaddr(addr, 53, &ss) < 0) {
			log_warn("upstream: %s: bad nameserver '%s'",
			    u->resolv.path, addr);
			continue;
		}
		if (u->nservers < UP_MAX_SERVERS) {
			u->servers[u->nservers++] = ss;
			n++;
		}
	}
	fclose(f);
	return n;
}

int
upstream_match(const struct dns_msg *m, uint16_t id, const struct bquery *q)
{
	if (m->id != id || !(m->flags & DNS_F_QR) ||
	    (m->flags & DNS_F_OPCODE) != 0)
		return -1;
	/* RFC 5452 section 9.1: the question must be the one we asked. */
	if (m->qdcount != 1 || m->qtype != q->qtype ||
	    m->qclass != q->qclass || !dns_name_eq(&m->qname, &q->qname))
		return -1;
	return 0;
}

void
upstream_deliver(const struct dns_msg *m, struct bquery *q, uint32_t neg_ttl)
{
	struct bq_result r = { .status = BQ_SERVFAIL };
	const struct dns_rr *ns = m->rr + m->count[DNS_S_AN];
	size_t soa = 0;

	/* Keep the authority SOA of negative answers (RFC 2308); drop
	 * referral data and additional records a stub does not use. */
	for (size_t i = 0; i < m->count[DNS_S_NS]; i++)
		if (ns[i].type == DNS_T_SOA) {
			soa = i;
			r.ns = &ns[soa];
			r.nns = 1;
			break;
		}
	switch (dns_msg_rcode(m)) {
	case DNS_R_NOERROR:
		r.an = m->rr;
		r.nan = m->count[DNS_S_AN];
		r.status = r.nan ? BQ_ANSWER : BQ_NODATA;
		if (r.nan)
			r.nns = 0;
		break;
	case DNS_R_NXDOMAIN:
		r.status = BQ_NXDOMAIN;
		/* A CNAME chain ending in a missing name: the NXDOMAIN is
		 * about the target, so neither cache it for the question's
		 * name nor hide the chain. */
		r.an = m->rr;
		r.nan = m->count[DNS_S_AN];
		r.nocache = r.nan != 0;
		break;
	default:
		break;
	}
	/* Without an SOA there is no negative TTL (RFC 2308 section 5):
	 * `upstream negative-ttl`, 0 for not caching it. */
	r.neg_ttl = neg_ttl;
	bquery_done(q, &r);
}
