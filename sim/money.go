package sim

import (
	"fmt"
	"slices"

	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// YearCost is one option's cost in one NHS financial year (April to
// March), the mean over runs, in pounds. A year the projection covers only
// in part (it starts or ends inside it) has Months < 12.
type YearCost struct {
	Label    string          // the financial year, e.g. "2025/26"
	From, To workforce.Month // the first and last month of the year inside the projection
	Months   int

	// Cash is at each year's own prices: the model's costs (given at the
	// price base) uplifted by the pay awards up to that year. Real is at
	// the price base's prices. PresentValue is Real discounted to the
	// price base year at the discount rate (HM Treasury Green Book).
	Cash, Real, PresentValue float64
	// Agency is the cash cost of agency and bank cover, and
	// AgencySubstantive what the same FTE would cost as substantive staff
	// at the same prices, so Agency - AgencySubstantive is the premium
	// paid for cover.
	Agency, AgencySubstantive float64
}

// The money table of an option (Comparison.Money) holds, per run, five
// series per financial year of the projection (moneyCash ... moneySubst),
// then the run's totals (moneyTotal + totalCash ... totalPVSaving).
const (
	moneyCash = iota
	moneyReal
	moneyPV
	moneyAgency
	moneySubst
	moneyPerYear
)

// The totals of a run, after the years.
const (
	totalCash = iota
	totalReal
	totalPV
	totalPremium  // agency minus its substantive cost, in cash
	totalPVSaving // the baseline's present value minus this option's
	numMoneyTotals
)

// moneyResolution quantizes money as the cost metrics are: to the penny.
const moneyResolution = 0.01

// moneyState accumulates one run's costs by financial year. The engine
// adds each cost to step (and the substantive cost of its agency cover to
// stepSubst) as it accrues, and addStep moves the step's costs into the
// financial years of its months, so the sums do not depend on which dates
// a selection reports. The zero value is switched off.
type moneyState struct {
	on         bool
	start      workforce.Month
	stepMonths int
	firstYear  int
	// pay, price and disc are, per financial year, the pay index, the
	// price index (GDP deflator) and the discount factor.
	pay, price, disc []float64
	step             [numCosts]float64
	stepSubst        float64
	values           []float64 // the run's row of the money table

	// For the metrics: factors[t][class] turns a cost of step t at the
	// price base into cash, real terms and present value (the means over
	// the step's months), and cum holds each cell's totals since the start.
	factors [][numCostClasses][3]float64
	t       int
	cum     [numMoneyMetrics][]float64
}

// The classes of cost the indices apply to: pay and agency rise with the
// pay awards, the others with the GDP deflator.
const (
	classPay = iota
	classOther
	numCostClasses
)

var costClass = [numCosts]int{costPay: classPay, costAgency: classPay, costTraining: classOther,
	costRecruitment: classOther, costInterventions: classOther}

// The per-cell money metrics, in moneyMetricNames order.
const (
	mmCash = iota
	mmReal
	mmPV
	mmPremium
	numMoneyMetrics
)

var moneyMetricNames = [numMoneyMetrics]MetricName{CostCumulativeCash, CostCumulativeReal, CostCumulativePV, CostCumulativeAgencyPremium}

// add records a cost of cell c as it accrues.
func (s *moneyState) add(c int, kind costKind, x float64) {
	if !s.on {
		return
	}
	s.step[kind] += x
	f := &s.factors[s.t][costClass[kind]]
	s.cum[mmCash][c] += x * f[0]
	s.cum[mmReal][c] += x * f[1]
	s.cum[mmPV][c] += x * f[2]
}

// agency records the substantive cost of agency cover that cost x in
// cell c this step.
func (s *moneyState) agency(c int, x, subst float64) {
	if !s.on {
		return
	}
	s.stepSubst += subst
	s.cum[mmPremium][c] += (x - subst) * s.factors[s.t][classPay][0]
}

// financialYears returns the first financial year of m's projection and
// the number of them.
func financialYears(m *workforce.Model) (first, n int) {
	last := m.Start + workforce.Month(m.Steps*m.StepMonths-1)
	first = workforce.FinancialYear(m.Start)
	return first, workforce.FinancialYear(last) - first + 1
}

func newMoneyState(m *workforce.Model) moneyState {
	first, n := financialYears(m)
	s := moneyState{on: true, start: m.Start, stepMonths: m.StepMonths, firstYear: first,
		values: make([]float64, n*moneyPerYear+numMoneyTotals)}
	mo, base := &m.Costs.Money, m.PriceBaseYear()
	for y := first; y < first+n; y++ {
		s.pay = append(s.pay, mo.PayIndex(base, y))
		s.price = append(s.price, mo.PriceIndex(base, y))
		s.disc = append(s.disc, mo.DiscountFactor(base, y))
	}
	share := 1 / float64(m.StepMonths)
	s.factors = make([][numCostClasses][3]float64, m.Steps)
	for t := range s.factors {
		f := &s.factors[t]
		for k := range m.StepMonths {
			j := workforce.FinancialYear(m.Start+workforce.Month(t*m.StepMonths+k)) - first
			real := s.pay[j] / s.price[j]
			f[classPay][0] += s.pay[j] * share
			f[classPay][1] += real * share
			f[classPay][2] += real * s.disc[j] * share
			f[classOther][0] += s.price[j] * share
			f[classOther][1] += share
			f[classOther][2] += s.disc[j] * share
		}
	}
	for k := range s.cum {
		s.cum[k] = make([]float64, len(m.Cells))
	}
	return s
}

// reset starts a run.
func (s *moneyState) reset() {
	clear(s.values)
	clear(s.step[:])
	s.stepSubst = 0
	s.t = 0
	for k := range s.cum {
		clear(s.cum[k])
	}
}

// addStep spreads the costs of the step that starts in month first evenly
// over its months, each at its financial year's indices: pay and agency
// (and agency's substantive cost) rise with the pay awards, other costs
// with the GDP deflator; real terms divide cash by the price index, and
// present values discount real terms.
func (s *moneyState) addStep(first workforce.Month) {
	if !s.on {
		return
	}
	share := 1 / float64(s.stepMonths)
	payLike := (s.step[costPay] + s.step[costAgency]) * share
	other := (s.step[costTraining] + s.step[costRecruitment] + s.step[costInterventions]) * share
	agency, subst := s.step[costAgency]*share, s.stepSubst*share
	for k := range s.stepMonths {
		j := workforce.FinancialYear(first+workforce.Month(k)) - s.firstYear
		cash := payLike*s.pay[j] + other*s.price[j]
		real := cash / s.price[j]
		v := s.values[j*moneyPerYear : (j+1)*moneyPerYear]
		v[moneyCash] += cash
		v[moneyReal] += real
		v[moneyPV] += real * s.disc[j]
		v[moneyAgency] += agency * s.pay[j]
		v[moneySubst] += subst * s.pay[j]
	}
	clear(s.step[:])
	s.stepSubst = 0
	s.t++
}

// finish adds up the run's totals (all but the saving, which needs the
// baseline's run: see setSaving).
func (s *moneyState) finish() {
	n := (len(s.values) - numMoneyTotals) / moneyPerYear
	t := s.values[n*moneyPerYear:]
	clear(t)
	for j := range n {
		v := s.values[j*moneyPerYear : (j+1)*moneyPerYear]
		t[totalCash] += v[moneyCash]
		t[totalReal] += v[moneyReal]
		t[totalPV] += v[moneyPV]
		t[totalPremium] += v[moneyAgency] - v[moneySubst]
	}
}

// total is one of the run's totals, after finish.
func (s *moneyState) total(k int) float64 { return s.values[len(s.values)-numMoneyTotals+k] }

// setSaving records the saving in present value against the baseline's
// run (finished).
func (s *moneyState) setSaving(base *moneyState) {
	s.values[len(s.values)-numMoneyTotals+totalPVSaving] = base.total(totalPV) - s.total(totalPV)
}

// newMoneyTable is the empty money table of a model, or an empty table
// (no series) when the options compared have no costs.
func newMoneyTable(m *workforce.Model, costs bool) *summary.Table {
	if !costs {
		return summary.NewTable(nil)
	}
	_, n := financialYears(m)
	return summary.NewTable(slices.Repeat([]float64{moneyResolution}, n*moneyPerYear+numMoneyTotals))
}

// CostsByYear returns option i's mean costs in each NHS financial year of
// the projection, first to last; the first and last may be partial
// (Months < 12). The sums are the engine's own, accumulated month by month
// in every run (so they do not depend on the dates a selection reports)
// and rounded to the penny once per run and year. It returns nil when no
// option compared has costs (an option without costs beside one with them
// has years of zero), and for an option out of range.
func (c *Comparison) CostsByYear(i int) []YearCost {
	if uint(i) >= uint(len(c.Money)) || c.Money[i].Len() == 0 {
		return nil
	}
	m := c.Options[i].Model
	first, n := financialYears(m)
	start, end := m.Start, m.Start+workforce.Month(m.Steps*m.StepMonths-1)
	t := c.Money[i]
	mean := func(j, k int) float64 { return t.Stats(j*moneyPerYear + k).Mean }
	out := make([]YearCost, n)
	for j := range out {
		y := first + j
		from := max(start, workforce.FinancialYearStart(y))
		to := min(end, workforce.FinancialYearStart(y+1)-1)
		out[j] = YearCost{Label: workforce.FinancialYearLabel(y), From: from, To: to, Months: int(to-from) + 1,
			Cash: mean(j, moneyCash), Real: mean(j, moneyReal), PresentValue: mean(j, moneyPV),
			Agency: mean(j, moneyAgency), AgencySubstantive: mean(j, moneySubst)}
	}
	return out
}

// MoneyTotals are one option's costs over the whole projection, each
// summarised over runs (mean and quantiles).
type MoneyTotals struct {
	Cash, Real, PresentValue summary.Stats
	// AgencyPremium is agency cover's cost minus what the same FTE would
	// cost as substantive staff, in cash.
	AgencyPremium summary.Stats
	// PVSaving is the baseline's (option 0's) present value minus this
	// option's, run by run on common random numbers: positive when the
	// option costs less.
	PVSaving summary.Stats
}

// CostTotals returns option i's totals over the projection; false when
// CostsByYear(i) is nil.
func (c *Comparison) CostTotals(i int) (MoneyTotals, bool) {
	if uint(i) >= uint(len(c.Money)) || c.Money[i].Len() == 0 {
		return MoneyTotals{}, false
	}
	t := c.Money[i]
	at := t.Len() - numMoneyTotals
	return MoneyTotals{Cash: t.Stats(at + totalCash), Real: t.Stats(at + totalReal),
		PresentValue: t.Stats(at + totalPV), AgencyPremium: t.Stats(at + totalPremium),
		PVSaving: t.Stats(at + totalPVSaving)}, true
}

// MoneyRange is the central interval of a total over runs: Lo and Hi are
// its (1-interval)/2 and (1+interval)/2 quantiles.
type MoneyRange struct{ Lo, Hi float64 }

// MoneyRanges are the ranges of the totals of MoneyTotals.
type MoneyRanges struct {
	Cash, Real, PresentValue, AgencyPremium, PVSaving MoneyRange
}

// CostTotalRanges returns the central intervals holding a share interval
// (such as 0.8 or 0.9) of option i's runs, for each of its totals; false
// when CostsByYear(i) is nil or interval is not between 0 and 1.
func (c *Comparison) CostTotalRanges(i int, interval float64) (MoneyRanges, bool) {
	if uint(i) >= uint(len(c.Money)) || c.Money[i].Len() == 0 || !(interval > 0 && interval < 1) {
		return MoneyRanges{}, false
	}
	t := c.Money[i]
	at := t.Len() - numMoneyTotals
	lo, hi := (1-interval)/2, (1+interval)/2
	r := func(k int) MoneyRange { return MoneyRange{t.Percentile(at+k, lo), t.Percentile(at+k, hi)} }
	return MoneyRanges{Cash: r(totalCash), Real: r(totalReal), PresentValue: r(totalPV),
		AgencyPremium: r(totalPremium), PVSaving: r(totalPVSaving)}, true
}

// Payback returns the first financial year by the end of which option's
// cumulative present-value cost is no more than base's, and stays so at
// the end of every later year of the projection: the year an option that
// costs more at first has paid for itself in savings (its first year if
// it never costs more). A year before the option first costs more does
// not count as paid back if it costs more later. The two must be
// CostsByYear of options of one comparison (the same years); ok is false
// when the option's cumulative cost is above the baseline's at the end of
// the projection, and when the years differ.
func Payback(base, option []YearCost) (year string, ok bool) {
	sameYears := slices.EqualFunc(base, option, func(a, b YearCost) bool { return a.Label == b.Label })
	if !sameYears || len(base) == 0 {
		return "", false
	}
	cb, co := 0.0, 0.0
	from := -1 // the first year of the run of years paid back up to now
	for j := range base {
		cb += base[j].PresentValue
		co += option[j].PresentValue
		switch {
		case co > cb:
			from = -1
		case from < 0:
			from = j
		}
	}
	if from < 0 {
		return "", false
	}
	return option[from].Label, true
}

// AgencyYearPerFTE is what a year of agency or bank cover for one FTE
// costs at the price base: the hourly rate times the hours an FTE works
// a year. It is the comparator for an option's cost per vacancy FTE-year
// avoided (Comparison.CostPerVacancyYearAvoided).
func AgencyYearPerFTE(m *workforce.Model) float64 {
	return m.Costs.AgencyPerHour * m.Costs.HoursPerFTE
}

// addMoney adds option i's run to its money table; the baseline (option
// 0) has already run, for the saving.
func (c *Comparison) addMoney(engines []*engine, i int) error {
	s := &engines[i].money
	s.finish()
	s.setSaving(&engines[0].money)
	return c.Money[i].AddRun(s.values)
}

var moneyNames = [moneyPerYear]string{"cash cost", "real-terms cost", "present value", "agency cost", "agency's substantive cost"}
var moneyTotalNames = [numMoneyTotals]string{"total cash cost", "total real-terms cost", "total present value", "total agency premium", "saving in present value"}

// moneySeriesName names a series of option i's money table, for errors.
func (c *Comparison) moneySeriesName(i, series int) string {
	first, n := financialYears(c.Options[i].Model)
	if j := series / moneyPerYear; j < n {
		return fmt.Sprintf("the %s in %s", moneyNames[series%moneyPerYear], workforce.FinancialYearLabel(first+j))
	}
	return "the " + moneyTotalNames[min(series-n*moneyPerYear, numMoneyTotals-1)]
}
