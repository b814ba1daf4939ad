package chart

import (
	"bytes"
	"image/png"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type pictured interface{ Picture() (Picture, error) }

// sized returns the samples at size s.
func sized(s Size) map[string]pictured {
	f, sf, l, fl, st, sc, d := sampleFan(), sampleShortFan(), sampleLine(), sampleFlows(), sampleStacked(), sampleScatter(), sampleDots()
	f.Size, sf.Size, l.Size, fl.Size, st.Size, sc.Size, d.Size = s, s, s, s, s, s, s
	return map[string]pictured{"fan": f, "fan_short": sf, "line": l, "flows": fl, "stacked": st, "scatter": sc, "dots": d}
}

func sampleDots() DotChart {
	c := DotChart{Title: "Vacancy rate by band, April 2034", XLabel: "Vacancy rate (%)", Percent: true,
		Categories: []string{"Band 5", "Band 6", "Band 7"}, Start: []float64{0.12, 0.1, math.NaN()}, StartLabel: "Start (April 2024)"}
	for k, name := range []string{"Baseline", "Retention premium"} {
		s := DotSeries{Name: name, Look: OptionLook(k)}
		for i := range c.Categories {
			m := 0.12 - 0.02*float64(i) - 0.01*float64(k)
			s.Lo, s.Lo50, s.Mid, s.Hi50, s.Hi = append(s.Lo, m-0.03), append(s.Lo50, m-0.01), append(s.Mid, m), append(s.Hi50, m+0.01), append(s.Hi, m+0.03)
		}
		c.Series = append(c.Series, s)
	}
	return c
}

var fontSizeRE = regexp.MustCompile(`font-size:([0-9.]+)px`)

func renderPicture(t *testing.T, c pictured, format string) ([]byte, Picture) {
	t.Helper()
	pic, err := c.Picture()
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, pic.Render(format, &buf))
	return buf.Bytes(), pic
}

// TestSmallSizesReadOnAPhone checks that Panel and Compact charts, shown
// 350 CSS pixels wide, have no text under 11 pixels, and that their PNG
// and SVG are the size the picture states.
func TestSmallSizesReadOnAPhone(t *testing.T) {
	for _, s := range []Size{Panel, Compact} {
		for name, c := range sized(s) {
			b, pic := renderPicture(t, c, "svg")
			vb := regexp.MustCompile(`viewBox="0 0 ([0-9.]+) ([0-9.]+)"`).FindStringSubmatch(string(b))
			require.NotNil(t, vb, name)
			w, _ := strconv.ParseFloat(vb[1], 64)
			h, _ := strconv.ParseFloat(vb[2], 64)
			assert.InDelta(t, pic.WidthCm()*72/2.54, w, 0.01, name)
			assert.InDelta(t, pic.HeightCm()*72/2.54, h, 0.01, name)
			sizes := fontSizeRE.FindAllStringSubmatch(string(b), -1)
			require.NotEmpty(t, sizes, name)
			for _, m := range sizes {
				px, _ := strconv.ParseFloat(m[1], 64)
				assert.GreaterOrEqual(t, px*350/w, 11.0, "size %d %s: %vpx in %v", s, name, px, w)
			}
			p, _ := renderPicture(t, c, "png")
			img, err := png.Decode(bytes.NewReader(p))
			require.NoError(t, err)
			assert.Equal(t, int(math.Round(pic.WidthCm()/2.54*DPI)), img.Bounds().Dx(), name)
			assert.Equal(t, int(math.Round(pic.HeightCm()/2.54*DPI)), img.Bounds().Dy(), name)
		}
	}
	assert.InDelta(t, 9, sized(Panel)["fan"].(FanChart).mustPicture(t).WidthCm(), 1e-9)
	assert.InDelta(t, 11, sized(Compact)["fan"].(FanChart).mustPicture(t).WidthCm(), 1e-9)
}

func (c FanChart) mustPicture(t *testing.T) Picture {
	pic, err := c.Picture()
	require.NoError(t, err)
	return pic
}

// TestLegendBelowAtSmallSizes checks that the legend of a small chart
// holds every name, drawn below the plot.
func TestLegendBelowAtSmallSizes(t *testing.T) {
	c := sampleFan()
	c.Size = Panel
	b, pic := renderPicture(t, c, "svg")
	require.NotNil(t, pic.legend)
	txt := svgText(t, b)
	for _, n := range []string{"Baseline", "Option B: 10 international", "Target (10%)", "Median outcome", "Middle 90% of runs"} {
		assert.Contains(t, txt, n)
	}
	assert.Greater(t, pic.HeightCm(), 7.5, "the legend adds to the height")
	std := sampleFan()
	_, spic := renderPicture(t, std, "svg")
	assert.Nil(t, spic.legend, "a Standard chart keeps its legend at the side")
	assert.InDelta(t, 20, spic.WidthCm(), 1e-9)
}

