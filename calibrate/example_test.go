package calibrate_test

import (
	"fmt"
	"math"

	"github.com/ahpsim/ahpsim/calibrate"
	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

// A team of 3 with no leavers in a year, among teams of 30 that lost
// about 12% a year, gets a leaver rate near theirs, not 0%.
func ExampleFitTable() {
	table := &history.Table{Columns: []history.Column{history.StaffHeads, history.Leavers}}
	for m := range 12 {
		for i, org := range []string{"a", "b", "c", "d", "e"} {
			heads, leavers := 30.0, 0.0
			if m%(3+i%2) == 0 {
				leavers = 1
			}
			if org == "a" {
				heads, leavers = 3, 0
			}
			var figs [history.NumColumns]float64
			for c := range figs {
				figs[c] = math.NaN()
			}
			figs[history.StaffHeads], figs[history.Leavers] = heads, leavers
			table.Rows = append(table.Rows, history.Row{Month: workforce.NewMonth(2024, 1) + workforce.Month(m),
				Org: org, Prof: workforce.Physiotherapist, Band: workforce.Band6, Figures: figs})
		}
	}
	fit, err := calibrate.FitTable(table, calibrate.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range fit.Estimates[:2] {
		fmt.Printf("%s: %g leavers in %.2f %s: %.3f (90%%: %.3f to %.3f), pooling %.2f\n",
			e.Org, e.Count, e.Exposure, e.Param.ExposureUnit(), e.Mean, e.Lower, e.Upper, e.Pooling)
	}
	// Output:
	// a: 0 leavers in 3.00 headcount-years: 0.097 (90%: 0.015 to 0.231), pooling 0.85
	// b: 3 leavers in 30.00 headcount-years: 0.105 (90%: 0.040 to 0.192), pooling 0.37
}
