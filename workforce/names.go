package workforce

import (
	"fmt"
)

// Names that reach an output. The library checks them itself, with the
// rules package scenario applies to a file (CheckKey and
// CheckName, one definition for both), so that a model or option
// built in Go cannot write what a scenario file may not: an escape
// sequence to a terminal, invalid XML into an SVG, or a spreadsheet
// formula into summary.csv.

// checkNames reports names of the model no output may show. Keys of
// organisations, professions and leaver destinations are CSV columns and
// parts of file names, so they are keys; names for people (the model's,
// the organisations', professions', age groups', pipelines' and
// interventions', and the parameters') are printable text.
func (m *Model) checkNames(bad func(string, ...any)) {
	check := func(what string, err error) {
		if err != nil {
			bad("%s: %v", what, err)
		}
	}
	check("model name", CheckName(m.Name))
	check("model description", CheckDescription(m.Description))
	for i, o := range m.Layout.Organisations {
		check(fmt.Sprintf("organisation %d key", i), CheckKey(o.Key))
		check(fmt.Sprintf("organisation %d name", i), CheckName(o.Name))
	}
	for i, p := range m.Layout.Professions {
		check(fmt.Sprintf("profession %d key", i), CheckKey(p.Key))
		check(fmt.Sprintf("profession %d name", i), CheckName(p.Name))
	}
	for i, d := range m.Destinations {
		check(fmt.Sprintf("destination %d", i), CheckKey(d))
	}
	for i, g := range m.AgeGroups {
		check(fmt.Sprintf("age group %d name", i), CheckName(g.Name))
	}
	m.checkRuleNames(check)
	for i, p := range m.Params {
		check(fmt.Sprintf("param %d name", i), CheckName(p.Name))
	}
}

// checkRuleNames checks the names of the pipelines and interventions.
func (m *Model) checkRuleNames(check func(string, error)) {
	name := func(what string, i int, s string) {
		check(fmt.Sprintf("%s %d name", what, i), CheckName(s))
	}
	for i, a := range m.Apprenticeships {
		name("apprenticeship", i, a.Name)
	}
	for i, s := range m.Students {
		name("student programme", i, s.Name)
	}
	for i, r := range m.International {
		name("international recruitment", i, r.Name)
	}
	for i, r := range m.Returners {
		name("return to practice", i, r.Name)
	}
	for i, iv := range m.Interventions {
		name("intervention", i, iv.Name)
	}
}
