package summary

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPercentileInc(t *testing.T) {
	oneToTen := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	// Expected values from numpy.percentile(x, 100*p) (method="linear"),
	// equal to Excel PERCENTILE.INC. Tolerance 1e-12: the formula involves
	// one multiplication and one addition on small numbers.
	tests := []struct {
		name   string
		sorted []float64
		p      float64
		want   float64
	}{
		{"1..4 p25", []float64{1, 2, 3, 4}, 0.25, 1.75},
		{"1..4 p50", []float64{1, 2, 3, 4}, 0.5, 2.5},
		{"1..4 p75", []float64{1, 2, 3, 4}, 0.75, 3.25},
		{"1..10 p05", oneToTen, 0.05, 1.45},
		{"1..10 p25", oneToTen, 0.25, 3.25},
		{"1..10 p50", oneToTen, 0.5, 5.5},
		{"1..10 p95", oneToTen, 0.95, 9.55},
		{"1..10 p0", oneToTen, 0, 1},
		{"1..10 p100", oneToTen, 1, 10},
		{"single p05", []float64{7}, 0.05, 7},
		{"single p95", []float64{7}, 0.95, 7},
		{"single p100", []float64{7}, 1, 7},
		{"two p25", []float64{1, 3}, 0.25, 1.5},
		{"two p95", []float64{1, 3}, 0.95, 2.9},
		{"negative", []float64{-0.3, -0.1, 0.2}, 0.5, -0.1},
		{"negative p25", []float64{-0.3, -0.1, 0.2}, 0.25, -0.2},
		{"ties", []float64{2, 2, 2, 5}, 0.9, 4.1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, PercentileInc(tc.sorted, tc.p), 1e-12)
		})
	}
	assert.True(t, math.IsNaN(PercentileInc(nil, 0.5)))
	for _, p := range []float64{-0.01, 1.01, math.NaN()} {
		assert.Panics(t, func() { PercentileInc(oneToTen, p) }, "p=%v", p)
	}
}

// TestExactStatsShift0 checks that, while no coarsening happened, Stats
// equal the statistics of the raw quantized values.
func TestExactStatsShift0(t *testing.T) {
	tests := []struct {
		name string
		res  float64
		g    gen
		n    int
	}{
		{"headcount res 1", 1, headcount, 5000},
		{"few values res 1e-4 negative", 1e-4, fewValues, 5000},
		{"few values with NaN", 1e-4, withNaN(fewValues, 0.2), 3000},
		{"rates res 1e-6 small sample", 1e-6, rate, 200}, // 200 < MaxBins distinct
		{"money res 0.01 small sample", 0.01, money, 256},
		{"one value", 1, headcount, 1},
		{"two values", 0.01, money, 2},
		{"all NaN", 1, withNaN(headcount, 1), 10},
	}
	for seed, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRand(uint64(seed))
			tb := NewTable([]float64{tc.res})
			values := make([]float64, tc.n)
			for i := range values {
				values[i] = tc.g(r)
				tb.AddRun(values[i : i+1])
			}
			require.Equal(t, 0, tb.Shift(0))
			require.Equal(t, int64(tc.n), tb.Runs())
			ref := computeReference(t, values, tc.res)
			requireMatchesReference(t, tb.Stats(0), ref, tc.res, 0)
		})
	}
}

