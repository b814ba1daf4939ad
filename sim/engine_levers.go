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
	offset [workforce.NumLevers]int
	size   [workforce.NumLevers]int
	base   []float64
	eff    []float64
	prev   []float64 // eff of the previous step, to tell when plans must be rebuilt
	// For steps of several months (see applyInterventions): the values in
	// one month, the sum of their differences from the step's first month,
	// and the slots used in one month of the year only.
	month   []float64
	diff    []float64
	events  []eventSlot
	windows []windowSlot
	// campaign0 is, per international recruitment, the lever index of its
	// first campaign (campaigns are numbered through the recruitments).
	campaign0 []int
}

// windowSlot is a monthly lever slot used only in months from..until-1
// (zero bounds are open): the monthly offers of an international
// recruitment, returners, a monthly apprentice intake within its years. In
// a step of several months it counts as 0 in the months outside, so that
// the step's mean times the step length is the total over the months in
// the window. (Monthly steps check the window where the lever is used.)
type windowSlot struct {
	slot        int
	from, until workforce.Month
}

// eventSlot is a lever slot used once a year, in month-of-year month (an
// intake or a cohort): in a step of several months it takes its value in
// that month, not the step's mean. val holds it once found in the step.
type eventSlot struct {
	slot, month int
	val         float64
	found       bool
}

func newLevers(m *workforce.Model, ages int) *levers {
	l := &levers{}
	n := 0
	for lv := range workforce.NumLevers {
		size := m.RuleCount(lv)
		switch {
		case lv == workforce.LeverRetirementRate:
			size = len(m.Cells) * ages
		case lv.CellLever():
			size = len(m.Cells)
		}
		l.offset[lv], l.size[lv] = n, size
		n += size
	}
	k := 0
	for _, r := range m.International {
		l.campaign0 = append(l.campaign0, k)
		k += len(r.Campaigns)
	}
	l.base = make([]float64, n)
	l.eff = make([]float64, n)
	l.prev = make([]float64, n)
	if m.StepMonths > 1 {
		l.month = make([]float64, n)
		l.diff = make([]float64, n)
		l.events = eventSlots(m, l)
		l.windows = windowSlots(m, l)
	}
	return l
}

// windowSlots lists the slots of monthly levers used within a window.
func windowSlots(m *workforce.Model, l *levers) []windowSlot {
	var w []windowSlot
	for i, a := range m.Apprenticeships {
		if a.Month == 0 && (a.FirstYear != 0 || a.LastYear != 0) {
			w = append(w, windowSlot{l.slot(workforce.LeverApprenticeIntake, i), yearStart(a.FirstYear), yearEnd(a.LastYear)})
		}
	}
	for i, r := range m.International {
		if r.From != 0 || r.Until != 0 {
			w = append(w, windowSlot{l.slot(workforce.LeverInternationalOffers, i), r.From, r.Until})
		}
	}
	for i, r := range m.Returners {
		if r.From != 0 || r.Until != 0 {
			w = append(w, windowSlot{l.slot(workforce.LeverReturners, i), r.From, r.Until})
		}
	}
	return w
}

// maskWindows sets to 0 the windowed slots of out whose window does not
// hold month mo (absent values stay absent).
func (l *levers) maskWindows(mo workforce.Month, out []float64) {
	for _, w := range l.windows {
		if out[w.slot] > 0 && !inWindow(w.from, w.until, mo) {
			out[w.slot] = 0
		}
	}
}

// eventSlots lists the slots of levers used in one month of the year:
// yearly apprenticeship intakes, student intakes and graduate cohorts.
func eventSlots(m *workforce.Model, l *levers) []eventSlot {
	var ev []eventSlot
	for i, a := range m.Apprenticeships {
		if a.Month > 0 {
			ev = append(ev, eventSlot{slot: l.slot(workforce.LeverApprenticeIntake, i), month: a.Month})
		}
	}
	for i, s := range m.Students {
		ev = append(ev, eventSlot{slot: l.slot(workforce.LeverStudentPlaces, i), month: s.IntakeMonth})
	}
	for i, g := range m.Graduates {
		ev = append(ev,
			eventSlot{slot: l.slot(workforce.LeverGraduateSize, i), month: g.Month},
			eventSlot{slot: l.slot(workforce.LeverGraduateConversion, i), month: g.Month})
	}
	// A placement capacity caps the intake of its month; a campaign's
	// offers are made in its month (steps are at most a year, so the
	// month of the year finds it within the step).
	for i, s := range m.Students {
		ev = append(ev, eventSlot{slot: l.slot(workforce.LeverPlacementCapacity, i), month: s.IntakeMonth})
	}
	k := 0
	for _, r := range m.International {
		for _, c := range r.Campaigns {
			ev = append(ev, eventSlot{slot: l.slot(workforce.LeverCampaignOffers, k), month: c.Month.MonthOfYear()})
			k++
		}
	}
	return ev
}

