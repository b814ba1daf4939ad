package summary

import (
	"math"
	"math/big"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuantizeFast compares quantizeFast with the definition,
// round(x) = math.Round(x) for |x| <= MaxQuantized, on halves, neighbours
// of halves and of integers, binade edges, the limits, and random values.
func TestQuantizeFast(t *testing.T) {
	var xs []float64
	add := func(x float64) {
		xs = append(xs, x, -x, math.Nextafter(x, 0), -math.Nextafter(x, 0), math.Nextafter(x, math.Inf(1)), -math.Nextafter(x, math.Inf(1)))
	}
	for _, x := range []float64{0, 0.5, 1, 1.5, 2.5, 0.49999999999999994, 1 << 51, 1<<51 + 0.5, 1<<52 - 0.5, 1 << 52, 1<<52 + 1, 1<<53 - 1, 1 << 53, 1<<53 + 2, 1<<60 + 1<<8, MaxQuantized, 5e-324, 1e-300} {
		add(x)
	}
	for e := -60; e <= 61; e++ {
		p := math.Ldexp(1, e)
		add(p)
		add(p + 0.5)
		add(p - 0.5)
	}
	r := newRand(5)
	for range 200000 {
		m := math.Ldexp(1, r.IntN(65)-3)
		x := (r.Float64()*2 - 1) * m
		add(x)
		add(math.Floor(x) + 0.5)
	}
	for _, x := range xs {
		got, ok := quantizeFast(x)
		if math.Abs(x) > MaxQuantized {
			require.False(t, ok, "x=%v", x)
			continue
		}
		require.True(t, ok, "x=%v", x)
		require.Equal(t, int64(math.Round(x)), got, "x=%v (%b)", x, math.Float64bits(x))
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Nextafter(MaxQuantized, math.Inf(1)), -math.Nextafter(MaxQuantized, math.Inf(1)), 1e300} {
		_, ok := quantizeFast(x)
		require.False(t, ok, "x=%v", x)
	}
}

// repeatRows returns rows for series that repeat values a lot (constants,
// few values, slowly changing values), so that the staged runs of a series
// hold runs of equal values, mixed with continuous, sparse and undefined
// ones.
func repeatRows(runs int) ([]float64, [][]float64) {
	res := []float64{1, 1e-4, 1, 0.01, 1e-6, 1, 1e-4, 1}
	r := newRand(21)
	rows := make([][]float64, runs)
	slow := 0.0
	for k := range rows {
		if r.IntN(10) == 0 {
			slow += 0.25
		}
		rows[k] = []float64{
			7,                             // constant
			float64(r.IntN(3)) * 0.1,      // three values
			slow,                          // changes now and then
			money(r),                      // continuous, coarsens
			float64(r.IntN(5)) * 0.37,     // few values far apart: hashed layout
			withNaN(headcount, 0.4)(r),    // undefined now and then
			float64(r.IntN(300)) * 1e3,    // hashed, then coarsens (300 > MaxBins)
			float64(k%2) * float64(1<<40), // span trigger
		}
	}
	return res, rows
}

// TestStagedRunsAreVisible reads a table after every number of runs: the
// staged runs must always be included, and equal to adding the values one
// by one with Add (which does not stage).
func TestStagedRunsAreVisible(t *testing.T) {
	res, rows := repeatRows(3*stageRuns + 5)
	byRun, byAdd := NewTable(res), NewTable(res)
	for k, row := range rows {
		byRun.AddRun(row)
		for i, v := range row {
			byAdd.Add(i, v)
		}
		byAdd.runs++
		if k%7 == 0 || k%stageRuns == 0 || k == len(rows)-1 {
			require.Equal(t, mustMarshal(t, byAdd), mustMarshal(t, byRun), "after %d runs", k+1)
			require.Equal(t, allStatsBits(byAdd), allStatsBits(byRun))
			for i := range res {
				require.Equal(t, byAdd.Shift(i), byRun.Shift(i))
				require.Equal(t, byAdd.NumBins(i), byRun.NumBins(i))
			}
		}
	}
	// Every read path flushes: Clone, Merge (both sides), Percentile.
	a, b := NewTable(res), NewTable(res)
	for _, row := range rows[:5] {
		a.AddRun(row)
	}
	for _, row := range rows[5:9] {
		b.AddRun(row)
	}
	c := a.Clone()
	require.Equal(t, int64(5), c.Stats(0).N)
	require.InDelta(t, 7, a.Percentile(0, 0.5), 0)
	require.NoError(t, a.Merge(b))
	require.Equal(t, int64(9), a.Stats(0).N)
	require.NoError(t, a.Merge(a))
	require.Equal(t, int64(18), a.Stats(0).N)
	b.AddRun(rows[9])
	require.NoError(t, c.Merge(b))
	require.Equal(t, int64(10), c.Stats(0).N)
	// Decoding replaces staged runs.
	d := NewTable(res)
	d.AddRun(rows[0])
	require.NoError(t, d.UnmarshalBinary(mustMarshal(t, NewTable(res))))
	require.Equal(t, int64(0), d.Stats(0).N)
	d.AddRun(rows[0])
	require.Equal(t, int64(1), d.Stats(0).N)
}

// TestRunLengthsAgainstBruteForce adds, with AddRun, data sets whose series
// repeat values in long runs (so that flushes add counts greater than 1,
// also to new bins and across coarsening), and compares every series with
// the canonical state computed by brute force.
func TestRunLengthsAgainstBruteForce(t *testing.T) {
	r := newRand(33)
	for trial := range 40 {
		const numSeries = 6
		res := make([]float64, numSeries)
		for i := range res {
			res[i] = 1
		}
		tb := NewTable(res)
		cols := make([][]int64, numSeries)
		gens := make([]func() float64, numSeries)
		for i := range gens {
			spread := []float64{5, 300, 1e6, 1e12}[r.IntN(4)]
			stick := r.Float64() // probability of repeating the previous value
			prev := math.Round(spread * r.Float64())
			gens[i] = func() float64 {
				if r.Float64() > stick {
					prev = math.Round(spread * (r.Float64() - 0.3))
				}
				return prev
			}
		}
		runs := 1 + r.IntN(6*stageRuns)
		row := make([]float64, numSeries)
		for range runs {
			for i, g := range gens {
				row[i] = g()
				cols[i] = append(cols[i], quantize(row[i], 1))
			}
			tb.AddRun(row)
		}
		for i := range res {
			ws, wk, wc := bruteHistogram(cols[i])
			s, keys, counts := histogramOf(tb, i)
			require.Equal(t, ws, s, "trial %d series %d", trial, i)
			require.Equal(t, wk, keys, "trial %d series %d", trial, i)
			require.Equal(t, wc, counts, "trial %d series %d", trial, i)
			require.LessOrEqual(t, cap(tb.series[i].bins), MaxBins)
		}
	}
}

// TestConcurrentReaders: the read-only methods may run concurrently (the
// first one flushes the staged runs). Run with -race.
func TestConcurrentReaders(t *testing.T) {
	res, rows := repeatRows(stageRuns/2 + 3)
	tb := NewTable(res)
	ref := NewTable(res)
	for _, row := range rows {
		tb.AddRun(row)
		ref.AddRun(row)
	}
	want := allStatsBits(ref)
	wantBytes := mustMarshal(t, ref)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch g % 4 {
			case 0:
				assert.Equal(t, want, allStatsBits(tb))
			case 1:
				b, err := tb.MarshalBinary()
				assert.NoError(t, err)
				assert.Equal(t, wantBytes, b)
			case 2:
				acc := NewTable(res)
				assert.NoError(t, acc.Merge(tb))
				assert.Equal(t, want, allStatsBits(acc))
			default:
				assert.Equal(t, want, allStatsBits(tb.Clone()))
				for i := range res {
					_ = tb.Shift(i) + tb.NumBins(i)
					_ = tb.Percentile(i, 0.3)
				}
			}
		}()
	}
	wg.Wait()
}

