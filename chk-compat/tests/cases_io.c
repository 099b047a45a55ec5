/* Cases: stdio input, descriptors, identity queries, sockets (stdio.c,
 * fd.c, unistd.c, socket.c). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#include <wchar.h>

#include "cases.h"

/* A read-only stream holding s.  Not fmemopen: glibc's fmemopen streams
 * crash in wide reads (fgetws itself, not just the _chk variant). */
static FILE *
input(const char *s)
{
	int fd = memfd_create("chk-in", 0);

	EXPECT(fd >= 0 && write(fd, s, strlen(s)) == (ssize_t)strlen(s));
	EXPECT(lseek(fd, 0, SEEK_SET) == 0);
	return fdopen(fd, "r");
}

/* s = stream contents, a = size (object), b = n, c = bit 0 unlocked,
 * bit 1 wide. */
static void
fgets_case(const struct chk_case *c)
{
	FILE *f1 = input(c->s), *f2 = input(c->s);
	char b1[64], b2[64];
	wchar_t w1[64], w2[64];
	int got1, got2, n = (int)c->b;

	EXPECT(f1 && f2);
	memset(b1, 'x', sizeof b1);
	memset(b2, 'x', sizeof b2);
	wmemset(w1, L'x', 64);
	wmemset(w2, L'x', 64);
	if (c->c & 2) {
		got1 = (c->c & 1 ? __fgetws_unlocked_chk(w1, c->a, n, f1) :
		    __fgetws_chk(w1, c->a, n, f1)) != NULL;
		got2 = fgetws(w2, n, f2) != NULL;
	} else {
		got1 = (c->c & 1 ? __fgets_unlocked_chk(b1, c->a, n, f1) :
		    __fgets_chk(b1, c->a, n, f1)) != NULL;
		got2 = fgets(b2, n, f2) != NULL;
	}
	/* n == 1: glibc's fgets returns "" but the _chk versions read nothing
	 * and return NULL (count == 0), so only compare from n == 2 up. */
	if (n > 1) {
		EXPECT(got1 == got2);
		/* On EOF musl's plain fgetws stores L'\0' anyway; glibc and
		 * the _chk versions leave the buffer alone. */
		EXPECT(!got2 || (memcmp(b1, b2, sizeof b1) == 0 && wmemcmp(w1, w2, 64) == 0));
	}
	printf("got=%d pos=%ld\n", got1, ftell(f1));
	if (got1 && (c->c & 2))
		printf("line=%ls|\n", w1);
	else if (got1)
		printf("line=%s|\n", b1);
	fclose(f1);
	fclose(f2);
}

/* a = ptrlen, b = size, c = n; bit 63 of c: unlocked. 64 input bytes. */
static void
fread_case(const struct chk_case *c)
{
	static char data[64];
	FILE *f1, *f2;
	char b1[128], b2[128];
	size_t n = c->c & ~((size_t)1 << 63), r1, r2;

	for (int i = 0; i < 64; i++)
		data[i] = (char)(i + 1);
	f1 = fmemopen(data, sizeof data, "r");
	f2 = fmemopen(data, sizeof data, "r");
	EXPECT(f1 && f2);
	memset(b1, 0, sizeof b1);
	memset(b2, 0, sizeof b2);
	if (c->c >> 63)
		r1 = __fread_unlocked_chk(b1, c->a, c->b, n, f1);
	else
		r1 = __fread_chk(b1, c->a, c->b, n, f1);
	r2 = fread(b2, c->b, n, f2);
	EXPECT(r1 == r2 && memcmp(b1, b2, sizeof b1) == 0);
	printf("ret=%zu\n", r1);
	show_bytes("dst", b1, 16);
	fclose(f1);
	fclose(f2);
}

/* stdin is a pipe holding s; a = size. */
static void
gets_case(const struct chk_case *c)
{
	int p[2];
	char b[64];
	char *r;

	EXPECT(pipe(p) == 0);
	EXPECT(write(p[1], c->s, strlen(c->s)) == (ssize_t)strlen(c->s));
	close(p[1]);
	EXPECT(dup2(p[0], 0) == 0);
	memset(b, 'x', sizeof b);
	r = __gets_chk(b, c->a);
	printf("got=%d", r != NULL);
	if (r)
		printf(" line=%s|", b);
	printf("\n");
}

