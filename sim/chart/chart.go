package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	xfont "golang.org/x/image/font"
)

// Fixed output size of Render.
const (
	// Width and Height are the size of every rendered chart: 20 cm x 12 cm.
	Width  = 20 * vg.Centimeter
	Height = 12 * vg.Centimeter
	// DPI is the resolution of PNG output.
	DPI = 150
	// PixelWidth and PixelHeight are the PNG size in pixels
	// (Width and Height at DPI, rounded to the nearest pixel).
	PixelWidth  = 1181
	PixelHeight = 709
)

// Month is a calendar month counted from year 0: year*12 + (month-1).
// So January 2025 is 2025*12 and July 2026 is 2026*12+6.
type Month int

// MonthOf returns the Month for a calendar year and month (1-12).
func MonthOf(year, month int) Month { return Month(year*12 + month - 1) }

// Year returns the calendar year of m.
func (m Month) Year() int { return floorDiv(int(m), 12) }

// MonthOfYear returns the month of the year of m, 1 (January) to 12.
func (m Month) MonthOfYear() int { return int(m) - 12*m.Year() + 1 }

// String formats m as "YYYY-MM", e.g. "2026-07".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year(), m.MonthOfYear()) }

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// Valid months are those of years 0 to 9999, so that labels stay "YYYY".
const (
	minMonth Month = 0
	maxMonth Month = 9999*12 + 11
)

// Okabe-Ito colour-blind-safe palette. lineColours is the order used for
// lines, fans and points (darkest first, yellow last because it is faint on
// white); areaColours is the order used for stacked areas.
var (
	okBlack         = color.NRGBA{0x00, 0x00, 0x00, 0xff}
	okOrange        = color.NRGBA{0xE6, 0x9F, 0x00, 0xff}
	okSkyBlue       = color.NRGBA{0x56, 0xB4, 0xE9, 0xff}
	okBluishGreen   = color.NRGBA{0x00, 0x9E, 0x73, 0xff}
	okYellow        = color.NRGBA{0xF0, 0xE4, 0x42, 0xff}
	okBlue          = color.NRGBA{0x00, 0x72, 0xB2, 0xff}
	okVermillion    = color.NRGBA{0xD5, 0x5E, 0x00, 0xff}
	okReddishPurple = color.NRGBA{0xCC, 0x79, 0xA7, 0xff}
	okGrey          = color.NRGBA{0x99, 0x99, 0x99, 0xff}
	okWhite         = color.NRGBA{0xff, 0xff, 0xff, 0xff}

	lineColours = []color.NRGBA{okBlue, okVermillion, okBluishGreen, okOrange, okReddishPurple, okSkyBlue, okBlack, okYellow}
	// areaColours and neutralColours are Paul Tol's muted palette, which
	// shares no colour with the options' (OptionColour): stacked areas and
	// lines that are not options (bands, sources of joiners) so never look
	// like an option.
	areaColours    = []color.NRGBA{tolIndigo, tolSand, tolTeal, tolRose, tolCyan, tolOlive, tolWine, okGrey}
	neutralColours = []color.NRGBA{tolIndigo, tolRose, tolTeal, tolSand, tolWine, tolCyan, tolOlive}

	tolIndigo = color.NRGBA{0x33, 0x22, 0x88, 0xff}
	tolCyan   = color.NRGBA{0x88, 0xCC, 0xEE, 0xff}
	tolTeal   = color.NRGBA{0x44, 0xAA, 0x99, 0xff}
	tolOlive  = color.NRGBA{0x99, 0x99, 0x33, 0xff}
	tolSand   = color.NRGBA{0xDD, 0xCC, 0x77, 0xff}
	tolRose   = color.NRGBA{0xCC, 0x66, 0x77, 0xff}
	tolWine   = color.NRGBA{0x88, 0x22, 0x55, 0xff}

	gridColour = color.NRGBA{0xDD, 0xDD, 0xDD, 0xff}
	keyColour  = color.NRGBA{0x55, 0x55, 0x55, 0xff}
)

// lineColour returns the colour of series i and, past the end of the
// palette, a dash pattern so that series stay distinguishable.
func lineColour(i int) (color.NRGBA, []vg.Length) {
	c := lineColours[i%len(lineColours)]
	switch (i / len(lineColours)) % 3 {
	case 1:
		return c, []vg.Length{vg.Points(6), vg.Points(3)}
	case 2:
		return c, []vg.Length{vg.Points(2), vg.Points(2)}
	}
	return c, nil
}

// neutralLine returns the colour and dashes of series i of a chart whose
// series are not options: no option's colour, and each its own dashes.
func neutralLine(i int) (color.NRGBA, []vg.Length) {
	return neutralColours[i%len(neutralColours)], optionDashes[i%len(optionDashes)]
}

// areaColour returns the fill colour of stacked layer i; past the end of the
// palette the colours repeat, lightened.
func areaColour(i int) color.NRGBA {
	c := areaColours[i%len(areaColours)]
	for range (i / len(areaColours)) % 3 {
		c = mix(c, color.NRGBA{0xff, 0xff, 0xff, 0xff}, 0.45)
	}
	return c
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return color.NRGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

func withAlpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(math.Round(a * 255))
	return c
}

