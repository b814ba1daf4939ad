package calibrate

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

var updateReport = flag.Bool("update-report", false, "rewrite calibrate's fit report golden files in testdata")

// smallTableE is four months of two trusts' physiotherapists in Bands 5
// and 6, every figure given, and one Band 7 cell whose leavers are blank.
func smallTableE() *history.Table {
	t := &history.Table{Source: "small.csv", Columns: []history.Column{history.StaffHeads, history.StaffFTE,
		history.EstablishmentFTE, history.Leavers, history.Joiners, history.PromotionsIn, history.VacanciesFTE}}
	type fig struct{ heads, fte, est, leavers, joiners, promoted float64 }
	data := map[cellKey][4]fig{
		{"north", "physiotherapist", workforce.Band5}: {{20, 18, 20, 1, 1, 0}, {20, 18, 20, 0, 1, 0}, {21, 18.9, 20.2, 1, 1, 0}, {20, 18, 20.2, 1, 0, 0}},
		{"north", "physiotherapist", workforce.Band6}: {{12, 12, 13, 0, 0, 0}, {12, 12, 13, 1, 0, 1}, {12, 12, 13.1, 0, 0, 0}, {13, 13, 13.1, 0, 1, 0}},
		{"north", "physiotherapist", workforce.Band7}: {{3, 3, 3, math.NaN(), 0, 0}, {3, 3, 3, math.NaN(), 0, 0}, {3, 3, 3, math.NaN(), 0, 0}, {3, 3, 3, math.NaN(), 0, 0}},
		{"south", "physiotherapist", workforce.Band5}: {{8, 7.2, 9, 0, 0, 0}, {9, 8.1, 9, 0, 1, 0}, {8, 7.2, 9, 1, 0, 0}, {9, 8.1, 9.1, 0, 1, 0}},
		{"south", "physiotherapist", workforce.Band6}: {{5, 5, 5, 0, 0, 0}, {5, 5, 5, 0, 0, 0}, {5, 5, 5, 0, 0, 0}, {4, 4, 5, 1, 0, 0}},
	}
	keys := []cellKey{{"north", "physiotherapist", workforce.Band5}, {"north", "physiotherapist", workforce.Band6},
		{"north", "physiotherapist", workforce.Band7}, {"south", "physiotherapist", workforce.Band5}, {"south", "physiotherapist", workforce.Band6}}
	for m := range 4 {
		for _, k := range keys {
			d := data[k][m]
			t.Rows = append(t.Rows, history.Row{Month: workforce.NewMonth(2024, 1) + workforce.Month(m), Org: k.Org, Prof: k.Prof, Band: k.Band,
				Figures: figsE(map[history.Column]float64{history.StaffHeads: d.heads, history.StaffFTE: d.fte,
					history.EstablishmentFTE: d.est, history.Leavers: d.leavers, history.Joiners: d.joiners,
					history.PromotionsIn: d.promoted, history.VacanciesFTE: d.est - d.fte})})
		}
	}
	return t
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateReport {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./calibrate -run %s -update-report):\n%s", name, t.Name(), got)
	}
}

