/*
 * log.h: leveled logging to stderr or syslog.  Levels are syslog's
 * (LOG_ERR .. LOG_DEBUG); messages above the configured level are
 * dropped before formatting.
 */
#ifndef MDNSD_LOG_H
#define MDNSD_LOG_H

#include <stdbool.h>
#include <syslog.h>

/* Send messages to syslog (daemon facility) instead of stderr. */
void log_init(const char *ident, bool use_syslog, int level);

/* Change the level (LOG_ERR .. LOG_DEBUG). */
void log_set_level(int level);

/* Current level. */
int log_level(void);

/* Log one message at `level`. */
void log_msg(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)	do { if (log_level() >= LOG_DEBUG) \
	log_msg(LOG_DEBUG, __VA_ARGS__); } while (0)

#endif
