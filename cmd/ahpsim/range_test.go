package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRangesAndTooLarge: the scenarios of issue 8 that validated and then
// panicked in the summaries (exit 2) are rejected by validate with the
// real range, and a scenario that stacks extremes beyond what summaries
// hold stops the run with exit status 1 and a message naming the metric,
// the cells and the date: no stack trace, no output directory.
func TestRangesAndTooLarge(t *testing.T) {
	dir := t.TempDir()
	head := "simulation: {start: 2025-04, horizon_years: 30, runs: 3}\nworkforce:\n  - profession: occupational_therapist\n"
	files := map[string]struct{ yaml, want string }{
		"growth2":    {"name: g\n" + head + "    establishment_growth: 2\n    bands: {5: {headcount: 10}}\n", "establishment_growth: out of range (got 2, want -1 to 0.0797: "},
		"growthhuge": {"name: g\n" + head + "    establishment_growth: 1e308\n    bands: {5: {headcount: 10}}\n", "(got 1e+308, want -1 to 0.0797"},
		"cohort":     {"name: c\n" + head + "    bands: {5: {headcount: 10}}\n    graduates: [{month: 9, cohort: 1e18, conversion: 0.5}]\n", "cohort: out of range (got 1e+18, want 0 to 1e+06)"},
		"lognormal":  {"name: l\n" + head + "    bands: {5: {headcount: 10}}\n    graduates: [{month: 9, cohort: {dist: lognormal, mu: 700, sigma: 1}, conversion: 0.5}]\n", "lognormal median exp(mu) is out of range"},
		"pay":        {"name: p\n" + head + "    bands: {5: {headcount: 1000000}}\ncosts: {annual_pay_per_fte: {5: 1e9}}\n", "annual_pay_per_fte.5: out of range (got 1e+09, want 0 to 1e+06 pounds)"},
	}
	for name, f := range files {
		path := filepath.Join(dir, name+".yaml")
		require.NoError(t, os.WriteFile(path, []byte(f.yaml), 0o644))
		out, code := runCLI(t, "validate", path)
		assert.Equal(t, 1, code, name)
		assert.Contains(t, out, f.want, name)
	}

	stacked := "name: stacked\n" + head + `    establishment_growth: 0.0797
    agency_share: 1
    bands: {5: {headcount: 1000000}}
costs: {agency_per_hour: 250, annual_hours_per_fte: 8784}
interventions:
  - {name: a, lever: establishment, mode: scale, value: 10, start: 2025-04}
  - {name: b, lever: establishment, mode: scale, value: 10, start: 2025-04}
  - {name: c, lever: establishment, mode: scale, value: 10, start: 2025-04}
`
	path := filepath.Join(dir, "stacked.yaml")
	require.NoError(t, os.WriteFile(path, []byte(stacked), 0o644))
	out, code := runCLI(t, "validate", path)
	require.Equal(t, 0, code, out)
	outDir := filepath.Join(dir, "out")
	out, code = runCLI(t, "run", "--runs", "3", "--metrics", "all", "--groups", "all", "--out", outDir, path)
	assert.Equal(t, 1, code)
	assert.True(t, strings.HasPrefix(out, `ahpsim: sim: value too large to summarise: run 0 of option "baseline": cost_cumulative_agency of system/occupational_therapist/5 at 2033-04 is 2.43107e+16 GBP`), out)
	assert.Contains(t, out, "GBP (a summary holds at most ±2.306e+16 GBP)")
	assert.NotContains(t, out, "goroutine")
	assert.NoDirExists(t, outDir)
}
