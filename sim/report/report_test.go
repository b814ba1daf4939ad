package report

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"image/png"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/chart"
	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func figureNames(figs []Figure) []string {
	var names []string
	for _, f := range figs {
		names = append(names, f.Name)
	}
	return names
}

func TestFiguresMultiOption(t *testing.T) {
	figs, err := Figures(multi(t))
	require.NoError(t, err)
	assert.Equal(t, []string{
		"vacancy_rate_all", "vacancy_rate_all_retention_premium", "vacancy_rate_all_international_ots",
		"vacancy_rate_difference", "cost_effectiveness",
		"vacancy_rate_by_profession", "vacancy_rate_by_band",
		"in_post_by_band", "in_post_by_band_retention_premium", "in_post_by_band_international_ots",
		"joiners_leavers", "joiners_leavers_retention_premium", "joiners_leavers_international_ots",
	}, figureNames(figs))
	// No option touches physiotherapists: in the view by profession their
	// medians coincide; the options differ for OTs.
	dc := figs[5].spec.(chart.DotChart)
	assert.Equal(t, []string{"Occupational therapist", "Physiotherapist"}, dc.Categories)
	assert.Equal(t, dc.Series[0].Mid[1], dc.Series[2].Mid[1])
	assert.NotEqual(t, dc.Series[0].Mid[0], dc.Series[1].Mid[0])
	titles := map[string]bool{}
	for _, f := range figs {
		assert.False(t, titles[f.Title], "title %q used twice", f.Title)
		titles[f.Title] = true
		assert.NotEmpty(t, f.Caption, f.Name)
		var svg bytes.Buffer
		require.NoError(t, f.Render("svg", &svg))
		// The SVG writer escapes text, so compare with the escaped title:
		// a panel's own title is its option's, a chart's a short form of
		// the figure's.
		want := chartTitle(f)
		if f.Group != "" {
			assert.Equal(t, f.Title[strings.LastIndex(f.Title, ": ")+2:], want)
		} else {
			assert.True(t, strings.HasPrefix(f.Title, want), "%s: %q", f.Name, want)
		}
		assert.Contains(t, svg.String(), template.HTMLEscapeString(want), f.Name)
	}
}

// chartTitle is the title drawn in figure f.
func chartTitle(f Figure) string {
	switch c := f.spec.(type) {
	case chart.FanChart:
		return c.Title
	case chart.LineChart:
		return c.Title
	case chart.ScatterChart:
		return c.Title
	case chart.DotChart:
		return c.Title
	case chart.StackedChart:
		return c.Title
	}
	panic(f.Name)
}

func TestFiguresSingleOption(t *testing.T) {
	c := single(t)
	figs, err := Figures(c)
	require.NoError(t, err)
	// The file names of "ahpsim run" before this package, plus joiners.
	assert.Equal(t, []string{
		"vacancy_rate_all", "vacancy_rate_by_profession", "vacancy_rate_by_band",
		"in_post_by_band", "joiners_leavers",
	}, figureNames(figs))
	assert.Equal(t, "Vacancy rate, all professions: Test borough AHPs", figs[0].Title)

	files := map[string][]byte{}
	require.NoError(t, WriteFigures(c, files))
	assert.Len(t, files, 2*len(figs))
	for _, f := range figs {
		img, err := png.Decode(bytes.NewReader(files["plots/"+f.Name+".png"]))
		require.NoError(t, err, f.Name)
		assert.Equal(t, int(math.Round(f.WidthCm/2.54*chart.DPI)), img.Bounds().Dx(), f.Name)
		assert.Equal(t, int(math.Round(f.HeightCm/2.54*chart.DPI)), img.Bounds().Dy(), f.Name)
		assert.Empty(t, f.Group, "a single option's charts stand alone")
		assert.True(t, bytes.HasPrefix(files["plots/"+f.Name+".svg"], []byte("<?xml")), f.Name)
	}
}

func TestFiguresRejectBadComparisons(t *testing.T) {
	_, err := Figures(nil)
	assert.Error(t, err)
	_, err = Figures(&sim.Comparison{})
	assert.Error(t, err)
	assert.Nil(t, Findings(nil))
	var f Figure
	assert.Error(t, f.Render("svg", &bytes.Buffer{}), "a Figure not made by Figures")
}

