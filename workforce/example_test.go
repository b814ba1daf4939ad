package workforce_test

import (
	"fmt"

	"github.com/ahpsim/ahpsim/workforce"
)

// Example builds a model in Go: occupational therapists of one trust in
// bands 5 and 6, with leaving, recruitment, promotion, a graduate cohort
// and an intervention, and checks it. Package sim runs such a model;
// package scenario builds one from a YAML file.
func Example() {
	ot, _ := workforce.LookupProfession("occupational_therapist")
	trust := workforce.Organisation{Key: "trust", Name: "A trust"}
	layout, err := workforce.NewLayout([]workforce.Organisation{trust}, []workforce.Profession{ot}, []workforce.Cell{
		{Org: 0, Prof: 0, Band: workforce.Band6},
		{Org: 0, Prof: 0, Band: workforce.Band5},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	b5 := layout.Index(workforce.Cell{Org: 0, Prof: 0, Band: workforce.Band5})
	b6 := layout.Index(workforce.Cell{Org: 0, Prof: 0, Band: workforce.Band6})

	m := &workforce.Model{
		Name: "Two bands", Layout: layout,
		Start: workforce.NewMonth(2026, 4), StepMonths: 1, Steps: 36, ReportEvery: 3,
	}
	rate := m.AddParam(workforce.Dist{Kind: workforce.Triangular, A: 0.10, B: 0.13, C: 0.16, Min: 0, Max: 1, Name: "leaver rate"})
	fill := m.AddParam(workforce.FixedValue(0.3, 0, 1, "fill"))
	m.Cells = make([]workforce.CellSpec, len(layout.Cells))
	m.Cells[b5] = workforce.CellSpec{Headcount: 20, FTEPerHead: 0.9, Establishment: 20, LeaverRate: rate, RecruitFill: fill}
	m.Cells[b6] = workforce.CellSpec{Headcount: 30, FTEPerHead: 0.9, Establishment: 32, LeaverRate: rate, RecruitFill: fill}
	m.Promotions = []workforce.Promotion{{From: b5, To: b6, MinMonths: 12, ApplyProb: m.AddParam(workforce.FixedValue(0.05, 0, 1, "apply"))}}
	m.Graduates = []workforce.GraduateCohort{{Cell: b5, Month: 9,
		Size: m.AddParam(workforce.FixedValue(8, 0, workforce.MaxHeadsPerPeriod, "graduates")), Conversion: fill}}
	m.Interventions = []workforce.Intervention{{
		Name: "retention premium", Lever: workforce.LeverLeaverRate, Cells: []int{b5, b6},
		Mode: workforce.Scale, Value: m.AddParam(workforce.FixedValue(0.8, 0, workforce.MaxScale, "premium")),
		Start: workforce.NewMonth(2027, 4), Profile: workforce.Linear, RampMonths: 6,
	}}
	fmt.Println("valid:", m.Validate() == nil)
	fmt.Printf("mean leaver rate %.2f, %v of it after ramping up\n", m.Param(rate).Mean(), m.Interventions[0].Apply(1, 0.8, 1))
	fmt.Println("lever", m.Interventions[0].Lever, "applies to cells:", m.Interventions[0].Lever.CellLever())

	m.Graduates[0].Month = 13
	fmt.Println(m.Validate())
	// Output:
	// valid: true
	// mean leaver rate 0.13, 0.8 of it after ramping up
	// lever leaver_rate applies to cells: true
	// graduate cohort 0: month 13 (want 1-12)
}
