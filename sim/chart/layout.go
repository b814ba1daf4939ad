package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Size is the drawn size of a chart and the type sizes that go with it.
// Standard (the zero value) is the 20 cm x 12 cm chart of Render, with its
// legend at the side. Panel and Compact are sized for a report read on a
// phone as well as on paper: their text is at least 3.3% of their width
// (MinTextShare), so that shown 350 CSS pixels wide, as on a 390-pixel
// phone, it is at least 11.5 pixels high; their legend runs below the
// plot, so the plot keeps the width.
type Size int

const (
	// Standard is 20 cm x 12 cm with 10-13 pt text.
	Standard Size = iota
	// Panel is 9 cm wide (7.5 cm plus the legend high), with 8.5 pt text:
	// one panel of a small multiple, two or three to a row on a wide
	// screen, two to a row on A4.
	Panel
	// Compact is 11 cm wide (8.5 cm plus the legend high), with 10.5 pt
	// text: a chart that stands alone, one to a row.
	Compact
)

// MinTextShare is the smallest text size of a Panel or Compact chart as a
// share of its width: 8.5 pt in 9 cm (255.1 pt).
const MinTextShare = 8.5 / (9 * 72 / 2.54)

type sizeSpec struct {
	w, h        vg.Length
	title, text vg.Length
	yearLabels  int // most labelled years on a time axis
	valueTicks  int // about how many labelled values on a value axis
	side        bool
}

func (s Size) spec() sizeSpec {
	switch s {
	case Panel:
		return sizeSpec{w: 9 * vg.Centimeter, h: 7.5 * vg.Centimeter, title: 10, text: 8.5, yearLabels: 6, valueTicks: 5}
	case Compact:
		return sizeSpec{w: 11 * vg.Centimeter, h: 8.5 * vg.Centimeter, title: 12, text: 10.5, yearLabels: 6, valueTicks: 5}
	}
	return sizeSpec{w: Width, h: Height, title: titleSize, text: tickSize, yearLabels: maxYearLabels, valueTicks: 7, side: true}
}

// Picture is a built chart with its size and legend, ready to render.
type Picture struct {
	p      *plot.Plot
	legend *sideLegend // drawn below the plot; nil when none or at the side
	w, h   vg.Length   // the plot's size, without the legend below it
}

// picture wraps p; with a legend below, the picture grows by its height.
func picture(p *plot.Plot, leg *sideLegend, s Size, h vg.Length) Picture {
	sp := s.spec()
	if h == 0 {
		h = sp.h
	}
	pic := Picture{p: p, w: sp.w, h: h}
	if len(leg.entries) > 0 {
		if sp.side {
			p.Add(leg)
		} else {
			pic.legend = leg
		}
	}
	return pic
}

// WidthCm and HeightCm are the picture's drawn size in centimetres; SVG
// output has this size in points as its viewBox.
func (pic Picture) WidthCm() float64 { return float64(pic.w / vg.Centimeter) }

// HeightCm is the picture's height in centimetres, legend included.
func (pic Picture) HeightCm() float64 { return float64(pic.totalHeight() / vg.Centimeter) }

func (pic Picture) totalHeight() vg.Length {
	if pic.legend == nil {
		return pic.h
	}
	return pic.h + pic.legend.flowHeight(pic.w)
}

// Render writes the picture as "png" (DPI dots per inch) or "svg", as
// Render does a Standard plot.
func (pic Picture) Render(format string, w io.Writer) (err error) {
	if pic.p == nil {
		return fmt.Errorf("chart: Render: empty picture")
	}
	return renderWith(format, w, pic.w, pic.totalHeight(), pic.paint)
}

// paint draws the picture on c, which is its size.
func (pic Picture) paint(c draw.Canvas) {
	if pic.legend == nil {
		pic.p.Draw(c)
		return
	}
	lh := pic.legend.flowHeight(pic.w)
	pic.p.Draw(draw.Crop(c, 0, 0, lh, 0))
	pic.legend.drawFlow(draw.Crop(c, 0, 0, 0, -(pic.totalHeight() - lh)))
}

// RenderGrid draws pictures (e.g. the panels of a small multiple) in rows
// of cols, left to right and top to bottom, each in a cell as large as
// the largest picture, on one white canvas, and writes it as "png" or
// "svg".
func RenderGrid(pics []Picture, cols int, format string, w io.Writer) error {
	if len(pics) == 0 || cols < 1 {
		return fmt.Errorf("chart: RenderGrid: %d pictures in %d columns, want at least one of each", len(pics), cols)
	}
	var cw, ch vg.Length
	for _, p := range pics {
		if p.p == nil {
			return fmt.Errorf("chart: RenderGrid: empty picture")
		}
		cw, ch = max(cw, p.w), max(ch, p.totalHeight())
	}
	cols = min(cols, len(pics))
	rows := (len(pics) + cols - 1) / cols
	W, H := cw*vg.Length(cols), ch*vg.Length(rows)
	return renderWith(format, w, W, H, func(c draw.Canvas) {
		c.SetColor(okWhite)
		c.Fill(c.Rectangle.Path())
		for k, p := range pics {
			x := c.Min.X + cw*vg.Length(k%cols)
			top := c.Max.Y - ch*vg.Length(k/cols)
			p.paint(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: top - p.totalHeight()}, Max: vg.Point{X: x + p.w, Y: top}}})
		}
	})
}

