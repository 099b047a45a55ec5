/*
 * pidfile.h: the -P file.
 *
 * It is opened and locked as root before anything is bound (so a second
 * mdnsd with the same file stops at once with "already running"), the PID
 * is written when the daemon is ready (forked, privileges dropped, signal
 * handlers in place), and the descriptors are kept across
 * the privilege drop and chroot, because afterwards the path may be out of
 * reach.  On exit the file is removed through a descriptor of its
 * directory, which works when the directory is writable by the dropped
 * user (e.g. /run/mdnsd owned by it); where it is not (root's /run), the
 * file is emptied instead, so it never names a dead process.  Readers
 * treat a missing, empty or unlocked file as "not running".
 */
#ifndef MDNSD_PIDFILE_H
#define MDNSD_PIDFILE_H

/*
 * Create or open path and lock it.  Returns 0, or -1 (logged) when it
 * cannot be opened or another process holds the lock.
 */
int pidfile_open(const char *path);

/* Write our PID into the file opened by pidfile_open().  0 or -1. */
int pidfile_write(void);

/* Remove (or else empty) the file and close it; nothing if none is open. */
void pidfile_remove(void);

#endif