// TestOptionLooks checks that a series with an option's look is drawn in
// that option's colour whatever its place in the chart, and that neutral
// lines use no option's colour.
func TestOptionLooks(t *testing.T) {
	c := sampleFan()
	c.Fans[0].Look, c.Fans[1].Look = OptionLook(3), OptionLook(0)
	b, _ := renderPicture(t, c, "svg")
	doc := strings.ToUpper(string(b))
	assert.Contains(t, doc, "STROKE:"+strings.ToUpper(OptionHex(3)))
	assert.NotContains(t, doc, "STROKE:#0072B2", "not the chart's own first colour")

	fl := sampleFlows()
	fl.Neutral = true
	b, _ = renderPicture(t, fl, "svg")
	doc = strings.ToUpper(string(b))
	for i := range 7 {
		assert.NotContains(t, doc, strings.ToUpper(OptionHex(i))+";", "option %d's colour in a neutral chart", i)
	}
	for _, d := range []string{"6,3", "2,2", "8,3,2,3"} {
		assert.Contains(t, doc, "STROKE-DASHARRAY:"+d, "neutral lines differ by dashes too")
	}
}

// TestYRangeIsShared checks that a fixed y range gives charts of
// different data the same axis.
func TestYRangeIsShared(t *testing.T) {
	a, b := sampleFan(), sampleFan()
	b.Fans = b.Fans[:1]
	b.Target = nil
	yr := &[2]float64{0, 0.2}
	a.YRange, b.YRange = yr, yr
	pa, err := a.Plot()
	require.NoError(t, err)
	pb, err := b.Plot()
	require.NoError(t, err)
	assert.Equal(t, [2]float64{pa.Y.Min, pa.Y.Max}, [2]float64{pb.Y.Min, pb.Y.Max})
	assert.Equal(t, [2]float64{0, 0.2}, [2]float64{pa.Y.Min, pa.Y.Max})
	b.YRange = &[2]float64{1, 1}
	_, err = b.Plot()
	assert.ErrorContains(t, err, "YRange")
}

func TestDotChart(t *testing.T) {
	b, _ := renderPicture(t, sampleDots(), "svg")
	txt := svgText(t, b)
	for _, s := range []string{"Band 5", "Band 6", "Band 7", "Baseline", "Retention premium", "Start (April 2024)", "Middle 50% of runs", "Middle 90% of runs"} {
		assert.Contains(t, txt, s)
	}
	assert.Contains(t, strings.ToUpper(string(b)), strings.ToUpper(OptionHex(1)))

	bad := sampleDots()
	bad.Series[1].Lo[2] = 0.5
	_, err := bad.Picture()
	assert.ErrorContains(t, err, `series "Retention premium" at "Band 7"`)
	bad = sampleDots()
	bad.Start = bad.Start[:1]
	_, err = bad.Picture()
	assert.ErrorContains(t, err, "Start has 1 values, want 3")
	bad = sampleDots()
	bad.Categories[1] = "Band 5"
	_, err = bad.Picture()
	assert.ErrorContains(t, err, "both named")
	// A category no series defines is left empty, not an error.
	gap := sampleDots()
	for _, s := range gap.Series {
		s.Lo[0], s.Lo50[0], s.Mid[0], s.Hi50[0], s.Hi[0] = math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
	}
	renderPicture(t, gap, "png")
}

func TestRenderGrid(t *testing.T) {
	var pics []Picture
	for k := range 4 {
		c := sampleFan()
		c.Fans = c.Fans[k%2 : k%2+1]
		c.Fans[0].Look = OptionLook(k)
		c.Size = Panel
		pics = append(pics, c.mustPicture(t))
	}
	var buf bytes.Buffer
	require.NoError(t, RenderGrid(pics, 3, "png", &buf))
	img, err := png.Decode(&buf)
	require.NoError(t, err)
	assert.Equal(t, int(math.Round(3*9/2.54*DPI)), img.Bounds().Dx())
	assert.Equal(t, int(math.Round(2*pics[0].HeightCm()/2.54*DPI)), img.Bounds().Dy(), "four panels in rows of three")
	assert.Error(t, RenderGrid(nil, 3, "png", &buf))
	assert.Error(t, RenderGrid(pics, 0, "png", &buf))
	assert.Error(t, RenderGrid([]Picture{{}}, 1, "png", &buf))
}
