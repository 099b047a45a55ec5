/* The test responder's records and replies; see responder.h. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "responder.h"

struct rec recs[MAXREC];
int nrec, nstatic, opt_nsec, opt_reverse;
uint32_t opt_ttl = 120;
static char wild_prefix[64];
static uint8_t wild_addr[4];
static int wild;

static struct rec *
add(const char *name, uint16_t type, const void *rd, size_t len, int shared)
{
	struct rec *r = &recs[nrec];

	if (nrec == MAXREC || len > sizeof r->rdata ||
	    dns_name_from_text(&r->name, name) < 0) {
		fprintf(stderr, "bad record %s\n", name);
		exit(2);
	}
	r->type = type;
	r->rdlen = (uint16_t)len;
	memcpy(r->rdata, rd, len);
	r->shared = shared;
	nrec++;
	return r;
}

void
add_addr(char *arg)
{
	char *eq = strchr(arg, '='), rev[DNS_TEXT_MAX];
	uint8_t a[16];
	struct dns_name n, rn;
	int af;

	if (!eq)
		exit(2);
	*eq = 0;
	af = strchr(eq + 1, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(af, eq + 1, a) != 1)
		exit(2);
	add(arg, af == AF_INET ? DNS_T_A : DNS_T_AAAA, a, af == AF_INET ? 4 : 16, 0);
	if (!opt_reverse)
		return;
	dns_name_from_text(&n, arg);
	dns_name_from_addr(&rn, af, a);
	dns_name_to_text(&rn, rev, sizeof rev);
	add(rev, DNS_T_PTR, n.wire, n.len, 0);
}

void
add_wild(char *arg)
{
	char *eq = strchr(arg, '=');

	if (!eq || (size_t)(eq - arg) >= sizeof wild_prefix)
		exit(2);
	*eq = 0;
	strcpy(wild_prefix, arg);
	if (inet_pton(AF_INET, eq + 1, wild_addr) != 1)
		exit(2);
	wild = 1;
}

/* For -W: a record for a matching name, made on the fly. */
void
add_wild_match(const struct dns_name *n)
{
	size_t plen = strlen(wild_prefix);
	char text[DNS_TEXT_MAX];

	if (!wild || n->wire[0] < plen ||
	    strncasecmp((const char *)n->wire + 1, wild_prefix, plen) != 0 ||
	    dns_name_labels(n) != 2)
		return;
	for (int k = 0; k < nrec; k++)
		if (dns_name_eq(&recs[k].name, n))
			return;
	if (nrec == MAXREC)
		nrec = nstatic;	/* recycle: benchmarks ask many names */
	dns_name_to_text(n, text, sizeof text);
	add(text, DNS_T_A, wild_addr, 4, 0);
}

void
add_soa(void)
{
	struct dns_name mname, rname;
	uint8_t rd[2 * DNS_NAME_MAX + 20] = { 0 };

	dns_name_from_text(&mname, "ns.local");
	dns_name_from_text(&rname, "admin.local");
	memcpy(rd, mname.wire, mname.len);
	memcpy(rd + mname.len, rname.wire, rname.len);
	dns_put32(rd + mname.len + rname.len, 1);
	dns_put32(rd + mname.len + rname.len + 16, 60);
	add("local", DNS_T_SOA, rd, (size_t)mname.len + rname.len + 20, 0);
}

void
add_service(char *arg)
{
	char *f[5], *save, buf[600];
	struct dns_name inst, host;
	uint8_t srv[6 + DNS_NAME_MAX], txt[256];
	int i = 0;

	for (char *w = strtok_r(arg, ",", &save); w && i < 5;
	    w = strtok_r(NULL, ",", &save))
		f[i++] = w;
	if (i != 5)
		exit(2);
	snprintf(buf, sizeof buf, "%s.%s.local", f[0], f[1]);
	dns_name_from_text(&inst, buf);
	snprintf(buf, sizeof buf, "%s.local", f[1]);
	add(buf, DNS_T_PTR, inst.wire, inst.len, 1);
	snprintf(buf, sizeof buf, "%s.local", f[2]);
	dns_name_from_text(&host, buf);
	memset(srv, 0, 4);
	dns_put16(srv + 4, (uint16_t)atoi(f[3]));
	memcpy(srv + 6, host.wire, host.len);
	dns_name_to_text(&inst, buf, sizeof buf);
	add(buf, DNS_T_SRV, srv, 6 + (size_t)host.len, 0);
	txt[0] = (uint8_t)strlen(f[4]);
	memcpy(txt + 1, f[4], txt[0]);
	add(buf, DNS_T_TXT, txt, 1 + (size_t)txt[0], 0);
}


