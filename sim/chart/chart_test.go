package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Realistic test data: ten years monthly from January 2025.

const nMonths = 120

var start = MonthOf(2025, 1)

func months(from Month, n int) []Month {
	ms := make([]Month, n)
	for i := range ms {
		ms[i] = from + Month(i)
	}
	return ms
}

// fan returns a fan whose median moves linearly from m0 to m1 and whose
// spread widens over time, with a little seasonal wiggle.
func fan(name string, n int, m0, m1 float64) Fan {
	f := Fan{Name: name, Months: months(start, n)}
	for i := range n {
		t := float64(i) / float64(max(n-1, 1))
		med := m0 + (m1-m0)*t + 0.004*math.Sin(2*math.Pi*float64(i)/12)
		s := 0.004 + 0.02*t
		f.P05 = append(f.P05, med-1.9*s)
		f.P25 = append(f.P25, med-0.7*s)
		f.P50 = append(f.P50, med)
		f.P75 = append(f.P75, med+0.7*s)
		f.P95 = append(f.P95, med+1.9*s)
	}
	return f
}

func sampleFan() FanChart {
	target := 0.10
	return FanChart{
		Title:   "Vacancy rate, all AHPs",
		YLabel:  "Vacancy rate (%)",
		Percent: true,
		Fans: []Fan{
			fan("Baseline", nMonths, 0.14, 0.12),
			fan("Option B: 10 international OTs", nMonths, 0.14, 0.085),
		},
		Target: &target,
	}
}

func sampleLine() LineChart {
	l := Line{Name: "Option B minus baseline", Months: months(start, nMonths)}
	for i := range nMonths {
		t := float64(i) / nMonths
		v := -0.035 * (1 - math.Exp(-3*t))
		w := 0.003 + 0.012*t
		l.Values = append(l.Values, v)
		l.Lower = append(l.Lower, v-w)
		l.Upper = append(l.Upper, v+w)
	}
	return LineChart{
		Title:     "Change in vacancy rate: Option B vs baseline",
		YLabel:    "Difference in vacancy rate (percentage points)",
		Percent:   true,
		Lines:     []Line{l},
		ZeroLine:  true,
		BandLabel: "90% interval of the paired difference",
	}
}

func sampleFlows() LineChart {
	mk := func(name string, base, amp float64) Line {
		l := Line{Name: name, Months: months(start, nMonths)}
		for i := range nMonths {
			l.Values = append(l.Values, base+amp*math.Sin(2*math.Pi*float64(i+3)/12)+0.02*base*float64(i)/12)
		}
		return l
	}
	return LineChart{
		Title:  "Joiners by source and leavers, all AHPs",
		YLabel: "Staff per month (FTE)",
		Lines: []Line{
			mk("Newly qualified", 40, 30),
			mk("International recruits", 12, 2),
			mk("Returners", 5, 1),
			mk("Leavers", 55, 8),
		},
	}
}

func sampleStacked() StackedChart {
	bands := []struct {
		name string
		base float64
	}{{"Band 5", 2400}, {"Band 6", 3100}, {"Band 7", 2200}, {"Band 8a", 700}, {"Band 8b and above", 250}}
	c := StackedChart{Title: "Staff in post by band, all AHPs", YLabel: "Staff in post (FTE)", Months: months(start, nMonths)}
	for k, b := range bands {
		l := Layer{Name: b.name}
		for i := range nMonths {
			l.Values = append(l.Values, b.base*(1+0.015*float64(i)/12*float64(k+1))+40*math.Sin(2*math.Pi*float64(i)/12))
		}
		c.Layers = append(c.Layers, l)
	}
	return c
}

func sampleScatter() ScatterChart {
	return ScatterChart{
		Title:  "Cost against vacancy avoided, 2025-2034",
		XLabel: "Cost over 10 years (GBP)",
		YLabel: "Vacancy avoided (FTE-years)",
		Points: []Point{
			{Name: "Baseline", X: 0, Y: 0},
			{Name: "Option A: more student places", X: 2.4e6, Y: 310, XErr: [2]float64{2.1e6, 2.8e6}, YErr: [2]float64{180, 420}},
			{Name: "Option B: 10 international OTs", X: 1.1e6, Y: 190, XErr: [2]float64{0.95e6, 1.3e6}, YErr: [2]float64{120, 260}},
			{Name: "Option C: retention bonus", X: 3.6e6, Y: 260, XErr: [2]float64{3.0e6, 4.1e6}, YErr: [2]float64{90, 400}},
		},
	}
}

