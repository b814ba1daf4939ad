package chart

import (
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// runs returns the maximal index ranges [i, j) on which ok is true.
func runs(n int, ok func(i int) bool) [][2]int {
	var rs [][2]int
	for i := 0; i < n; {
		if !ok(i) {
			i++
			continue
		}
		j := i
		for j < n && ok(j) {
			j++
		}
		rs = append(rs, [2]int{i, j})
		i = j
	}
	return rs
}

// band fills the area between lo and hi over xs; where either is NaN the
// band has a gap.
type band struct {
	xs, lo, hi []float64
	fill       color.Color
}

func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, r := range runs(len(b.xs), func(i int) bool { return finite(b.lo[i]) && finite(b.hi[i]) }) {
		var pts []vg.Point
		if r[1]-r[0] == 1 { // a single defined month: draw a thin sliver
			i := r[0]
			x := trX(b.xs[i])
			w := vg.Points(1.5)
			pts = []vg.Point{{X: x - w, Y: trY(b.hi[i])}, {X: x + w, Y: trY(b.hi[i])}, {X: x + w, Y: trY(b.lo[i])}, {X: x - w, Y: trY(b.lo[i])}}
		} else {
			for i := r[0]; i < r[1]; i++ {
				pts = append(pts, vg.Point{X: trX(b.xs[i]), Y: trY(b.hi[i])})
			}
			for i := r[1] - 1; i >= r[0]; i-- {
				pts = append(pts, vg.Point{X: trX(b.xs[i]), Y: trY(b.lo[i])})
			}
		}
		c.FillPolygon(b.fill, c.ClipPolygonXY(pts))
	}
}

func (b *band) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(b.fill, rectPoints(c.Rectangle))
}

func rectPoints(r vg.Rectangle) []vg.Point {
	return []vg.Point{{X: r.Min.X, Y: r.Min.Y}, {X: r.Min.X, Y: r.Max.Y}, {X: r.Max.X, Y: r.Max.Y}, {X: r.Max.X, Y: r.Min.Y}}
}

// series draws a line through (xs, ys); NaN values leave gaps, and a defined
// value with undefined neighbours is drawn as a dot.
type series struct {
	xs, ys []float64
	style  draw.LineStyle
}

func (s *series) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, r := range runs(len(s.xs), func(i int) bool { return finite(s.ys[i]) }) {
		if r[1]-r[0] == 1 {
			i := r[0]
			c.DrawGlyph(draw.GlyphStyle{Color: s.style.Color, Radius: s.style.Width + vg.Points(0.5), Shape: draw.CircleGlyph{}},
				vg.Point{X: trX(s.xs[i]), Y: trY(s.ys[i])})
			continue
		}
		pts := make([]vg.Point, 0, r[1]-r[0])
		for i := r[0]; i < r[1]; i++ {
			pts = append(pts, vg.Point{X: trX(s.xs[i]), Y: trY(s.ys[i])})
		}
		c.StrokeLines(s.style, c.ClipLinesXY(pts)...)
	}
}

func (s *series) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(s.style, c.Min.X, y, c.Max.X, y)
}

// hline is a horizontal reference line across the data area.
type hline struct {
	y     float64
	style draw.LineStyle
}

func (h *hline) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	y := trY(h.y)
	if !c.ContainsY(y) {
		return
	}
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
}

func (h *hline) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
}

// fanThumb is the legend swatch of a fan: light outer band, darker inner
// band and the median line.
type fanThumb struct {
	outer, inner color.Color
	median       draw.LineStyle
}

func (f fanThumb) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	c.FillPolygon(f.outer, rectPoints(r))
	h := r.Max.Y - r.Min.Y
	in := vg.Rectangle{Min: vg.Point{X: r.Min.X, Y: r.Min.Y + h/4}, Max: vg.Point{X: r.Max.X, Y: r.Max.Y - h/4}}
	c.FillPolygon(f.inner, rectPoints(in))
	y := c.Center().Y
	c.StrokeLine2(f.median, r.Min.X, y, r.Max.X, y)
}

// swatch is a filled legend rectangle with an optional outline.
type swatch struct {
	fill    color.Color
	outline draw.LineStyle
}

func (s swatch) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(s.fill, rectPoints(c.Rectangle))
	if s.outline.Color != nil && s.outline.Width > 0 {
		pts := rectPoints(c.Rectangle)
		c.StrokeLines(s.outline, append(pts, pts[0]))
	}
}

// glyphThumb is a legend entry showing a point glyph.
type glyphThumb struct{ g draw.GlyphStyle }

func (g glyphThumb) Thumbnail(c *draw.Canvas) { c.DrawGlyphNoClip(g.g, c.Center()) }

// Legend placed in a strip to the right of the plot area.

const (
	legendGap       = vg.Length(12) // between the data area and the legend
	legendThumbW    = vg.Length(22)
	legendThumbText = vg.Length(6) // between swatch and text
	legendRowGap    = vg.Length(5)
	legendWrapAt    = 30 // characters per legend line before wrapping
)

type legendEntry struct {
	text   string
	thumbs []plot.Thumbnailer // drawn on top of each other; none for a text-only row
}

// sideLegend is a plot.Plotter that reserves room to the right of the data
// area (through GlyphBoxes, which makes gonum/plot pad the data area and the
// x axis) and draws its entries there, top aligned with the data area.
// Unlike plot.Legend it never covers the data and wraps long names.
type sideLegend struct {
	entries []legendEntry
	sty     text.Style
}

func newSideLegend(sz Size) *sideLegend {
	size := vg.Length(legendSize)
	if sp := sz.spec(); !sp.side {
		size = sp.text
	}
	return &sideLegend{sty: textStyle(sansFont, size, draw.XLeft, draw.YTop)}
}

func (l *sideLegend) add(name string, thumbs ...plot.Thumbnailer) {
	l.entries = append(l.entries, legendEntry{text: wrap(name, legendWrapAt), thumbs: thumbs})
}

func (l *sideLegend) width() vg.Length {
	var w vg.Length
	for _, e := range l.entries {
		if tw := l.sty.Width(e.text); tw > w {
			w = tw
		}
	}
	return legendThumbW + legendThumbText + w
}

func (l *sideLegend) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	if len(l.entries) == 0 {
		return nil
	}
	return []plot.GlyphBox{{
		X: 1, Y: 0.5,
		Rectangle: vg.Rectangle{Min: vg.Point{X: 0}, Max: vg.Point{X: legendGap + l.width()}},
	}}
}

func (l *sideLegend) Plot(c draw.Canvas, _ *plot.Plot) {
	x := c.Max.X + legendGap
	y := c.Max.Y
	lineH := l.sty.Height("Ag")
	for _, e := range l.entries {
		h := l.sty.Height(e.text)
		if e.text == "" {
			h = lineH
		}
		l.drawEntry(c, e, x, y) // the swatch on the first line of the text
		y -= h + legendRowGap
	}
}

// wrap breaks s at spaces into lines of at most n characters where it can.
func wrap(s string, n int) string {
	words := strings.Fields(s)
	if len(s) <= n || len(words) < 2 {
		return s
	}
	var lines []string
	cur := words[0]
	for _, w := range words[1:] {
		if len(cur)+1+len(w) > n {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur += " " + w
	}
	lines = append(lines, cur)
	return strings.Join(lines, "\n")
}
