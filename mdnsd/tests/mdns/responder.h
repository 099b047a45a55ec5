/*
 * The test responder's records and replies (responder_records.c), shared
 * with its sockets and main loop (mdns_responder.c).
 */
#ifndef RESPONDER_H
#define RESPONDER_H

#include <stddef.h>
#include <stdint.h>

#include "../../src/dns.h"

#define MAXREC 256

struct rec {
	struct dns_name name;
	uint16_t type;
	uint16_t rdlen;
	uint8_t rdata[300];
	int shared;		/* PTR browse records are shared */
};

struct question {
	struct dns_name name;
	uint16_t type, qclass;
};

extern struct rec recs[MAXREC];
extern int nrec, nstatic;	/* records; the first nstatic from options */
extern int opt_nsec, opt_reverse;
extern uint32_t opt_ttl;

/* Options -a NAME=ADDR, -W PREFIX=ADDR, -O, -s INST,TYPE,HOST,PORT,TXT. */
void add_addr(char *arg);
void add_wild(char *arg);
void add_soa(void);
void add_service(char *arg);

/* For -W: make a record for a matching name if there is none yet. */
void add_wild_match(const struct dns_name *n);

/* Read up to 8 questions; returns how many, or -1 if not a query. */
int read_questions(const uint8_t *p, size_t len, struct question *q);

/* Write a record; legacy replies never set the cache-flush bit. */
void put(struct dns_writer *w, enum dns_section sec, const struct rec *r,
    int legacy, uint32_t ttl);

/* Build the reply to n questions; returns its length or 0 if none. */
size_t build(uint8_t *out, size_t cap, const uint8_t *query,
    const struct question *q, int n, int legacy);

#endif
