#!/usr/bin/env bash
# Measures what summarising only what is asked for saves (issue 11, "h"):
# BenchmarkSelectionRatio runs the BHR baseline reported monthly, 20 runs
# on one worker, alternately summarising every series and only the
# vacancy rate of every cell and the system, and prints the speed-up.
# Run it on an otherwise idle machine. Usage: bench/selection.sh [COUNT]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
go test ./sim -run '^$' -bench 'BenchmarkSelectionRatio' -benchtime 5x -count "${1:-3}"
