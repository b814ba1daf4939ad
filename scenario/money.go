package scenario

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// Money are the costs section's settings for cash, real terms and
// present values (docs/model.md, "Money"). Financial years are NHS years,
// April to March, written "2025/26".
type Money struct {
	// PriceBase is the financial year whose prices the costs are given at;
	// empty means the financial year of the start month.
	PriceBase string `yaml:"price_base,omitempty"`
	// PayAwards are the Agenda for Change pay awards by financial year, a
	// share (0.036 for 3.6%), for consecutive years; they raise pay and
	// agency costs in cash terms. PayAwardAfter is the award of every year
	// after the last given (nil: the last given award carries on).
	PayAwards     map[string]float64 `yaml:"pay_awards,omitempty"`
	PayAwardAfter *float64           `yaml:"pay_award_after,omitempty"`
	// GDPDeflator is the growth of HM Treasury's GDP deflator by financial
	// year, for consecutive years; Inflation that of every other year (nil
	// means DefaultInflation). Real terms are cash deflated by it, and
	// other costs than pay and agency rise with it in cash.
	GDPDeflator map[string]float64 `yaml:"gdp_deflator,omitempty"`
	Inflation   *float64           `yaml:"inflation,omitempty"`
	// DiscountRate discounts real-terms costs to present values (nil
	// means the Green Book's 3.5%).
	DiscountRate *float64 `yaml:"discount_rate,omitempty"`
}

// DefaultInflation is the GDP deflator's growth a year where none is
// given: 2%, the OBR's medium-term forecast of GDP deflator growth and
// the Bank of England's inflation target.
const DefaultInflation = 0.02

// moneyYears checks a map of rates by financial year label and returns
// the rates in year order; the years must run on without a gap.
func (b *builder) moneyYears(path string, rates map[string]float64, lo float64, want string) []workforce.YearRate {
	var out []workforce.YearRate
	for _, label := range slices.Sorted(maps.Keys(rates)) {
		p := join(path, label)
		y, err := workforce.ParseFinancialYear(label)
		if err != nil {
			b.errorf(p, "%v", err)
			continue
		}
		x := rates[label]
		b.checkFloat(&x, p, func(x float64) bool { return x >= lo && x <= workforce.MaxMoneyRate }, want)
		out = append(out, workforce.YearRate{Year: y, Rate: x})
	}
	for i := 1; i < len(out); i++ {
		if out[i].Year != out[i-1].Year+1 {
			b.errorf(join(path, workforce.FinancialYearLabel(out[i].Year)), "follows %s with a gap (want every year from the first given to the last, missing %s)",
				workforce.FinancialYearLabel(out[i-1].Year), missingYears(out[i-1].Year+1, out[i].Year))
		}
	}
	return out
}

func missingYears(from, to int) string {
	var s []string
	for y := from; y < to; y++ {
		s = append(s, workforce.FinancialYearLabel(y))
	}
	return strings.Join(s, ", ")
}

// checkMoney checks the money settings of the costs section.
func (b *builder) checkMoney() {
	mo := &b.f.Costs.Money
	const p = "costs"
	share := fmt.Sprintf("0 to %s, a share: 0.036 is 3.6%%", formatFloat(workforce.MaxMoneyRate))
	signed := fmt.Sprintf("-%s to %s, a share: 0.02 is 2%%", formatFloat(workforce.MaxMoneyRate), formatFloat(workforce.MaxMoneyRate))
	inShare := func(x float64) bool { return x >= 0 && x <= workforce.MaxMoneyRate }
	base, baseOK := 0, true
	if mo.PriceBase != "" {
		y, err := workforce.ParseFinancialYear(mo.PriceBase)
		if err != nil {
			b.errorf(p+".price_base", "%v", err)
			baseOK = false
		}
		base = y
	}
	awards := b.moneyYears(p+".pay_awards", mo.PayAwards, 0, share)
	b.checkFloat(mo.PayAwardAfter, p+".pay_award_after", inShare, share)
	b.moneyYears(p+".gdp_deflator", mo.GDPDeflator, -workforce.MaxMoneyRate, signed)
	b.checkFloat(mo.Inflation, p+".inflation", func(x float64) bool { return x >= -workforce.MaxMoneyRate && x <= workforce.MaxMoneyRate }, signed)
	b.checkFloat(mo.DiscountRate, p+".discount_rate", inShare, share)
	if len(awards) > 0 && baseOK && b.start != 0 && b.horizonMonths > 0 {
		b.checkAwardsCover(awards, base)
	}
}

// checkAwardsCover refuses pay awards that start after a year the
// projection needs one for: every year after the earlier of the price
// base and the first financial year simulated.
func (b *builder) checkAwardsCover(awards []workforce.YearRate, base int) {
	first := workforce.FinancialYear(b.start)
	if base == 0 {
		base = first
	}
	need := min(base, first) + 1
	last := workforce.FinancialYear(b.start + workforce.Month(b.horizonMonths-1))
	if got := awards[0].Year; got > need && need <= max(last, base) {
		b.errorf("costs.pay_awards", "start at %s, but costs at %s prices from %v need the award of every year from %s (missing %s)",
			workforce.FinancialYearLabel(got), workforce.FinancialYearLabel(base), b.start, workforce.FinancialYearLabel(need), missingYears(need, got))
	}
}

// lowerMoney copies the money settings, with their defaults.
func (c *compiler) lowerMoney() {
	fm, mm := &c.b.f.Costs.Money, &c.m.Costs.Money
	if fm.PriceBase != "" {
		mm.PriceBase, _ = workforce.ParseFinancialYear(fm.PriceBase)
	}
	years := func(rates map[string]float64) []workforce.YearRate {
		var out []workforce.YearRate
		for _, label := range slices.Sorted(maps.Keys(rates)) {
			y, _ := workforce.ParseFinancialYear(label)
			out = append(out, workforce.YearRate{Year: y, Rate: rates[label]})
		}
		return out
	}
	mm.PayAwards, mm.Deflator = years(fm.PayAwards), years(fm.GDPDeflator)
	if n := len(mm.PayAwards); n > 0 {
		mm.PayAwardAfter = mm.PayAwards[n-1].Rate
	}
	if fm.PayAwardAfter != nil {
		mm.PayAwardAfter = *fm.PayAwardAfter
	}
	mm.Inflation, mm.DiscountRate = DefaultInflation, workforce.DefaultDiscountRate
	if fm.Inflation != nil {
		mm.Inflation = *fm.Inflation
	}
	if fm.DiscountRate != nil {
		mm.DiscountRate = *fm.DiscountRate
	}
}
