/*
 * dns_write.c: build messages, compressing names (RFC 1035 4.1.4).
 *
 * The compression table remembers where each name suffix we wrote starts,
 * with a hash of it.  To reuse one we re-read the candidate from our own
 * output with the bounds-checked dns_name_read() and compare whole names,
 * so a hash collision or a repeated label ("a.a.a") can never make us point
 * at the wrong place or read past what we wrote.
 */
#include <string.h>

#include "dns.h"

static uint32_t
hash_octets(const uint8_t *p, size_t n)
{
	struct dns_name tmp;
	memcpy(tmp.wire, p, n);
	tmp.len = (uint8_t)n;
	return dns_name_hash(&tmp);
}

/* Does the name written at buf[off] equal the suffix sfx (sl octets)? */
static int
match_at(const struct dns_writer *w, uint16_t off, const uint8_t *sfx,
    size_t sl)
{
	struct dns_name have, want;
	size_t o = off;

	if (dns_name_read(w->buf, w->len, &o, &have) < 0 || have.len != sl)
		return 0;
	memcpy(want.wire, sfx, sl);
	want.len = (uint8_t)sl;
	return dns_name_eq(&have, &want);
}

/* Find an earlier copy of the suffix starting at octet p of n. */
static int
find_suffix(const struct dns_writer *w, const struct dns_name *n, size_t p,
    uint32_t h)
{
	for (unsigned i = 0; i < w->nctab; i++)
		if (w->ctab[i].hash == h &&
		    match_at(w, w->ctab[i].off, n->wire + p, n->len - p))
			return w->ctab[i].off;
	return -1;
}

static void
remember(struct dns_writer *w, size_t off, uint32_t h)
{
	if (off <= 0x3fff && w->nctab < DNS_CTAB_MAX) {
		w->ctab[w->nctab].off = (uint16_t)off;
		w->ctab[w->nctab].hash = h;
		w->nctab++;
	}
}

/* Write name n at w->len; compress it if `compress`. */
static int
put_name(struct dns_writer *w, const struct dns_name *n, int compress)
{
	size_t p = 0;
	int ptr = -1;

	while (p < n->len && n->wire[p] != 0) {
		uint32_t h = compress ? hash_octets(n->wire + p, n->len - p) : 0;
		if (compress && (ptr = find_suffix(w, n, p, h)) >= 0)
			break;
		size_t ll = 1 + (size_t)n->wire[p];
		if (w->cap - w->len < ll)
			return -1;
		if (compress)
			remember(w, w->len, h);
		memcpy(w->buf + w->len, n->wire + p, ll);
		w->len += ll;
		p += ll;
	}
	if (ptr >= 0) {
		if (w->cap - w->len < 2)
			return -1;
		dns_put16(w->buf + w->len, (uint16_t)(0xc000 | ptr));
		w->len += 2;
		return 0;
	}
	if (w->cap - w->len < 1)
		return -1;
	w->buf[w->len++] = 0;
	return 0;
}

static int
put_octets(struct dns_writer *w, const void *p, size_t n)
{
	if (w->cap - w->len < n)
		return -1;
	if (n > 0)
		memcpy(w->buf + w->len, p, n);
	w->len += n;
	return 0;
}

int
dns_w_init(struct dns_writer *w, uint8_t *buf, size_t cap, uint16_t id,
    uint16_t flags)
{
	if (cap < DNS_HDR_LEN || cap > 0xffff)
		return -1;
	memset(w, 0, sizeof *w - sizeof w->ctab);
	w->buf = buf;
	w->cap = cap;
	w->nctab = 0;
	memset(buf, 0, DNS_HDR_LEN);
	dns_put16(buf, id);
	dns_put16(buf + 2, flags);
	w->len = DNS_HDR_LEN;
	return 0;
}

void
dns_w_rollback(struct dns_writer *w, size_t len, const uint16_t count[4])
{
	w->len = len;
	memcpy(w->count, count, sizeof w->count);
	while (w->nctab > 0 && w->ctab[w->nctab - 1].off >= len)
		w->nctab--;
}

int
dns_w_question(struct dns_writer *w, const struct dns_name *name,
    uint16_t type, uint16_t class)
{
	size_t mark = w->len;
	unsigned nct = w->nctab;
	uint8_t tc[4];

	dns_put16(tc, type);
	dns_put16(tc + 2, class);
	if (put_name(w, name, 1) < 0 || put_octets(w, tc, 4) < 0) {
		w->len = mark;
		w->nctab = nct;
		return -1;
	}
	w->count[DNS_S_QD]++;
	return 0;
}

/* Read an uncompressed name from rdata; it must not contain pointers. */
static int
rd_name(const uint8_t *rd, size_t rdlen, size_t *off, struct dns_name *nm)
{
	size_t start = *off;
	if (dns_name_read(rd, rdlen, off, nm) < 0 || *off - start != nm->len)
		return -1;
	return 0;
}

/* Copy the rdata of rr, compressing embedded names when allowed. */
static int
put_rdata(struct dns_writer *w, const struct dns_rr *rr)
{
	const char *s = dns_rdata_layout(rr->type);
	int compress = dns_rdata_compressible(rr->type);
	size_t off = 0;

	if (s == NULL)
		return put_octets(w, rr->rdata, rr->rdlen);
	for (; *s; s++) {
		size_t k;
		if (*s == 'N') {
			struct dns_name nm;
			if (rd_name(rr->rdata, rr->rdlen, &off, &nm) < 0 ||
			    put_name(w, &nm, compress) < 0)
				return -1;
			continue;
		}
		k = *s == '*' ? rr->rdlen - off : *s == 'S' ? 20 :
		    (size_t)(*s - '0');
		if (rr->rdlen - off < k || put_octets(w, rr->rdata + off, k) < 0)
			return -1;
		off += k;
	}
	return off == rr->rdlen ? 0 : -1;
}

int
dns_w_rr(struct dns_writer *w, enum dns_section sec, const struct dns_rr *rr)
{
	size_t mark = w->len;
	unsigned nct = w->nctab;
	uint8_t h[10];

	dns_put16(h, rr->type);
	dns_put16(h + 2, rr->class);
	dns_put32(h + 4, rr->ttl);
	if (put_name(w, &rr->name, 1) < 0 || put_octets(w, h, 10) < 0)
		goto full;
	size_t rdstart = w->len;
	if (put_rdata(w, rr) < 0 || w->len - rdstart > 0xffff)
		goto full;
	dns_put16(w->buf + rdstart - 2, (uint16_t)(w->len - rdstart));
	w->count[sec]++;
	return 0;
full:
	w->len = mark;
	w->nctab = nct;
	return -1;
}

int
dns_w_opt(struct dns_writer *w, uint16_t udp, uint8_t ext_rcode,
    uint16_t flags)
{
	uint8_t o[11] = { 0 };

	dns_put16(o + 1, DNS_T_OPT);
	dns_put16(o + 3, udp);
	o[5] = ext_rcode;
	o[6] = 0;			/* version 0 */
	dns_put16(o + 7, flags);
	if (put_octets(w, o, sizeof o) < 0)
		return -1;
	w->count[DNS_S_AR]++;
	return 0;
}

void
dns_w_set_flags(struct dns_writer *w, uint16_t flags)
{
	dns_put16(w->buf + 2, dns_get16(w->buf + 2) | flags);
}

size_t
dns_w_finish(struct dns_writer *w)
{
	for (int s = 0; s < 4; s++)
		dns_put16(w->buf + 4 + 2 * s, w->count[s]);
	return w->len;
}
