package sim

import (
	"math"

	"github.com/ahpsim/ahpsim/workforce"
)

// levers holds the value of every quantity an intervention can change,
// per cell or per rule, as drawn for the run (base) and as in force this
// step (eff). A slot is one lever of one cell or rule; retirement has one
// slot per cell and age group.
type levers struct {
	offset [NumLevers]int
	size   [NumLevers]int
	base   []float64
	eff    []float64
	prev   []float64 // eff of the previous step, to tell when plans must be rebuilt
}

func newLevers(m *Model, ages int) *levers {
	l := &levers{}
	n := 0
	for lv := range NumLevers {
		size := m.ruleCount(lv)
		switch {
		case lv == LeverRetirementRate:
			size = len(m.Cells) * ages
		case lv.CellLever():
			size = len(m.Cells)
		}
		l.offset[lv], l.size[lv] = n, size
		n += size
	}
	l.base = make([]float64, n)
	l.eff = make([]float64, n)
	l.prev = make([]float64, n)
	return l
}

func (l *levers) slot(lv Lever, i int) int { return l.offset[lv] + i }

// get returns the value in force of lever lv for cell or rule i.
func (l *levers) get(lv Lever, i int) float64 { return l.eff[l.offset[lv]+i] }

// setBase records the run's value of a lever; NoParam reads as absent (-1
// marks "switched off" for optional levers that fall back to another).
func (l *levers) setBase(lv Lever, i int, v float64) { l.base[l.offset[lv]+i] = v }

// leverRange is the legal range of a lever's value after interventions.
func leverRange(lv Lever) (lo, hi float64) {
	switch lv {
	case LeverEstablishment, LeverGraduateSize, LeverStudentPlaces, LeverApprenticeIntake,
		LeverInternationalOffers, LeverReturners:
		return 0, math.Inf(1)
	}
	return 0, 1
}

// applyInterventions sets eff to base changed by every intervention in
// force in the step starting in month `month`, and reports whether any
// value differs from the previous step. Values marked absent (negative
// base) stay absent.
func (e *engine) applyInterventions(month workforce.Month) bool {
	l := e.lev
	copy(l.eff, l.base)
	for i := range e.m.Interventions {
		iv := &e.m.Interventions[i]
		f := iv.effect(month)
		if f == 0 || iv.Lever == LeverEstablishment {
			continue // establishment changes are applied in demand()
		}
		x := e.param[iv.Value]
		lo, hi := leverRange(iv.Lever)
		change := func(slot int) {
			if l.eff[slot] < 0 && iv.Lever != LeverEstablishment {
				return // absent: nothing to change
			}
			l.eff[slot] = math.Min(hi, math.Max(lo, iv.apply(l.eff[slot], x, f)))
		}
		switch {
		case iv.Lever == LeverRetirementRate:
			for _, c := range iv.Cells {
				for a := range e.A {
					change(l.slot(LeverRetirementRate, c*e.A+a))
				}
			}
		case iv.Lever.CellLever():
			for _, c := range iv.Cells {
				change(l.slot(iv.Lever, c))
			}
		default:
			for _, r := range iv.Rules {
				change(l.slot(iv.Lever, r))
			}
		}
	}
	changed := false
	for i, v := range l.eff {
		if v != l.prev[i] {
			changed = true
			break
		}
	}
	copy(l.prev, l.eff)
	return changed
}
