/* hosts_db.c: the in-memory hosts database (see hosts.h). */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "hosts.h"
#include "log.h"

struct hent {
	struct hent *next;		/* hash chain by name */
	struct hent *rnext;		/* hash chain by address */
	bool canonical;			/* first name on its line */
	struct hosts_addr addr;
	struct dns_name name;
};

#define HOSTS_SLOTS 1024

struct hosts_db {
	struct hent *byname[HOSTS_SLOTS];
	struct hent *byaddr[HOSTS_SLOTS];
	size_t n;
};

struct hosts_db *
hosts_db_new(void)
{
	return calloc(1, sizeof(struct hosts_db));
}

void
hosts_db_free(struct hosts_db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < HOSTS_SLOTS; i++)
		while (db->byname[i]) {
			struct hent *e = db->byname[i];
			db->byname[i] = e->next;
			free(e);
		}
	free(db);
}

static uint32_t
addr_hash(const struct hosts_addr *a)
{
	uint32_t h = 2166136261u;
	for (int i = 0; i < (a->af == AF_INET ? 4 : 16); i++)
		h = (h ^ a->a[i]) * 16777619u;
	return h;
}

static bool
addr_eq(const struct hosts_addr *x, const struct hosts_addr *y)
{
	return x->af == y->af &&
	    memcmp(x->a, y->a, x->af == AF_INET ? 4 : 16) == 0;
}

static int
add(struct hosts_db *db, const struct hosts_addr *a,
    const struct dns_name *n, bool canonical)
{
	struct hent *e = malloc(sizeof *e);
	if (e == NULL)
		return -1;
	e->addr = *a;
	e->name = *n;			/* as written: PTR answers keep it */
	e->canonical = canonical;
	uint32_t hn = dns_name_hash(&e->name) % HOSTS_SLOTS;
	uint32_t ha = addr_hash(a) % HOSTS_SLOTS;
	e->next = db->byname[hn];
	db->byname[hn] = e;
	e->rnext = db->byaddr[ha];
	db->byaddr[ha] = e;
	db->n++;
	return 0;
}

static int
parse_addr(const char *s, struct hosts_addr *a)
{
	memset(a, 0, sizeof *a);
	if (inet_pton(AF_INET, s, a->a) == 1)
		a->af = AF_INET;
	else if (inet_pton(AF_INET6, s, a->a) == 1)
		a->af = AF_INET6;
	else
		return -1;
	return 0;
}

/* One line, already split; returns entries added or -1 on ENOMEM. */
static int
parse_line(struct hosts_db *db, const char *file, unsigned line, int argc,
    char **argv)
{
	struct hosts_addr a;
	int added = 0;

	if (argc < 2 || parse_addr(argv[0], &a) < 0) {
		log_warn("%s:%u: ignored: expected an address and a name",
		    file, line);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		struct dns_name n;
		if (dns_name_from_text(&n, argv[i]) < 0 || n.len <= 1) {
			log_warn("%s:%u: ignored bad name '%s'", file, line,
			    argv[i]);
			continue;
		}
		if (add(db, &a, &n, added == 0) < 0)
			return -1;
		added++;
	}
	return added;
}

int
hosts_db_parse(struct hosts_db *db, const char *name, const char *text)
{
	const char *p = text;
	unsigned line = 0;
	int total = 0;

	while (*p) {
		char buf[1024], *argv[64];
		int argc = 0;
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		if (n < sizeof buf) {
			memcpy(buf, p, n);
			buf[n] = '\0';
			char *h = strchr(buf, '#');
			if (h)
				*h = '\0';
			for (char *t = strtok(buf, " \t\r"); t && argc < 64;
			    t = strtok(NULL, " \t\r"))
				argv[argc++] = t;
			int k = argc ? parse_line(db, name, line, argc, argv) : 0;
			if (k < 0)
				return -1;
			total += k;
		} else {
			log_warn("%s:%u: ignored: line too long", name, line);
		}
		p += n + (nl != NULL);
	}
	return total;
}

size_t
hosts_db_find(const struct hosts_db *db, const struct dns_name *name,
    int af, struct hosts_addr *out, size_t max, bool *exists)
{
	size_t k = 0;

	*exists = false;
	for (const struct hent *e = db->byname[dns_name_hash(name) %
	    HOSTS_SLOTS]; e; e = e->next) {
		if (!dns_name_eq(&e->name, name))
			continue;
		*exists = true;
		if (af != 0 && e->addr.af != af)
			continue;
		bool dup = false;
		for (size_t i = 0; i < k && !dup; i++)
			dup = addr_eq(&out[i], &e->addr);
		if (!dup && k < max)
			out[k++] = e->addr;
	}
	/* The chain is newest first: restore file order. */
	for (size_t i = 0; i < k / 2; i++) {
		struct hosts_addr t = out[i];
		out[i] = out[k - 1 - i];
		out[k - 1 - i] = t;
	}
	return k;
}

const struct dns_name *
hosts_db_rev(const struct hosts_db *db, const struct hosts_addr *addr)
{
	const struct dns_name *best = NULL;

	/* Entries were pushed in front, so the last match is the earliest
	 * line: the canonical name of the first line wins, as in glibc. */
	for (const struct hent *e = db->byaddr[addr_hash(addr) % HOSTS_SLOTS];
	    e; e = e->rnext)
		if (addr_eq(&e->addr, addr) && (e->canonical || best == NULL))
			best = &e->name;
	return best;
}

size_t
hosts_db_size(const struct hosts_db *db)
{
	return db->n;
}
