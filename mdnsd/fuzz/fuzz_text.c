/*
 * fuzz_text.c: libFuzzer target for the two text parsers that read files
 * an administrator (or a DHCP script) writes: mdnsd.conf and hosts files.
 * The first input byte picks the parser; the rest is the text.  A config
 * that parses must print (-nv) without trouble; a hosts database must
 * answer lookups for every name it was given without over-reading.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "config.h"
#include "hosts.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
config_path(const char *text)
{
	struct config *cfg = config_parse_string("fuzz.conf", text, NULL, NULL);
	char buf[16384];
	FILE *f;

	if (cfg == NULL)
		return;
	if ((f = fmemopen(buf, sizeof buf, "w")) != NULL) {
		config_print(cfg, f);
		fclose(f);
	}
	config_free(cfg);
}

static void
hosts_path(const char *text)
{
	struct hosts_db *db = hosts_db_new();
	struct hosts_addr out[8];
	struct dns_name n;
	bool exists;

	if (db == NULL)
		return;
	hosts_db_parse(db, "fuzz.hosts", text);
	/* Look up every word of the text as a name and as an address. */
	char *copy = strdup(text), *save = NULL;
	for (char *w = copy ? strtok_r(copy, " \t\n", &save) : NULL; w;
	    w = strtok_r(NULL, " \t\n", &save)) {
		if (dns_name_from_text(&n, w) < 0)
			continue;
		hosts_db_find(db, &n, 0, out, 8, &exists);
		struct hosts_addr a = { .af = 0 };
		if ((a.af = dns_name_to_addr(&n, a.a)) != 0)
			hosts_db_rev(db, &a);
	}
	free(copy);
	hosts_db_free(db);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size < 1 || size > 65536)
		return 0;
	log_set_level(-1);		/* parse errors are expected here */
	if ((text = malloc(size)) == NULL)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	if (data[0] & 1)
		config_path(text);
	else
		hosts_path(text);
	free(text);
	return 0;
}