// sampleShortFan is 18 months of three overlaid options with gaps: a
// quarterly time axis, NaN gaps and long legend names.
func sampleShortFan() FanChart {
	fs := []Fan{
		fan("Baseline", 19, 0.12, 0.125),
		fan("Option A: expand apprenticeships from 2026", 19, 0.12, 0.10),
		fan("Option B: 10 international OTs", 19, 0.12, 0.09),
	}
	for i := 6; i < 9; i++ {
		fs[2].P05[i], fs[2].P25[i], fs[2].P50[i], fs[2].P75[i], fs[2].P95[i] = math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
	}
	fs[1].P50[12], fs[1].P50[14] = math.NaN(), math.NaN()
	return FanChart{Title: "Vacancy rate, physiotherapy, first 18 months", YLabel: "Vacancy rate (%)", Percent: true, Fans: fs}
}

type builder interface{ Plot() (*plot.Plot, error) }

type sample struct {
	name   string
	chart  builder
	title  string
	legend []string // names that must appear in the SVG text
}

func samples() []sample {
	return []sample{
		{"fan", sampleFan(), "Vacancy rate, all AHPs", []string{"Baseline", "Option B: 10 international OTs", "Target (10%)", "Median outcome", "Middle 90% of runs"}},
		{"fan_short", sampleShortFan(), "Vacancy rate, physiotherapy, first 18 months", []string{"Baseline", "Option A: expand apprenticeships from 2026", "2025-04", "2026-07"}},
		{"line", sampleLine(), "Change in vacancy rate: Option B vs baseline", []string{"Option B minus baseline", "90% interval of the paired difference"}},
		{"flows", sampleFlows(), "Joiners by source and leavers, all AHPs", []string{"Newly qualified", "International recruits", "Returners", "Leavers"}},
		{"stacked", sampleStacked(), "Staff in post by band, all AHPs", []string{"Band 5", "Band 6", "Band 7", "Band 8a", "Band 8b and above"}},
		{"scatter", sampleScatter(), "Cost against vacancy avoided, 2025-2034", []string{"Baseline", "Option A: more student places", "Option C: retention bonus"}},
	}
}

func render(t *testing.T, c builder, format string) []byte {
	t.Helper()
	p, err := c.Plot()
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, Render(p, format, &buf))
	require.NotEmpty(t, buf.Bytes())
	return buf.Bytes()
}

// svgText parses an SVG document as XML and returns its text content, one
// text element per space-separated piece (so wrapped legend lines join up).
func svgText(t *testing.T, b []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	var parts []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "SVG is not well-formed XML")
		if cd, ok := tok.(xml.CharData); ok {
			if s := strings.TrimSpace(string(cd)); s != "" {
				parts = append(parts, s)
			}
		}
	}
	return strings.Join(parts, " ")
}

func TestRenderPNG(t *testing.T) {
	for _, s := range samples() {
		t.Run(s.name, func(t *testing.T) {
			b := render(t, s.chart, "png")
			img, err := png.Decode(bytes.NewReader(b))
			require.NoError(t, err)
			assert.Equal(t, PixelWidth, img.Bounds().Dx())
			assert.Equal(t, PixelHeight, img.Bounds().Dy())
		})
	}
}

func TestPixelSizeMatchesWidthHeight(t *testing.T) {
	px := func(l vg.Length) int { return int(l/vg.Inch*DPI + 0.5) }
	assert.Equal(t, PixelWidth, px(Width))
	assert.Equal(t, PixelHeight, px(Height))
}

func TestRenderSVG(t *testing.T) {
	for _, s := range samples() {
		t.Run(s.name, func(t *testing.T) {
			b := render(t, s.chart, "svg")
			txt := svgText(t, b)
			assert.Contains(t, txt, s.title)
			for _, n := range s.legend {
				assert.Contains(t, txt, n)
			}
			// Self-contained: no external references of any kind.
			doc := string(b)
			for _, bad := range []string{"url(", "href", "<image", "@import", "@font-face"} {
				assert.NotContains(t, doc, bad)
			}
			assert.Contains(t, doc, "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")
		})
	}
}