func TestFiguresExpectedValueMode(t *testing.T) {
	// One run on expected values: every fan and band collapses to a line.
	c := compare(t, testOptions(t), sim.Settings{Deterministic: true})
	figs, err := Figures(c)
	require.NoError(t, err)
	assert.Len(t, figs, 13)
	for _, s := range Findings(c) {
		assert.NotContains(t, s, "90% of runs", "no spread of runs to describe")
	}
}

// pairStats looks a paired metric up by name, independently of the package.
func pairStats(c *sim.Comparison, p, d, g int, metric string) summary.Stats {
	for k, m := range sim.PairMetrics {
		if m.Name == metric {
			return c.PairTable.Stats(c.PairSeries(p, d, g, k))
		}
	}
	panic(metric)
}

// finding returns the one finding that contains every part.
func finding(t *testing.T, findings []string, parts ...string) string {
	t.Helper()
	var found []string
	for _, f := range findings {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(f, p)
		}
		if ok {
			found = append(found, f)
		}
	}
	require.Len(t, found, 1, "findings containing %q:\n%s", parts, strings.Join(findings, "\n"))
	return found[0]
}

// oneDecimal formats like the findings: one decimal, sign dropped.
func oneDecimal(v float64) string { return fmt.Sprintf("%.1f", math.Abs(v)) }

// percent formats a probability as the findings do away from 0 and 1.
func percent(t *testing.T, p float64) string {
	t.Helper()
	require.True(t, p >= 0.005 && p < 0.995, "test data should give a probability away from 0 and 1, got %v", p)
	return fmt.Sprintf("%.0f%%", 100*p)
}

func TestFindingsNumbers(t *testing.T) {
	c := multi(t)
	findings := Findings(c)
	t.Log(strings.Join(findings, "\n"))
	r := c.Options[0]
	last := len(r.Dates) - 1
	all := r.GroupIndex("all", "all", "all")
	vr := r.MetricIndex("vacancy_rate")
	require.Equal(t, "April 2028", monthWords(r.Dates[last]))

	// The baseline's outlook.
	start, end := r.Stats(0, all, vr), r.Stats(last, all, vr)
	finding(t, findings, "With the baseline, the whole-system vacancy rate starts at "+fmt.Sprintf("%.1f%%", 100*start.Mean)+" in April 2025",
		fmt.Sprintf("by April 2028 its median is %.1f%% (90%% of runs: %.1f%% to %.1f%%)", 100*end.P50, 100*end.P05, 100*end.P95))

	for i := 1; i < len(c.Options); i++ {
		name := c.Names[i]
		p := c.PairIndex(i, 0)
		// The whole system.
		d := pairStats(c, p, last, all, "vacancy_rate_diff")
		require.Less(t, d.Mean, 0.0, "%s lowers the vacancy rate", name)
		better := pairStats(c, p, last, all, "prob_better")
		vac := pairStats(c, p, last, all, "vacancies_fte_diff")
		require.Less(t, vac.Mean, 0.0)
		s := finding(t, findings, name+" compared with the baseline: by April 2028 the whole-system vacancy rate is "+
			oneDecimal(100*d.Mean)+" percentage points lower",
			oneDecimal(vac.Mean)+" FTE fewer vacancies",
			"it is lower than the baseline's in "+percent(t, better.Mean)+" of runs")
		// The middle 90% of the paired differences, in either order.
		_, spread, _ := strings.Cut(s, "(90% of runs: ")
		spread, _, _ = strings.Cut(spread, ")")
		assert.Regexp(t, `^(from )?(`+regexp.QuoteMeta(oneDecimal(100*d.P05))+`|`+regexp.QuoteMeta(oneDecimal(100*d.P95))+`)( points (lower|higher))? to `, spread)
		assert.Contains(t, spread, oneDecimal(100*d.P05), "5th percentile")
		assert.Contains(t, spread, oneDecimal(100*d.P95), "95th percentile")

		// The profession and band with the largest effect, found here by brute force.
		best, bestMean := "", 0.0
		for g, grp := range r.Groups {
			if grp.Org != sim.All || grp.Prof == sim.All || grp.Band == sim.All {
				continue
			}
			st := pairStats(c, p, last, g, "vacancy_rate_diff")
			if math.Abs(st.Mean) > math.Abs(bestMean) {
				best = r.Model.Layout.Professions[grp.Prof].Name + ", Band " + workforce.Band(grp.Band).String()
				bestMean = st.Mean
			}
		}
		finding(t, findings, name+": the largest effect is on "+best+", whose vacancy rate is "+oneDecimal(100*bestMean)+" percentage points")

		// The target.
		below := c.BelowTargetStats(i, last, all)
		when := "does not fall below the 10% target"
		if m, ok := c.FirstMonthMedianBelow(i); ok {
			when = "first falls below the 10% target in " + monthWords(m)
		}
		finding(t, findings, "With "+name+", the median whole-system vacancy rate "+when,
			"the probability of being below it in April 2028 is "+prob(below.Mean))

		// Costs.
		extra := pairStats(c, p, last, all, "cost_cumulative_total_diff")
		years := pairStats(c, p, last, all, "vacancy_fte_years_diff")
		require.Greater(t, extra.Mean, 0.0, "%s costs more", name)
		require.Less(t, years.Mean, 0.0, "%s avoids vacancy-years", name)
		total := r.Stats(last, all, r.MetricIndex("cost_cumulative_total"))
		total = c.Options[i].Stats(last, all, r.MetricIndex("cost_cumulative_total"))
		per := extra.Mean / -years.Mean
		finding(t, findings, name+" costs "+money(extra.Mean)+" more than the baseline to April 2028 (total "+money(total.Mean),
			"avoids "+number(-years.Mean, 1)+" vacancy FTE-years (", "): "+money(per)+" per vacancy FTE-year avoided")
	}
	total := r.Stats(last, all, r.MetricIndex("cost_cumulative_total"))
	finding(t, findings, "With the baseline, the total cost from the start to April 2028, at 2025/26 prices, is "+money(total.Mean)+
		" (mean over runs; 90% of runs: "+money(total.P05)+" to "+money(total.P95)+")")
}

