package main

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/ahpsim/ahpsim"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/report"
	"github.com/ahpsim/ahpsim/workforce"
)

// defaultCompareExample is what `ahpsim compare` runs with no argument.
const defaultCompareExample = "bhr-options"

// cmdCompare runs the options of a scenario on common random numbers
// (see job.go) and, besides the run outputs, writes comparison.csv and
// report.html, with the adapters below.
func cmdCompare(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	return runJob(ctx, "compare", stdout, stderr, args)
}

// findings are the key findings in words.
func findings(c *sim.Comparison) []string { return report.Findings(c) }

// reportHTML writes report.html, with the scenario's assumptions.
func reportHTML(j *job, c *sim.Comparison) ([]byte, error) {
	return report.HTML(c, report.Info{
		ToolVersion:    ahpsim.Version,
		Source:         j.in.path,
		ScenarioSHA256: sha256Hex(j.in.data),
		Assumptions:    assumptions(j, c),
		Suppress:       j.suppress,
	})
}

// assumptions lists, per profession, the starting staff and posts and the
// central values of the main rates, and each option's interventions, so
// that a reader of the report sees what the numbers rest on.
func assumptions(j *job, c *sim.Comparison) []report.Assumption {
	m := c.Options[0].Model
	src := "scenario " + j.in.path
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
		value := fmt.Sprintf("%s heads in post, %.1f FTE funded", heads, p.est)
		if p.nLeave > 0 {
			value += fmt.Sprintf("; leaver rate %.1f%% a year (mean over bands)", 100*p.leave/float64(p.nLeave))
		}
		if p.nFill > 0 {
			value += fmt.Sprintf("; %.1f%% of vacancies filled a month", 100*p.fill/float64(p.nFill))
		}
		out = append(out, report.Assumption{Label: m.Layout.Professions[pi].Name, Value: value, Source: src})
	}
	for i, o := range j.opts {
		if i > 0 {
			for _, what := range addedMechanisms(j.opts[0].Model, o.Model) {
				out = append(out, report.Assumption{Label: "Option " + o.Name, Value: what, Source: src})
			}
		}
		for _, iv := range o.Model.Interventions {
			what := fmt.Sprintf("%s (%s of %s by %v from %s", iv.Name, iv.Mode, iv.Lever, o.Model.Param(iv.Value).Mean(), iv.Start)
			if iv.End != 0 {
				what += " to " + iv.End.String()
			}
			what += ")"
			label := "Intervention in every option"
			if i > 0 {
				label = "Option " + o.Name
			}
			if i > 0 && isBaselineIntervention(j.opts[0].Model, iv) {
				continue
			}
			out = append(out, report.Assumption{Label: label, Value: what, Source: src})
		}
	}
	return out
}

// addedMechanisms describes the rules an option adds to the baseline:
// those the baseline carries inert and the option does not.
func addedMechanisms(base, opt *workforce.Model) []string {
	var out []string
	for _, r := range base.Inert {
		if !opt.IsInert(r.List, r.Index) {
			out = append(out, "adds "+mechanismName(opt, r))
		}
	}
	return out
}

// mechanismName names one rule of a model for a reader.
func mechanismName(m *workforce.Model, r workforce.RuleRef) string {
	i := r.Index
	cell := func(c int) string { return readableCell(m.Layout, c) }
	switch r.List {
	case workforce.RulePromotions:
		p := m.Promotions[i]
		return "promotion from " + cell(p.From) + " to " + cell(p.To)
	case workforce.RuleGraduates:
		return "a graduate cohort into " + cell(m.Graduates[i].Cell)
	case workforce.RuleStudents:
		return "student programme " + m.Students[i].Name
	case workforce.RuleApprenticeships:
		return "apprenticeship " + m.Apprenticeships[i].Name
	case workforce.RuleInternational:
		return "international recruitment " + m.International[i].Name
	case workforce.RuleReturners:
		return "return to practice " + m.Returners[i].Name
	case workforce.RuleRotations:
		return "a rotation of " + cell(m.Rotations[i].Cell)
	case workforce.RuleTransitions:
		t := m.Transitions[i]
		return "moves from " + cell(t.From) + " to " + cell(t.To)
	}
	return fmt.Sprintf("rule %d", i)
}

// readableCell names a cell as a planner would: "Occupational therapist
// Band 5", with its organisation's name when there are several.
func readableCell(l *workforce.Layout, i int) string {
	c := l.Cells[i]
	name := l.Professions[c.Prof].Name + " Band " + c.Band.String()
	if len(l.Organisations) > 1 {
		name = l.Organisations[c.Org].Name + " " + name
	}
	return name
}

func isBaselineIntervention(base *workforce.Model, iv workforce.Intervention) bool {
	for _, b := range base.Interventions {
		if b.Name == iv.Name && b.Lever == iv.Lever && b.Start == iv.Start {
			return true
		}
	}
	return false
}
