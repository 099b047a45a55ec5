/*
 * Valid uses of the fortified functions: must compile without a single
 * diagnostic under -Wall -Wextra -Werror -pedantic, as C89 through C2x
 * and C++98 through C++20, at every level, with every feature-test
 * macro set that compile_checks.py tries.  C89 style on purpose.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <syslog.h>
#include <arpa/inet.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

struct hdr {
	int kind;
	char name[8];
	char tail[8];
};

int clean(int fd, const char *src, size_t n, FILE *f);

int
clean(int fd, const char *src, size_t n, FILE *f)
{
	char buf[64];
	wchar_t wbuf[16];
	struct hdr h;
	struct pollfd p[2];
	struct tm tmv;
	fd_set set;
	char *heap = (char *)malloc(32);
	int r = 0;

	if (!heap)
		return -1;
	memset(buf, 0, sizeof buf);
	memcpy(buf, src, n < sizeof buf ? n : sizeof buf);
	memmove(buf + 1, buf, 8);
	strncpy(h.name, src, sizeof h.name - 1);
	h.name[sizeof h.name - 1] = 0;
	memcpy(&h, buf, sizeof h);
	strcpy(buf, "short");
	strcat(buf, "er");
	strncat(buf, src, 8);
	r += snprintf(buf, sizeof buf, "%s-%d", src, fd);
	r += sprintf(heap, "%d", fd & 0xff);
	r += printf("%s\n", buf);
	r += fprintf(f, "%d\n", r);
	if (fgets(buf, (int)sizeof buf, f))
		r++;
	r += (int)fread(buf, 1, sizeof buf, f);
	r += (int)fwrite(buf, 1, 8, f);
	r += (int)read(fd, buf, sizeof buf);
	r += (int)write(fd, buf, 8);
	if (getcwd(buf, sizeof buf))
		r++;
	wmemset(wbuf, L'x', 16);
	r += (int)mbstowcs(wbuf, "abc", 16);
	r += (int)wcstombs(buf, wbuf, sizeof buf);
	r += wctomb(buf, L'a');
	r += (int)wcslen(wcsncpy(wbuf, L"abc", 16));
	p[0].fd = fd;
	p[0].events = POLLIN;
	r += poll(p, 1, 0);
	FD_ZERO(&set);
	FD_SET(fd, &set);
	if (FD_ISSET(fd, &set))
		r++;
	FD_CLR(fd, &set);
	r += (int)recv(fd, buf, sizeof buf, 0);
	r += (int)send(fd, buf, 8, 0);
	r += open("/dev/null", O_RDONLY);
	r += open("/dev/null", O_WRONLY | O_CREAT, 0600);
	r += (int)mq_open("/q", O_RDONLY);
	syslog(LOG_DEBUG, "%s", buf);
	memset(&tmv, 0, sizeof tmv);
	r += (int)strftime(buf, sizeof buf, "%Y", &tmv);
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE) || defined(_DEFAULT_SOURCE)
	bzero(buf, 8);
	r += gethostname(buf, sizeof buf);
#endif
	free(heap);
	return r + h.kind;
}
