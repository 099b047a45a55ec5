/*
 * dns.h: the DNS wire codec (RFC 1035, RFC 3597, RFC 6891).
 *
 * Design note.  Every name is held *uncompressed* in wire form
 * (struct dns_name: length-prefixed labels ending in the root label), so
 * names can be compared, hashed and copied without the packet they came
 * from.  Parsing decompresses; writing compresses again.  Record data
 * (RDATA) is likewise stored uncompressed: for the types whose RDATA holds
 * names (RFC 1035 types, plus SRV, RP, AFSDB, RT, PX and NSEC as RFC 3597
 * section 4 and RFC 6762 section 18.14 advise) the names are expanded on
 * read, and on write compressed only for the RFC 1035 types ("servers MUST
 * NOT compress domain names embedded in the RDATA of types that are
 * class-specific or not well-known", RFC 3597 section 4).  Any other type
 * is carried as opaque octets.
 *
 * Every read goes through bounds checks against the packet length; a
 * compression pointer must point strictly backwards, and a name is never
 * longer than 255 octets (RFC 1035 section 3.1), so a pointer loop or an
 * over-long name ends in an error, not a crash.
 *
 * Errors: parsers return -1 (or an RCODE, documented per function); the
 * writer returns -1 when the record does not fit and leaves the message as
 * it was before the call, so a caller can stop and set TC.
 */
#ifndef MDNSD_DNS_H
#define MDNSD_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DNS_NAME_MAX	255	/* octets in wire form, root label included */
#define DNS_LABEL_MAX	63
#define DNS_HDR_LEN	12
#define DNS_UDP_MIN	512	/* RFC 1035 UDP limit without EDNS0 */
#define DNS_EDNS_UDP	1232	/* what we advertise (DNS flag day 2020) */
#define DNS_TEXT_MAX	1024	/* enough for any name in presentation form */

enum dns_type {
	DNS_T_A = 1, DNS_T_NS = 2, DNS_T_MD = 3, DNS_T_MF = 4,
	DNS_T_CNAME = 5, DNS_T_SOA = 6, DNS_T_MB = 7, DNS_T_MG = 8,
	DNS_T_MR = 9, DNS_T_NULL = 10, DNS_T_WKS = 11, DNS_T_PTR = 12,
	DNS_T_HINFO = 13, DNS_T_MINFO = 14, DNS_T_MX = 15, DNS_T_TXT = 16,
	DNS_T_RP = 17, DNS_T_AFSDB = 18, DNS_T_RT = 21, DNS_T_AAAA = 28,
	DNS_T_PX = 26, DNS_T_SRV = 33, DNS_T_OPT = 41, DNS_T_NSEC = 47,
	DNS_T_IXFR = 251, DNS_T_AXFR = 252, DNS_T_ANY = 255,
};

enum dns_class {
	DNS_C_IN = 1, DNS_C_CH = 3, DNS_C_ANY = 255,
};

enum dns_rcode {
	DNS_R_NOERROR = 0, DNS_R_FORMERR = 1, DNS_R_SERVFAIL = 2,
	DNS_R_NXDOMAIN = 3, DNS_R_NOTIMP = 4, DNS_R_REFUSED = 5,
	DNS_R_BADVERS = 16,	/* extended: needs an OPT record */
};

/* Header flag bits (octets 2-3 of the header, host order). */
#define DNS_F_QR	0x8000
#define DNS_F_OPCODE	0x7800
#define DNS_F_AA	0x0400
#define DNS_F_TC	0x0200
#define DNS_F_RD	0x0100
#define DNS_F_RA	0x0080
#define DNS_F_AD	0x0020
#define DNS_F_CD	0x0010
#define DNS_F_RCODE	0x000f

/* EDNS0 flag: DNSSEC OK (RFC 3225). */
#define DNS_EDNS_DO	0x8000

/* A name in uncompressed wire form. */
struct dns_name {
	uint8_t len;			/* octets used in wire[], root included */
	uint8_t wire[DNS_NAME_MAX];
};

/* A resource record; rdata is uncompressed and rdlen octets long. */
struct dns_rr {
	struct dns_name name;
	uint16_t type;
	uint16_t class;
	uint32_t ttl;			/* already clamped: RFC 2181 section 8 */
	uint16_t rdlen;
	const uint8_t *rdata;
};

/* Sections, as indices for counts. */
enum dns_section { DNS_S_QD, DNS_S_AN, DNS_S_NS, DNS_S_AR };

/* ---- names (dns_name.c) ------------------------------------------------ */

