/*
 * A string- and stdio-heavy workload for the fortify-headers benchmark:
 * format records into fixed buffers and struct members, build paths,
 * copy lines into an output block, parse them back and write the block
 * through stdio, as a log or CSV exporter does.  Prints a checksum so
 * that every build can be compared.  Usage: workload [records]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rec {
	int id;
	char name[32];
	char city[24];
	char path[96];
	double score;
};

static const char *const cities[] = {
	"amsterdam", "berlin", "cairo", "dakar", "edinburgh", "fes", "geneva", "hanoi",
};

static unsigned
record(struct rec *r, int i, char *block, size_t *off, FILE *out)
{
	char line[160], field[48];
	const char *comma;
	unsigned sum = 0;
	int n;

	r->id = i;
	snprintf(r->name, sizeof r->name, "user%05d", i);
	strcpy(r->city, cities[i & 7]);
	r->score = (i % 1000) / 7.0;
	strcpy(r->path, "/var/log/");
	strcat(r->path, r->city);
	strncat(r->path, "/", sizeof r->path - strlen(r->path) - 1);
	strncat(r->path, r->name, sizeof r->path - strlen(r->path) - 1);
	n = snprintf(line, sizeof line, "%d,%s,%s,%.2f,%s\n", r->id, r->name,
	    r->city, r->score, r->path);
	if (n < 0 || (size_t)n >= sizeof line)
		return 0;
	if (*off + (size_t)n > 4096) {
		fwrite(block, 1, *off, out);
		*off = 0;
	}
	memcpy(block + *off, line, (size_t)n);
	*off += (size_t)n;
	/* Parse the second field back. */
	comma = strchr(line, ',');
	if (comma) {
		size_t len = strcspn(comma + 1, ",");
		if (len >= sizeof field)
			len = sizeof field - 1;
		memcpy(field, comma + 1, len);
		field[len] = 0;
		sum += (unsigned char)field[len / 2];
	}
	memset(line, 0, sizeof line);
	return sum + (unsigned)n;
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 200000, i;
	static char block[4096];
	size_t off = 0;
	unsigned sum = 0;
	struct rec r;
	FILE *out = fopen("/dev/null", "w");

	if (!out)
		return 1;
	for (i = 0; i < n; i++)
		sum += record(&r, i, block, &off, out);
	fwrite(block, 1, off, out);
	fclose(out);
	printf("%u\n", sum);
	return 0;
}