func TestRenderDeterministic(t *testing.T) {
	for _, s := range samples() {
		for _, format := range []string{"png", "svg"} {
			t.Run(s.name+"/"+format, func(t *testing.T) {
				a := render(t, s.chart, format)
				b := render(t, s.chart, format)
				assert.True(t, bytes.Equal(a, b), "two renders of the same input differ")

				// The same *plot.Plot rendered twice is also identical.
				p, err := s.chart.Plot()
				require.NoError(t, err)
				var x, y bytes.Buffer
				require.NoError(t, Render(p, format, &x))
				require.NoError(t, Render(p, format, &y))
				assert.True(t, bytes.Equal(x.Bytes(), y.Bytes()))
				assert.True(t, bytes.Equal(a, x.Bytes()))
			})
		}
	}
}

func TestRenderErrors(t *testing.T) {
	p, err := sampleFan().Plot()
	require.NoError(t, err)
	var buf bytes.Buffer
	assert.ErrorContains(t, Render(p, "pdf", &buf), `unknown format "pdf"`)
	assert.ErrorContains(t, Render(nil, "png", &buf), "nil plot")
	assert.ErrorContains(t, Render(p, "png", nil), "nil writer")
	assert.ErrorContains(t, Render(p, "svg", failWriter{}), "disk full")
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestNaNGapsRender(t *testing.T) {
	f := sampleFan()
	g := &f.Fans[0]
	for i := 30; i < 42; i++ { // a year with no estimate at all
		g.P05[i], g.P25[i], g.P50[i], g.P75[i], g.P95[i] = math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
	}
	g.P05[60], g.P95[60] = math.NaN(), math.NaN() // outer band only undefined
	g.P50[80], g.P50[82] = math.NaN(), math.NaN() // an isolated defined median at 81
	l := sampleLine()
	l.Lines[0].Values[0] = math.NaN()
	l.Lines[0].Lower[50], l.Lines[0].Upper[51] = math.NaN(), math.NaN()
	allNaN := sampleFlows()
	for i := range allNaN.Lines[0].Values {
		allNaN.Lines[0].Values[i] = math.NaN()
	}
	empty := FanChart{Title: "Nothing known yet", YLabel: "Vacancy rate (%)", Percent: true, Fans: []Fan{{
		Name: "Baseline", Months: months(start, 3),
		P05: nans(3), P25: nans(3), P50: nans(3), P75: nans(3), P95: nans(3),
	}}}
	for _, c := range []builder{f, l, allNaN, empty} {
		for _, format := range []string{"png", "svg"} {
			render(t, c, format)
		}
	}
}

func nans(n int) []float64 {
	vs := make([]float64, n)
	for i := range vs {
		vs[i] = math.NaN()
	}
	return vs
}

func TestSVGEscapesText(t *testing.T) {
	c := sampleFlows()
	c.Title = `Joiners & leavers <all AHPs> "2025"`
	c.Lines[0].Name = "Newly qualified & returners"
	txt := svgText(t, render(t, c, "svg"))
	assert.Contains(t, txt, c.Title)
	assert.Contains(t, txt, c.Lines[0].Name)
}

func TestSmallInputsRender(t *testing.T) {
	one := Fan{Name: "Baseline", Months: []Month{start}, P05: []float64{0.1}, P25: []float64{0.11}, P50: []float64{0.12}, P75: []float64{0.13}, P95: []float64{0.14}}
	flat := sampleStacked()
	flat.Months = flat.Months[:1]
	flat.Layers = []Layer{{Name: "All", Values: []float64{0}}}
	short := sampleFan()
	short.Fans = []Fan{fan("Baseline", 18, 0.1, 0.12)}
	for _, c := range []builder{
		FanChart{Title: "One month", YLabel: "Rate (%)", Percent: true, Fans: []Fan{one}},
		flat,
		short,
		ScatterChart{Title: "One point", XLabel: "Cost (GBP)", YLabel: "FTE-years", Points: []Point{{Name: "Only", X: 5, Y: 5}}},
	} {
		for _, format := range []string{"png", "svg"} {
			render(t, c, format)
		}
	}
}

func TestInvalidInputs(t *testing.T) {
	inf := math.Inf(1)
	mod := func(f func(*FanChart)) FanChart { c := sampleFan(); f(&c); return c }
	modL := func(f func(*LineChart)) LineChart { c := sampleLine(); f(&c); return c }
	modS := func(f func(*StackedChart)) StackedChart { c := sampleStacked(); f(&c); return c }
	modP := func(f func(*ScatterChart)) ScatterChart { c := sampleScatter(); f(&c); return c }
	tests := []struct {
		name  string
		chart builder
		want  string
	}{
		{"fan: no fans", mod(func(c *FanChart) { c.Fans = nil }), "has no Fans"},
		{"fan: no title", mod(func(c *FanChart) { c.Title = "" }), "Title is empty"},
		{"fan: no y label", mod(func(c *FanChart) { c.YLabel = "" }), "YLabel is empty"},
		{"fan: no name", mod(func(c *FanChart) { c.Fans[1].Name = "" }), "fan 1 has no Name"},
		{"fan: duplicate name", mod(func(c *FanChart) { c.Fans[1].Name = "Baseline" }), `both named "Baseline"`},
		{"fan: no months", mod(func(c *FanChart) { c.Fans[0].Months = nil }), `fan "Baseline": no Months`},
		{"fan: short P50", mod(func(c *FanChart) { c.Fans[0].P50 = c.Fans[0].P50[:119] }), `chart: fan "Baseline": P50 has 119 values, want 120 (one per month)`},
		{"fan: nil P05", mod(func(c *FanChart) { c.Fans[0].P05 = nil }), "P05 has 0 values, want 120"},
		{"fan: months not increasing", mod(func(c *FanChart) { c.Fans[0].Months[5] = c.Fans[0].Months[4] }), "Months not strictly increasing: Months[5] = 2025-05 follows 2025-05"},
		{"fan: months decreasing", mod(func(c *FanChart) { c.Fans[1].Months[0] = c.Fans[1].Months[3] }), "not strictly increasing"},
		{"fan: month out of range", mod(func(c *FanChart) { c.Fans[0].Months[0] = -5 }), "outside years"},
		{"fan: +Inf", mod(func(c *FanChart) { c.Fans[0].P95[7] = inf }), "P95 at 2025-08 is +Inf"},
		{"fan: -Inf", mod(func(c *FanChart) { c.Fans[1].P25[0] = -inf }), "P25 at 2025-01 is -Inf"},
		{"fan: percentiles out of order", mod(func(c *FanChart) { c.Fans[0].P25[3] = 0.9 }), "P25 (0.9) is above P50"},
		{"fan: infinite target", mod(func(c *FanChart) { c.Target = &inf }), "Target is +Inf"},

		{"line: no lines", modL(func(c *LineChart) { c.Lines = nil }), "has no Lines"},
		{"line: mismatched values", modL(func(c *LineChart) { c.Lines[0].Values = c.Lines[0].Values[:3] }), "Values has 3 values, want 120"},
		{"line: only lower", modL(func(c *LineChart) { c.Lines[0].Upper = nil }), "Lower and Upper must both be set"},
		{"line: short upper", modL(func(c *LineChart) { c.Lines[0].Upper = c.Lines[0].Upper[1:] }), "Upper has 119 values"},
		{"line: lower above upper", modL(func(c *LineChart) { c.Lines[0].Lower[2] = 1 }), "Lower (1) is above Upper"},
		{"line: Inf", modL(func(c *LineChart) { c.Lines[0].Values[9] = inf }), "Values at 2025-10 is +Inf"},
		{"line: months not increasing", modL(func(c *LineChart) { c.Lines[0].Months[1] = c.Lines[0].Months[0] - 1 }), "not strictly increasing"},

		{"stacked: no layers", modS(func(c *StackedChart) { c.Layers = nil }), "has no Layers"},
		{"stacked: no months", modS(func(c *StackedChart) { c.Months = nil }), "no Months"},
		{"stacked: mismatched", modS(func(c *StackedChart) { c.Layers[2].Values = c.Layers[2].Values[:100] }), `layer "Band 7": Values has 100 values, want 120`},
		{"stacked: NaN", modS(func(c *StackedChart) { c.Layers[0].Values[0] = math.NaN() }), "is NaN, want a finite value"},
		{"stacked: Inf", modS(func(c *StackedChart) { c.Layers[0].Values[0] = inf }), "is +Inf"},
		{"stacked: negative", modS(func(c *StackedChart) { c.Layers[1].Values[4] = -1 }), "must be >= 0"},
		{"stacked: not increasing", modS(func(c *StackedChart) { c.Months[10] = c.Months[9] }), "not strictly increasing"},

		{"scatter: no points", modP(func(c *ScatterChart) { c.Points = nil }), "has no Points"},
		{"scatter: no x label", modP(func(c *ScatterChart) { c.XLabel = "" }), "XLabel is empty"},
		{"scatter: NaN", modP(func(c *ScatterChart) { c.Points[1].X = math.NaN() }), "X is NaN"},
		{"scatter: Inf", modP(func(c *ScatterChart) { c.Points[1].Y = inf }), "Y is +Inf"},
		{"scatter: Inf error", modP(func(c *ScatterChart) { c.Points[1].YErr[1] = inf }), "YErr is"},
		{"scatter: error excludes value", modP(func(c *ScatterChart) { c.Points[1].XErr = [2]float64{0.1, 0.2} }), "does not contain X"},
		{"scatter: unnamed", modP(func(c *ScatterChart) { c.Points[2].Name = "" }), "point 2 has no Name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				p   *plot.Plot
				err error
			)
			require.NotPanics(t, func() { p, err = tt.chart.Plot() })
			require.Error(t, err)
			assert.Nil(t, p)
			assert.Contains(t, err.Error(), tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "chart: "), err.Error())
		})
	}
}

