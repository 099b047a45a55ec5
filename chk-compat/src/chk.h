/*
 * chk.h: the one internal header of libchk-compat.
 *
 * Design note.  glibc's _FORTIFY_SOURCE headers turn calls such as
 * memcpy(d, s, n) into __memcpy_chk(d, s, n, objsize), where objsize is
 * what the compiler knows about the destination ((size_t)-1 = unknown).
 * Binaries built that way need these entry points at run time; musl has
 * none.  Each function here checks exactly what glibc's debug/ *.c checks
 * and then calls the plain musl function.
 *
 * Terms used throughout:
 *   destlen / slen / buflen   the object size the compiler passed in
 *   wide sizes                counted in wchar_t, never in bytes (glibc
 *                             passes __glibc_objsize0(p) / sizeof(wchar_t))
 *   flag                      __USE_FORTIFY_LEVEL - 1 for the printf family:
 *                             0 at _FORTIFY_SOURCE=1, 1 at =2, 2 at =3.
 *
 * Failure contract: a failed check never returns.  It writes glibc's exact
 * text to fd 2 with one writev() and calls abort(), so the process dies of
 * a catchable SIGABRT as it would on glibc.  Nothing here uses assert():
 * no check depends on NDEBUG.
 *
 * Build variants (see meson.build):
 *   musl flavour   the names below are the real exported names.
 *   glibc flavour  chk-rename.h is force-included and renames every exported
 *                  name to chkp_<name>, building a private copy that can be
 *                  tested next to glibc's own __*_chk without a clash.
 */
#ifndef CHK_H
#define CHK_H

#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <wchar.h>

#if !defined(__x86_64__)
#error "chk-compat implements glibc's x86_64 __*_chk ABI only (jmp_buf layout, symbol list)"
#endif

#define CHK_HIDDEN __attribute__((__visibility__("hidden")))
#define CHK_EXPORT __attribute__((__visibility__("default")))
#define CHK_NORETURN __attribute__((__noreturn__))
#define CHK_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* ---- failure path (fail.c) ---- */

/* Write "*** <msg> ***: terminated\n" to fd 2, then abort().  glibc's
 * __fortify_fail since 2.31. */
CHK_HIDDEN CHK_NORETURN void chk_fortify_fail(const char *msg);

/* Write text verbatim to fd 2, then abort(): glibc's __libc_fatal, used by
 * the printf family's flag checks. */
CHK_HIDDEN CHK_NORETURN void chk_libc_fatal(const char *text);

/* ---- printf flag checks (printf_check.c) ---- */

/*
 * What glibc's PRINTF_FORTIFY mode (flag > 0) enforces, checked before the
 * format is handed to musl: a format that uses %N$ must use every argument
 * 1..max (else "*** invalid %N$ use detected ***"), and %n is fatal unless
 * the whole format string lies in read-only memory ("*** %n in writable
 * segment detected ***").  flag <= 0 checks nothing.  Returns normally when
 * the format passes.
 */
CHK_HIDDEN void chk_printf_check(int flag, const char *fmt);
CHK_HIDDEN void chk_wprintf_check(int flag, const wchar_t *fmt);

/* What chk_printf_check would decide, without aborting: CHK_FMT_OK, or
 * CHK_FMT_NDOLLAR (%N$ gap), or CHK_FMT_NWRITE (%n in writable memory,
 * *n_at = offset of that %n's '%').  As if flag > 0.  The fuzz target
 * drives these. */
enum { CHK_FMT_OK, CHK_FMT_NDOLLAR, CHK_FMT_NWRITE };
CHK_HIDDEN int chk_printf_verdict(const char *fmt, size_t *n_at);
CHK_HIDDEN int chk_wprintf_verdict(const wchar_t *fmt, size_t *n_at);

/* The same for formatting to stream f with arguments ap: before a %n
 * abort, the text glibc would already have put into f is printed (see
 * printf_check.c).  f may be NULL (then ap is unused). */
CHK_HIDDEN void chk_printf_check_stream(int flag, const char *fmt, FILE *f,
    va_list ap);
CHK_HIDDEN void chk_wprintf_check_stream(int flag, const wchar_t *fmt,
    FILE *f, va_list ap);

/* Work around musl's out-of-bounds nl_type read in vfwprintf for N$
 * formats (see printf_check.c); call right before vfwprintf/vswprintf. */
CHK_HIDDEN void chk_wide_positional_prepare(const wchar_t *fmt);

/* Keep the preceding call a real call (its frame must land on the stack
 * chk_wide_positional_prepare just zeroed), not a tail jump. */
#define CHK_NO_TAIL_CALL(v) __asm__ volatile("" : "+r"(v))

/*
 * 1 if [p, p+len) lies entirely in readable, non-writable mappings (or
 * /proc/self/maps cannot be read because of ENOENT/EACCES: glibc allows
 * %n then), -1 otherwise.  glibc's __readonly_area.
 */
CHK_HIDDEN int chk_readonly_area(const void *p, size_t len);

/* ---- implementations of functions musl lacks (missing.c) ---- */

