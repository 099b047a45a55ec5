# testutil.sh: shell twin of testutil.h, sourced by shell tests of every
# component:   . "$TESTUTIL_SH"   (meson passes the path in the environment)
#
# Everything a test creates is registered and removed by tu_cleanup, which
# runs on exit: namespaces, veth pairs, background processes, temp dirs.
# Namespace names carry the test's PID so parallel tests never collide.

TU_SKIP=77
tu_ns_list=
tu_pid_list=
tu_dir_list=

tu_skip() { echo "SKIP: $*" >&2; exit $TU_SKIP; }
tu_fail() { echo "FAIL: $*" >&2; exit 1; }
tu_log() { echo "# $*" >&2; }

# tu_require_root: skip unless we may create namespaces.
tu_require_root() {
	[ "$(id -u)" = 0 ] || tu_skip "needs root for network namespaces"
	command -v ip >/dev/null 2>&1 || tu_skip "iproute2 (ip) is not installed"
}

# tu_require_cmd CMD...: skip unless each command exists.
tu_require_cmd() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || tu_skip "$c is not installed"
	done
}

# tu_tmpdir VAR: make a temp dir, removed at exit, and store its path in VAR.
tu_tmpdir() {
	_d=$(mktemp -d "${TMPDIR:-/tmp}/musl-addons.XXXXXX") || tu_fail "mktemp"
	tu_dir_list="$tu_dir_list $_d"
	eval "$1=\$_d"
}

# tu_netns VAR: create a namespace with loopback up; its name goes to VAR.
tu_netns() {
	_n="ma$$_$(( $(printf '%s' "$tu_ns_list" | wc -w) + 1 ))"
	ip netns add "$_n" || tu_fail "ip netns add $_n"
	tu_ns_list="$tu_ns_list $_n"
	ip -n "$_n" link set lo up
	eval "$1=\$_n"
}

# tu_veth NS1 ADDR1 NS2 ADDR2: join two namespaces with a veth pair.
# Addresses are CIDR (10.77.0.1/24 or fd00::1/64); the links come up with
# multicast enabled so mDNS works between the two.  Interface names are
# veth0 in both namespaces.
tu_veth() {
	_a="v$$a$(printf '%s' "$tu_ns_list" | wc -w)"
	_b="v$$b$(printf '%s' "$tu_ns_list" | wc -w)"
	ip link add "$_a" netns "$1" type veth peer name "$_b" netns "$3" ||
		tu_fail "ip link add veth"
	ip -n "$1" link set "$_a" name veth0
	ip -n "$3" link set "$_b" name veth0
	ip -n "$1" addr add "$2" dev veth0 nodad 2>/dev/null || ip -n "$1" addr add "$2" dev veth0
	ip -n "$3" addr add "$4" dev veth0 nodad 2>/dev/null || ip -n "$3" addr add "$4" dev veth0
	ip -n "$1" link set veth0 up multicast on
	ip -n "$3" link set veth0 up multicast on
}

# tu_bg CMD...: start CMD in the background; it is killed at exit.
# The PID is left in $tu_last_pid.
tu_bg() {
	"$@" &
	tu_last_pid=$!
	tu_pid_list="$tu_pid_list $tu_last_pid"
}

# tu_wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds.
tu_wait_for() {
	_t=$(( $1 * 10 )); shift
	while [ $_t -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

tu_cleanup() {
	for p in $tu_pid_list; do kill "$p" 2>/dev/null; done
	for p in $tu_pid_list; do wait "$p" 2>/dev/null; done
	for n in $tu_ns_list; do
		# Anything still running inside the namespace goes with it.
		for p in $(ip netns pids "$n" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
		ip netns del "$n" 2>/dev/null
	done
	for d in $tu_dir_list; do rm -rf "$d"; done
}
trap tu_cleanup EXIT
trap 'exit 130' INT TERM