func tickLabels(ts []plot.Tick) []string {
	var ls []string
	for _, t := range ts {
		if !t.IsMinor() {
			ls = append(ls, t.Label)
		}
	}
	return ls
}

func TestDateTicks(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi Month
		want   []string
	}{
		{"10 years: yearly", MonthOf(2025, 1), MonthOf(2035, 1), []string{"2025", "2026", "2027", "2028", "2029", "2030", "2031", "2032", "2033", "2034", "2035"}},
		{"10 years monthly data ending December", MonthOf(2025, 1), MonthOf(2034, 12), []string{"2025", "2026", "2027", "2028", "2029", "2030", "2031", "2032", "2033", "2034"}},
		{"4 years starting mid-year", MonthOf(2025, 7), MonthOf(2029, 7), []string{"2026", "2027", "2028", "2029"}},
		{"30 years: every 5 years", MonthOf(2020, 1), MonthOf(2050, 1), []string{"2020", "2025", "2030", "2035", "2040", "2045", "2050"}},
		{"18 months: quarterly YYYY-MM", MonthOf(2025, 1), MonthOf(2026, 7), []string{"2025-01", "2025-04", "2025-07", "2025-10", "2026-01", "2026-04", "2026-07"}},
		{"3 years: half-yearly YYYY-MM", MonthOf(2025, 1), MonthOf(2028, 1), []string{"2025-01", "2025-07", "2026-01", "2026-07", "2027-01", "2027-07", "2028-01"}},
		{"6 months: monthly", MonthOf(2025, 11), MonthOf(2026, 4), []string{"2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04"}},
		{"one month", MonthOf(2026, 3), MonthOf(2026, 3), []string{"2026-03"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := dateTicks(float64(tt.lo), float64(tt.hi))
			assert.Equal(t, tt.want, tickLabels(ts))
			for _, tk := range ts {
				assert.GreaterOrEqual(t, tk.Value, float64(tt.lo))
				assert.LessOrEqual(t, tk.Value, float64(tt.hi))
			}
		})
	}
	// 10 years has unlabelled quarterly minor ticks in between.
	ts := dateTicks(float64(MonthOf(2025, 1)), float64(MonthOf(2035, 1)))
	assert.Len(t, ts, 41)
	assert.True(t, dateTicksYearly(float64(MonthOf(2025, 1)), float64(MonthOf(2028, 2))))
	assert.False(t, dateTicksYearly(float64(MonthOf(2025, 1)), float64(MonthOf(2028, 1))))
	assert.Empty(t, dateTicks(math.Inf(-1), 0))
	// Huge spans stay bounded.
	assert.LessOrEqual(t, len(tickLabels(dateTicks(0, float64(maxMonth)))), maxYearLabels)
}

