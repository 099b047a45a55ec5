/*
 * config.c: read mdnsd.conf.  One directive per line, words separated by
 * blanks, a word starting with '#' starts a comment (so "ADDR#PORT" is one
 * word).  The first word is a keyword from the
 * table below or the name of a backend (its line goes to the backend's
 * config hook).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "config_int.h"
#include "log.h"

#define MAX_WORDS	32

/* Split line into words in place; returns the count or -1 if too many. */
static int
split(char *line, char **argv)
{
	int argc = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0' || *p == '#')
			return argc;
		if (argc == MAX_WORDS)
			return -1;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' &&
		    *p != '\n')
			p++;
		if (*p)
			*p++ = '\0';
	}
}

static int
cmp_kw(const void *key, const void *elem)
{
	return strcmp(key, ((const struct cfg_keyword *)elem)->name);
}

static void
directive(struct cfg_ctx *c, int argc, char **argv)
{
	const struct cfg_keyword *kw = bsearch(argv[0], cfg_keywords,
	    cfg_nkeywords, sizeof cfg_keywords[0], cmp_kw);

	if (kw != NULL) {
		if (argc - 1 < kw->min_args || argc - 1 > kw->max_args) {
			cfg_error(c, "%s: wrong number of arguments", argv[0]);
			return;
		}
		kw->fn(c, argc, argv);
		return;
	}
	if (backend_lookup(argv[0]) == NULL) {
		cfg_error(c, "unknown keyword '%s'", argv[0]);
		return;
	}
	struct backend *b = config_backend(c, argv[0]);
	if (b == NULL)
		return;
	if (argc < 2 || b->ops->config == NULL) {
		cfg_error(c, "%s: expected a setting", argv[0]);
		return;
	}
	b->ops->config(b, c, argc - 1, argv + 1);
}

static void
parse_text(struct cfg_ctx *c, const char *text)
{
	char line[1024], *argv[MAX_WORDS];
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		c->line++;
		if (n >= sizeof line) {
			cfg_error(c, "line too long");
		} else {
			memcpy(line, p, n);
			line[n] = '\0';
			int argc = split(line, argv);
			if (argc < 0)
				cfg_error(c, "too many words");
			else if (argc > 0)
				directive(c, argc, argv);
		}
		p += n + (nl != NULL);
	}
}

static struct config *
config_new(struct ev_loop *loop)
{
	struct config *cfg = calloc(1, sizeof *cfg);
	if (cfg == NULL)
		return NULL;
	cfg->loop = loop;
	cfg->port = 53;
	cfg->rate_qps = 0;
	cfg->rate_burst = 0;
	cfg->cache_bytes = 1024 * 1024;
	cfg->cache_max_ttl = 86400;
	cfg->neg_max_ttl = 3600;
	cfg->lookup_timeout_ms = 2000;
	cfg->max_lookups = 4096;
	cfg->tcp_clients = 64;
	cfg->tcp_idle_ms = 10000;
	cfg->log_level = LOG_INFO;
	cfg->sched_batch = true;
	return cfg;
}

static struct config *
finish(struct cfg_ctx *c, const struct cfg_overrides *o)
{
	struct config *cfg = c->cfg;

	c->line = 0;
	if (c->errors == 0)
		cfg_apply_overrides(c, o);
	if (c->errors == 0)
		cfg_check(c);
	if (c->errors != 0) {
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

struct config *
config_parse_string(const char *name, const char *text,
    const struct cfg_overrides *o, struct ev_loop *loop)
{
	struct cfg_ctx c = { .file = name };

	if ((c.cfg = config_new(loop)) == NULL)
		return NULL;
	snprintf(c.cfg->path, sizeof c.cfg->path, "%s", name);
	parse_text(&c, text);
	return finish(&c, o);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL)
		return NULL;
	do {
		if (cap - len < 4096) {
			char *nb = cap > (1u << 20) ? NULL : realloc(buf, cap + 8192);
			if (nb == NULL) {
				free(buf);
				fclose(f);
				errno = EFBIG;
				return NULL;
			}
			buf = nb;
			cap += 8192;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

struct config *
config_load(const char *path, const struct cfg_overrides *o,
    struct ev_loop *loop)
{
	const char *p = path ? path : MDNSD_CONF_PATH;
	char *text = slurp(p);

	if (text == NULL) {
		if (path != NULL || errno != ENOENT) {
			log_err("%s: %s", p, strerror(errno));
			return NULL;
		}
		log_info("%s not found; using built-in defaults", p);
		return config_parse_string(p, "", o, loop);
	}
	struct config *cfg = config_parse_string(p, text, o, loop);
	free(text);
	return cfg;
}
