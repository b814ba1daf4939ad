package scenario_test

import (
	"context"
	"fmt"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// physioScenario is a scenario written in Go rather than YAML: the
// physiotherapists of one organisation in Bands 5 to 7, with an uncertain
// leaver rate, for five years from April 2026, and one option, a
// retention premium that cuts Band 6's leaver rate by 30% from April 2027.
// Optional numbers are pointers: new(5) fills one in.
func physioScenario() *scenario.File {
	return &scenario.File{
		Name: "physio",
		Simulation: scenario.Simulation{Start: workforce.NewMonth(2026, 4), HorizonYears: new(5),
			Runs: new(500), Seed: 1},
		Workforce: []scenario.Group{{
			Profession: workforce.Physiotherapist,
			CellSettings: scenario.CellSettings{
				VacancyRate: new(0.10),
				LeaverRate:  scenario.Triangular(0.08, 0.12, 0.18),
				Recruitment: scenario.Recruitment{MonthlyFill: scenario.Number(0.05)},
			},
			Bands: map[workforce.Band]scenario.BandSpec{
				workforce.Band5: {Headcount: 40}, workforce.Band6: {Headcount: 60}, workforce.Band7: {Headcount: 25},
			},
		}},
		Options: []scenario.OptionSpec{{Name: "premium", Interventions: []scenario.Intervention{{
			Name:      "retention_premium",
			Lever:     new(workforce.LeverLeaverRate),
			AppliesTo: scenario.Selection{Bands: []workforce.Band{workforce.Band6}},
			Mode:      new(workforce.Scale),
			Value:     scenario.Number(0.7),
			Start:     workforce.NewMonth(2027, 4),
		}}}},
	}
}

// ExampleFile_Compile compiles a scenario built in Go, runs it, and reads
// the percentiles of Band 6's vacancy rate at every reported date.
func ExampleFile_Compile() {
	f := physioScenario()
	model, err := f.Compile() // validates first: every problem, by path
	if err != nil {
		panic(err)
	}
	res, err := sim.Run(context.Background(), model, f.Settings())
	if err != nil {
		panic(err)
	}
	vr, err := res.Metric(sim.VacancyRate)
	if err != nil {
		panic(err)
	}
	band6, err := res.Group(sim.Selector{}.Prof(workforce.Physiotherapist).Band(workforce.Band6))
	if err != nil {
		panic(err)
	}
	for d, date := range res.Dates {
		st := res.At(d, band6, vr)
		fmt.Printf("%s: %4.1f%% (90%% range %4.1f%% to %4.1f%%)\n", date, 100*st.P50, 100*st.P05, 100*st.P95)
	}
	// Output:
	// 2026-04: 10.0% (90% range 10.0% to 10.0%)
	// 2027-04: 13.0% (90% range  7.5% to 20.5%)
	// 2028-04: 14.9% (90% range  8.5% to 22.5%)
	// 2029-04: 15.0% (90% range  9.0% to 23.9%)
	// 2030-04: 16.0% (90% range  8.9% to 25.0%)
	// 2031-04: 16.4% (90% range  8.9% to 25.3%)
}

// ExampleFile_CompileOptions compares the scenario's option with its
// baseline on common random numbers: the paired difference in Band 6's
// vacancy rate, year by year.
func ExampleFile_CompileOptions() {
	f := physioScenario()
	compiled, err := f.CompileOptions() // the baseline first
	if err != nil {
		panic(err)
	}
	var opts []sim.Option
	for _, o := range compiled {
		opts = append(opts, sim.Option(o))
	}
	c, err := sim.Compare(context.Background(), opts, f.Settings(), sim.CompareSettings{})
	if err != nil {
		panic(err)
	}
	pair, err := c.Pair("premium", scenario.BaselineName)
	if err != nil {
		panic(err)
	}
	band6, err := c.Options[0].Group(sim.Selector{}.Band(workforce.Band6))
	if err != nil {
		panic(err)
	}
	for d, date := range c.Options[0].Dates {
		diff := c.Paired(pair, d, band6, sim.VacancyRateDiff)
		fmt.Printf("%s: %+5.1f points (90%% of runs between %+5.1f and %+5.1f)\n", date, 100*diff.Mean, 100*diff.P05, 100*diff.P95)
	}
	// Output:
	// 2026-04:  +0.0 points (90% of runs between  +0.0 and  +0.0)
	// 2027-04:  +0.0 points (90% of runs between  +0.0 and  +0.0)
	// 2028-04:  -2.2 points (90% of runs between  -4.5 and  +0.0)
	// 2029-04:  -3.3 points (90% of runs between  -6.0 and  +0.0)
	// 2030-04:  -3.8 points (90% of runs between  -7.5 and  +0.0)
	// 2031-04:  -4.1 points (90% of runs between  -7.5 and  -1.5)
}

// ExampleFile_Validate shows the errors of a File built in Go: no file
// name or line, but the path of each bad value.
func ExampleFile_Validate() {
	f := physioScenario()
	f.Workforce[0].LeaverRate = scenario.Number(1.5)
	f.Simulation.HorizonYears = new(50)
	fmt.Println(f.Validate())
	// Output:
	// simulation.horizon_years: out of range (got 50, want 1 to 30)
	// workforce[0].leaver_rate: out of range (got 1.5, want 0 to 1)
}
