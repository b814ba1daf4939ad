package sim

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// optionModels returns a baseline and options built on it: the baseline's
// parameters first, each option's own appended, as package scenario does.
func optionModels(t *testing.T) (base testModel, same, premium testModel) {
	build := func() testModel {
		m := newTestModel(t, 1, 36, [3]int{60, 45, 20}, [3]float64{70, 50, 24})
		rate := m.AddParam(workforce.Dist{Kind: workforce.Uniform, A: 0.10, B: 0.20, Min: 0, Max: 1, Name: "leaver_rate"})
		for c := range m.Cells {
			m.Cells[c].LeaverRate = rate
			m.Cells[c].RecruitFill = m.prob(0.08)
		}
		m.Costs.PayPerFTE[workforce.Band6] = 40000
		m.Promotions = append(m.Promotions, workforce.Promotion{From: 0, To: 1, MinMonths: 12, ApplyProb: m.prob(0.1)})
		return m
	}
	base, same, premium = build(), build(), build()
	// A no-op: scale the leaver rate by 1.
	same.Interventions = append(same.Interventions, workforce.Intervention{Name: "nothing", Lever: workforce.LeverLeaverRate,
		Cells: []int{1}, Mode: workforce.Scale, Value: same.param(1, 0, 10), Start: same.Start})
	premium.Interventions = append(premium.Interventions, workforce.Intervention{Name: "retention premium", Lever: workforce.LeverLeaverRate,
		Cells: []int{1}, Mode: workforce.Scale, Value: premium.param(0.6, 0, 10), Start: premium.Start + 6,
		AnnualCost: premium.count(50000)})
	return base, same, premium
}

func compareOptions(t *testing.T, s Settings, ms ...testModel) *Comparison {
	t.Helper()
	var opts []Option
	for i, m := range ms {
		opts = append(opts, Option{Name: []string{"baseline", "same", "premium"}[i], Model: m.Model})
	}
	c, err := Compare(context.Background(), opts, s, CompareSettings{Target: 0.1, HasTarget: true})
	require.NoError(t, err)
	return c
}

func TestCommonRandomNumbersIdenticalOptionHasZeroDifference(t *testing.T) {
	base, same, _ := optionModels(t)
	c := compareOptions(t, Settings{Runs: 300, Seed: 4}, base, same)
	require.Len(t, c.Pairs, 1)
	r := c.Options[0]
	for d := range r.Dates {
		for g := range r.Groups {
			for pm := range numPairMetrics {
				st := c.PairTable.Stats(c.PairSeries(0, d, g, pm))
				if !st.Defined() {
					continue
				}
				// Every run's difference is exactly zero, so every statistic is.
				assert.Zero(t, st.Mean, "%s date %d group %d", PairMetrics[pm].Name, d, g)
				assert.Zero(t, st.P05)
				assert.Zero(t, st.P95)
			}
		}
	}
	// And the baseline of a comparison is the same as running it alone.
	alone := run(t, base, Settings{Runs: 300, Seed: 4})
	var a, b bytes.Buffer
	require.NoError(t, alone.WriteSummaryCSV(&a, "baseline", true))
	require.NoError(t, c.Options[0].WriteSummaryCSV(&b, "baseline", true))
	assert.Equal(t, a.String(), b.String())
}

func TestPairedIntervalNarrowerThanUnpaired(t *testing.T) {
	base, _, premium := optionModels(t)
	c := compareOptions(t, Settings{Runs: 1000, Seed: 8}, base, premium)
	last := len(c.Options[0].Dates) - 1
	g := c.Options[0].GroupIndex("all", "all", "all")
	vr := c.Options[0].MetricIndex("vacancy_rate")
	sa, sb := c.Options[0].Stats(last, g, vr), c.Options[1].Stats(last, g, vr)
	paired := c.PairTable.Stats(c.PairSeries(0, last, g, pmVacancyRate))
	unpaired := math.Sqrt(sa.MCSE*sa.MCSE + sb.MCSE*sb.MCSE)
	assert.Less(t, paired.MCSE, unpaired/1.5, "common random numbers should shrink the standard error")
	// Equal up to rounding: each value, and each difference, is rounded to 1e-6.
	assert.InDelta(t, sb.Mean-sa.Mean, paired.Mean, 1e-6, "mean difference = difference of means")
	assert.Less(t, paired.Mean, 0.0, "a retention premium lowers the vacancy rate")
}

