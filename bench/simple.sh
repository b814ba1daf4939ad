#!/usr/bin/env bash
# Measures ahpsim against numpy on the simple model (bench/simple/README.md:
# 48 cells, 10 years monthly, the vacancy rate of every cell and the total
# summarised every month), as issue 11 states the targets:
#   - numpy (bench/simple/numpy_simple.py): CPU time (user + sys) per
#     cell-month, the whole process;
#   - ahpsim, 1 worker: CPU time (user + sys) per cell-month, the whole
#     process (parse, simulate, summarise, write summary.csv);
#   - ahpsim, 2 workers: wall time per cell-month;
#   - each one's ratio to numpy, and peak memory (max RSS);
#   - the (date, group, metric) summaries ahpsim writes a run, against the
#     49 x 121 = 5,929 the model asks for;
#   - the Go benchmarks BenchmarkSimpleModel (1,000 runs, 1 worker, once,
#     every series) and BenchmarkSimpleModelSelected (the same, summarising
#     only the vacancy rate of every cell and of the system).
# The three are run in turn, ROUNDS times, in one session, so that load on
# the machine falls on all of them alike; the figures are the medians.
# Run it on an idle machine for figures to quote.
# Usage: bench/simple.sh [RUNS] [ROUNDS]   (default 1000 runs, 3 rounds)
# Environment: PYTHON (default /usr/bin/python3, with Debian's python3-numpy);
# AHPSIM_FLAGS, extra flags for 'ahpsim run' (e.g. a selection of what to
# summarise, once the command has one).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-1000}
rounds=${2:-3}
python=${PYTHON:-/usr/bin/python3}
read -r -a flags <<<"${AHPSIM_FLAGS:-}"
"$python" -c 'import numpy' || { echo "simple.sh: numpy is missing: apt-get install -y python3-numpy" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ahpsim" ./cmd/ahpsim
model=bench/simple/simple.yaml
cell_months=$((runs * 48 * 120))

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "go: $(go version | cut -d' ' -f3); python: $("$python" -c 'import sys, numpy; print(sys.version.split()[0], "numpy", numpy.__version__)')"
echo "simple model: $runs runs x 48 cells x 120 months = $cell_months cell-months; $rounds rounds"
echo

# measure NAME COMMAND...: appends "cpu_seconds wall_seconds max_rss_kib" to $tmp/t-NAME
measure() {
	local name=$1
	shift
	/usr/bin/time -f '%U %S %e %M' -o "$tmp/time" "$@" >/dev/null
	awk '{ printf "%.3f %.3f %d\n", $1 + $2, $3, $4 }' "$tmp/time" >>"$tmp/t-$name"
}

for ((r = 1; r <= rounds; r++)); do
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 measure numpy "$python" bench/simple/numpy_simple.py --runs "$runs" --out "$tmp/numpy.csv"
	measure w1 "$tmp/ahpsim" run "$model" --runs "$runs" --workers 1 --no-plots --quiet --force --out "$tmp/w1" "${flags[@]}"
	measure w2 "$tmp/ahpsim" run "$model" --runs "$runs" --workers 2 --no-plots --quiet --force --out "$tmp/w2" "${flags[@]}"
	echo "round $r: numpy $(cut -d' ' -f1 <"$tmp/t-numpy" | tail -1) s CPU, ahpsim 1 worker $(cut -d' ' -f1 <"$tmp/t-w1" | tail -1) s CPU, 2 workers $(cut -d' ' -f2 <"$tmp/t-w2" | tail -1) s wall"
done
cmp -s "$tmp/w1/summary.csv" "$tmp/w2/summary.csv" || { echo "simple.sh: 1 and 2 workers wrote different summaries" >&2; exit 1; }
summaries=$(($(wc -l <"$tmp/w1/summary.csv") - 1))

# median FILE FIELD: the median of a column over the rounds
median() { cut -d' ' -f"$2" <"$1" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
awk -v cm="$cell_months" -v np="$(median "$tmp/t-numpy" 1)" -v w1="$(median "$tmp/t-w1" 1)" -v w2="$(median "$tmp/t-w2" 2)" \
	-v rnp="$(median "$tmp/t-numpy" 3)" -v r1="$(median "$tmp/t-w1" 3)" -v r2="$(median "$tmp/t-w2" 3)" -v s="$summaries" 'BEGIN {
	npns = 1e9 * np / cm; w1ns = 1e9 * w1 / cm; w2ns = 1e9 * w2 / cm
	printf "%-44s %8.0f ns per cell-month\n", "numpy, CPU", npns
	printf "%-44s %8.0f ns per cell-month  (%.2f x numpy; targets: 60, and numpy / 3 = %.0f)\n", "ahpsim, 1 worker, CPU", w1ns, w1ns / npns, npns / 3
	printf "%-44s %8.0f ns per cell-month  (%.2f x numpy; targets: 18, and numpy / 10 = %.0f)\n", "ahpsim, 2 workers, wall", w2ns, w2ns / npns, npns / 10
	printf "%-44s %8.0f MB\n", "peak memory (max RSS), numpy", rnp / 1024
	printf "%-44s %8.0f MB\n", "peak memory (max RSS), ahpsim 1 worker", r1 / 1024
	printf "%-44s %8.0f MB\n", "peak memory (max RSS), ahpsim 2 workers", r2 / 1024
	printf "%-44s %8d  (%.1fx the 5,929 asked for)\n", "summaries a run, ahpsim (rows of summary.csv)", s, s / 5929
}'
echo
go test -run '^$' -bench 'SimpleModel(Selected)?$' -benchmem -benchtime 1x ./examples/ | grep -E '^Benchmark'
