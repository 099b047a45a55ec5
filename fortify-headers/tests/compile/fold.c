/*
 * Calls whose sizes are compile-time constants that fit: every check
 * must fold away, leaving no trap instruction and no failure path in
 * the object (compile_checks.py disassembles it).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern const char *src;
struct rec { int id; char name[16]; char note[32]; };

int fold(struct rec *r, int fd);

int
fold(struct rec *r, int fd)
{
	char buf[64];
	int n;

	memcpy(buf, src, 32);
	memset(buf + 32, 0, 32);
	strcpy(r->name, "fifteen chars..");
	strncpy(r->note, src, sizeof r->note - 1);
	n = snprintf(buf, sizeof buf, "%d:%s", r->id, r->name);
	if (read(fd, buf, sizeof buf) < 0)
		return -1;
	memcpy(r, buf, sizeof *r < sizeof buf ? sizeof *r : sizeof buf);
	return n + buf[3];
}
