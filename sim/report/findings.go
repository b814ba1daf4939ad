package report

import (
	"fmt"
	"math"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// Findings states the key results of c in plain sentences, in this order:
// the baseline's outlook for the whole-system vacancy rate (and, for a
// single option, the profession and band with the highest rate at the
// horizon), its target and cost findings; then for each other option its
// effect on the whole system against the baseline, the profession and band
// where that effect is largest, its target and its costs. Every range is
// the middle 90% of runs (see the package documentation). It returns nil
// for a comparison Figures would reject.
func Findings(c *sim.Comparison) []string {
	if check(c) != nil {
		return nil
	}
	v := newView(c)
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	add(v.outlook())
	if len(c.Options) == 1 {
		add(v.highest())
	}
	add(v.target(0))
	add(v.cost(0))
	for i := 1; i < len(c.Options); i++ {
		add(v.effect(i))
		add(v.largestEffect(i))
		add(v.target(i))
		add(v.cost(i))
	}
	return out
}

// montecarlo reports whether there is a spread of runs to describe.
func (v *view) montecarlo() bool {
	s := v.c.Settings
	return !s.Deterministic && s.Runs > 1
}

// stat returns option i's statistics of a metric at date d for group g;
// undefined statistics if the metric is not reported.
func (v *view) stat(i, d, g int, metric string) summary.Stats {
	r := v.c.Options[i]
	mi := r.MetricIndex(metric)
	if mi < 0 || g < 0 {
		return summary.Stats{Mean: math.NaN()}
	}
	return r.Stats(d, g, mi)
}

// pair returns the paired statistics of pair p at date d for group g;
// undefined statistics for a group or date the selection left out (-1).
func (v *view) pair(p, d, g int, metric string) summary.Stats {
	if g < 0 || g >= len(v.base.Groups) || d < 0 || d >= len(v.base.Dates) {
		return summary.Stats{Mean: math.NaN()}
	}
	for k, m := range sim.PairMetrics {
		if m.Name == metric {
			return v.c.PairTable.Stats(v.c.PairSeries(p, d, g, k))
		}
	}
	panic("report: no paired metric " + metric) // a typo in this package
}

// subject names option i as the subject of a sentence about it.
func (v *view) subject(i int) string {
	if len(v.c.Options) == 1 {
		return ""
	}
	w := v.with(i)
	return "W" + w[1:] + ", t"
}

// groupName is a group for people: "Occupational therapist, Band 5",
// "all professions, Band 6", with the organisation first when it is one.
func (v *view) groupName(g int) string {
	grp := v.base.Groups[g]
	s := "all professions"
	if grp.Prof != sim.All {
		s = v.layout.Professions[grp.Prof].Name
	}
	if grp.Band != sim.All {
		s += ", Band " + workforce.Band(grp.Band).String()
	}
	if grp.Org != sim.All {
		s = v.layout.Organisations[grp.Org].Name + ": " + s
	}
	return s
}

// outlook is the baseline's whole-system vacancy rate from start to horizon.
func (v *view) outlook() string {
	start := v.stat(0, 0, v.all, "vacancy_rate")
	end := v.stat(0, v.last, v.all, "vacancy_rate")
	if !start.Defined() || !end.Defined() {
		return ""
	}
	vac := v.stat(0, 0, v.all, "vacancies_fte")
	est := v.stat(0, 0, v.all, "establishment_fte")
	s := v.subject(0)
	if s == "" {
		s = "T"
	}
	s += fmt.Sprintf("he whole-system vacancy rate starts at %s in %s (%s FTE vacant of %s FTE funded posts)",
		pct(start.Mean), monthWords(v.base.Dates[0]), fte(vac.Mean), fte(est.Mean))
	endVac := v.stat(0, v.last, v.all, "vacancies_fte")
	if v.montecarlo() {
		s += fmt.Sprintf("; by %s its median is %s (90%% of runs: %s to %s), with %s FTE vacant on average.",
			monthWords(v.horizon), pct(end.P50), pct(end.P05), pct(end.P95), fte(endVac.Mean))
	} else {
		s += fmt.Sprintf("; by %s it is %s, with %s FTE vacant (expected values).", monthWords(v.horizon), pct(end.Mean), fte(endVac.Mean))
	}
	return s
}

// bandGroups lists the groups of one profession and one band across all
// organisations, in group order.
func (v *view) bandGroups() []int {
	var gs []int
	for g, grp := range v.base.Groups {
		if grp.Org == sim.All && grp.Prof != sim.All && grp.Band != sim.All {
			gs = append(gs, g)
		}
	}
	return gs
}

// highest names the profession and band with the highest median vacancy
// rate at the horizon (the first in group order on a tie), when there is
// more than one.
func (v *view) highest() string {
	gs := v.bandGroups()
	if len(gs) < 2 {
		return ""
	}
	best, bestSt := -1, summary.Stats{}
	for _, g := range gs {
		st := v.stat(0, v.last, g, "vacancy_rate")
		if st.Defined() && (best < 0 || st.P50 > bestSt.P50) {
			best, bestSt = g, st
		}
	}
	if best < 0 {
		return ""
	}
	if v.montecarlo() {
		return fmt.Sprintf("The highest vacancy rate in %s is for %s: median %s (90%% of runs: %s to %s).",
			monthWords(v.horizon), v.groupName(best), pct(bestSt.P50), pct(bestSt.P05), pct(bestSt.P95))
	}
	return fmt.Sprintf("The highest vacancy rate in %s is for %s: %s (expected values).",
		monthWords(v.horizon), v.groupName(best), pct(bestSt.Mean))
}

// rateChange describes a paired vacancy-rate difference: "1.2 percentage
// points lower", or, when it rounds to 0.0, "within 0.05 percentage points
// of the baseline's".
func rateChange(mean float64) string {
	switch {
	case points(mean) == points(0):
		return "within 0.05 percentage points of the baseline's"
	case mean < 0:
		return points(mean) + " percentage points lower"
	case mean > 0:
		return points(mean) + " percentage points higher"
	}
	return "the same as the baseline's"
}

// rateSpread is the middle 90% of paired vacancy-rate differences in words.
func rateSpread(st summary.Stats) string {
	lo, hi := bracket(st.P05, st.P95, st.Mean)
	return spread(lo, hi, points, " points", "lower", "higher")
}

// effect is option i's effect on the whole system against the baseline.
func (v *view) effect(i int) string {
	p := v.c.PairIndex(i, 0)
	d := v.pair(p, v.last, v.all, "vacancy_rate_diff")
	if !d.Defined() {
		return ""
	}
	s := fmt.Sprintf("%s compared with the baseline: by %s the whole-system vacancy rate is %s",
		v.names[i], monthWords(v.horizon), rateChange(d.Mean))
	if v.montecarlo() {
		s += " (90% of runs: " + rateSpread(d) + ")"
	}
	if vac := v.pair(p, v.last, v.all, "vacancies_fte_diff"); vac.Defined() {
		s += ", " + vacancyChange(vac.Mean)
	}
	if v.montecarlo() {
		better := v.pair(p, v.last, v.all, "prob_better")
		s += fmt.Sprintf("; it is lower than the baseline's in %s of runs", prob(better.Mean))
	}
	return s + "."
}

// vacancyChange describes a difference in vacancies: "2.3 FTE fewer vacancies".
func vacancyChange(mean float64) string {
	switch {
	case fte(mean) == fte(0):
		return "within 0.05 FTE of the baseline's vacancies"
	case mean < 0:
		return fte(mean) + " FTE fewer vacancies"
	case mean > 0:
		return fte(mean) + " FTE more vacancies"
	}
	return "the same vacancies"
}

// largestEffect is option i's effect on the profession and band whose mean
// vacancy rate it changes most (the first in group order on a tie). It says
// nothing when that group is the whole system or the change rounds to 0.0
// points.
func (v *view) largestEffect(i int) string {
	p := v.c.PairIndex(i, 0)
	best, bestSt := -1, summary.Stats{}
	for _, g := range v.bandGroups() {
		st := v.pair(p, v.last, g, "vacancy_rate_diff")
		if st.Defined() && (best < 0 || math.Abs(st.Mean) > math.Abs(bestSt.Mean)) {
			best, bestSt = g, st
		}
	}
	if best < 0 || v.all < 0 || len(v.base.Groups[best].Cells) == len(v.base.Groups[v.all].Cells) || points(bestSt.Mean) == points(0) {
		return ""
	}
	s := fmt.Sprintf("%s: the largest effect is on %s, whose vacancy rate is %s than with the baseline by %s",
		v.names[i], v.groupName(best), rateChange(bestSt.Mean), monthWords(v.horizon))
	if v.montecarlo() {
		better := v.pair(p, v.last, best, "prob_better")
		s += fmt.Sprintf(" (90%% of runs: %s; lower in %s of runs)", rateSpread(bestSt), prob(better.Mean))
	}
	if vac := v.pair(p, v.last, best, "vacancies_fte_diff"); vac.Defined() {
		s += ", " + vacancyChange(vac.Mean)
	}
	return s + "."
}

// target is when option i's median whole-system vacancy rate first falls
// below the target, and how likely it is to be below it at the horizon.
func (v *view) target(i int) string {
	if !v.c.Compare.HasTarget {
		return ""
	}
	t := shortPct(v.c.Compare.Target)
	s := v.subject(i)
	if s == "" {
		s = "T"
	}
	s += "he median whole-system vacancy rate "
	first, ok := v.c.FirstMonthMedianBelow(i)
	end := v.c.TraceMonths[len(v.c.TraceMonths)-1]
	switch {
	case !ok:
		s += fmt.Sprintf("does not fall below the %s target by %s", t, monthWords(end))
	case first == v.c.TraceMonths[0]:
		s += fmt.Sprintf("is below the %s target from the start (%s)", t, monthWords(first))
	default:
		s += fmt.Sprintf("first falls below the %s target in %s", t, monthWords(first))
	}
	below := v.c.BelowTargetStats(i, v.last, v.all)
	if below.Defined() {
		s += fmt.Sprintf("; the probability of being below it in %s is %s", monthWords(v.horizon), prob(below.Mean))
	}
	return s + "."
}

// cost is option i's total cost to the horizon and, for an option other
// than the baseline, its extra cost and cost per vacancy FTE-year avoided.
func (v *view) cost(i int) string {
	total := v.stat(i, v.last, v.all, "cost_cumulative_total")
	if !total.Defined() {
		return ""
	}
	when := monthWords(v.horizon)
	if i == 0 {
		s := v.subject(0)
		if s == "" {
			s = "T"
		}
		return s + fmt.Sprintf("he total cost from the start to %s is %s (mean over runs).", when, money(total.Mean))
	}
	p := v.c.PairIndex(i, 0)
	extra := v.pair(p, v.last, v.all, "cost_cumulative_total_diff")
	years := v.pair(p, v.last, v.all, "vacancy_fte_years_diff")
	if !extra.Defined() || !years.Defined() {
		return ""
	}
	var s string
	switch {
	case money(extra.Mean) == money(0):
		s = fmt.Sprintf("%s costs the same as the baseline to %s (total %s", v.names[i], when, money(total.Mean))
	case extra.Mean < 0:
		s = fmt.Sprintf("%s costs %s less than the baseline to %s (total %s", v.names[i], money(extra.Mean), when, money(total.Mean))
	default:
		s = fmt.Sprintf("%s costs %s more than the baseline to %s (total %s", v.names[i], money(extra.Mean), when, money(total.Mean))
	}
	if v.montecarlo() {
		lo, hi := bracket(extra.P05, extra.P95, extra.Mean)
		s += "; 90% of runs: " + spread(lo, hi, money, "", "less", "more")
	}
	s += ")"
	switch {
	case years.Mean < 0:
		s += fmt.Sprintf(" and avoids %s vacancy FTE-years", number(-years.Mean, 1))
	case years.Mean > 0:
		s += fmt.Sprintf(" and adds %s vacancy FTE-years", number(years.Mean, 1))
	default:
		s += " and avoids no vacancy FTE-years"
	}
	if per, ok := v.c.CostPerVacancyYearAvoided(p, v.all); ok {
		s += fmt.Sprintf(": %s per vacancy FTE-year avoided", signedMoney(per))
	} else {
		s += ", so it has no cost per vacancy FTE-year avoided"
	}
	return s + "."
}
