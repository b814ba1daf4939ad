#!/usr/bin/env bash
# Measures how peak memory (max RSS) and wall time grow with the size of a
# system: K copies of the BHR baseline as K organisations (bench/gensystem),
# each run for RUNS Monte Carlo runs on all cores with the default outputs
# (summary.csv and manifest.json; no plots). The issue's target: a
# 100-organisation system within 2 GB at 1,000 runs.
# Usage: bench/scale.sh [K...]   (default: 1 10; give 100 to run it too,
# e.g. bench/scale.sh 1 10 100)
# Environment: AHPSIM_FLAGS: extra flags for ahpsim run (e.g. a selection,
# "--groups system,organisations,professions"); RUNS (default 1000); MAX_RSS_GB (default 12): a run whose
# resident memory passes it is killed and reported, so a system too large
# for the machine cannot take it down; TIMEOUT (default 1800 s a run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ks=("$@")
[ ${#ks[@]} -gt 0 ] || ks=(1 10)
runs=${RUNS:-1000}
max_kib=$(awk -v g="${MAX_RSS_GB:-12}" 'BEGIN { printf "%d", g * 1048576 }')
timeout_s=${TIMEOUT:-1800}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ahpsim" ./cmd/ahpsim
go build -o "$tmp/gensystem" ./bench/gensystem

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$runs runs on $(nproc) workers; a run is killed past ${MAX_RSS_GB:-12} GB of resident memory or $timeout_s s"
echo

# watch PID: kills the ahpsim under PID (/usr/bin/time, then timeout)
# when its resident memory passes the limit, and notes it in $tmp/killed.
watch() {
	local child next rss
	while kill -0 "$1" 2>/dev/null; do
		child=$1
		while next=$(pgrep -P "$child" | head -1) && [ -n "$next" ]; do child=$next; done
		if [ "$child" != "$1" ]; then
			rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$child/status" 2>/dev/null || echo 0)
			if [ "${rss:-0}" -gt "$max_kib" ]; then
				echo "$rss" >"$tmp/killed"
				kill "$child" 2>/dev/null || true
				return
			fi
		fi
		sleep 0.2
	done
}

printf "%6s %7s %12s %10s %12s %14s\n" "orgs" "cells" "wall" "peak RSS" "RSS per org" "summary rows"
for k in "${ks[@]}"; do
	"$tmp/gensystem" -k "$k" -o "$tmp/bhr-$k.yaml"
	rm -f "$tmp/killed"
	status=0
	/usr/bin/time -f '%e %M' -o "$tmp/time" timeout "$timeout_s" "$tmp/ahpsim" run "$tmp/bhr-$k.yaml" --runs "$runs" \
		--workers "$(nproc)" --no-plots --quiet ${AHPSIM_FLAGS:-} --out "$tmp/out-$k" >/dev/null 2>"$tmp/err" &
	pid=$!
	watch "$pid" &
	wait "$pid" || status=$?
	wait
	cells=$(grep -c 'headcount:' "$tmp/bhr-$k.yaml")
	if [ -s "$tmp/killed" ]; then
		printf "%6d %7d   killed at %.0f MB of resident memory (limit MAX_RSS_GB)\n" "$k" "$cells" "$(($(cat "$tmp/killed") / 1024))"
	elif [ "$status" -ne 0 ]; then
		printf "%6d %7d   failed (exit %d; %s)\n" "$k" "$cells" "$status" "$(tail -1 "$tmp/err")"
	else
		rows=$(($(wc -l <"$tmp/out-$k/summary.csv") - 1))
		read -r wall rss <"$tmp/time"
		awk -v k="$k" -v c="$cells" -v w="$wall" -v r="$rss" -v s="$rows" \
			'BEGIN { printf "%6d %7d %10.1f s %7.0f MB %9.1f MB %14d\n", k, c, w, r / 1024, r / 1024 / k, s }'
	fi
	rm -rf "$tmp/out-$k"
done
