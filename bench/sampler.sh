#!/usr/bin/env bash
# Benchmarks the binomial sampler in sim/sample and reports ns per draw for
# each realistic (n, p) case (BenchmarkBinomial/n=.../p=..., same n on every
# draw) and their median, which is the number the performance target refers
# to; the same with n alternating between two values (BenchmarkBinomialCold)
# and between two values that share a slot of the per-n cache, so that every
# draw misses it (BenchmarkBinomialMiss); and the grid-average, one-off and
# gonum comparison benchmarks.
#
# Usage: bench/sampler.sh [extra go test flags, e.g. -count 5 -benchtime 1s]
# With -count > 1 each case is summarised by the median of its runs first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

raw=$(mktemp)
trap 'rm -f "$raw"' EXIT

if ! go test -run '^$' -bench 'Binomial' -benchmem "$@" ./sim/sample/ >"$raw" 2>&1; then
	cat "$raw" >&2
	echo "sampler.sh: go test failed" >&2
	exit 1
fi

grep -E '^(goos|goarch|cpu):' "$raw" || true
echo

awk '
function median(s, n,    i, j, t, a) {
	n = split(s, a, " ")
	for (i = 2; i <= n; i++) {            # insertion sort, n is small
		t = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
/^Benchmark/ && / ns\/op/ {
	name = $1
	sub(/-[0-9]+$/, "", name)            # drop the GOMAXPROCS suffix
	for (i = 2; i <= NF; i++) if ($i == "ns/op") ns = $(i - 1)
	allocs = "?"
	for (i = 2; i <= NF; i++) if ($i == "allocs/op") allocs = $(i - 1)
	if (!(name in runs)) order[++count] = name
	runs[name] = runs[name] " " ns
	alloc[name] = allocs
}
END {
	ncase = 0
	printf "%-44s %12s %10s\n", "benchmark", "ns/draw", "allocs"
	for (k = 1; k <= count; k++) {
		name = order[k]
		m = median(runs[name])
		label = name
		sub(/^Benchmark/, "", label)
		printf "%-44s %12.2f %10s\n", label, m, alloc[name]
		if (name ~ /^BenchmarkBinomial\/n=/) cases = cases " " m
		if (name ~ /^BenchmarkBinomialCold\/n=/) cold = cold " " m
		if (name ~ /^BenchmarkBinomialMiss\/n=/) miss = miss " " m
	}
	if (cases == "") {
		print "no realistic cases found" > "/dev/stderr"
		exit 1
	}
	n = split(cases, tmp, " ")
	printf "\nmedian over %d realistic cases: %.2f ns/draw (target <= 15)\n", n, median(cases)
	if (cold != "") {
		n = split(cold, tmp, " ")
		printf "median over %d realistic cases, n changing every draw (BinomialCold): %.2f ns/draw\n", n, median(cold)
	}
	if (miss != "") {
		n = split(miss, tmp, " ")
		printf "median over %d realistic cases, every draw missing the per-n cache (BinomialMiss): %.2f ns/draw\n", n, median(miss)
	}
}
' "$raw"
