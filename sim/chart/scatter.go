package chart

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Point is one labelled point, e.g. one option.
type Point struct {
	Name string
	X, Y float64
	// XErr and YErr are optional intervals as absolute {low, high} values in
	// data units (e.g. the 5th and 95th percentiles), drawn as error bars;
	// {0, 0} means none. When set, low <= value <= high.
	XErr, YErr [2]float64
	// Look fixes the point's colour and marker to an option's (OptionLook).
	Look Look
}

// ScatterChart shows one labelled point per option, e.g. cost (GBP) against
// vacancy-FTE-years avoided, with optional error bars.
type ScatterChart struct {
	Title, XLabel, YLabel string
	Points                []Point // at least one
	Size                  Size
}

func (c ScatterChart) validate() error {
	if err := checkText("scatter chart", "Title", c.Title); err != nil {
		return err
	}
	what := fmt.Sprintf("scatter chart %q", c.Title)
	if err := checkText(what, "XLabel", c.XLabel); err != nil {
		return err
	}
	if err := checkText(what, "YLabel", c.YLabel); err != nil {
		return err
	}
	if len(c.Points) == 0 {
		return fmt.Errorf("chart: %s has no Points", what)
	}
	names := make([]string, len(c.Points))
	for i, pt := range c.Points {
		names[i] = pt.Name
	}
	if err := checkNames("point", names); err != nil {
		return err
	}
	for _, pt := range c.Points {
		pw := fmt.Sprintf("point %q", pt.Name)
		for _, a := range []struct {
			axis string
			v    float64
			err  [2]float64
		}{{"X", pt.X, pt.XErr}, {"Y", pt.Y, pt.YErr}} {
			if !finite(a.v) {
				return fmt.Errorf("chart: %s: %s is %v, want a finite value", pw, a.axis, a.v)
			}
			if a.err == [2]float64{} {
				continue
			}
			if !finite(a.err[0]) || !finite(a.err[1]) {
				return fmt.Errorf("chart: %s: %sErr is %v, want finite {low, high}", pw, a.axis, a.err)
			}
			if !(a.err[0] <= a.v && a.v <= a.err[1]) {
				return fmt.Errorf("chart: %s: %sErr {%v, %v} does not contain %s = %v; want absolute {low, high} bounds", pw, a.axis, a.err[0], a.err[1], a.axis, a.v)
			}
		}
	}
	return nil
}

// Plot validates c and builds the chart.
func (c ScatterChart) Plot() (*plot.Plot, error) {
	pic, err := c.Picture()
	return pic.p, err
}

// Picture validates c and builds the chart at its Size.
func (c ScatterChart) Picture() (pic Picture, err error) {
	if err := c.validate(); err != nil {
		return pic, err
	}
	defer catch(fmt.Sprintf("scatter chart %q", c.Title), &err)

	p := newPlot(c.Title, c.XLabel, c.YLabel, c.Size)
	leg := newSideLegend(c.Size)
	pp := &points{label: leg.sty}
	pp.label.YAlign = draw.YBottom
	xs, ys := newExtent(), newExtent()
	for i, pt := range c.Points {
		col, _ := pt.Look.style(i)
		g := draw.GlyphStyle{Color: col, Radius: vg.Points(4.5), Shape: pt.Look.shape(i)}
		pp.pts = append(pp.pts, pt)
		pp.glyphs = append(pp.glyphs, g)
		xs.add(pt.X)
		ys.add(pt.Y)
		if pt.XErr != [2]float64{} {
			xs.add(pt.XErr[:]...)
		}
		if pt.YErr != [2]float64{} {
			ys.add(pt.YErr[:]...)
		}
		leg.add(pt.Name, glyphThumb{g})
	}
	p.Add(pp)
	if len(c.Points) < 2 {
		leg.entries = nil
	}
	p.X.Min, p.X.Max = padRange(xs.lo, xs.hi, 0.08)
	p.Y.Min, p.Y.Max = padRange(ys.lo, ys.hi, 0.08)
	return picture(p, leg, c.Size, 0), nil
}

// padRange widens [lo, hi] by frac of its width on each side (or by 10% of
// the value, or 1, when lo == hi).
func padRange(lo, hi, frac float64) (float64, float64) {
	if lo == hi {
		d := 0.1 * max(lo, -lo)
		if d == 0 {
			d = 1
		}
		return lo - d, hi + d
	}
	d := frac * (hi - lo)
	return lo - d, hi + d
}

var pointShapes = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, diamondGlyph{},
	draw.RingGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.CrossGlyph{},
}

// points draws error bars, point glyphs and, where there is room without
// overlapping another label or point, the point's name beside it.
type points struct {
	pts    []Point
	glyphs []draw.GlyphStyle
	label  text.Style
}

