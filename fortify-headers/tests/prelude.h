/*
 * What the generated test cases see: every overlay header, the case and
 * table types, and the fixtures the calls in functions.txt refer to.
 * cases.c is compiled twice, fortified (prefix fort_) and plain
 * (FH_PLAIN, prefix plain_).
 */
#ifndef FH_PRELUDE_H
#define FH_PRELUDE_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <arpa/inet.h>
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#ifdef FH_PLAIN
#define PFX(x) plain_##x
#else
#define PFX(x) fort_##x
#endif

/* Buffers hold FH_UNITS elements; fh_units is the same, hidden from the
 * optimiser so that heap sizes are known only at run time. */
#define FH_UNITS 8
extern volatile size_t fh_units;

#ifdef __GLIBC__
#define FH_HAVE_STRL (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 38)
#define FH_HAVE_WCSL FH_HAVE_STRL
#define FH_GLIBC 1
#else
#define FH_HAVE_STRL 1
#define FH_HAVE_WCSL 0
#define FH_GLIBC 0
#endif

typedef char fh_unit_char;
typedef wchar_t fh_unit_wchar;
typedef struct pollfd fh_unit_pollfd;
typedef gid_t fh_unit_gid;
typedef fd_set fh_unit_fdset;
typedef char fh_unit_kb[1024];	/* 8 of them hold BUFSIZ, L_tmpnam, ... */

/*
 * For calls whose size is implied (setbuf's BUFSIZ): END(k) is the last
 * k bytes of the object; OVER selects the call site that is one over, so
 * that each site has a constant offset.
 */
#define END(k) ((char *)(D) + FH_UNITS * sizeof *(D) - (k))
#define OVER (N > FH_UNITS)

/* Close what an open call returned; the result is whether it opened. */
#define FH_CLOSE(call) __extension__ ({ \
	int fh_fd_ = (call); \
	if (fh_fd_ >= 0) \
		close(fh_fd_); \
	fh_fd_ >= 0; })

/* Run a call on a private stream FP (setvbuf must not outlive D). */
#define FH_WITH_FILE(call) __extension__ ({ \
	FILE *FP = fopen("/dev/null", "w"); \
	long fh_r_ = FP ? (long)(call) : -2; \
	if (FP) \
		fclose(FP); \
	fh_r_; })

/* One run of a case: input n and strings, output return value and bytes. */
struct fh_case {
	size_t n;		/* units the call touches */
	const char *s;		/* n - 1 chars */
	const wchar_t *w;	/* n - 1 wide chars */
	long ret;		/* result, pointers as offsets into D */
	size_t outlen;
	unsigned char out[512];	/* the object after the call */
};
typedef void fh_case_fn(struct fh_case *, ...);

enum { FH_KIND_MEM, FH_KIND_STR, FH_KIND_FMT, FH_KIND_CALL };
enum { FH_OBJ_STACK, FH_OBJ_HEAP, FH_OBJ_MEMBER };

struct fh_entry {
	const char *name;
	int kind, obj;
	fh_case_fn *fort, *plain;
};
extern const struct fh_entry fh_table[];

/* Fixtures, opened by the driver. */
extern int fh_zfd, fh_nullfd, fh_sock;
extern FILE *fh_zf, *fh_nullf;
extern const char fh_big[];
extern const wchar_t fh_wbig[];
extern const struct tm fh_tm;
extern const struct timespec fh_ts0;
extern const struct in_addr fh_in4;	/* 1.2.3.4 */
#define ZFD fh_zfd
#define NULLFD fh_nullfd
#define SOCK fh_sock
#define ZF fh_zf
#define NULLF fh_nullf
#define BIG fh_big
#define WBIG fh_wbig

/* A path whose realpath() is n - 1 characters long (n = 2, 8 or 9). */
#define PATHN(n) ((n) == 8 ? "/sys/fs" : (n) == 9 ? "/usr/bin" : "/")

void fh_fill(void *obj, size_t size);
void fh_formats(int pct_n, char *fmt, wchar_t *wfmt);
void fh_record(struct fh_case *t, const void *obj, size_t size);

#endif
