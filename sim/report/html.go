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
}

//go:embed report.html.tmpl
var pageSource string

// pageTemplate is parsed once; html/template escapes every value put into
// it, and the only unescaped markup is the charts' SVG (see inlineSVG).
var pageTemplate = template.Must(template.New("report").Parse(pageSource))

// HTML returns report.html: one self-contained page with the scenario, its
// options, the key findings, a table of results at the horizon, every
// chart of Figures as inline SVG, the assumptions and model settings, and
// what is needed to reproduce the numbers. The page loads nothing (no
// scripts, fonts, images or style sheets; its Content-Security-Policy
// forbids any fetch), and its bytes depend only on c and info.
func HTML(c *sim.Comparison, info Info) ([]byte, error) {
	figs, err := FiguresWith(c, Options{Suppress: info.Suppress})
	if err != nil {
		return nil, err
	}
	v := newView(c)
	v.suppress = info.Suppress
	p := page{
		Name:        v.base.Model.Name,
		Description: v.base.Model.Description,
		Findings:    Findings(c),
		Horizon:     monthWords(v.horizon),
		Settings:    v.settings(),
		Assumptions: info.Assumptions,
		Warnings:    c.Warnings,
		Repro:       v.repro(info),
		Multi:       len(c.Options) > 1,
	}
	if p.Name == "" {
		p.Name = "Unnamed scenario"
	}
	for i, name := range v.names {
		p.Options = append(p.Options, option{Name: name, Description: c.Descs[i], Baseline: i == 0})
	}
	p.Results, p.Columns = v.results()
	for _, f := range figs {
		var buf bytes.Buffer
		if err := f.Render("svg", &buf); err != nil {
			return nil, err
		}
		svg, err := inlineSVG(buf.Bytes(), f.Title)
		if err != nil {
			return nil, fmt.Errorf("report: figure %s: %w", f.Name, err)
		}
		p.Figures = append(p.Figures, figure{ID: "fig-" + f.Name, Title: f.Title, Caption: f.Caption, SVG: svg})
	}
	var out bytes.Buffer
	if err := pageTemplate.Execute(&out, p); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return out.Bytes(), nil
}

// inlineSVG turns a rendered SVG document into markup for an HTML page: it
// drops the XML prolog and comment before <svg and labels the image for
// screen readers. The markup is trusted: package chart draws it, and the
// SVG writer escapes every text it draws (titles, legends and labels come
// from scenario files) with html.EscapeString.
func inlineSVG(doc []byte, title string) (template.HTML, error) {
	i := bytes.Index(doc, []byte("<svg"))
	if i < 0 {
		return "", fmt.Errorf("rendered SVG has no <svg> element")
	}
	s := string(doc[i:])
	s = `<svg role="img" aria-label="` + html.EscapeString(title) + `"` + strings.TrimPrefix(s, "<svg")
	return template.HTML(strings.TrimSpace(s)), nil
}

// page is what the template shows.
type page struct {
	Name, Description string
	Multi             bool
	Options           []option
	Findings          []string
	Horizon           string
	Columns           []string
	Results           [][]string
	Figures           []figure
	Settings          []setting
	Assumptions       []Assumption
	Warnings          []string
	Repro             []setting
}

type option struct {
	Name, Description string
	Baseline          bool
}

type figure struct {
	ID, Title, Caption string
	SVG                template.HTML
}

type setting struct{ Label, Value string }

// results is the table of every option at the horizon: a header and one
// row per option.
func (v *view) results() (rows [][]string, columns []string) {
	c := v.c
	mc := v.montecarlo()
	hasCost := v.base.MetricIndex("cost_cumulative_total") >= 0
	columns = []string{"Option", "Vacancy rate", "Vacancies (FTE)", "Staff in post (FTE)", "Funded posts (FTE)"}
	if mc {
		columns[1] = "Vacancy rate, median (90% of runs)"
	}
	if c.Compare.HasTarget {
		columns = append(columns, "Probability below the "+shortPct(c.Compare.Target)+" target")
	}
	if hasCost {
		columns = append(columns, "Total cost")
	}
	if hasCost && len(c.Options) > 1 {
		columns = append(columns, "Extra cost against the baseline", "Cost per vacancy FTE-year avoided")
	}
	dash := "–"
	for i := range c.Options {
		row := []string{v.names[i]}
		vr := v.stat(i, v.last, v.all, "vacancy_rate")
		switch {
		case !vr.Defined():
			row = append(row, dash)
		case mc:
			row = append(row, fmt.Sprintf("%s (%s to %s)", pct(vr.P50), pct(vr.P05), pct(vr.P95)))
		default:
			row = append(row, pct(vr.Mean))
		}
		for _, m := range []string{"vacancies_fte", "in_post_fte", "establishment_fte"} {
			st := v.stat(i, v.last, v.all, m)
			if st.Defined() {
				row = append(row, number(st.Mean, 1))
			} else {
				row = append(row, dash)
			}
		}
		if c.Compare.HasTarget {
			st := c.BelowTargetStats(i, v.last, v.all)
			if st.Defined() {
				row = append(row, prob(st.Mean))
			} else {
				row = append(row, dash)
			}
		}
		if hasCost {
			row = append(row, money(v.stat(i, v.last, v.all, "cost_cumulative_total").Mean))
		}
		if hasCost && len(c.Options) > 1 {
			if i == 0 {
				row = append(row, dash, dash)
			} else {
				p := c.PairIndex(i, 0)
				row = append(row, signedMoney(v.pair(p, v.last, v.all, "cost_cumulative_total_diff").Mean))
				if per, ok := c.CostPerVacancyYearAvoided(p, v.all); ok {
					row = append(row, signedMoney(per))
				} else {
					row = append(row, "none avoided")
				}
			}
		}
		rows = append(rows, row)
	}
	return rows, columns
}

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
