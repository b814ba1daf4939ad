package chart

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DotSeries is one option's value in each category of a DotChart: a
// marker at Mid, a thin bar from Lo to Hi (the outer interval) and a
// thick bar from Lo50 to Hi50 (the middle 50%). NaN leaves a category
// out; Lo <= Lo50 <= Mid <= Hi50 <= Hi where defined.
type DotSeries struct {
	Name                    string
	Look                    Look
	Mid, Lo, Lo50, Hi50, Hi []float64
}

// DotChart compares options across categories at one date, e.g. the
// vacancy rate by band at the horizon: one row per category, top to
// bottom, and in each row one marker per option, with its intervals as
// horizontal bars.
type DotChart struct {
	Title, XLabel string
	Percent       bool
	Categories    []string
	Series        []DotSeries // at least one
	// Start is an optional value per category (NaN for none) drawn as a
	// grey tick across the row, e.g. where every option starts; StartLabel
	// names it in the legend.
	Start      []float64
	StartLabel string
	// OuterLabel names the thin bars in the legend; empty means "Middle
	// 90% of runs".
	OuterLabel string
	Size       Size
}

func (c DotChart) validate() error {
	if err := checkText("dot chart", "Title", c.Title); err != nil {
		return err
	}
	what := fmt.Sprintf("dot chart %q", c.Title)
	if err := checkText(what, "XLabel", c.XLabel); err != nil {
		return err
	}
	if len(c.Series) == 0 || len(c.Categories) == 0 {
		return fmt.Errorf("chart: %s needs at least one category and one series", what)
	}
	if err := checkNames("category", c.Categories); err != nil {
		return err
	}
	names := make([]string, len(c.Series))
	for i, s := range c.Series {
		names[i] = s.Name
	}
	if err := checkNames("series", names); err != nil {
		return err
	}
	n := len(c.Categories)
	if c.Start != nil && len(c.Start) != n {
		return fmt.Errorf("chart: %s: Start has %d values, want %d (one per category)", what, len(c.Start), n)
	}
	if c.Start != nil && c.StartLabel == "" {
		return fmt.Errorf("chart: %s: Start has no StartLabel (needed for the legend)", what)
	}
	for _, s := range c.Series {
		vs := [][]float64{s.Lo, s.Lo50, s.Mid, s.Hi50, s.Hi}
		for k, v := range vs {
			if len(v) != n {
				return fmt.Errorf("chart: %s: series %q has %d values in field %d, want %d (one per category)", what, s.Name, len(v), k, n)
			}
		}
		for i := range n {
			for k := 1; k < len(vs); k++ {
				if vs[k-1][i] > vs[k][i] || math.IsInf(vs[k][i], 0) {
					return fmt.Errorf("chart: %s: series %q at %q: want finite Lo <= Lo50 <= Mid <= Hi50 <= Hi, have %v %v %v %v %v",
						what, s.Name, c.Categories[i], s.Lo[i], s.Lo50[i], s.Mid[i], s.Hi50[i], s.Hi[i])
				}
			}
		}
	}
	return nil
}

// rowHeight is the height of one category's row: room for its markers
// and for its label's lines.
func (c DotChart) rowHeight() vg.Length {
	lines := 1
	for _, name := range c.Categories {
		lines = max(lines, strings.Count(wrap(name, categoryWrapAt), "\n")+1)
	}
	text := vg.Length(lines) * c.Size.spec().text * 1.25
	return max(vg.Length(len(c.Series))*vg.Points(7), vg.Points(16), text) + vg.Points(7)
}

// categoryWrapAt is where category labels wrap, in characters.
const categoryWrapAt = 20

