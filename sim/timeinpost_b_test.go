package sim

import (
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// earlyCareerModel is one Band 5 cell of heads, refilled every step (a
// monthly fill of 1), leaving at 0.30 a year in the first 12 months in
// post, 0.18 in the next 12 and 0.10 after. A promotion rule that never
// fires keeps 48 months of tenure buckets, so that the buckets of each
// band can be told apart after the step's ageing (the last two buckets
// merge).
func earlyCareerModel(t *testing.T, step, steps, heads int) testModel {
	m := newTestModel(t, step, steps, [3]int{heads, 0, 0}, [3]float64{float64(heads), 0, 0})
	c := &m.Cells[0]
	c.LeaverRate = m.prob(0.10)
	c.RecruitFill = m.prob(1)
	c.TimeInPostLeaverRates = []workforce.TimeInPostRate{{UnderMonths: 12, Rate: m.prob(0.30)}, {UnderMonths: 24, Rate: m.prob(0.18)}}
	m.Promotions = append(m.Promotions, workforce.Promotion{From: 0, To: 1, MinMonths: 48, ApplyProb: m.prob(0)})
	require.NoError(t, m.Validate())
	return m
}

// bucketLeavers runs steps of engine e and adds, per logical tenure bucket
// at the start of a step, the heads exposed and the heads gone by its end.
// Arrivals enter bucket 0 only, so the heads of bucket k that stay are in
// bucket k+1 after the step (the last bucket keeps its own).
func bucketLeavers(e *engine, from, to int, exposed, gone []float64) {
	T := e.numTenures
	before := make([]float64, T)
	for t := range to {
		for k := range T {
			before[k] = e.count[e.stratum(0, 0, k)]
		}
		e.step(t)
		if t < from {
			continue
		}
		for k := range T - 2 {
			exposed[k] += before[k]
			gone[k] += before[k] - e.count[e.stratum(0, 0, k+1)]
		}
	}
}

// TestLeaversByTimeInPostMatchInputRates: in a steady, refilled cell, the
// leavers of each time-in-post band over the heads in it are the band's
// annual rate (step probability r Δ/12), for monthly, quarterly and annual
// steps; with annual steps the first bucket holds the first 12 months.
func TestLeaversByTimeInPostMatchInputRates(t *testing.T) {
	for _, step := range []int{1, 3, 12} {
		m := earlyCareerModel(t, step, 120/step, 3000)
		e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
		T := e.numTenures
		exposed, gone := make([]float64, T), make([]float64, T)
		for r := range 20 {
			e.beginRun(31, r)
			bucketLeavers(e, 24/step, 120/step, exposed, gone)
		}
		bands := []struct {
			lo, hi int // months in post
			rate   float64
		}{{0, 12, 0.30}, {12, 24, 0.18}, {24, 46, 0.10}}
		for _, b := range bands {
			n, x := 0.0, 0.0
			for k := b.lo / step; k*step < b.hi; k++ {
				n += exposed[k]
				x += gone[k]
			}
			q := b.rate * float64(step) / 12
			got := x / n * 12 / float64(step)
			mcse := math.Sqrt(n*q*(1-q)) / n * 12 / float64(step)
			t.Logf("step %d band %d-%d: n %.0f got %.4f mcse %.4f", step, b.lo, b.hi, n, got, mcse)
			assertWithinMCSE(t, b.rate, got, mcse, "leaver rate in months "+itoa(b.lo)+"-"+itoa(b.hi)+", step "+itoa(step))
		}
	}
}

// TestTimeInPostBandEndingInsideAStep: a band that ends inside a step
// gives that step's bucket the mean of the rates over its months: with
// annual steps and 0.40 for the first 6 months, then 0.10, the first year
// loses (0.40 + 0.10)/2 = 0.25 of a cohort, exactly in expected-value mode.
func TestTimeInPostBandEndingInsideAStep(t *testing.T) {
	m := newTestModel(t, 12, 3, [3]int{1000, 0, 0}, [3]float64{0, 0, 0})
	c := &m.Cells[0]
	c.InitialSpreadMonths = 1 // everyone starts in their first month in post
	c.LeaverRate = m.prob(0.10)
	c.TimeInPostLeaverRates = []workforce.TimeInPostRate{{UnderMonths: 6, Rate: m.prob(0.40)}}
	det, mc := both(t, m, 2000)
	checkBoth(t, det, mc, 1, "system", ot, "5", "leavers", 1000*0.25)
	checkBoth(t, det, mc, 2, "system", ot, "5", "leavers", 750*0.10)
}

// TestTimeInPostCohortExpectedValues follows a cohort in expected-value
// mode, monthly: it loses 0.30/12 a month for 12 months, then 0.18/12 a
// month for 12, then 0.10/12.
func TestTimeInPostCohortExpectedValues(t *testing.T) {
	m := newTestModel(t, 1, 36, [3]int{1000, 0, 0}, [3]float64{0, 0, 0})
	c := &m.Cells[0]
	c.InitialSpreadMonths = 1
	c.LeaverRate = m.prob(0.10)
	c.TimeInPostLeaverRates = []workforce.TimeInPostRate{{UnderMonths: 12, Rate: m.prob(0.30)}, {UnderMonths: 24, Rate: m.prob(0.18)}}
	det, mc := both(t, m, 2000)
	n := 1000.0
	for year, r := range []float64{0.30, 0.18, 0.10} {
		left := n * math.Pow(1-r/12, 12)
		checkBoth(t, det, mc, year+1, "system", ot, "5", "leavers", n-left)
		n = left
	}
}

// TestLeaverRateInterventionScalesTimeInPostRates: an intervention that
// scales the leaver rate scales every time-in-post rate with it.
func TestLeaverRateInterventionScalesTimeInPostRates(t *testing.T) {
	m := newTestModel(t, 12, 2, [3]int{1000, 0, 0}, [3]float64{0, 0, 0})
	c := &m.Cells[0]
	c.InitialSpreadMonths = 1
	c.LeaverRate = m.prob(0.10)
	c.TimeInPostLeaverRates = []workforce.TimeInPostRate{{UnderMonths: 12, Rate: m.prob(0.30)}}
	m.Interventions = append(m.Interventions, workforce.Intervention{Name: "retain", Lever: workforce.LeverLeaverRate,
		Cells: []int{0}, Mode: workforce.Scale, Value: m.param(0.5, 0, 10), Start: m.Start,
		OneOffCost: workforce.NoParam, AnnualCost: workforce.NoParam})
	require.NoError(t, m.Validate())
	det := run(t, m, Settings{Deterministic: true})
	got, _ := mean(t, det, 1, "system", ot, "5", "leavers")
	assert.InDelta(t, 1000*0.15, got, 1e-9)
	got, _ = mean(t, det, 2, "system", ot, "5", "leavers")
	assert.InDelta(t, 850*0.05, got, 1e-9)
}

// TestNoTimeInPostRatesKeepsOneSegment: a model without the key keeps one
// tenure segment per row and the buckets its rules need.
func TestNoTimeInPostRatesKeepsOneSegment(t *testing.T) {
	m := newTestModel(t, 1, 12, [3]int{10, 0, 0}, [3]float64{10, 0, 0})
	m.Cells[0].LeaverRate = m.prob(0.1)
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	assert.Equal(t, 1, e.numSegs)
	assert.Equal(t, 1, e.numTenures)
	m2 := earlyCareerModel(t, 1, 12, 10)
	m2.Promotions = nil
	e = newEngine(m2.Model, false, metrics([]*workforce.Model{m2.Model}, false))
	assert.Equal(t, 25, e.numTenures, "buckets up to the longest band's end")
	assert.Equal(t, 3, e.numSegs)
	assert.Equal(t, []int{0, 12, 24}, e.segLo[:3])
	assert.Equal(t, []int{12, 24, 25}, e.segHi[:3])
}

// TestTimeInPostRatesAndInternationalRecruits: international recruits in
// their first year keep the international first-year rate when the cell
// gives one, and otherwise leave at the cell's rates by time in post.
func TestTimeInPostRatesAndInternationalRecruits(t *testing.T) {
	for _, ownRate := range []bool{true, false} {
		m := newDynamicsModel(t, 1, [4]int{0, 0, 0, 0})
		m.Cells[cA5].LeaverRate = m.prob(0.1)
		m.Cells[cA5].TimeInPostLeaverRates = []workforce.TimeInPostRate{{UnderMonths: 12, Rate: m.prob(0.5)}}
		want := 0.5
		if ownRate {
			m.Cells[cA5].InternationalFirstYearLeaverRate = m.prob(0.3)
			want = 0.3
		}
		m.International = append(m.International, workforce.InternationalRecruitment{Name: "10 OTs", To: cA5,
			OffersPerMonth: workforce.NoParam, WithdrawalRate: workforce.NoParam, LeadMonths: 6,
			Campaigns: []workforce.Campaign{{Month: workforce.NewMonth(2025, 1), Offers: m.count(100)}}})
		require.NoError(t, m.Validate())
		det := run(t, m, Settings{Deterministic: true})
		// They arrive at the end of July and spend five months in post.
		got, _ := mean(t, det, 1, "a", occ, "5", "in_post_hc")
		assert.InDelta(t, 100*math.Pow(1-want/12, 5), got, 1e-4, "own first-year rate %v", ownRate)
	}
}
