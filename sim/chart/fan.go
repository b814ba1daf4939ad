package chart

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Fan is one fan of simulated percentiles over time.
type Fan struct {
	Name   string  // legend label, e.g. "Baseline" or "Option B: 10 international OTs"
	Months []Month // strictly increasing
	// P05 ... P95 have one value per month; NaN means undefined at that
	// date and is drawn as a gap. Where defined, P05 <= P25 <= P50 <= P75 <= P95.
	// P05 and P95 are the outer interval: the 5th and 95th percentiles, or
	// whatever FanChart.OuterLabel names (the 10th and 90th for 80%).
	P05, P25, P50, P75, P95 []float64
	// Look fixes the fan's colour to an option's (OptionLook).
	Look Look
}

// FanChart shows one or several fans over time: for each, the 5th-95th
// percentile band (lighter), the 25th-75th band (darker) and the median line,
// each fan in its own colour, plus an optional dashed target line.
type FanChart struct {
	Title, YLabel string   // e.g. "Vacancy rate, all AHPs", "Vacancy rate (%)"
	Percent       bool     // values are fractions; the axis shows percent
	Fans          []Fan    // at least one
	Target        *float64 // optional horizontal dashed line, e.g. 0.10, labelled in the legend
	// Observed is an optional line of what happened (Lower and Upper
	// unused), drawn in black over the fans and named in the legend, e.g.
	// a trust's history against a hindcast. Its months need not be the
	// fans'.
	Observed *Line
	// Reference is an optional line drawn grey and dashed under the fans
	// and named in the legend, e.g. the baseline's median in an option's
	// panel.
	Reference *Line
	// OuterLabel names the outer band in the legend; empty means "Middle
	// 90% of runs".
	OuterLabel string
	// YRange fixes the y axis, e.g. to share it across panels; nil fits
	// the data.
	YRange *[2]float64
	Size   Size
}

// referenceColour is the grey of FanChart.Reference and of a dot chart's start.
var referenceColour = color.NRGBA{0x6b, 0x6b, 0x6b, 0xff}

// Band opacities of a fan (over white, or over another fan).
const (
	fanOuterAlpha = 0.18
	fanInnerAlpha = 0.38
)

func (c FanChart) validate() error {
	if err := checkText("fan chart", "Title", c.Title); err != nil {
		return err
	}
	if err := checkText(fmt.Sprintf("fan chart %q", c.Title), "YLabel", c.YLabel); err != nil {
		return err
	}
	if len(c.Fans) == 0 {
		return fmt.Errorf("chart: fan chart %q has no Fans", c.Title)
	}
	names := make([]string, len(c.Fans))
	for i, f := range c.Fans {
		names[i] = f.Name
	}
	if err := checkNames("fan", names); err != nil {
		return err
	}
	for _, f := range c.Fans {
		what := fmt.Sprintf("fan %q", f.Name)
		if err := checkMonths(what, f.Months); err != nil {
			return err
		}
		ps := f.percentiles()
		for _, p := range ps {
			if err := checkValues(what, p.name, p.vs, f.Months, true); err != nil {
				return err
			}
		}
		for k := 1; k < len(ps); k++ {
			if err := checkOrdered(what, ps[k-1].name, ps[k].name, ps[k-1].vs, ps[k].vs, f.Months); err != nil {
				return err
			}
		}
	}
	for _, l := range []struct {
		kind string
		line *Line
	}{{"observed", c.Observed}, {"reference", c.Reference}} {
		kind, o := l.kind, l.line
		if o == nil {
			continue
		}
		if o.Name == "" {
			return fmt.Errorf("chart: fan chart %q: the %s line has no Name (needed for the legend)", c.Title, kind)
		}
		what := fmt.Sprintf("%s line %q", kind, o.Name)
		if err := checkMonths(what, o.Months); err != nil {
			return err
		}
		if err := checkValues(what, "Values", o.Values, o.Months, true); err != nil {
			return err
		}
	}
	if c.Target != nil && !finite(*c.Target) {
		return fmt.Errorf("chart: fan chart %q: Target is %v, want a finite value", c.Title, *c.Target)
	}
	if r := c.YRange; r != nil && !(finite(r[0]) && finite(r[1]) && r[0] < r[1]) {
		return fmt.Errorf("chart: fan chart %q: YRange is %v, want finite {min, max} with min < max", c.Title, *r)
	}
	return nil
}

type namedValues struct {
	name string
	vs   []float64
}

