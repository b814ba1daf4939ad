package scenario

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// Costs are unit costs in pounds. Anything not given costs nothing.
type Costs struct {
	// AnnualPayPerFTE is the annual employer cost of one FTE (pay with
	// on-costs), by band.
	AnnualPayPerFTE map[workforce.Band]float64 `yaml:"annual_pay_per_fte,omitempty"`
	// AgencyPerHour is the cost of an hour of agency or bank cover, and
	// AnnualHoursPerFTE the hours one FTE works a year (nil means 1950,
	// 37.5 x 52).
	AgencyPerHour     *float64 `yaml:"agency_per_hour,omitempty"`
	AnnualHoursPerFTE *float64 `yaml:"annual_hours_per_fte,omitempty"`
	// RecruitmentPerHead is the cost of recruiting one joiner, by source
	// (external, graduate, international, return, apprentice).
	RecruitmentPerHead map[string]float64 `yaml:"recruitment_per_head,omitempty"`
	// StudentPerYear and ApprenticePerYear are training costs per head in
	// training a year.
	StudentPerYear    *float64 `yaml:"student_per_year,omitempty"`
	ApprenticePerYear *float64 `yaml:"apprentice_per_year,omitempty"`
	// Money turns the costs into cash, real terms and present values
	// (money.go); its keys sit in the costs section itself.
	Money `yaml:",inline"`
}

func (b *builder) checkCosts() {
	c := &b.f.Costs
	const p = "costs"
	upTo := func(most float64) (func(float64) bool, string) {
		return func(x float64) bool { return x >= 0 && x <= most }, fmt.Sprintf("0 to %s pounds", formatFloat(most))
	}
	pounds, want := upTo(workforce.MaxUnitCost)
	for _, band := range slices.Sorted(maps.Keys(c.AnnualPayPerFTE)) {
		x := c.AnnualPayPerFTE[band]
		b.checkFloat(&x, p+".annual_pay_per_fte."+band.String(), pounds, want)
	}
	agency, agencyWant := upTo(workforce.MaxAgencyPerHour)
	b.checkFloat(c.AgencyPerHour, p+".agency_per_hour", agency, agencyWant)
	recruit, recruitWant := upTo(workforce.MaxRecruitmentCost)
	b.checkFloat(c.AnnualHoursPerFTE, p+".annual_hours_per_fte", func(x float64) bool { return x > 0 && x <= maxHoursPerYear }, fmt.Sprintf("above 0, at most %d", maxHoursPerYear))
	for _, src := range slices.Sorted(maps.Keys(c.RecruitmentPerHead)) {
		sp := join(p+".recruitment_per_head", src)
		if !slices.Contains(sourceNames, src) {
			b.errorf(sp, "unknown source of joiners %q%s", src, suggest(src, sourceNames, "want one of "+strings.Join(sourceNames, ", ")))
			continue
		}
		x := c.RecruitmentPerHead[src]
		b.checkFloat(&x, sp, recruit, recruitWant)
	}
	b.checkFloat(c.StudentPerYear, p+".student_per_year", pounds, want)
	b.checkFloat(c.ApprenticePerYear, p+".apprentice_per_year", pounds, want)
	b.checkMoney()
}

// lowerCosts copies the unit costs; they add no parameter.
func (c *compiler) lowerCosts() {
	fc, mc := &c.b.f.Costs, &c.m.Costs
	for band, x := range fc.AnnualPayPerFTE {
		mc.PayPerFTE[band] = x
	}
	if fc.AgencyPerHour != nil {
		mc.AgencyPerHour = *fc.AgencyPerHour
		mc.HoursPerFTE = defaultHours
	}
	if fc.AnnualHoursPerFTE != nil {
		mc.HoursPerFTE = *fc.AnnualHoursPerFTE
	}
	for s, name := range sourceNames {
		mc.RecruitPerHead[s] = fc.RecruitmentPerHead[name]
	}
	if fc.StudentPerYear != nil {
		mc.StudentPerYear = *fc.StudentPerYear
	}
	if fc.ApprenticePerYear != nil {
		mc.ApprenticePerYear = *fc.ApprenticePerYear
	}
	c.lowerMoney()
}
