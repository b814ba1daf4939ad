package main

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/report"
	"github.com/ahpsim/ahpsim/workforce"
)

// assumptions lists, per profession, the starting staff and posts and the
// central values of the main rates, and each option's interventions, so
// that a reader of the report sees what the numbers rest on. Numbers are
// rounded for reading, options are named by their titles, an
// intervention's dates are its first and last months in force, and the
// source of each is the scenario's `source:` key or its comments there
// (scenario.File.Source), else the scenario file.
func assumptions(j *job, c *sim.Comparison) []report.Assumption {
	m := c.Options[0].Model
	file := j.in.file
	fallback := "scenario " + j.in.path
	type prof struct {
		heads            int
		est, leave, fill float64
		nLeave, nFill    int
	}
	by := map[int]*prof{}
	var order []int
	for i, cell := range m.Layout.Cells {
		p, ok := by[cell.Prof]
		if !ok {
			p = &prof{}
			by[cell.Prof] = p
			order = append(order, cell.Prof)
		}
		spec := m.Cells[i]
		p.heads += spec.Headcount
		p.est += spec.Establishment
		if spec.LeaverRate != workforce.NoParam {
			p.leave += m.Param(spec.LeaverRate).Mean()
			p.nLeave++
		}
		if spec.RecruitFill != workforce.NoParam {
			p.fill += m.Param(spec.RecruitFill).Mean()
			p.nFill++
		}
	}
	sort.Ints(order)
	var out []report.Assumption
	for _, pi := range order {
		p := by[pi]
		heads := fmt.Sprint(p.heads)
		if j.suppress && sim.SmallCount(float64(p.heads)) {
			heads = sim.SuppressMark
		}
		value := fmt.Sprintf("%s heads in post, %s FTE funded", heads, strconv.FormatFloat(p.est, 'f', 1, 64))
		if p.nLeave > 0 {
			value += fmt.Sprintf("; leaver rate %.1f%% a year (mean over bands)", 100*p.leave/float64(p.nLeave))
		}
		if p.nFill > 0 {
			value += fmt.Sprintf("; %.1f%% of vacancies filled a month", 100*p.fill/float64(p.nFill))
		}
		src := workforceSource(file, m.Layout.Professions[pi].Key)
		out = append(out, report.Assumption{Label: m.Layout.Professions[pi].Name, Value: value, Source: or(src, fallback)})
	}
	for i, o := range j.opts {
		label := "Every option"
		if i > 0 {
			label = optionTitle(o)
		}
		if i > 0 {
			for _, what := range addedMechanisms(j.opts[0].Model, o.Model) {
				out = append(out, report.Assumption{Label: label, Value: what, Source: or(file.Source(fmt.Sprintf("options[%d]", i-1)), fallback)})
			}
		}
		for _, iv := range o.Model.Interventions {
			if i > 0 && isBaselineIntervention(j.opts[0].Model, iv) {
				continue
			}
			src := interventionSource(file, i, iv.Name)
			out = append(out, report.Assumption{Label: label, Value: interventionWords(o.Model, iv), Source: or(src, fallback)})
		}
	}
	return out
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

func optionTitle(o sim.Option) string {
	if o.Title != "" {
		return o.Title
	}
	return o.Name
}

// workforceSource is the source of the first workforce entry of a
// profession, with the comment on its leaver rate.
func workforceSource(f *scenario.File, prof string) string {
	for k, g := range f.Workforce {
		if g.Profession != prof {
			continue
		}
		path := fmt.Sprintf("workforce[%d]", k)
		parts := []string{f.Source(path)}
		if c := f.Comment(path + ".leaver_rate"); c != "" {
			parts = append(parts, "Leaver rate: "+c)
		}
		return strings.TrimSpace(strings.Join(parts, " "))
	}
	return ""
}

// interventionSource is the source of option i's intervention (i = 0: the
// scenario's own), else the comment on its value, else the option's.
func interventionSource(f *scenario.File, i int, name string) string {
	list, prefix := f.Interventions, "interventions"
	if i > 0 && i-1 < len(f.Options) {
		list, prefix = f.Options[i-1].Interventions, fmt.Sprintf("options[%d].interventions", i-1)
	}
	for k, iv := range list {
		if iv.Name != name {
			continue
		}
		path := fmt.Sprintf("%s[%d]", prefix, k)
		if s := f.Source(path); s != "" {
			return s
		}
		if s := f.Comment(path + ".value"); s != "" {
			return s
		}
	}
	if i > 0 {
		return f.Source(fmt.Sprintf("options[%d]", i-1))
	}
	return ""
}

// interventionWords describes an intervention for a reader: "band6
// retention premium: leaver rate scaled by 0.8 (the mean of an uncertain
// value), from April 2025, building up over 6 months".
func interventionWords(m *workforce.Model, iv workforce.Intervention) string {
	d := m.Param(iv.Value)
	v := readable(d.Mean())
	if d.Kind != workforce.Fixed {
		v += " (the mean of an uncertain value)"
	}
	lever := strings.ReplaceAll(iv.Lever.String(), "_", " ")
	var what string
	switch iv.Mode {
	case workforce.Scale:
		what = lever + " scaled by " + v
	case workforce.Add:
		what = lever + " increased by " + v
	case workforce.Set:
		what = lever + " set to " + v
	default:
		what = lever + " " + iv.Mode.String() + " " + v
	}
	s := strings.ReplaceAll(iv.Name, "_", " ") + ": " + what
	switch {
	case iv.End != 0 && iv.End-1 == iv.Start:
		s += ", in " + monthName(iv.Start)
	case iv.End != 0:
		s += ", from " + monthName(iv.Start) + " to " + monthName(iv.End-1) // End is the first month after
	default:
		s += ", from " + monthName(iv.Start)
	}
	if iv.Profile != workforce.Step && iv.RampMonths > 0 {
		s += fmt.Sprintf(", building up over %d months", iv.RampMonths)
	}
	if iv.OneOffCost != workforce.NoParam {
		s += "; one-off cost " + pounds(m.Param(iv.OneOffCost).Mean())
	}
	if iv.AnnualCost != workforce.NoParam {
		s += "; " + pounds(m.Param(iv.AnnualCost).Mean()) + " a year"
	}
	return s
}

// readable writes a value to four significant figures, without float
// noise: 0.7999999999999999 is "0.8".
func readable(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	scale := math.Pow(10, 4-math.Ceil(math.Log10(math.Abs(v))))
	return strconv.FormatFloat(math.Round(v*scale)/scale, 'f', -1, 64)
}

// pounds writes whole pounds with thousands separators: "£1,300,000".
func pounds(v float64) string {
	s := strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-£" + b.String()
	}
	return "£" + b.String()
}

// monthName writes a month for people: "April 2025".
func monthName(m workforce.Month) string {
	return fmt.Sprintf("%s %d", time.Month(m.MonthOfYear()), m.Year())
}