func TestFindingsSingleOption(t *testing.T) {
	c := single(t)
	findings := Findings(c)
	t.Log(strings.Join(findings, "\n"))
	r := c.Options[0]
	last := len(r.Dates) - 1
	vr := r.MetricIndex("vacancy_rate")
	end := r.Stats(last, r.GroupIndex("all", "all", "all"), vr)
	finding(t, findings, "The whole-system vacancy rate starts at",
		fmt.Sprintf("its median is %.1f%% (90%% of runs: %.1f%% to %.1f%%)", 100*end.P50, 100*end.P05, 100*end.P95))
	// The highest median rate of a profession and band.
	best, bestSt := "", summary.Stats{P50: math.Inf(-1)}
	for g, grp := range r.Groups {
		if grp.Org == sim.All && grp.Prof != sim.All && grp.Band != sim.All {
			if st := r.Stats(last, g, vr); st.P50 > bestSt.P50 {
				best, bestSt = r.Model.Layout.Professions[grp.Prof].Name+", Band "+workforce.Band(grp.Band).String(), st
			}
		}
	}
	finding(t, findings, fmt.Sprintf("The highest vacancy rate in April 2028 is for %s: median %.1f%%", best, 100*bestSt.P50))
	for _, f := range findings {
		assert.NotContains(t, f, "baseline", "a single option is not compared")
		assert.NotContains(t, f, "target", "no target was set")
	}
}

func TestFindingsIdenticalOption(t *testing.T) {
	// An option identical to the baseline differs by exactly zero in every
	// run (common random numbers), and the findings say so.
	opts := testOptions(t)
	same := opts[0]
	same.Name = "same"
	same.Model = testModel(t)
	c := compare(t, []sim.Option{opts[0], same}, sim.Settings{Runs: 50, Seed: 2})
	findings := Findings(c)
	t.Log(strings.Join(findings, "\n"))
	finding(t, findings, "same compared with the baseline: by April 2028 the whole-system vacancy rate is within 0.05 percentage points of the baseline's (90% of runs: no difference in any run)",
		"within 0.05 FTE of the baseline's vacancies", "lower than the baseline's in 0% of runs")
	finding(t, findings, "same costs the same as the baseline to April 2028", "no difference in any run", "avoids no vacancy FTE-years, so it has no cost per vacancy FTE-year avoided")
	for _, f := range findings {
		assert.NotContains(t, f, "largest effect")
	}
}

