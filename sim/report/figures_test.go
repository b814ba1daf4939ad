package report

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/chart"
	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// phoneWidth is the CSS width a figure is shown at on a 390-pixel phone,
// and minText the smallest text that reads there.
const (
	phoneWidth = 350.0
	minText    = 11.0
)

// svgDoc is what the tests read of a rendered SVG.
type svgDoc struct {
	width, height float64 // viewBox
	fontSizes     []float64
	// items are the drawn elements in order: each text's content, or the
	// colours (upper-case hex) a path or shape fills or strokes.
	items []svgItem
}

type svgItem struct {
	text    string
	colours []string
}

var (
	fontSizeRE = regexp.MustCompile(`font-size:([0-9.]+)px`)
	colourRE   = regexp.MustCompile(`(?:fill|stroke):(#[0-9A-Fa-f]{6})`)
)

func renderSVG(t *testing.T, f Figure) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, f.Render("svg", &buf), f.Name)
	return buf.Bytes()
}

// parseSVG reads the viewBox, font sizes, texts and colours of an SVG.
func parseSVG(t *testing.T, b []byte) svgDoc {
	t.Helper()
	var doc svgDoc
	dec := xml.NewDecoder(bytes.NewReader(b))
	inText := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "SVG is not well-formed XML")
		switch el := tok.(type) {
		case xml.StartElement:
			var style string
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "viewBox":
					f := strings.Fields(a.Value)
					require.Len(t, f, 4)
					doc.width, _ = strconv.ParseFloat(f[2], 64)
					doc.height, _ = strconv.ParseFloat(f[3], 64)
				case "style":
					style = a.Value
				}
			}
			if el.Name.Local == "text" {
				inText = true
				m := fontSizeRE.FindStringSubmatch(style)
				require.NotNil(t, m, "text without a font size: %s", style)
				size, _ := strconv.ParseFloat(m[1], 64)
				doc.fontSizes = append(doc.fontSizes, size)
				continue
			}
			var cols []string
			for _, m := range colourRE.FindAllStringSubmatch(style, -1) {
				cols = append(cols, strings.ToUpper(m[1]))
			}
			if el.Name.Local == "path" && !strings.Contains(style, "fill:") {
				cols = append(cols, "#000000") // SVG's default fill, which vgsvg leaves out
			}
			if len(cols) > 0 {
				doc.items = append(doc.items, svgItem{colours: cols})
			}
		case xml.EndElement:
			inText = inText && el.Name.Local != "text"
		case xml.CharData:
			if s := strings.TrimSpace(string(el)); inText && s != "" {
				doc.items = append(doc.items, svgItem{text: s})
			}
		}
	}
	require.Positive(t, doc.width)
	return doc
}

func (d svgDoc) texts() []string {
	var out []string
	for _, it := range d.items {
		if it.text != "" {
			out = append(out, it.text)
		}
	}
	return out
}

func (d svgDoc) hasColour(hex string) bool {
	for _, it := range d.items {
		if slices.Contains(it.colours, strings.ToUpper(hex)) {
			return true
		}
	}
	return false
}

// twoOrgOptions is a system of two organisations of OTs in bands 5 and 6,
// and an option that halves the Band 6 leaver rate in the second.
func twoOrgOptions(t *testing.T) []sim.Option {
	t.Helper()
	build := func(premium bool) *workforce.Model {
		ot, _ := workforce.LookupProfession(workforce.OccupationalTherapist)
		orgs := []workforce.Organisation{{Key: "north", Name: "North trust"}, {Key: "south", Name: "South trust"}}
		var cells []workforce.Cell
		for o := range orgs {
			cells = append(cells, workforce.Cell{Org: o, Prof: 0, Band: workforce.Band5}, workforce.Cell{Org: o, Prof: 0, Band: workforce.Band6})
		}
		layout, err := workforce.NewLayout(orgs, []workforce.Profession{ot}, cells)
		require.NoError(t, err)
		m := &workforce.Model{Name: "Two trusts", Layout: layout, Start: workforce.NewMonth(2025, 4), StepMonths: 1, Steps: 24, ReportEvery: 12}
		leave := m.AddParam(workforce.Dist{Kind: workforce.Uniform, A: 0.10, B: 0.20, Min: 0, Max: 1, Name: "leaver_rate"})
		fill := m.AddParam(workforce.FixedValue(0.05, 0, 1, "recruitment_fill"))
		for i := range cells {
			m.Cells = append(m.Cells, workforce.CellSpec{Headcount: 30 + 5*i, FTEPerHead: 1, Establishment: float64(36 + 6*i), LeaverRate: leave, RecruitFill: fill})
		}
		if premium {
			m.Interventions = append(m.Interventions, workforce.Intervention{
				Name: "premium", Lever: workforce.LeverLeaverRate, Mode: workforce.Scale, Cells: []int{3},
				Value: m.AddParam(workforce.FixedValue(0.5, 0, 10, "premium")), Start: m.Start,
			})
		}
		return m
	}
	return []sim.Option{{Name: "baseline", Model: build(false)}, {Name: "premium", Title: "South retention premium", Model: build(true)}}
}

