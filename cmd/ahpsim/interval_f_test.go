package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const intervalYAML = `
name: Interval
simulation: {start: 2025-04, horizon_years: 2, runs: 60, seed: 7, target_vacancy_rate: 0.1}
workforce:
  # Local HR extract, March 2025.
  - profession: occupational_therapist
    # Turnover report, 2024/25.
    leaver_rate: {dist: uniform, min: 0.08, max: 0.16}
    recruitment: {monthly_fill: 0.1}
    bands: {5: {headcount: 30, vacancy_rate: 0.1}, 6: {headcount: 40, vacancy_rate: 0.15}}
costs: {annual_pay_per_fte: {5: 43200, 6: 53500}, agency_per_hour: 38}
options:
  - name: premium
    title: Band 6 retention premium
    interventions:
      - name: band6_premium
        lever: leaver_rate
        applies_to: {bands: [6]}
        mode: scale
        value: 0.7999999999999999
        start: 2025-06
        end: 2025-10
        annual_cost: 100000   # Finance estimate
`

func writeScenario(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.yaml")
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

func manifestOf(t *testing.T, dir string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	return m
}

func TestIntervalFlagAndScenarioKey(t *testing.T) {
	path := writeScenario(t, intervalYAML)
	dir := t.TempDir()
	out, code := runCLI(t, "compare", path, "--no-plots", "--out", filepath.Join(dir, "d90"))
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "Vacancy rate, median (90% range)")
	assert.Contains(t, out, "Option Band 6 retention premium (premium)")
	assert.Contains(t, out, "90% of runs")
	assert.EqualValues(t, 90, manifestOf(t, filepath.Join(dir, "d90"))["interval_percent"])

	out, code = runCLI(t, "compare", path, "--no-plots", "--interval", "80", "--out", filepath.Join(dir, "d80"))
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "Vacancy rate, median (80% range)")
	assert.Contains(t, out, "80% of runs")
	assert.NotContains(t, out, "90% of runs")
	assert.EqualValues(t, 80, manifestOf(t, filepath.Join(dir, "d80"))["interval_percent"])
	page, err := os.ReadFile(filepath.Join(dir, "d80", "report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "middle 80% of runs (10th to 90th percentile)")

	// The scenario's report.interval, and the flag over it.
	keyed := writeScenario(t, intervalYAML+"report: {interval: 80}\n")
	out, code = runCLI(t, "run", keyed, "--no-plots", "--out", filepath.Join(dir, "k80"))
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "(80% range)")
	out, code = runCLI(t, "run", keyed, "--no-plots", "--interval", "90", "--out", filepath.Join(dir, "k90"))
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "(90% range)")

	out, code = runCLI(t, "run", path, "--interval", "95")
	assert.NotEqual(t, 0, code)
	assert.Contains(t, out, "ahpsim: --interval 95: want 80 or 90")
}

func TestAssumptionsInWordsWithSources(t *testing.T) {
	f, err := scenario.Parse("s.yaml", []byte(intervalYAML))
	require.NoError(t, err)
	in := &input{path: "s.yaml", name: "s", data: []byte(intervalYAML), file: f}
	j, err := newJob("compare", in)
	require.NoError(t, err)
	// assumptions reads the baseline's model from the comparison.
	got := assumptions(j, &sim.Comparison{Options: []*sim.Result{{Model: j.opts[0].Model}}})
	require.Len(t, got, 2)
	assert.Equal(t, "Occupational therapist", got[0].Label)
	assert.Equal(t, "Local HR extract, March 2025. Leaver rate: Turnover report, 2024/25.", got[0].Source)
	assert.Equal(t, "Band 6 retention premium", got[1].Label)
	assert.Equal(t, "band6 premium: leaver rate scaled by 0.8, from June 2025 to October 2025; £100,000 a year", got[1].Value,
		"no float noise, the last month in force")
	assert.Equal(t, "scenario s.yaml", got[1].Source, "no comment on the intervention or its value: the file")
	for _, a := range got {
		assert.NotContains(t, a.Value, "99999")
	}
}

func TestReadableNumbers(t *testing.T) {
	for v, want := range map[float64]string{0.7999999999999999: "0.8", 3: "3", 0.05: "0.05", 1300000: "1300000", 12.3456: "12.35", -0.5: "-0.5", 0: "0"} {
		assert.Equal(t, want, readable(v), "%v", v)
	}
	assert.Equal(t, "£1,300,000", pounds(1300000))
	assert.Equal(t, "-£1,234", pounds(-1234.4))
	assert.Equal(t, "April 2025", monthName(workforce.NewMonth(2025, 4)))
	iv := workforce.Intervention{Name: "x", Start: workforce.NewMonth(2024, 10), End: workforce.NewMonth(2024, 11)}
	m := &workforce.Model{}
	iv.Value = m.AddParam(workforce.FixedValue(10, 0, 100, "v"))
	iv.Mode = workforce.Add
	iv.OneOffCost, iv.AnnualCost = workforce.NoParam, workforce.NoParam
	assert.True(t, strings.HasSuffix(interventionWords(m, iv), ", in October 2024"), interventionWords(m, iv))
}