// TestCanonicalShift compares the histogram with the state derived by brute
// force from the raw values (smallest fitting shift, exact counts), for
// data sets that do and do not coarsen, including the MaxSpan trigger.
func TestCanonicalShift(t *testing.T) {
	tests := []struct {
		name      string
		res       float64
		g         gen
		n         int
		wantShift int // -1: only check > 0
	}{
		{"headcount", 1, headcount, 3000, 0},
		{"exactly MaxBins distinct", 1, func(r *rand.Rand) float64 { return float64(r.IntN(MaxBins)) }, 10000, 0},
		{"MaxBins+1 distinct", 1, func(r *rand.Rand) float64 { return float64(r.IntN(MaxBins + 1)) }, 10000, 1},
		{"fte", 1e-4, fte, 3000, -1},
		{"rate", 1e-6, rate, 3000, -1},
		{"money", 0.01, money, 3000, -1},
		{"sparse wide", 1, func(r *rand.Rand) float64 { return float64(r.IntN(100)) * 1e6 }, 3000, 0},
		{"span trigger", 1, func(r *rand.Rand) float64 { return float64(r.IntN(2)) * (1 << 40) }, 100, 9},
		{"span trigger negative", 1, func(r *rand.Rand) float64 { return -float64(r.IntN(2)) * (1 << 40) }, 100, 9},
		{"heavy tail", 1e-4, func(r *rand.Rand) float64 { return math.Exp(3 * r.NormFloat64()) }, 3000, -1},
	}
	for seed, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRand(uint64(100 + seed))
			tb := NewTable([]float64{tc.res})
			var qs []int64
			for range tc.n {
				v := tc.g(r)
				tb.Add(0, v)
				qs = append(qs, quantize(v, tc.res))
			}
			wantShift, wantKeys, wantCounts := bruteHistogram(qs)
			shift, keys, counts := histogramOf(tb, 0)
			require.Equal(t, wantShift, shift)
			require.Equal(t, wantKeys, keys)
			require.Equal(t, wantCounts, counts)
			if tc.wantShift >= 0 {
				require.Equal(t, tc.wantShift, tb.Shift(0))
			} else {
				require.Positive(t, tb.Shift(0))
			}
		})
	}
}

// orderTestTable builds the series kinds used by the order-independence
// test and returns the resolutions and generators.
func orderTestSeries() ([]float64, []gen) {
	return []float64{1, 1e-4, 1e-6, 0.01, 1e-4, 1, 1e-6},
		[]gen{headcount, fte, rate, money, fewValues, withNaN(headcount, 0.3), withNaN(rate, 0.5)}
}