/* a = n, b = buflen, c = 0 read 1 pread 2 pread64 3 recv 4 recvfrom. */
static void
read_case(const struct chk_case *c)
{
	char data[32], b1[64], b2[64];
	int fd[2];
	ssize_t r1 = 0, r2 = 0;

	for (int i = 0; i < 32; i++)
		data[i] = (char)('a' + i % 26);
	memset(b1, 0, sizeof b1);
	memset(b2, 0, sizeof b2);
	if (c->c >= 3)
		EXPECT(socketpair(AF_UNIX, SOCK_STREAM, 0, fd) == 0);
	else if (c->c >= 1)
		EXPECT((fd[0] = fd[1] = memfd_create("chk", 0)) >= 0);
	else
		EXPECT(pipe(fd) == 0);
	EXPECT(write(fd[1], data, 32) == 32);
	switch (c->c) {
	case 0: r1 = __read_chk(fd[0], b1, c->a, c->b); break;
	case 1: r1 = __pread_chk(fd[0], b1, c->a, 4, c->b); r2 = pread(fd[0], b2, c->a, 4); break;
	case 2: r1 = __pread64_chk(fd[0], b1, c->a, 4, c->b); r2 = pread(fd[0], b2, c->a, 4); break;
	case 3: r1 = __recv_chk(fd[0], b1, c->a, c->b, MSG_PEEK); r2 = recv(fd[0], b2, c->a, MSG_PEEK); break;
	case 4: r1 = __recvfrom_chk(fd[0], b1, c->a, c->b, MSG_PEEK, NULL, NULL);
		r2 = recvfrom(fd[0], b2, c->a, MSG_PEEK, NULL, NULL); break;
	}
	if (c->c == 0) {
		r2 = (ssize_t)(c->a < 32 ? c->a : 32);
		memcpy(b2, data, (size_t)r2);
	}
	EXPECT(r1 == r2 && memcmp(b1, b2, sizeof b1) == 0);
	printf("ret=%zd\n", r1);
	show_bytes("dst", b1, 8);
}

/* a = n, b = buflen, c = 0 readlink 1 readlinkat 2 getcwd 3 getwd
 * 4 realpath (s = path; a unused, b = resolvedlen). */
static void
path_case(const struct chk_case *c)
{
	char dir[] = "/tmp/chk-compat-XXXXXX", link[64], b1[PATH_MAX + 8], b2[PATH_MAX + 8];
	static const char target[] = "target-name-0123456789";
	ssize_t r1 = 0, r2 = 0;
	char *p1 = NULL, *p2 = NULL;

	memset(b1, 'x', sizeof b1);
	memset(b2, 'x', sizeof b2);
	EXPECT(chdir("/") == 0);
	if (c->c <= 1) {
		EXPECT(mkdtemp(dir) != NULL);
		snprintf(link, sizeof link, "%s/l", dir);
		EXPECT(symlink(target, link) == 0);
		if (c->c == 0)
			r1 = __readlink_chk(link, b1, c->a, c->b);
		else
			r1 = __readlinkat_chk(AT_FDCWD, link, b1, c->a, c->b);
		r2 = readlink(link, b2, c->a);
		unlink(link);
		rmdir(dir);
	} else if (c->c == 2) {
		p1 = __getcwd_chk(b1, c->a, c->b);
		p2 = getcwd(b2, c->a);
	} else if (c->c == 3) {
		p1 = __getwd_chk(b1, c->b);
		p2 = getcwd(b2, c->b);
	} else {
		p1 = __realpath_chk(c->s, b1, c->b);
		p2 = realpath(c->s, b2);
	}
	EXPECT(r1 == r2 && (p1 == NULL) == (p2 == NULL));
	EXPECT(memcmp(b1, b2, sizeof b1) == 0);
	printf("ret=%zd ptr=%d errno-set=%d\n", r1, p1 != NULL, p1 == NULL && c->c >= 2);
	show_bytes("dst", b1, 24);
}

