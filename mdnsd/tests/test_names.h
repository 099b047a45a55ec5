/* test_names.h: the name helper the cmocka unit tests share.  Include it
 * after <cmocka.h>. */
#ifndef MDNSD_TEST_NAMES_H
#define MDNSD_TEST_NAMES_H

#include "dns.h"

/* N("www.example.org"): the name in wire form; the test fails if the
 * text is not a valid name.  Short on purpose: test tables use it often. */
static inline struct dns_name
N(const char *text)
{
	struct dns_name n;

	assert_int_equal(dns_name_from_text(&n, text), 0);
	return n;
}

#endif
