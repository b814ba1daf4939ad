package hindcast

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

var nan = math.NaN()

// observation is how one column of a synthetic history is read from the
// simulation: the metric, and whether it is a flow (unknown in the first
// row, the starting state).
type observation struct {
	col    history.Column
	metric sim.MetricName
	flow   bool
}

// observations are the columns Synth writes, in Column order; those whose
// metric the model does not report (joiners_international without
// international recruitment, agency_fte without agency cover) are left
// out. Joiners is the sum of the four sources, as sim's joiners is.
var observations = []observation{
	{history.StaffHeads, sim.InPostHC, false},
	{history.StaffFTE, sim.InPostFTE, false},
	{history.EstablishmentFTE, sim.EstablishmentFTE, false},
	{history.Leavers, sim.Leavers, true},
	{history.Joiners, sim.Joiners, true},
	{history.JoinersExternal, sim.JoinersExternal, true},
	{history.JoinersGraduate, sim.JoinersGraduate, true},
	{history.JoinersInternational, sim.JoinersInternational, true},
	{history.JoinersReturn, sim.JoinersReturn, true},
	{history.PromotionsIn, sim.Promotions, true},
	{history.VacanciesFTE, sim.VacanciesFTE, false},
	{history.AgencyFTE, sim.AgencyFTE, false},
}

// Synth simulates the history a trust would have recorded under model m:
// one Monte Carlo run (run 0 of master seed `seed`, so exactly the first
// run of `ahpsim run --seed seed`) over the given number of months from
// the model's start (0: its horizon), observed every month in every cell.
//
// The table's first row per cell is month Start-1: the starting state
// (the end of the month before the model starts), with stocks only, its
// flows blank. Then one row per cell for each month Start to
// Start+months-1: staff in post (heads and FTE), establishment and
// vacancies at the month's end, and leavers, joiners by source and
// promotions in the month. Leavers are the organisation's (leaving the
// system, or moving to another organisation); vacancies are establishment
// less staff in post FTE, 0 when overstaffed, as trusts report them.
func Synth(ctx context.Context, m *workforce.Model, seed uint64, months int) (*history.Table, error) {
	mm, err := monthly(m, months)
	if err != nil {
		return nil, err
	}
	reported := sim.MetricNames([]*workforce.Model{mm})
	var obs []observation
	var names []string
	for _, o := range observations {
		if slices.Contains(reported, string(o.metric)) {
			obs = append(obs, o)
			names = append(names, string(o.metric))
		}
	}
	r, err := runOne(ctx, mm, MemberSeed(seed, 0), names)
	if err != nil {
		return nil, err
	}
	return observe(r, obs)
}

// observe turns a one-run monthly result into a history table.
func observe(r *sim.Result, obs []observation) (*history.Table, error) {
	l := r.Model.Layout
	t := &history.Table{Source: fmt.Sprintf("synthetic history of %s", r.Model.Name)}
	for _, o := range l.Organisations {
		t.Organisations = append(t.Organisations, history.Organisation{Key: o.Key, Name: o.Name})
	}
	idx := make([]int, len(obs))
	for i, o := range obs {
		t.Columns = append(t.Columns, o.col)
		if idx[i] = r.MetricIndex(string(o.metric)); idx[i] < 0 {
			return nil, fmt.Errorf("hindcast: the run did not report %s", o.metric)
		}
	}
	for d, date := range r.Dates {
		for g, grp := range r.Groups {
			c := l.Cells[grp.Cells[0]]
			row := history.Row{Month: date - 1, Org: l.Organisations[c.Org].Key, Prof: l.Professions[c.Prof].Key, Band: c.Band}
			for k := range row.Figures {
				row.Figures[k] = nan
			}
			for i, o := range obs {
				if d == 0 && o.flow {
					continue
				}
				v := cellValue(r, d, g, idx[i])
				if o.col == history.VacanciesFTE {
					v = math.Max(0, v)
				}
				row.Figures[o.col] = v
			}
			t.Rows = append(t.Rows, row)
		}
	}
	sortRows(t.Rows)
	return t, nil
}

// sortRows sorts rows by month, organisation, profession and band.
func sortRows(rows []history.Row) {
	slices.SortStableFunc(rows, func(a, b history.Row) int {
		if a.Month != b.Month {
			return int(a.Month) - int(b.Month)
		}
		if c := strings.Compare(a.Org, b.Org); c != 0 {
			return c
		}
		if c := strings.Compare(a.Prof, b.Prof); c != 0 {
			return c
		}
		return int(a.Band) - int(b.Band)
	})
}