/* a = n, b = buflen, c = function. */
static void
ident_case(const struct chk_case *c)
{
	char b1[128], b2[128];
	gid_t g1[16], g2[16];
	int fd[2], r1 = 0, r2 = 0;

	EXPECT(pipe(fd) == 0);
	memset(b1, 'x', sizeof b1);
	memset(b2, 'x', sizeof b2);
	switch (c->c) {
	case 0: r1 = (int)__confstr_chk(_CS_PATH, b1, c->a, c->b); r2 = (int)confstr(_CS_PATH, b2, c->a); break;
	case 1:
		r1 = __getgroups_chk((int)c->a, g1, c->b);
		r2 = getgroups((int)c->a, g2);
		if (r1 > 0)
			EXPECT(memcmp(g1, g2, (size_t)r1 * sizeof *g1) == 0);
		break;
	case 2: r1 = __ttyname_r_chk(fd[0], b1, c->a, c->b); r2 = ttyname_r(fd[0], b2, c->a); break;
	case 3: r1 = __gethostname_chk(b1, c->a, c->b); r2 = gethostname(b2, c->a); break;
	case 4: r1 = __getdomainname_chk(b1, c->a, c->b); r2 = getdomainname(b2, c->a); break;
	case 5: r1 = __getlogin_r_chk(b1, c->a, c->b); r2 = getlogin_r(b2, c->a); break;
	case 6: r1 = __ptsname_r_chk(fd[0], b1, c->a, c->b); r2 = ptsname_r(fd[0], b2, c->a); break;
	}
	EXPECT(r1 == r2 && memcmp(b1, b2, sizeof b1) == 0);
	printf("ret=%d\n", r1);
}

/* a = nfds, b = fdslen in bytes, c = 0 poll 1 ppoll. */
static void
poll_case(const struct chk_case *c)
{
	struct pollfd fds[4];
	struct timespec ts = {0, 0};
	int p[2], r;

	EXPECT(pipe(p) == 0);
	EXPECT(write(p[1], "x", 1) == 1);
	for (int i = 0; i < 4; i++)
		fds[i] = (struct pollfd){ i % 2 ? p[1] : p[0], POLLIN | POLLOUT, 0 };
	if (c->c)
		r = __ppoll_chk(fds, c->a, &ts, NULL, c->b);
	else
		r = __poll_chk(fds, c->a, 0, c->b);
	EXPECT(r == (int)c->a);
	printf("ret=%d rev=%x\n", r, c->a ? fds[0].revents : 0);
}

/* inet_ntop: a = size, b = dst_size.  inet_pton: c = af, b = dst_size,
 * s = text. */
static void
inet_case(const struct chk_case *c)
{
	char b[64];
	unsigned char out[32];
	const char *r = NULL;
	int rc = 0;

	memset(b, 'x', sizeof b);
	memset(out, 0xee, sizeof out);
	if (c->s == NULL) {
#if HAVE_SINCE(42)
		static const unsigned char a4[4] = {192, 0, 2, 1};

		r = __inet_ntop_chk(AF_INET, a4, b, (socklen_t)c->a, c->b);
#endif
		EXPECT((r != NULL) == (c->a >= 12));
		printf("ptr=%d text=%.12s\n", r != NULL, r ? b : "");
	} else {
#if HAVE_SINCE(42)
		rc = __inet_pton_chk((int)c->c, c->s, out, c->b);
#endif
		printf("ret=%d\n", rc);
		show_bytes("dst", out, 16);
	}
}

