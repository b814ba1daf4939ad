// TEMPORARY: replaced by helper B's sim/money.go at merge.

package sim

import (
	"fmt"

	"github.com/ahpsim/ahpsim/workforce"
)

// CostsByYear sums option i's mean whole-system cost by NHS financial
// year (April to March): the growth of the mean cost_cumulative_total
// over each reporting interval, in the year its last month falls in.
// Cash, Real and PresentValue are the same (no pay awards, no
// discounting) in this stand-in; Agency is the growth of the mean
// cost_cumulative_agency when summarised, AgencySubstantive 0. Nil
// without costs.
func (c *Comparison) CostsByYear(i int) []YearCost {
	if uint(i) >= uint(len(c.Options)) {
		return nil
	}
	r := c.Options[i]
	total, agency := r.MetricIndex(string(CostCumulativeTotal)), r.MetricIndex("cost_cumulative_agency")
	g := r.GroupIndex("all", "all", "all")
	if total < 0 || g < 0 {
		return nil
	}
	var out []YearCost
	for d := 1; d < len(r.Dates); d++ {
		last := r.Dates[d] - 1 // the interval ends at the date
		start := fyStart(last)
		if len(out) == 0 || fyStart(out[len(out)-1].From) != start {
			from := max(start, r.Dates[0])
			out = append(out, YearCost{Label: fmt.Sprintf("%d/%02d", start.Year(), (start.Year()+1)%100), From: from})
		}
		y := &out[len(out)-1]
		y.To = last
		y.Months = int(y.To-y.From) + 1
		v := r.Stats(d, g, total).Mean - r.Stats(d-1, g, total).Mean
		y.Cash, y.Real, y.PresentValue = y.Cash+v, y.Real+v, y.PresentValue+v
		if agency >= 0 {
			y.Agency += r.Stats(d, g, agency).Mean - r.Stats(d-1, g, agency).Mean
		}
	}
	return out
}

// fyStart is April of the financial year holding m.
func fyStart(m workforce.Month) workforce.Month {
	return m - workforce.Month((m.MonthOfYear()+8)%12)
}

// Payback is the first financial year by the end of which option's
// cumulative cash cost is at or below base's, having been above it, and
// false if it never is.
func Payback(base, option []YearCost) (string, bool) {
	var gap float64
	above := false
	for k := range min(len(base), len(option)) {
		gap += option[k].Cash - base[k].Cash
		if gap > 0 {
			above = true
		} else if above {
			return option[k].Label, true
		}
	}
	return "", false
}

// AgencyYearPerFTE is the cost of a year of agency cover for one FTE:
// the agency rate an hour times the hours one FTE works a year.
func AgencyYearPerFTE(m *workforce.Model) float64 {
	return m.Costs.AgencyPerHour * m.Costs.HoursPerFTE
}
