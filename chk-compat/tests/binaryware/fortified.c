/*
 * A stand-in for binaryware: compiled with Debian's *glibc* headers at
 * -O2 -D_FORTIFY_SOURCE=2 or =3, so the compiler emits __*_chk calls
 * (binaryware.sh checks the object with nm), then linked and run on musl
 * with libchk-compat.  Sizes come from the command line so the compiler
 * cannot fold the checks away.
 *
 *   fortified ok              in-bounds use of each family; prints results
 *   fortified MODE            one out-of-bounds call; must die of SIGABRT
 *                             with glibc's message (MODE: see main)
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>
#include <wchar.h>

static jmp_buf env;

static size_t
arg_size(int argc, char **argv, size_t dflt)
{
	return argc > 2 ? strtoul(argv[2], NULL, 0) : dflt;
}

static int __attribute__((noinline))
deep(int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth > 0)
		return deep(depth - 1) + pad[0];
	return setjmp(env);
}

static int
in_bounds(size_t n)
{
	char buf[16], big[64];
	wchar_t wbuf[8];
	int fd;
	fd_set set;

	memcpy(buf, "0123456789abcdef", n);
	buf[n < sizeof buf ? n : sizeof buf - 1] = '\0';
	strcpy(big, buf);
	strcat(big, "+cat");
	snprintf(big + strlen(big), sizeof big - strlen(big), "|%zu", n);
	wmemcpy(wbuf, L"wide", 5);
	printf("%s|%ls", big, wbuf);
	printf("|%d\n", (int)sprintf(buf, "%zu", n));
	fd = open("/dev/null", (int)n & O_RDONLY);
	if (fd < 0 || read(fd, big, n) != 0)
		return 1;
	FD_ZERO(&set);
	FD_SET(fd, &set);
	close(fd);
	if (setjmp(env) == 0)
		longjmp(env, 1);
	printf("fd-set=%d longjmp=ok\n", FD_ISSET(fd, &set) != 0);
	return 0;
}

int
main(int argc, char **argv)
{
	char buf[16], fmt[32];
	wchar_t wbuf[8];
	const char *mode = argc > 1 ? argv[1] : "ok";
	size_t n = arg_size(argc, argv, 8);
	int count;
	fd_set set;

	if (strcmp(mode, "ok") == 0)
		return in_bounds(n);
	if (strcmp(mode, "memcpy") == 0)
		memcpy(buf, "0123456789abcdef0123456789abcdef", n);
	else if (strcmp(mode, "strcpy") == 0)
		strcpy(buf, "0123456789abcdef0123456789abcdef" + 32 - n);
	else if (strcmp(mode, "sprintf") == 0)
		sprintf(buf, "%0*d", (int)n, 7);
	else if (strcmp(mode, "wmemcpy") == 0)
		wmemcpy(wbuf, L"0123456789abcdef", n);
	else if (strcmp(mode, "printf-n") == 0) {
		strcpy(fmt, "abc%n\n");
		printf(fmt, &count);
	} else if (strcmp(mode, "fdelt") == 0) {
		FD_ZERO(&set);
		FD_SET((int)n, &set);
	} else if (strcmp(mode, "open") == 0)
		open("/nonexistent/chk", (int)n);
	else if (strcmp(mode, "longjmp") == 0) {
		deep(8);
		longjmp(env, 1);
	}
	printf("survived %s\n", mode);
	return 0;
}