// TestOrderIndependence is the exact-mergeability property: the same runs,
// added in any order and split into any number of parts merged in any
// order, give identical bytes and bit-identical Stats.
func TestOrderIndependence(t *testing.T) {
	res, gens := orderTestSeries()
	const runs = 3000
	r := newRand(7)
	data := make([][]float64, runs)
	for k := range data {
		data[k] = make([]float64, len(res))
		for i, g := range gens {
			data[k][i] = g(r)
		}
	}
	reference := NewTable(res)
	for _, row := range data {
		reference.AddRun(row)
	}
	wantBytes := mustMarshal(t, reference)
	wantStats := allStatsBits(reference)
	for i := range res[:4] {
		if i > 0 {
			require.Positive(t, reference.Shift(i), "series %d should have coarsened", i)
		}
	}

	check := func(t *testing.T, got *Table) {
		t.Helper()
		require.Equal(t, wantBytes, mustMarshal(t, got))
		require.Equal(t, wantStats, allStatsBits(got))
	}

	t.Run("shuffled runs", func(t *testing.T) {
		for seed := range uint64(3) {
			rows := slices.Clone(data)
			newRand(seed).Shuffle(len(rows), func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
			tb := NewTable(res)
			for _, row := range rows {
				tb.AddRun(row)
			}
			check(t, tb)
		}
	})

	t.Run("reverse sorted values per series", func(t *testing.T) {
		// Adding each series' values in decreasing order exercises the
		// "new lowest bin" path on every insert.
		tb := NewTable(res)
		for i := range res {
			col := make([]float64, 0, runs)
			for _, row := range data {
				col = append(col, row[i])
			}
			slices.SortFunc(col, func(a, b float64) int { return -cmpNaNFirst(a, b) })
			for _, v := range col {
				tb.Add(i, v)
			}
		}
		tb.runs = runs
		check(t, tb)
	})

	for k := 1; k <= 5; k++ {
		for seed := range uint64(3) {
			rr := newRand(1000*uint64(k) + seed)
			parts := make([]*Table, k)
			for j := range parts {
				parts[j] = NewTable(res)
			}
			for _, row := range data {
				parts[rr.IntN(k)].AddRun(row)
			}
			orders := map[string]func() *Table{
				"left fold": func() *Table {
					acc := NewTable(res)
					for _, p := range parts {
						require.NoError(t, acc.Merge(p))
					}
					return acc
				},
				"reverse fold into last": func() *Table {
					acc := parts[k-1].Clone()
					for j := k - 2; j >= 0; j-- {
						require.NoError(t, acc.Merge(parts[j]))
					}
					return acc
				},
				"tree": func() *Table {
					level := make([]*Table, k)
					for j, p := range parts {
						level[j] = p.Clone()
					}
					for len(level) > 1 {
						var next []*Table
						for j := 0; j < len(level); j += 2 {
							if j+1 < len(level) {
								require.NoError(t, level[j+1].Merge(level[j]))
							}
							next = append(next, level[min(j+1, len(level)-1)])
						}
						level = next
					}
					return level[0]
				},
				"random permutation via bytes": func() *Table {
					// Shards written to disk and merged in random order.
					perm := rr.Perm(k)
					acc := NewTable(res)
					for _, j := range perm {
						var shard Table
						require.NoError(t, shard.UnmarshalBinary(mustMarshal(t, parts[j])))
						require.NoError(t, acc.Merge(&shard))
					}
					return acc
				},
			}
			for name, merge := range orders {
				t.Run(name, func(t *testing.T) {
					check(t, merge())
				})
			}
		}
	}
}

func cmpNaNFirst(a, b float64) int {
	switch {
	case math.IsNaN(a) && math.IsNaN(b):
		return 0
	case math.IsNaN(a):
		return -1
	case math.IsNaN(b):
		return 1
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestCoarsening checks the approximation guarantees once the shift is
// positive: bounded memory, exact mean/SD and percentiles within
// (2^shift-1)/2 * resolution of the exact ones.
func TestCoarsening(t *testing.T) {
	tests := []struct {
		name string
		res  float64
		g    gen
		n    int
	}{
		{"fte", 1e-4, fte, 20000},
		{"rate", 1e-6, rate, 20000},
		{"money", 0.01, money, 20000},
		{"uniform integers", 1, func(r *rand.Rand) float64 { return float64(r.IntN(100000)) - 50000 }, 20000},
		{"heavy tail", 1e-4, func(r *rand.Rand) float64 { return math.Exp(3 * r.NormFloat64()) }, 20000},
		{"outliers", 1e-4, func(r *rand.Rand) float64 {
			if r.IntN(100) == 0 {
				return 1e4 * r.Float64()
			}
			return fte(r)
		}, 20000},
	}
	for seed, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRand(uint64(200 + seed))
			tb := NewTable([]float64{tc.res})
			values := make([]float64, tc.n)
			for i := range values {
				values[i] = tc.g(r)
				tb.Add(0, values[i])
			}
			shift := tb.Shift(0)
			require.Positive(t, shift)
			require.LessOrEqual(t, tb.NumBins(0), MaxBins)
			require.LessOrEqual(t, cap(tb.series[0].bins), MaxBins)
			// The documented bound (2^shift-1)/2*res, which is below the
			// brief's 2^shift*res; float rounding is covered by the 1e-12
			// relative slack in requireMatchesReference.
			bound := float64(uint64(1)<<shift-1) / 2 * tc.res
			ref := computeReference(t, values, tc.res)
			requireMatchesReference(t, tb.Stats(0), ref, tc.res, bound)
			// The brute-force canonical state agrees as well.
			ws, wk, wc := bruteHistogram(ref.qs)
			s, k, c := histogramOf(tb, 0)
			require.Equal(t, ws, s)
			require.Equal(t, wk, k)
			require.Equal(t, wc, c)
		})
	}
}