func TestSpread(t *testing.T) {
	pts := func(v float64) string { return points(v) }
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{-0.021, -0.003, "0.3 to 2.1 points lower"},
		{0.003, 0.021, "0.3 to 2.1 points higher"},
		{-0.021, 0.003, "from 2.1 points lower to 0.3 points higher"},
		{-0.0211, -0.0209, "2.1 points lower in every run"},
		{0, 0, "no difference in any run"},
	} {
		assert.Equal(t, tc.want, spread(tc.lo, tc.hi, pts, " points", "lower", "higher"), "%v to %v", tc.lo, tc.hi)
	}
}

func TestFormats(t *testing.T) {
	assert.Equal(t, "1,234,567.9", number(1234567.89, 1))
	assert.Equal(t, "-1,000", number(-999.6, 0))
	assert.Equal(t, "0", number(-0.2, 0))
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{-12345.5, "£12,300"}, {640.4, "£640"}, {999.4, "£999"}, {999.5, "£1,000"}, {63382, "£63,400"},
		{130073, "£130,000"}, {999499, "£999,000"}, {999500, "£1.0m"}, {715939156, "£715.9m"},
		{999.96e6, "£1.00bn"}, {2.345e9, "£2.35bn"}, {0, "£0"},
	} {
		assert.Equal(t, tc.want, money(tc.v), "%v", tc.v)
	}
	assert.Equal(t, "-£12,300", signedMoney(-12345.5))
	assert.Equal(t, "£0", signedMoney(-0.2), "no minus sign on nothing")
	assert.Equal(t, "-£1.5m", signedMoney(-1.5e6))
	assert.Equal(t, "less than 1%", prob(0.001))
	assert.Equal(t, "more than 99%", prob(0.996))
	assert.Equal(t, "100%", prob(1))
	assert.Equal(t, "0%", prob(0))
	assert.Equal(t, "97%", prob(0.97))
	assert.Equal(t, "10%", shortPct(0.1))
	assert.Equal(t, "12.5%", shortPct(0.125))
	assert.Equal(t, "April 2028", monthWords(workforce.NewMonth(2028, 4)))
}

// externalURL matches a URL that a browser could fetch.
var externalURL = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)

func TestHTMLSelfContained(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    *sim.Comparison
	}{{"multi", multi(t)}, {"single", single(t)}} {
		t.Run(tc.name, func(t *testing.T) {
			page, err := HTML(tc.c, testInfo)
			require.NoError(t, err)
			s := string(page)
			// The only URLs are the SVG namespaces, which are names, never fetched.
			rest := strings.NewReplacer(`xmlns="http://www.w3.org/2000/svg"`, "", `xmlns:xlink="http://www.w3.org/1999/xlink"`, "").Replace(s)
			assert.NotContains(t, rest, "http://")
			assert.NotContains(t, rest, "https://")
			assert.Empty(t, externalURL.FindAllString(rest, -1))
			lower := strings.ToLower(s)
			for _, bad := range []string{"<script", "<link", "<img", "<iframe", "<object", "<embed", "url(", "@import", "src=", "href=\"/", "<?xml"} {
				assert.NotContains(t, lower, bad)
			}
			figs, err := Figures(tc.c)
			require.NoError(t, err)
			shown := 0
			for _, f := range figs {
				heading := "h3" // a panel's own title is under its group's heading
				if f.Group != "" {
					heading = "h4"
				}
				title := `<` + heading + ` class="visually-hidden">` + template.HTMLEscapeString(f.Title) + "</" + heading + ">"
				if !ReportFigure(f) {
					assert.NotContains(t, s, title, "%s is left to plots/", f.Name)
					continue
				}
				shown++
				assert.Contains(t, s, title, f.Name)
			}
			assert.Greater(t, shown, 0)
			assert.Equal(t, shown, strings.Count(s, "<svg "), "one inline SVG per chart shown")
			assert.Contains(t, s, fmt.Sprintf("%d more charts", len(figs)-shown))
			for _, f := range figs {
				if f.Group != "" && ReportFigure(f) {
					assert.Equal(t, 1, strings.Count(s, template.HTMLEscapeString(f.Caption)), "%s: a group's caption is shown once", f.Name)
				}
			}
			for _, f := range Findings(tc.c) {
				assert.Contains(t, s, "<li>"+template.HTMLEscapeString(f)+"</li>")
			}
			if len(tc.c.Options) > 1 {
				assert.Contains(t, s, "Options compared")
				for i, name := range tc.c.Names {
					assert.Contains(t, s, template.HTMLEscapeString(name))
					assert.Contains(t, s, template.HTMLEscapeString(tc.c.Descs[i]))
				}
			} else {
				assert.NotContains(t, s, "Options compared", "one option is the scenario itself")
			}
			for _, want := range []string{"Test borough AHPs", testInfo.ScenarioSHA256, "0.1.0-test", "testdata/borough.yaml",
				"BHR staffing report, 12 months to June 2023", "200 Monte Carlo runs", "April 2025"} {
				assert.Contains(t, s, want)
			}
		})
	}
}