CHK_HIDDEN size_t chk_strlcpy(char *d, const char *s, size_t n);
CHK_HIDDEN size_t chk_strlcat(char *d, const char *s, size_t n);
CHK_HIDDEN size_t chk_wcslcpy(wchar_t *d, const wchar_t *s, size_t n);
CHK_HIDDEN size_t chk_wcslcat(wchar_t *d, const wchar_t *s, size_t n);

/* glibc's struct obstack on LP64 (malloc/obstack.h, the layout every
 * glibc-built binary embeds).  Only the fields obstack printing touches are
 * used; the rest keep the offsets right. */
struct chk_obstack_chunk {
	char *limit;			/* end of this chunk */
	struct chk_obstack_chunk *prev;	/* previous chunk, or NULL */
	char contents[];		/* objects start here (aligned) */
};

struct chk_obstack {
	long chunk_size;		/* preferred size of a new chunk */
	struct chk_obstack_chunk *chunk;	/* current chunk */
	char *object_base;		/* start of the growing object */
	char *next_free;		/* where the next byte goes */
	char *chunk_limit;		/* end of the current chunk */
	union {
		long i;
		void *p;
	} temp;
	int alignment_mask;		/* alignment of objects - 1 */
	void *(*chunkfun)(void *, long);	/* allocator (may take extra_arg) */
	void (*freefun)(void *, void *);	/* deallocator */
	void *extra_arg;		/* first argument when use_extra_arg */
	unsigned use_extra_arg : 1;
	unsigned maybe_empty_object : 1;
	unsigned alloc_failed : 1;
};


/* ---- the exported ABI, grouped as in src/ ---- */
struct obstack;

/* mem.c */
void *__memcpy_chk(void *d, const void *s, size_t n, size_t destlen);
void *__memmove_chk(void *d, const void *s, size_t n, size_t destlen);
void *__mempcpy_chk(void *d, const void *s, size_t n, size_t destlen);
void *__memset_chk(void *d, int c, size_t n, size_t destlen);
void __explicit_bzero_chk(void *d, size_t n, size_t destlen);
void *__memset_explicit_chk(void *d, int c, size_t n, size_t destlen);

/* str.c, strn.c, strl.c */
char *__strcpy_chk(char *d, const char *s, size_t destlen);
char *__stpcpy_chk(char *d, const char *s, size_t destlen);
char *__strcat_chk(char *d, const char *s, size_t destlen);
char *__strncat_chk(char *d, const char *s, size_t n, size_t destlen);
char *__strncpy_chk(char *d, const char *s, size_t n, size_t destlen);
char *__stpncpy_chk(char *d, const char *s, size_t n, size_t destlen);
size_t __strlcpy_chk(char *d, const char *s, size_t n, size_t destlen);
size_t __strlcat_chk(char *d, const char *s, size_t n, size_t destlen);

/* wmem.c, wstr.c, wstrl.c (all sizes in wchar_t) */
wchar_t *__wmemcpy_chk(wchar_t *d, const wchar_t *s, size_t n, size_t ns1);
wchar_t *__wmemmove_chk(wchar_t *d, const wchar_t *s, size_t n, size_t ns1);
wchar_t *__wmempcpy_chk(wchar_t *d, const wchar_t *s, size_t n, size_t ns1);
wchar_t *__wmemset_chk(wchar_t *d, wchar_t c, size_t n, size_t destlen);
wchar_t *__wcscpy_chk(wchar_t *d, const wchar_t *s, size_t n);
wchar_t *__wcpcpy_chk(wchar_t *d, const wchar_t *s, size_t destlen);
wchar_t *__wcsncpy_chk(wchar_t *d, const wchar_t *s, size_t n, size_t destlen);
wchar_t *__wcpncpy_chk(wchar_t *d, const wchar_t *s, size_t n, size_t destlen);
wchar_t *__wcscat_chk(wchar_t *d, const wchar_t *s, size_t destlen);
wchar_t *__wcsncat_chk(wchar_t *d, const wchar_t *s, size_t n, size_t destlen);
size_t __wcslcpy_chk(wchar_t *d, const wchar_t *s, size_t n, size_t destlen);
size_t __wcslcat_chk(wchar_t *d, const wchar_t *s, size_t n, size_t destlen);

/* mbs.c */
int __wctomb_chk(char *s, wchar_t wc, size_t buflen);
size_t __wcrtomb_chk(char *s, wchar_t wc, mbstate_t *ps, size_t buflen);
size_t __mbstowcs_chk(wchar_t *d, const char *s, size_t len, size_t dstlen);
size_t __wcstombs_chk(char *d, const wchar_t *s, size_t len, size_t dstlen);
size_t __mbsrtowcs_chk(wchar_t *d, const char **s, size_t len, mbstate_t *ps,
    size_t dstlen);
size_t __wcsrtombs_chk(char *d, const wchar_t **s, size_t len, mbstate_t *ps,
    size_t dstlen);
size_t __mbsnrtowcs_chk(wchar_t *d, const char **s, size_t nms, size_t len,
    mbstate_t *ps, size_t dstlen);
