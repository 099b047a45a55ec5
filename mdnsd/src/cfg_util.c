/* cfg_util.c: value parsers for configuration hooks (see backend.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "log.h"

int
cfg_error(struct cfg_ctx *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (c->line > 0)
		log_err("%s:%u: %s", c->file, c->line, msg);
	else
		log_err("%s: %s", c->file, msg);
	c->errors++;
	return -1;
}

int
cfg_uint(struct cfg_ctx *c, const char *s, unsigned long min,
    unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	if (s[0] < '0' || s[0] > '9')
		return cfg_error(c, "'%s' is not a number", s);
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return cfg_error(c, "'%s' is not a number", s);
	if (v < min || v > max)
		return cfg_error(c, "%s is out of range (%lu..%lu)", s, min,
		    max);
	*out = v;
	return 0;
}

int
cfg_duration(struct cfg_ctx *c, const char *s, uint64_t *out_ms)
{
	char *end;
	unsigned long v;
	uint64_t mult = 1;

	errno = 0;
	if (s[0] < '0' || s[0] > '9')
		return cfg_error(c, "'%s' is not a duration", s);
	v = strtoul(s, &end, 10);
	if (strcmp(end, "s") == 0)
		mult = 1000;
	else if (strcmp(end, "m") == 0)
		mult = 60000;
	else if (*end != '\0' && strcmp(end, "ms") != 0)
		return cfg_error(c, "'%s' is not a duration (use ms, s or m)",
		    s);
	if (errno != 0 || v > 86400000ul / mult)
		return cfg_error(c, "duration %s is too long", s);
	*out_ms = v * mult;
	return 0;
}

int
cfg_bool(struct cfg_ctx *c, const char *s, bool *out)
{
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "on") ||
	    !strcasecmp(s, "true"))
		*out = true;
	else if (!strcasecmp(s, "no") || !strcasecmp(s, "off") ||
	    !strcasecmp(s, "false"))
		*out = false;
	else
		return cfg_error(c, "'%s' is not yes or no", s);
	return 0;
}

/* Parse an IP address literal into ss with the given port. */
int
cfg_sockaddr(const char *s, uint16_t port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, s, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		return 0;
	}
	if (inet_pton(AF_INET6, s, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		return 0;
	}
	return -1;
}

/* Format a socket address as "1.2.3.4" or "::1" (no port). */
const char *
cfg_addr_text(const struct sockaddr *sa, char *buf, size_t size)
{
	const void *a = sa->sa_family == AF_INET ?
	    (const void *)&((const struct sockaddr_in *)sa)->sin_addr :
	    (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr;
	if (inet_ntop(sa->sa_family, a, buf, (socklen_t)size) == NULL)
		snprintf(buf, size, "?");
	return buf;
}