// TestComparisonFiguresByHand recomputes the paired figures from the runs
// themselves, drawn with the engine directly, and checks the comparison.
func TestComparisonFiguresByHand(t *testing.T) {
	base, _, premium := optionModels(t)
	const runs = 60
	c := compareOptions(t, Settings{Runs: runs, Seed: 21, Workers: 2}, base, premium)
	r := c.Options[0]
	list := r.Metrics
	ea, eb := newEngine(base.Model, false, list), newEngine(premium.Model, false, list)
	va, vb := make([]float64, r.Table.Len()), make([]float64, r.Table.Len())
	last := len(r.Dates) - 1
	all := r.GroupIndex("all", "all", "all")
	vr, cost, years := r.MetricIndex("vacancy_rate"), r.MetricIndex("cost_cumulative_total"), r.MetricIndex("vacancy_fte_years")
	better, below, sumCost, sumYears := 0, 0, 0.0, 0.0
	for i := range runs {
		ea.simulate(21, i, va, nil)
		eb.simulate(21, i, vb, nil)
		s := r.Series(last, all, vr)
		if vb[s] < va[s] {
			better++
		}
		if vb[s] < 0.1 {
			below++
		}
		sumCost += vb[r.Series(last, all, cost)] - va[r.Series(last, all, cost)]
		sumYears += vb[r.Series(last, all, years)] - va[r.Series(last, all, years)]
	}
	st := c.PairTable.Stats(c.PairSeries(0, last, all, pmBetter))
	assert.InDelta(t, float64(better)/runs, st.Mean, 1e-12, "probability better")
	st = c.BelowTargetStats(1, last, all)
	assert.InDelta(t, float64(below)/runs, st.Mean, 1e-12, "probability below target")
	st = c.PairTable.Stats(c.PairSeries(0, last, all, pmCost))
	// Costs are summed to the penny before they are averaged.
	assert.InDelta(t, sumCost/runs, st.Mean, 0.01)
	perYear, ok := c.CostPerVacancyYearAvoided(0, all)
	require.True(t, ok, "the premium avoids vacancy-years")
	// Both sums are rounded to their resolutions (a penny, 0.0001 FTE-year) first.
	assert.InEpsilon(t, (sumCost/runs)/(-sumYears/runs), perYear, 1e-5)
	// The premium costs 50,000 a year from month 7 to 36: 2.5 years, plus
	// the pay of the Band 6 staff it keeps.
	assert.Greater(t, sumCost/runs, 125000.0-1)
}

func TestShardsMergeToTheWholeJob(t *testing.T) {
	base, _, premium := optionModels(t)
	opts := []Option{{Name: "baseline", Model: base.Model}, {Name: "premium", Model: premium.Model}}
	cs := CompareSettings{Target: 0.1, HasTarget: true}
	whole, err := Compare(context.Background(), opts, Settings{Runs: 37, Seed: 5}, cs)
	require.NoError(t, err)
	merged, err := NewComparison(opts, Settings{Runs: 37, Seed: 5}, cs)
	require.NoError(t, err)
	for shard := range 4 {
		part, err := Compare(context.Background(), opts, Settings{Runs: 37, Seed: 5, Shard: shard, Shards: 4, Workers: 1}, cs)
		require.NoError(t, err)
		data, err := part.MarshalBinary()
		require.NoError(t, err)
		require.NoError(t, merged.MergeBinary(data))
	}
	var a, b bytes.Buffer
	require.NoError(t, whole.WriteComparisonCSV(&a))
	require.NoError(t, merged.WriteComparisonCSV(&b))
	assert.Equal(t, a.String(), b.String())
	a.Reset()
	b.Reset()
	require.NoError(t, whole.Options[1].WriteSummaryCSV(&a, "premium", true))
	require.NoError(t, merged.Options[1].WriteSummaryCSV(&b, "premium", true))
	assert.Equal(t, a.String(), b.String())

	// A part of another job is refused.
	other, err := Compare(context.Background(), opts, Settings{Runs: 37, Seed: 6, Shards: 4}, cs)
	require.NoError(t, err)
	data, _ := other.MarshalBinary()
	assert.ErrorContains(t, merged.MergeBinary(data), "seed")
	assert.Error(t, merged.MergeBinary([]byte("junk")))
	assert.Error(t, merged.MergeBinary(data[:len(data)/2]))
}

func TestCompareRejectsIncomparableOptions(t *testing.T) {
	base, _, _ := optionModels(t)
	other := newTestModel(t, 1, 24, [3]int{1, 1, 1}, [3]float64{1, 1, 1})
	_, err := Compare(context.Background(), []Option{{Name: "a", Model: base.Model}, {Name: "b", Model: other.Model}}, Settings{Runs: 2}, CompareSettings{})
	assert.ErrorContains(t, err, "time axis")
}
