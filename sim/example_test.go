package sim_test

import (
	"context"
	"fmt"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// physioModel builds a small model by hand: physiotherapists in Bands 5 to
// 7 of one organisation, five years in monthly steps, reported yearly, with
// an uncertain leaver rate and external recruitment into vacancies. Package
// scenario builds Models like this from a scenario file or a scenario.File.
func physioModel() *workforce.Model {
	physio, _ := workforce.LookupProfession(workforce.Physiotherapist)
	layout, err := workforce.NewLayout([]workforce.Organisation{workforce.DefaultOrganisation},
		[]workforce.Profession{physio},
		[]workforce.Cell{{Band: workforce.Band5}, {Band: workforce.Band6}, {Band: workforce.Band7}})
	if err != nil {
		panic(err)
	}
	m := &workforce.Model{Name: "physio", Layout: layout, Start: workforce.NewMonth(2026, 4),
		StepMonths: 1, Steps: 60, ReportEvery: 12}
	leave := m.AddParam(workforce.Dist{Kind: workforce.Triangular, A: 0.08, B: 0.12, C: 0.18, Min: 0, Max: 1, Name: "leaver_rate"})
	fill := m.AddParam(workforce.FixedValue(0.05, 0, 1, "monthly_fill"))
	for _, c := range []struct{ heads, posts float64 }{{40, 44}, {60, 68}, {25, 27}} {
		m.Cells = append(m.Cells, workforce.CellSpec{Headcount: int(c.heads), FTEPerHead: 1, Establishment: c.posts,
			LeaverRate: leave, RecruitFill: fill})
	}
	return m
}

// Example runs a model and reads the percentiles of Band 6's vacancy rate
// at every reported date.
func Example() {
	res, err := sim.Run(context.Background(), physioModel(), sim.Settings{Runs: 500, Seed: 1})
	if err != nil {
		panic(err)
	}
	vr, err := res.Metric(sim.VacancyRate)
	if err != nil {
		panic(err)
	}
	band6, err := res.Group(sim.Selector{}.Band(workforce.Band6))
	if err != nil {
		panic(err)
	}
	for d, date := range res.Dates {
		st := res.At(d, band6, vr)
		fmt.Printf("%s: %4.1f%% (90%% range %4.1f%% to %4.1f%%)\n", date, 100*st.P50, 100*st.P05, 100*st.P95)
	}
	// Output:
	// 2026-04: 11.8% (90% range 11.8% to 11.8%)
	// 2027-04: 13.2% (90% range  8.7% to 20.7%)
	// 2028-04: 14.7% (90% range  8.8% to 23.5%)
	// 2029-04: 16.2% (90% range 10.2% to 23.5%)
	// 2030-04: 16.2% (90% range  8.8% to 25.0%)
	// 2031-04: 16.2% (90% range  8.8% to 25.0%)
}

// ExampleCompare compares a retention premium for Band 6 with the
// baseline on common random numbers, and reads the paired difference in
// vacancy rate at the horizon.
func ExampleCompare() {
	base := physioModel()
	premium := physioModel()
	// The option's own parameters come after the baseline's.
	premium.Interventions = append(premium.Interventions, workforce.Intervention{Name: "retention premium",
		Lever: workforce.LeverLeaverRate, Cells: []int{1}, Mode: workforce.Scale,
		Value: premium.AddParam(workforce.FixedValue(0.7, 0, 10, "premium")), Start: premium.Start + 12})
	c, err := sim.Compare(context.Background(),
		[]sim.Option{{Name: "baseline", Model: base}, {Name: "premium", Model: premium}},
		sim.Settings{Runs: 500, Seed: 1}, sim.CompareSettings{})
	if err != nil {
		panic(err)
	}
	pair, err := c.Pair("premium", "baseline")
	if err != nil {
		panic(err)
	}
	band6, err := c.Options[0].Group(sim.Selector{}.Band(workforce.Band6))
	if err != nil {
		panic(err)
	}
	last := len(c.Options[0].Dates) - 1
	diff := c.Paired(pair, last, band6, sim.VacancyRateDiff)
	better := c.Paired(pair, last, band6, sim.ProbBetter)
	fmt.Printf("%s, Band 6: vacancy rate %+.1f points (90%% interval %+.1f to %+.1f); better in %.0f%% of runs\n",
		c.Options[0].Dates[last], 100*diff.Mean, 100*diff.CI90Low, 100*diff.CI90High, 100*better.Mean)
	// Output:
	// 2031-04, Band 6: vacancy rate -4.0 points (90% interval -4.2 to -3.9); better in 96% of runs
}

// ExampleResult_Group shows what a selection that matches nothing gives:
// an error, not a panic or an index of -1.
func ExampleResult_Group() {
	res, err := sim.Run(context.Background(), physioModel(), sim.Settings{Runs: 10, Seed: 1})
	if err != nil {
		panic(err)
	}
	_, err = res.Group(sim.Selector{}.Prof(workforce.OccupationalTherapist))
	fmt.Println(err)
	_, err = res.Group(sim.Selector{}.Band(workforce.Band8a))
	fmt.Println(err)
	_, err = res.Metric("vacancy-rate")
	fmt.Println(err)
	// Output:
	// sim: group all/occupational_therapist/all: no profession "occupational_therapist" (want one of physiotherapist)
	// sim: group all/all/8a: the layout has no cell in it
	// sim: no metric "vacancy-rate" (did you mean "vacancy_rate"?)
}