/* Read up to 8 questions; returns how many, or -1 if not a query. */
int
read_questions(const uint8_t *p, size_t len, struct question *q)
{
	size_t off = DNS_HDR_LEN;
	int n, i;

	if (len < DNS_HDR_LEN || (p[2] & 0x80))
		return -1;
	n = dns_get16(p + 4);
	for (i = 0; i < n && i < 8; i++) {
		if (dns_name_read(p, len, &off, &q[i].name) < 0 || off + 4 > len)
			return -1;
		q[i].type = dns_get16(p + off);
		q[i].qclass = dns_get16(p + off + 2);
		off += 4;
	}
	return i;
}

void
put(struct dns_writer *w, enum dns_section sec, const struct rec *r,
    int legacy, uint32_t ttl)
{
	struct dns_rr rr = { .name = r->name, .type = r->type,
	    .class = DNS_C_IN | (legacy || r->shared ? 0 : 0x8000),
	    .ttl = ttl, .rdlen = r->rdlen, .rdata = r->rdata };

	dns_w_rr(w, sec, &rr);
}

/* NSEC for name: next name = itself, bitmap of the types it has. */
static void
put_nsec(struct dns_writer *w, const struct dns_name *name, uint32_t ttl)
{
	uint8_t rd[DNS_NAME_MAX + 34] = { 0 }, *bm = rd + name->len;
	struct dns_rr rr = { .name = *name, .type = DNS_T_NSEC,
	    .class = DNS_C_IN, .ttl = ttl, .rdata = rd };
	int max = 0;

	memcpy(rd, name->wire, name->len);
	for (int i = 0; i < nrec; i++)
		if (dns_name_eq(&recs[i].name, name) && recs[i].type < 256) {
			bm[2 + recs[i].type / 8] |= 0x80 >> (recs[i].type % 8);
			if (recs[i].type / 8 + 1 > max)
				max = recs[i].type / 8 + 1;
		}
	bm[1] = (uint8_t)max;
	rr.rdlen = (uint16_t)(name->len + 2 + max);
	dns_w_rr(w, DNS_S_AR, &rr);
}

/* Build the reply to n questions; returns its length or 0 if none. */
size_t
build(uint8_t *out, size_t cap, const uint8_t *query,
    const struct question *q, int n, int legacy)
{
	struct dns_writer w;
	uint32_t ttl = legacy && opt_ttl > 10 ? 10 : opt_ttl;
	int hit[MAXREC] = { 0 }, any = 0, named = 0;

	dns_w_init(&w, out, cap, legacy ? dns_get16(query) : 0,
	    DNS_F_QR | DNS_F_AA);
	for (int i = 0; legacy && i < n; i++)
		dns_w_question(&w, &q[i].name, q[i].type, q[i].qclass & 0x7fff);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < nrec; k++)
			if (dns_name_eq(&recs[k].name, &q[i].name)) {
				named = 1;
				if ((q[i].type == recs[k].type ||
				    q[i].type == DNS_T_ANY) && !hit[k]) {
					hit[k] = 1;
					put(&w, DNS_S_AN, &recs[k], legacy, ttl);
					any = 1;
				}
			}
	if (!named)
		return 0;
	/* Section 6.2: the other address family goes in additional. */
	for (int k = 0; k < nrec; k++)
		if (!hit[k] && (recs[k].type == DNS_T_A ||
		    recs[k].type == DNS_T_AAAA) &&
		    dns_name_eq(&recs[k].name, &q[0].name))
			put(&w, DNS_S_AR, &recs[k], legacy, ttl);
	/* RFC 6763 12.2: an SRV answer brings its target's addresses. */
	for (int k = 0; k < nrec; k++) {
		struct dns_name target;
		size_t off = 6;
		if (!hit[k] || recs[k].type != DNS_T_SRV ||
		    dns_name_read(recs[k].rdata, recs[k].rdlen, &off, &target) < 0)
			continue;
		for (int j = 0; j < nrec; j++)
			if (!hit[j] && (recs[j].type == DNS_T_A ||
			    recs[j].type == DNS_T_AAAA) &&
			    dns_name_eq(&recs[j].name, &target))
				put(&w, DNS_S_AR, &recs[j], legacy, ttl);
	}
	if (opt_nsec)
		put_nsec(&w, &q[0].name, ttl);
	else if (!any)
		return 0;
	return dns_w_finish(&w);
}
