package main

import (
	"context"
	"fmt"
	"io"

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
func findings(j *job, c *sim.Comparison) []string {
	return report.FindingsWith(c, report.Options{Suppress: j.suppress, Interval: j.interval})
}

// reportHTML writes report.html, with the scenario's assumptions.
func reportHTML(j *job, c *sim.Comparison) ([]byte, error) {
	return report.HTML(c, report.Info{
		ToolVersion:    ahpsim.Version,
		Source:         j.in.path,
		ScenarioSHA256: sha256Hex(j.in.data),
		Assumptions:    assumptions(j, c),
		Suppress:       j.suppress,
		Interval:       j.interval,
	})
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
