package scenario_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
)

// An intervention in force April to September (end is the last month in
// force) in an annual step starting in April acts for half the step: the
// leaver rate 0.2 halved for 6 of 12 months is 0.15, and the running cost
// is charged for 6 months.
func TestAnnualStepInterventionFromAFile(t *testing.T) {
	const src = `
name: Half a year
simulation: {start: 2025-04, horizon_years: 1, step: annual}
workforce:
  - profession: occupational_therapist
    leaver_rate: 0.2
    bands: {6: {headcount: 100, vacancy_rate: 0}}
interventions:
  - {name: premium, lever: leaver_rate, mode: scale, value: 0.5, start: 2025-04, end: 2025-09, one_off_cost: 100, annual_cost: 1200}
`
	f, err := scenario.Parse("half.yaml", []byte(src))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	r, err := sim.Run(context.Background(), m, sim.Settings{Deterministic: true})
	require.NoError(t, err)
	g := r.GroupIndex("all", "all", "all")
	stat := func(metric string) float64 { return r.Stats(1, g, r.MetricIndex(metric)).Mean }
	assert.InDelta(t, 15, stat("leavers"), 1e-6)
	assert.InDelta(t, 100+600, stat("cost_interventions"), 1e-6)
}
