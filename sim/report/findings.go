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
// where that effect is largest, its target and its costs. Options are
// named by their titles. Every range is the middle 90% of runs (see the
// package documentation); FindingsWith takes another interval. It returns
// nil for a comparison Figures would reject.
func Findings(c *sim.Comparison) []string { return FindingsWith(c, Options{}) }

// FindingsWith is Findings with options (the interval of the ranges).
func FindingsWith(c *sim.Comparison, o Options) []string {
	if check(c) != nil {
		return nil
	}
	v := newView(c)
	v.suppress = o.Suppress
	w := newWords(v, o.Interval)
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	add(w.outlook())
	if len(c.Options) == 1 {
		add(w.highest())
	}
	add(w.target(0))
	add(w.cost(0))
	for i := 1; i < len(c.Options); i++ {
		add(w.effect(i))
		add(w.largestEffect(i))
		add(w.target(i))
		add(w.cost(i))
	}
	return out
}

// title is option i's title for readers: its Title, else its name (unique
// among the options).
func (v *view) title(i int) string {
	if i < len(v.c.Titles) && v.c.Titles[i] != "" && v.c.Titles[i] != v.c.Names[i] {
		return v.c.Titles[i]
	}
	return v.names[i]
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
func (w *words) subject(i int) string {
	if len(w.c.Options) == 1 {
		return ""
	}
	if i == 0 && w.names[0] == "baseline" {
		return "With the baseline, t"
	}
	return "With " + w.title(i) + ", t"
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
func (w *words) outlook() string {
	start := w.stat(0, 0, w.all, "vacancy_rate")
	end := w.stat(0, w.last, w.all, "vacancy_rate")
	if !start.Defined() || !end.Defined() {
		return ""
	}
	vac := w.stat(0, 0, w.all, "vacancies_fte")
	est := w.stat(0, 0, w.all, "establishment_fte")
	s := w.subject(0)
	if s == "" {
		s = "T"
	}
	s += fmt.Sprintf("he whole-system vacancy rate starts at %s in %s (%s FTE vacant of %s FTE funded posts)",
		pct(start.Mean), monthWords(w.base.Dates[0]), fte(vac.Mean), fte(est.Mean))
	endVac := w.stat(0, w.last, w.all, "vacancies_fte")
	if w.montecarlo() {
		s += fmt.Sprintf("; by %s its median is %s (%s: %s to %s), with %s FTE vacant on average (%s to %s).",
			monthWords(w.horizon), pct(end.P50), w.ofRuns(), pct(end.P05), pct(end.P95), fte(endVac.Mean), fte(endVac.P05), fte(endVac.P95))
	} else {
		s += fmt.Sprintf("; by %s it is %s, with %s FTE vacant (expected values).", monthWords(w.horizon), pct(end.Mean), fte(endVac.Mean))
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
func (w *words) highest() string {
	gs := w.bandGroups()
	if len(gs) < 2 {
		return ""
	}
	best, bestSt := -1, summary.Stats{}
	for _, g := range gs {
		st := w.stat(0, w.last, g, "vacancy_rate")
		if st.Defined() && (best < 0 || st.P50 > bestSt.P50) {
			best, bestSt = g, st
		}
	}
	if best < 0 {
		return ""
	}
	if w.montecarlo() {
		return fmt.Sprintf("The highest vacancy rate in %s is for %s: median %s (%s: %s to %s).",
			monthWords(w.horizon), w.groupName(best), pct(bestSt.P50), w.ofRuns(), pct(bestSt.P05), pct(bestSt.P95))
	}
	return fmt.Sprintf("The highest vacancy rate in %s is for %s: %s (expected values).",
		monthWords(w.horizon), w.groupName(best), pct(bestSt.Mean))
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

// rateSpread is the range of paired vacancy-rate differences in words.
func rateSpread(st summary.Stats) string {
	lo, hi := bracket(st.P05, st.P95, st.Mean)
	return spread(lo, hi, points, " points", "lower", "higher")
}

// effect is option i's effect on the whole system against the baseline.
func (w *words) effect(i int) string {
	p := w.c.PairIndex(i, 0)
	d := w.pair(p, w.last, w.all, "vacancy_rate_diff")
	if !d.Defined() {
		return ""
	}
	s := fmt.Sprintf("%s compared with the baseline: by %s the whole-system vacancy rate is %s",
		w.title(i), monthWords(w.horizon), rateChange(d.Mean))
	if w.montecarlo() {
		s += " (" + w.ofRuns() + ": " + rateSpread(d) + ")"
	}
	if vac := w.pair(p, w.last, w.all, "vacancies_fte_diff"); vac.Defined() {
		s += ", " + w.vacancyChange(vac)
	}
	if w.montecarlo() {
		better := w.pair(p, w.last, w.all, "prob_better")
		s += fmt.Sprintf("; it is lower than the baseline's in %s of runs", prob(better.Mean))
	}
	return s + "."
}

// vacancyChange describes a difference in vacancies with its range: "2.3
// FTE fewer vacancies (0.4 to 4.1 FTE fewer)".
func (w *words) vacancyChange(st summary.Stats) string {
	s := vacancyChange(st.Mean)
	if w.montecarlo() && s != "the same vacancies" {
		lo, hi := bracket(st.P05, st.P95, st.Mean)
		s += " (" + spread(lo, hi, fte, " FTE", "fewer", "more") + ")"
	}
	return s
}

// vacancyChange describes a mean difference in vacancies: "2.3 FTE fewer
// vacancies".
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
func (w *words) largestEffect(i int) string {
	p := w.c.PairIndex(i, 0)
	best, bestSt := -1, summary.Stats{}
	for _, g := range w.bandGroups() {
		st := w.pair(p, w.last, g, "vacancy_rate_diff")
		if st.Defined() && (best < 0 || math.Abs(st.Mean) > math.Abs(bestSt.Mean)) {
			best, bestSt = g, st
		}
	}
	if best < 0 || w.all < 0 || len(w.base.Groups[best].Cells) == len(w.base.Groups[w.all].Cells) || points(bestSt.Mean) == points(0) {
		return ""
	}
	s := fmt.Sprintf("%s: the largest effect is on %s, whose vacancy rate is %s than with the baseline by %s",
		w.title(i), w.groupName(best), rateChange(bestSt.Mean), monthWords(w.horizon))
	if w.montecarlo() {
		better := w.pair(p, w.last, best, "prob_better")
		s += fmt.Sprintf(" (%s: %s; lower in %s of runs)", w.ofRuns(), rateSpread(bestSt), prob(better.Mean))
	}
	if vac := w.pair(p, w.last, best, "vacancies_fte_diff"); vac.Defined() {
		s += ", " + w.vacancyChange(vac)
	}
	return s + "."
}

// target is when option i's median whole-system vacancy rate first falls
// below the target, and how likely it is to be below it at the horizon.
func (w *words) target(i int) string {
	if !w.c.Compare.HasTarget {
		return ""
	}
	t := shortPct(w.c.Compare.Target)
	s := w.subject(i)
	if s == "" {
		s = "T"
	}
	s += "he median whole-system vacancy rate "
	first, ok := w.c.FirstMonthMedianBelow(i)
	end := w.c.TraceMonths[len(w.c.TraceMonths)-1]
	switch {
	case !ok:
		s += fmt.Sprintf("does not fall below the %s target by %s", t, monthWords(end))
	case first == w.c.TraceMonths[0]:
		s += fmt.Sprintf("is below the %s target from the start (%s)", t, monthWords(first))
	default:
		s += fmt.Sprintf("first falls below the %s target in %s", t, monthWords(first))
	}
	below := w.c.BelowTargetStats(i, w.last, w.all)
	if below.Defined() {
		s += fmt.Sprintf("; the probability of being below it in %s is %s", monthWords(w.horizon), prob(below.Mean))
	}
	return s + "."
}

// cost is option i's total cost to the horizon and, for an option other
// than the baseline, its extra cost and cost per vacancy FTE-year avoided.
func (w *words) cost(i int) string {
	total := w.stat(i, w.last, w.all, "cost_cumulative_total")
	if !total.Defined() {
		return ""
	}
	when := monthWords(w.horizon)
	if i == 0 {
		s := w.subject(0)
		if s == "" {
			s = "T"
		}
		s += fmt.Sprintf("he total cost from the start to %s, at %s prices, is %s (mean over runs", when, w.priceBase(), money(total.Mean))
		if w.montecarlo() {
			s += fmt.Sprintf("; %s: %s to %s", w.ofRuns(), money(total.P05), money(total.P95))
		}
		return s + ")."
	}
	p := w.c.PairIndex(i, 0)
	extra := w.pair(p, w.last, w.all, "cost_cumulative_total_diff")
	years := w.pair(p, w.last, w.all, "vacancy_fte_years_diff")
	if !extra.Defined() || !years.Defined() {
		return ""
	}
	var s string
	switch {
	case money(extra.Mean) == money(0):
		s = fmt.Sprintf("%s costs the same as the baseline to %s (total %s", w.title(i), when, money(total.Mean))
	case extra.Mean < 0:
		s = fmt.Sprintf("%s costs %s less than the baseline to %s (total %s", w.title(i), money(extra.Mean), when, money(total.Mean))
	default:
		s = fmt.Sprintf("%s costs %s more than the baseline to %s (total %s", w.title(i), money(extra.Mean), when, money(total.Mean))
	}
	if w.montecarlo() {
		lo, hi := bracket(extra.P05, extra.P95, extra.Mean)
		s += "; " + w.ofRuns() + ": " + spread(lo, hi, money, "", "less", "more")
	}
	s += ")"
	switch {
	case years.Mean < 0:
		s += fmt.Sprintf(" and avoids %s vacancy FTE-years", number(-years.Mean, 1))
		if w.montecarlo() {
			lo, hi := bracket(-years.P95, -years.P05, -years.Mean)
			s += fmt.Sprintf(" (%s to %s)", number(lo, 1), number(hi, 1))
		}
	case years.Mean > 0:
		s += fmt.Sprintf(" and adds %s vacancy FTE-years", number(years.Mean, 1))
	default:
		s += " and avoids no vacancy FTE-years"
	}
	if per, ok := w.c.CostPerVacancyYearAvoided(p, w.all); ok {
		s += fmt.Sprintf(": %s per vacancy FTE-year avoided", signedMoney(per))
	} else {
		s += ", so it has no cost per vacancy FTE-year avoided"
	}
	return s + "."
}

// priceBase names the financial year whose prices the model's costs are
// given at, e.g. "2024/25": the totals and cumulative costs are at those
// prices, before pay awards and discounting (sim.YearCost has the rest).
func (w *words) priceBase() string {
	return workforce.FinancialYearLabel(w.base.Model.PriceBaseYear())
}