func (l *levers) slot(lv workforce.Lever, i int) int { return l.offset[lv] + i }

// get returns the value in force of lever lv for cell or rule i.
func (l *levers) get(lv workforce.Lever, i int) float64 { return l.eff[l.offset[lv]+i] }

// setBase records the run's value of a lever; NoParam reads as absent (-1
// marks "switched off" for optional levers that fall back to another).
func (l *levers) setBase(lv workforce.Lever, i int, v float64) { l.base[l.offset[lv]+i] = v }

// applyInterventions sets eff to the levers in force in the step starting
// in month first, and reports whether any value differs from the previous
// step. In a step of one month that is base changed by every intervention
// in force in that month. In a step of several months it is the mean over
// the step's months of those monthly values, so that an intervention in
// force for part of a step acts for that part (docs/model.md, step 0);
// a lever used in one month of the year takes that month's value, and a
// monthly lever used within a window counts only its months (windowSlot).
func (e *engine) applyInterventions(first workforce.Month) bool {
	l := e.lev
	if n := e.m.StepMonths; n == 1 {
		e.leversAt(first, l.eff)
	} else {
		e.leversOverStep(first, n)
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

// leversOverStep sets eff to the mean of the monthly lever values over
// the n months from first, computed as the first month's value plus the
// mean difference from it, so that a value constant over the step is kept
// exactly.
func (e *engine) leversOverStep(first workforce.Month, n int) {
	l := e.lev
	e.leversAt(first, l.eff)
	l.maskWindows(first, l.eff)
	clear(l.diff)
	for j := range l.events {
		ev := &l.events[j]
		ev.found = ev.month == first.MonthOfYear()
		ev.val = l.eff[ev.slot]
	}
	for k := 1; k < n; k++ {
		mo := first + workforce.Month(k)
		e.leversAt(mo, l.month)
		l.maskWindows(mo, l.month)
		for i, v := range l.month {
			l.diff[i] += v - l.eff[i]
		}
		for j := range l.events {
			if ev := &l.events[j]; ev.month == mo.MonthOfYear() {
				ev.found, ev.val = true, l.month[ev.slot]
			}
		}
	}
	for i, d := range l.diff {
		if d != 0 {
			l.eff[i] += d / float64(n)
		}
	}
	for _, ev := range l.events {
		if ev.found {
			l.eff[ev.slot] = ev.val
		}
	}
}

// leversAt writes into out the levers in force in month mo: base changed
// by every intervention in force then, in order. Values marked absent
// (negative base) stay absent.
func (e *engine) leversAt(mo workforce.Month, out []float64) {
	l := e.lev
	copy(out, l.base)
	for i := range e.m.Interventions {
		iv := &e.m.Interventions[i]
		f := iv.Effect(mo)
		if f == 0 || iv.Lever == workforce.LeverEstablishment {
			continue // establishment changes are applied in demand()
		}
		x := e.param[iv.Value]
		lo, hi := iv.Lever.Range()
		site := e.capIv[i] // of target 0; target j is site + j
		change := func(slot, target int) {
			if out[slot] < 0 {
				return // absent: nothing to change
			}
			v := iv.Apply(out[slot], x, f)
			out[slot] = math.Min(hi, math.Max(lo, v))
			if out[slot] != v {
				e.noteClamp(site+target, v, out[slot])
			}
		}
		switch {
		case iv.Lever == workforce.LeverRetirementRate:
			for j, c := range iv.Cells {
				for a := range e.numAges {
					change(l.slot(workforce.LeverRetirementRate, c*e.numAges+a), j)
				}
			}
		case iv.Lever.CellLever():
			for j, c := range iv.Cells {
				change(l.slot(iv.Lever, c), j)
			}
		default:
			for j, r := range iv.Rules {
				change(l.slot(iv.Lever, r), j)
			}
		}
	}
}
