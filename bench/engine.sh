#!/usr/bin/env bash
# Measures the engine on the BHR baseline example (10 years, monthly, with
# every mechanism the example uses), as the performance targets are stated:
#   - wall time and runs per second for 10,000 runs on all cores;
#   - speed-up of 2 workers over 1 (1,000 runs each);
#   - peak memory (max RSS) for 1,000 and for 10,000 runs;
#   - the Go benchmark of one run (allocations included).
# Usage: bench/engine.sh [RUNS]   (default 10000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ahpsim" ./cmd/ahpsim

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "go: $(go version | cut -d' ' -f3)"
echo

# run RUNS WORKERS: prints "wall_seconds max_rss_kib"
run() {
	local out="$tmp/out-$1-$2"
	/usr/bin/time -f '%M' -o "$tmp/rss" "$tmp/ahpsim" run bhr-baseline --runs "$1" --workers "$2" --no-plots --out "$out" >/dev/null
	local wall
	wall=$(sed -n 's/.*"wall_seconds": \([0-9.]*\).*/\1/p' "$out/manifest.json")
	echo "$wall $(cat "$tmp/rss")"
	rm -rf "$out"
}

read -r w1 _ < <(run 1000 1)
read -r w2 rss1k < <(run 1000 2)
read -r wN rssN < <(run "$runs" "$(nproc)")
awk -v w1="$w1" -v w2="$w2" -v wN="$wN" -v runs="$runs" -v r1="$rss1k" -v rN="$rssN" 'BEGIN {
	printf "%-44s %10.2f s  (%.0f runs/s)\n", runs " runs, all cores, wall time", wN, runs / wN
	printf "%-44s %10.2f s\n", "1,000 runs, 1 worker", w1
	printf "%-44s %10.2f s\n", "1,000 runs, 2 workers", w2
	printf "%-44s %10.2fx\n", "speed-up of 2 workers over 1", w1 / w2
	printf "%-44s %10.0f MB\n", "peak memory (max RSS), 1,000 runs", r1 / 1024
	printf "%-44s %10.0f MB\n", "peak memory (max RSS), " runs " runs", rN / 1024
	printf "%-44s %10.1f%%\n", "memory growth from 1,000 runs", 100 * (rN - r1) / r1
}'
echo
go test -run '^$' -bench 'BHRRun$' -benchmem -benchtime 20x ./examples/ | grep -E '^Benchmark'