func figureByName(t *testing.T, figs []Figure, name string) Figure {
	t.Helper()
	for _, f := range figs {
		if f.Name == name {
			return f
		}
	}
	require.Failf(t, "no figure", "%s in %v", name, figureNames(figs))
	return Figure{}
}

// TestFiguresReadableOnAPhone checks every figure's text: shown 350 CSS
// pixels wide, its smallest font is at least 11 pixels; and its size is
// the one Figure states.
func TestFiguresReadableOnAPhone(t *testing.T) {
	for _, c := range []*sim.Comparison{multi(t), single(t)} {
		figs, err := Figures(c)
		require.NoError(t, err)
		for _, f := range figs {
			doc := parseSVG(t, renderSVG(t, f))
			require.NotEmpty(t, doc.fontSizes, f.Name)
			smallest := slices.Min(doc.fontSizes)
			assert.GreaterOrEqual(t, smallest*phoneWidth/doc.width, minText, "%s: %.1f px text in a %.0f-wide viewBox", f.Name, smallest, doc.width)
			assert.InDelta(t, f.WidthCm*72/2.54, doc.width, 0.05, f.Name)
			assert.InDelta(t, f.HeightCm*72/2.54, doc.height, 0.05, f.Name)
			if f.Group != "" {
				assert.InDelta(t, 9, f.WidthCm, 1e-9, "%s: a panel is 9 cm wide", f.Name)
			} else {
				assert.InDelta(t, 11, f.WidthCm, 1e-9, "%s: a chart standing alone is 11 cm wide", f.Name)
			}
		}
	}
}

// optionColours lists which options' colours a figure's SVG holds.
func optionColours(doc svgDoc, n int) []int {
	var out []int
	for i := range n {
		if doc.hasColour(chart.OptionHex(i)) {
			out = append(out, i)
		}
	}
	return out
}

// TestFigureColoursFollowOptions checks that each option has one colour in
// every chart: a panel holds its own option's colour and no other's, a
// chart of several options holds theirs, and a chart whose series are not
// options (bands, sources of joiners) holds none; and that the legend
// swatch before an option's title is that option's colour.
func TestFigureColoursFollowOptions(t *testing.T) {
	c := multi(t)
	n := len(c.Options)
	figs, err := Figures(c)
	require.NoError(t, err)
	v := newView(c)
	all := []int{0, 1, 2}
	want := map[string][]int{
		"vacancy_rate_all": {0}, "vacancy_rate_all_retention_premium": {1}, "vacancy_rate_all_international_ots": {2},
		"vacancy_rate_difference": {1, 2}, "cost_effectiveness": {1, 2},
		"vacancy_rate_by_profession": all, "vacancy_rate_by_band": all,
	}
	for _, f := range figs {
		doc := parseSVG(t, renderSVG(t, f))
		assert.Equal(t, want[f.Name], optionColours(doc, n), "%s: the options whose colour it holds", f.Name)
		if len(want[f.Name]) < 2 {
			continue
		}
		// A legend entry is an option's title right after its swatch.
		swatches := 0
		for j, it := range doc.items[1:] {
			k := slices.Index(v.titles, it.text)
			prev := -1
			for i := range n {
				if slices.Contains(doc.items[j].colours, strings.ToUpper(chart.OptionHex(i))) {
					prev = i
				}
			}
			if k >= 0 && prev >= 0 {
				assert.Equal(t, k, prev, "%s: the swatch before %q", f.Name, it.text)
				swatches++
			}
		}
		assert.Equal(t, len(want[f.Name]), swatches, "%s: one legend swatch per option", f.Name)
	}
}

// numericTexts are a chart's axis labels: texts that are numbers.
func numericTexts(doc svgDoc) []string {
	var out []string
	for _, s := range doc.texts() {
		if strings.Trim(s, "0123456789,.%-") == "" {
			out = append(out, s)
		}
	}
	return out
}

