/*
 * Provable overflows, one per function fh_NAME: each must draw a
 * fortify-headers diagnostic at its call.  compile_checks.py compiles
 * this file and matches diagnostics to functions; a "# gcc" or
 * "# clang" note after the name restricts the check to that compiler,
 * "# L2" to levels 2 and up.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

extern const char *src;
extern const wchar_t *wsrc;
extern FILE *fp;
extern struct tm tmv;
extern struct in_addr ina;
struct two { char a[4]; char b[4]; };

#define CASE(name) void fh_##name(void); void fh_##name(void)

CASE(memcpy) { char b[8]; memcpy(b, src, 9); puts(b); }
CASE(memmove) { char b[8]; memmove(b, src, 9); puts(b); }
CASE(memset) { char b[8]; memset(b, 0, 9); puts(b); }
CASE(mempcpy) { char b[8]; mempcpy(b, src, 9); puts(b); }
CASE(memccpy) { char b[8]; memccpy(b, src, 0, 9); puts(b); }
CASE(explicit_bzero) { char b[8]; explicit_bzero(b, 9); puts(b); }
CASE(bzero) { char b[8]; bzero(b, 9); puts(b); }
CASE(bcopy) { char b[8]; bcopy(src, b, 9); puts(b); }
CASE(strcpy) { char b[8]; strcpy(b, "123456789"); puts(b); }
CASE(stpcpy) { char b[8]; stpcpy(b, "123456789"); puts(b); }
CASE(strncpy) { char b[8]; strncpy(b, src, 9); puts(b); }
CASE(stpncpy) { char b[8]; stpncpy(b, src, 9); puts(b); }
CASE(strxfrm) { char b[8]; strxfrm(b, src, 9); puts(b); }
CASE(sprintf) { char b[8]; sprintf(b, "%s", "123456789"); puts(b); } /* # gcc */
CASE(snprintf) { char b[8]; snprintf(b, 9, "%s", src); puts(b); }
CASE(fgets) { char b[8]; if (fgets(b, 9, fp)) puts(b); }
CASE(fread) { char b[8]; if (fread(b, 1, 9, fp)) puts(b); }
CASE(fwrite) { char b[8] = "1234567"; if (fwrite(b, 1, 9, fp)) puts(b); }
CASE(setvbuf) { static char b[8]; setvbuf(fp, b, _IOFBF, 9); }
CASE(setbuf) { static char b[8]; setbuf(fp, b); }
CASE(tmpnam) { char b[8]; if (tmpnam(b)) puts(b); }
CASE(read) { char b[8]; if (read(0, b, 9) > 0) puts(b); }
CASE(pread) { char b[8]; if (pread(0, b, 9, 0) > 0) puts(b); }
CASE(write) { char b[8] = "1234567"; if (write(1, b, 9) > 0) puts(b); }
CASE(readlink) { char b[8]; if (readlink(src, b, 9) > 0) puts(b); }
CASE(getcwd) { char b[8]; if (getcwd(b, 9)) puts(b); }
CASE(confstr) { char b[8]; if (confstr(_CS_PATH, b, 9)) puts(b); }
CASE(gethostname) { char b[8]; if (!gethostname(b, 9)) puts(b); }
CASE(getlogin_r) { char b[8]; if (!getlogin_r(b, 9)) puts(b); }
CASE(ttyname_r) { char b[8]; if (!ttyname_r(0, b, 9)) puts(b); }
CASE(getgroups) { gid_t g[8]; if (getgroups(9, g) > 0) puts(src); }
CASE(poll) { struct pollfd p[2]; p[0].fd = 0; if (poll(p, 3, 0)) puts(src); }
CASE(recv) { char b[8]; if (recv(0, b, 9, 0) > 0) puts(b); }
CASE(send) { char b[8] = "1234567"; if (send(1, b, 9, 0) > 0) puts(b); }
CASE(inet_ntop) { char b[8]; if (inet_ntop(AF_INET, &ina, b, 9)) puts(b); }
CASE(strftime) { char b[8]; if (strftime(b, 9, "%Y", &tmv)) puts(b); }
CASE(wmemcpy) { wchar_t w[8]; wmemcpy(w, wsrc, 9); putwchar(w[0]); }
CASE(wcsncpy) { wchar_t w[8]; wcsncpy(w, wsrc, 9); putwchar(w[0]); }
CASE(swprintf) { wchar_t w[8]; swprintf(w, 9, L"%s", src); putwchar(w[0]); }
CASE(FD_SET) { fd_set s; FD_ZERO(&s); FD_SET(FD_SETSIZE, &s); puts(src); }
CASE(FD_ISSET) { fd_set s; FD_ZERO(&s); if (FD_ISSET(-1, &s)) puts(src); }
CASE(strcpy_member) { struct two t; strcpy(t.a, "12345"); puts(t.b); } /* # L2 */
CASE(strncpy_member) { struct two t; strncpy(t.a, src, 6); puts(t.b); } /* # L2 */
