package hindcast

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// TestSynthIsRunZero: a synthetic history is run 0 of `ahpsim run` with
// the same seed, reported monthly, row M holding date M+1.
func TestSynthIsRunZero(t *testing.T) {
	ctx := context.Background()
	m := exampleModel(t, "bhr-baseline")
	const seed, months = 20240401, 12
	tab, err := Synth(ctx, m, seed, months)
	if err != nil {
		t.Fatal(err)
	}
	mm, _ := monthly(m, months)
	r, err := sim.Run(ctx, mm, sim.Settings{Runs: 1, Seed: seed, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(tab.Rows), (months+1)*len(m.Layout.Cells); got != want {
		t.Fatalf("%d rows, want %d (a row per cell for the start and each month)", got, want)
	}
	checked := 0
	for _, row := range tab.Rows {
		d := int(row.Month-m.Start) + 1
		g := r.GroupIndex(row.Org, row.Prof, row.Band.String())
		for _, o := range observations {
			if !tab.Has(o.col) {
				continue
			}
			mi := r.MetricIndex(string(o.metric))
			want := math.NaN()
			if st := r.Stats(d, g, mi); st.Defined() {
				want = st.Mean
			}
			if o.col == history.VacanciesFTE {
				want = math.Max(0, want)
			}
			got := row.Figures[o.col]
			if !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("%s %s/%s/%s %s = %v, want the run's %v at %s", row.Month, row.Org, row.Prof, row.Band, o.col, got, want, r.Dates[d])
			}
			checked++
		}
	}
	for _, c := range []history.Column{history.JoinersInternational, history.JoinersReturn, history.AgencyFTE} {
		if !tab.Has(c) {
			t.Errorf("the history has no %s, which bhr-baseline reports", c)
		}
	}
	t.Logf("%d figures checked", checked)
}

// TestSynthStartRowAndConservation: the first row is the scenario's
// starting staff with blank flows, and every month's flows are the ones
// that took the previous month's staff to this month's (one organisation,
// so the system's leavers are the sum of the cells').
func TestSynthStartRowAndConservation(t *testing.T) {
	m := exampleModel(t, "bhr-baseline")
	tab, err := Synth(context.Background(), m, 7, 24)
	if err != nil {
		t.Fatal(err)
	}
	heads := map[int]float64{}
	joiners := map[int]float64{}
	leavers := map[int]float64{}
	n := len(m.Layout.Cells)
	l := m.Layout
	for _, row := range tab.Rows {
		k := int(row.Month - m.Start)
		if k == -1 {
			i := l.Index(workforce.Cell{Org: l.OrgIndex(row.Org), Prof: l.ProfIndex(row.Prof), Band: row.Band})
			if want := float64(m.Cells[i].Headcount); row.Figures[history.StaffHeads] != want {
				t.Errorf("start row %s/%s: %v heads, want the scenario's %v", row.Prof, row.Band, row.Figures[history.StaffHeads], want)
			}
			if !math.IsNaN(row.Figures[history.Leavers]) || !math.IsNaN(row.Figures[history.Joiners]) {
				t.Errorf("start row %s/%s has flows: they happened before the start", row.Prof, row.Band)
			}
		}
		if v := row.Figures[history.VacanciesFTE]; v < 0 {
			t.Errorf("%s %s/%s: negative vacancies %v", row.Month, row.Prof, row.Band, v)
		}
		heads[k] += row.Figures[history.StaffHeads]
		joiners[k] += row.Figures[history.Joiners]
		leavers[k] += row.Figures[history.Leavers]
		if j := row.Figures[history.JoinersExternal] + row.Figures[history.JoinersGraduate] +
			row.Figures[history.JoinersInternational] + row.Figures[history.JoinersReturn]; k >= 0 && j != row.Figures[history.Joiners] {
			t.Errorf("%s %s/%s: joiners %v, sources add to %v", row.Month, row.Prof, row.Band, row.Figures[history.Joiners], j)
		}
	}
	if len(tab.Rows) != 25*n {
		t.Fatalf("%d rows, want %d", len(tab.Rows), 25*n)
	}
	moved := 0.0
	for k := range 24 {
		if got, want := heads[k], heads[k-1]+joiners[k]-leavers[k]; got != want {
			t.Errorf("month %d: %v heads, want %v + %v joiners - %v leavers = %v", k, got, heads[k-1], joiners[k], leavers[k], want)
		}
		moved += joiners[k] + leavers[k]
	}
	if moved < 100 {
		t.Errorf("only %v joiners and leavers in 24 months: the check above tests nothing", moved)
	}
}

func TestSynthErrors(t *testing.T) {
	m := exampleModel(t, "teaching")
	q := *m
	q.StepMonths, q.Steps = 3, 20
	if _, err := Synth(context.Background(), &q, 1, 12); err == nil || !strings.Contains(err.Error(), "steps 3 months at a time (want a monthly step") {
		t.Errorf("quarterly model: %v", err)
	}
	if _, err := Synth(context.Background(), m, 1, -1); err == nil || !strings.Contains(err.Error(), "-1 months (want 1 to 360)") {
		t.Errorf("0 months: %v", err)
	}
}
