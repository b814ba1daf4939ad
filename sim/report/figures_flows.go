package report

import (
	"fmt"
	"math"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/chart"
	"github.com/ahpsim/ahpsim/workforce"
)

// panelled sets a per-option figure up as a panel of group (with several
// options) or as a chart standing alone (with one).
func (v *view) panelled(f *Figure, size *chart.Size, title *string, i int, group, groupTitle string) {
	*size = chart.Compact
	if len(v.c.Options) > 1 {
		f.Group, f.GroupTitle = group, groupTitle
		*size, *title = chart.Panel, v.titles[i]
	}
}

// stackedByBand is each option's mean staff in post (FTE) by band, panels
// on a shared y axis.
func (v *view) stackedByBand() []built {
	var charts []chart.StackedChart
	var figs []Figure
	top := 0.0
	for i, r := range v.c.Options {
		f := Figure{Name: "in_post_by_band" + v.suffix(i), Title: "Staff in post by band, all professions" + v.aboutTitle(i)}
		mi := r.MetricIndex("in_post_fte")
		if mi < 0 {
			continue
		}
		sc := chart.StackedChart{Title: f.Title, YLabel: "Staff in post (FTE, mean)", Months: months(r.Dates)}
		v.panelled(&f, &sc.Size, &sc.Title, i, "in_post_by_band", "Staff in post by band, all professions, one panel per option")
		var parts []string
		total := make([]float64, len(r.Dates))
		for g, grp := range r.Groups {
			if grp.Org != sim.All || grp.Prof != sim.All || grp.Band == sim.All {
				continue
			}
			layer := chart.Layer{Name: "Band " + workforce.Band(grp.Band).String()}
			for d := range r.Dates {
				st := r.Stats(d, g, mi)
				val := 0.0
				if st.Defined() {
					val = math.Max(0, st.Mean)
				}
				layer.Values = append(layer.Values, val)
				total[d] += val
			}
			sc.Layers = append(sc.Layers, layer)
			parts = append(parts, fmt.Sprintf("%s %s to %s", layer.Name, number(layer.Values[0], 0), number(layer.Values[v.last], 0)))
		}
		if len(sc.Layers) == 0 {
			continue
		}
		for _, t := range total {
			top = math.Max(top, t)
		}
		f.Caption = "Mean staff in post (FTE) of all organisations and professions, by Agenda for Change band, stacked from the lowest band up"
		if len(v.c.Options) > 1 {
			f.Caption += ", one panel per option on the same scale"
		}
		f.Caption += "."
		f.Alt = "Staff in post, all professions, " + v.titles[i] + ", mean FTE from " + monthWords(r.Dates[0]) + " to " + monthWords(r.Dates[v.last]) +
			": " + number(total[0], 0) + " to " + number(total[v.last], 0) + " in all; " + joinWords(parts) + "."
		charts, figs = append(charts, sc), append(figs, f)
	}
	var out []built
	for k, sc := range charts {
		sc.YMax = top * 1.05
		pic, err := sc.Picture()
		f, ok, err := finish(figs[k], sc, pic, err)
		out = append(out, built{f, ok, err})
	}
	return out
}

// flowLines are the joiners and leavers drawn, in order, with their
// legend labels; metrics a model does not report are left out.
var flowLines = []struct{ metric, label string }{
	{"joiners_external", "External recruits"},
	{"joiners_graduate", "Graduates"},
	{"joiners_international", "International recruits"},
	{"joiners_return", "Return to practice"},
	{"apprentices_qualified", "Apprentices qualified"},
	{"leavers", "Leavers"},
}

// joinersLeavers is each option's mean joiners by source and leavers per
// reporting interval, panels on a shared y axis.
func (v *view) joinersLeavers() []built {
	if len(v.base.Dates) < 2 || v.all < 0 {
		return nil // flows are over intervals: none without a second date
	}
	var charts []chart.LineChart
	var figs []Figure
	ys := [2]float64{0, math.Inf(-1)}
	for i, r := range v.c.Options {
		f := Figure{Name: "joiners_leavers" + v.suffix(i), Title: "Joiners by source and leavers, all professions" + v.aboutTitle(i)}
		lc := chart.LineChart{Title: f.Title, YLabel: "Heads " + v.perInterval() + " (mean)", Neutral: true}
		v.panelled(&f, &lc.Size, &lc.Title, i, "joiners_leavers", "Joiners by source and leavers, all professions, one panel per option")
		hidden := false
		var parts []string
		for _, fl := range flowLines {
			mi := r.MetricIndex(fl.metric)
			if mi < 0 {
				continue
			}
			line := chart.Line{Name: fl.label, Months: months(r.Dates[1:])}
			for d := 1; d < len(r.Dates); d++ {
				st := r.Stats(d, v.all, mi)
				val := math.NaN()
				if st.Defined() {
					val = st.Mean
				}
				if v.suppress && sim.SmallCount(val) {
					val, hidden = math.NaN(), true
				}
				line.Values = append(line.Values, val)
				if !math.IsNaN(val) {
					ys[1] = math.Max(ys[1], val)
				}
			}
			lc.Lines = append(lc.Lines, line)
			if last := line.Values[len(line.Values)-1]; !math.IsNaN(last) {
				parts = append(parts, fl.label+" "+number(last, 0))
			}
		}
		if len(lc.Lines) == 0 {
			continue
		}
		f.Caption = "Mean heads joining the whole system by source, apprentices qualifying into registered posts (who were already staff), and leavers, " +
			v.perInterval() + " up to each date"
		if len(v.c.Options) > 1 {
			f.Caption += ", one panel per option on the same scale"
		}
		f.Caption += "."
		if hidden {
			f.Caption += " Means of 1 to 4 heads are left out (small numbers are suppressed)."
		}
		if n := len(r.Dates); r.Dates[n-1]-r.Dates[n-2] != workforce.Month(v.intervalMonths()) {
			f.Caption += " The last point covers a shorter interval, to the horizon."
		}
		f.Alt = "Joiners and leavers, all professions, " + v.titles[i] + ", mean heads " + v.perInterval() + " to " + monthWords(r.Dates[len(r.Dates)-1]) + ": " + joinWords(parts) + "."
		charts, figs = append(charts, lc), append(figs, f)
	}
	var out []built
	for k, lc := range charts {
		if len(charts) > 1 && ys[1] > 0 {
			lc.YRange = &[2]float64{0, ys[1] * 1.05}
		}
		pic, err := lc.Picture()
		f, ok, err := finish(figs[k], lc, pic, err)
		out = append(out, built{f, ok, err})
	}
	return out
}
