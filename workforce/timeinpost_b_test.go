package workforce_test

import (
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
)

// timeInPostModel is one cell with a leaver rate of 0.1 and the given
// leaver rates by time in post (rates from rate).
func timeInPostModel(t *testing.T, under []int, rate float64) *workforce.Model {
	ot, _ := workforce.LookupProfession("occupational_therapist")
	l, err := workforce.NewLayout([]workforce.Organisation{workforce.DefaultOrganisation}, []workforce.Profession{ot}, []workforce.Cell{{Band: workforce.Band5}})
	if err != nil {
		t.Fatal(err)
	}
	m := &workforce.Model{Name: "tip", Layout: l, Start: workforce.NewMonth(2026, 4), StepMonths: 1, Steps: 12, ReportEvery: 12}
	p := func(v float64) workforce.ParamID { return m.AddParam(workforce.FixedValue(v, 0, 1, "p")) }
	c := workforce.CellSpec{Headcount: 1, FTEPerHead: 1, Establishment: 1, LeaverRate: p(0.1)}
	for _, u := range under {
		c.TimeInPostLeaverRates = append(c.TimeInPostLeaverRates, workforce.TimeInPostRate{UnderMonths: u, Rate: p(rate)})
	}
	m.Cells = []workforce.CellSpec{c}
	return m
}

func TestValidateTimeInPostRates(t *testing.T) {
	if err := timeInPostModel(t, []int{12, 24}, 0.3).Validate(); err != nil {
		t.Fatalf("valid model: %v", err)
	}
	for _, c := range []struct {
		under []int
		rate  float64
		want  string
	}{
		{[]int{12, 12}, 0.3, "leaver rate by time in post 1: under 12 months (want more than 12 and at most 360)"},
		{[]int{0}, 0.3, "leaver rate by time in post 0: under 0 months (want more than 0 and at most 360)"},
		{[]int{400}, 0.3, "under 400 months"},
	} {
		err := timeInPostModel(t, c.under, c.rate).Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("under %v: got %v, want %q", c.under, err, c.want)
		}
	}
	m := timeInPostModel(t, []int{12}, 0.7)
	m.Transitions = []workforce.Transition{{From: 0, To: 0, Rate: m.AddParam(workforce.FixedValue(0.4, 0, 1, "t"))}}
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "sum to 1.1") {
		t.Errorf("exit rates: got %v, want the highest time-in-post rate counted", err)
	}
}