// TestSmallMultiplesShareTheirAxes checks that the panels of a group have
// the same axis labels, so that their heights compare, and the same
// group title and caption.
func TestSmallMultiplesShareTheirAxes(t *testing.T) {
	figs, err := Figures(multi(t))
	require.NoError(t, err)
	groups := map[string][]Figure{}
	for _, f := range figs {
		if f.Group != "" {
			groups[f.Group] = append(groups[f.Group], f)
		}
	}
	assert.Len(t, groups, 3, "vacancy_rate_all, in_post_by_band and joiners_leavers")
	for g, panels := range groups {
		require.Len(t, panels, 3, g)
		first := numericTexts(parseSVG(t, renderSVG(t, panels[0])))
		assert.NotEmpty(t, first)
		for _, p := range panels[1:] {
			assert.Equal(t, first, numericTexts(parseSVG(t, renderSVG(t, p))), "%s: %s", g, p.Name)
			assert.Equal(t, panels[0].GroupTitle, p.GroupTitle)
			assert.Equal(t, panels[0].Caption, p.Caption)
		}
		assert.NotEmpty(t, panels[0].GroupTitle)
	}
	fc := figureByName(t, figs, "vacancy_rate_all_retention_premium").spec.(chart.FanChart)
	require.NotNil(t, fc.Reference, "an option's panel draws the baseline's median")
	base := figureByName(t, figs, "vacancy_rate_all").spec.(chart.FanChart)
	assert.Equal(t, base.Fans[0].P50, fc.Reference.Values)
	assert.Nil(t, base.Reference)
	assert.Equal(t, base.YRange, fc.YRange)
}

// TestIntervalOption checks that the interval switch changes what every
// fan and bar draws to the 10th and 90th percentiles, and what the
// captions say.
func TestIntervalOption(t *testing.T) {
	c := multi(t)
	for _, tc := range []struct {
		interval float64
		lo, hi   float64
		words    string
	}{{0, 0.05, 0.95, "90% of runs (5th to 95th percentile)"}, {0.8, 0.1, 0.9, "80% of runs (10th to 90th percentile)"}} {
		figs, err := FiguresWith(c, Options{Interval: tc.interval})
		require.NoError(t, err)
		last := len(c.TraceMonths) - 1
		for i := range c.Options {
			f := figureByName(t, figs, "vacancy_rate_all"+newView(c).suffix(i))
			fan := f.spec.(chart.FanChart).Fans[0]
			assert.Equal(t, c.Trace[i].Percentile(last, tc.lo), fan.P05[last], f.Name)
			assert.Equal(t, c.Trace[i].Percentile(last, tc.hi), fan.P95[last], f.Name)
			assert.Equal(t, c.Trace[i].Stats(last).P25, fan.P25[last], f.Name)
			assert.Contains(t, f.Caption, tc.words)
			assert.Equal(t, "Middle "+tc.words[:strings.Index(tc.words, " (")], f.spec.(chart.FanChart).OuterLabel, "the legend names the band")
			assert.Contains(t, svgTexts(t, f), f.spec.(chart.FanChart).OuterLabel)
			assert.Contains(t, f.Alt, pct(c.Trace[i].Percentile(last, tc.lo))+" to "+pct(c.Trace[i].Percentile(last, tc.hi)))
		}
		r := c.Options[1]
		g, m := r.GroupIndex("all", "all", "6"), r.MetricIndex("vacancy_rate")
		require.GreaterOrEqual(t, g, 0)
		f := figureByName(t, figs, "vacancy_rate_by_band")
		dc := f.spec.(chart.DotChart)
		k := slices.Index(dc.Categories, "Band 6")
		require.GreaterOrEqual(t, k, 0)
		s := r.Series(len(r.Dates)-1, g, m)
		assert.Equal(t, r.Table.Percentile(s, tc.lo), dc.Series[1].Lo[k])
		assert.Equal(t, r.Table.Percentile(s, tc.hi), dc.Series[1].Hi[k])
		assert.Equal(t, r.Table.Stats(s).P50, dc.Series[1].Mid[k])
		assert.Contains(t, f.Caption, tc.words)
		diff := figureByName(t, figs, "vacancy_rate_difference")
		assert.Contains(t, diff.Caption, tc.words[strings.Index(tc.words, "(")+1:len(tc.words)-1])
	}
	_, err := FiguresWith(c, Options{Interval: 1.5})
	assert.ErrorContains(t, err, "interval 1.5")
}

