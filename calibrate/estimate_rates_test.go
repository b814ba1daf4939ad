package calibrate

import (
	"math"
	"slices"
	"testing"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

// handTableE is four months of a Band 5 cell (0.8 FTE a head) and the Band
// 6 cell above it, with figures chosen so that each estimator's exposure
// can be worked out by hand (TestExposuresByHand).
func handTableE() *history.Table {
	type fig struct{ heads, fte, est, leavers, external, graduate, promoted float64 }
	b5 := []fig{
		{10, 8, 10, 0, 0, 0, 0},
		{11, 8.8, 10.4, 1, 2, 1, 0},
		{11, 8.8, 10.5, 0, 0, 0, 0},
		{12, 9.6, 8.8, 0, 1, 0, 0},
	}
	b6 := []fig{{5, 5, 5, 0, 0, 0, 0}, {5, 5, 5, 1, 0, 0, 1}, {5, 5, 5, 0, 0, 0, 0}, {5, 5, 5, 0, 0, 0, 0}}
	t := &history.Table{Source: "hand", Columns: []history.Column{history.StaffHeads, history.StaffFTE,
		history.EstablishmentFTE, history.Leavers, history.JoinersExternal, history.JoinersGraduate,
		history.PromotionsIn, history.VacanciesFTE}}
	for m := range 4 {
		for _, c := range []struct {
			band workforce.Band
			f    fig
		}{{workforce.Band5, b5[m]}, {workforce.Band6, b6[m]}} {
			t.Rows = append(t.Rows, history.Row{Month: workforce.NewMonth(2024, 1) + workforce.Month(m), Org: "a",
				Prof: "physiotherapist", Band: c.band, Figures: figsE(map[history.Column]float64{
					history.StaffHeads: c.f.heads, history.StaffFTE: c.f.fte, history.EstablishmentFTE: c.f.est,
					history.Leavers: c.f.leavers, history.JoinersExternal: c.f.external, history.JoinersGraduate: c.f.graduate,
					history.PromotionsIn: c.f.promoted, history.VacanciesFTE: c.f.est - c.f.fte})})
		}
	}
	return t
}

// TestExposuresByHand checks each rate's exposure and count against the
// figures worked out by hand from docs/calibration.md.
//
// Band 5's monthly fill, by month (h = 0.8 FTE):
//   - February: vacancies 2 at the start plus 0.4 FTE of growth, plus a
//     leaver and a promotion out less a graduate joiner (1 head, 0.8 FTE):
//     3.2 FTE, 4 posts; 2 external recruits.
//   - March: 1.6 FTE vacant plus 0.1 of growth: 1.7 FTE, 2 whole posts and
//     a part-time post of 0.1 FTE: 3 posts; no recruit.
//   - April: the establishment falls to 8.8 FTE, no vacancy, but 1 recruit:
//     the month had at least that post: 1 post.
//
// So 8 vacant post-months and 3 recruits. Its leaver rate: the mean heads
// 10 (January starts with its end heads, no leavers or joiners), 10.5, 11,
// 11.5 over 12: 86/24 headcount-years, 1 leaver. Its promotion: heads who
// could apply 10, 10 - 1, 11, 11: 41 head-months, 1 promoted into Band 6.
func TestExposuresByHand(t *testing.T) {
	fit, err := FitTable(handTableE(), FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b5 := cellKey{"a", "physiotherapist", workforce.Band5}
	for _, c := range []struct {
		p               Param
		exposure, count float64
	}{{MonthlyFill, 8, 3}, {LeaverRate, 86.0 / 24, 1}, {PromotionApply, 41, 1}} {
		e := estimateOf(t, fit, b5, c.p)
		if math.Abs(e.Exposure-c.exposure) > 1e-12 || e.Count != c.count || math.Abs(e.Raw-c.count/c.exposure) > 1e-12 {
			t.Errorf("%s: exposure %v, count %v, raw %v; want %v, %v", c.p, e.Exposure, e.Count, e.Raw, c.exposure, c.count)
		}
	}
	if _, ok := findEstimate(fit, cellKey{"a", "physiotherapist", workforce.Band6}, PromotionApply); ok {
		t.Error("Band 6 has no band above in the table, but got a promotion estimate")
	}
	fte := estimateOf(t, fit, b5, FTEPerHead)
	if math.Abs(fte.Mean-0.8) > 1e-12 || math.Abs(fte.Lower-0.8) > 1e-12 || math.Abs(fte.Upper-0.8) > 1e-12 {
		t.Errorf("fte_per_head %v (%v to %v), want exactly 0.8", fte.Mean, fte.Lower, fte.Upper)
	}
}

func findEstimate(f *Fit, k cellKey, p Param) (Estimate, bool) {
	for _, e := range f.Estimates {
		if e.Org == k.Org && e.Prof == k.Prof && e.Band == k.Band && e.Param == p {
			return e, true
		}
	}
	return Estimate{}, false
}

// TestVacantPosts counts posts as the model does: whole posts of h FTE and
// a part-time post for a remainder above 1e-9 h.
func TestVacantPosts(t *testing.T) {
	for _, c := range []struct{ v, h, want float64 }{
		{0, 1, 0}, {-2, 1, 0}, {3, 1, 3}, {0.9, 1, 1}, {3.2, 0.8, 4}, {1.7, 0.8, 3},
		{2.4 - 1.6, 0.8, 1}, // 0.8000000000000003: one post, not two
	} {
		if got := vacantPosts(c.v, c.h); got != c.want {
			t.Errorf("vacantPosts(%v, %v) = %v, want %v", c.v, c.h, got, c.want)
		}
	}
}

// TestFillVariantsByHand: the same table without vacancies_fte gives the
// same fill (vacancies are then establishment less staff in post); with
// joiners in total only (no sources), every joiner is a recruit and the
// graduate's post counts as vacant: February's posts are 2.4 FTE + 2
// heads of 0.8 = 4.0 FTE, 5 posts, and 3 joiners; March as before, 3
// posts and none; April 1 post and 1: 9 post-months and 4 joiners.
func TestFillVariantsByHand(t *testing.T) {
	b5 := cellKey{"a", "physiotherapist", workforce.Band5}
	noVacancies := handTableE()
	noVacancies.Columns = slices.DeleteFunc(noVacancies.Columns, func(c history.Column) bool { return c == history.VacanciesFTE })
	for i := range noVacancies.Rows {
		noVacancies.Rows[i].Figures[history.VacanciesFTE] = math.NaN()
	}
	totals := handTableE()
	totals.Columns = []history.Column{history.StaffHeads, history.StaffFTE, history.EstablishmentFTE,
		history.Leavers, history.Joiners, history.PromotionsIn, history.VacanciesFTE}
	for i := range totals.Rows {
		f := &totals.Rows[i].Figures
		f[history.Joiners] = f[history.JoinersExternal] + f[history.JoinersGraduate]
		f[history.JoinersExternal], f[history.JoinersGraduate] = math.NaN(), math.NaN()
	}
	for _, c := range []struct {
		name            string
		table           *history.Table
		exposure, count float64
		note            string
	}{
		{"no vacancies_fte", noVacancies, 8, 3, ""},
		{"joiners in total", totals, 9, 4, "no joiners_external column: every joiner counted as filling a vacant post for recruitment.monthly_fill"},
	} {
		fit, err := FitTable(c.table, FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		e := estimateOf(t, fit, b5, MonthlyFill)
		if e.Exposure != c.exposure || e.Count != c.count {
			t.Errorf("%s: %v vacant post-months, %v recruits; want %v, %v", c.name, e.Exposure, e.Count, c.exposure, c.count)
		}
		if c.note != "" && !slices.Contains(fit.Notes, c.note) {
			t.Errorf("%s: notes %q, want %q", c.name, fit.Notes, c.note)
		}
	}
}
