#!/bin/sh
# run.sh: numalloc against musl's mallocng, glibc, mimalloc, jemalloc and
# tcmalloc, interleaved in one run, on the workloads of bench.c.  Prints,
# per workload, each allocator's time relative to numalloc and its peak
# RSS relative to mallocng (static musl), then geometric means.
#
# Usage: numalloc/bench/run.sh [GLIBC-BUILD-DIR [MUSL-BUILD-DIR]]
#   (defaults build/glibc and build/musl; build both flavours first)
# Environment: REPS (runs per cell, best kept; default 3), SCALE (work
# multiplier; default 1), WORKLOADS (space-separated subset).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
G=${1:-$top/build/glibc}/numalloc
M=${2:-$top/build/musl}/numalloc
REPS=${REPS:-3}
SCALE=${SCALE:-1}
WORKLOADS=${WORKLOADS:-"st-small st-large mt-churn-2 mt-churn-4 mt-xfree-4 prodcons threads realloc frag"}
MT="mt-churn-2 mt-churn-4 mt-xfree-4 prodcons threads"
lib=/usr/lib/x86_64-linux-gnu

for f in "$G/libnumalloc.so" "$G/bench/numalloc_bench"; do
	[ -e "$f" ] || { echo "run.sh: $f missing: build the glibc flavour" >&2; exit 1; }
done

# name|command: the allocator serving bench.c in each configuration.
set -- \
	"numalloc|env LD_PRELOAD=$G/libnumalloc.so $G/bench/numalloc_bench" \
	"glibc|$G/bench/numalloc_bench"
[ -e "$lib/libmimalloc.so.2" ] && set -- "$@" "mimalloc|env LD_PRELOAD=$lib/libmimalloc.so.2 $G/bench/numalloc_bench"
[ -e "$lib/libjemalloc.so.2" ] && set -- "$@" "jemalloc|env LD_PRELOAD=$lib/libjemalloc.so.2 $G/bench/numalloc_bench"
[ -e "$lib/libtcmalloc_minimal.so.4" ] && set -- "$@" "tcmalloc|env LD_PRELOAD=$lib/libtcmalloc_minimal.so.4 $G/bench/numalloc_bench"
if [ -e "$M/bench/numalloc_bench_static" ]; then
	set -- "$@" \
		"numalloc-musl|$M/bench/numalloc_bench_static_numalloc" \
		"mallocng|$M/bench/numalloc_bench_static" \
		"mallocng-dyn|$M/bench/numalloc_bench"
else
	echo "run.sh: no musl build in $M: mallocng is left out" >&2
fi

raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
echo "# $(uname -m), $(nproc) CPUs, REPS=$REPS SCALE=$SCALE, $(date -u +%FT%TZ)"
for w in $WORKLOADS; do
	r=1
	while [ $r -le "$REPS" ]; do
		for a in "$@"; do	# interleaved: every allocator each round
			name=${a%%|*} cmd=${a#*|}
			out=$($cmd "$w" "$SCALE") || { echo "run.sh: $name $w failed" >&2; continue; }
			echo "$name $out" >>"$raw"
		done
		r=$((r + 1))
	done
	printf '.' >&2
done
echo >&2

awk -v mt="$MT" '
BEGIN { n = split(mt, m, " "); for (i = 1; i <= n; i++) ismt[m[i]] = 1 }
{
	a = $1; w = $2; t = $3; rss = $4
	if (!((a, w) in T) || t < T[a, w]) T[a, w] = t
	if (!((a, w) in R) || rss < R[a, w]) R[a, w] = rss
	if (!(a in seen)) { seen[a] = 1; order[++na] = a }
	if (!(w in wseen)) { wseen[w] = 1; worder[++nw] = w }
}
END {
	printf "\ntime relative to numalloc (lower is faster; numalloc column: seconds)\n"
	printf "%-11s", "workload"; for (i = 1; i <= na; i++) printf " %12s", order[i]; printf "\n"
	for (j = 1; j <= nw; j++) {
		w = worder[j]; printf "%-11s", w
		for (i = 1; i <= na; i++) {
			a = order[i]
			if (!((a, w) in T)) { printf " %12s", "-"; continue }
			if (i == 1) { printf " %11.3fs", T[a, w]; continue }
			r = T[a, w] / T[order[1], w]; printf " %11.2fx", r
			gt[a] += log(r); nt[a]++
			if (w in ismt) { gm[a] += log(r); nm[a]++ }
		}
		printf "\n"
	}
	printf "%-11s %12s", "geomean", "1.00x"
	for (i = 2; i <= na; i++) printf " %11.2fx", nt[order[i]] ? exp(gt[order[i]] / nt[order[i]]) : 0; printf "\n"
	printf "%-11s %12s", "geomean MT", "1.00x"
	for (i = 2; i <= na; i++) printf " %11.2fx", nm[order[i]] ? exp(gm[order[i]] / nm[order[i]]) : 0; printf "\n"
	# The like-for-like speed-up on musl: both static, same libc.
	if (nt["mallocng"] && nt["numalloc-musl"] && nm["mallocng"] && nm["numalloc-musl"])
		printf "static musl, mallocng time / numalloc-musl time: %.2fx all, %.2fx MT\n",
		    exp(gt["mallocng"] / nt["mallocng"] - gt["numalloc-musl"] / nt["numalloc-musl"]),
		    exp(gm["mallocng"] / nm["mallocng"] - gm["numalloc-musl"] / nm["numalloc-musl"])

	ref = ("mallocng" in seen) ? "mallocng" : order[1]
	printf "\npeak RSS relative to %s (numalloc column: KiB)\n", ref
	printf "%-11s", "workload"; for (i = 1; i <= na; i++) printf " %12s", order[i]; printf "\n"
	for (j = 1; j <= nw; j++) {
		w = worder[j]; printf "%-11s", w
		for (i = 1; i <= na; i++) {
			a = order[i]
			if (!((a, w) in R) || !((ref, w) in R)) { printf " %12s", "-"; continue }
			r = R[a, w] / R[ref, w]; gr[a] += log(r); nr[a]++
			if (i == 1) printf " %6dK %4.2fx", R[a, w], r; else printf " %11.2fx", r
		}
		printf "\n"
	}
	printf "%-11s", "geomean"
	for (i = 1; i <= na; i++) printf " %11.2fx", nr[order[i]] ? exp(gr[order[i]] / nr[order[i]]) : 0; printf "\n"
}' "$raw"
