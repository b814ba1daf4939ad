package report

import (
	"math"

	"github.com/ahpsim/ahpsim/sim/chart"
	"github.com/ahpsim/ahpsim/workforce"
)

const vacancyYLabel = "Vacancy rate (% of funded FTE)"

// fanOf is a fan of spans, one per month.
func fanOf(name string, look chart.Look, ms []workforce.Month, at func(t int) span) (chart.Fan, bool) {
	f := chart.Fan{Name: name, Look: look, Months: months(ms)}
	defined := false
	for t := range ms {
		s := at(t)
		defined = defined || s.ok
		f.P05 = append(f.P05, s.lo)
		f.P25 = append(f.P25, s.lo50)
		f.P50 = append(f.P50, s.mid)
		f.P75 = append(f.P75, s.hi50)
		f.P95 = append(f.P95, s.hi)
	}
	return f, defined
}

// systemFans is the whole-system vacancy rate after every step, from the
// comparison's trace (so that it shows the month the text names): one
// panel per option on a shared y axis, the baseline's median drawn grey
// in each other panel. A single option gets one chart, standing alone.
func (v *view) systemFans() []built {
	n := len(v.c.Options)
	fans := make([]chart.Fan, n)
	defined := make([]bool, n)
	ys := [2]float64{math.Inf(1), math.Inf(-1)}
	for i := range n {
		fans[i], defined[i] = fanOf(v.titles[i], chart.OptionLook(i), v.c.TraceMonths, func(t int) span { return v.traceSpan(i, t) })
		for _, x := range append(append([]float64{}, fans[i].P05...), fans[i].P95...) {
			if !math.IsNaN(x) {
				ys[0], ys[1] = math.Min(ys[0], x), math.Max(ys[1], x)
			}
		}
	}
	if !defined[0] {
		return nil // no establishment anywhere: no rate to draw
	}
	if v.c.Compare.HasTarget {
		ys[0], ys[1] = math.Min(ys[0], v.c.Compare.Target), math.Max(ys[1], v.c.Compare.Target)
	}
	yr := paddedRange(ys)
	base := &chart.Line{Name: v.titles[0] + " (median)", Months: fans[0].Months, Values: fans[0].P50}
	var out []built
	for i := range n {
		if !defined[i] {
			continue
		}
		out = append(out, v.systemPanel(i, fans, base, yr))
	}
	return out
}

// paddedRange widens a range of rates by 5% each side, from zero when it
// comes near zero, as the charts do.
func paddedRange(r [2]float64) *[2]float64 {
	lo, hi := r[0], r[1]
	if lo > 0 && lo <= 0.25*hi {
		lo = 0
	}
	pad := 0.05 * (hi - lo)
	if pad == 0 {
		pad = math.Max(0.01, 0.1*math.Abs(hi))
	}
	out := [2]float64{math.Max(0, lo-pad), hi + pad}
	if lo < 0 {
		out[0] = lo - pad
	}
	return &out
}

func (v *view) systemPanel(i int, fans []chart.Fan, base *chart.Line, yr *[2]float64) built {
	n := len(v.c.Options)
	f := Figure{Name: "vacancy_rate_all" + v.suffix(i), Title: "Vacancy rate, all professions" + v.aboutTitle(i)}
	fc := chart.FanChart{Title: f.Title, YLabel: vacancyYLabel, Percent: true, Fans: fans[i : i+1],
		OuterLabel: v.outerLabel(), YRange: yr, Size: chart.Compact}
	f.Caption = "The whole system's vacancy rate (vacancies over funded posts) at the start of every step. " +
		"The line is the median of the simulated runs, the darker band the middle 50% of runs and the lighter band the middle " +
		v.intervalWords() + "."
	if n > 1 {
		f.Group, f.GroupTitle = "vacancy_rate_all", "Vacancy rate, all professions, one panel per option"
		if v.scen != "" {
			f.GroupTitle += ": " + v.scen
		}
		fc.Title, fc.Size = v.titles[i], chart.Panel
		f.Caption = "The whole system's vacancy rate (vacancies over funded posts) at the start of every step, one panel per option on the same scale. " +
			"In each panel the line is the option's median over the simulated runs, the darker band the middle 50% of runs and the lighter band the middle " +
			v.intervalWords() + "; the grey dashed line is the baseline's median."
		if i > 0 {
			fc.Reference = base
		}
	}
	if v.c.Compare.HasTarget {
		t := v.c.Compare.Target
		fc.Target = &t
		f.Caption += " The dark dashed line is the target of " + shortPct(t) + "."
	}
	f.Alt = v.systemAlt(i, fans)
	pic, err := fc.Picture()
	fig, ok, err := finish(f, fc, pic, err)
	return built{fig, ok, err}
}