size_t __wcsnrtombs_chk(char *d, const wchar_t **s, size_t nwc, size_t len,
    mbstate_t *ps, size_t dstlen);

/* sprintf.c */
int __sprintf_chk(char *s, int flag, size_t slen, const char *fmt, ...);
int __vsprintf_chk(char *s, int flag, size_t slen, const char *fmt, va_list ap);
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
    const char *fmt, ...);
int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
    const char *fmt, va_list ap);

/* fprintf.c, dprintf.c, asprintf.c */
int __printf_chk(int flag, const char *fmt, ...);
int __vprintf_chk(int flag, const char *fmt, va_list ap);
int __fprintf_chk(FILE *f, int flag, const char *fmt, ...);
int __vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap);
int __dprintf_chk(int fd, int flag, const char *fmt, ...);
int __vdprintf_chk(int fd, int flag, const char *fmt, va_list ap);
int __asprintf_chk(char **out, int flag, const char *fmt, ...);
int __vasprintf_chk(char **out, int flag, const char *fmt, va_list ap);

/* obstack.c */
int __obstack_printf_chk(struct obstack *o, int flag, const char *fmt, ...);
int __obstack_vprintf_chk(struct obstack *o, int flag, const char *fmt,
    va_list ap);

/* wprintf.c */
int __swprintf_chk(wchar_t *s, size_t n, int flag, size_t slen,
    const wchar_t *fmt, ...);
int __vswprintf_chk(wchar_t *s, size_t n, int flag, size_t slen,
    const wchar_t *fmt, va_list ap);
int __wprintf_chk(int flag, const wchar_t *fmt, ...);
int __vwprintf_chk(int flag, const wchar_t *fmt, va_list ap);
int __fwprintf_chk(FILE *f, int flag, const wchar_t *fmt, ...);
int __vfwprintf_chk(FILE *f, int flag, const wchar_t *fmt, va_list ap);

/* syslog.c */
void __syslog_chk(int pri, int flag, const char *fmt, ...);
void __vsyslog_chk(int pri, int flag, const char *fmt, va_list ap);

/* stdio.c */
char *__gets_chk(char *s, size_t size);
char *__fgets_chk(char *s, size_t size, int n, FILE *f);
char *__fgets_unlocked_chk(char *s, size_t size, int n, FILE *f);
wchar_t *__fgetws_chk(wchar_t *s, size_t size, int n, FILE *f);
wchar_t *__fgetws_unlocked_chk(wchar_t *s, size_t size, int n, FILE *f);
size_t __fread_chk(void *p, size_t ptrlen, size_t size, size_t n, FILE *f);
size_t __fread_unlocked_chk(void *p, size_t ptrlen, size_t size, size_t n,
    FILE *f);

/* fd.c */
ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen);
ssize_t __pread_chk(int fd, void *buf, size_t n, off_t off, size_t buflen);
ssize_t __pread64_chk(int fd, void *buf, size_t n, off_t off, size_t buflen);
ssize_t __readlink_chk(const char *path, char *buf, size_t n, size_t buflen);
ssize_t __readlinkat_chk(int dirfd, const char *path, char *buf, size_t n,
    size_t buflen);
char *__getcwd_chk(char *buf, size_t size, size_t buflen);
char *__getwd_chk(char *buf, size_t buflen);
char *__realpath_chk(const char *path, char *resolved, size_t resolvedlen);

/* unistd.c */
size_t __confstr_chk(int name, char *buf, size_t len, size_t buflen);
int __getgroups_chk(int size, gid_t *list, size_t listlen);
int __ttyname_r_chk(int fd, char *buf, size_t n, size_t buflen);
int __gethostname_chk(char *buf, size_t n, size_t buflen);
int __getdomainname_chk(char *buf, size_t n, size_t buflen);
int __getlogin_r_chk(char *buf, size_t n, size_t buflen);
int __ptsname_r_chk(int fd, char *buf, size_t n, size_t buflen);

/* socket.c */
ssize_t __recv_chk(int fd, void *buf, size_t n, size_t buflen, int flags);
ssize_t __recvfrom_chk(int fd, void *buf, size_t n, size_t buflen, int flags,
    struct sockaddr *addr, socklen_t *addrlen);
int __poll_chk(struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen);
int __ppoll_chk(struct pollfd *fds, nfds_t nfds, const struct timespec *ts,
    const sigset_t *ss, size_t fdslen);
const char *__inet_ntop_chk(int af, const void *src, char *dst,
    socklen_t size, size_t dst_size);
int __inet_pton_chk(int af, const char *src, void *dst, size_t dst_size);

/* open.c */
int __open_2(const char *path, int flags);
int __open64_2(const char *path, int flags);
int __openat_2(int dirfd, const char *path, int flags);
int __openat64_2(int dirfd, const char *path, int flags);
int __mq_open_2(const char *name, int flags);

/* misc.c, longjmp.c, fail.c */
long __fdelt_chk(long d);
long __fdelt_warn(long d);
CHK_NORETURN void __longjmp_chk(jmp_buf env, int val);
CHK_NORETURN void __chk_fail(void);

#endif
