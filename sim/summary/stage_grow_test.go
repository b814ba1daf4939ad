package summary

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestStageGrows checks that the stage buffer grows with the runs staged,
// fourfold up to stageRuns runs and no further, and that the values staged
// before each growth are kept: the table equals one fed value by value with
// Add (which stages nothing), at run counts across the growths, the flushes
// and the reads (a read flushes the stage).
func TestStageGrows(t *testing.T) {
	res, gens := orderTestSeries()
	l := len(res)
	staged, direct := NewTable(res), NewTable(res)
	r := newRand(9)
	row := make([]float64, l)
	addRun := func() {
		for i, g := range gens {
			row[i] = g(r)
			require.NoError(t, direct.Add(i, row[i]))
		}
		require.NoError(t, staged.AddRun(row))
	}
	same := func(run int) {
		require.Equal(t, allStatsBits(direct), allStatsBits(staged), "after run %d", run)
		for i := range l {
			ws, wk, wc := histogramOf(direct, i)
			gs, gk, gc := histogramOf(staged, i)
			require.Equal(t, ws, gs, "series %d after run %d", i, run)
			require.Equal(t, wk, gk, "series %d after run %d", i, run)
			require.Equal(t, wc, gc, "series %d after run %d", i, run)
		}
	}
	// Without reads: the runs the buffer holds after each run.
	for run := 1; run <= stageRuns+2; run++ {
		addRun()
		want := stageRuns
		if run <= stageRuns {
			want = 1
			for want < run {
				want *= 4
			}
		}
		require.Equal(t, want*l, len(staged.stage), "after run %d", run)
	}
	same(stageRuns + 2)
	for run := stageRuns + 3; run <= 3*stageRuns; run++ {
		addRun()
		if run%7 == 0 {
			same(run)
		}
	}
	same(3 * stageRuns)
}