// aboutTitle ends a chart title: the scenario for a single option, else
// the option's title.
func (v *view) aboutTitle(i int) string {
	if len(v.c.Options) == 1 {
		if v.scen != "" {
			return ": " + v.scen
		}
		return ""
	}
	return ": " + v.titles[i]
}

// systemAlt describes option i's panel: its median from start to horizon
// with the interval at the horizon, beside the baseline's.
func (v *view) systemAlt(i int, fans []chart.Fan) string {
	last := len(v.c.TraceMonths) - 1
	first, end := v.traceSpan(i, 0), v.traceSpan(i, last)
	s := "Whole-system vacancy rate, " + v.titles[i] + ": median " + pct(first.mid) + " in " + monthWords(v.c.TraceMonths[0]) +
		" to " + v.rangeWords(end, pct) + " in " + monthWords(v.c.TraceMonths[last]) + "."
	if i > 0 {
		if sameFan(fans[0], fans[i]) {
			s += " The same as " + v.titles[0] + " throughout."
		} else {
			s += " " + v.titles[0] + "'s median in " + monthWords(v.c.TraceMonths[last]) + ": " + pct(v.traceSpan(0, last).mid) + "."
		}
	}
	if v.c.Compare.HasTarget {
		s += " Target " + shortPct(v.c.Compare.Target) + "."
	}
	return s
}

func sameFan(a, b chart.Fan) bool {
	same := func(x, y []float64) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] && !(math.IsNaN(x[i]) && math.IsNaN(y[i])) {
				return false
			}
		}
		return true
	}
	return same(a.P05, b.P05) && same(a.P25, b.P25) && same(a.P50, b.P50) && same(a.P75, b.P75) && same(a.P95, b.P95)
}

// differenceChart is each option's paired difference in the whole-system
// vacancy rate against the baseline, in percentage points.
func (v *view) differenceChart() (Figure, bool, error) {
	f := Figure{Name: "vacancy_rate_difference", Title: "Change in vacancy rate against the baseline, all professions"}
	lc := chart.LineChart{
		Title:     "Change in vacancy rate against the baseline",
		YLabel:    "Option minus baseline (points)",
		ZeroLine:  true,
		BandLabel: "Shaded: middle " + v.share(),
		Size:      chart.Compact,
	}
	var alt []string
	for i := 1; i < len(v.c.Options); i++ {
		p := v.c.PairIndex(i, 0)
		line := chart.Line{Name: v.titles[i], Look: chart.OptionLook(i), Months: months(v.base.Dates)}
		defined := false
		for d := range v.base.Dates {
			s := v.pairSpan(p, d, v.all, "vacancy_rate_diff")
			if !s.ok {
				line.Values = append(line.Values, math.NaN())
				line.Lower = append(line.Lower, math.NaN())
				line.Upper = append(line.Upper, math.NaN())
				continue
			}
			defined = true
			line.Values = append(line.Values, 100*s.mean)
			lo, hi := bracket(s.lo, s.hi, s.mean)
			line.Lower = append(line.Lower, 100*lo)
			line.Upper = append(line.Upper, 100*hi)
		}
		if defined {
			lc.Lines = append(lc.Lines, line)
			s := v.pairSpan(p, v.last, v.all, "vacancy_rate_diff")
			alt = append(alt, v.titles[i]+" "+signedPoints(s.mean)+" ("+v.share()+" "+signedPoints(s.lo)+" to "+signedPoints(s.hi)+")")
		}
	}
	if len(lc.Lines) == 0 {
		return f, false, nil
	}
	f.Caption = "Below zero, the option has a lower whole-system vacancy rate than the baseline. " +
		"Options are compared run by run on the same random numbers; the line is the mean difference and the shaded band holds the middle " +
		v.share() + " of the run-by-run differences (" + v.percentiles() + ")."
	f.Alt = "Mean change in the whole-system vacancy rate against the baseline by " + monthWords(v.horizon) +
		", in percentage points: " + joinWords(alt) + "."
	pic, err := lc.Picture()
	return finish(f, lc, pic, err)
}