func TestUndefined(t *testing.T) {
	tb := NewTable([]float64{1, 1e-6, 0.01})
	nan := math.NaN()
	tb.AddRun([]float64{nan, nan, 1})
	tb.AddRun([]float64{3, nan, nan})
	tb.AddRun([]float64{5, nan, math.Float64frombits(0x7ff8000000000123)}) // any NaN payload

	st := tb.Stats(0)
	assert.Equal(t, int64(2), st.N)
	assert.Equal(t, int64(1), st.Undefined)
	assert.True(t, st.Defined())
	assert.InDelta(t, 4, st.Mean, 1e-12)
	assert.InDelta(t, math.Sqrt2, st.SD, 1e-12)
	assert.InDelta(t, 4, st.P50, 1e-12)

	st = tb.Stats(1)
	assert.Equal(t, int64(0), st.N)
	assert.Equal(t, int64(3), st.Undefined)
	assert.False(t, st.Defined())
	for _, f := range []float64{st.Mean, st.SD, st.MCSE, st.P05, st.P25, st.P50, st.P75, st.P95} {
		assert.True(t, math.IsNaN(f))
	}
	assert.True(t, math.IsNaN(tb.Percentile(1, 0.5)))

	st = tb.Stats(2)
	assert.Equal(t, int64(1), st.N)
	assert.Equal(t, int64(2), st.Undefined)
	assert.InDelta(t, 1, st.Mean, 1e-12)
	assert.InDelta(t, 0, st.SD, 0) // n == 1: SD is defined as 0
	assert.InDelta(t, 0, st.MCSE, 0)

	other := NewTable([]float64{1, 1e-6, 0.01})
	other.AddRun([]float64{nan, nan, nan})
	require.NoError(t, tb.Merge(other))
	assert.Equal(t, int64(2), tb.Stats(0).Undefined)
	assert.Equal(t, int64(4), tb.Stats(1).Undefined)
	assert.Equal(t, int64(4), tb.Runs())
}

// TestResolutions covers the usual resolutions with negative values, and
// the quantization rule (round half away from zero).
func TestResolutions(t *testing.T) {
	for _, res := range []float64{1, 1e-4, 1e-6, 0.01} {
		t.Run("", func(t *testing.T) {
			r := newRand(uint64(res * 1e6))
			tb := NewTable([]float64{res})
			values := make([]float64, 100)
			for i := range values {
				values[i] = (r.Float64() - 0.7) * 300 * res // mostly negative
				tb.Add(0, values[i])
			}
			require.Equal(t, 0, tb.Shift(0))
			requireMatchesReference(t, tb.Stats(0), computeReference(t, values, res), res, 0)
			require.Negative(t, tb.Stats(0).P50)
		})
	}
	tb := NewTable([]float64{1, 1, 0.1, 0.1})
	tb.AddRun([]float64{2.5, -2.5, 0.25, 0.3})
	assert.InDelta(t, 3, tb.Stats(0).Mean, 0)
	assert.InDelta(t, -3, tb.Stats(1).Mean, 0)
	assert.InDelta(t, 0.3, tb.Stats(2).Mean, 1e-15)
	assert.InDelta(t, 0.3, tb.Stats(3).Mean, 1e-15) // 0.3/0.1 = 2.9999999999999996 rounds to 3
}

// TestLargeValuesMillionRuns adds 1e6 runs of values around 1e9 at
// resolution 0.01 (q ~ 1e11, Σq² ~ 1e28 > 2^64) and of small rates, and
// compares mean and SD with exact big-number arithmetic.
func TestLargeValuesMillionRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("1e6 runs")
	}
	res := []float64{0.01, 1e-6, 1}
	tb := NewTable(res)
	r := newRand(42)
	const runs = 1_000_000
	cols := make([][]float64, len(res))
	row := make([]float64, len(res))
	for range runs {
		row[0] = 1e9 + 1e7*r.NormFloat64()
		row[1] = rate(r)
		row[2] = headcount(r)
		tb.AddRun(row)
		for i := range row {
			cols[i] = append(cols[i], row[i])
		}
	}
	require.Equal(t, int64(runs), tb.Runs())
	require.NotZero(t, tb.series[0].s2.w1, "sum of squares should exceed 2^64")
	for i, col := range cols {
		ref := computeReference(t, col, res[i])
		pctTol := float64(uint64(1)<<tb.Shift(i)-1) / 2 * res[i]
		requireMatchesReference(t, tb.Stats(i), ref, res[i], pctTol)
	}
	// Merging with itself doubles the counts and keeps the mean.
	before := tb.Stats(0)
	require.NoError(t, tb.Merge(tb))
	after := tb.Stats(0)
	assert.Equal(t, 2*before.N, after.N)
	assert.Equal(t, math.Float64bits(before.Mean), math.Float64bits(after.Mean))
	assert.Equal(t, int64(2*runs), tb.Runs())
}

