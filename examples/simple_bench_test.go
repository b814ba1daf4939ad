package examples_test

import (
	"context"
	"os"
	"testing"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/require"
)

// simpleModelFile is the simple model of issue 11, the one compared with
// numpy (bench/simple/README.md).
const simpleModelFile = "../bench/simple/simple.yaml"

func compileSimpleModel(tb testing.TB) *workforce.Model {
	tb.Helper()
	data, err := os.ReadFile(simpleModelFile)
	require.NoError(tb, err)
	f, err := scenario.Parse(simpleModelFile, data)
	require.NoError(tb, err)
	m, err := f.Compile()
	require.NoError(tb, err)
	return m
}

// TestSimpleModelShape checks that bench/simple/simple.yaml is the model
// bench/simple/README.md defines: 48 cells (8 registered professions x
// Bands 4 to 8b) in one organisation, 10 years of monthly steps reported
// every month, a promotion into every band above 4 and one graduate cohort
// a year per profession, into Band 5.
func TestSimpleModelShape(t *testing.T) {
	m := compileSimpleModel(t)
	require.Len(t, m.Layout.Organisations, 1)
	require.Len(t, m.Cells, 48)
	bands := map[int][]workforce.Band{}
	for _, c := range m.Layout.Cells {
		bands[c.Prof] = append(bands[c.Prof], c.Band)
	}
	require.Len(t, bands, 8)
	want := []workforce.Band{workforce.Band4, workforce.Band5, workforce.Band6, workforce.Band7, workforce.Band8a, workforce.Band8b}
	for p, got := range bands {
		require.ElementsMatch(t, want, got, "bands of %v", m.Layout.Professions[p])
	}
	require.Equal(t, 1, m.StepMonths)
	require.Equal(t, 120, m.Steps)
	require.Equal(t, 1, m.ReportEvery)
	require.Len(t, m.Promotions, 8*5)
	require.Len(t, m.Graduates, 8)
	for _, g := range m.Graduates {
		require.Equal(t, workforce.Band5, m.Layout.Cells[g.Cell].Band)
	}
}

// BenchmarkSimpleModel times 1,000 Monte Carlo runs of the simple model on
// one worker, summary included, and reports the time per cell-month, the
// figure issue 11 compares with numpy (bench/simple.sh). As many runs as
// bench/simple.sh times, because setting up the summaries is a one-off
// cost per call that fewer runs would not amortise.
func BenchmarkSimpleModel(b *testing.B) {
	m := compileSimpleModel(b)
	const runs = 1000
	cellMonths := float64(runs * len(m.Cells) * m.Steps * m.StepMonths)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := sim.Run(context.Background(), m, sim.Settings{Runs: runs, Seed: 1, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/cellMonths, "ns/cell-month")
}

// BenchmarkSimpleModelSelected is BenchmarkSimpleModel summarising only
// what the simple model asks for: the vacancy rate of every cell and of the
// whole system, every month (49 x 121 = 5,929 series), as
// `ahpsim run --metrics vacancy_rate --groups cells,system` does. It times
// the engine rather than the summaries of every metric.
func BenchmarkSimpleModelSelected(b *testing.B) {
	m := compileSimpleModel(b)
	const runs = 1000
	cellMonths := float64(runs * len(m.Cells) * m.Steps * m.StepMonths)
	sel := sim.Selection{Metrics: []string{string(sim.VacancyRate)}, Groups: []sim.GroupKind{sim.GroupCells, sim.GroupSystem}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := sim.Run(context.Background(), m, sim.Settings{Runs: runs, Seed: 1, Workers: 1, Report: sel})
		if err != nil {
			b.Fatal(err)
		}
		if n := res.Table.Len(); n != 49*121 {
			b.Fatalf("%d series, want 5,929", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/cellMonths, "ns/cell-month")
}