// signedPoints writes a difference of rates in percentage points with its
// sign: "-1.2 points", "+0.3 points".
func signedPoints(d float64) string {
	s := number(100*d, 1)
	if s == "0.0" || s == "-0.0" {
		return "0.0 points"
	}
	if d > 0 {
		s = "+" + s
	}
	return s + " points"
}

// costChart is each option's extra cost against the vacancy FTE-years it
// avoids, by the horizon.
func (v *view) costChart() (Figure, bool, error) {
	f := Figure{Name: "cost_effectiveness",
		Title: "Extra cost against vacancy FTE-years avoided, to " + monthWords(v.horizon)}
	if v.base.MetricIndex("cost_cumulative_total") < 0 {
		return f, false, nil
	}
	sc := chart.ScatterChart{
		Title:  "Extra cost against vacancy FTE-years avoided",
		XLabel: "Vacancy FTE-years avoided",
		YLabel: "Extra cost (£)",
		Size:   chart.Compact,
	}
	var alt []string
	for i := 1; i < len(v.c.Options); i++ {
		p := v.c.PairIndex(i, 0)
		years := v.pairSpan(p, v.last, v.all, "vacancy_fte_years_diff")
		cost := v.pairSpan(p, v.last, v.all, "cost_cumulative_total_diff")
		if !years.ok || !cost.ok {
			continue
		}
		pt := chart.Point{Name: v.titles[i], Look: chart.OptionLook(i), X: -years.mean, Y: cost.mean}
		xlo, xhi := bracket(-years.hi, -years.lo, pt.X)
		ylo, yhi := bracket(cost.lo, cost.hi, pt.Y)
		if xlo < xhi {
			pt.XErr = [2]float64{xlo, xhi}
		}
		if ylo < yhi {
			pt.YErr = [2]float64{ylo, yhi}
		}
		sc.Points = append(sc.Points, pt)
		alt = append(alt, v.titles[i]+": "+signedMoney(cost.mean)+" for "+number(-years.mean, 1)+" vacancy FTE-years avoided")
	}
	if len(sc.Points) == 0 {
		return f, false, nil
	}
	f.Caption = "One point per option: the mean over runs of the vacancy FTE-years it avoids and of what it costs beyond the baseline, both added up from the start to " +
		monthWords(v.horizon) + ". Further right avoids more vacancies; higher costs more. The bars span the middle " +
		v.share() + " of the run-by-run differences (" + v.percentiles() + ")."
	f.Alt = "Extra cost against the baseline and vacancy FTE-years avoided, means to " + monthWords(v.horizon) + ": " + joinWords(alt) + "."
	pic, err := sc.Picture()
	return finish(f, sc, pic, err)
}

// bracket returns [lo, hi] widened to contain mean: a mean outside the
// interval is possible with very skewed runs or coarse percentile bins,
// and the charts require the interval to contain it.
func bracket(lo, hi, mean float64) (float64, float64) {
	return math.Min(lo, mean), math.Max(hi, mean)
}
