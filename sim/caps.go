package sim

import (
	"fmt"
	"github.com/ahpsim/ahpsim/workforce"
	"math"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/sim/summary"
)

// A cap is a place where the engine does less than a lever asks: an
// apprentice intake limited by its funded places or by the support staff
// in post, student places limited by placement capacity, and an
// intervention whose result leaves its lever's range and is clamped. Each
// cap site records per run what was asked and what happened, so that the
// comparison can warn, with numbers, when a plan was cut short.
//
// Other limits are the model's rules rather than caps on a lever, and are
// reported as metrics: hires (recruits, graduates, promotions) are limited
// by vacancies (graduates_lost counts the graduates without a post).
// International offers and returners are never cut short.

type capKind int

const (
	capApprentice capKind = iota
	capStudent
	capClamp
)

// capSite is one place a cap can happen: apprenticeship or student
// programme `index`, or intervention `index` on its target (cell or rule)
// number `target` in its Cells or Rules.
type capSite struct {
	kind          capKind
	index, target int
}

// The values recorded per site and run. For apprentices and students:
// asked and got are the totals over the run, and reasonA/reasonB are 1
// when the first or second limit applied (apprentices: funded places,
// support staff in post; students: placement capacity). For a clamp:
// asked is the value furthest outside the lever's range and got the value
// it was clamped to.
const (
	capAsked = iota
	capGot
	capCapped
	capReasonA
	capReasonB
	capSeries
)

// capLimit bounds the recorded values so that they fit the summaries at
// capResolution; larger values are recorded as the limit.
const (
	capResolution = 1e-6
	capLimit      = 1e9
)

// capSites lists the cap sites of a model, and per intervention the index
// of its first clamp site (or -1).
func capSites(m *workforce.Model) (sites []capSite, ivFirst []int) {
	for i := range m.Apprenticeships {
		sites = append(sites, capSite{kind: capApprentice, index: i})
	}
	for i, s := range m.Students {
		if s.PlacementCapacity != workforce.NoParam {
			sites = append(sites, capSite{kind: capStudent, index: i})
		}
	}
	for i, iv := range m.Interventions {
		ivFirst = append(ivFirst, noIndex)
		if iv.Lever == workforce.LeverEstablishment {
			continue
		}
		n := len(iv.Rules)
		if iv.Lever.CellLever() {
			n = len(iv.Cells)
		}
		if n > 0 {
			ivFirst[i] = len(sites)
		}
		for t := range n {
			sites = append(sites, capSite{kind: capClamp, index: i, target: t})
		}
	}
	return sites, ivFirst
}

// capValue bounds a recorded value (see capLimit).
func capValue(v float64) float64 { return math.Max(-capLimit, math.Min(capLimit, v)) }

// capSlack is the relative shortfall of an intake that still counts as
// rounding rather than a cap.
const capSlack = 1e-9

// noteIntake records one step of a count site: asked, got, and which
// limits applied.
func (e *engine) noteIntake(site int, asked, got float64, reasonA, reasonB bool) {
	s := e.caps[site*capSeries : (site+1)*capSeries]
	s[capAsked] = capValue(s[capAsked] + asked)
	s[capGot] = capValue(s[capGot] + got)
	if got < asked-capSlack*math.Max(1, asked) {
		s[capCapped] = 1
		if reasonA {
			s[capReasonA] = 1
		}
		if reasonB {
			s[capReasonB] = 1
		}
	}
}

// noteClamp records that a lever's value `asked` was clamped to got, and
// keeps the furthest clamp of the run.
func (e *engine) noteClamp(site int, asked, got float64) {
	s := e.caps[site*capSeries : (site+1)*capSeries]
	asked, got = capValue(asked), capValue(got)
	if s[capCapped] == 0 || math.Abs(asked-got) > math.Abs(s[capAsked]-s[capGot]) {
		s[capAsked], s[capGot] = asked, got
	}
	s[capCapped] = 1
}

// newCapTable returns an empty table for a model's cap sites.
func newCapTable(sites int) *summary.Table {
	return summary.NewTable(slices.Repeat([]float64{capResolution}, sites*capSeries))
}

// CapWarnings describes, for every option, each lever that was cut short
// in some run: what, where, in how many runs and by how much (means over
// the runs). Compare adds them to Warnings; a merge of shards calls it
// once every shard is merged.
func (c *Comparison) CapWarnings() []string {
	var out []string
	for i, r := range c.Options {
		t := c.Caps[i]
		runs := t.Runs()
		if runs == 0 {
			continue
		}
		where := ""
		if len(c.Options) > 1 {
			where = fmt.Sprintf(" in option %q", c.Names[i])
		}
		for k, site := range c.capSites[i] {
			mean := func(j int) float64 { return t.Stats(k*capSeries + j).Mean }
			capped := int64(math.Round(mean(capCapped) * float64(runs)))
			if capped == 0 {
				continue
			}
			out = append(out, capWarning(r.Model, site, where, mean, capped, runs))
		}
	}
	return out
}

// capWarning words one capped site.
func capWarning(m *workforce.Model, site capSite, where string, mean func(int) float64, capped, runs int64) string {
	l := m.Layout
	count := func(j int) int64 { return int64(math.Round(mean(j) * float64(runs))) }
	switch site.kind {
	case capApprentice:
		a := m.Apprenticeships[site.index]
		var why []string
		if n := count(capReasonA); n > 0 {
			why = append(why, fmt.Sprintf("its %d funded places in %d", a.FundedPlaces, n))
		}
		if n := count(capReasonB); n > 0 {
			why = append(why, fmt.Sprintf("the support staff in post in %s in %d", l.CellName(a.From), n))
		}
		return fmt.Sprintf("apprenticeship %q%s: intake cut short in %d of %d runs (by %s): %s apprentices asked and %s started over the horizon (%s fewer; means over all runs)",
			a.Name, where, capped, runs, strings.Join(why, ", by "), FormatNumber(mean(capAsked), 1), FormatNumber(mean(capGot), 1),
			FormatNumber(mean(capAsked)-mean(capGot), 2))
	case capStudent:
		s := m.Students[site.index]
		return fmt.Sprintf("student programme %q%s: places cut short by placement capacity in %d of %d runs: %s places asked and %s taken up over the horizon (%s fewer; means over all runs)",
			s.Name, where, capped, runs, FormatNumber(mean(capAsked), 1), FormatNumber(mean(capGot), 1),
			FormatNumber(mean(capAsked)-mean(capGot), 2))
	}
	iv := m.Interventions[site.index]
	target := ""
	if iv.Lever.CellLever() {
		target = l.CellName(iv.Cells[site.target])
	} else {
		target = fmt.Sprintf("%s rule %d (into %s)", iv.Lever, iv.Rules[site.target], l.CellName(m.RuleTarget(iv.Lever, iv.Rules[site.target])))
	}
	// asked and got are 0 in the runs without a clamp: their means over
	// the clamped runs are the means over all runs scaled up.
	scale := float64(runs) / float64(capped)
	return fmt.Sprintf("intervention %q%s: %s of %s was clamped to its range in %d of %d runs: %s asked, %s applied (at the furthest, mean over the runs clamped)",
		iv.Name, where, iv.Lever, target, capped, runs, FormatNumber(mean(capAsked)*scale, 4), FormatNumber(mean(capGot)*scale, 4))
}
