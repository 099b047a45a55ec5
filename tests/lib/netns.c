/* Private network namespaces for tests that bind ports or send multicast. */
#define _GNU_SOURCE
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "testutil.h"

/* Bring "lo" up with SIOCSIFFLAGS: no dependency on iproute2 inside tests. */
static int
loopback_up(void)
{
	struct ifreq ifr;
	int fd, rc = -1;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof ifr);
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
		rc = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int
tu_enter_netns(void)
{
	if (unshare(CLONE_NEWNET) < 0)
		return -1;
	return loopback_up();
}

void
tu_enter_netns_or_skip(void)
{
	if (tu_enter_netns() == 0)
		return;
	fprintf(stderr, "SKIP: cannot create a network namespace: %s\n",
	    strerror(errno));
	exit(TU_EXIT_SKIP);
}