func TestExtremeValues(t *testing.T) {
	tb := NewTable([]float64{1})
	tb.Add(0, MaxQuantized)
	tb.Add(0, -MaxQuantized)
	tb.Add(0, MaxQuantized)
	st := tb.Stats(0)
	assert.InDelta(t, MaxQuantized/3.0, st.Mean, 1)
	// Bins are 2^62 apart: the span trigger coarsens to shift 31.
	assert.Equal(t, 31, tb.Shift(0))
	b := mustMarshal(t, tb)
	var back Table
	require.NoError(t, back.UnmarshalBinary(b))
	assert.Equal(t, allStatsBits(tb), allStatsBits(&back))
}

// TestAddErrors: values a series cannot hold are errors naming the
// series, the value and the limit, and leave the table unchanged;
// programming errors (bad index, row length, resolution) still panic.
func TestAddErrors(t *testing.T) {
	tb := NewTable([]float64{1, 1e-6})
	require.NoError(t, tb.Add(0, 3))
	before := mustMarshal(t, tb)
	for _, c := range []struct {
		i    int
		v    float64
		want string
	}{
		{1, math.Inf(1), "summary: series 1: value +Inf is infinite (NaN marks undefined values)"},
		{0, math.Inf(-1), "summary: series 0: value -Inf is infinite (NaN marks undefined values)"},
		{1, 1e13, "summary: series 1: value 1e+13 is beyond the largest value the series holds, ±2.306e+12 (2^61 × resolution 1e-06)"}, // 1e19 quanta > 2^61
		{0, -1e19, "summary: series 0: value -1e+19 is beyond the largest value the series holds, ±2.306e+18 (2^61 × resolution 1)"},
		{0, math.Nextafter(MaxQuantized, math.Inf(1)), "summary: series 0: value 2.3058430092136945e+18 is beyond the largest value the series holds, ±2.306e+18 (2^61 × resolution 1)"},
	} {
		err := tb.Add(c.i, c.v)
		require.EqualError(t, err, c.want)
		var ve *ValueError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, ValueError{Series: c.i, Value: c.v, Resolution: tb.Resolution(c.i), Reason: ve.Reason}, *ve)
		assert.ErrorIs(t, err, ErrValue)
		row := []float64{0, 0}
		row[c.i] = c.v
		require.EqualError(t, tb.AddRun(row), c.want)
		assert.Equal(t, before, mustMarshal(t, tb))
	}
	assert.Panics(t, func() { _ = tb.AddRun([]float64{1}) })
	assert.Panics(t, func() { _ = tb.Add(2, 1) })
	assert.NoError(t, tb.Add(1, 2e12))
	assert.NoError(t, tb.Add(0, -MaxQuantized))
	for _, res := range []float64{0, -1, math.NaN(), math.Inf(1), 1e-101, 1e101} {
		assert.Panics(t, func() { NewTable([]float64{1, res}) }, "res=%v", res)
	}
	tb.series[0].n = MaxCount
	assert.EqualError(t, tb.Add(0, 1), "summary: series 0: value 1 would be value number 4294967296, more than MaxCount")
}

