#!/usr/bin/env bash
# Checks that ahpsim and the numpy implementation (numpy_simple.py) of the
# simple model agree within Monte Carlo error: the difference of the mean
# vacancy rate of every cell and the total, and of its percentiles, at 1, 5
# and 10 years, in standard errors (agree.py). Also checks that simple.yaml
# is what numpy_simple.py --emit-yaml writes, so both run the same model.
# Usage: bench/simple/agree.sh [RUNS]   (default 1000; numpy from Debian's
# python3-numpy: PYTHON defaults to /usr/bin/python3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
runs=${1:-1000}
python=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" numpy_simple.py --emit-yaml | diff -u simple.yaml - || { echo "simple.yaml is stale: run numpy_simple.py --emit-yaml > simple.yaml" >&2; exit 1; }
go build -o "$tmp/ahpsim" ../../cmd/ahpsim
"$tmp/ahpsim" run simple.yaml --runs "$runs" --no-plots --quiet --out "$tmp/ahpsim-out"
"$python" numpy_simple.py --runs "$runs" --seed 2 --out "$tmp/numpy.csv" --raw "$tmp/numpy.npy" >/dev/null
"$python" agree.py "$tmp/ahpsim-out/summary.csv" "$tmp/numpy.csv" "$tmp/numpy.npy"
