package sim

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// TestSummaryErrorNames: an error from any table of a comparison names the
// run, the option, the metric, the cells (the smallest group whose value
// is too large) and the date.
func TestSummaryErrorNames(t *testing.T) {
	base, _, premium := optionModels(t)
	opts := []Option{{Name: "baseline", Model: base.Model}, {Name: "premium", Model: premium.Model}}
	c, err := NewComparison(opts, Settings{Runs: 1}, CompareSettings{Target: 0.1, HasTarget: true})
	require.NoError(t, err)
	r := c.Options[0]
	all, band6 := r.GroupIndex("all", "all", "all"), r.GroupIndex("system", "occupational_therapist", "6")
	cost := r.MetricIndex("cost_pay")
	values := make([]float64, r.Table.Len())
	values[r.Series(2, all, cost)] = 3e16
	values[r.Series(2, band6, cost)] = 3e16
	bad := func(series int, v float64) error {
		return &summary.ValueError{Series: series, Value: v, Resolution: 0.01, Reason: "is beyond"}
	}
	for _, tc := range []struct {
		err          error
		table, which int
		want         string
	}{
		{bad(r.Series(2, all, cost), 3e16), tableResult, 1,
			`sim: value too large to summarise: run 7 of option "premium": cost_pay of system/occupational_therapist/6 at 2027-04 is 3e+16 GBP (a summary holds at most ±2.306e+16 GBP)`},
		{bad(3, math.Inf(1)), tableTrace, 0,
			`sim: value too large to summarise: run 7 of option "baseline": the whole system's vacancy_rate in 2025-07 is +Inf (a summary holds at most ±2.306e+16)`},
		{bad(c.PairSeries(0, 1, band6, pmCost), -1e17), tablePairs, 0,
			`sim: value too large to summarise: run 7: cost_cumulative_total_diff of option "premium" against "baseline" for system/occupational_therapist/6 at 2026-04 is -1e+17 GBP (a summary holds at most ±2.306e+16 GBP)`},
	} {
		got := c.summaryError(tc.err, tc.table, tc.which, 7, values)
		assert.EqualError(t, got, tc.want)
		assert.ErrorIs(t, got, ErrTooLarge)
	}
	other := errors.New("other")
	assert.Equal(t, other, c.summaryError(other, tableResult, 0, 7, values))
}

// TestFirstRunError: the lowest failing run is reported, whatever order
// the workers met their errors in.
func TestFirstRunError(t *testing.T) {
	a, b := errors.New("run 3"), errors.New("run 5")
	assert.NoError(t, firstRunError([]*runError{nil, nil}))
	assert.Equal(t, a, firstRunError([]*runError{{5, b}, nil, {3, a}}))
}

// TestTinyEstablishmentRateUndefined: a vacancy rate whose establishment
// is a tiny fraction of its staff (here 1e-9 FTE for a million heads, a
// rate of -1e15) is undefined, like one with no establishment, instead of
// a number no summary holds.
func TestTinyEstablishmentRateUndefined(t *testing.T) {
	m := newTestModel(t, 12, 2, [3]int{1_000_000, 10, 10}, [3]float64{1e-9, 10, 5})
	res, err := Run(context.Background(), m.Model, Settings{Runs: 2, Workers: 1})
	require.NoError(t, err)
	vr := res.MetricIndex("vacancy_rate")
	st := res.Stats(0, res.GroupIndex("system", "occupational_therapist", "5"), vr)
	assert.Equal(t, int64(2), st.Undefined)
	assert.False(t, st.Defined())
	st = res.Stats(0, res.GroupIndex("system", "occupational_therapist", "7"), vr)
	assert.InDelta(t, -1, st.Mean, 1e-12, "(5 - 10) / 5: rates within MaxRate are kept")
	assert.True(t, math.IsNaN(rate(1, 0)) && math.IsNaN(rate(0, 0)) && math.IsNaN(rate(-MaxRate-1, 1)))
	assert.Equal(t, -MaxRate, rate(-MaxRate, 1))
}

// TestValidateLimits: a model built in Go gets the ranges a scenario file
// gets (sim.Validate), so the cases fail before they run.
func TestValidateLimits(t *testing.T) {
	build := func(change func(m testModel)) error {
		m := newTestModel(t, 1, workforce.MaxHorizonMonths, [3]int{10, 10, 10}, [3]float64{10, 10, 10})
		change(m)
		return m.Validate()
	}
	for _, tc := range []struct {
		name   string
		change func(m testModel)
		want   string
	}{
		{"growth 2 over 30 years", func(m testModel) { m.Cells[0].EstablishmentGrowth = m.param(2, -1, 2) },
			"system/occupational_therapist/5 establishment growth: parameter range [-1, 2] is outside [-1, 0.0797]"},
		{"cohort 1e18", func(m testModel) {
			m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: 0, Month: 9, Size: m.param(1e18, 0, math.Inf(1)), Conversion: m.prob(1)})
		}, "graduate cohort 0 size: parameter range [0, +Inf] is outside [0, 1e+06]"},
		{"pay 1e9", func(m testModel) { m.Costs.PayPerFTE[workforce.Band5] = 1e9 },
			"costs: pay or training cost 1e+09 is outside [0, 1e+06]"},
		{"a million and one heads", func(m testModel) { m.Cells[1].Headcount = workforce.MaxCellSize + 1 },
			"system/occupational_therapist/6: headcount 1000001 is outside [0, 1000000]"},
		{"scale 20", func(m testModel) {
			m.Interventions = append(m.Interventions, workforce.Intervention{Name: "x", Lever: workforce.LeverEstablishment, Cells: []int{0},
				Mode: workforce.Scale, Value: m.param(20, 0, 20), Start: m.Start})
		}, "intervention 0 (x) value: parameter range [0, 20] is outside [0, 10]"},
	} {
		assert.ErrorContains(t, build(tc.change), tc.want, tc.name)
	}
	assert.NoError(t, build(func(m testModel) { m.Cells[0].EstablishmentGrowth = m.param(0.0797, -1, 0.0797) }))
	assert.Equal(t, 1.0, workforce.MaxGrowth(12))
	assert.Equal(t, 0.0797, workforce.MaxGrowth(360))
}
