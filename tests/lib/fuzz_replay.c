/*
 * fuzz_replay.c: main() for a fuzz target built without a fuzzing engine
 * (fuzzing_engine=none).  Runs LLVMFuzzerTestOneInput() once over every
 * file named on the command line, or in a directory named there, so each
 * component's seed corpus and every crash ever found are replayed in the
 * normal test suite, under the sanitizers in that flavour.
 *
 * Each input is handed over in a buffer of exactly its size, as libFuzzer
 * does, so an over-read by the target is caught by ASan rather than
 * landing in slack.  Fails (exit 1) on an unreadable or oversized input,
 * or when nothing was replayed.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define REPLAY_MAX_INPUT (1 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	uint8_t *buf;
	size_t n;

	if (f == NULL || fstat(fileno(f), &st) != 0) {
		perror(path);
		if (f != NULL)
			fclose(f);
		return -1;
	}
	if (st.st_size > REPLAY_MAX_INPUT) {
		fprintf(stderr, "%s: %lld bytes, over the %d-byte input limit\n",
		    path, (long long)st.st_size, REPLAY_MAX_INPUT);
		fclose(f);
		return -1;
	}
	/* malloc(0) may return NULL: keep one byte, pass size 0. */
	buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1);
	if (buf == NULL) {
		perror("malloc");
		fclose(f);
		return -1;
	}
	n = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	if (n != (size_t)st.st_size) {
		fprintf(stderr, "%s: short read\n", path);
		free(buf);
		return -1;
	}
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

static int
replay_dir(const char *dir, int *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];

	if (d == NULL) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (replay_file(path) != 0) {
			closedir(d);
			return -1;
		}
		++*count;
	}
	closedir(d);
	return 0;
}

int
main(int argc, char **argv)
{
	int count = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) != 0)
				return 1;
		} else if (replay_file(argv[i]) != 0) {
			return 1;
		} else {
			count++;
		}
	}
	printf("replayed %d inputs\n", count);
	return count > 0 ? 0 : 1;
}
