/*
 * hosts.h: /etc/hosts-syntax databases: "ADDRESS NAME [ALIAS...]", '#'
 * comments.  The first name of a line is the canonical one (the PTR
 * answer for the address); names and addresses may repeat across lines
 * and files, and every address of a name is returned.
 */
#ifndef MDNSD_HOSTS_H
#define MDNSD_HOSTS_H

#include <stddef.h>
#include <stdint.h>

#include "dns.h"

struct hosts_db;

struct hosts_addr {
	int af;				/* AF_INET or AF_INET6 */
	uint8_t a[16];
};

/* An empty database.  NULL on ENOMEM. */
struct hosts_db *hosts_db_new(void);
void hosts_db_free(struct hosts_db *db);

/*
 * Add the lines of text (from file `name`, for messages) to db.  Bad lines
 * are skipped with a warning naming name:line.  Returns the number of
 * entries added, or -1 on ENOMEM.
 */
int hosts_db_parse(struct hosts_db *db, const char *name, const char *text);

/*
 * Addresses of `name`: up to max of family af (0 = both) into out.
 * Returns how many were stored; *exists says whether the name has any
 * address at all (so a miss for one family is NODATA, not NXDOMAIN).
 */
size_t hosts_db_find(const struct hosts_db *db, const struct dns_name *name,
    int af, struct hosts_addr *out, size_t max, bool *exists);

/* The canonical name of an address, or NULL. */
const struct dns_name *hosts_db_rev(const struct hosts_db *db,
    const struct hosts_addr *addr);

/* Number of (name, address) entries. */
size_t hosts_db_size(const struct hosts_db *db);

#endif
