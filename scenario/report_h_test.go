package scenario_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
)

// TestReportSection checks that a report section becomes the run
// settings' selection, and that a file without one selects everything.
func TestReportSection(t *testing.T) {
	const base = `name: x
simulation: {start: 2025-04, horizon_years: 2, report_every_months: 6}
workforce:
  - profession: occupational_therapist
    bands: {5: {headcount: 10}}
`
	f, err := scenario.Parse("x.yaml", []byte(base+"report: {metrics: [vacancy_rate, leavers], groups: [cells, system], every_months: 12}\n"))
	require.NoError(t, err)
	assert.Equal(t, sim.Selection{Metrics: []string{"vacancy_rate", "leavers"},
		Groups: []sim.GroupKind{sim.GroupCells, sim.GroupSystem}, EveryMonths: 12}, f.Settings().Report)
	f, err = scenario.Parse("x.yaml", []byte(base))
	require.NoError(t, err)
	assert.True(t, f.Settings().Report.IsAll())
}
