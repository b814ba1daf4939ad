package workforce

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// DefaultDiscountRate is HM Treasury's Green Book discount rate for costs
// (the social time preference rate, 3.5% a year for years 0 to 30).
const DefaultDiscountRate = 0.035

// Money says how the model's unit costs, given at the prices of one NHS
// financial year (the price base), become costs in cash, in real terms and
// in present value (docs/model.md, "Money"). The zero value keeps every
// cost at constant prices: no pay awards, no inflation, no discounting.
//
// Financial years are named by the calendar year they start in: 2025 is
// 2025/26, April 2025 to March 2026.
type Money struct {
	// PriceBase is the financial year whose prices the costs are given
	// at; 0 means the financial year of the model's start month.
	PriceBase int
	// PayAwards are the pay awards by financial year (a share: 0.036 is
	// 3.6%), for consecutive years in order. Each year after the last
	// given takes PayAwardAfter. A year before the first given has no
	// award, which package scenario refuses when a projection needs one.
	PayAwards     []YearRate
	PayAwardAfter float64
	// Deflator is the growth of the GDP deflator by financial year (HM
	// Treasury's GDP deflators at market prices), for consecutive years in
	// order; every other year takes Inflation.
	Deflator  []YearRate
	Inflation float64
	// DiscountRate is the annual rate present values are discounted at.
	DiscountRate float64
}

// YearRate is a rate for one financial year.
type YearRate struct {
	Year int // the financial year, by the calendar year it starts in
	Rate float64
}

// MaxMoneyRate bounds pay awards, inflation and the discount rate.
const MaxMoneyRate = 0.5

// FinancialYear is the NHS financial year (April to March) that holds
// month m, by the calendar year it starts in.
func FinancialYear(m Month) int {
	if m.MonthOfYear() >= 4 {
		return m.Year()
	}
	return m.Year() - 1
}

// FinancialYearStart is April of financial year y.
func FinancialYearStart(y int) Month { return NewMonth(y, 4) }

// FinancialYearLabel names financial year y as the NHS writes it: 2025 is
// "2025/26".
func FinancialYearLabel(y int) string { return fmt.Sprintf("%04d/%02d", y, (y+1)%100) }

// ParseFinancialYear reads a label such as "2025/26": four digits, a
// slash, and the last two digits of the next year.
func ParseFinancialYear(s string) (int, error) {
	bad := fmt.Errorf("not a financial year: %q (want a label such as \"2025/26\": the year it starts in April, a slash, and the last two digits of the next year)", s)
	if len(s) != 7 || s[4] != '/' {
		return 0, bad
	}
	y, err1 := strconv.Atoi(s[:4])
	next, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || s[0] == '+' || s[0] == '-' || s[5] == '+' || s[5] == '-' || y < 1900 {
		return 0, bad
	}
	if next != (y+1)%100 {
		return 0, fmt.Errorf("financial year %q does not run into the next year (want %q)", s, FinancialYearLabel(y))
	}
	return y, nil
}

// PriceBaseYear is the financial year the model's costs are priced at.
func (m *Model) PriceBaseYear() int {
	if m.Costs.Money.PriceBase != 0 {
		return m.Costs.Money.PriceBase
	}
	return FinancialYear(m.Start)
}

// rateOf is the rate of financial year y in rates, or else.
func rateOf(rates []YearRate, y int, after float64, afterLast bool) float64 {
	if len(rates) == 0 {
		return after
	}
	if i := slices.IndexFunc(rates, func(r YearRate) bool { return r.Year == y }); i >= 0 {
		return rates[i].Rate
	}
	if afterLast && y < rates[0].Year {
		return 0
	}
	return after
}

// PayAward is the pay award of financial year y.
func (mo *Money) PayAward(y int) float64 { return rateOf(mo.PayAwards, y, mo.PayAwardAfter, true) }

// DeflatorGrowth is the growth of the GDP deflator in financial year y.
func (mo *Money) DeflatorGrowth(y int) float64 { return rateOf(mo.Deflator, y, mo.Inflation, false) }

// index compounds rate over the years from base to y: the product of
// (1 + rate(k)) for k = base+1 .. y when y > base, its inverse over
// k = y+1 .. base when y < base, and 1 at the base.
func index(base, y int, rate func(int) float64) float64 {
	x := 1.0
	for k := base + 1; k <= y; k++ {
		x *= 1 + rate(k)
	}
	for k := y + 1; k <= base; k++ {
		x /= 1 + rate(k)
	}
	return x
}

// PayIndex is pay in financial year y over pay at the price base year.
func (mo *Money) PayIndex(base, y int) float64 { return index(base, y, mo.PayAward) }

// PriceIndex is the GDP deflator in financial year y over its value at
// the price base year.
func (mo *Money) PriceIndex(base, y int) float64 { return index(base, y, mo.DeflatorGrowth) }

// DiscountFactor is 1/(1+r)^t for the t = y - base years from the price
// base year (year 0, not discounted), as the Green Book tables give.
func (mo *Money) DiscountFactor(base, y int) float64 {
	return math.Pow(1+mo.DiscountRate, -float64(y-base))
}

// validateMoney checks the money settings.
func (v *validator) validateMoney() {
	mo := &v.m.Costs.Money
	rate := func(what string, x, lo float64) {
		if !(x >= lo && x <= MaxMoneyRate) {
			v.bad("costs: %s %v is outside [%v, %v]", what, x, lo, MaxMoneyRate)
		}
	}
	years := func(what string, rates []YearRate, lo float64) {
		for i, r := range rates {
			rate(what+" of "+FinancialYearLabel(r.Year), r.Rate, lo)
			if i > 0 && r.Year != rates[i-1].Year+1 {
				v.bad("costs: %s of %s follows %s (want consecutive years)", what, FinancialYearLabel(r.Year), FinancialYearLabel(rates[i-1].Year))
			}
		}
	}
	if mo.PriceBase != 0 && (mo.PriceBase < 1900 || mo.PriceBase > 2200) {
		v.bad("costs: price base year %d is outside [1900, 2200]", mo.PriceBase)
	}
	years("pay award", mo.PayAwards, 0)
	rate("pay award after the last given", mo.PayAwardAfter, 0)
	years("GDP deflator growth", mo.Deflator, -MaxMoneyRate)
	rate("inflation", mo.Inflation, -MaxMoneyRate)
	rate("discount rate", mo.DiscountRate, 0)
}
