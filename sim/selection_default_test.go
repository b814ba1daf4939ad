package sim_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

func optionModels(opts []sim.Option) []*workforce.Model {
	var out []*workforce.Model
	for _, o := range opts {
		out = append(out, o.Model)
	}
	return out
}

// TestDefaultSelectionRowsAreTheWholeOutputsRows checks that the default
// selection of a one-organisation example keeps every kind of group and
// the default metrics the models report, in output order; that its
// summary.csv is, byte for byte, the whole output's rows of those metrics;
// and that its comparison.csv is the whole output's, since it keeps
// every group and date and the paired metrics.
func TestDefaultSelectionRowsAreTheWholeOutputsRows(t *testing.T) {
	opts := exampleOptions(t, "bhr-options")
	models := optionModels(opts)
	def := sim.DefaultSelection(models)
	assert.Nil(t, def.Groups, "one organisation: every kind")
	assert.Zero(t, def.EveryMonths)
	var want []string
	for _, name := range sim.MetricNames(models) {
		if slices.Contains(sim.DefaultMetrics, sim.MetricName(name)) {
			want = append(want, name)
		}
	}
	assert.Equal(t, want, def.Metrics)
	assert.Contains(t, def.Metrics, "joiners_international", "reported by this example")
	assert.Equal(t, "default", def.Kind(models))
	assert.Equal(t, "all", sim.Selection{}.Kind(models))
	assert.Equal(t, "custom", sim.Selection{Metrics: []string{"vacancy_rate"}}.Kind(models))

	cs := sim.CompareSettings{Target: 0.1, HasTarget: true}
	base := sim.Settings{Runs: 12, Seed: 3, Workers: 2}
	whole, wholePairs, wc := csvLines(t, opts, base, cs)
	var wantRows []string
	for _, line := range whole {
		if selected(line, def, def.Metrics, keptDates(wc.Options[0], 0)) {
			wantRows = append(wantRows, line)
		}
	}
	require.Less(t, len(wantRows), len(whole))
	s := base
	s.Report = def
	got, gotPairs, _ := csvLines(t, opts, s, cs)
	assert.Equal(t, wantRows, got)
	assert.Equal(t, wholePairs, gotPairs, "comparison.csv is unchanged by the default")
}

// TestSelectionKeeps checks KeepsMetric (with the metrics a comparison
// keeps) and KeepsGroups.
func TestSelectionKeeps(t *testing.T) {
	all := sim.Selection{}
	assert.True(t, all.KeepsMetric("promotions", false))
	assert.True(t, all.KeepsGroups(sim.GroupCells))
	s := sim.Selection{Metrics: []string{"leavers"}, Groups: []sim.GroupKind{sim.GroupBands}}
	assert.True(t, s.KeepsMetric("leavers", false))
	assert.False(t, s.KeepsMetric("vacancy_rate", false))
	assert.True(t, s.KeepsMetric("vacancy_rate", true), "a comparison keeps its paired metrics")
	assert.False(t, s.KeepsMetric("in_post_fte", true))
	assert.True(t, s.KeepsGroups(sim.GroupBands))
	assert.False(t, s.KeepsGroups(sim.GroupSystem))
	assert.Equal(t, sim.Selection{}, sim.DefaultSelection(nil))
}
