/*
 * vm_smoke: the harness's own guest-side test.  It checks what vm-init
 * promises every test (proc, sys, a writable /tmp, the environment passed
 * with vm-run.sh -e) and that the guest has the NUMA layout asked for.
 *
 * Usage: vm_smoke nodes      pass if /sys/devices/system/node/online lists
 *                            $VM_NODES nodes (vm-run.sh -e VM_NODES=N)
 *        vm_smoke skip       exit 77 (proves skips are reported)
 *        vm_smoke hang       sleep forever (proves the time limit works)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* Count the ids in a sysfs list such as "0-1,3". */
static int
count_list(const char *s)
{
	int count = 0;

	while (*s != '\0') {
		char *end;
		long lo = strtol(s, &end, 10), hi = lo;

		if (end == s)
			return -1;
		if (*end == '-')
			hi = strtol(end + 1, &end, 10);
		count += (int)(hi - lo + 1);
		s = *end == ',' ? end + 1 : end;
	}
	return count;
}

int
main(int argc, char **argv)
{
	char buf[256];
	int want, have;

	if (argc != 2) {
		fprintf(stderr, "usage: vm_smoke nodes|skip|hang\n");
		return 2;
	}
	if (strcmp(argv[1], "skip") == 0)
		return 77;
	if (strcmp(argv[1], "hang") == 0)
		for (;;)
			pause();
	if (strcmp(argv[1], "nodes") != 0 || getenv("VM_NODES") == NULL) {
		fprintf(stderr, "vm_smoke: want \"nodes\" and VM_NODES=N\n");
		return 2;
	}
	want = atoi(getenv("VM_NODES"));
	if (read_text("/proc/self/stat", buf, sizeof(buf)) != 0) {
		fprintf(stderr, "vm_smoke: /proc is not mounted\n");
		return 1;
	}
	if (access("/tmp", W_OK) != 0) {
		fprintf(stderr, "vm_smoke: /tmp is not writable\n");
		return 1;
	}
	if (read_text("/sys/devices/system/node/online", buf, sizeof(buf)) != 0) {
		fprintf(stderr, "vm_smoke: no /sys/devices/system/node/online\n");
		return 1;
	}
	have = count_list(buf);
	printf("vm_smoke: nodes online \"%s\" (%d), want %d\n", buf, have,
	    want);
	return have == want ? 0 : 1;
}
