package calibrate

import (
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

// figsF is a row's figures: the ones given, the rest unknown (NaN).
func figsF(set map[history.Column]float64) [history.NumColumns]float64 {
	var f [history.NumColumns]float64
	for i := range f {
		f[i] = math.NaN()
	}
	for c, v := range set {
		f[c] = v
	}
	return f
}

func monthF(t testing.TB, s string) workforce.Month {
	t.Helper()
	m, err := workforce.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// smallTableF is two months of one trust: OTs in Bands 5 and 6 (every
// figure) and physios in Band 6 (heads only, then vacancies).
func smallTableF(t testing.TB) *history.Table {
	jan, feb := monthF(t, "2025-01"), monthF(t, "2025-02")
	ot, pt := "occupational_therapist", "physiotherapist"
	full := func(heads, fte, est, leavers, joiners float64) [history.NumColumns]float64 {
		return figsF(map[history.Column]float64{history.StaffHeads: heads, history.StaffFTE: fte,
			history.EstablishmentFTE: est, history.Leavers: leavers, history.Joiners: joiners})
	}
	return &history.Table{
		Source:        "history.csv",
		Columns:       []history.Column{history.StaffHeads, history.StaffFTE, history.EstablishmentFTE, history.Leavers, history.Joiners, history.VacanciesFTE},
		Organisations: []history.Organisation{{Key: "riverside", Name: "Riverside Community Trust"}},
		Rows: []history.Row{
			{Month: jan, Org: "riverside", Prof: ot, Band: workforce.Band5, Figures: full(20, 18, 21, 1, 1)},
			{Month: jan, Org: "riverside", Prof: ot, Band: workforce.Band6, Figures: full(30, 27.3, 30, 0, 0)},
			{Month: jan, Org: "riverside", Prof: pt, Band: workforce.Band6, Figures: figsF(map[history.Column]float64{history.StaffHeads: 9})},
			{Month: feb, Org: "riverside", Prof: ot, Band: workforce.Band5, Figures: full(21, 18.9, 21, 0, 1)},
			{Month: feb, Org: "riverside", Prof: ot, Band: workforce.Band6, Figures: full(29, 26.4, 30, 1, 0)},
			{Month: feb, Org: "riverside", Prof: pt, Band: workforce.Band6, Figures: figsF(map[history.Column]float64{history.StaffHeads: 8, history.VacanciesFTE: 2})},
		},
	}
}