func TestHTMLDeterministic(t *testing.T) {
	// Two comparisons of the same job with different numbers of workers
	// give the same bytes, and so does a second call.
	a, err := HTML(compare(t, testOptions(t), sim.Settings{Runs: 100, Seed: 3, Workers: 1}), testInfo)
	require.NoError(t, err)
	c := compare(t, testOptions(t), sim.Settings{Runs: 100, Seed: 3, Workers: 2})
	b, err := HTML(c, testInfo)
	require.NoError(t, err)
	b2, err := HTML(c, testInfo)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, b), "workers change the report")
	assert.True(t, bytes.Equal(b, b2), "a second call changes the report")
}

func TestHTMLEscapesInputs(t *testing.T) {
	opts := testOptions(t)
	evil := `<script>alert("x")</script>`
	for _, o := range opts {
		o.Model.Name = "Borough " + evil
		o.Model.Description = "Description " + evil
	}
	opts[1].Description = evil
	c, err := sim.Compare(context.Background(), opts, sim.Settings{Runs: 20, Seed: 1}, sim.CompareSettings{})
	require.NoError(t, err)
	// sim.Compare refuses an option name that is not a key; the report
	// must still escape one set on the comparison afterwards.
	c.Names[1] = `premium<img src=x onerror=alert(1)>`
	info := testInfo
	info.Assumptions = []Assumption{{Label: evil, Value: evil, Source: `<a href="https://example.org">x</a>`}}
	page, err := HTML(c, info)
	require.NoError(t, err)
	s := strings.ToLower(string(page))
	assert.NotContains(t, s, "<script")
	assert.NotContains(t, s, "<img")
	assert.NotContains(t, s, `<a href="https://example.org"`)
	assert.Contains(t, s, "&lt;a href=")
	assert.Contains(t, s, "&lt;script&gt;")
}

// Warnings (such as a lever cut short) are listed, and pointed to from the
// key findings, so that a planner reads them with the results.
func TestHTMLShowsWarningsWithTheFindings(t *testing.T) {
	c := compare(t, testOptions(t), sim.Settings{Runs: 20, Seed: 1})
	page, err := HTML(c, testInfo)
	require.NoError(t, err)
	assert.NotContains(t, string(page), `href="#warnings"`, "no warnings, no pointer")

	c.Warnings = []string{`apprenticeship "appr": intake cut short in 3 of 20 runs`}
	page, err = HTML(c, testInfo)
	require.NoError(t, err)
	s := string(page)
	findings := s[strings.Index(s, `<section id="findings">`):]
	findings = findings[:strings.Index(findings, "</section>")]
	assert.Contains(t, findings, `One warning bears on these results`)
	assert.Contains(t, findings, `<a href="#warnings">Warnings</a>`)
	assert.Contains(t, s, `<h3 id="warnings">Warnings</h3>`)
	assert.Contains(t, s, `<p class="warning">apprenticeship &#34;appr&#34;: intake cut short in 3 of 20 runs</p>`)
	summary := s[strings.Index(s, `<section id="summary">`):]
	summary = summary[:strings.Index(summary, "</section>")]
	assert.Contains(t, summary, "<li>One warning bears on these results: see Warnings.</li>", "page one's caveats")

	c.Warnings = append(c.Warnings, "another")
	page, err = HTML(c, testInfo)
	require.NoError(t, err)
	assert.Contains(t, string(page), `2 warnings bear on these results`)
	assert.Contains(t, string(page), "<li>2 warnings bear on these results: see Warnings.</li>")
}
