package calibrate

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/ahpsim/ahpsim/scenario"
)

// overrideBase writes the spec over a base scenario: the base's start
// becomes the spec's, each cell of the state gets its starting state and
// rates (replacing the band's own; the entry's defaults stay for the bands
// the table does not have), and everything else is kept.
func overrideBase(spec ScenarioSpec) ([]byte, error) {
	name := cmp.Or(spec.BaseName, "base scenario")
	base, err := scenario.Parse(name, spec.Base)
	if err != nil {
		return nil, fmt.Errorf("the base scenario is not valid:\n%w", err)
	}
	horizon := spec.HorizonMonths
	if h := base.Simulation; h.HorizonMonths != nil {
		horizon = *h.HorizonMonths
	} else if h.HorizonYears != nil {
		horizon = 12 * *h.HorizonYears
	}
	if horizon <= 0 {
		horizon = DefaultHorizonMonths
	}
	c := newCellWriter(spec, horizon)
	c.retirementOff = retirementOff(base)
	edits := []scenario.Edit{{Key: "simulation.start", Value: spec.Start.String(),
		Comment: fmt.Sprintf("the month after the starting state (%s, %s)", spec.Start-1, spec.Source)}}
	for _, s := range spec.State {
		edits = append(edits, c.cellEdits(s)...)
	}
	return scenario.Override(name, spec.Base, edits)
}

// cellEdits are the edits of one cell: its settings, and the deletion of
// the keys that would clash with them (a band may not give both
// establishment_fte and vacancy_rate, nor both ways of giving its fill).
func (c *cellWriter) cellEdits(s CellState) []scenario.Edit {
	edit := func(key string) scenario.Edit {
		return scenario.Edit{Org: s.Org, Prof: s.Prof, Band: s.Band, Key: key}
	}
	var out []scenario.Edit
	for _, st := range append(c.stateSettings(s), c.rateSettings(s, false)...) {
		e := edit(st.Key)
		e.Value, e.Comment = st.Value, st.Comment
		switch st.Key {
		case "establishment_fte":
			del := edit("vacancy_rate")
			del.Delete = true
			out = append(out, del)
		case "recruitment.monthly_fill":
			del := edit("recruitment.time_to_fill_months")
			del.Delete = true
			out = append(out, del)
		case promotionKey(s.Band):
			e.Entry = true
		case "leaver_rate":
			if c.retirementOff != "" {
				off := edit("retirement_rates")
				off.Value = c.retirementOff
				off.Comment = "off: the fitted leaver rate counts every leaver, retirements included, as the table's leavers do"
				out = append(out, off)
			}
		}
		out = append(out, e)
	}
	return out
}

// retirementOff is the band setting that switches off the base's
// retirement rates (every age group at 0), or "" when the base has none.
// A band whose leaver rate is fitted needs it: the table's leavers count
// retirements too, so keeping the base's rates would count them twice.
func retirementOff(base *scenario.File) string {
	if len(base.AgeGroups) == 0 {
		return ""
	}
	var groups []string
	for _, g := range base.AgeGroups {
		groups = append(groups, g.Name+": 0")
	}
	return "{" + strings.Join(groups, ", ") + "}"
}
