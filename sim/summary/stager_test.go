package summary

import (
	"errors"
	"math"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// stagerRes are the resolutions of the series stagerRuns fills.
var stagerRes = []float64{1, 1e-6, 0.01, 1e-4}

// stagerRuns returns n runs of values for the series of stagerRes: counts,
// rates, spread-out values that coarsen the histograms, and NaN.
func stagerRuns(n int) [][]float64 {
	r := newRand(41)
	runs := make([][]float64, n)
	for k := range runs {
		v := []float64{float64(r.IntN(40)), r.Float64() * 0.3, r.NormFloat64() * 1e6, math.NaN()}
		if r.IntN(5) > 0 {
			v[3] = float64(r.IntN(1000)) * 0.37
		}
		runs[k] = v
	}
	return runs
}

// TestStagersGiveTheTableOfOneAddRun adds the same runs to one table from
// several goroutines through Stagers, in an order that depends on the
// scheduler, and checks the table is byte for byte the one AddRun builds.
func TestStagersGiveTheTableOfOneAddRun(t *testing.T) {
	runs := stagerRuns(1000)
	want := NewTable(stagerRes)
	for _, v := range runs {
		require.NoError(t, want.AddRun(v))
	}
	for _, goroutines := range []int{1, 2, 3, 7} {
		got := NewTable(stagerRes)
		var wg sync.WaitGroup
		for g := range goroutines {
			st := got.NewStager()
			wg.Go(func() {
				for k := g; k < len(runs); k += goroutines {
					if err := st.AddRun(runs[k]); err != nil {
						panic(err)
					}
				}
				if err := st.Flush(); err != nil {
					panic(err)
				}
			})
		}
		wg.Wait()
		require.Equal(t, want.Runs(), got.Runs(), "goroutines=%d", goroutines)
		require.Equal(t, mustMarshal(t, want), mustMarshal(t, got), "goroutines=%d", goroutines)
		require.Equal(t, allStatsBits(want), allStatsBits(got), "goroutines=%d", goroutines)
	}
}

// TestStagerAddsNothingUntilFlushed: staged runs reach the table every
// stageRuns runs and on Flush; Flush with nothing staged changes nothing.
func TestStagerAddsNothingUntilFlushed(t *testing.T) {
	tb := NewTable(stagerRes)
	st := tb.NewStager()
	runs := stagerRuns(stageRuns + 3)
	for _, v := range runs[:stageRuns] {
		require.NoError(t, st.AddRun(v))
	}
	require.Zero(t, tb.Runs(), "a full stage is added on the next run")
	require.NoError(t, st.AddRun(runs[stageRuns]))
	require.EqualValues(t, stageRuns, tb.Runs())
	for _, v := range runs[stageRuns+1:] {
		require.NoError(t, st.AddRun(v))
	}
	require.NoError(t, st.Flush())
	require.EqualValues(t, len(runs), tb.Runs())
	before := mustMarshal(t, tb)
	require.NoError(t, st.Flush())
	require.Equal(t, before, mustMarshal(t, tb))
}

// TestStagerRefusesABadValueAndStagesNothing: an infinite value is a
// *ValueError naming its series, and the run is not staged.
func TestStagerRefusesABadValueAndStagesNothing(t *testing.T) {
	tb := NewTable(stagerRes)
	st := tb.NewStager()
	err := st.AddRun([]float64{1, 0.1, math.Inf(1), 2})
	var ve *ValueError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, 2, ve.Series)
	require.True(t, errors.Is(err, ErrValue))
	require.NoError(t, st.AddRun([]float64{1, 0.1, 3, 2}))
	require.NoError(t, st.Flush())
	require.EqualValues(t, 1, tb.Runs())
	require.EqualValues(t, 1, tb.Stats(2).N)
}

// TestStagerFlushRefusesBeyondMaxCount: a flush that could take a series
// beyond MaxCount values adds nothing and says why.
func TestStagerFlushRefusesBeyondMaxCount(t *testing.T) {
	tb := NewTable(stagerRes)
	tb.maxN = MaxCount - 1 // as if the fullest series held MaxCount-1 values
	st := tb.NewStager()
	for _, v := range stagerRuns(2) {
		require.NoError(t, st.AddRun(v))
	}
	require.ErrorContains(t, st.Flush(), "beyond MaxCount")
	require.Zero(t, tb.Runs())
}

// TestStagerFlushAddsTheTablesOwnStagedRunsFirst: runs the table staged
// with its own AddRun are not lost when a Stager flushes.
func TestStagerFlushAddsTheTablesOwnStagedRunsFirst(t *testing.T) {
	runs := stagerRuns(10)
	want := NewTable(stagerRes)
	for _, v := range runs {
		require.NoError(t, want.AddRun(v))
	}
	got := NewTable(stagerRes)
	for _, v := range runs[:4] {
		require.NoError(t, got.AddRun(v))
	}
	st := got.NewStager()
	for _, v := range runs[4:] {
		require.NoError(t, st.AddRun(v))
	}
	require.NoError(t, st.Flush())
	require.Equal(t, mustMarshal(t, want), mustMarshal(t, got))
}

func TestStagerAddRunPanicsOnTheWrongLength(t *testing.T) {
	st := NewTable(stagerRes).NewStager()
	require.PanicsWithValue(t, "summary: Stager.AddRun: got 1 values, want 4", func() { _ = st.AddRun([]float64{1}) })
}
