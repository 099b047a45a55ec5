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

# ma_need VAR WHAT: skip unless root.info set VAR (a component was installed).
ma_need() {
	eval "_v=\${$1:-}"
	[ -n "$_v" ] || atf_skip "$2 is not installed in the root (disabled or not built yet)"
}

# ma_enter [-n NETNS] PROGRAM ARGS...: run PROGRAM inside the root.
ma_enter() {
	"$ma_bin/enter.sh" "$@" 2>&1
}
