/*
 * hosts.c: the "hosts" backend.  Answers A, AAAA and PTR from hosts files
 * and declines names it does not know, so the next backend of the route
 * (usually upstream) gets them.  A known name never leaks upstream: a
 * question of another type gets NODATA, which also keeps getaddrinfo from
 * seeing an NXDOMAIN for the family a host lacks.
 *
 * Reloading: at most once a second, a query stats the files; if any
 * changed (mtime, size, inode) all are read again into a fresh database,
 * which replaces the old one only if it could be built.  Files are reached
 * through a descriptor of their directory opened at start-up, so the
 * same paths keep working after chroot and when an editor replaces the
 * file by renaming a new one over it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend.h"
#include "hosts.h"
#include "log.h"
#include "pathdir.h"

#define HOSTS_MAX_FILES	8
#define HOSTS_MAX_ADDRS	64	/* musl keeps 48 (MAXADDRS) */

struct hosts_file {
	char path[PATHDIR_MAX];
	struct pathdir pd;		/* path, reachable after chroot */
	struct stat st;			/* as last read; st_ino 0 if missing */
};

struct hosts {
	struct hosts_file files[HOSTS_MAX_FILES];
	unsigned nfiles;
	uint32_t ttl;
	struct hosts_db *db;
	uint64_t checked_ms;
	unsigned long reloads;
};

static int
hosts_create(struct backend *b)
{
	struct hosts *h = calloc(1, sizeof *h);
	if (h == NULL)
		return -1;
	h->ttl = 0;
	b->priv = h;
	return 0;
}

static int
hosts_config(struct backend *b, struct cfg_ctx *c, int argc, char **argv)
{
	struct hosts *h = b->priv;
	unsigned long v;

	if (strcmp(argv[0], "file") == 0 && argc == 2) {
		if (h->nfiles == HOSTS_MAX_FILES)
			return cfg_error(c, "hosts: more than %d files",
			    HOSTS_MAX_FILES);
		if (strlen(argv[1]) >= sizeof h->files[0].path)
			return cfg_error(c, "hosts: path too long");
		h->files[h->nfiles].pd.dirfd = -1;
		strcpy(h->files[h->nfiles++].path, argv[1]);
		return 0;
	}
	if (strcmp(argv[0], "ttl") == 0 && argc == 2) {
		if (cfg_uint(c, argv[1], 0, 86400, &v) < 0)
			return -1;
		h->ttl = (uint32_t)v;
		return 0;
	}
	return cfg_error(c, "hosts: unknown setting '%s' (file PATH, ttl N)",
	    argv[0]);
}

static void
open_dir(struct hosts_file *f)
{
	if (pathdir_init(&f->pd, f->path) < 0)
		log_warn("hosts: directory of %s: %s", f->path,
		    strerror(errno));
}