// Picture validates c and builds the chart at its Size, as high as its
// rows need.
func (c DotChart) Picture() (pic Picture, err error) {
	if err := c.validate(); err != nil {
		return pic, err
	}
	defer catch(fmt.Sprintf("dot chart %q", c.Title), &err)

	p := newPlot(c.Title, c.XLabel, "", c.Size)
	if c.Percent {
		p.X.Tick.Marker = percentTicker(c.Size.spec().valueTicks)
	}
	n := len(c.Categories)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.Y.Tick.Marker = plot.ConstantTicks(c.categoryTicks())
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	p.Y.Padding = vg.Points(4)
	leg := newSideLegend(c.Size)
	xs := newExtent()
	d := &dots{c: c}
	for i, s := range c.Series {
		col, _ := s.Look.style(i)
		g := draw.GlyphStyle{Color: col, Radius: vg.Points(3), Shape: s.Look.shape(i)}
		d.glyphs = append(d.glyphs, g)
		for _, v := range [][]float64{s.Lo, s.Hi, s.Mid} {
			xs.add(v...)
		}
		leg.add(s.Name, glyphThumb{g})
	}
	xs.add(c.Start...)
	p.Add(d)
	if c.Start != nil {
		leg.add(c.StartLabel, &series{style: startStyle})
	}
	outer := c.OuterLabel
	if outer == "" {
		outer = "Middle 90% of runs"
	}
	leg.add("")
	leg.add("Median", glyphThumb{draw.GlyphStyle{Color: keyColour, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}})
	leg.add("Middle 50% of runs", &series{style: draw.LineStyle{Color: keyColour, Width: vg.Points(3.5)}})
	leg.add(outer, &series{style: draw.LineStyle{Color: keyColour, Width: vg.Points(1)}})
	setYRange(&p.X, xs.lo, xs.hi)
	sp := c.Size.spec()
	h := vg.Length(n)*c.rowHeight() + 3*sp.title + 5*sp.text
	return picture(p, leg, c.Size, h), nil
}

// categoryTicks label the rows, the first category at the top.
func (c DotChart) categoryTicks() []plot.Tick {
	n := len(c.Categories)
	ticks := make([]plot.Tick, n)
	for i, name := range c.Categories {
		ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: wrap(name, categoryWrapAt)}
	}
	return ticks
}

var startStyle = draw.LineStyle{Color: referenceColour, Width: vg.Points(1.5)}

// dots draws the rows: light separators, the start ticks, then each
// series' bars and markers, offset within the row in series order.
type dots struct {
	c      DotChart
	glyphs []draw.GlyphStyle
}

func (d *dots) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n, m := len(d.c.Categories), len(d.c.Series)
	rowH := trY(1) - trY(0)
	for i := range n - 1 {
		y := trY(float64(n-1-i) - 0.5)
		c.StrokeLine2(draw.LineStyle{Color: gridColour, Width: vg.Points(0.75)}, c.Min.X, y, c.Max.X, y)
	}
	step := rowH * 0.8 / vg.Length(m)
	offset := func(k int) vg.Length { return (vg.Length(m-1)/2 - vg.Length(k)) * step }
	for i := range n {
		yc := trY(float64(n - 1 - i))
		if d.c.Start != nil && finite(d.c.Start[i]) {
			x := trX(d.c.Start[i])
			c.StrokeLine2(startStyle, x, yc-rowH*0.45, x, yc+rowH*0.45)
		}
		for k, s := range d.c.Series {
			if !finite(s.Mid[i]) {
				continue
			}
			y := yc + offset(k)
			col := d.glyphs[k].Color
			if finite(s.Lo[i]) && finite(s.Hi[i]) {
				c.StrokeLine2(draw.LineStyle{Color: col, Width: vg.Points(1)}, trX(s.Lo[i]), y, trX(s.Hi[i]), y)
			}
			if finite(s.Lo50[i]) && finite(s.Hi50[i]) {
				c.StrokeLine2(draw.LineStyle{Color: withAlpha(toNRGBA(col), 0.55), Width: vg.Points(3.5)}, trX(s.Lo50[i]), y, trX(s.Hi50[i]), y)
			}
			c.DrawGlyph(d.glyphs[k], vg.Point{X: trX(s.Mid[i]), Y: y})
		}
	}
}
