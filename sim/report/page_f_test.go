package report

import (
	"fmt"
	"html/template"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/chart"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIntervalEightyUsesTenthAndNinetiethPercentiles(t *testing.T) {
	c := multi(t)
	r := c.Options[0]
	last, all, vr := len(r.Dates)-1, r.GroupIndex("all", "all", "all"), r.MetricIndex("vacancy_rate")
	i := r.Series(last, all, vr)
	p10, p90 := r.Table.Percentile(i, 0.1), r.Table.Percentile(i, 0.9)
	st := r.Stats(last, all, vr)
	require.Greater(t, p10, st.P05, "test data should separate the 5th and 10th percentiles")
	f80 := FindingsWith(c, Options{Interval: 0.8})
	finding(t, f80, fmt.Sprintf("its median is %s (80%% of runs: %s to %s)", pct(st.P50), pct(p10), pct(p90)))
	for _, f := range f80 {
		assert.NotContains(t, f, "90% of runs")
	}
	assert.Equal(t, Findings(c), FindingsWith(c, Options{Interval: 0.9}), "0.9 is the default")

	page, err := HTML(c, Info{Interval: 0.8})
	require.NoError(t, err)
	s := string(page)
	// The charts are package chart's (Options.Interval reaches them
	// through FiguresWith); the page's own words are checked here.
	words := regexp.MustCompile(`(?s)<svg.*?</svg>`).ReplaceAllString(s, "")
	assert.True(t, strings.Contains(words, "middle 80% of runs (10th to 90th percentile)"))
	assert.True(t, strings.Contains(words, pct(p10)+" to "+pct(p90)), "the tables use the interval")
	assert.False(t, strings.Contains(words, "90% of runs"), "no 90%% range outside the charts")
}

func TestPageOneAnswersPerOptionWithTitles(t *testing.T) {
	opts := testOptions(t)
	opts[1].Title = "Band 6 retention premium"
	c := compare(t, opts, sim.Settings{Runs: 200, Seed: 7, Workers: 2})
	page, err := HTML(c, testInfo)
	require.NoError(t, err)
	s := string(page)
	summary, _, ok := strings.Cut(s, `<nav aria-label="Contents">`)
	require.True(t, ok)
	assert.Contains(t, summary, "Which option brings the whole-system vacancy rate below the 10% target by April 2028, and at what cost?")
	assert.Equal(t, len(c.Options), strings.Count(summary, `<li><span class="sw"`), "one answer per option")
	for i := range c.Options {
		assert.Contains(t, summary, `<span class="sw" style="background:`+chart.OptionHex(i)+`"></span>`, "option %d's colour", i)
	}
	assert.Contains(t, summary, "<strong>Band 6 retention premium:</strong> vacancy rate ")
	assert.NotContains(t, summary, "retention_premium", "titles, not keys")
	assert.Contains(t, s, `<span class="sub">retention_premium</span>`, "the key is beside the title in the options table")
	assert.Contains(t, summary, "Caveats")
	assert.Contains(t, summary, "not forecast errors")
	for _, f := range Findings(c) {
		assert.NotContains(t, f, "retention_premium")
	}
	finding(t, Findings(c), "Band 6 retention premium compared with the baseline")
}

// TestRecommendationRule checks the three cases of the rule (see
// recommend): none likely to meet the target, the baseline meets it, and
// options meet it where the baseline does not.
func TestRecommendationRule(t *testing.T) {
	c := multi(t) // 10% target: every option is unlikely to meet it
	w := newWords(newView(c), 0)
	r, ok := w.recommend()
	require.True(t, ok)
	require.False(t, r.met)
	best, most := 0, -1.0
	for i := range c.Options {
		if p := c.BelowTargetStats(i, w.last, w.all).Mean; p > most {
			best, most = i, p
		}
	}
	assert.Equal(t, best, r.best, "with none at 50%%, the most likely is named")
	assert.Contains(t, w.recommendText(r), "No option is recommended")

	// A target every option meets in every run: the baseline needs no change.
	rerun := func(target float64) *sim.Comparison {
		cc, err := sim.Compare(t.Context(), testOptions(t), sim.Settings{Runs: 50, Seed: 7, Workers: 2}, sim.CompareSettings{Target: target, HasTarget: true})
		require.NoError(t, err)
		return cc
	}
	easy := rerun(0.99)
	w = newWords(newView(easy), 0)
	r, _ = w.recommend()
	assert.True(t, r.met)
	assert.Equal(t, 0, r.best)
	assert.Contains(t, w.recommendText(r), "No change is needed")

	// A target the baseline misses and both options meet: the lower cost
	// per vacancy FTE-year avoided wins. Find such a target between the
	// baseline's and the options' medians.
	end := func(cc *sim.Comparison, i int) float64 {
		r := cc.Options[i]
		return r.Stats(len(r.Dates)-1, r.GroupIndex("all", "all", "all"), r.MetricIndex("vacancy_rate")).P50
	}
	base, worst := end(easy, 0), max(end(easy, 1), end(easy, 2))
	require.Less(t, worst, base)
	for _, target := range []float64{worst + 0.02, worst + 0.01, (base + worst) / 2, base - 0.001} {
		cc := rerun(target)
		w = newWords(newView(cc), 0)
		probs := []float64{}
		for i := range cc.Options {
			probs = append(probs, cc.BelowTargetStats(i, w.last, w.all).Mean)
		}
		if probs[0] >= 0.5 || probs[1] < 0.5 || probs[2] < 0.5 {
			continue
		}
		r, _ = w.recommend()
		per1, _ := cc.CostPerVacancyYearAvoided(cc.PairIndex(1, 0), w.all)
		per2, _ := cc.CostPerVacancyYearAvoided(cc.PairIndex(2, 0), w.all)
		want := 1
		if per2 < per1 {
			want = 2
		}
		assert.True(t, r.met && r.cost)
		assert.Equal(t, want, r.best, "the cheaper per vacancy FTE-year avoided: %v against %v", per1, per2)
		assert.Contains(t, w.recommendText(r), "Recommended: "+w.title(want))
		return
	}
	t.Fatal("no target separates the baseline from both options in the test data")
}

