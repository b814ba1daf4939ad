package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/summary"
)

// span is what a chart draws of one series: the median, the middle 50% of
// runs and the outer interval (the view's interval of runs), and the mean.
type span struct {
	ok                      bool
	mean                    float64
	lo, lo50, mid, hi50, hi float64
}

// spanOf reads series i of t with the outer interval holding the share
// interval of runs: for 0.9 the 5th to 95th percentiles, for 0.8 the 10th
// to 90th. Undefined series give a span of NaN.
func spanOf(t *summary.Table, i int, interval float64) span {
	st := t.Stats(i)
	if !st.Defined() {
		return undefinedSpan()
	}
	// Rounded, so that 0.8 asks for the 10th percentile, not the
	// 9.999...th that (1-0.8)/2 is in floating point.
	q := math.Round((1-interval)/2*1e9) / 1e9
	return span{ok: true, mean: st.Mean, lo: t.Percentile(i, q), lo50: st.P25, mid: st.P50, hi50: st.P75, hi: t.Percentile(i, 1-q)}
}

// undefinedSpan is a span of NaN.
func undefinedSpan() span {
	nan := math.NaN()
	return span{mean: nan, lo: nan, lo50: nan, mid: nan, hi50: nan, hi: nan}
}

// resultSpan is option i's span of a metric at date d for group g.
func (v *view) resultSpan(i, d, g int, metric string) span {
	r := v.c.Options[i]
	m := r.MetricIndex(metric)
	if m < 0 || g < 0 || g >= len(r.Groups) || d < 0 || d >= len(r.Dates) {
		return undefinedSpan()
	}
	return spanOf(r.Table, r.Series(d, g, m), v.interval)
}

// traceSpan is option i's whole-system vacancy rate at trace month t.
func (v *view) traceSpan(i, t int) span { return spanOf(v.c.Trace[i], t, v.interval) }

// pairSpan is pair p's span of a paired metric at date d for group g.
func (v *view) pairSpan(p, d, g int, metric string) span {
	if g < 0 || g >= len(v.base.Groups) || d < 0 || d >= len(v.base.Dates) {
		return undefinedSpan()
	}
	for k, m := range sim.PairMetrics {
		if m.Name == metric {
			return spanOf(v.c.PairTable, v.c.PairSeries(p, d, g, k), v.interval)
		}
	}
	panic("report: no paired metric " + metric) // a typo in this package
}

// share is the interval as words: "90% of runs".
func (v *view) share() string {
	return strconv.FormatFloat(100*v.interval, 'f', -1, 64) + "% of runs"
}

// percentiles is the interval as percentiles: "5th to 95th percentile".
func (v *view) percentiles() string {
	q := math.Round((1-v.interval)/2*1e9) / 1e7
	return ordinal(q) + " to " + ordinal(100-q) + " percentile"
}

// intervalWords is "90% of runs (5th to 95th percentile)".
func (v *view) intervalWords() string { return v.share() + " (" + v.percentiles() + ")" }

// outerLabel is the legend of a chart's outer band: "Middle 90% of runs".
func (v *view) outerLabel() string { return "Middle " + v.share() }

// ordinal writes a percentile rank: 5 is "5th", 2.5 is "2.5th", 1 "1st".
func ordinal(q float64) string {
	q = math.Round(q*1e6) / 1e6
	s := strconv.FormatFloat(q, 'f', -1, 64)
	if q != math.Trunc(q) {
		return s + "th"
	}
	n := int(q)
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return s + "th"
	case n%10 == 1:
		return s + "st"
	case n%10 == 2:
		return s + "nd"
	case n%10 == 3:
		return s + "rd"
	}
	return s + "th"
}

// rangeWords is a span's median with its interval: "8.6% (90% of runs
// 6.8% to 10.6%)", written by f; just the median when the runs do not
// spread.
func (v *view) rangeWords(s span, f func(float64) string) string {
	if !s.ok {
		return "not defined"
	}
	if f(s.lo) == f(s.hi) {
		return f(s.mid)
	}
	return f(s.mid) + " (" + v.share() + " " + f(s.lo) + " to " + f(s.hi) + ")"
}

// joinWords joins parts as "a, b and c".
func joinWords(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