func (f Fan) percentiles() []namedValues {
	return []namedValues{{"P05", f.P05}, {"P25", f.P25}, {"P50", f.P50}, {"P75", f.P75}, {"P95", f.P95}}
}

// Plot validates c and builds the chart, for Render.
func (c FanChart) Plot() (*plot.Plot, error) {
	pic, err := c.Picture()
	return pic.p, err
}

// Picture validates c and builds the chart at its Size.
func (c FanChart) Picture() (pic Picture, err error) {
	if err := c.validate(); err != nil {
		return pic, err
	}
	defer catch("fan chart "+fmt.Sprintf("%q", c.Title), &err)

	p := newPlot(c.Title, "", c.YLabel, c.Size)
	if c.Percent {
		p.Y.Tick.Marker = percentTicker(c.Size.spec().valueTicks)
	}
	leg := newSideLegend(c.Size)
	ys := newExtent()
	lo, hi := c.Fans[0].Months[0], c.Fans[0].Months[0]
	var bands, medians []plot.Plotter
	var key []color.NRGBA
	for i, f := range c.Fans {
		col, dashes := f.Look.style(i)
		key = append(key, col)
		xs := monthsToFloats(f.Months)
		outer := &band{xs: xs, lo: f.P05, hi: f.P95, fill: withAlpha(col, fanOuterAlpha)}
		inner := &band{xs: xs, lo: f.P25, hi: f.P75, fill: withAlpha(col, fanInnerAlpha)}
		med := &series{xs: xs, ys: f.P50, style: draw.LineStyle{Color: col, Width: vg.Points(2), Dashes: dashes}}
		bands = append(bands, outer, inner)
		medians = append(medians, med)
		for _, pv := range f.percentiles() {
			ys.add(pv.vs...)
		}
		lo, hi = min(lo, f.Months[0]), max(hi, f.Months[len(f.Months)-1])
		if len(c.Fans) > 1 || c.Size == Standard {
			leg.add(f.Name, fanThumb{outer: outer.fill, inner: inner.fill, median: med.style})
		}
	}
	if r := c.Reference; r != nil {
		ref := &series{xs: monthsToFloats(r.Months), ys: r.Values,
			style: draw.LineStyle{Color: referenceColour, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(4), vg.Points(2.5)}}}
		p.Add(ref)
		ys.add(r.Values...)
		lo, hi = min(lo, r.Months[0]), max(hi, r.Months[len(r.Months)-1])
		leg.add(r.Name, ref)
	}
	p.Add(bands...)
	p.Add(medians...)
	if o := c.Observed; o != nil {
		obs := &series{xs: monthsToFloats(o.Months), ys: o.Values, style: draw.LineStyle{Color: okBlack, Width: vg.Points(1.5)}}
		p.Add(obs)
		ys.add(o.Values...)
		lo, hi = min(lo, o.Months[0]), max(hi, o.Months[len(o.Months)-1])
		leg.add(o.Name, obs)
	}
	if c.Target != nil {
		t := &hline{y: *c.Target, style: draw.LineStyle{Color: textColour, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(6), vg.Points(4)}}}
		p.Add(t)
		ys.add(*c.Target)
		label := "Target (" + formatValue(*c.Target) + ")"
		if c.Percent {
			label = "Target (" + formatPercent(*c.Target) + ")"
		}
		leg.add(label, t)
	}
	c.addKey(leg, key)
	setTimeAxis(p, lo, hi, c.Size)
	fitOrFixY(&p.Y, c.YRange, ys)
	return picture(p, leg, c.Size, 0), nil
}

// addKey says how to read a fan: in neutral grey when there are several,
// else in the fan's own colour.
func (c FanChart) addKey(leg *sideLegend, cols []color.NRGBA) {
	col := color.NRGBA(keyColour)
	median := draw.LineStyle{Color: col, Width: vg.Points(2)}
	if len(cols) == 1 && c.Fans[0].Look.set {
		col = cols[0]
		median.Color, median.Dashes = col, optionDashes[c.Fans[0].Look.option%len(optionDashes)]
	}
	outer := c.OuterLabel
	if outer == "" {
		outer = "Middle 90% of runs"
	}
	leg.add("")
	keyOuter := swatch{fill: withAlpha(col, fanOuterAlpha)}
	keyInner := swatch{fill: withAlpha(col, fanInnerAlpha)}
	leg.add("Median outcome", &series{style: median})
	leg.add("Middle 50% of runs", keyOuter, keyInner)
	leg.add(outer, keyOuter)
}