static char *
read_file(const struct hosts_file *hf, struct stat *st)
{
	int fd = pathdir_open(&hf->pd, O_RDONLY | O_CLOEXEC, 0);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	char *buf;

	if (f == NULL) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (fstat(fileno(f), st) < 0 || st->st_size > (64 << 20) ||
	    (buf = malloc((size_t)st->st_size + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	size_t n = fread(buf, 1, (size_t)st->st_size, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Build a new database from all files.  Returns 0 or -1. */
static int
load(struct hosts *h)
{
	struct hosts_db *db = hosts_db_new();

	if (db == NULL)
		return -1;
	for (unsigned i = 0; i < h->nfiles; i++) {
		struct hosts_file *f = &h->files[i];
		char *text = read_file(f, &f->st);
		if (text == NULL && errno != ENOENT) {
			/* unreadable is not empty: keep what we have */
			log_warn("hosts: %s: %s; keeping the old data",
			    f->path, strerror(errno));
			hosts_db_free(db);
			return h->db != NULL ? 0 : -1;
		}
		if (text == NULL) {
			log_warn("hosts: %s: %s", f->path, strerror(errno));
			memset(&f->st, 0, sizeof f->st);
			continue;
		}
		int n = hosts_db_parse(db, f->path, text);
		free(text);
		if (n < 0) {
			hosts_db_free(db);
			return -1;
		}
	}
	hosts_db_free(h->db);
	h->db = db;
	log_debug("hosts: %zu entries", hosts_db_size(db));
	return 0;
}

static int
hosts_open(struct backend *b)
{
	struct hosts *h = b->priv;

	if (h->nfiles == 0) {
		h->files[0].pd.dirfd = -1;
		strcpy(h->files[h->nfiles++].path, "/etc/hosts");
	}
	for (unsigned i = 0; i < h->nfiles; i++)
		open_dir(&h->files[i]);
	return load(h);
}

static bool
changed(const struct hosts_file *f)
{
	struct stat st;
	int rc = pathdir_stat(&f->pd, &st);
	if (rc < 0)
		return f->st.st_ino != 0;
	return st.st_ino != f->st.st_ino || st.st_size != f->st.st_size ||
	    st.st_mtim.tv_sec != f->st.st_mtim.tv_sec ||
	    st.st_mtim.tv_nsec != f->st.st_mtim.tv_nsec;
}

static void
maybe_reload(struct backend *b, struct hosts *h)
{
	uint64_t now = ev_now(b->loop);

	if (now - h->checked_ms < 1000 && h->checked_ms != 0)
		return;
	h->checked_ms = now;
	for (unsigned i = 0; i < h->nfiles; i++)
		if (changed(&h->files[i])) {
			log_info("hosts: %s changed, reloading",
			    h->files[i].path);
			if (load(h) == 0)
				h->reloads++;
			return;
		}
}

static void
answer_ptr(struct hosts *h, struct bquery *q)
{
	struct hosts_addr a;
	struct bq_result r = { .status = BQ_DECLINE, .nocache = true,
	    .authoritative = true };
	struct dns_rr rr;

	memset(&a, 0, sizeof a);
	a.af = dns_name_to_addr(&q->qname, a.a);
	const struct dns_name *n = a.af ? hosts_db_rev(h->db, &a) : NULL;
	if (n != NULL) {
		rr = (struct dns_rr){ .name = q->qname, .type = DNS_T_PTR,
		    .class = DNS_C_IN, .ttl = h->ttl, .rdlen = n->len,
		    .rdata = n->wire };
		r.status = q->qtype == DNS_T_PTR || q->qtype == DNS_T_ANY ?
		    BQ_ANSWER : BQ_NODATA;
		if (r.status == BQ_ANSWER) {
			r.an = &rr;
			r.nan = 1;
		}
	}
	bquery_done(q, &r);
}

static void
hosts_query(struct backend *b, struct bquery *q)
{
	struct hosts *h = b->priv;
	struct hosts_addr addrs[HOSTS_MAX_ADDRS];
	struct dns_rr rr[HOSTS_MAX_ADDRS];
	struct bq_result r = { .status = BQ_DECLINE, .nocache = true,
	    .authoritative = true };
	bool exists;
	int af = 0;

	maybe_reload(b, h);
	if (q->qtype == DNS_T_PTR || dns_name_to_addr(&q->qname, addrs[0].a)) {
		answer_ptr(h, q);
		return;
	}
	if (q->qtype == DNS_T_A)
		af = AF_INET;
	else if (q->qtype == DNS_T_AAAA)
		af = AF_INET6;
	size_t n = hosts_db_find(h->db, &q->qname, af, addrs,
	    HOSTS_MAX_ADDRS, &exists);
	if (q->qtype != DNS_T_A && q->qtype != DNS_T_AAAA &&
	    q->qtype != DNS_T_ANY)
		n = 0;
	for (size_t i = 0; i < n; i++)
		rr[i] = (struct dns_rr){ .name = q->qname,
		    .type = addrs[i].af == AF_INET ? DNS_T_A : DNS_T_AAAA,
		    .class = DNS_C_IN, .ttl = h->ttl,
		    .rdlen = addrs[i].af == AF_INET ? 4 : 16,
		    .rdata = addrs[i].a };
	if (exists) {
		r.status = n ? BQ_ANSWER : BQ_NODATA;
		r.an = rr;
		r.nan = n;
	}
	bquery_done(q, &r);
}

static void
hosts_stats(struct backend *b)
{
	struct hosts *h = b->priv;
	log_info("hosts: %zu entries, %lu reloads",
	    h->db ? hosts_db_size(h->db) : 0, h->reloads);
}

static void
hosts_print(struct backend *b, FILE *out)
{
	struct hosts *h = b->priv;
	for (unsigned i = 0; i < h->nfiles; i++)
		fprintf(out, "hosts file %s\n", h->files[i].path);
	if (h->nfiles == 0)
		fprintf(out, "hosts file /etc/hosts\n");
	fprintf(out, "hosts ttl %u\n", h->ttl);
}

static void
hosts_destroy(struct backend *b)
{
	struct hosts *h = b->priv;
	for (unsigned i = 0; i < h->nfiles; i++)
		pathdir_close(&h->files[i].pd);
	hosts_db_free(h->db);
	free(h);
}

const struct backend_ops hosts_backend = {
	.name = "hosts",
	.synchronous = true,
	.create = hosts_create,
	.config = hosts_config,
	.open = hosts_open,
	.query = hosts_query,
	.stats = hosts_stats,
	.print = hosts_print,
	.destroy = hosts_destroy,
};
