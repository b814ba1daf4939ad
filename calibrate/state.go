package calibrate

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

// StartState returns each cell's staffing at the END of month at: heads,
// FTE and establishment FTE as the table's row for that month gives them.
// A scenario that starts the month after (at+1) takes it as its starting
// state, so a table ending in 2025-03 gives a scenario starting 2025-04.
//
// Every cell the table has in a month up to at must have a row for at
// (a closed cell keeps its rows with staff_heads 0); a cell first seen
// after at is not part of the start. Each row needs staff_heads. The
// other figures, when blank or missing, are found thus:
//
//   - FTE: staff_fte; else heads (one FTE a head, the scenario format's
//     default), marked FTEAssumed.
//   - Establishment: establishment_fte; else FTE + vacancies_fte (the NHS
//     definition, vacancies = establishment - staff in post), marked
//     EstablishmentFromVac; else FTE, marked EstablishmentAssumed: the
//     scenario then starts with a vacancy rate of 0, an assumption its
//     comments say.
//
// Every problem is reported, each naming the table's file, the month and
// the cell.
func StartState(t *history.Table, at workforce.Month) ([]CellState, error) {
	if len(t.Rows) == 0 {
		return nil, fmt.Errorf("%s: the table has no rows", t.Source)
	}
	first, last := t.Rows[0].Month, t.Rows[len(t.Rows)-1].Month
	if at < first || at > last {
		return nil, fmt.Errorf("%s: no rows for %s (the table has %s to %s)", t.Source, at, first, last)
	}
	var (
		states []CellState
		errs   []error
	)
	lastSeen := lastMonthsUpTo(t, at)
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Month != at {
			continue
		}
		delete(lastSeen, stateKeyOf(r.Org, r.Prof, r.Band))
		s, err := stateOf(t.Source, r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		states = append(states, s)
	}
	for _, k := range sortedKeys(lastSeen) {
		errs = append(errs, fmt.Errorf("%s: %s/%s band %s has no row for %s (its last is %s; a cell that closed needs a row with staff_heads 0)",
			t.Source, k.org, k.prof, k.band, at, lastSeen[k]))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return states, nil
}

// stateOf reads one row's starting state.
func stateOf(source string, r *history.Row) (CellState, error) {
	s := CellState{Org: r.Org, Prof: r.Prof, Band: r.Band, Month: r.Month}
	heads, ok := r.Value(history.StaffHeads)
	if !ok {
		return s, fmt.Errorf("%s: %s %s/%s band %s: %s is blank (want the staff in post, heads, at the start)",
			source, r.Month, r.Org, r.Prof, r.Band, history.StaffHeads)
	}
	s.Heads = heads
	if s.FTE, ok = r.Value(history.StaffFTE); !ok {
		s.FTE, s.FTEAssumed = heads, true
	}
	if est, ok := r.Value(history.EstablishmentFTE); ok {
		s.EstablishmentFTE = est
	} else if vac, ok := r.Value(history.VacanciesFTE); ok {
		s.EstablishmentFTE, s.EstablishmentFromVac = max(s.FTE+vac, 0), true
	} else {
		s.EstablishmentFTE, s.EstablishmentAssumed = s.FTE, true
	}
	return s, nil
}

type stateCell struct {
	org, prof string
	band      workforce.Band
}

func stateKeyOf(org, prof string, b workforce.Band) stateCell { return stateCell{org, prof, b} }

// lastMonthsUpTo returns the last month up to at of every cell seen by
// then.
func lastMonthsUpTo(t *history.Table, at workforce.Month) map[stateCell]workforce.Month {
	seen := map[stateCell]workforce.Month{}
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Month <= at {
			seen[stateKeyOf(r.Org, r.Prof, r.Band)] = r.Month
		}
	}
	return seen
}

// sortedKeys returns the cells in the table's order: organisation,
// profession, band.
func sortedKeys(m map[stateCell]workforce.Month) []stateCell {
	keys := make([]stateCell, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b stateCell) int {
		return cmp.Or(cmp.Compare(a.org, b.org), cmp.Compare(a.prof, b.prof), cmp.Compare(a.band, b.band))
	})
	return keys
}
