/* privdrop.h: leave root after the sockets are bound. */
#ifndef MDNSD_PRIVDROP_H
#define MDNSD_PRIVDROP_H

/*
 * Look up user (and group, or the user's primary group if group is empty
 * or NULL), chroot to dir if it is not empty, then set the groups, gid and
 * uid and check that root cannot be regained.  With user empty only the
 * chroot is done.  Returns 0 or -1 (logged).
 */
int privdrop(const char *user, const char *group, const char *dir);

#endif
