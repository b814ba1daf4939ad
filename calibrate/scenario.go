package calibrate

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/workforce"
)

// DefaultHorizonMonths is the horizon of a written scenario whose spec
// gives none: five years.
const DefaultHorizonMonths = 60

// ScenarioSpec is what WriteScenario writes: a starting state, the rates
// fitted (or none, for ahpsim init) and, optionally, a base scenario to
// keep everything else from.
type ScenarioSpec struct {
	Name          string // the scenario's name; without a base, required
	Source        string // the table's file, named in the comments
	Start         workforce.Month
	HorizonMonths int // 0: DefaultHorizonMonths (with a base: the base's)
	Orgs          []history.Organisation
	State         []CellState
	Fit           *Fit // nil for init: the rates are defaults, marked as assumptions
	// Base, when not nil, is a scenario file to keep: WriteScenario
	// replaces its start, its cells' starting state and their fitted
	// rates, and keeps the rest (see Edits and scenario.Override).
	Base     []byte
	BaseName string
}

// WriteScenario writes a complete scenario: one workforce entry per
// organisation and profession of the state, each band with its headcount,
// FTE per head and establishment, and its rates, every number with a
// comment saying where it comes from. It parses and compiles what it
// writes and writes nothing if that fails: it never writes an invalid
// scenario.
func WriteScenario(w io.Writer, spec ScenarioSpec) error {
	var (
		data []byte
		err  error
	)
	if spec.Base != nil {
		data, err = overrideBase(spec)
	} else {
		data, err = freshScenario(spec)
	}
	if err != nil {
		return err
	}
	if err := checkWritten(data); err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// checkWritten parses and compiles a written scenario, options included.
func checkWritten(data []byte) error {
	f, err := scenario.Parse("(written scenario)", data)
	if err == nil {
		_, err = f.CompileOptions()
	}
	if err != nil {
		return fmt.Errorf("calibrate: the scenario written is not valid, so it was not written:\n%w", err)
	}
	return nil
}

// horizonOf is the spec's horizon in months.
func horizonOf(spec ScenarioSpec) int {
	if spec.HorizonMonths > 0 {
		return spec.HorizonMonths
	}
	return DefaultHorizonMonths
}

// freshScenario writes a scenario with no base.
func freshScenario(spec ScenarioSpec) ([]byte, error) {
	if len(spec.State) == 0 {
		return nil, errors.New("calibrate: no cells to write a scenario of")
	}
	if spec.Name == "" {
		return nil, errors.New("calibrate: the scenario needs a name")
	}
	var b bytes.Buffer
	writeHeader(&b, spec)
	writeOrganisations(&b, spec)
	writeCustomRoles(&b, spec.State)
	c := newCellWriter(spec, horizonOf(spec))
	b.WriteString("\nworkforce:\n")
	for _, entry := range groupEntries(spec.State) {
		c.writeEntry(&b, entry)
	}
	return b.Bytes(), nil
}

func writeHeader(b *bytes.Buffer, spec ScenarioSpec) {
	how := "ahpsim init: the starting state of " + spec.Source + " and default rates"
	if spec.Fit != nil {
		how = fmt.Sprintf("ahpsim calibrate: the starting state of %s and the rates fitted to its months %s to %s", spec.Source, spec.Fit.From, spec.Fit.To)
	}
	fmt.Fprintf(b, "# Written by %s.\n", how)
	b.WriteString("# Every number says where it comes from; ASSUMPTION marks a number that is\n" +
		"# not from the table: check it. docs/from-data.md explains the comments.\n\n")
	fmt.Fprintf(b, "name: %s\n", strconv.Quote(spec.Name))
	fmt.Fprintf(b, "description: %s\n\n", strconv.Quote("Written from "+spec.Source+"."))
	b.WriteString("simulation:\n")
	fmt.Fprintf(b, "  start: %s             # the month after the starting state (%s)\n", spec.Start, spec.Start-1)
	fmt.Fprintf(b, "  horizon_months: %-10d # a choice: how far to project (ahpsim init --horizon-months)\n", horizonOf(spec))
	b.WriteString("  runs: 1000                 # Monte Carlo runs, the format's default\n" +
		"  seed: 1                    # any seed: the same seed gives the same results\n")
}

func writeOrganisations(b *bytes.Buffer, spec ScenarioSpec) {
	fmt.Fprintf(b, "\norganisations:              # as %s names them\n", spec.Source)
	for _, o := range orgsOf(spec) {
		name := cmp.Or(o.Name, o.Key)
		fmt.Fprintf(b, "  - {key: %s, name: %s}\n", o.Key, strconv.Quote(name))
	}
}

// orgsOf lists the spec's organisations, adding any of the state's that
// the spec does not name.
func orgsOf(spec ScenarioSpec) []history.Organisation {
	orgs := slices.Clone(spec.Orgs)
	for _, s := range spec.State {
		if !slices.ContainsFunc(orgs, func(o history.Organisation) bool { return o.Key == s.Org }) {
			orgs = append(orgs, history.Organisation{Key: s.Org})
		}
	}
	return orgs
}

// writeCustomRoles declares the professions that are not standard; a role
// with only support bands (2 to 4) is a support role.
func writeCustomRoles(b *bytes.Buffer, state []CellState) {
	support := map[string]bool{}
	var custom []string
	for _, s := range state {
		if _, ok := workforce.LookupProfession(s.Prof); ok {
			continue
		}
		if _, seen := support[s.Prof]; !seen {
			custom = append(custom, s.Prof)
			support[s.Prof] = true
		}
		support[s.Prof] = support[s.Prof] && s.Band.Support()
	}
	if len(custom) == 0 {
		return
	}
	b.WriteString("\ncustom_roles:               # professions of the table that are not standard AHPs\n")
	for _, p := range custom {
		fmt.Fprintf(b, "  - {key: %s, support: %t}\n", p, support[p])
	}
}

// entry is the cells of one organisation and profession.
type entry struct {
	org, prof string
	cells     []CellState
}

// groupEntries groups cells by organisation and profession, in the
// order of organisation, profession and band.
func groupEntries(state []CellState) []entry {
	sorted := slices.Clone(state)
	slices.SortFunc(sorted, func(a, b CellState) int {
		return cmp.Or(cmp.Compare(a.Org, b.Org), cmp.Compare(a.Prof, b.Prof), cmp.Compare(a.Band, b.Band))
	})
	var out []entry
	for _, s := range sorted {
		if n := len(out); n > 0 && out[n-1].org == s.Org && out[n-1].prof == s.Prof {
			out[n-1].cells = append(out[n-1].cells, s)
			continue
		}
		out = append(out, entry{s.Org, s.Prof, []CellState{s}})
	}
	return out
}

// writeEntry writes one workforce entry: its bands with their settings,
// then its promotion rules.
func (c *cellWriter) writeEntry(b *bytes.Buffer, e entry) {
	fmt.Fprintf(b, "  - organisation: %s\n    profession: %s\n    bands:\n", e.org, e.prof)
	var promotions []string
	for _, s := range e.cells {
		fmt.Fprintf(b, "      %s:\n", s.Band)
		for _, st := range append(c.stateSettings(s), c.rateSettings(s, true)...) {
			if strings.HasPrefix(st.Key, "promotion[") {
				promotions = append(promotions, fmt.Sprintf("      # %s\n      - {from: %s, monthly_apply: %s}\n", st.Comment, s.Band, st.Value))
				continue
			}
			writeSetting(b, "        ", st)
		}
	}
	if len(promotions) > 0 {
		b.WriteString("    promotion:\n" + strings.Join(promotions, ""))
	}
}

// writeSetting writes one key; a dotted key becomes a flow mapping
// ("recruitment.monthly_fill" as recruitment: {monthly_fill: ...}). A
// long comment goes on the line above, a short one after the value.
func writeSetting(b *bytes.Buffer, indent string, st setting) {
	line := st.Key + ": " + st.Value
	if outer, inner, ok := strings.Cut(st.Key, "."); ok {
		line = outer + ": {" + inner + ": " + st.Value + "}"
	}
	if len(indent)+len(line)+len(st.Comment) > 100 {
		fmt.Fprintf(b, "%s# %s\n%s%s\n", indent, st.Comment, indent, line)
		return
	}
	fmt.Fprintf(b, "%s%-26s # %s\n", indent, line, st.Comment)
}

// Assumptions summarises the numbers a spec's scenario takes from
// defaults rather than from the table (its ASSUMPTION comments), one line
// per key: how many bands, and the first band's reason.
func Assumptions(spec ScenarioSpec) []string {
	c := newCellWriter(spec, horizonOf(spec))
	count := map[string]int{}
	first := map[string]string{}
	var keys []string
	for _, s := range spec.State {
		for _, st := range append(c.stateSettings(s), c.rateSettings(s, spec.Base == nil)...) {
			why, ok := strings.CutPrefix(st.Comment, "ASSUMPTION: ")
			if !ok {
				continue
			}
			key := st.Key
			if strings.HasPrefix(key, "promotion[") {
				key = "promotion.monthly_apply"
			}
			if count[key] == 0 {
				keys = append(keys, key)
				first[key] = fmt.Sprintf("%s/%s band %s: %s", s.Org, s.Prof, s.Band, why)
			}
			count[key]++
		}
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = fmt.Sprintf("%s in %d of %d bands; first, %s", k, count[k], len(spec.State), first[k])
	}
	return out
}