// TestAddRunMaxCount: AddRun fails, leaving the table unchanged, when a
// series already holds MaxCount defined values (checked once per run while
// the table is far from the limit), but still accepts undefined values.
func TestAddRunMaxCount(t *testing.T) {
	tb := NewTable([]float64{1, 1})
	tb.AddRun([]float64{1, 2})
	tb.AddRun([]float64{3, 4})
	tb.sync()
	tb.series[1].n = MaxCount // only the count matters for the check
	tb.maxN = MaxCount
	before := mustMarshal(t, tb)
	require.EqualError(t, tb.AddRun([]float64{5, 6}), "summary: series 1: value 6 would be value number 4294967296, more than MaxCount")
	require.Equal(t, before, mustMarshal(t, tb))
	require.NoError(t, tb.AddRun([]float64{5, math.NaN()}))
	require.Equal(t, int64(3), tb.Stats(0).N)
	require.Equal(t, int64(1), tb.series[1].undef) // (Stats(1) would be inconsistent)
}

// TestHashedLayout exercises the hashed layout: growth and rehashing, new
// lowest bins (offsets shift, slots stay), a full table of MaxBins bins,
// and the span limit, against the brute-force state.
func TestHashedLayout(t *testing.T) {
	cases := map[string]func(r *rand.Rand, k int) float64{
		"increasing":      func(_ *rand.Rand, k int) float64 { return float64(k) * 1000 },
		"decreasing":      func(_ *rand.Rand, k int) float64 { return -float64(k) * 1000 },
		"exactly MaxBins": func(_ *rand.Rand, k int) float64 { return float64(k%MaxBins) * 7919 },
		"colliding":       func(_ *rand.Rand, k int) float64 { return float64(k%200) * (1 << 24) },
		"far apart":       func(r *rand.Rand, k int) float64 { return float64(r.IntN(3)) * (1 << 31) * float64(1+k%2) },
		"random wide":     func(r *rand.Rand, _ int) float64 { return math.Round(1e9 * r.NormFloat64()) },
	}
	for name, g := range cases {
		t.Run(name, func(t *testing.T) {
			r := newRand(1)
			tb := NewTable([]float64{1})
			var qs []int64
			for k := range 2000 {
				v := g(r, k)
				tb.AddRun([]float64{v})
				qs = append(qs, quantize(v, 1))
				if k%97 == 0 || k == 1999 {
					ws, wk, wc := bruteHistogram(qs)
					s, keys, counts := histogramOf(tb, 0)
					require.Equal(t, ws, s, "after %d", k+1)
					require.Equal(t, wk, keys, "after %d", k+1)
					require.Equal(t, wc, counts, "after %d", k+1)
					require.LessOrEqual(t, len(tb.series[0].bins), MaxBins)
				}
			}
		})
	}
}

