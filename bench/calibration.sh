#!/usr/bin/env bash
# Checks what each example reproduces in its first simulated year, by the
# published definitions, measured on simulated output (summary.csv):
#   - the leaver rate of each profession (leavers in the year over the mean
#     of the headcount at its start and end): Monte Carlo mean and 90% range;
#   - the starting vacancy rate of each profession, and after one year;
#   - the whole system's vacancy rate at 5 and 10 years in both modes
#     (Monte Carlo mean and median, expected value).
# Usage: bench/calibration.sh [RUNS] [EXAMPLE...]   (default 1000, every example)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-1000}
shift || true
examples=("$@")
if [ ${#examples[@]} -eq 0 ]; then
	examples=(teaching bhr-baseline bhr-options bhr-apprentices bhr-acp-posts bhr-international-ots bhr-retention-premium bhr-rotations bhr-student-places)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ahpsim" ./cmd/ahpsim

for ex in "${examples[@]}"; do
	"$tmp/ahpsim" run "$ex" --runs "$runs" --no-plots --quiet --out "$tmp/mc" --force
	"$tmp/ahpsim" run "$ex" --deterministic --no-plots --quiet --out "$tmp/ev" --force
	echo "== $ex ($runs runs; baseline option)"
	awk -F, -v ev="$tmp/ev/summary.csv" '
	function ym(d) { return substr(d, 1, 4) * 12 + substr(d, 6, 2) - 1 }
	BEGIN { while ((getline line < ev) > 0) { split(line, f, ","); if (f[1] == "baseline" && f[3] == "all" && f[4] == "all" && f[5] == "all" && f[6] == "vacancy_rate") evv[f[2]] = f[7] } }
	NR == 1 || $1 != "baseline" { next }
	start == "" { start = ym($2) }
	$3 == "all" && $5 == "all" && $6 == "leaver_rate" && ym($2) == start + 12 { lr[$4] = sprintf("%5.1f%% (%4.1f%% to %4.1f%%)", 100 * $7, 100 * $10, 100 * $14) }
	$3 == "all" && $5 == "all" && $6 == "vacancy_rate" && ym($2) == start { v0[$4] = sprintf("%5.1f%%", 100 * $7) }
	$3 == "all" && $5 == "all" && $6 == "vacancy_rate" && ym($2) == start + 12 { v1[$4] = sprintf("%5.1f%%", 100 * $7); order[++n] = $4 }
	$3 == "all" && $4 == "all" && $5 == "all" && $6 == "vacancy_rate" && (ym($2) == start + 60 || ym($2) == start + 120) {
		sys[ym($2) - start] = sprintf("MC mean %5.1f%%, median %5.1f%%; expected value %5.1f%%", 100 * $7, 100 * $12, 100 * evv[$2]) }
	END {
		printf "  %-32s %-28s %-9s %s\n", "profession", "leaver rate, year 1", "vac start", "vac year 1"
		for (i = 1; i <= n; i++) printf "  %-32s %-28s %-9s %s\n", order[i], lr[order[i]], v0[order[i]], v1[order[i]]
		for (y = 60; y <= 120; y += 60) if (y in sys) printf "  system vacancy rate at %2d years: %s\n", y / 12, sys[y]
	}' "$tmp/mc/summary.csv"
done