// renderWith draws on a canvas of w x h and writes it in format.
func renderWith(format string, out io.Writer, w, h vg.Length, paint func(draw.Canvas)) (err error) {
	if out == nil {
		return fmt.Errorf("chart: Render: nil writer")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("chart: Render %s: %v", format, r)
		}
	}()
	var buf bytes.Buffer
	switch format {
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI))
		paint(draw.New(c))
		if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
			return fmt.Errorf("chart: Render png: %w", err)
		}
	case "svg":
		c := vgsvg.New(w, h)
		paint(draw.New(c))
		if _, err := c.WriteTo(&buf); err != nil {
			return fmt.Errorf("chart: Render svg: %w", err)
		}
		buf = *bytes.NewBuffer(fixSVGFonts(buf.Bytes()))
	default:
		return fmt.Errorf("chart: Render: unknown format %q, want \"png\" or \"svg\"", format)
	}
	if _, err := out.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("chart: Render %s: %w", format, err)
	}
	return nil
}

// Look fixes the colour, dash pattern and marker of a series that shows
// an option, the same in every chart: OptionLook(i). The zero Look leaves
// a series to its chart's own order of colours.
type Look struct {
	option int
	set    bool
}

// OptionLook is the look of option i (0 the baseline): OptionColour(i),
// the i-th dash pattern (the baseline's solid) and the i-th marker, so
// that options differ by more than colour.
func OptionLook(i int) Look { return Look{option: i, set: true} }

// optionDashes are the options' dash patterns, in points.
var optionDashes = [][]vg.Length{
	nil, {6, 3}, {2, 2}, {8, 3, 2, 3}, {4, 2}, {1, 3}, {10, 2, 2, 2, 2, 2},
}

// optionShapes are the options' markers.
var optionShapes = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, diamondGlyph{},
	draw.RingGlyph{}, draw.SquareGlyph{}, draw.CrossGlyph{},
}

// style returns the colour and dashes of series i, by its Look if it has
// one, else by the chart's order.
func (l Look) style(i int) (color.NRGBA, []vg.Length) {
	if !l.set {
		return lineColour(i)
	}
	c := OptionColour(l.option)
	return color.NRGBA{c.R, c.G, c.B, 0xff}, optionDashes[l.option%len(optionDashes)]
}

// shape returns the marker of series i.
func (l Look) shape(i int) draw.GlyphDrawer {
	if !l.set {
		return pointShapes[(i/len(lineColours)+i)%len(pointShapes)]
	}
	return optionShapes[l.option%len(optionShapes)]
}

// Legend below the plot: entries flow left to right in rows.

const flowEntryGap = vg.Length(10) // between entries on a row

func (l *sideLegend) entryWidth(e legendEntry) vg.Length {
	return legendThumbW + legendThumbText + l.sty.Width(e.text)
}

// flowRows splits the entries into rows that fit in width w; an empty
// entry starts a new row.
func (l *sideLegend) flowRows(w vg.Length) [][]legendEntry {
	var rows [][]legendEntry
	var cur []legendEntry
	x := vg.Length(0)
	avail := w - 2*legendGap
	for _, e := range l.entries {
		if e.text == "" {
			if len(cur) > 0 {
				rows, cur, x = append(rows, cur), nil, 0
			}
			continue
		}
		ew := l.entryWidth(e)
		if len(cur) > 0 && x+flowEntryGap+ew > avail {
			rows, cur, x = append(rows, cur), nil, 0
		}
		if len(cur) > 0 {
			x += flowEntryGap
		}
		cur = append(cur, e)
		x += ew
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

func (l *sideLegend) rowHeight(row []legendEntry) vg.Length {
	h := l.sty.Height("Ag")
	for _, e := range row {
		h = max(h, l.sty.Height(e.text))
	}
	return h
}

// flowHeight is the height of the legend laid out in width w.
func (l *sideLegend) flowHeight(w vg.Length) vg.Length {
	h := legendRowGap
	for _, row := range l.flowRows(w) {
		h += l.rowHeight(row) + legendRowGap
	}
	return h + legendRowGap
}

// drawFlow draws the legend in c, rows from the top, left aligned.
func (l *sideLegend) drawFlow(c draw.Canvas) {
	y := c.Max.Y - legendRowGap
	for _, row := range l.flowRows(c.Max.X - c.Min.X) {
		x := c.Min.X + legendGap
		for _, e := range row {
			l.drawEntry(c, e, x, y)
			x += l.entryWidth(e) + flowEntryGap
		}
		y -= l.rowHeight(row) + legendRowGap
	}
}

// drawEntry draws one entry with its swatch on its first line, its top
// left corner at (x, y).
func (l *sideLegend) drawEntry(c draw.Canvas, e legendEntry, x, y vg.Length) {
	lineH := l.sty.Height("Ag")
	if len(e.thumbs) > 0 {
		th := lineH * 0.8
		top := y - (lineH-th)/2
		tc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: top - th},
			Max: vg.Point{X: x + legendThumbW, Y: top},
		}}
		for _, t := range e.thumbs {
			t.Thumbnail(&tc)
		}
	}
	c.FillText(l.sty, vg.Point{X: x + legendThumbW + legendThumbText, Y: y}, e.text)
}

func toNRGBA(c color.Color) color.NRGBA { return color.NRGBAModel.Convert(c).(color.NRGBA) }
