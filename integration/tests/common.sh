# common.sh: sourced by the integration suite's atf-sh programs.
#
# Kyua hands each program the suite's configuration variables (set by
# kyua-run.sh): `out`, the directory holding root/, toolchain/ and
# root.info; `src`, the source tree; `testutil`, tests/lib/testutil.sh;
# `cache`, the cache ci/install-deps filled.  ma_init loads them; a case
# calls it first thing in its body.

# ma_init: load the configuration, root.info and the shared helpers.
ma_init() {
	ma_out=$(atf_config_get out "")
	[ -n "$ma_out" ] || atf_skip "no 'out' variable: run through kyua-run.sh"
	[ -f "$ma_out/root.info" ] || atf_fail "$ma_out/root.info missing: mkroot.sh did not run"
	ma_src=$(atf_config_get src)
	ma_cache=$(atf_config_get cache "/var/cache/musl-addons")
	ma_root=$ma_out/root
	ma_tc=$ma_out/toolchain
	ma_bin=$ma_src/integration/root
	. "$ma_out/root.info"
	# testutil.sh installs its cleanup on EXIT: namespaces, processes, dirs.
	. "$(atf_config_get testutil)"
}

# ma_require_cmd CMD...: skip unless each host command exists.  (Not
# testutil's tu_require_*: their exit status 77 is meson's skip, which Kyua
# would count as a failure.)
ma_require_cmd() {
	for _c in "$@"; do
		command -v "$_c" >/dev/null 2>&1 || atf_skip "$_c is not installed (ci/install-deps)"
	done
}

# ma_need VAR WHAT: skip unless root.info set VAR (a component was installed).
ma_need() {
	eval "_v=\${$1:-}"
	[ -n "$_v" ] || atf_skip "$2 is not installed in the root (disabled or not built yet)"
}

# ma_avahi_peer NS NAME LOGVAR: run an avahi-daemon in namespace NS that
# publishes NAME.local (root/avahi-peer.sh) and wait until it has claimed
# the name.  The log's path goes to LOGVAR.
ma_avahi_peer() {
	ma_require_cmd avahi-daemon
	_dir=$(mktemp -d "$PWD/avahi.XXXXXX")
	tu_bg "$ma_bin/avahi-peer.sh" "$1" "$2" "$_dir" >"$_dir/log" 2>&1
	eval "$3=\$_dir/log"
	tu_wait_for 15 grep -q "Server startup complete. Host name is $2.local" "$_dir/log" ||
		{ cat "$_dir/log"; atf_fail "avahi-daemon in $1 did not claim $2.local"; }
}

# ma_rundir VAR: a directory inside the root (under /run) for one case's
# config files, removed at exit; the host path goes to VAR and the path
# seen inside the root to VAR_in.
ma_rundir() {
	_d=$(mktemp -d "$ma_root/run/case.XXXXXX") || atf_fail "mktemp in the root"
	tu_dir_list="$tu_dir_list $_d"
	eval "$1=\$_d; $1_in=/run/\${_d##*/}"
}

# ma_mdnsd_start NS CONF-IN-ROOT [-p LIB]: start mdnsd in the foreground
# inside the root in namespace NS with the given config (a path inside the
# root; "" for the root's /etc/mdnsd.conf), optionally with LIB preloaded
# and with the VAR=VALUE words of $ma_mdnsd_env in its environment, and wait until it answers on
# 127.0.0.1:53.  Its PID (the daemon's own: enter.sh execs all the way
# down) goes to ma_mdnsd_pid, its log to $PWD/mdnsd.log.
ma_mdnsd_start() {
	_ns=$1 _conf=$2
	shift 2
	tu_bg env ${ma_mdnsd_env:-} "$ma_bin/enter.sh" -n "$_ns" "$@" "$ma_root" \
	    /usr/local/sbin/mdnsd -d ${_conf:+-f "$_conf"} >mdnsd.log 2>&1
	ma_mdnsd_pid=$tu_last_pid
	"$ma_bin/wait-dns.sh" "$_ns" "$ma_root" "$ma_mdnsd_pid" 15 ||
		{ cat mdnsd.log; atf_fail "mdnsd did not answer on 127.0.0.1:53 in $_ns"; }
}