func (pp *points) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	centres := make([]vg.Point, len(pp.pts))
	for i, pt := range pp.pts {
		centres[i] = vg.Point{X: trX(pt.X), Y: trY(pt.Y)}
	}
	// Error bars with end caps.
	capLen := vg.Points(3)
	for i, pt := range pp.pts {
		sty := draw.LineStyle{Color: pp.glyphs[i].Color, Width: vg.Points(1.25)}
		ctr := centres[i]
		if pt.XErr != [2]float64{} {
			x0, x1 := trX(pt.XErr[0]), trX(pt.XErr[1])
			c.StrokeLine2(sty, x0, ctr.Y, x1, ctr.Y)
			c.StrokeLine2(sty, x0, ctr.Y-capLen, x0, ctr.Y+capLen)
			c.StrokeLine2(sty, x1, ctr.Y-capLen, x1, ctr.Y+capLen)
		}
		if pt.YErr != [2]float64{} {
			y0, y1 := trY(pt.YErr[0]), trY(pt.YErr[1])
			c.StrokeLine2(sty, ctr.X, y0, ctr.X, y1)
			c.StrokeLine2(sty, ctr.X-capLen, y0, ctr.X+capLen, y0)
			c.StrokeLine2(sty, ctr.X-capLen, y1, ctr.X+capLen, y1)
		}
	}
	// Glyphs.
	var glyphBoxes []vg.Rectangle
	for i := range pp.pts {
		c.DrawGlyph(pp.glyphs[i], centres[i])
		glyphBoxes = append(glyphBoxes, pp.glyphs[i].Rectangle().Add(centres[i]))
	}
	// Error bars as obstacles for labels.
	var bars []vg.Rectangle
	for i, pt := range pp.pts {
		ctr := centres[i]
		if pt.XErr != [2]float64{} {
			bars = append(bars, vg.Rectangle{Min: vg.Point{X: trX(pt.XErr[0]), Y: ctr.Y - capLen}, Max: vg.Point{X: trX(pt.XErr[1]), Y: ctr.Y + capLen}})
		}
		if pt.YErr != [2]float64{} {
			bars = append(bars, vg.Rectangle{Min: vg.Point{X: ctr.X - capLen, Y: trY(pt.YErr[0])}, Max: vg.Point{X: ctr.X + capLen, Y: trY(pt.YErr[1])}})
		}
	}
	// Labels: the first of eight positions around the point that stays in
	// the plot area and overlaps no point or other label, preferring one that
	// crosses no error bar either. A label that fits nowhere is left to the
	// legend.
	const gap = vg.Length(4)
	var labels []vg.Rectangle
	desc := pp.label.FontExtents().Descent
	for i, pt := range pp.pts {
		w := pp.label.Width(pt.Name)
		h := pp.label.Height(pt.Name)
		r := pp.glyphs[i].Radius
		ctr := centres[i]
		d := r + gap
		cands := []vg.Point{ // bottom-left corners
			{X: ctr.X + d, Y: ctr.Y - h/2},           // right
			{X: ctr.X - d - w, Y: ctr.Y - h/2},       // left
			{X: ctr.X + d/2, Y: ctr.Y + d/2},         // upper right
			{X: ctr.X + d/2, Y: ctr.Y - d/2 - h},     // lower right
			{X: ctr.X - d/2 - w, Y: ctr.Y + d/2},     // upper left
			{X: ctr.X - d/2 - w, Y: ctr.Y - d/2 - h}, // lower left
			{X: ctr.X - w/2, Y: ctr.Y + d},           // above
			{X: ctr.X - w/2, Y: ctr.Y - d - h},       // below
		}
		var chosen *vg.Rectangle
	search:
		for _, avoidBars := range []bool{true, false} {
			for _, bl := range cands {
				box := vg.Rectangle{Min: bl, Max: vg.Point{X: bl.X + w, Y: bl.Y + h}}
				if !inside(box, c.Rectangle) || overlapsAny(box, glyphBoxes) || overlapsAny(box, labels) {
					continue
				}
				if avoidBars && overlapsAny(box, bars) {
					continue
				}
				chosen = &box
				break search
			}
		}
		if chosen == nil {
			continue
		}
		const halo = vg.Length(1.5)
		bg := vg.Rectangle{Min: vg.Point{X: chosen.Min.X - halo, Y: chosen.Min.Y}, Max: vg.Point{X: chosen.Max.X + halo, Y: chosen.Max.Y}}
		c.FillPolygon(color.NRGBA{0xff, 0xff, 0xff, 0xdd}, rectPoints(bg))
		sty := pp.label
		sty.Color = darken(pp.glyphs[i].Color)
		c.FillText(sty, vg.Point{X: chosen.Min.X, Y: chosen.Min.Y + desc}, pt.Name)
		labels = append(labels, *chosen)
	}
}

// diamondGlyph is a filled diamond.
type diamondGlyph struct{}

func (diamondGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius * 1.2
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Line(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X - r, Y: pt.Y})
	p.Close()
	c.Fill(p)
}

// darken makes label text of a light palette colour readable on white.
func darken(c color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return mix(n, color.NRGBA{0, 0, 0, 0xff}, 0.3)
}

func inside(a, b vg.Rectangle) bool {
	return a.Min.X >= b.Min.X && a.Min.Y >= b.Min.Y && a.Max.X <= b.Max.X && a.Max.Y <= b.Max.Y
}

func overlapsAny(a vg.Rectangle, rs []vg.Rectangle) bool {
	for _, b := range rs {
		if a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y {
			return true
		}
	}
	return false
}
