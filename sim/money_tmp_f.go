// TEMPORARY: replaced by helper B's sim/money.go at merge.
//
// A simple working stand-in for helper B's money functions, so that the
// report's cost table can be built and tested: each year is the span
// between two reported dates of the whole system's mean cumulative cost,
// with Cash = Real = PresentValue (no pay awards, no discounting) and no
// agency costs (they are not in the default selection).

package sim

import (
	"fmt"

	"github.com/ahpsim/ahpsim/workforce"
)

// CostsByYear returns option i's mean costs per span of reported dates,
// labelled by the NHS financial year the span starts in; nil without
// costs.
func (c *Comparison) CostsByYear(i int) []YearCost {
	r := c.Options[i]
	g := r.GroupIndex("all", "all", "all")
	total := r.MetricIndex(string(CostCumulativeTotal))
	if g < 0 || total < 0 {
		return nil
	}
	var out []YearCost
	for d := 1; d < len(r.Dates); d++ {
		from, to := r.Dates[d-1], r.Dates[d]
		y := from.Year()
		if from.MonthOfYear() < 4 {
			y--
		}
		cash := r.Stats(d, g, total).Mean - r.Stats(d-1, g, total).Mean
		yc := YearCost{Label: fmt.Sprintf("%d/%02d", y, (y+1)%100), From: from, To: to - 1,
			Months: int(to - from), Cash: cash, Real: cash, PresentValue: cash}
		out = append(out, yc)
	}
	return out
}

// Payback returns the first year by the end of which option's cumulative
// cost is at or below base's, having been above it, and false if it
// never is.
func Payback(base, option []YearCost) (string, bool) {
	var cum float64
	above := false
	for k := range min(len(base), len(option)) {
		cum += option[k].PresentValue - base[k].PresentValue
		if cum > 0 {
			above = true
		} else if above {
			return option[k].Label, true
		}
	}
	return "", false
}

// AgencyYearPerFTE is what a year of agency cover for one FTE costs:
// the agency hourly rate times the hours of an FTE.
func AgencyYearPerFTE(m *workforce.Model) float64 {
	return m.Costs.AgencyPerHour * m.Costs.HoursPerFTE
}