func TestMonth(t *testing.T) {
	m := MonthOf(2026, 7)
	assert.Equal(t, Month(2026*12+6), m)
	assert.Equal(t, 2026, m.Year())
	assert.Equal(t, 7, m.MonthOfYear())
	assert.Equal(t, "2026-07", m.String())
	assert.Equal(t, "2025-01", Month(2025*12).String())
	assert.Equal(t, "2024-12", Month(2025*12-1).String())
}

func TestPercentFormatting(t *testing.T) {
	for v, want := range map[float64]string{0.12: "12%", 0.1: "10%", 0.125: "12.5%", 0: "0%", -0.035: "-3.5%", 1: "100%", -0.00001: "0%", 0.0333333: "3.33%"} {
		assert.Equal(t, want, formatPercent(v), "formatPercent(%v)", v)
	}
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{0, 0.2, []string{"0%", "5%", "10%", "15%", "20%"}},
		{0.06, 0.19, []string{"6%", "8%", "10%", "12%", "14%", "16%", "18%"}},
		{-0.05, 0.01, []string{"-5%", "-4%", "-3%", "-2%", "-1%", "0%", "1%"}},
		{0.1, 0.11, []string{"10.0%", "10.2%", "10.4%", "10.6%", "10.8%", "11.0%"}},
		{0.1, 0.125, []string{"10.0%", "10.5%", "11.0%", "11.5%", "12.0%", "12.5%"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tickLabels(percentTicks(tt.lo, tt.hi)), "percentTicks(%v, %v)", tt.lo, tt.hi)
	}
}