/*
 * Read the possibly compressed name at pkt[*off] (pkt is len octets) into
 * *out and advance *off past its in-place octets.  Returns 0, or -1 for a
 * truncated name, a forward or looping pointer, a reserved label type
 * (0x40/0x80) or a name over 255 octets.
 */
int dns_name_read(const uint8_t *pkt, size_t len, size_t *off,
    struct dns_name *out);

/*
 * Parse presentation form ("www.example.com", trailing dot optional, "."
 * the root; "\." and "\DDD" escapes) into *out.  Returns 0, or -1 for an
 * empty label, a label over 63 octets, a name over 255 or a bad escape.
 */
int dns_name_from_text(struct dns_name *out, const char *text);

/*
 * Write *n in presentation form with a trailing dot ("." for the root);
 * octets other than letters, digits, '-' and '_' are escaped as \DDD and
 * '.' and '\' as "\." and "\\".  Returns the string length, or -1 when
 * size (which should be DNS_TEXT_MAX) is too small.
 */
int dns_name_to_text(const struct dns_name *n, char *buf, size_t size);

/* ASCII case-insensitive equality (RFC 4343). */
bool dns_name_eq(const struct dns_name *a, const struct dns_name *b);

/* True if n equals zone or lies below it (case-insensitive). */
bool dns_name_in_zone(const struct dns_name *n, const struct dns_name *zone);

/* Number of labels, not counting the root ("a.b." has 2). */
int dns_name_labels(const struct dns_name *n);

/* Case-insensitive 32-bit hash (FNV-1a over lowercased octets). */
uint32_t dns_name_hash(const struct dns_name *n);

/* Lowercase the ASCII letters of *n in place. */
void dns_name_lower(struct dns_name *n);

/*
 * Build the reverse-mapping name of an address: af AF_INET (4 octets at
 * addr) gives d.c.b.a.in-addr.arpa, AF_INET6 (16 octets) the 32-nibble
 * ip6.arpa name.  Returns 0, or -1 for another af.
 */
int dns_name_from_addr(struct dns_name *out, int af, const void *addr);

/*
 * The reverse: if n is a complete in-addr.arpa (4 labels) or ip6.arpa
 * (32 nibbles) name, store the address in addr (16 octets of room) and
 * return AF_INET or AF_INET6; otherwise return 0.
 */
int dns_name_to_addr(const struct dns_name *n, void *addr);

/* ---- parsing (dns_query.c, dns_msg.c, dns_rdata.c) -------------------- */

/* A parsed client query: the one question and its EDNS0 OPT, if any. */
struct dns_query {
	uint16_t id;
	uint16_t flags;			/* header flags as sent */
	bool has_question;		/* qname/qtype/qclass are valid */
	struct dns_name qname;
	uint16_t qtype;
	uint16_t qclass;
	bool edns;			/* an OPT record was present */
	uint8_t edns_version;
	uint16_t edns_udp;		/* requestor's payload size, >= 512 */
	uint16_t edns_flags;		/* DO bit etc. */
};

/*
 * Parse a query from a client and validate every section (record headers
 * and lengths walked with bounds checks, at most one OPT record, owned by
 * the root).  No allocation.  Returns:
 *   -1                 drop silently: shorter than a header, or QR set
 *                      (never answer a response: reflection loops);
 *   DNS_R_NOERROR      a well-formed standard query with one question;
 *   DNS_R_FORMERR      malformed (q->id valid, q->has_question says
 *                      whether the question can be echoed);
 *   DNS_R_NOTIMP       an opcode other than QUERY;
 *   DNS_R_BADVERS      EDNS version other than 0 (RFC 6891 6.1.3).
 */
int dns_parse_query(const uint8_t *pkt, size_t len, struct dns_query *q);

/* A fully parsed message (upstream replies, mDNS packets). */
struct dns_msg {
	uint16_t id;
	uint16_t flags;
	uint16_t qdcount;		/* as in the header */
	struct dns_name qname;		/* the first question, if qdcount > 0 */
	uint16_t qtype;
	uint16_t qclass;
	uint16_t count[4];		/* records kept per section; the OPT
					   record is not among count[DNS_S_AR] */
	struct dns_rr *rr;		/* answer, authority, additional, in order */
	bool edns;
	uint8_t edns_version;
	uint8_t ext_rcode;		/* upper 8 bits of the 12-bit RCODE */
	uint16_t edns_udp;
	uint16_t edns_flags;
	uint8_t *arena;			/* owns rr[] rdata */
};