static void
register_stdio(void)
{
	static const struct { const char *s; size_t size, n; int ok; } fg[] = {
		{"hello\nworld", 16, 16, 1}, {"hello\nworld", 6, 16, 0},
		{"hello\nworld", 7, 16, 1}, {"hello\nworld", 4, 16, 0},
		{"hello\nworld", 16, 4, 1}, {"hello\nworld", 3, 4, 0},
		{"hello\nworld", 16, 0, 1}, {"hello\nworld", 16, 1, 1},
		{"", 16, 16, 1}, {"abc", 16, 16, 1}, {"abc", 3, 16, 0},
		{"abc", 4, 16, 1}, {"hello\n", 6, 6, 1}, {"hello\n", 5, 6, 0},
	};
	static const char *const fgn[] = { "fgets", "fgets_unlocked", "fgetws", "fgetws_unlocked" };
	struct chk_case p = { .fn = fgets_case };

	for (size_t v = 0; v < 4; v++)
		for (size_t i = 0; i < sizeof fg / sizeof *fg; i++) {
			p.s = fg[i].s;
			p.a = fg[i].size;
			p.b = fg[i].n;
			p.c = v;
			p.die = fg[i].ok ? NULL : OVF;
			add_case(&p, "stdio/%s/%zu", fgn[v], i);
		}

	static const size_t fr[][4] = {	/* ptrlen, size, n, ok */
		{16, 1, 16, 1}, {16, 1, 17, 0}, {16, 4, 4, 1}, {16, 4, 5, 0},
		{16, 0, 100, 1}, {16, SIZE_MAX, 2, 0}, {SIZE_MAX, 1, 8, 1},
		{16, 8, 2, 1}, {100, 1, 100, 1}, {0, 1, 0, 1}, {0, 1, 1, 0},
		{16, (size_t)1 << 32, (size_t)1 << 32, 0},
	};
	p = (struct chk_case){ .fn = fread_case };
	for (size_t v = 0; v < 2; v++)
		for (size_t i = 0; i < sizeof fr / sizeof *fr; i++) {
			p.a = fr[i][0];
			p.b = fr[i][1];
			p.c = fr[i][2] | (v << 63);
			p.die = fr[i][3] ? NULL : OVF;
			add_case(&p, "stdio/%s/%zu", v ? "fread_unlocked" : "fread", i);
		}

	static const struct { const char *s; size_t size; int ok; } g[] = {
		{"hello\n", 6, 1}, {"hello\n", 5, 0}, {"", 1, 1}, {"x", 0, 0},
		{"hello", 6, 1}, {"\n", 1, 1}, {"hello", 5, 0}, {"ab\ncd\n", 3, 1},
	};
	p = (struct chk_case){ .fn = gets_case };
	for (size_t i = 0; i < sizeof g / sizeof *g; i++) {
		p.s = g[i].s;
		p.a = g[i].size;
		p.die = g[i].ok ? NULL : OVF;
		add_case(&p, "stdio/gets/%zu", i);
	}
}

static void
register_fd(void)
{
	static const size_t rd[][3] = {
		{16, 16, 1}, {17, 16, 0}, {0, 0, 1}, {16, SIZE_MAX, 1}, {1, 0, 0}, {32, 64, 1},
	};
	static const char *const rn[] = { "read", "pread", "pread64", "recv", "recvfrom" };
	struct chk_case p = { .fn = read_case };

	for (size_t f = 0; f < 5; f++)
		for (size_t i = 0; i < sizeof rd / sizeof *rd; i++) {
			p.a = rd[i][0];
			p.b = rd[i][1];
			p.c = f;
			p.die = rd[i][2] ? NULL : OVF;
			add_case(&p, "fd/%s/n%zu/buf%zu", rn[f], p.a, p.b);
		}

	static const struct { size_t fn, n, buflen; const char *s; int ok; } pa[] = {
		{0, 64, 64, NULL, 1}, {0, 65, 64, NULL, 0}, {0, 4, 4, NULL, 1},
		{1, 64, 64, NULL, 1}, {1, 65, 64, NULL, 0}, {1, 4, 4, NULL, 1},
		{2, 2, 2, NULL, 1}, {2, 3, 2, NULL, 0}, {2, 1, 1, NULL, 1},
		{3, 0, 2, NULL, 1}, {3, 0, 1, NULL, 0}, {3, 0, 4096, NULL, 1},
		{4, 0, PATH_MAX, "/", 1}, {4, 0, PATH_MAX - 1, "/", 0},
		{4, 0, PATH_MAX, "/nonexistent-chk-compat", 1}, {4, 0, 16, "/", 0},
	};
	static const char *const pn[] = { "readlink", "readlinkat", "getcwd", "getwd", "realpath" };
	p = (struct chk_case){ .fn = path_case };
	for (size_t i = 0; i < sizeof pa / sizeof *pa; i++) {
		p.c = pa[i].fn;
		p.a = pa[i].n;
		p.b = pa[i].buflen;
		p.s = pa[i].s;
		p.die = pa[i].ok ? NULL : OVF;
		add_case(&p, "fd/%s/%zu", pn[p.c], i);
	}
}