func TestBandAndCostTables(t *testing.T) {
	c := multi(t)
	w := newWords(newView(c), 0)
	tables := w.bandTables()
	require.Len(t, tables, 1, "one organisation: by band only")
	band := tables[0]
	assert.Equal(t, "by-band", band.ID)
	r := c.Options[1]
	last, vr := len(r.Dates)-1, r.MetricIndex("vacancy_rate")
	require.Len(t, band.Rows, 3, "bands 5, 6 and 7")
	for k, b := range []string{"5", "6", "7"} {
		g := r.GroupIndex("all", "all", b)
		st := r.Stats(last, g, vr)
		assert.Equal(t, "Band "+b, band.Rows[k][0].Text)
		assert.Equal(t, pct(st.P50), band.Rows[k][2].Text, "option 1, band %s", b)
		assert.Equal(t, pct(st.P05)+" to "+pct(st.P95), band.Rows[k][2].Sub)
	}
	assert.Equal(t, chart.OptionHex(2), band.Head[3].Swatch)

	costs := w.costTables()
	require.Len(t, costs, 3, "cash, real terms, present value")
	for _, ct := range costs {
		years := c.CostsByYear(0)
		require.Len(t, ct.Rows, len(years)+1, "a row per year and a total")
		assert.Equal(t, years[0].Label, ct.Rows[0][0].Text)
		assert.Equal(t, "Total", ct.Rows[len(years)][0].Text)
	}
	total := c.Options[0].Stats(last, c.Options[0].GroupIndex("all", "all", "all"), r.MetricIndex("cost_cumulative_total")).Mean
	assert.Equal(t, money(total), costs[0].Rows[len(costs[0].Rows)-1][1].Text, "the years add up to the total to the horizon")

	value, ok := w.valueTable()
	require.True(t, ok)
	require.Len(t, value.Rows, 2)
	per, ok := c.CostPerVacancyYearAvoided(c.PairIndex(1, 0), w.all)
	require.True(t, ok)
	assert.Equal(t, signedMoney(per), value.Rows[0][3].Text)
}

func TestSVGHasTextAlternative(t *testing.T) {
	svg, err := inlineSVG([]byte(`<?xml version="1.0"?><svg width="10" height="6"><g/></svg>`), `Vacancy <rate> & "band"`)
	require.NoError(t, err)
	want := `<svg role="img" aria-label="Vacancy &lt;rate&gt; &amp; &#34;band&#34;" width="10" height="6"><title>Vacancy &lt;rate&gt; &amp; &#34;band&#34;</title><g/></svg>`
	assert.Equal(t, template.HTML(want), svg)
}

func TestByOrganisationTable(t *testing.T) {
	data, err := os.ReadFile("../../examples/bhr-rotations.yaml")
	require.NoError(t, err)
	f, err := scenario.Parse("bhr-rotations.yaml", data)
	require.NoError(t, err)
	opts, err := f.CompileOptions()
	require.NoError(t, err)
	s := f.SettingsFor(opts)
	s.Runs, s.Workers = 30, 2
	c, err := sim.Compare(t.Context(), opts, s, sim.CompareSettings{})
	require.NoError(t, err)
	w := newWords(newView(c), 0)
	tables := w.bandTables()
	require.Len(t, tables, 2, "by band and by organisation")
	org := tables[1]
	assert.Equal(t, "by-organisation", org.ID)
	layout := c.Options[0].Model.Layout
	require.Len(t, org.Rows, len(layout.Organisations))
	r := c.Options[0]
	last, vr := len(r.Dates)-1, r.MetricIndex("vacancy_rate")
	for k, o := range layout.Organisations {
		st := r.Stats(last, r.GroupIndex(o.Key, "all", "all"), vr)
		assert.Equal(t, o.Name, org.Rows[k][0].Text)
		assert.Equal(t, pct(st.P50), org.Rows[k][1].Text, o.Key)
	}
	assert.Len(t, org.Head, len(c.Options)+1)
}
