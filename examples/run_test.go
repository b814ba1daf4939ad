package examples_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/require"
)

// Example shows the library's main path: read a scenario, compile it, run
// it, and read a summary statistic.
func Example() {
	data, err := examples.Read("teaching")
	if err != nil {
		panic(err)
	}
	f, err := scenario.Parse("teaching.yaml", data)
	if err != nil {
		panic(err) // every problem, as file:line:col: path: message
	}
	model, err := f.Compile()
	if err != nil {
		panic(err)
	}
	res, err := sim.Run(context.Background(), model, sim.Settings{Runs: 200, Seed: 1})
	if err != nil {
		panic(err)
	}
	all := res.GroupIndex("all", "all", "all")
	rate := res.MetricIndex("vacancy_rate")
	for _, d := range []int{0, len(res.Dates) - 1} {
		st := res.Stats(d, all, rate)
		fmt.Printf("%s: vacancy rate %.1f%% (90%% range %.1f%% to %.1f%%)\n", res.Dates[d], 100*st.P50, 100*st.P05, 100*st.P95)
	}
	// Output:
	// 2025-04: vacancy rate 9.2% (90% range 9.2% to 9.2%)
	// 2030-04: vacancy rate 9.7% (90% range 5.9% to 15.0%)
}

// compileExample parses and compiles an embedded example.
func compileExample(tb testing.TB, name string) *workforce.Model {
	tb.Helper()
	data, err := examples.Read(name)
	require.NoError(tb, err)
	f, err := scenario.Parse(name+".yaml", data)
	require.NoError(tb, err)
	m, err := f.Compile()
	require.NoError(tb, err)
	return m
}

// BenchmarkBHRRun times one Monte Carlo run of the BHR baseline (10 years,
// monthly), with its summary, on one worker.
func BenchmarkBHRRun(b *testing.B) {
	m := compileExample(b, "bhr-baseline")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := sim.Run(context.Background(), m, sim.Settings{Runs: 1, Seed: 1, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBHRRuns times 200 runs on one worker and reports the time per run,
// which leaves out the one-off cost of setting up the summaries.
func BenchmarkBHRRuns(b *testing.B) {
	m := compileExample(b, "bhr-baseline")
	const runs = 200
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := sim.Run(context.Background(), m, sim.Settings{Runs: runs, Seed: 1, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*runs)/1e6, "ms/run")
}
