package chart

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Layer is one stacked area: one value per month of its StackedChart.
type Layer struct {
	Name   string
	Values []float64 // finite and >= 0
}

// StackedChart shows layers stacked on top of each other over time, e.g.
// staff in post (FTE) by band. The first layer is at the bottom; the legend
// lists layers top to bottom, as they appear.
type StackedChart struct {
	Title, YLabel string
	Months        []Month // strictly increasing
	Layers        []Layer // at least one
	// YMax, when above 0, fixes the top of the y axis, e.g. to share it
	// across panels.
	YMax float64
	Size Size
}

func (c StackedChart) validate() error {
	if err := checkText("stacked chart", "Title", c.Title); err != nil {
		return err
	}
	what := fmt.Sprintf("stacked chart %q", c.Title)
	if err := checkText(what, "YLabel", c.YLabel); err != nil {
		return err
	}
	if err := checkMonths(what, c.Months); err != nil {
		return err
	}
	if len(c.Layers) == 0 {
		return fmt.Errorf("chart: %s has no Layers", what)
	}
	names := make([]string, len(c.Layers))
	for i, l := range c.Layers {
		names[i] = l.Name
	}
	if err := checkNames("layer", names); err != nil {
		return err
	}
	for _, l := range c.Layers {
		lw := fmt.Sprintf("layer %q", l.Name)
		if err := checkValues(lw, "Values", l.Values, c.Months, false); err != nil {
			return err
		}
		for i, v := range l.Values {
			if v < 0 {
				return fmt.Errorf("chart: %s: Values at %s is %v; stacked values must be >= 0", lw, c.Months[i], v)
			}
		}
	}
	return nil
}

// Plot validates c and builds the chart.
func (c StackedChart) Plot() (*plot.Plot, error) {
	pic, err := c.Picture()
	return pic.p, err
}

// Picture validates c and builds the chart at its Size.
func (c StackedChart) Picture() (pic Picture, err error) {
	if err := c.validate(); err != nil {
		return pic, err
	}
	defer catch(fmt.Sprintf("stacked chart %q", c.Title), &err)

	p := newPlot(c.Title, "", c.YLabel, c.Size)
	xs := monthsToFloats(c.Months)
	below := make([]float64, len(c.Months))
	leg := newSideLegend(c.Size)
	edge := draw.LineStyle{Color: okWhite, Width: vg.Points(0.75)}
	var areas, edges []plot.Plotter
	var entries []legendEntry
	top := 0.0
	for i, l := range c.Layers {
		above := make([]float64, len(below))
		for j := range above {
			above[j] = below[j] + l.Values[j]
			top = max(top, above[j])
		}
		b := &band{xs: xs, lo: below, hi: above, fill: areaColour(i)}
		areas = append(areas, b)
		if len(c.Layers) > 1 && i < len(c.Layers)-1 {
			edges = append(edges, &series{xs: xs, ys: above, style: edge})
		}
		entries = append(entries, legendEntry{text: l.Name, thumbs: []plot.Thumbnailer{b}})
		below = above
	}
	p.Add(areas...)
	p.Add(edges...)
	if len(entries) > 1 {
		for i := len(entries) - 1; i >= 0; i-- {
			leg.add(entries[i].text, entries[i].thumbs...)
		}
	}
	setTimeAxis(p, c.Months[0], c.Months[len(c.Months)-1], c.Size)
	p.Y.Min, p.Y.Max = 0, top*1.05
	if top == 0 {
		p.Y.Max = 1
	}
	if c.YMax > 0 && finite(c.YMax) {
		p.Y.Max = max(c.YMax, top)
	}
	return picture(p, leg, c.Size, 0), nil
}
