/*
 * prepared.h: a cached answer kept also as ready reply octets.
 *
 * Most queries a local resolver sees are repeats answered from the cache,
 * and building each reply record by record (name compression included)
 * cost more than the rest of a cached answer's user time together.  So
 * the cache keeps, beside each answer, the reply reply_build() makes for
 * its question, and serving a client copies those octets and patches what
 * differs per client:
 *
 *   ID              the client's
 *   RD, CD flags    echoed from the query
 *   question        the client's spelling of the name (same length: the
 *                   cache matched it), its type (a negative entry covers
 *                   every type) and class
 *   TTLs            reduced by the entry's age, as answer_write() does
 *   OPT             appended, ARCOUNT + 1, if the query had one
 *
 * Compression pointers into the question stay valid because only the
 * case of its octets changes.  The result is octet for octet what
 * reply_build() gives for the same query and age (test_prepared checks it);
 * a reply that would not fit the client's limit is not written here:
 * the caller builds it with reply_build(), which truncates.
 */
#ifndef MDNSD_PREPARED_H
#define MDNSD_PREPARED_H

#include <stddef.h>
#include <stdint.h>

#include "answer.h"
#include "dns.h"

struct prepared;

/*
 * Prepare the reply to (name, type, class) from a.  Returns NULL when out
 * of memory or when the reply would not fit one message without TC.
 */
struct prepared *prepared_new(const struct dns_name *name, uint16_t type,
    uint16_t class, const struct answer *a);

/* Free p (NULL is fine). */
void prepared_free(struct prepared *p);

/* Octets p occupies, for the cache's memory bound. */
size_t prepared_size(const struct prepared *p);

/*
 * Write the reply to q (whose name must equal p's, any case) with TTLs
 * aged by age_s into buf.  Returns its length, or 0 if it would exceed
 * limit octets (nothing useful is in buf then).
 */
size_t prepared_write(const struct prepared *p, uint8_t *buf, size_t limit,
    const struct dns_query *q, uint32_t age_s);

#endif
