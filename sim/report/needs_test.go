package report

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

func models(opts []sim.Option) []*workforce.Model {
	var out []*workforce.Model
	for _, o := range opts {
		out = append(out, o.Model)
	}
	return out
}

// TestMissing checks what Missing says a selection lacks: nothing for
// everything and for the default; for a smaller selection, the metrics
// the models report and the kinds the charts (and the report) read.
func TestMissing(t *testing.T) {
	ms := models(testOptions(t))
	for _, job := range [][]*workforce.Model{ms, ms[:1]} {
		for _, sel := range []sim.Selection{{}, sim.DefaultSelection(job)} {
			for _, html := range []bool{false, true} {
				metrics, groups := Missing(job, sel, len(job) > 1, html)
				assert.Empty(t, metrics, "%s", sel)
				assert.Empty(t, groups, "%s", sel)
			}
		}
	}
	sel := sim.Selection{Metrics: []string{"vacancy_rate", "leavers"}, Groups: []sim.GroupKind{sim.GroupSystem, sim.GroupCells}}
	metrics, groups := Missing(ms[:1], sel, false, false)
	assert.Equal(t, []string{"in_post_fte", "joiners_external", "joiners_graduate"}, metrics,
		"the single option's charts: no cost chart, no international joiners in the baseline")
	assert.Equal(t, []sim.GroupKind{sim.GroupProfessions, sim.GroupBands}, groups)
	metrics, groups = Missing(ms, sel, true, true)
	assert.Equal(t, []string{"in_post_hc", "in_post_fte", "establishment_fte", "joiners_external", "joiners_graduate", "joiners_international"}, metrics,
		"a comparison keeps vacancies_fte and cost_cumulative_total; the report reads the rest")
	assert.Equal(t, []sim.GroupKind{sim.GroupProfessions, sim.GroupBands, sim.GroupProfessionBands}, groups)
}

// TestFiguresOfASelection checks that Figures, Findings and HTML accept a
// comparison that lacks the whole-system group and most metrics: charts
// whose series are missing are left out (never drawn empty), and nothing
// panics.
func TestFiguresOfASelection(t *testing.T) {
	opts := testOptions(t)
	for _, sel := range []sim.Selection{
		{Metrics: []string{"leavers"}, Groups: []sim.GroupKind{sim.GroupCells}},
		{Metrics: []string{"in_post_fte"}, Groups: []sim.GroupKind{sim.GroupBands}},
		{Groups: []sim.GroupKind{sim.GroupProfessions}},
	} {
		c := compare(t, opts, sim.Settings{Runs: 20, Seed: 7, Workers: 2, Report: sel})
		figs, err := Figures(c)
		require.NoError(t, err, "%s", sel)
		var names []string
		for _, f := range figs {
			names = append(names, f.Name)
			var buf bytes.Buffer
			require.NoError(t, f.Render("svg", &buf))
		}
		assert.Contains(t, names, "vacancy_rate_all", "the trace is kept whatever the selection")
		if !sel.KeepsGroups(sim.GroupSystem) {
			assert.NotContains(t, names, "vacancy_rate_difference")
			assert.NotContains(t, names, "joiners_leavers")
		}
		if !sel.KeepsGroups(sim.GroupProfessions) {
			assert.NotContains(t, names, "vacancy_rate_by_profession")
		} else {
			assert.Contains(t, names, "vacancy_rate_by_profession")
		}
		if !sel.KeepsGroups(sim.GroupBands) {
			assert.NotContains(t, names, "vacancy_rate_by_band")
		}
		if sel.KeepsMetric("in_post_fte", true) && sel.KeepsGroups(sim.GroupBands) {
			assert.Contains(t, names, "in_post_by_band")
		} else {
			assert.NotContains(t, names, "in_post_by_band")
		}
		assert.NotPanics(t, func() { Findings(c) })
		_, err = HTML(c, testInfo)
		require.NoError(t, err, "%s", sel)
	}
}
