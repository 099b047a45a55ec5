/* privdrop.c: see privdrop.h. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "log.h"
#include "privdrop.h"

static int
resolve(const char *user, const char *group, uid_t *uid, gid_t *gid)
{
	struct passwd *pw = getpwnam(user);

	if (pw == NULL) {
		log_err("user '%s' not found", user);
		return -1;
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	if (group != NULL && group[0]) {
		struct group *gr = getgrnam(group);
		if (gr == NULL) {
			log_err("group '%s' not found", group);
			return -1;
		}
		*gid = gr->gr_gid;
	}
	return 0;
}

int
privdrop(const char *user, const char *group, const char *dir)
{
	uid_t uid = 0;
	gid_t gid = 0;

	/* Names are resolved before chroot: /etc/passwd is outside it. */
	if (user[0] && resolve(user, group, &uid, &gid) < 0)
		return -1;
	if (dir[0] && (chroot(dir) < 0 || chdir("/") < 0)) {
		log_err("chroot %s: %s", dir, strerror(errno));
		return -1;
	}
	if (!user[0])
		return 0;
	if (setgroups(1, &gid) < 0 || setresgid(gid, gid, gid) < 0 ||
	    setresuid(uid, uid, uid) < 0) {
		log_err("dropping privileges to %s: %s", user, strerror(errno));
		return -1;
	}
	if (uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
		log_err("could regain root after dropping privileges");
		return -1;
	}
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	return 0;
}