func TestWriteReportGolden(t *testing.T) {
	fit, err := FitTable(smallTableE(), FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var csv, md bytes.Buffer
	if err := fit.WriteReportCSV(&csv); err != nil {
		t.Fatal(err)
	}
	if err := fit.WriteReport(&md); err != nil {
		t.Fatal(err)
	}
	golden(t, "small-fit.csv", csv.Bytes())
	golden(t, "small-fit.md", md.Bytes())
}

// TestMissingColumns: each missing column leaves out what it enables,
// with a note saying so, and the rest is still fitted.
func TestMissingColumns(t *testing.T) {
	for _, tc := range []struct {
		drop   []history.Column
		gone   []Param
		notes  []string
		remain []Param
	}{
		{[]history.Column{history.PromotionsIn}, []Param{PromotionApply},
			[]string{"no promotions_in column: promotion.monthly_apply not fitted"}, []Param{LeaverRate, MonthlyFill, FTEPerHead, EstablishmentGrowth}},
		{[]history.Column{history.Leavers}, []Param{LeaverRate},
			[]string{"no leavers column: leaver_rate not fitted"}, []Param{MonthlyFill, PromotionApply}},
		{[]history.Column{history.Joiners}, []Param{MonthlyFill},
			[]string{"no joiners column (nor joiners by source): recruitment.monthly_fill not fitted"}, []Param{LeaverRate}},
		{[]history.Column{history.VacanciesFTE, history.EstablishmentFTE}, []Param{MonthlyFill, EstablishmentGrowth},
			[]string{"no vacancies_fte column (nor establishment_fte and staff_fte): recruitment.monthly_fill not fitted",
				"no establishment_fte column: establishment_growth not fitted"}, []Param{LeaverRate, FTEPerHead}},
		{[]history.Column{history.StaffFTE}, []Param{FTEPerHead},
			[]string{"no staff_fte column: fte_per_head not fitted"}, []Param{MonthlyFill, LeaverRate}},
	} {
		table := smallTableE()
		table.Columns = slices.DeleteFunc(table.Columns, func(c history.Column) bool { return slices.Contains(tc.drop, c) })
		for i := range table.Rows {
			for _, c := range tc.drop {
				table.Rows[i].Figures[c] = math.NaN()
			}
		}
		fit, err := FitTable(table, FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[Param]bool{}
		for _, e := range fit.Estimates {
			got[e.Param] = true
		}
		for _, p := range tc.gone {
			if got[p] {
				t.Errorf("without %v: %s still fitted", tc.drop, p)
			}
		}
		for _, p := range tc.remain {
			if !got[p] {
				t.Errorf("without %v: %s not fitted", tc.drop, p)
			}
		}
		for _, n := range tc.notes {
			if !slices.Contains(fit.Notes, n) {
				t.Errorf("without %v: notes %q, want %q", tc.drop, fit.Notes, n)
			}
		}
	}
}

// TestNoCellHasData: a column that is there but blank everywhere leaves the
// parameter out, with a note.
func TestNoCellHasData(t *testing.T) {
	table := smallTableE()
	for i := range table.Rows {
		table.Rows[i].Figures[history.PromotionsIn] = math.NaN()
	}
	fit, err := FitTable(table, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range fit.Estimates {
		if e.Param == PromotionApply {
			t.Fatalf("promotion fitted from blank cells: %+v", e)
		}
	}
	if !slices.Contains(fit.Notes, "no cell has data for promotion.monthly_apply: not fitted") {
		t.Errorf("notes %q", fit.Notes)
	}
}

// TestFitBefore: FitOptions.Before drops the later months: the fit of the
// whole table with its last two months cut off equals the fit before them.
func TestFitBefore(t *testing.T) {
	table := smallTableE()
	before := workforce.NewMonth(2024, 3)
	fit, err := FitTable(table, FitOptions{Before: before})
	if err != nil {
		t.Fatal(err)
	}
	if fit.From != workforce.NewMonth(2024, 1) || fit.To != workforce.NewMonth(2024, 2) {
		t.Errorf("months %s to %s, want 2024-01 to 2024-02", fit.From, fit.To)
	}
	cut := smallTableE()
	cut.Rows = slices.DeleteFunc(cut.Rows, func(r history.Row) bool { return r.Month >= before })
	want, err := FitTable(cut, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := fit.WriteReportCSV(&a); err != nil {
		t.Fatal(err)
	}
	if err := want.WriteReportCSV(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("fit before 2024-03:\n%s\nwant the fit of the first two months:\n%s", a.String(), b.String())
	}
	all, _ := FitTable(table, FitOptions{})
	var c bytes.Buffer
	_ = all.WriteReportCSV(&c)
	if c.String() == a.String() {
		t.Error("the later months changed nothing")
	}
	if _, err := FitTable(table, FitOptions{Before: workforce.NewMonth(2024, 1)}); err == nil ||
		!strings.Contains(err.Error(), "small.csv: no month before 2024-01") {
		t.Errorf("nothing to fit: error %v", err)
	}
}

// TestHeadsOnly: a table of staff in post alone fits nothing, says why for
// each parameter, and still writes both reports.
func TestHeadsOnly(t *testing.T) {
	table := smallTableE()
	table.Columns = []history.Column{history.StaffHeads}
	for i := range table.Rows {
		heads := table.Rows[i].Figures[history.StaffHeads]
		table.Rows[i].Figures = figsE(map[history.Column]float64{history.StaffHeads: heads})
	}
	fit, err := FitTable(table, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fit.Estimates) != 0 {
		t.Errorf("estimates from heads alone: %+v", fit.Estimates)
	}
	want := []string{
		"no leavers column: leaver_rate not fitted",
		"no joiners column (nor joiners by source): recruitment.monthly_fill not fitted",
		"no vacancies_fte column (nor establishment_fte and staff_fte): recruitment.monthly_fill not fitted",
		"no promotions_in column: promotion.monthly_apply not fitted",
		"no staff_fte column: fte_per_head not fitted",
		"no establishment_fte column: establishment_growth not fitted",
	}
	if !slices.Equal(fit.Notes, want) {
		t.Errorf("notes:\n%q\nwant\n%q", fit.Notes, want)
	}
	var md, csv bytes.Buffer
	if err := fit.WriteReport(&md); err != nil {
		t.Fatal(err)
	}
	for _, n := range want {
		if !strings.Contains(md.String(), "- "+n+"\n") {
			t.Errorf("report lacks %q:\n%s", n, md.String())
		}
	}
	if err := fit.WriteReportCSV(&csv); err != nil || strings.Count(csv.String(), "\n") != 1 {
		t.Errorf("CSV %q (%v), want the header alone", csv.String(), err)
	}
}

// TestPercentHasNoNegativeZero: a value that rounds to zero is written
// without a sign.
func TestPercentHasNoNegativeZero(t *testing.T) {
	p := percent(1)
	for v, want := range map[float64]string{-0.0001: "0.0%", -0.001: "-0.1%", 0.125: "12.5%"} {
		if got := p(v); got != want {
			t.Errorf("percent(1)(%v) = %q, want %q", v, got, want)
		}
	}
}
