/*
 * ma-fortify: copies its argument into an 8-byte struct member.  Built
 * twice from this file with the root's toolchain at -O2
 * -D_FORTIFY_SOURCE=2: with the fortify overlay (ma-fortify), where a
 * 9-byte copy must trap because level 2 knows the member's size, and
 * without it (ma-fortify-plain), where the same copy silently spills into
 * the next member: the control that shows the trap is the overlay's doing.
 */
#include <stdio.h>
#include <string.h>

struct rec {
	char name[8];
	char rest[24];
};

int main(int argc, char **argv)
{
	struct rec r;

	if (argc != 2) {
		fprintf(stderr, "usage: ma-fortify STRING\n");
		return 2;
	}
	memset(&r, 0, sizeof r);
	strcpy(r.name, argv[1]);
	printf("copied %zu bytes\n", strlen(argv[1]) + 1);
	return 0;
}