/*
 * Parse any message, questions and all three record sections, decompressing
 * names in RDATA of the types listed in the design note and checking their
 * layout (A is 4 octets, AAAA 16, SOA two names and 20 octets, ...).  Only
 * the first question is kept; the others are validated and skipped.
 * Returns 0 (free with dns_msg_free), or -1 on malformed input or when out
 * of memory (errno EBADMSG or ENOMEM); nothing needs freeing then.
 */
int dns_parse_msg(const uint8_t *pkt, size_t len, struct dns_msg *m);

/* Free what dns_parse_msg() allocated.  Safe on a zeroed struct. */
void dns_msg_free(struct dns_msg *m);

/* The full 12-bit response code of a parsed message. */
static inline unsigned
dns_msg_rcode(const struct dns_msg *m)
{
	return (m->flags & DNS_F_RCODE) | (unsigned)m->ext_rcode << 4;
}

/*
 * Expand the RDATA of a record of type `type` found at pkt[off], rdlen
 * octets, into out (cap octets) with every embedded name decompressed.
 * Returns the expanded length, or -1 if the RDATA does not match the
 * type's layout or does not fit.  Opaque types are copied verbatim.
 */
int dns_rdata_expand(uint16_t type, const uint8_t *pkt, size_t len,
    size_t off, uint16_t rdlen, uint8_t *out, size_t cap);

/* Upper bound on what dns_rdata_expand() can produce for rdlen octets. */
size_t dns_rdata_expand_max(uint16_t type, uint16_t rdlen);

/*
 * The layout string of a type (see dns_rdata.c), or NULL if opaque; and
 * whether its embedded names may be compressed on output (RFC 1035 types
 * only).  Used by the writer.
 */
const char *dns_rdata_layout(uint16_t type);
bool dns_rdata_compressible(uint16_t type);

/* ---- writing (dns_write.c) -------------------------------------------- */

#define DNS_CTAB_MAX	64	/* compression targets remembered per message */

/* A message being built into a caller's buffer. */
struct dns_writer {
	uint8_t *buf;
	size_t cap;			/* hard size limit (<= 65535) */
	size_t len;			/* octets written */
	uint16_t count[4];		/* records per section so far */
	unsigned nctab;
	struct {
		uint16_t off;		/* where a name suffix starts */
		uint32_t hash;		/* dns_name_hash() of that suffix */
	} ctab[DNS_CTAB_MAX];
};

/*
 * Start a message with header id and flags in buf (cap octets, at least
 * DNS_HDR_LEN and at most 65535).  Returns 0, or -1 if cap is out of range.
 */
int dns_w_init(struct dns_writer *w, uint8_t *buf, size_t cap, uint16_t id,
    uint16_t flags);

/* Add a question.  Returns 0, or -1 (message unchanged) when full. */
int dns_w_question(struct dns_writer *w, const struct dns_name *name,
    uint16_t type, uint16_t class);

/*
 * Add a record to section sec (DNS_S_AN, _NS or _AR; sections must be
 * filled in order).  Names are compressed against earlier ones.  Returns 0,
 * or -1 (message unchanged) when it does not fit or rr is malformed.
 */
int dns_w_rr(struct dns_writer *w, enum dns_section sec,
    const struct dns_rr *rr);

/* Add an OPT record (additional section).  Returns 0 or -1 when full. */
int dns_w_opt(struct dns_writer *w, uint16_t udp, uint8_t ext_rcode,
    uint16_t flags);

/*
 * Roll the message back to `len` octets and the given counts (a mark taken
 * earlier from w->len and w->count), forgetting compression targets at or
 * past `len`.  Used to cut a reply for TC.
 */
void dns_w_rollback(struct dns_writer *w, size_t len,
    const uint16_t count[4]);

/* Set flag bits in the header (e.g. DNS_F_TC). */
void dns_w_set_flags(struct dns_writer *w, uint16_t flags);

/* Store the section counts in the header; returns the message length. */
size_t dns_w_finish(struct dns_writer *w);

/* ---- helpers ----------------------------------------------------------- */

/* Big-endian loads and stores. */
static inline uint16_t
dns_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
dns_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static inline void
dns_put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void
dns_put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16 & 0xff;
	p[2] = v >> 8 & 0xff;
	p[3] = v & 0xff;
}

/* Mnemonic of a type ("AAAA", or "TYPE65280"); buf needs 16 octets. */
const char *dns_type_name(uint16_t type, char buf[16]);

/* Type number from a mnemonic or "TYPEnnn"; returns 0 if unknown. */
uint16_t dns_type_from_name(const char *s);

#endif
