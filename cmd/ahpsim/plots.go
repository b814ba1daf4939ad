package main

import (
	"bytes"
	"fmt"
	"math"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/chart"
	"github.com/ahpsim/ahpsim/workforce"
	"gonum.org/v1/plot"
)

// renderPlots draws the standard pictures of a result, each as PNG and
// SVG, into files under plots/.
func renderPlots(c *sim.Comparison, files map[string][]byte) error {
	res := c.Options[0]
	add := func(name string, p *plot.Plot, err error) error {
		if err != nil {
			return fmt.Errorf("plot %s: %w", name, err)
		}
		for _, format := range []string{"png", "svg"} {
			var buf bytes.Buffer
			if err := chart.Render(p, format, &buf); err != nil {
				return fmt.Errorf("plot %s: %w", name, err)
			}
			files["plots/"+name+"."+format] = buf.Bytes()
		}
		return nil
	}
	l := res.Model.Layout
	for g, grp := range res.Groups {
		if grp.Org != sim.All || grp.Band != sim.All {
			continue
		}
		name, who := "vacancy_rate_all", "all professions"
		if grp.Prof != sim.All {
			name, who = "vacancy_rate_"+l.Professions[grp.Prof].Key, l.Professions[grp.Prof].Name
		}
		fan, ok := fanOf(res, g, "vacancy_rate", "Baseline")
		if !ok {
			continue // no establishment anywhere: no vacancy rate to draw
		}
		p, err := chart.FanChart{
			Title:   fmt.Sprintf("Vacancy rate, %s (%s)", who, res.Model.Name),
			YLabel:  "Vacancy rate (% of establishment FTE)",
			Percent: true,
			Fans:    []chart.Fan{fan},
		}.Plot()
		if err := add(name, p, err); err != nil {
			return err
		}
	}
	p, err := stackedByBand(res)
	return add("in_post_by_band", p, err)
}

// fanOf returns the percentile fan of one group's metric over the dates.
// It reports false when the metric is undefined at every date.
func fanOf(res *sim.Result, group int, metric, name string) (chart.Fan, bool) {
	mi := res.MetricIndex(metric)
	f := chart.Fan{Name: name}
	defined := false
	for d, date := range res.Dates {
		st := res.Stats(d, group, mi)
		f.Months = append(f.Months, chart.Month(date))
		if !st.Defined() {
			for _, s := range []*[]float64{&f.P05, &f.P25, &f.P50, &f.P75, &f.P95} {
				*s = append(*s, math.NaN())
			}
			continue
		}
		defined = true
		f.P05 = append(f.P05, st.P05)
		f.P25 = append(f.P25, st.P25)
		f.P50 = append(f.P50, st.P50)
		f.P75 = append(f.P75, st.P75)
		f.P95 = append(f.P95, st.P95)
	}
	return f, defined
}

// stackedByBand stacks the mean staff in post (FTE) of the whole system by band.
func stackedByBand(res *sim.Result) (*plot.Plot, error) {
	mi := res.MetricIndex("in_post_fte")
	c := chart.StackedChart{
		Title:  fmt.Sprintf("Staff in post by band, all professions (%s)", res.Model.Name),
		YLabel: "Staff in post (FTE, mean over runs)",
	}
	for _, date := range res.Dates {
		c.Months = append(c.Months, chart.Month(date))
	}
	for g, grp := range res.Groups {
		if grp.Org != sim.All || grp.Prof != sim.All || grp.Band == sim.All {
			continue
		}
		layer := chart.Layer{Name: "Band " + workforce.Band(grp.Band).String()}
		for d := range res.Dates {
			layer.Values = append(layer.Values, math.Max(0, res.Stats(d, g, mi).Mean))
		}
		c.Layers = append(c.Layers, layer)
	}
	return c.Plot()
}
