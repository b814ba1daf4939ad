package sim

import (
	"math"

	"github.com/ahpsim/ahpsim/sim/summary"
)

// SuppressMark is what a published output writes for a suppressed figure.
const SuppressMark = "*"

// SmallCount says whether a count of people is one that the NHS
// statistical disclosure convention does not publish: 1 to 4, after
// rounding to whole heads. Zero is published; so is 5 or more.
func SmallCount(v float64) bool {
	r := math.Round(v)
	return r >= 1 && r <= 4
}

// suppressCounts hides, in a summary row's eight numbers (mean, sd, mcse,
// p05 ... p95), each figure of a count of people that is a small count,
// and the sd and mcse with the mean (they are not counts, but with the
// mean they would narrow it down).
func suppressCounts(cells []string, st summary.Stats, m Metric) {
	if m.Unit != "heads" || !st.Defined() {
		return
	}
	values := []float64{st.Mean, st.SD, st.MCSE, st.P05, st.P25, st.P50, st.P75, st.P95}
	for i, v := range values {
		if (i == 1 || i == 2) && SmallCount(st.Mean) || i != 1 && i != 2 && SmallCount(v) {
			cells[i] = SuppressMark
		}
	}
}

// rateOfFew says whether metric m of group g at date d is a rate derived
// from a small count: a leaver rate whose mean leavers or mean headcount
// is one. When the result does not summarise either count, the rate is
// hidden, since nothing shows it is safe to publish.
func (r *Result) rateOfFew(d, g int, m Metric) bool {
	if m.Name != string(LeaverRate) {
		return false
	}
	for _, count := range []MetricName{Leavers, InPostHC} {
		st := r.Stats(d, g, r.MetricIndex(string(count)))
		if !st.Defined() || SmallCount(st.Mean) {
			return true
		}
	}
	return false
}
