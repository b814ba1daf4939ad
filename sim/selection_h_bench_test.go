package sim_test

import (
	"context"
	"testing"
	"time"

	"github.com/ahpsim/ahpsim/sim"
)

// BenchmarkSelectionRatio measures what a small selection saves: the BHR
// baseline reported every month (as the numpy comparison reports),
// 20 runs on one worker, summarising every series, then only the vacancy
// rate of every cell and the whole system. The two jobs alternate within
// each iteration, so load from other processes falls on both alike; the
// ratio (every series / selection) is the figure to quote. Run alone with
// bench/selection.sh.
func BenchmarkSelectionRatio(b *testing.B) {
	opts := exampleOptions(b, "bhr-baseline")[:1]
	opts[0].Model.ReportEvery = 1
	all := sim.Settings{Runs: 20, Seed: 1, Workers: 1}
	small := all
	small.Report = sim.Selection{Metrics: []string{"vacancy_rate"}, Groups: []sim.GroupKind{sim.GroupCells, sim.GroupSystem}}
	var tAll, tSmall time.Duration
	var nAll, nSmall int
	job := func(s sim.Settings) (time.Duration, int) {
		start := time.Now()
		c, err := sim.Compare(context.Background(), opts, s, sim.CompareSettings{})
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start), c.Options[0].Table.Len()
	}
	for b.Loop() {
		d, n := job(all)
		tAll, nAll = tAll+d, n
		d, n = job(small)
		tSmall, nSmall = tSmall+d, n
	}
	b.ReportMetric(float64(tAll)/float64(tSmall), "speedup")
	b.ReportMetric(float64(tAll.Milliseconds())/float64(b.N), "ms/job-all")
	b.ReportMetric(float64(tSmall.Milliseconds())/float64(b.N), "ms/job-selected")
	b.ReportMetric(float64(nAll), "series-all")
	b.ReportMetric(float64(nSmall), "series-selected")
}
