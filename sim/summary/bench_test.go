package summary

import (
	"math"
	"math/rand/v2"
	"testing"
)

// benchRows returns resolutions and pre-generated runs for numSeries series
// of realistic kinds: a third headcounts (integers 0..~55, resolution 1), a
// third FTE-like (resolution 1e-4) and a third rates (resolution 1e-6,
// partly negative).
func benchRows(numSeries, numRuns int) ([]float64, [][]float64) {
	kinds := []struct {
		res float64
		g   gen
	}{{1, headcount}, {1e-4, fte}, {1e-6, rate}}
	res := make([]float64, numSeries)
	for i := range res {
		res[i] = kinds[i%3].res
	}
	r := newRand(1)
	rows := make([][]float64, numRuns)
	for k := range rows {
		rows[k] = make([]float64, numSeries)
		for i := range rows[k] {
			rows[k][i] = kinds[i%3].g(r)
		}
	}
	return res, rows
}

// BenchmarkAddRun measures steady-state AddRun on 10k series: the table is
// first warmed up with 1000 runs (histograms coarsened and sized), then the
// benchmark cycles through 256 other pre-generated runs. ns/add is the cost
// per value.
func BenchmarkAddRun(b *testing.B) {
	const numSeries = 10_000
	res, rows := benchRows(numSeries, 1000+256)
	tb := NewTable(res)
	for _, row := range rows[:1000] {
		tb.AddRun(row)
	}
	tb.NumBins(0) // reads flush the runs still staged
	rows = rows[1000:]
	b.ReportAllocs()
	b.ResetTimer()
	k := 0
	for b.Loop() {
		tb.AddRun(rows[k%len(rows)])
		k++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/numSeries, "ns/add")
}

// BenchmarkAddRunCold starts from an empty table each 1000 runs, so it
// includes histogram growth and coarsening.
func BenchmarkAddRunCold(b *testing.B) {
	const numSeries = 10_000
	res, rows := benchRows(numSeries, 1000)
	b.ReportAllocs()
	var tb *Table
	k := 0
	for b.Loop() {
		if k%len(rows) == 0 {
			tb = NewTable(res)
		}
		tb.AddRun(rows[k%len(rows)])
		k++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/numSeries, "ns/add")
}

// BenchmarkStats measures the output-time cost per series.
func BenchmarkStats(b *testing.B) {
	res, rows := benchRows(3000, 1000)
	tb := NewTable(res)
	for _, row := range rows {
		tb.AddRun(row)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_ = tb.Stats(i % tb.Len())
		i++
	}
}

// BenchmarkMerge measures merging two 10k-series tables of 500 runs each.
func BenchmarkMerge(b *testing.B) {
	res, rows := benchRows(10_000, 1000)
	x, y := NewTable(res), NewTable(res)
	for k, row := range rows {
		if k%2 == 0 {
			x.AddRun(row)
		} else {
			y.AddRun(row)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		acc := x.Clone()
		if err := acc.Merge(y); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshal measures encoding plus decoding of a 10k-series table.
func BenchmarkMarshal(b *testing.B) {
	res, rows := benchRows(10_000, 1000)
	tb := NewTable(res)
	for _, row := range rows {
		tb.AddRun(row)
	}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		d, _ := tb.MarshalBinary()
		var back Table
		if err := back.UnmarshalBinary(d); err != nil {
			b.Fatal(err)
		}
		size = len(d)
	}
	b.ReportMetric(float64(size), "encoded-bytes")
}

// mixRows returns resolutions and runs for numSeries series in roughly the
// proportions of the BHR example's output (see BenchmarkAddRunWorkload):
// 40% constant, 5% always undefined, 20% small headcounts, 27% discrete
// values spread over a wide range that keep the histogram at shift 0 with
// far-apart bins (rates, FTE sums of whole posts, money in whole pounds:
// the hashed layout), 8% continuous (coarsened, dense) with some undefined
// values.
func mixRows(numSeries, numRuns int) ([]float64, [][]float64) {
	r := newRand(5)
	type kind struct {
		res float64
		g   gen
	}
	pool := func(n int, g gen) gen {
		vs := make([]float64, n)
		for i := range vs {
			vs[i] = g(r)
		}
		return func(r *rand.Rand) float64 {
			// Triangular choice: central values more frequent.
			return vs[(r.IntN(n)+r.IntN(n))/2]
		}
	}
	nan := math.NaN()
	var kinds []kind
	for i := range numSeries {
		var k kind
		switch p := i * 100 / numSeries; {
		case p < 40:
			c := float64(i%7) * 1.25
			k = kind{[]float64{1, 1e-4, 0.01}[i%3], func(*rand.Rand) float64 { return c }}
		case p < 45:
			k = kind{1e-6, func(*rand.Rand) float64 { return nan }}
		case p < 65:
			k = kind{1, func(r *rand.Rand) float64 { return math.Max(0, math.Round(8+3*r.NormFloat64())) }}
		case p < 92:
			switch i % 3 {
			case 0:
				k = kind{1e-6, pool(100, rate)}
			case 1:
				k = kind{1e-4, pool(70, func(r *rand.Rand) float64 { return math.Round(4*fte(r)) / 4 })}
			default:
				k = kind{0.01, pool(160, func(r *rand.Rand) float64 { return math.Round(money(r)) })}
			}
		default:
			k = kind{[]float64{1e-4, 1e-6, 0.01}[i%3], withNaN([]gen{fte, rate, money}[i%3], 0.05)}
		}
		kinds = append(kinds, k)
	}
	res := make([]float64, numSeries)
	for i, k := range kinds {
		res[i] = k.res
	}
	rows := make([][]float64, numRuns)
	for j := range rows {
		rows[j] = make([]float64, numSeries)
		for i, k := range kinds {
			rows[j][i] = k.g(r)
		}
	}
	return res, rows
}

// BenchmarkAddRunMix is BenchmarkAddRunWorkload on the synthetic mix of
// mixRows (10k series, 1000 runs), which needs no captured workload.
func BenchmarkAddRunMix(b *testing.B) {
	res, rows := mixRows(10_000, 1000)
	benchJob(b, res, rows)
}
