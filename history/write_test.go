package history

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
)

func TestWriteCSV(t *testing.T) {
	nan := math.NaN()
	row := func(m workforce.Month, band workforce.Band, heads, fte, leavers float64, ages []float64) Row {
		r := Row{Month: m, Org: "bhr", Prof: "physiotherapist", Band: band, Ages: ages}
		for c := range r.Figures {
			r.Figures[c] = nan
		}
		r.Figures[StaffHeads], r.Figures[StaffFTE], r.Figures[Leavers] = heads, fte, leavers
		return r
	}
	apr := workforce.NewMonth(2024, 4)
	tab := &Table{
		Source:    "test",
		Columns:   []Column{StaffHeads, StaffFTE, Leavers},
		AgeGroups: []AgeGroup{{Name: "under_40", From: 20, To: 40}, {Name: "60_plus", From: 60}},
		Rows: []Row{
			row(apr, workforce.Band5, 83, 0.9*83, nan, []float64{50, 3}),
			row(apr, workforce.Band8a, 20, -0.0000001, 2, nil),
			row(apr+1, workforce.Band5, 82, 73.8, 1.25, []float64{nan, 2}),
		},
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tab); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"month,organisation,profession,band,staff_heads,staff_fte,leavers,heads_age_20_40,heads_age_60_plus",
		"2024-04,bhr,physiotherapist,5,83,74.7,,50,3",
		"2024-04,bhr,physiotherapist,8a,20,0,2,,",
		"2024-05,bhr,physiotherapist,5,82,73.8,1.25,,2",
		"",
	}, "\n")
	if got := buf.String(); got != want {
		t.Errorf("WriteCSV:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteCSVRefusesBadAges(t *testing.T) {
	tab := &Table{Source: "test.csv", AgeGroups: []AgeGroup{{From: 20, To: 40}},
		Rows: []Row{{Month: workforce.NewMonth(2024, 4), Org: "a", Prof: "dietitian", Band: workforce.Band6, Ages: []float64{1, 2}}}}
	err := WriteCSV(&bytes.Buffer{}, tab)
	if err == nil || !strings.Contains(err.Error(), "test.csv: row 1 (2024-04 a dietitian 6) has 2 age-group figures (want 1") {
		t.Errorf("error %v", err)
	}
}
