package chart

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Line is one series over time with an optional interval band.
type Line struct {
	Name   string    // legend label
	Months []Month   // strictly increasing
	Values []float64 // one per month; NaN is a gap
	// Lower and Upper are an optional interval band (e.g. a 90% interval),
	// both nil or both one per month; NaN is a gap; Lower <= Upper.
	Lower, Upper []float64
	// Look fixes the line's colour and dashes to an option's (OptionLook).
	Look Look
}

// LineChart shows one or several lines over time, e.g. the paired
// difference against the baseline with its 90% interval, or joiners by
// source and leavers.
type LineChart struct {
	Title, YLabel string
	Percent       bool // values are fractions; the axis shows percent
	Lines         []Line
	ZeroLine      bool // draw a horizontal reference line at zero
	// BandLabel is the legend text for the shaded Lower-Upper bands, e.g.
	// "90% interval". Empty means "Shaded: interval (lower to upper)".
	BandLabel string
	// YRange fixes the y axis, e.g. to share it across panels; nil fits
	// the data.
	YRange *[2]float64
	Size   Size
	// Neutral draws lines without a Look in colours no option has, each
	// with its own dashes: for series that are not options.
	Neutral bool
}

const lineBandAlpha = 0.25

func (c LineChart) validate() error {
	if err := checkText("line chart", "Title", c.Title); err != nil {
		return err
	}
	if err := checkText(fmt.Sprintf("line chart %q", c.Title), "YLabel", c.YLabel); err != nil {
		return err
	}
	if len(c.Lines) == 0 {
		return fmt.Errorf("chart: line chart %q has no Lines", c.Title)
	}
	names := make([]string, len(c.Lines))
	for i, l := range c.Lines {
		names[i] = l.Name
	}
	if err := checkNames("line", names); err != nil {
		return err
	}
	for _, l := range c.Lines {
		what := fmt.Sprintf("line %q", l.Name)
		if err := checkMonths(what, l.Months); err != nil {
			return err
		}
		if err := checkValues(what, "Values", l.Values, l.Months, true); err != nil {
			return err
		}
		if (l.Lower == nil) != (l.Upper == nil) {
			return fmt.Errorf("chart: %s: Lower and Upper must both be set or both nil", what)
		}
		if l.Lower != nil {
			if err := checkValues(what, "Lower", l.Lower, l.Months, true); err != nil {
				return err
			}
			if err := checkValues(what, "Upper", l.Upper, l.Months, true); err != nil {
				return err
			}
			if err := checkOrdered(what, "Lower", "Upper", l.Lower, l.Upper, l.Months); err != nil {
				return err
			}
		}
	}
	if r := c.YRange; r != nil && !(finite(r[0]) && finite(r[1]) && r[0] < r[1]) {
		return fmt.Errorf("chart: line chart %q: YRange is %v, want finite {min, max} with min < max", c.Title, *r)
	}
	return nil
}

// Plot validates c and builds the chart.
func (c LineChart) Plot() (*plot.Plot, error) {
	pic, err := c.Picture()
	return pic.p, err
}

// Picture validates c and builds the chart at its Size.
func (c LineChart) Picture() (pic Picture, err error) {
	if err := c.validate(); err != nil {
		return pic, err
	}
	defer catch(fmt.Sprintf("line chart %q", c.Title), &err)

	p := newPlot(c.Title, "", c.YLabel, c.Size)
	if c.Percent {
		p.Y.Tick.Marker = percentTicker(c.Size.spec().valueTicks)
	}
	leg := newSideLegend(c.Size)
	ys := newExtent()
	lo, hi := c.Lines[0].Months[0], c.Lines[0].Months[0]
	var bands, lines []plot.Plotter
	anyBand := false
	for i, l := range c.Lines {
		col, dashes := l.Look.style(i)
		if c.Neutral && !l.Look.set {
			col, dashes = neutralLine(i)
		}
		xs := monthsToFloats(l.Months)
		s := &series{xs: xs, ys: l.Values, style: draw.LineStyle{Color: col, Width: vg.Points(2), Dashes: dashes}}
		lines = append(lines, s)
		ys.add(l.Values...)
		if l.Lower != nil {
			b := &band{xs: xs, lo: l.Lower, hi: l.Upper, fill: withAlpha(col, lineBandAlpha)}
			bands = append(bands, b)
			ys.add(l.Lower...)
			ys.add(l.Upper...)
			leg.add(l.Name, b, s)
			anyBand = true
		} else {
			leg.add(l.Name, s)
		}
		lo, hi = min(lo, l.Months[0]), max(hi, l.Months[len(l.Months)-1])
	}
	if c.ZeroLine {
		p.Add(&hline{y: 0, style: draw.LineStyle{Color: textColour, Width: vg.Points(1)}})
		ys.add(0)
	}
	p.Add(bands...)
	p.Add(lines...)
	if anyBand {
		label := c.BandLabel
		if label == "" {
			label = "Shaded: interval (lower to upper)"
		}
		leg.add(label, swatch{fill: withAlpha(keyColour, lineBandAlpha)})
	}
	if len(leg.entries) < 2 {
		leg.entries = nil
	}
	setTimeAxis(p, lo, hi, c.Size)
	fitOrFixY(&p.Y, c.YRange, ys)
	return picture(p, leg, c.Size, 0), nil
}
