package sim

import (
	"context"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func modeGaps(t *testing.T, m testModel, runs int) ([]ModeGap, *Comparison) {
	t.Helper()
	c, err := Compare(context.Background(), []Option{{Name: "baseline", Model: m.Model}}, Settings{Runs: runs, Seed: 21}, CompareSettings{})
	require.NoError(t, err)
	gaps, err := ModeGaps(context.Background(), c)
	require.NoError(t, err)
	return gaps, c
}

// Where nothing caps a flow the model is linear in FTE, so the two modes
// agree within Monte Carlo error.
func TestModeGapIsNoiseWhereTheModelIsLinear(t *testing.T) {
	gaps, c := modeGaps(t, smallTeamModel(t, 3, 0.9, 0.15, 0.1), 2000)
	require.NotEmpty(t, gaps)
	last := gaps[len(gaps)-1]
	assert.Equal(t, c.Options[0].Dates[5].String(), last.Date, "the last date is reported")
	res := c.Options[0]
	st := res.Stats(len(res.Dates)-1, res.GroupIndex("all", "all", "all"), res.MetricIndex("vacancy_rate"))
	assert.InDelta(t, 0, last.GapPoints/100, 5*st.MCSE+0.0001, "gap %v points", last.GapPoints)
	assert.InDelta(t, last.MonteCarloMean-last.ExpectedValue, last.GapPoints/100, 0.0001)
}

// Graduate hiring takes the smaller of the willing and the posts: 10
// graduates, half of them willing, for 5 posts. Expected-value mode hires
// min(5, 5) = 5; Monte Carlo hires min(W, 5) with W ~ Bin(10, 0.5), on
// average 5 - E[(5 - W)+] = 5 - 630/1024, so 12.3% of the posts stay
// vacant on average, and the gap is that.
func TestModeGapShowsWhereGraduateHiringTakesAMinimum(t *testing.T) {
	m := newTestModel(t, 1, 12, [3]int{0, 0, 0}, [3]float64{5, 0, 0})
	m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: 0, Month: 9, Size: m.param(10, 0, 1e6), Conversion: m.prob(0.5)})
	gaps, c := modeGaps(t, m, 4000)
	require.Len(t, gaps, 2, "the system and the one profession, at the last date")
	res := c.Options[0]
	st := res.Stats(1, res.GroupIndex("all", "all", "all"), res.MetricIndex("vacancy_rate"))
	want := 630.0 / 1024 / 5
	for _, g := range gaps {
		assert.InDelta(t, 0, g.ExpectedValue, 1e-9)
		assertWithinMCSE(t, want, g.MonteCarloMean, st.MCSE, "Monte Carlo vacancy rate")
		assert.InDelta(t, 100*g.MonteCarloMean, g.GapPoints, 0.0051, "rounded to 0.01 points")
	}
	none, err := ModeGaps(context.Background(), &Comparison{Settings: Settings{Deterministic: true}})
	require.NoError(t, err)
	assert.Nil(t, none, "no gap for an expected-value comparison")
}

// With a selection, the expected-value run is matched by date, group and
// metric name: the gap of the selected system group is the same as
// without a selection, and unselected groups have none.
func TestModeGapFollowsTheSelection(t *testing.T) {
	m := newTestModel(t, 1, 12, [3]int{0, 0, 0}, [3]float64{5, 0, 0})
	m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: 0, Month: 9, Size: m.param(10, 0, 1e6), Conversion: m.prob(0.5)})
	all, _ := modeGaps(t, m, 400)
	s := Settings{Runs: 400, Seed: 21, Report: Selection{Groups: []GroupKind{GroupSystem}, Metrics: []string{"vacancy_rate"}}}
	c, err := Compare(context.Background(), []Option{{Name: "baseline", Model: m.Model}}, s, CompareSettings{})
	require.NoError(t, err)
	gaps, err := ModeGaps(context.Background(), c)
	require.NoError(t, err)
	require.Len(t, gaps, 1, "the system only")
	assert.Equal(t, "all", gaps[0].Profession)
	assert.Equal(t, all[0], gaps[0])
}

// An option whose only cost is its intervention's, beside a baseline with
// no costs at all: the baseline does not report the cost metrics the
// comparison summarises, and its expected-value run must not ask it for
// them. The gaps are those of each option on its own.
func TestModeGapOfAnOptionThatAloneHasCosts(t *testing.T) {
	m := newTestModel(t, 1, 24, [3]int{20, 0, 0}, [3]float64{22, 0, 0})
	m.Cells[0].LeaverRate, m.Cells[0].RecruitFill = m.prob(0.12), m.prob(0.2)
	scale, cost := m.param(0.8, 0, 10), m.count(100000) // both models hold the params
	base := m.Model
	withCost := *m.Model
	withCost.Interventions = []workforce.Intervention{{Name: "premium", Lever: workforce.LeverLeaverRate,
		Cells: []int{0}, Mode: workforce.Scale, Value: scale, Start: m.Start + 2,
		OneOffCost: workforce.NoParam, AnnualCost: cost}}
	require.False(t, usesCosts(base))
	require.True(t, usesCosts(&withCost))
	models := []*workforce.Model{base, &withCost}
	s := Settings{Runs: 50, Seed: 3, Report: DefaultSelection(models)}
	c, err := Compare(context.Background(), []Option{{Name: "baseline", Model: base}, {Name: "premium", Model: &withCost}}, s, CompareSettings{})
	require.NoError(t, err)
	require.GreaterOrEqual(t, c.Options[1].MetricIndex(string(CostCumulativeTotal)), 0, "the comparison summarises the option's costs")
	gaps, err := ModeGaps(context.Background(), c)
	require.NoError(t, err)
	for i, name := range []string{"baseline", "premium"} {
		alone, err := Compare(context.Background(), []Option{{Name: name, Model: models[i]}}, Settings{Runs: 50, Seed: 3}, CompareSettings{})
		require.NoError(t, err)
		want, err := ModeGaps(context.Background(), alone)
		require.NoError(t, err)
		var got []ModeGap
		for _, g := range gaps {
			if g.Option == name {
				got = append(got, g)
			}
		}
		require.NotEmpty(t, got, name)
		assert.Equal(t, want[len(want)-1].ExpectedValue, got[len(got)-1].ExpectedValue, name)
	}
}