func TestMergeErrors(t *testing.T) {
	a := NewTable([]float64{1, 0.01})
	a.AddRun([]float64{1, 2})
	before := mustMarshal(t, a)
	require.ErrorIs(t, a.Merge(NewTable([]float64{1})), ErrMismatch)
	require.ErrorIs(t, a.Merge(NewTable([]float64{1, 0.1})), ErrMismatch)
	require.ErrorIs(t, a.Merge(nil), ErrMismatch)
	big := NewTable([]float64{1, 0.01})
	big.series[1].n = MaxCount // only the count matters for the check
	require.Error(t, a.Merge(big))
	require.Equal(t, before, mustMarshal(t, a), "failed merges leave the table unchanged")
	require.NoError(t, a.Merge(NewTable([]float64{1, 0.01})))
	require.Equal(t, before, mustMarshal(t, a), "merging an empty table is a no-op")
}

// TestMemoryBound adds many values spread over a huge range to many
// series; no histogram may exceed MaxBins entries or capacity.
func TestMemoryBound(t *testing.T) {
	res := make([]float64, 50)
	for i := range res {
		res[i] = []float64{1, 1e-4, 1e-6, 0.01}[i%4]
	}
	tb := NewTable(res)
	r := newRand(9)
	row := make([]float64, len(res))
	for range 4000 {
		for i := range row {
			row[i] = math.Min(math.Exp(6*r.NormFloat64())*float64(1+i), 1e15) * res[i] // q up to 1e15 < 2^53
			if i%2 == 1 {
				row[i] = -row[i]
			}
		}
		tb.AddRun(row)
	}
	other := tb.Clone()
	require.NoError(t, tb.Merge(other))
	for i := range res {
		assert.LessOrEqual(t, tb.NumBins(i), MaxBins)
		assert.LessOrEqual(t, cap(tb.series[i].bins), MaxBins)
	}
}

// TestAddRunAllocs: once the histograms hold every value that occurs,
// AddRun must not allocate.
func TestAddRunAllocs(t *testing.T) {
	res, gens := orderTestSeries()
	tb := NewTable(res)
	r := newRand(3)
	rows := make([][]float64, 64)
	for k := range rows {
		rows[k] = make([]float64, len(res))
		for i, g := range gens {
			rows[k][i] = g(r)
		}
		tb.AddRun(rows[k])
	}
	k := 0
	allocs := testing.AllocsPerRun(1000, func() {
		tb.AddRun(rows[k%len(rows)])
		k++
	})
	assert.Zero(t, allocs)
}

// TestAddRunErrorLeavesTableUnchanged: AddRun validates the whole run
// before modifying anything.
func TestAddRunErrorLeavesTableUnchanged(t *testing.T) {
	tb := sampleTable(50)
	before := mustMarshal(t, tb)
	row := make([]float64, tb.Len())
	row[tb.Len()-1] = math.Inf(1)
	require.Error(t, tb.AddRun(row))
	require.Equal(t, before, mustMarshal(t, tb))
}