static void
register_ident(void)
{
	static const struct { size_t fn, n, buflen; int ok; } id[] = {
		{0, 64, 64, 1}, {0, 65, 64, 0}, {0, 0, 0, 1}, {0, 4, 4, 1},
		{1, (size_t)-1, 0, 1}, {1, 0, 0, 1}, {1, 2, 8, 1}, {1, 3, 8, 0}, {1, 16, 64, 1},
		{2, 64, 64, 1}, {2, 65, 64, 0},
		{3, 64, 64, 1}, {3, 65, 64, 0}, {3, 1, 1, 1},
		{4, 64, 64, 1}, {4, 65, 64, 0},
		{5, 64, 64, 1}, {5, 65, 64, 0},
		{6, 64, 64, 1}, {6, 65, 64, 0},
	};
	static const char *const names[] = {
		"confstr", "getgroups", "ttyname_r", "gethostname", "getdomainname",
		"getlogin_r", "ptsname_r",
	};
	struct chk_case p = { .fn = ident_case };

	for (size_t i = 0; i < sizeof id / sizeof *id; i++) {
		p.c = id[i].fn;
		p.a = id[i].n;
		p.b = id[i].buflen;
		p.die = id[i].ok ? NULL : OVF;
		add_case(&p, "unistd/%s/%zu", names[p.c], i);
	}
}

static void
register_socket(void)
{
	static const size_t pl[][3] = {	/* nfds, fdslen, ok */
		{2, 16, 1}, {3, 16, 0}, {2, 15, 0}, {0, 0, 1}, {4, 32, 1}, {1, 7, 0},
	};
	struct chk_case p = { .fn = poll_case };

	for (size_t f = 0; f < 2; f++)
		for (size_t i = 0; i < sizeof pl / sizeof *pl; i++) {
			p.a = pl[i][0];
			p.b = pl[i][1];
			p.c = f;
			p.die = pl[i][2] ? NULL : OVF;
			add_case(&p, "socket/%s/nfds%zu/len%zu", f ? "ppoll" : "poll", p.a, p.b);
		}

	static const size_t nt[][3] = { {16, 16, 1}, {17, 16, 0}, {4, 16, 1}, {12, 12, 1} };
	p = (struct chk_case){ .fn = inet_case, .since = 42 };
	for (size_t i = 0; i < sizeof nt / sizeof *nt; i++) {
		p.a = nt[i][0];
		p.b = nt[i][1];
		p.die = nt[i][2] ? NULL : OVF;
		add_case(&p, "socket/inet_ntop/%zu", i);
	}
	static const struct { int af; const char *s; size_t len; int ok; } pt[] = {
		{AF_INET, "192.0.2.1", 4, 1}, {AF_INET, "192.0.2.1", 3, 0},
		{AF_INET6, "2001:db8::1", 16, 1}, {AF_INET6, "2001:db8::1", 15, 0},
		{AF_UNIX, "x", 0, 1}, {AF_INET, "bad", 4, 1},
	};
	for (size_t i = 0; i < sizeof pt / sizeof *pt; i++) {
		p.c = (size_t)pt[i].af;
		p.s = pt[i].s;
		p.b = pt[i].len;
		p.die = pt[i].ok ? NULL : OVF;
		add_case(&p, "socket/inet_pton/%zu", i);
	}
}

void
register_io_cases(void)
{
	register_stdio();
	register_fd();
	register_ident();
	register_socket();
}
