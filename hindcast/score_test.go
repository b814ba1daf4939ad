package hindcast

import (
	"context"
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

// TestScoreAgainstItself: a one-member projection of seed s scored
// against the synthetic history of seed s is perfect: no error, no bias;
// and its intervals cover nothing, as one member's central interval holds
// none of the observation's ranks, 0 or 1 (see coverage).
func TestScoreAgainstItself(t *testing.T) {
	ctx := context.Background()
	m := exampleModel(t, "bhr-baseline")
	const seed, months = 3, 12
	obs, err := Synth(ctx, m, seed, months)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Project(ctx, m, Settings{Runs: 1, Seed: seed, Months: months})
	if err != nil {
		t.Fatal(err)
	}
	scores, err := Score(p, obs)
	if err != nil {
		t.Fatal(err)
	}
	levels := map[Level]int{}
	for _, s := range scores {
		levels[s.Level]++
		if s.Measure == VacancyRate && s.Months == 0 {
			continue // no establishment
		}
		if s.Months != months || s.Bias != 0 || s.MAE != 0 || s.CRPS != 0 || s.Cover50 != 0 || s.Cover90 != 0 {
			t.Errorf("%+v: want %d months scored perfectly", s, months)
		}
	}
	n := len(m.Layout.Cells)
	if want := map[Level]int{LevelCell: 3 * n, LevelProfession: 3 * len(m.Layout.Professions), LevelSystem: 3}; levels[LevelCell] != want[LevelCell] || levels[LevelProfession] != want[LevelProfession] || levels[LevelSystem] != 3 {
		t.Errorf("scores per level %v, want %v", levels, want)
	}
}

// TestScoreByHand: a projection of three runs over two months, with
// values set by hand, against a hand-made history; the profession and the
// system add their cells up run by run.
func TestScoreByHand(t *testing.T) {
	m := exampleModel(t, "teaching")
	mm, _ := monthly(m, 2)
	p := newProjection(mm, Settings{Runs: 3})
	ot5, ot6 := -1, -1
	for c, cell := range p.Cells {
		switch {
		case cell.Prof == "occupational_therapist" && cell.Band.String() == "5":
			ot5 = c
		case cell.Prof == "occupational_therapist" && cell.Band.String() == "6":
			ot6 = c
		}
	}
	set := func(q quantity, k, c int, vs ...float64) { copy(p.value(q, k, c), vs) }
	for k := range 2 {
		set(qHeads, k, ot5, 10, 12, 14)
		set(qHeads, k, ot6, 20, 20, 26)
		set(qEstablishment, k, ot5, 10, 10, 10)
		set(qEstablishment, k, ot6, 10, 10, 10)
		set(qFTE, k, ot5, 9, 8, 7)
		set(qFTE, k, ot6, 10, 10, 10)
		set(qLeavers, k, ot5, 0, 1, 2)
	}
	tab := &history.Table{Source: "hand.csv", Columns: []history.Column{history.StaffHeads, history.StaffFTE, history.EstablishmentFTE, history.Leavers}}
	row := func(k int, band workforce.Band, heads, fte, est, leavers float64) {
		r := history.Row{Month: p.Months[k], Org: "riverside", Prof: "occupational_therapist", Band: band}
		for i := range r.Figures {
			r.Figures[i] = math.NaN()
		}
		r.Figures[history.StaffHeads], r.Figures[history.StaffFTE], r.Figures[history.EstablishmentFTE], r.Figures[history.Leavers] = heads, fte, est, leavers
		tab.Rows = append(tab.Rows, r)
	}
	row(0, workforce.Band5, 12, 9, 10, 1)
	row(0, workforce.Band6, 30, 10, 10, math.NaN()) // leavers unknown
	row(1, workforce.Band5, 16, 8, 10, 0)
	row(1, workforce.Band6, 22, 10, 10, 0)
	row(1, workforce.Band7, 0, 0, 12, 0) // no Band 7 row in month 0
	scores, err := Score(p, tab)
	if err != nil {
		t.Fatal(err)
	}
	find := func(prof, band string, m Measure) GroupScore {
		for _, s := range scores {
			if s.Prof == prof && s.Band == band && s.Measure == m {
				return s
			}
		}
		t.Fatalf("no score for %s/%s %s", prof, band, m)
		return GroupScore{}
	}
	const eps = 1e-12
	// OT Band 5 heads: ensemble {10, 12, 14}, observed 12 then 16.
	s := find("occupational_therapist", "5", StaffHeads)
	crps := (CRPS([]float64{10, 12, 14}, 12) + CRPS([]float64{10, 12, 14}, 16)) / 2
	if s.Months != 2 || math.Abs(s.Bias-(0+-4)/2.0) > eps || math.Abs(s.MAE-(0+4)/2.0) > eps || math.Abs(s.CRPS-crps) > eps ||
		math.Abs(s.Cover50-(1+0)/2.0) > eps || math.Abs(s.Cover90-(1+0)/2.0) > eps || s.Observed != 14 {
		t.Errorf("OT 5 heads: %+v", s)
	}
	// The profession is Bands 5, 6 and 7 (0 heads in every run); month 0
	// has no Band 7 row, so only month 1 is scored: runs 30, 32 and 40
	// against 38 observed.
	if s := find("occupational_therapist", "all", StaffHeads); s.Months != 1 || math.Abs(s.Bias - -4) > eps || s.MAE != 6 || s.Level != LevelProfession {
		t.Errorf("OT heads: %+v, want month 1 only, bias -4, MAE 6", s)
	}
	// OT Band 5 vacancy rate: runs (10-9)/10, (10-8)/10, (10-7)/10;
	// observed 0.1 then 0.2.
	s = find("occupational_therapist", "5", VacancyRate)
	// The mean and median are 0.2: bias and MAE (0.1 + 0)/2.
	if math.Abs(s.Bias-0.05) > eps || math.Abs(s.MAE-0.05) > eps {
		t.Errorf("OT 5 vacancy rate: %+v", s)
	}
	// Band 6 leavers are unknown in month 0: one month scored.
	if s := find("occupational_therapist", "6", Leavers); s.Months != 1 || s.Bias != 0 || s.CRPS != 0 {
		t.Errorf("OT 6 leavers: %+v", s)
	}
}

// TestScoreLeavesOutCellsNotRecorded: a cell the history has no row for
// is reported by Unscored and left out of the totals, which are still
// scored, over the cells recorded.
func TestScoreLeavesOutCellsNotRecorded(t *testing.T) {
	ctx := context.Background()
	m := exampleModel(t, "teaching")
	obs, err := Synth(ctx, m, 1, 13)
	if err != nil {
		t.Fatal(err)
	}
	var kept []history.Row
	for _, r := range obs.Rows {
		if r.Prof != "support_worker" || r.Band != workforce.Band3 {
			kept = append(kept, r)
		}
	}
	obs.Rows = kept
	p, err := Project(ctx, m, Settings{Runs: 1, Seed: 1, Months: 13})
	if err != nil {
		t.Fatal(err)
	}
	if u := p.Unscored(obs); len(u) != 1 || u[0] != (Cell{"riverside", "support_worker", workforce.Band3}) {
		t.Errorf("unscored %v, want support_worker band 3 only", u)
	}
	scores, err := Score(p, obs)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range scores {
		if s.Prof == "support_worker" && s.Band == "3" {
			t.Errorf("a score of the cell not recorded: %+v", s)
		}
		if s.Level != LevelCell && (s.Months != 13 || s.CRPS != 0) {
			t.Errorf("%+v: want 13 months, scored over the cells recorded (the same run: CRPS 0)", s)
		}
	}
}
