package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// Assumption is one input a planner should see next to the results, e.g.
// {"Leaver rate, occupational therapists", "13% a year", "BHR staffing
// report, 12 months to June 2023"}.
type Assumption struct {
	Label, Value, Source string
}

// Info is what the report says about where the comparison came from. The
// zero value is valid; empty fields are shown as "not given".
type Info struct {
	ToolVersion    string // e.g. "0.1.0"
	Source         string // the scenario file or example, e.g. "examples/bhr-options.yaml"
	ScenarioSHA256 string // of the scenario file's bytes, hex
	Assumptions    []Assumption
	// Suppress hides counts of people from 1 to 4 (sim.SmallCount) and the
	// rates derived from them, by the NHS disclosure convention.
	Suppress bool
	// Interval is the share of runs in every range (0.8 or 0.9); 0 means
	// DefaultInterval.
	Interval float64
}

//go:embed report.html.tmpl
var pageSource string

// pageTemplate is parsed once; html/template escapes every value put into
// it, and the only unescaped markup is the charts' SVG (see inlineSVG).
var pageTemplate = template.Must(template.New("report").Parse(pageSource))

// HTML returns report.html: one self-contained page that prints on A4.
// Page one is the executive summary (the question, one sentence per
// option with its range, the recommendation when there is a target, the
// caveats); then the results at the horizon (vacancies, and costs),
// the vacancy rate by band and by organisation, the report's charts
// (ReportFigure; the others are in plots/), costs by financial year and
// value for money, the key findings, the options, the assumptions with
// their sources, the model settings and what is needed to reproduce the
// numbers. The page loads nothing (no scripts, fonts, images or style
// sheets; its Content-Security-Policy forbids any fetch), and its bytes
// depend only on c and info.
func HTML(c *sim.Comparison, info Info) ([]byte, error) {
	o := Options{Suppress: info.Suppress, Interval: info.Interval}
	figs, err := FiguresWith(c, o)
	if err != nil {
		return nil, err
	}
	v := newView(c)
	v.suppress = info.Suppress
	w := newWords(v, info.Interval)
	p := page{
		Name:        v.base.Model.Name,
		Description: v.base.Model.Description,
		Question:    w.question(),
		Findings:    FindingsWith(c, o),
		Horizon:     monthWords(v.horizon),
		Interval:    w.ofRuns(),
		Percentiles: w.percentiles(),
		Settings:    v.settings(),
		Assumptions: info.Assumptions,
		Warnings:    c.Warnings,
		Caveats:     w.caveats(len(c.Warnings)),
		Repro:       v.repro(info),
		Multi:       len(c.Options) > 1,
		Vacancies:   w.vacancyTable(),
		ByBand:      w.bandTables(),
		Costs:       w.costTables(),
	}
	if p.Name == "" {
		p.Name = "Unnamed scenario"
	}
	if r, ok := w.recommend(); ok {
		p.Recommendation = w.recommendText(r)
	}
	if t, ok := w.moneyTable(); ok {
		p.Money, p.PriceBase = &t, w.priceBase()
	}
	if t, ok := w.valueTable(); ok {
		p.Value = &t
	}
	for i := range c.Options {
		oc := w.optionCell(i)
		p.Options = append(p.Options, option{Name: oc.Text, Key: v.names[i], Swatch: oc.Swatch,
			Description: c.Descs[i], Baseline: i == 0, Answer: w.answer(i)})
	}
	p.Figures, p.OtherFigures, err = pageFigures(figs)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := pageTemplate.Execute(&out, p); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return out.Bytes(), nil
}

// ReportFigure reports whether report.html shows a figure: the
// whole-system vacancy rate, the change against the baseline, cost
// against vacancies avoided, and the vacancy rate by band (a figure whose
// group or name says vacancy and band). The others (by profession, staff
// by band, joiners and leavers) are in plots/ only, so that the report
// prints on about ten A4 pages.
func ReportFigure(f Figure) bool {
	key := f.Group
	if key == "" {
		key = f.Name
	}
	switch key {
	case "vacancy_rate_all", "vacancy_rate_difference", "cost_effectiveness":
		return true
	}
	return strings.Contains(key, "vacanc") && strings.Contains(key, "band")
}

// pageFigures renders the report's figures as inline SVG, the panels of a
// group together, and counts the figures left to plots/.
func pageFigures(figs []Figure) ([]figureGroup, int, error) {
	var groups []figureGroup
	others := 0
	for _, f := range figs {
		if !ReportFigure(f) {
			others++
			continue
		}
		var buf bytes.Buffer
		if err := f.Render("svg", &buf); err != nil {
			return nil, 0, err
		}
		alt := f.Alt
		if alt == "" {
			alt = f.Title
		}
		svg, err := inlineSVG(buf.Bytes(), alt)
		if err != nil {
			return nil, 0, fmt.Errorf("report: figure %s: %w", f.Name, err)
		}
		fig := figure{ID: "fig-" + f.Name, Title: f.Title, Caption: f.Caption, SVG: svg}
		if n := len(groups); f.Group != "" && n > 0 && groups[n-1].Group == f.Group {
			groups[n-1].Panels = append(groups[n-1].Panels, fig)
			continue
		}
		g := figureGroup{Group: f.Group, Panels: []figure{fig}}
		if f.Group != "" {
			// Panels share their heading and caption: shown once.
			g.ID, g.Title, g.Caption = "fig-"+f.Group, f.GroupTitle, f.Caption
		}
		groups = append(groups, g)
	}
	return groups, others, nil
}

