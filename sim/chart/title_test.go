package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// svgLabel is one piece of text of a rendered SVG, in the drawing's own
// coordinates (points, y upwards from the bottom edge).
type svgLabel struct {
	text          string
	x, y, size    float64 // left end of the baseline, and font size
	bold, rotated bool
}

var (
	svgNumRE      = regexp.MustCompile(`-?[0-9.]+`)
	svgFontSizeRE = regexp.MustCompile(`font-size:([0-9.]+)px`)
)

// svgLayout parses an SVG from Render and returns its width, its text and
// the highest point of any axis line.
func svgLayout(t *testing.T, b []byte) (w float64, labels []svgLabel, axisTop float64) {
	t.Helper()
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err, s)
		return v
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var rotated []bool // per open <g>
	var cur *svgLabel
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch e := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range e.Attr {
				attr[a.Name.Local] = a.Value
			}
			switch e.Name.Local {
			case "svg":
				w = num(strings.Fields(attr["viewBox"])[2])
			case "g":
				rotated = append(rotated, strings.Contains(attr["transform"], "rotate"))
			case "text":
				m := svgFontSizeRE.FindStringSubmatch(attr["style"])
				require.NotNil(t, m, attr["style"])
				// Each text is flipped by scale(1, -1), so its y is negated.
				cur = &svgLabel{x: num(attr["x"]), y: -num(attr["y"]), size: num(m[1]),
					bold: strings.Contains(attr["style"], "font-weight:bold"), rotated: anyTrue(rotated)}
			case "path":
				if strings.Contains(attr["style"], "stroke:#444444") {
					ns := svgNumRE.FindAllString(attr["d"], -1)
					for i := 1; i < len(ns); i += 2 {
						axisTop = max(axisTop, num(ns[i]))
					}
				}
			}
		case xml.CharData:
			if cur != nil {
				cur.text += string(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "g":
				rotated = rotated[:len(rotated)-1]
			case "text":
				labels = append(labels, *cur)
				cur = nil
			}
		}
	}
	return w, labels, axisTop
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

// withTitle returns c with its title set to title.
func withTitle(t *testing.T, c pictured, title string) pictured {
	switch c := c.(type) {
	case FanChart:
		c.Title = title
		return c
	case LineChart:
		c.Title = title
		return c
	case StackedChart:
		c.Title = title
		return c
	case ScatterChart:
		c.Title = title
		return c
	case DotChart:
		c.Title = title
		return c
	}
	t.Fatalf("withTitle: unknown chart %T", c)
	return nil
}

// TestTitleFitsTheCanvas renders every chart at every size with titles
// too long for one line (and one word too long for any line), and checks
// in the SVG that every word of the title is drawn, in order, wholly
// inside the canvas, and above the rest of the chart: gonum/plot centres a
// title on the canvas and clips what runs past its edges.
func TestTitleFitsTheCanvas(t *testing.T) {
	titles := []string{
		"Joiners by source and leavers, all professions: BHR AHP baseline",
		"Staff in post by band, all professions: Ten international OTs with preceptorship and a retention premium for Band 6 and rotational Band 5 posts",
		"Vacancyrateofallprofessionsandallbandsinonewordthatcannotbewrappedanywhere",
	}
	for _, s := range []Size{Standard, Panel, Compact} {
		for name, c := range sized(s) {
			for _, title := range titles {
				b, _ := renderPicture(t, withTitle(t, c, title), "svg")
				w, labels, axisTop := svgLayout(t, b)
				var words []string
				titleBottom, othersTop := 1e9, 0.0
				for _, l := range labels {
					sty := textStyle(sansFont, vg.Length(l.size), draw.XLeft, draw.YBottom)
					if l.bold {
						sty.Font = font.From(boldFont, vg.Length(l.size))
					}
					e := sty.FontExtents()
					if !l.bold {
						if !l.rotated {
							othersTop = max(othersTop, l.y+float64(e.Ascent))
						}
						continue
					}
					words = append(words, strings.Fields(l.text)...)
					lw := float64(sty.Width(l.text))
					assert.GreaterOrEqual(t, l.x, 0.0, "size %d %s: %q starts left of the canvas", s, name, l.text)
					assert.LessOrEqual(t, l.x+lw, w, "size %d %s: %q ends right of the canvas (%v wide)", s, name, l.text, w)
					titleBottom = min(titleBottom, l.y-float64(e.Descent))
				}
				assert.Equal(t, strings.Fields(title), words, "size %d %s", s, name)
				assert.GreaterOrEqual(t, titleBottom, othersTop, "size %d %s: title overlaps other text", s, name)
				assert.GreaterOrEqual(t, titleBottom, axisTop, "size %d %s: title overlaps an axis", s, name)
			}
		}
	}
}

func TestFitTitle(t *testing.T) {
	sty := textStyle(boldFont, 12, draw.XCenter, draw.YTop)
	fit := func(title string, w vg.Length) []string {
		txt, got := fitTitle(title, sty, w)
		lines := strings.Split(txt, "\n")
		for _, l := range lines {
			assert.LessOrEqual(t, got.Width(l), w, "%q", l)
		}
		assert.Equal(t, strings.Fields(title), strings.Fields(txt))
		return lines
	}
	short := "Vacancy rate, all professions"
	assert.Equal(t, []string{short}, fit(short, 300))
	txt, got := fitTitle(short, sty, 300)
	assert.Equal(t, short, txt)
	assert.Equal(t, sty, got, "a title that fits keeps its type size")

	// Broken after the colon, not after "BHR" where the line would fill.
	assert.Equal(t, []string{"Joiners by source and leavers, all professions:", "BHR AHP baseline"},
		fit("Joiners by source and leavers, all professions: BHR AHP baseline", 300))
	// A comma early in the line is no place to break: the line would be short.
	assert.Equal(t, []string{"Vacancy rate, all professions and all bands", "of the baseline"},
		fit("Vacancy rate, all professions and all bands of the baseline", sty.Width("Vacancy rate, all professions and all bands")))
	// Many lines, each as full as it goes.
	lines := fit(strings.Repeat("ten more international OTs ", 6), 150)
	assert.Greater(t, len(lines), 3)
	for i := range len(lines) - 1 {
		next := strings.Fields(lines[i+1])[0]
		assert.Greater(t, sty.Width(lines[i]+" "+next), vg.Length(150), "line %d could take %q", i, next)
	}

	// A single word wider than the line shrinks the type to fit.
	long := "Averyveryveryveryverylongsingleword"
	txt, got = fitTitle(long, sty, 100)
	assert.Equal(t, long, txt)
	assert.Less(t, got.Font.Size, sty.Font.Size)
	assert.LessOrEqual(t, got.Width(long), vg.Length(100))
	assert.Greater(t, got.Width(long), vg.Length(90), "shrunk no more than needed")
}