// Fonts: Liberation Sans, compiled into gonum/plot (no system fonts).
var (
	sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	boldFont = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

const (
	titleSize  = 13
	labelSize  = 11
	tickSize   = 10
	legendSize = 10
)

// textColour and axisColour are near-black, so that black marks the
// baseline alone (OptionColour(0)).
var (
	textColour = color.NRGBA{0x22, 0x22, 0x22, 0xff}
	axisColour = color.NRGBA{0x44, 0x44, 0x44, 0xff}
)

func textStyle(f font.Font, size vg.Length, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{
		Color:   textColour,
		Font:    font.From(f, size),
		XAlign:  xa,
		YAlign:  ya,
		Handler: plot.DefaultTextHandler,
	}
}

// newPlot returns a plot with the package's house style at size sz:
// fonts, title (wrapped to fit sz's width), axis labels and light grid
// lines at the labelled ticks.
func newPlot(title, xlabel, ylabel string, sz Size) *plot.Plot {
	sp := sz.spec()
	label, tick := vg.Length(labelSize), vg.Length(tickSize)
	if !sp.side {
		label, tick = sp.text, sp.text
	}
	p := plot.New()
	p.Title.Text, p.Title.TextStyle = fitTitle(title,
		textStyle(boldFont, sp.title, draw.XCenter, draw.YTop), sp.w-2*titleMargin)
	p.Title.Padding = vg.Points(8)
	if !sp.side {
		p.Title.Padding = vg.Points(5)
	}

	p.X.Label.Text = xlabel
	p.X.Label.TextStyle = textStyle(sansFont, label, draw.XCenter, draw.YBottom)
	p.X.Label.Padding = vg.Points(4)
	p.X.Tick.Label = textStyle(sansFont, tick, draw.XCenter, draw.YTop)

	p.Y.Label.Text = ylabel
	p.Y.Label.TextStyle = textStyle(sansFont, label, draw.XCenter, draw.YBottom)
	p.Y.Label.Padding = vg.Points(4)
	p.Y.Tick.Label = textStyle(sansFont, tick, draw.XRight, draw.YCenter)

	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Padding = vg.Points(2)
		a.Tick.Length = vg.Points(5)
		a.Tick.Marker = numberTicker(sp.valueTicks)
		a.LineStyle.Color = axisColour
		a.Tick.LineStyle.Color = axisColour
	}

	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: gridColour, Width: vg.Points(0.5)}
	g.Horizontal = draw.LineStyle{Color: gridColour, Width: vg.Points(0.5)}
	p.Add(g)
	return p
}

// setTimeAxis makes p's x axis a date axis spanning [lo, hi].
func setTimeAxis(p *plot.Plot, lo, hi Month, sz Size) {
	p.X.Min, p.X.Max = float64(lo), float64(hi)
	if lo == hi {
		p.X.Min--
		p.X.Max++
	}
	p.X.Tick.Marker = dateTicker(sz.spec().yearLabels)
	if dateTicksYearly(p.X.Min, p.X.Max) {
		p.X.Label.Text = "Year"
	} else {
		p.X.Label.Text = "Month (YYYY-MM)"
	}
}

// fitOrFixY sets the y axis to the fixed range r (panels that share an
// axis), or else fits it to the data's extent ys.
func fitOrFixY(a *plot.Axis, r *[2]float64, ys extent) {
	if r != nil {
		a.Min, a.Max = r[0], r[1]
		return
	}
	setYRange(a, ys.lo, ys.hi)
}

// setYRange sets the y axis to [lo, hi] with a little head room; a range
// of positive values that comes near zero starts at zero.
func setYRange(a *plot.Axis, lo, hi float64) {
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) { // no finite data at all
		lo, hi = 0, 1
	}
	if lo == hi {
		d := math.Abs(lo) * 0.1
		if d == 0 {
			d = 1
		}
		lo, hi = lo-d, hi+d
	}
	// Counts and rates that come close to zero are shown from zero, so
	// that heights compare honestly.
	if lo > 0 && lo <= 0.25*hi {
		lo = 0
	}
	if hi < 0 && hi >= 0.25*lo {
		hi = 0
	}
	pad := 0.05 * (hi - lo)
	nlo, nhi := lo-pad, hi+pad
	if lo >= 0 && nlo < 0 {
		nlo = 0
	}
	if hi <= 0 && nhi > 0 {
		nhi = 0
	}
	a.Min, a.Max = nlo, nhi
}

// Render draws p at the package's fixed size (Width x Height) and writes it
// to w as "png" (DPI dots per inch, PixelWidth x PixelHeight pixels) or
// "svg" (self-contained, no external references).
func Render(p *plot.Plot, format string, w io.Writer) (err error) {
	if p == nil {
		return fmt.Errorf("chart: Render: nil plot")
	}
	return renderWith(format, w, Width, Height, p.Draw)
}

// fixSVGFonts adds generic fall-backs to the font-family names that vgsvg
// writes (it writes the bare family name and embeds no font unless asked,
// and embedding would be a data URL of several hundred kilobytes).
func fixSVGFonts(b []byte) []byte {
	return bytes.ReplaceAll(b,
		[]byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
}

// catch turns a panic inside a builder into an error; validation should make
// this unreachable, but bad data must never crash a report run.
func catch(what string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("chart: %s: internal error: %v", what, r)
	}
}