// inlineSVG turns a rendered SVG document into markup for an HTML page: it
// drops the XML prolog and comment before <svg and labels the image for
// screen readers with its text alternative. The markup is trusted: package chart draws it, and the
// SVG writer escapes every text it draws (titles, legends and labels come
// from scenario files) with html.EscapeString.
func inlineSVG(doc []byte, title string) (template.HTML, error) {
	i := bytes.Index(doc, []byte("<svg"))
	if i < 0 {
		return "", fmt.Errorf("rendered SVG has no <svg> element")
	}
	s := string(doc[i:])
	s = `<svg role="img" aria-label="` + html.EscapeString(title) + `"` + strings.TrimPrefix(s, "<svg")
	// The text alternative is also the svg's <title>, its first child, for
	// readers that take the title rather than the label.
	if j := strings.Index(s, ">"); j >= 0 {
		s = s[:j+1] + "<title>" + html.EscapeString(title) + "</title>" + s[j+1:]
	}
	return template.HTML(strings.TrimSpace(s)), nil
}

// page is what the template shows.
type page struct {
	Name, Description, Question string
	Recommendation              string
	Multi                       bool
	Options                     []option
	Caveats                     []string
	Findings                    []string
	Horizon                     string
	PriceBase                   string // when the model has costs, e.g. "2024/25"
	Interval, Percentiles       string
	Vacancies                   table
	Money, Value                *table
	ByBand, Costs               []table
	Figures                     []figureGroup
	OtherFigures                int
	Settings                    []setting
	Assumptions                 []Assumption
	Warnings                    []string
	Repro                       []setting
}

type option struct {
	Name, Key, Swatch, Description, Answer string
	Baseline                               bool
}

type figure struct {
	ID, Title, Caption string
	SVG                template.HTML
}

// figureGroup is a figure alone (Group "") or the panels of a small
// multiple, with the heading and caption they share.
type figureGroup struct {
	Group, ID, Title, Caption string
	Panels                    []figure
}

type setting struct{ Label, Value string }

// settings are the model settings a reader needs beside the assumptions.
func (v *view) settings() []setting {
	m, s := v.base.Model, v.c.Settings
	names := func(n int, name func(int) string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = name(i)
		}
		return strings.Join(parts, ", ")
	}
	horizon := m.Steps * m.StepMonths
	out := []setting{
		{"Start", monthWords(m.Start)},
		{"Horizon", fmt.Sprintf("%d months, to %s", horizon, monthWords(m.Start+workforce.Month(horizon)))},
		{"Time step", stepWords(m.StepMonths)},
		{"Results reported", "Every " + plural(v.intervalMonths(), "month")},
		{"Runs", runsWords(s)},
		{"Seed", fmt.Sprint(s.Seed)},
		{"Organisations", names(len(m.Layout.Organisations), func(i int) string { return m.Layout.Organisations[i].Name })},
		{"Professions", names(len(m.Layout.Professions), func(i int) string { return m.Layout.Professions[i].Name })},
	}
	hc := v.stat(0, 0, v.all, "in_post_hc")
	ft := v.stat(0, 0, v.all, "in_post_fte")
	est := v.stat(0, 0, v.all, "establishment_fte")
	vr := v.stat(0, 0, v.all, "vacancy_rate")
	if hc.Defined() && ft.Defined() {
		heads := number(hc.Mean, 0)
		if v.suppress && sim.SmallCount(hc.Mean) {
			heads = sim.SuppressMark
		}
		out = append(out, setting{"Staff in post at the start", fmt.Sprintf("%s heads, %s FTE", heads, number(ft.Mean, 1))})
	}
	if est.Defined() {
		val := number(est.Mean, 1) + " FTE"
		if vr.Defined() {
			val += " (vacancy rate " + pct(vr.Mean) + ")"
		}
		out = append(out, setting{"Funded posts (establishment) at the start", val})
	}
	if v.c.Compare.HasTarget {
		out = append(out, setting{"Vacancy-rate target", shortPct(v.c.Compare.Target)})
	}
	return out
}

// repro is what an auditor needs to reproduce every number.
func (v *view) repro(info Info) []setting {
	s := v.c.Settings
	given := func(x string) string {
		if x == "" {
			return "not given"
		}
		return x
	}
	out := []setting{
		{"Tool", "ahpsim " + given(info.ToolVersion)},
		{"Scenario", given(info.Source)},
		{"Scenario SHA-256", given(info.ScenarioSHA256)},
		{"Seed", fmt.Sprint(s.Seed)},
		{"Runs", runsWords(s)},
	}
	if st := v.stat(0, v.last, v.all, "vacancy_rate"); v.montecarlo() && st.Defined() {
		out = append(out, setting{"Monte Carlo precision",
			fmt.Sprintf("%s percentage points: the standard error of the baseline's mean whole-system vacancy rate in %s over the runs",
				number(100*st.MCSE, 2), monthWords(v.horizon))})
	}
	return out
}

func runsWords(s sim.Settings) string {
	if s.Deterministic {
		return "1 (expected values: every random draw replaced by its mean)"
	}
	return number(float64(s.Runs), 0) + " Monte Carlo runs"
}

func stepWords(months int) string {
	switch months {
	case 1:
		return "Monthly"
	case 3:
		return "Quarterly"
	case 12:
		return "Annual"
	}
	return "Every " + plural(months, "month")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
