package scenario_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
)

const reportBase = `name: x
simulation: {start: 2025-04, horizon_years: 2, report_every_months: 6}
organisations: [{key: a, name: A}, {key: b, name: B}]
workforce:
  - organisation: a
    profession: occupational_therapist
    bands: {5: {headcount: 10}}
  - organisation: b
    profession: occupational_therapist
    bands: {5: {headcount: 10}}
`

// TestReportSection checks that a report section becomes the run
// settings' selection, its keys left out taking the default, and that a
// file without one gets the default selection.
func TestReportSection(t *testing.T) {
	f, err := scenario.Parse("x.yaml", []byte(reportBase+"report: {metrics: [vacancy_rate, leavers], groups: [cells, system], every_months: 12}\n"))
	require.NoError(t, err)
	assert.Equal(t, sim.Selection{Metrics: []string{"vacancy_rate", "leavers"},
		Groups: []sim.GroupKind{sim.GroupCells, sim.GroupSystem}, EveryMonths: 12}, f.Settings().Report)

	f, err = scenario.Parse("x.yaml", []byte(reportBase))
	require.NoError(t, err)
	def := defaultSelection(t, f)
	assert.Equal(t, def, f.Settings().Report)
	assert.Equal(t, sim.DefaultGroups, def.Groups, "two organisations: the default kinds")
	assert.Contains(t, def.Metrics, "vacancy_rate")
	assert.NotContains(t, def.Metrics, "promotions")

	f, err = scenario.Parse("x.yaml", []byte(reportBase+"report: {every_months: 12}\n"))
	require.NoError(t, err)
	assert.Equal(t, sim.Selection{Metrics: def.Metrics, Groups: def.Groups, EveryMonths: 12}, f.Settings().Report)
}

// TestReportAll checks the word all, as a scalar and as a one-name list,
// for every metric and every kind of group.
func TestReportAll(t *testing.T) {
	for _, section := range []string{
		"report: {metrics: all, groups: all}\n",
		"report: {metrics: [all], groups: [all]}\n",
	} {
		f, err := scenario.Parse("x.yaml", []byte(reportBase+section))
		require.NoError(t, err, section)
		assert.True(t, f.Settings().Report.IsAll(), section)
	}
	f, err := scenario.Parse("x.yaml", []byte(reportBase+"report: {groups: all}\n"))
	require.NoError(t, err)
	s := f.Settings().Report
	assert.Nil(t, s.Groups)
	assert.Equal(t, defaultSelection(t, f).Metrics, s.Metrics)
}

// TestReportAllErrors checks that a scalar other than all is refused with
// its place and what is wanted.
func TestReportAllErrors(t *testing.T) {
	_, err := scenario.Parse("x.yaml", []byte(reportBase+"report: {metrics: every, groups: 3}\n"))
	require.Error(t, err)
	assert.Equal(t, `x.yaml:11:19: report.metrics: wrong type (got "every", want a list of names, or the word all)`+"\n"+
		`x.yaml:11:34: report.groups: wrong type (got 3, want a list of names, or the word all)`, err.Error())
}
