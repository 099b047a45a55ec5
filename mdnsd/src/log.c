/* log.c: see log.h. */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static bool to_syslog;
static int cur_level = LOG_INFO;
static const char *prog = "mdnsd";

void
log_init(const char *ident, bool use_syslog, int level)
{
	prog = ident;
	to_syslog = use_syslog;
	cur_level = level;
	if (use_syslog)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void
log_set_level(int level)
{
	cur_level = level;
}

int
log_level(void)
{
	return cur_level;
}

void
log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > cur_level)
		return;
	va_start(ap, fmt);
	if (to_syslog) {
		vsyslog(level, fmt, ap);
	} else {
		fprintf(stderr, "%s: ", prog);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}