// TestFigureAltTexts checks that every figure has a text alternative and
// that its numbers are the comparison's own.
func TestFigureAltTexts(t *testing.T) {
	c := multi(t)
	figs, err := Figures(c)
	require.NoError(t, err)
	for _, f := range figs {
		assert.NotEmpty(t, f.Alt, f.Name)
	}
	last := len(c.TraceMonths) - 1
	st0, st := c.Trace[0].Stats(0), c.Trace[0].Stats(last)
	assert.Equal(t, "Whole-system vacancy rate, baseline: median "+pct(st0.P50)+" in April 2025 to "+pct(st.P50)+
		" (90% of runs "+pct(st.P05)+" to "+pct(st.P95)+") in April 2028. Target 10%.", figureByName(t, figs, "vacancy_rate_all").Alt)
	alt := figureByName(t, figs, "vacancy_rate_all_retention_premium").Alt
	assert.Contains(t, alt, "retention_premium: median ")
	assert.Contains(t, alt, "baseline's median in April 2028: "+pct(st.P50)+".")

	band := figureByName(t, figs, "vacancy_rate_by_band").Alt
	r := c.Options[2]
	for _, b := range []string{"5", "6", "7"} {
		s := r.Stats(len(r.Dates)-1, r.GroupIndex("all", "all", b), r.MetricIndex("vacancy_rate"))
		assert.Contains(t, band, "Band "+b+": ")
		assert.Contains(t, band, "international_ots "+pct(s.P50)+" (90% of runs "+pct(s.P05)+" to "+pct(s.P95)+")")
	}
	p := c.PairIndex(1, 0)
	d := pairStats(c, p, len(r.Dates)-1, newView(c).all, "vacancy_rate_diff")
	assert.Contains(t, figureByName(t, figs, "vacancy_rate_difference").Alt, "retention_premium "+signedPoints(d.Mean))
	assert.Less(t, d.Mean, 0.0, "the premium lowers the vacancy rate")
}

// TestFiguresByOrganisation checks the view by organisation of a system
// of several, with option titles in legends and panel titles, and that a
// selection without the organisations leaves it out.
func TestFiguresByOrganisation(t *testing.T) {
	opts := twoOrgOptions(t)
	ms := models(opts)
	for _, sel := range []sim.Selection{sim.DefaultSelection(ms), {Groups: []sim.GroupKind{sim.GroupSystem, sim.GroupProfessions, sim.GroupBands}}} {
		c, err := sim.Compare(context.Background(), opts, sim.Settings{Runs: 100, Seed: 3, Workers: 2, Report: sel}, sim.CompareSettings{})
		require.NoError(t, err)
		figs, err := Figures(c)
		require.NoError(t, err)
		_, groups := Missing(ms, sel, true, false)
		if !sel.KeepsGroups(sim.GroupOrganisations) {
			assert.NotContains(t, figureNames(figs), "vacancy_rate_by_organisation")
			assert.Equal(t, []sim.GroupKind{sim.GroupOrganisations}, groups)
			continue
		}
		assert.Empty(t, groups)
		f := figureByName(t, figs, "vacancy_rate_by_organisation")
		dc := f.spec.(chart.DotChart)
		assert.Equal(t, []string{"North trust", "South trust"}, dc.Categories)
		assert.Equal(t, "South retention premium", dc.Series[1].Name)
		south := dc.Series[1].Mid[1] - dc.Series[0].Mid[1]
		north := dc.Series[1].Mid[0] - dc.Series[0].Mid[0]
		assert.Less(t, south, 0.0, "the premium lowers the south's rate")
		assert.Equal(t, 0.0, north, "and leaves the north's alone")
		assert.Contains(t, f.Alt, "South trust: baseline ")
		assert.Equal(t, "South retention premium", figureByName(t, figs, "vacancy_rate_all_premium").spec.(chart.FanChart).Title)
		assert.False(t, math.IsNaN(dc.Start[0]))
	}
}

// TestWriteGrids checks that each small multiple is also drawn as one
// PNG, three panels to a row.
func TestWriteGrids(t *testing.T) {
	c := multi(t)
	files := map[string][]byte{}
	require.NoError(t, WriteFigures(c, files))
	figs, err := Figures(c)
	require.NoError(t, err)
	assert.Len(t, files, 2*len(figs)+3)
	for _, g := range []string{"vacancy_rate_all", "in_post_by_band", "joiners_leavers"} {
		img, err := png.Decode(bytes.NewReader(files["plots/"+g+"_panels.png"]))
		require.NoError(t, err, g)
		panel := figureByName(t, figs, g)
		assert.Equal(t, int(math.Round(3*panel.WidthCm/2.54*chart.DPI)), img.Bounds().Dx(), g)
		assert.Equal(t, int(math.Round(panel.HeightCm/2.54*chart.DPI)), img.Bounds().Dy(), "%s: three panels make one row", g)
	}
}

func svgTexts(t *testing.T, f Figure) string {
	return strings.Join(parseSVG(t, renderSVG(t, f)).texts(), " ")
}