// TestRandomizedAgainstBruteForce draws many small data sets of varied
// shapes (dense and sparse layouts, gaps, outliers, clusters far apart,
// negative values), adds them sequentially and in random parts merged in
// random order, and compares both with the brute-force canonical state.
func TestRandomizedAgainstBruteForce(t *testing.T) {
	r := newRand(77)
	shapes := []func(r *rand.Rand) float64{
		func(r *rand.Rand) float64 { return float64(r.IntN(10)) },
		func(r *rand.Rand) float64 { return float64(r.IntN(256) * 2) },       // dense with holes
		func(r *rand.Rand) float64 { return float64(r.IntN(300) * 2) },       // sparse, then dense
		func(r *rand.Rand) float64 { return float64(r.IntN(600)) - 300 },     // negative, coarsens
		func(r *rand.Rand) float64 { return float64(r.IntN(200) * 1000) },    // sparse steady state
		func(r *rand.Rand) float64 { return 1e6 * r.NormFloat64() },          // continuous
		func(r *rand.Rand) float64 { return float64(r.IntN(2)) * (1 << 45) }, // span trigger
		func(r *rand.Rand) float64 { // body plus far outliers
			if r.IntN(50) == 0 {
				return 1e9 * r.Float64()
			}
			return float64(r.IntN(100))
		},
	}
	var layouts [2]int // final layouts seen: sparse, dense
	coarsened := 0
	for trial := range 300 {
		n := 1 + r.IntN(1500)
		nShapes := 1 + r.IntN(2)
		picked := []int{r.IntN(len(shapes)), r.IntN(len(shapes))}[:nShapes]
		values := make([]float64, n)
		qs := make([]int64, n)
		for i := range values {
			values[i] = shapes[picked[r.IntN(nShapes)]](r)
			qs[i] = quantize(values[i], 1)
		}
		seq := NewTable([]float64{1})
		for _, v := range values {
			seq.Add(0, v)
		}
		k := 1 + r.IntN(4)
		parts := make([]*Table, k)
		for j := range parts {
			parts[j] = NewTable([]float64{1})
		}
		for _, i := range r.Perm(n) {
			parts[r.IntN(k)].Add(0, values[i])
		}
		merged := NewTable([]float64{1})
		for _, j := range r.Perm(k) {
			require.NoError(t, merged.Merge(parts[j]))
		}
		ws, wk, wc := bruteHistogram(qs)
		for _, tb := range []*Table{seq, merged} {
			s, keys, counts := histogramOf(tb, 0)
			require.Equal(t, ws, s, "trial %d shapes %v", trial, picked)
			require.Equal(t, wk, keys, "trial %d shapes %v", trial, picked)
			require.Equal(t, wc, counts, "trial %d shapes %v", trial, picked)
			require.Equal(t, len(wk), tb.NumBins(0))
			require.LessOrEqual(t, cap(tb.series[0].bins), MaxBins)
		}
		require.Equal(t, mustMarshal(t, seq), mustMarshal(t, merged), "trial %d", trial)
		if seq.series[0].dense {
			layouts[1]++
		} else {
			layouts[0]++
		}
		if ws > 0 {
			coarsened++
		}
	}
	// The trials must cover both layouts and coarsening.
	require.Greater(t, layouts[0], 20)
	require.Greater(t, layouts[1], 20)
	require.Greater(t, coarsened, 50)
}

// TestValuesNearMaxQuantized: values up to ±2^61 quanta, beyond the 2^53
// of float64 integers, often repeated (so flushes add them c at a time),
// give exact means and SDs and the same state however they are split and
// merged. (The old limit, 2^53, made them errors.)
func TestValuesNearMaxQuantized(t *testing.T) {
	res := []float64{0.01, 1, 1e-6}
	r := newRand(61)
	var rows [][]float64
	cols := make([][]float64, len(res))
	for range 300 {
		row := make([]float64, len(res))
		for i := range row {
			q := float64(r.Int64N(2*MaxQuantized+1) - MaxQuantized)
			if r.IntN(3) > 0 && len(rows) > 0 {
				q = rows[len(rows)-1][i] / res[i] // repeat the last value
			}
			row[i] = q * res[i]
			if math.Abs(math.Round(row[i]/res[i])) > MaxQuantized {
				row[i] = float64(MaxQuantized) * res[i] * 0.999
			}
			cols[i] = append(cols[i], row[i])
		}
		rows = append(rows, row)
	}
	whole := NewTable(res)
	a, b := NewTable(res), NewTable(res)
	for k, row := range rows {
		require.NoError(t, whole.AddRun(row))
		require.NoError(t, []*Table{a, b}[k%2].AddRun(row))
	}
	require.NoError(t, a.Merge(b))
	assert.Equal(t, mustMarshal(t, whole), mustMarshal(t, a))
	for i, col := range cols {
		ref := computeReference(t, col, res[i])
		pctTol := float64(uint64(1)<<whole.Shift(i)-1) / 2 * res[i]
		requireMatchesReference(t, whole.Stats(i), ref, res[i], pctTol)
	}
	var back Table
	require.NoError(t, back.UnmarshalBinary(mustMarshal(t, whole)))
	assert.Equal(t, allStatsBits(whole), allStatsBits(&back))
}
