package examples_test

import (
	"context"
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPairedIntervalsNarrowerOnTheOptionsExample checks, on bhr-options,
// that common random numbers pay off: for every option against the
// baseline, the standard error of the paired difference in the
// whole-system vacancy rate at the horizon is smaller than that of the
// difference of two independent means.
func TestPairedIntervalsNarrowerOnTheOptionsExample(t *testing.T) {
	data, err := examples.Read("bhr-options")
	require.NoError(t, err)
	f, err := scenario.Parse("bhr-options.yaml", data)
	require.NoError(t, err)
	opts, err := f.CompileOptions()
	require.NoError(t, err)
	simOpts := opts
	require.GreaterOrEqual(t, len(simOpts), 5, "a baseline and at least four options")
	c, err := sim.Compare(context.Background(), simOpts, sim.Settings{Runs: 120, Seed: 3}, sim.CompareSettings{})
	require.NoError(t, err)
	base := c.Options[0]
	last := len(base.Dates) - 1
	all := base.GroupIndex("all", "all", "all")
	vr := base.MetricIndex("vacancy_rate")
	for i := 1; i < len(c.Options); i++ {
		p := c.PairIndex(i, 0)
		paired := c.PairTable.Stats(c.PairSeries(p, last, all, 0))
		a, b := base.Stats(last, all, vr), c.Options[i].Stats(last, all, vr)
		unpaired := math.Sqrt(a.MCSE*a.MCSE + b.MCSE*b.MCSE)
		assert.Less(t, paired.MCSE, unpaired, "%s: paired SE %.5f, unpaired %.5f", c.Names[i], paired.MCSE, unpaired)
		t.Logf("%s: paired SE %.5f, unpaired %.5f (ratio %.2f)", c.Names[i], paired.MCSE, unpaired, paired.MCSE/unpaired)
	}
}
