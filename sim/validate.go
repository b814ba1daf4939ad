package sim

import (
	"errors"
	"fmt"
	"math"
)

// MaxHorizonMonths is the longest horizon a model may have: 30 years.
const MaxHorizonMonths = 30 * 12

// Validate checks that a model is complete and consistent. Package scenario
// reports problems in a scenario file with their line numbers before it
// builds a Model; Validate is the engine's own guard, for models built in
// Go. It returns every problem found, joined.
func (m *Model) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if m.Layout == nil {
		return errors.New("sim: model has no layout")
	}
	switch m.StepMonths {
	case 1, 3, 12:
	default:
		bad("step is %d months (want 1, 3 or 12)", m.StepMonths)
	}
	if m.Steps < 1 || m.StepMonths > 0 && m.Steps*m.StepMonths > MaxHorizonMonths {
		bad("horizon is %d steps of %d months (want 1 step to %d months)", m.Steps, m.StepMonths, MaxHorizonMonths)
	}
	if m.ReportEvery < 1 {
		bad("report every %d steps (want >= 1)", m.ReportEvery)
	}
	for i, d := range m.Params {
		if err := d.check(); err != nil {
			bad("param %d: %v", i, err)
		}
	}
	param := func(id ParamID, optional bool, what string, lo, hi float64) {
		if id == NoParam && optional {
			return
		}
		if id < 0 || int(id) >= len(m.Params) {
			bad("%s: param %d out of range", what, id)
			return
		}
		if d := m.Params[id]; d.Min < lo || d.Max > hi {
			bad("%s: parameter range [%v, %v] is outside [%v, %v]", what, d.Min, d.Max, lo, hi)
		}
	}
	if len(m.Cells) != len(m.Layout.Cells) {
		bad("model has %d cell specs for %d layout cells", len(m.Cells), len(m.Layout.Cells))
		return errors.Join(errs...)
	}
	cell := func(i int, what string) bool {
		if i < 0 || i >= len(m.Cells) {
			bad("%s: cell %d out of range", what, i)
			return false
		}
		return true
	}
	exitMean := make([]float64, len(m.Cells))
	for i, c := range m.Cells {
		name := m.Layout.CellName(i)
		if c.Headcount < 0 {
			bad("%s: headcount %d is negative", name, c.Headcount)
		}
		if !(c.FTEPerHead > 0 && c.FTEPerHead <= 1) {
			bad("%s: FTE per head %v is outside (0, 1]", name, c.FTEPerHead)
		}
		if !(c.Establishment >= 0) || math.IsInf(c.Establishment, 0) {
			bad("%s: establishment %v is not a finite number >= 0", name, c.Establishment)
		}
		if c.InitialSpreadMonths < 0 {
			bad("%s: initial spread %d months is negative", name, c.InitialSpreadMonths)
		}
		param(c.LeaverRate, true, name+" leaver rate", 0, 1)
		param(c.RecruitFill, true, name+" recruitment fill probability", 0, 1)
		param(c.EstablishmentGrowth, true, name+" establishment growth", -1, math.Inf(1))
		if c.LeaverRate >= 0 && int(c.LeaverRate) < len(m.Params) {
			exitMean[i] += m.Params[c.LeaverRate].Mean()
		}
		if len(m.Destinations) > 0 {
			if len(c.DestinationShares) != len(m.Destinations) {
				bad("%s: %d destination shares for %d destinations", name, len(c.DestinationShares), len(m.Destinations))
			} else {
				sum := 0.0
				for _, s := range c.DestinationShares {
					if !(s >= 0 && s <= 1) {
						bad("%s: destination share %v is outside [0, 1]", name, s)
					}
					sum += s
				}
				if math.Abs(sum-1) > 1e-9 {
					bad("%s: destination shares sum to %v (want 1)", name, sum)
				}
			}
		}
	}
	for i, t := range m.Transitions {
		what := fmt.Sprintf("transition %d", i)
		if cell(t.From, what) && cell(t.To, what) {
			if t.From == t.To {
				bad("%s: from and to are the same cell %s", what, m.Layout.CellName(t.From))
			}
			param(t.Rate, false, what+" rate", 0, 1)
			if t.Rate >= 0 && int(t.Rate) < len(m.Params) {
				exitMean[t.From] += m.Params[t.Rate].Mean()
			}
		}
	}
	for i, s := range exitMean {
		if s > 1+1e-12 {
			bad("%s: annual exit rates (leaving plus transitions) sum to %v (want at most 1)", m.Layout.CellName(i), s)
		}
	}
	for i, p := range m.Promotions {
		what := fmt.Sprintf("promotion %d", i)
		if cell(p.From, what) && cell(p.To, what) {
			from, to := m.Layout.Cells[p.From], m.Layout.Cells[p.To]
			if next, ok := from.Band.Next(); !ok || next != to.Band || from.Org != to.Org || from.Prof != to.Prof {
				bad("%s: %s to %s is not a move to the next band of the same profession and organisation", what, m.Layout.CellName(p.From), m.Layout.CellName(p.To))
			}
		}
		if p.MinMonths < 0 || p.MinMonths > MaxHorizonMonths {
			bad("%s: minimum time in band %d months is outside [0, %d]", what, p.MinMonths, MaxHorizonMonths)
		}
		param(p.ApplyProb, false, what+" monthly apply probability", 0, 1)
	}
	for i, g := range m.Graduates {
		what := fmt.Sprintf("graduate cohort %d", i)
		cell(g.Cell, what)
		if g.Month < 1 || g.Month > 12 {
			bad("%s: month %d (want 1-12)", what, g.Month)
		}
		param(g.Size, false, what+" size", 0, math.Inf(1))
		param(g.Conversion, false, what+" conversion", 0, 1)
	}
	for i, n := range m.NewPosts {
		what := fmt.Sprintf("new posts %d", i)
		cell(n.Cell, what)
		param(n.FTE, false, what+" FTE", math.Inf(-1), math.Inf(1))
	}
	return errors.Join(errs...)
}
