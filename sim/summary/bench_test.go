package summary

import (
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
