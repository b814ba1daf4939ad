package report

import (
	"fmt"
	"math"
)

// The executive summary, page one of the report: the question, one
// sentence per option with its range, the recommended option when the
// comparison has a target, and the caveats.

// question is what the comparison asks, in the words of a board paper.
func (w *words) question() string {
	when := monthWords(w.horizon)
	what := "How does the whole-system vacancy rate develop to " + when
	if len(w.c.Options) > 1 {
		what = "How does each option change the whole-system vacancy rate by " + when
	}
	if w.c.Compare.HasTarget {
		what = "Which option brings the whole-system vacancy rate below the " + shortPct(w.c.Compare.Target) + " target by " + when
		if len(w.c.Options) == 1 {
			what = "Does the whole-system vacancy rate fall below the " + shortPct(w.c.Compare.Target) + " target by " + when
		}
	}
	if w.base.MetricIndex("cost_cumulative_total") >= 0 {
		what += ", and at what cost"
	}
	return what + "?"
}

// answer is option i's result in one sentence: its vacancy rate at the
// horizon with its range, its change against the baseline, its chance of
// meeting the target and its cost.
func (w *words) answer(i int) string {
	vr := w.stat(i, w.last, w.all, "vacancy_rate")
	if !vr.Defined() {
		return "no whole-system vacancy rate was reported."
	}
	s := "vacancy rate " + pct(vr.Mean) + " in " + monthWords(w.horizon)
	if w.montecarlo() {
		s = fmt.Sprintf("vacancy rate %s in %s (%s: %s to %s)", pct(vr.P50), monthWords(w.horizon), w.ofRuns(), pct(vr.P05), pct(vr.P95))
	}
	p := -1
	if i > 0 {
		p = w.c.PairIndex(i, 0)
		if d := w.pair(p, w.last, w.all, "vacancy_rate_diff"); d.Defined() {
			s += ", " + rateChange(d.Mean)
			if w.montecarlo() && points(d.Mean) != points(0) {
				s += " (" + rateSpread(d) + ")"
			}
		}
	}
	if below := w.c.BelowTargetStats(i, w.last, w.all); below.Defined() {
		s += fmt.Sprintf("; a %s chance of being below the %s target", prob(below.Mean), shortPct(w.c.Compare.Target))
	}
	if i == 0 {
		if total := w.stat(0, w.last, w.all, "cost_cumulative_total"); total.Defined() {
			s += "; costs " + money(total.Mean) + " to " + monthWords(w.horizon) + " at " + w.priceBase() + " prices"
		}
		return s + "."
	}
	extra := w.pair(p, w.last, w.all, "cost_cumulative_total_diff")
	if !extra.Defined() {
		return s + "."
	}
	switch {
	case money(extra.Mean) == money(0):
		s += "; costs the same as the baseline"
	case extra.Mean < 0:
		s += "; saves " + money(extra.Mean) + " against the baseline"
	default:
		s += "; costs " + money(extra.Mean) + " more than the baseline"
	}
	if w.montecarlo() {
		lo, hi := bracket(extra.P05, extra.P95, extra.Mean)
		s += " (" + spread(lo, hi, money, "", "less", "more") + ")"
	}
	if per, ok := w.c.CostPerVacancyYearAvoided(p, w.all); ok {
		s += ", " + signedMoney(per) + " per vacancy FTE-year avoided"
	}
	return s + "."
}

// recommendation is the option the summary recommends, by the rule in the
// package documentation; ok is false without a target. When no option is
// likely to meet the target, best is the one most likely to, and met is
// false.
type recommendation struct {
	best      int
	met, cost bool // met: P(below target) >= 1/2; cost: chosen on cost per vacancy FTE-year avoided
	prob      float64
}

// recommend applies the rule: of the options whose probability of being
// below the target at the horizon is at least 50%, the baseline if it is
// one of them (nothing needs to change to meet the target); else the one
// with the lowest cost per vacancy FTE-year avoided (among those that
// avoid any, when the model has costs), else the most likely to meet the
// target. With none at 50%, no option is recommended and the one most
// likely to meet the target is named. Ties go to the first in order.
func (w *words) recommend() (recommendation, bool) {
	c := w.c
	if !c.Compare.HasTarget {
		return recommendation{}, false
	}
	probs := make([]float64, len(c.Options))
	most := -1
	for i := range c.Options {
		probs[i] = math.NaN()
		if st := c.BelowTargetStats(i, w.last, w.all); st.Defined() {
			probs[i] = st.Mean
			if most < 0 || st.Mean > probs[most] {
				most = i
			}
		}
	}
	if most < 0 {
		return recommendation{}, false
	}
	if probs[most] < 0.5 {
		return recommendation{best: most, prob: probs[most]}, true
	}
	if probs[0] >= 0.5 {
		return recommendation{best: 0, met: true, prob: probs[0]}, true
	}
	cheapest, per := -1, 0.0
	for i := 1; i < len(c.Options); i++ {
		if !(probs[i] >= 0.5) {
			continue
		}
		if x, ok := c.CostPerVacancyYearAvoided(c.PairIndex(i, 0), w.all); ok && (cheapest < 0 || x < per) {
			cheapest, per = i, x
		}
	}
	if cheapest >= 0 {
		return recommendation{best: cheapest, met: true, cost: true, prob: probs[cheapest]}, true
	}
	return recommendation{best: most, met: true, prob: probs[most]}, true
}

// recommendText says the recommendation in words.
func (w *words) recommendText(r recommendation) string {
	t, when := shortPct(w.c.Compare.Target), monthWords(w.horizon)
	switch {
	case !r.met:
		return fmt.Sprintf("No option is recommended: none is more likely than not to bring the whole-system vacancy rate below the %s target by %s. The most likely is %s, at %s.",
			t, when, w.title(r.best), prob(r.prob))
	case r.best == 0:
		return fmt.Sprintf("No change is needed to meet the target: with the baseline the whole-system vacancy rate is below the %s target in %s in %s of runs.", t, when, prob(r.prob))
	case r.cost:
		return fmt.Sprintf("Recommended: %s, the option with the lowest cost per vacancy FTE-year avoided of those more likely than not to be below the %s target in %s (%s of runs).",
			w.title(r.best), t, when, prob(r.prob))
	}
	return fmt.Sprintf("Recommended: %s, the option most likely to be below the %s target in %s (%s of runs).", w.title(r.best), t, when, prob(r.prob))
}

// caveats are what a reader must know before acting on the numbers.
func (w *words) caveats(warnings int) []string {
	out := []string{
		"The ranges are the spread of the simulated outcomes (the middle " + w.ofRuns() + ", the " + w.percentiles() +
			"), given the uncertain inputs and chance. They are not forecast errors: if an assumption is wrong, the outcome can fall outside them.",
		"The model projects staff against the funded posts the scenario gives. It leaves out changes in demand for services beyond the establishment growth stated, productivity and skill mix, and any change in pay policy or the labour market beyond the rates assumed.",
		"Every effect and cost of an option is an assumption of the scenario, listed with its source under Assumptions.",
	}
	if warnings > 0 {
		out = append(out, fmt.Sprintf("%s on these results: see Warnings.", pluralWords(warnings, "warning bears", "warnings bear")))
	}
	return out
}

func pluralWords(n int, one, many string) string {
	if n == 1 {
		return "One " + one
	}
	return fmt.Sprint(n) + " " + many
}
