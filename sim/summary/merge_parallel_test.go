package summary

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMergeParallelMatchesMerge checks that merging over several
// goroutines gives, byte for byte, the table a serial Merge gives, for a
// table long enough to be split (3.5 chunks, so the ranges are uneven) and
// series whose histograms are dense, hashed, coarsened or empty.
func TestMergeParallelMatchesMerge(t *testing.T) {
	const l = mergeChunk*3 + mergeChunk/2
	res := make([]float64, l)
	for i := range res {
		res[i] = 1
	}
	fill := func(seed uint64, runs int) *Table {
		tb := NewTable(res)
		r := newRand(seed)
		row := make([]float64, l)
		for range runs {
			for i := range row {
				switch i % 4 {
				case 0:
					row[i] = float64(r.IntN(20)) // dense
				case 1:
					row[i] = r.NormFloat64() * 1e9 // hashed, then coarsened
				case 2:
					row[i] = math.NaN() // undefined only
				default:
					row[i] = float64(i)
				}
			}
			require.NoError(t, tb.AddRun(row))
		}
		return tb
	}
	for _, workers := range []int{2, 3, 8} {
		serial, parallel := fill(1, 40), fill(1, 40)
		other := fill(2, 300)
		require.NoError(t, serial.Merge(other))
		require.NoError(t, parallel.MergeParallel(other, workers))
		require.True(t, bytes.Equal(mustMarshal(t, serial), mustMarshal(t, parallel)), "%d workers", workers)
		require.Equal(t, int64(340), parallel.Runs())
		require.Equal(t, int64(340), parallel.Stats(0).N)
	}
}