func TestNumberFormatting(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		d    int
		want string
	}{
		{0, 0, "0"}, {999, 0, "999"}, {1000, 0, "1,000"}, {1234567, 0, "1,234,567"},
		{-2500000, 0, "-2,500,000"}, {12.5, 1, "12.5"}, {-0.0001, 1, "0.0"}, {123456.25, 2, "123,456.25"},
	} {
		assert.Equal(t, tt.want, formatNumber(tt.v, tt.d))
	}
	assert.Equal(t, []string{"0", "1,000,000", "2,000,000", "3,000,000", "4,000,000"}, tickLabels(numberTicks(-1e5, 4.2e6)))
	assert.Equal(t, []string{"0", "2,000", "4,000", "6,000", "8,000", "10,000"}, tickLabels(numberTicks(0, 10000)))
	assert.Equal(t, "1,200", formatValue(1200))
	assert.Equal(t, "0.25", formatValue(0.25))
}

func TestWrap(t *testing.T) {
	assert.Equal(t, "Baseline", wrap("Baseline", 26))
	assert.Equal(t, "Option B: 10 international\nOTs", wrap("Option B: 10 international OTs", 26))
	assert.Equal(t, "Option B: 10 international OTs", wrap("Option B: 10 international OTs", legendWrapAt))
	assert.Equal(t, "Averyveryveryveryverylongsingleword", wrap("Averyveryveryveryverylongsingleword", 10))
}

// TestExamplePNGs writes one PNG per chart type into a temporary directory,
// and also into $CHART_SAMPLES_DIR when that is set (for looking at them).
func TestExamplePNGs(t *testing.T) {
	dirs := []string{t.TempDir()}
	if d := os.Getenv("CHART_SAMPLES_DIR"); d != "" {
		require.NoError(t, os.MkdirAll(d, 0o755))
		dirs = append(dirs, d)
	}
	for _, s := range samples() {
		b := render(t, s.chart, "png")
		for _, d := range dirs {
			path := filepath.Join(d, s.name+".png")
			require.NoError(t, os.WriteFile(path, b, 0o644))
			fi, err := os.Stat(path)
			require.NoError(t, err)
			assert.Positive(t, fi.Size())
		}
	}
}