// TestAddSquareTimes checks the run-length arithmetic at its limits
// against math/big.
func TestAddSquareTimes(t *testing.T) {
	r := newRand(4)
	qs := []int64{0, 1, -1, MaxQuantized, -MaxQuantized, MaxQuantized - 1, 1 << 32, -(1 << 32) - 1}
	for range 1000 {
		qs = append(qs, r.Int64N(2*MaxQuantized+1)-MaxQuantized)
	}
	var s2 uint192
	var s1 int128
	want2, want1 := new(big.Int), new(big.Int)
	for _, q := range qs {
		for _, c := range []uint64{1, 2, stageRuns, 256} {
			s2.addSquareTimes(q, c)
			s1.addTimes(q, c)
			bq := big.NewInt(q)
			want2.Add(want2, new(big.Int).Mul(new(big.Int).Mul(bq, bq), new(big.Int).SetUint64(c)))
			want1.Add(want1, new(big.Int).Mul(bq, new(big.Int).SetUint64(c)))
		}
	}
	require.Equal(t, 0, want2.Cmp(s2.big()))
	require.Equal(t, 0, want1.Cmp(s1.big()))
}

// TestFlushRebuildMatchesAdd feeds the same values to one table with AddRun
// and to another with Add, which adds them one by one (a rebuild per new bin
// that does not fit), and compares the tables after every flush. The series
// outgrow their layout in the middle of flushes, so that the rest of the
// flush goes through flushRebuild: new bins beyond MaxBins, below the lowest
// bin of the dense layout, beyond MaxSpan, mixed with repeated values,
// values of bins already held and undefined values.
func TestFlushRebuildMatchesAdd(t *testing.T) {
	r := newRand(41)
	prev := 0.0
	gens := []func(k int) float64{
		func(int) float64 { return math.Round(1e6 * r.NormFloat64()) },                 // hashed, coarsens
		func(int) float64 { return math.Round(300 * r.NormFloat64()) },                 // dense, coarsens
		func(int) float64 { return float64(r.IntN(400)) * 5e3 },                        // hashed, 400 values
		func(int) float64 { return -float64(r.IntN(1000)) },                            // new lowest bins
		func(k int) float64 { return float64(k * 37 % 20011) },                         // new highest bins
		func(k int) float64 { return float64(k%3) * (1 << 40) * float64(1+r.IntN(3)) }, // span
		func(int) float64 { // repeated values and undefined ones
			switch u := r.Float64(); {
			case u < 0.2:
				return math.NaN()
			case u < 0.7:
				return prev
			}
			prev = math.Round(1e4 * r.NormFloat64())
			return prev
		},
	}
	res := make([]float64, len(gens))
	for i := range res {
		res[i] = 1
	}
	row := make([]float64, len(gens))
	coarsened := 0
	for range 6 { // fresh tables: most coarsening happens early
		byRun, byAdd := NewTable(res), NewTable(res)
		for k := range 24 * stageRuns {
			for i, g := range gens {
				row[i] = g(k)
				require.NoError(t, byAdd.Add(i, row[i]))
			}
			require.NoError(t, byRun.AddRun(row))
			if byRun.staged < stageRuns {
				continue
			}
			before := make([]uint8, len(gens))
			for i := range gens {
				before[i] = byRun.series[i].shift
			}
			byRun.sync()
			for i := range gens {
				if byRun.series[i].shift > before[i] {
					coarsened++
				}
				ws, wk, wc := histogramOf(byAdd, i)
				gs, gk, gc := histogramOf(byRun, i)
				require.Equal(t, ws, gs, "series %d after run %d", i, k+1)
				require.Equal(t, wk, gk, "series %d after run %d", i, k+1)
				require.Equal(t, wc, gc, "series %d after run %d", i, k+1)
			}
		}
		byAdd.runs = byRun.runs
		require.Equal(t, allStatsBits(byAdd), allStatsBits(byRun))
		require.Equal(t, mustMarshal(t, byAdd), mustMarshal(t, byRun))
	}
	require.Greater(t, coarsened, 50, "flushes that coarsen a series")
}
