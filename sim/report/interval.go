package report

import (
	"math"
	"strconv"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/summary"
)

// The interval: every range the findings and the page show holds the
// middle Interval of the runs, 0.9 (the 5th to 95th percentile, the
// default) or 0.8 (the 10th to 90th, as the Strategy Unit's model shows).
// summary.Stats carries only P05..P95, so the 10th and 90th percentiles
// are read from the table (summary.Table.Percentile).

// intervalOf is o's interval, DefaultInterval when not given.
func intervalOf(iv float64) float64 {
	if iv == 0 {
		return DefaultInterval
	}
	return iv
}

// words is a view that writes for readers: findings, tables and the
// summary, with ranges of the chosen interval.
type words struct {
	*view
	iv float64 // share of runs in every range, 0.8 or 0.9
}

func newWords(v *view, interval float64) *words {
	return &words{view: v, iv: intervalOf(interval)}
}

// ofRuns names the interval: "90% of runs".
func (w *words) ofRuns() string {
	return strconv.FormatFloat(math.Round(1000*w.iv)/10, 'f', -1, 64) + "% of runs"
}

// percentiles names the interval's ends: "5th to 95th percentile".
func (w *words) percentiles() string {
	tail := math.Round(500*(1-w.iv)) / 10 // 5 or 10, without float noise
	lo := strconv.FormatFloat(tail, 'f', -1, 64)
	hi := strconv.FormatFloat(100-tail, 'f', -1, 64)
	return lo + "th to " + hi + "th percentile"
}

// narrow replaces st's P05 and P95 by the ends of the interval, read from
// series i of t, when the interval is not 90%.
func (w *words) narrow(st summary.Stats, t *summary.Table, i int) summary.Stats {
	if w.iv == 0.9 || !st.Defined() {
		return st
	}
	tail := (1 - w.iv) / 2
	st.P05, st.P95 = t.Percentile(i, tail), t.Percentile(i, 1-tail)
	return st
}

// stat is view.stat with the interval's range in P05 and P95.
func (w *words) stat(i, d, g int, metric string) summary.Stats {
	st := w.view.stat(i, d, g, metric)
	r := w.c.Options[i]
	if mi := r.MetricIndex(metric); mi >= 0 && st.Defined() {
		st = w.narrow(st, r.Table, r.Series(d, g, mi))
	}
	return st
}

// pair is view.pair with the interval's range in P05 and P95.
func (w *words) pair(p, d, g int, metric string) summary.Stats {
	st := w.view.pair(p, d, g, metric)
	if !st.Defined() {
		return st
	}
	for k, m := range sim.PairMetrics {
		if m.Name == metric {
			st = w.narrow(st, w.c.PairTable, w.c.PairSeries(p, d, g, k))
		}
	}
	return st
}
