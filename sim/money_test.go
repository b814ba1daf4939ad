package sim

import (
	"context"
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// costlyModel is a test model with every kind of cost, starting in
// January so that its first financial year is partial.
func costlyModel(t *testing.T, steps int) testModel {
	m := newTestModel(t, 1, steps, [3]int{20, 12, 5}, [3]float64{24, 15, 5})
	m.Start = workforce.NewMonth(2025, 1)
	m.ReportEvery = 1
	for c := range m.Cells {
		m.Cells[c].LeaverRate = m.prob(0.12)
		m.Cells[c].RecruitFill = m.prob(0.1)
	}
	m.Cells[1].AgencyShare = m.prob(0.5)
	cs := &m.Costs
	cs.PayPerFTE = [workforce.NumBands]float64{workforce.Band5: 36000, workforce.Band6: 45000, workforce.Band7: 54000}
	cs.AgencyPerHour, cs.HoursPerFTE = 38, 1950
	cs.RecruitPerHead[workforce.SourceExternal] = 5000
	m.Interventions = append(m.Interventions, workforce.Intervention{Name: "premium", Lever: workforce.LeverLeaverRate,
		Cells: []int{1}, Mode: workforce.Scale, Value: m.param(0.8, 0, 10), Start: m.Start + 5,
		OneOffCost: m.count(20000), AnnualCost: m.count(30000)})
	require.NoError(t, m.Validate())
	return m
}

func compareOne(t *testing.T, m testModel, s Settings) *Comparison {
	t.Helper()
	c, err := Compare(context.Background(), []Option{{Name: "baseline", Model: m.Model}}, s, CompareSettings{})
	require.NoError(t, err)
	return c
}

// monthlySums adds up a flow metric of the whole system over the months
// of each financial year, from the result's own monthly flows.
func monthlySums(t *testing.T, r *Result, metric string) map[string]float64 {
	t.Helper()
	g, mi := r.GroupIndex("all", "all", "all"), r.MetricIndex(metric)
	require.GreaterOrEqual(t, mi, 0, metric)
	sums := map[string]float64{}
	for d := 1; d < len(r.Dates); d++ {
		month := r.Dates[d] - 1 // the flow at a date is of the step before it
		sums[workforce.FinancialYearLabel(workforce.FinancialYear(month))] += r.Stats(d, g, mi).Mean
	}
	return sums
}

// At constant prices (no awards, inflation or discounting) cash, real terms
// and present value are the one cost, and each year's is the sum of the
// engine's monthly cost flows over the year's months: equal up to the
// rounding to the penny of each month's flow and of the year's sum.
func TestCostsByYearAtConstantPricesAreTheMonthlyFlowsSummed(t *testing.T) {
	m := costlyModel(t, 40) // 2025-01 to 2028-04
	c := compareOne(t, m, Settings{Deterministic: true})
	years := c.CostsByYear(0)
	require.Len(t, years, 5)
	total, agency := monthlySums(t, c.Options[0], "cost_total"), monthlySums(t, c.Options[0], "cost_agency")
	sumCash := 0.0
	for _, y := range years {
		tol := 0.005*float64(y.Months+1) + 1e-9
		assert.InDelta(t, total[y.Label], y.Cash, tol, y.Label)
		assert.Equal(t, y.Cash, y.Real, y.Label)
		assert.Equal(t, y.Cash, y.PresentValue, y.Label)
		assert.InDelta(t, agency[y.Label], y.Agency, tol, y.Label)
		// Only band 6 has agency cover: its substantive cost is at band 6 pay.
		assert.InDelta(t, y.Agency*45000/(38*1950), y.AgencySubstantive, tol, y.Label)
		assert.Positive(t, y.Agency, y.Label)
		sumCash += y.Cash
	}
	r := c.Options[0]
	cum := r.Stats(len(r.Dates)-1, r.GroupIndex("all", "all", "all"), r.MetricIndex(string(CostCumulativeTotal))).Mean
	tot, ok := c.CostTotals(0)
	require.True(t, ok)
	assert.InDelta(t, cum, tot.Cash.Mean, 0.01)
	assert.InDelta(t, sumCash, tot.Cash.Mean, 0.005*float64(len(years)+1))
	assert.InDelta(t, sumCash-sumOf(years, func(y YearCost) float64 { return y.AgencySubstantive }), tot.AgencyPremium.Mean+sumCash-sumOf(years, func(y YearCost) float64 { return y.Agency }), 0.05)
	assert.Equal(t, 0.0, tot.PVSaving.Mean) // the baseline against itself
}

func sumOf(years []YearCost, f func(YearCost) float64) float64 {
	s := 0.0
	for _, y := range years {
		s += f(y)
	}
	return s
}

// With whole pounds every month (no flows, so fixed staff, agency cover
// and a running cost) no rounding enters, and at constant prices each
// year's cash, real terms and present value are exactly the engine's
// monthly cost flows summed over the year's months.
func TestCostsByYearAtConstantPricesExact(t *testing.T) {
	m := newTestModel(t, 1, 30, [3]int{10, 4, 0}, [3]float64{10, 6, 0}) // 2025-04 to 2027-09
	m.ReportEvery = 1
	m.Cells[1].AgencyShare = m.prob(0.5)
	cs := &m.Costs
	cs.PayPerFTE[workforce.Band5], cs.PayPerFTE[workforce.Band6] = 30000, 36000
	cs.AgencyPerHour, cs.HoursPerFTE = 40, 1950
	m.Interventions = append(m.Interventions, workforce.Intervention{Name: "scheme", Lever: workforce.LeverLeaverRate,
		Cells: []int{0}, Mode: workforce.Scale, Value: m.param(1, 0, 10), Start: m.Start + 3, AnnualCost: m.count(12000), OneOffCost: m.count(5000)})
	require.NoError(t, m.Validate())
	c := compareOne(t, m, Settings{Deterministic: true})
	years := c.CostsByYear(0)
	require.Len(t, years, 3)
	total, agency := monthlySums(t, c.Options[0], "cost_total"), monthlySums(t, c.Options[0], "cost_agency")
	for _, y := range years {
		assert.Equal(t, total[y.Label], y.Cash, y.Label)
		assert.Equal(t, y.Cash, y.Real, y.Label)
		assert.Equal(t, y.Cash, y.PresentValue, y.Label)
		assert.Equal(t, agency[y.Label], y.Agency, y.Label)
		assert.Equal(t, 3000*float64(y.Months), y.AgencySubstantive, y.Label)
	}
	assert.Equal(t, 12*(10*2500+4*3000+6500)+9*1000+5000.0, years[0].Cash) // 2025/26: the scheme from July
	assert.Equal(t, 6.0, float64(years[2].Months))
}

func TestCostsByYearPartialYears(t *testing.T) {
	cases := []struct {
		start             workforce.Month
		stepMonths, steps int
		labels            []string
		months            []int
		from, to          []workforce.Month
	}{
		{workforce.NewMonth(2025, 1), 1, 15, []string{"2024/25", "2025/26"}, []int{3, 12},
			[]workforce.Month{workforce.NewMonth(2025, 1), workforce.NewMonth(2025, 4)},
			[]workforce.Month{workforce.NewMonth(2025, 3), workforce.NewMonth(2026, 3)}},
		{workforce.NewMonth(2025, 4), 1, 18, []string{"2025/26", "2026/27"}, []int{12, 6},
			[]workforce.Month{workforce.NewMonth(2025, 4), workforce.NewMonth(2026, 4)},
			[]workforce.Month{workforce.NewMonth(2026, 3), workforce.NewMonth(2026, 9)}},
		{workforce.NewMonth(2025, 2), 3, 5, []string{"2024/25", "2025/26", "2026/27"}, []int{2, 12, 1},
			[]workforce.Month{workforce.NewMonth(2025, 2), workforce.NewMonth(2025, 4), workforce.NewMonth(2026, 4)},
			[]workforce.Month{workforce.NewMonth(2025, 3), workforce.NewMonth(2026, 3), workforce.NewMonth(2026, 4)}},
	}
	for _, tc := range cases {
		m := newTestModel(t, tc.stepMonths, tc.steps, [3]int{10, 0, 0}, [3]float64{10, 0, 0})
		m.Start, m.ReportEvery = tc.start, 1
		m.Costs.PayPerFTE[workforce.Band5] = 12000                              // 1,000 a month per FTE; no flows, so 10,000 a month
		m.Costs.Money.PayAwards = []workforce.YearRate{{Year: 2025, Rate: 0.1}} // then none
		require.NoError(t, m.Validate())
		c := compareOne(t, m, Settings{Deterministic: true})
		years := c.CostsByYear(0)
		require.Len(t, years, len(tc.labels), tc.start)
		checkMoneyMetrics(t, c, years) // a quarter across a year's end takes the mean of its months' awards
		for j, y := range years {
			assert.Equal(t, tc.labels[j], y.Label)
			assert.Equal(t, tc.months[j], y.Months, y.Label)
			assert.Equal(t, tc.from[j], y.From, y.Label)
			assert.Equal(t, tc.to[j], y.To, y.Label)
			// A 3-month step across a year's end is spread evenly over its
			// months. Prices of 2024/25 (a start before April) make 2025/26's
			// award count; prices of 2025/26 have it already.
			award := 1.0
			if workforce.FinancialYear(tc.start) == 2024 && y.Label != "2024/25" {
				award = 1.1
			}
			assert.InDelta(t, 10000*float64(y.Months)*award, y.Cash, 0.01, "%v %s", tc.start, y.Label)
		}
	}
}

// With a known award path, inflation and discount rate, a model whose
// costs are constant at the price base gives each year's cash, real and
// present values in closed form.
func TestCostsByYearClosedForm(t *testing.T) {
	m := newTestModel(t, 1, 36, [3]int{10, 4, 0}, [3]float64{10, 6, 0}) // 2025/26 to 2027/28
	m.ReportEvery = 1
	m.Cells[1].AgencyShare = m.prob(0.5) // 1 FTE of agency cover in band 6
	cs := &m.Costs
	cs.PayPerFTE[workforce.Band5], cs.PayPerFTE[workforce.Band6] = 30000, 40000
	cs.AgencyPerHour, cs.HoursPerFTE = 40, 1950
	m.Interventions = append(m.Interventions, workforce.Intervention{Name: "scheme", Lever: workforce.LeverLeaverRate,
		Cells: []int{0}, Mode: workforce.Scale, Value: m.param(1, 0, 10), Start: m.Start, AnnualCost: m.count(12000)})
	cs.Money = workforce.Money{PayAwards: []workforce.YearRate{{Year: 2025, Rate: 0.036}, {Year: 2026, Rate: 0.05}},
		PayAwardAfter: 0.02, Inflation: 0.03, DiscountRate: 0.035}
	require.NoError(t, m.Validate())
	c := compareOne(t, m, Settings{Deterministic: true})
	years := c.CostsByYear(0)
	require.Len(t, years, 3)
	checkMoneyMetrics(t, c, years)
	pay := 10*30000.0 + 4*40000.0 // a year at the price base (2025/26, the start's)
	agency := 1 * 40 * 1950.0
	other := 12000.0
	// The base year's own award is in its prices; 2026/27 takes 5%, 2027/28 the 2% after.
	payIdx := []float64{1, 1.05, 1.05 * 1.02}
	priceIdx := []float64{1, 1.03, 1.03 * 1.03}
	for j, y := range years {
		cash := (pay+agency)*payIdx[j] + other*priceIdx[j]
		real := cash / priceIdx[j]
		assert.InDelta(t, cash, y.Cash, 0.01, y.Label)
		assert.InDelta(t, real, y.Real, 0.01, y.Label)
		assert.InDelta(t, real/math.Pow(1.035, float64(j)), y.PresentValue, 0.01, y.Label)
		assert.InDelta(t, agency*payIdx[j], y.Agency, 0.01, y.Label)
		assert.InDelta(t, 40000*payIdx[j], y.AgencySubstantive, 0.01, y.Label)
	}
	assert.Equal(t, years[0].Cash, years[0].PresentValue) // year 0 is not discounted
	r := c.Options[0]
	premium := func(band string) float64 {
		return r.Stats(len(r.Dates)-1, r.GroupIndex("all", "all", band), r.MetricIndex(string(CostCumulativeAgencyPremium))).Mean
	}
	assert.Equal(t, 0.0, premium("5"))
	assert.InDelta(t, (agency-40000)*(1+1.05+1.05*1.02), premium("6"), 0.01) // cover in band 6 only

	// Prices of an earlier year: 2025/26 is a year on, at its award and discounted once.
	m.Costs.Money.PriceBase = 2024
	years = compareOne(t, m, Settings{Deterministic: true}).CostsByYear(0)
	cash := (pay+agency)*1.036 + other*1.03
	assert.InDelta(t, cash, years[0].Cash, 0.01)
	assert.InDelta(t, cash/1.03/1.035, years[0].PresentValue, 0.01)
}

// checkMoneyMetrics checks the per-cell money metrics of the whole
// system at the last date against the years' sums.
func checkMoneyMetrics(t *testing.T, c *Comparison, years []YearCost) {
	t.Helper()
	r := c.Options[0]
	last, all := len(r.Dates)-1, r.GroupIndex("all", "all", "all")
	metric := func(name MetricName) float64 { return r.Stats(last, all, r.MetricIndex(string(name))).Mean }
	tol := 0.005 * float64(len(years)+1)
	assert.InDelta(t, sumOf(years, func(y YearCost) float64 { return y.Cash }), metric(CostCumulativeCash), tol)
	assert.InDelta(t, sumOf(years, func(y YearCost) float64 { return y.Real }), metric(CostCumulativeReal), tol)
	assert.InDelta(t, sumOf(years, func(y YearCost) float64 { return y.PresentValue }), metric(CostCumulativePV), tol)
	assert.InDelta(t, sumOf(years, func(y YearCost) float64 { return y.Agency - y.AgencySubstantive }), metric(CostCumulativeAgencyPremium), 2*tol)
	tot, _ := c.CostTotals(0)
	assert.InDelta(t, tot.PresentValue.Mean, metric(CostCumulativePV), 0.01)
	assert.InDelta(t, tot.AgencyPremium.Mean, metric(CostCumulativeAgencyPremium), 0.01)
}

func TestPayback(t *testing.T) {
	years := func(pv ...float64) []YearCost {
		var out []YearCost
		for j, v := range pv {
			out = append(out, YearCost{Label: workforce.FinancialYearLabel(2025 + j), PresentValue: v})
		}
		return out
	}
	base := years(100, 100, 100, 100)
	_, ok := Payback(nil, nil)
	assert.False(t, ok, "no years")
	cases := []struct {
		option []YearCost
		year   string
		ok     bool
	}{
		{years(130, 90, 90, 90), "2028/29", true}, // 130, 220, 310, then 400 <= 400
		{years(130, 80, 80, 80), "2027/28", true}, // 290 <= 300
		{years(120, 80, 100, 100), "2026/27", true},
		{years(90, 110, 100, 100), "2025/26", true}, // cheaper from the start
		{years(100, 100, 100, 100), "2025/26", true},
		{years(150, 90, 90, 90), "", false},         // 420 > 400: not within the horizon
		{years(100, 120, 70, 100), "2027/28", true}, // level in 2025/26, above in 2026/27, then 290 <= 300 for good
		{years(100, 120, 60, 130), "", false},       // 280 <= 300 in 2027/28, but 410 > 400 at the end
		{nil, "", false},
		{years(100, 100, 100), "", false}, // other years
	}
	for i, tc := range cases {
		year, ok := Payback(base, tc.option)
		assert.Equal(t, tc.ok, ok, "case %d", i)
		assert.Equal(t, tc.year, year, "case %d", i)
	}
	other := years(100, 100, 100, 100)
	other[1].Label = "2030/31"
	_, ok = Payback(base, other)
	assert.False(t, ok, "labels differ")
}

func TestAgencyYearPerFTE(t *testing.T) {
	m := &workforce.Model{Costs: workforce.Costs{AgencyPerHour: 38, HoursPerFTE: 1950}}
	assert.Equal(t, 74100.0, AgencyYearPerFTE(m))
}

// Shards merged give the same costs by year, and the same totals, as the
// job run whole; the saving is paired run by run.
func TestCostsByYearMergedShardsAreIdentical(t *testing.T) {
	s := Settings{Runs: 12, Seed: 3, Origin: testOrigin}
	opts, cs, parts := partsOf(t, s, 3)
	whole, err := Compare(context.Background(), opts, s, cs)
	require.NoError(t, err)
	merged, err := NewComparison(opts, s, cs)
	require.NoError(t, err)
	for _, p := range parts {
		require.NoError(t, merged.MergeBinary(p))
	}
	for i := range opts {
		want := whole.CostsByYear(i)
		require.NotEmpty(t, want)
		assert.Equal(t, want, merged.CostsByYear(i))
		wt, _ := whole.CostTotals(i)
		mt, _ := merged.CostTotals(i)
		assert.Equal(t, wt, mt)
	}
	b, _ := whole.CostTotals(0)
	p, _ := whole.CostTotals(1)
	assert.InDelta(t, b.PresentValue.Mean-p.PresentValue.Mean, p.PVSaving.Mean, 0.01)
	assert.Less(t, p.PVSaving.P05, p.PVSaving.P95, "the saving varies from run to run")
	rg, ok := whole.CostTotalRanges(1, 0.8)
	require.True(t, ok)
	assert.InDelta(t, whole.Money[1].Percentile(whole.Money[1].Len()-numMoneyTotals+totalPVSaving, 0.1), rg.PVSaving.Lo, 1e-6)
	assert.Less(t, rg.PVSaving.Lo, p.PVSaving.Mean)
	assert.Less(t, p.PVSaving.Mean, rg.PVSaving.Hi)
	assert.Less(t, rg.PresentValue.Lo, rg.PresentValue.Hi)
	mg, ok := merged.CostTotalRanges(1, 0.8)
	require.True(t, ok)
	assert.Equal(t, rg, mg)
	_, ok = whole.CostTotalRanges(1, 1)
	assert.False(t, ok, "an interval of every run")
	first := whole.CostsByYear(0)[0].Label
	assert.Equal(t, "the agency cost in "+first, whole.moneySeriesName(0, moneyAgency))
	years := len(whole.CostsByYear(0))
	assert.Equal(t, "the total present value", whole.moneySeriesName(0, years*moneyPerYear+totalPV))
}

func TestCostsByYearWithoutCosts(t *testing.T) {
	m := newTestModel(t, 1, 12, [3]int{10, 0, 0}, [3]float64{10, 0, 0})
	c := compareOne(t, m, Settings{Deterministic: true})
	assert.Nil(t, c.CostsByYear(0))
	_, ok := c.CostTotals(0)
	assert.False(t, ok)
	assert.Nil(t, c.CostsByYear(5))
}

// Costs by year are the engine's own sums: a selection of other dates and
// metrics (here yearly dates from January, none of them a year's end, and
// no cost metric) gives the same figures.
func TestCostsByYearDoNotDependOnTheSelection(t *testing.T) {
	m := costlyModel(t, 40)
	all := compareOne(t, m, Settings{Runs: 20, Seed: 9})
	few := compareOne(t, m, Settings{Runs: 20, Seed: 9, Report: Selection{EveryMonths: 12, Metrics: []string{string(VacancyRate)}}})
	require.Len(t, few.Options[0].Metrics, 1)
	require.NotEmpty(t, all.CostsByYear(0))
	assert.Equal(t, all.CostsByYear(0), few.CostsByYear(0))
	at, _ := all.CostTotals(0)
	ft, _ := few.CostTotals(0)
	assert.Equal(t, at, ft)
}
