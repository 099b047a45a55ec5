/* main.c: mdnsd(8): options, start-up order, signals. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "pidfile.h"
#include "privdrop.h"
#include "server.h"

struct opts {
	const char *conf;
	const char *pidfile;
	bool check, verbose_check, foreground, syslog;
	int verbose;
	struct cfg_overrides ov;
};

static struct server *the_server;
static struct opts the_opts;

static void
usage(void)
{
	fprintf(stderr, "usage: mdnsd [-dnsv] [-f file] [-l address] "
	    "[-P pidfile] [-p port]\n");
	exit(2);
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	int ch;
	unsigned long v;
	char *end;

	o->ov.log_level = -1;
	while ((ch = getopt(argc, argv, "df:l:nP:p:sv")) != -1) {
		switch (ch) {
		case 'd': o->foreground = true; break;
		case 'f': o->conf = optarg; break;
		case 'l': o->ov.listen = optarg; break;
		case 'n': o->check = true; break;
		case 'P': o->pidfile = optarg; break;
		case 'p':
			v = strtoul(optarg, &end, 10);
			if (*optarg == '\0' || *end || v == 0 || v > 65535) {
				fprintf(stderr, "mdnsd: bad port '%s'\n",
				    optarg);
				exit(2);
			}
			o->ov.port = v;
			break;
		case 's': o->syslog = true; break;
		case 'v': o->verbose++; break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	if (o->verbose > 0 && !o->check)
		o->ov.log_level = LOG_DEBUG;
}

static void
on_term(struct ev_loop *loop, int signo, void *data)
{
	(void)data;
	log_info("signal %d: exiting", signo);
	ev_break(loop);
}

static void
on_usr1(struct ev_loop *loop, int signo, void *data)
{
	(void)loop;
	(void)signo;
	(void)data;
	server_stats(the_server);
}

/*
 * SCHED_BATCH: a woken mdnsd does not preempt the task running on its
 * CPU.  musl sends A and AAAA back to back; with wake-up preemption the
 * A query alone wakes us and the client sends AAAA only after our reply,
 * two wake-ups per getaddrinfo; without it both queries are read and
 * answered in one batch (measured on one shared CPU: 17-25% more lookups
 * per second, 40% less daemon CPU time per lookup).  The cost: with
 * every CPU busy, a reply waits for the running task's time slice (a few
 * ms).  A raw system call: musl's sched_setscheduler() is a stub.
 */
static void
set_sched(const struct config *cfg)
{
	/* Only undo what we set: "sched-batch no" leaves a policy the
	 * administrator chose (chrt, CPUSchedulingPolicy=) alone. */
	static int batch_set;
	struct sched_param sp = { .sched_priority = 0 };

	if (!cfg->sched_batch == !batch_set)
		return;
	if (syscall(SYS_sched_setscheduler, 0,
	    cfg->sched_batch ? SCHED_BATCH : SCHED_OTHER, &sp) < 0) {
		log_warn("sched-batch: %s", strerror(errno));
		return;
	}
	batch_set = cfg->sched_batch;
}

static void
on_hup(struct ev_loop *loop, int signo, void *data)
{
	struct config *cfg = config_load(the_opts.conf, &the_opts.ov, loop);
	(void)signo;
	(void)data;

	if (cfg == NULL || config_open_backends(cfg) < 0) {
		log_err("reload failed; keeping the running configuration");
		config_free(cfg);
		return;
	}
	log_set_level(cfg->log_level);
	set_sched(cfg);
	server_reconfigure(the_server, cfg);
	log_info("configuration reloaded");
}

static int
daemonize(void)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0)
		_exit(0);
	if (setsid() < 0)
		return -1;
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	return 0;
}

static int
check_only(struct config *cfg, const struct opts *o)
{
	if (o->verbose > 0)
		config_print(cfg, stdout);
	else
		fprintf(stderr, "%s: configuration OK\n",
		    cfg->path[0] ? cfg->path : "mdnsd");
	config_free(cfg);
	return 0;
}

/*
 * Every upstream lookup in flight holds a socket, so max-lookups needs as
 * many descriptors; raise the soft limit to the hard one (as root this may
 * also raise the hard limit) and warn if it is still short.
 */
static void
raise_nofile(const struct config *cfg)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)cfg->max_lookups + cfg->tcp_clients + 64;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want) {
		struct rlimit up = { want, want };
		if (setrlimit(RLIMIT_NOFILE, &up) == 0)
			return;
	}
	if (rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want ?
		    rl.rlim_max : want;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur < want)
		log_warn("only %llu descriptors for max-lookups %u: lookups "
		    "beyond that fail", (unsigned long long)rl.rlim_cur,
		    cfg->max_lookups);
}

/* Root part of start-up: bind, open backends, then leave root. */
static int
start(struct ev_loop *loop, struct config *cfg, const struct opts *o)
{
	raise_nofile(cfg);
	/* Locked before binding: a second mdnsd stops here, clearly. */
	if (o->pidfile && pidfile_open(o->pidfile) < 0)
		return -1;
	if ((the_server = server_new(loop, cfg)) == NULL) {
		log_err("out of memory");
		return -1;
	}
	if (server_open(the_server) < 0 || config_open_backends(cfg) < 0)
		return -1;
	if (!o->foreground) {
		if (daemonize() < 0) {
			log_err("daemon: %s", strerror(errno));
			return -1;
		}
		/* Until here errors went to the terminal that started us. */
		log_init("mdnsd", true, cfg->log_level);
	}
	set_sched(cfg);
	if (privdrop(cfg->user, cfg->group, cfg->chroot) < 0)
		return -1;
	if (ev_signal(loop, SIGTERM, on_term, NULL) < 0 ||
	    ev_signal(loop, SIGINT, on_term, NULL) < 0 ||
	    ev_signal(loop, SIGHUP, on_hup, NULL) < 0 ||
	    ev_signal(loop, SIGUSR1, on_usr1, NULL) < 0)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	/* Last, through the descriptor opened as root: whoever reads the
	 * PID may signal us at once, and the handlers are in place now. */
	return pidfile_write();
}

int
main(int argc, char **argv)
{
	struct ev_loop *loop;
	struct config *cfg;
	int rc = 1;

	parse_args(argc, argv, &the_opts);
	log_init("mdnsd", false, LOG_INFO);
	if ((loop = ev_loop_new()) == NULL) {
		log_err("event loop: %s", strerror(errno));
		return 1;
	}
	cfg = config_load(the_opts.conf, &the_opts.ov, loop);
	if (cfg == NULL || the_opts.check) {
		rc = cfg != NULL ? check_only(cfg, &the_opts) : 1;
		ev_loop_free(loop);
		return rc;
	}
	log_init("mdnsd", the_opts.syslog, cfg->log_level);
	if (start(loop, cfg, &the_opts) == 0) {
		log_info("ready");
		rc = ev_run(loop) < 0 ? 1 : 0;
	}
	if (the_server != NULL) {
		cfg = the_server->cfg;
		server_free(the_server);
	}
	config_free(cfg);
	ev_loop_free(loop);
	pidfile_remove();
	return rc;
}
