package summary

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }

func quantize(v, res float64) int64 { return int64(math.Round(v / res)) }

// gen produces one value of a series of some kind.
type gen func(r *rand.Rand) float64

// Realistic value generators (and resolutions) for the kinds of series
// ahpsim produces.
var (
	headcount = func(r *rand.Rand) float64 { return math.Max(0, math.Round(25+8*r.NormFloat64())) } // integers 0..~55, res 1
	fte       = func(r *rand.Rand) float64 { return 20 + 3*r.NormFloat64() }                        // res 1e-4
	rate      = func(r *rand.Rand) float64 { return 0.05 + 0.08*r.NormFloat64() }                   // res 1e-6, often negative
	money     = func(r *rand.Rand) float64 { return 1e6 + 5e4*r.NormFloat64() }                     // res 0.01
	// fewValues takes at most 40 distinct values, so the shift stays 0.
	fewValues = func(r *rand.Rand) float64 { return -0.2 + 0.0137*float64(r.IntN(40)) } // res 1e-4
	withNaN   = func(g gen, frac float64) gen {
		return func(r *rand.Rand) float64 {
			if r.Float64() < frac {
				return math.NaN()
			}
			return g(r)
		}
	}
)

// reference holds statistics computed directly from the raw quantized
// values, independently of Table.
type reference struct {
	n, undef                int64
	qs                      []int64 // sorted quantized values
	mean, sd                float64
	p05, p25, p50, p75, p95 float64
}

func computeReference(t *testing.T, values []float64, res float64) reference {
	t.Helper()
	var ref reference
	for _, v := range values {
		if math.IsNaN(v) {
			ref.undef++
			continue
		}
		ref.qs = append(ref.qs, quantize(v, res))
	}
	slices.Sort(ref.qs)
	ref.n = int64(len(ref.qs))
	if ref.n == 0 {
		return ref
	}
	xs := make([]float64, len(ref.qs))
	var sum float64
	for i, q := range ref.qs {
		xs[i] = float64(q) * res
		sum += xs[i]
	}
	// Two-pass mean and variance in float64: accurate to ~1e-15 relative
	// for these data, an independent check of the exact integer method.
	ref.mean = sum / float64(ref.n)
	var ss, comp float64
	for _, x := range xs {
		d := x - ref.mean
		ss += d * d
		comp += d
	}
	if ref.n > 1 {
		ref.sd = math.Sqrt((ss - comp*comp/float64(ref.n)) / float64(ref.n-1))
	}
	ref.p05 = PercentileInc(xs, 0.05)
	ref.p25 = PercentileInc(xs, 0.25)
	ref.p50 = PercentileInc(xs, 0.50)
	ref.p75 = PercentileInc(xs, 0.75)
	ref.p95 = PercentileInc(xs, 0.95)
	return ref
}

// requireMatchesReference checks st against ref. Mean and SD are exact
// apart from float rounding: tolerance 1e-12 relative (the float64 two-pass
// reference itself carries ~1e-15 relative error; SD gets 1e-9 because
// sqrt halves relative precision of a nearly cancelling variance) plus
// 1e-12*res absolute. Percentiles must be within pctTol (0 at shift 0, up
// to float rounding: 1e-12 relative).
func requireMatchesReference(t *testing.T, st Stats, ref reference, res, pctTol float64) {
	t.Helper()
	require.Equal(t, ref.n, st.N, "N")
	require.Equal(t, ref.undef, st.Undefined, "Undefined")
	if ref.n == 0 {
		require.False(t, st.Defined())
		require.True(t, math.IsNaN(st.Mean) && math.IsNaN(st.SD) && math.IsNaN(st.P50))
		return
	}
	require.True(t, st.Defined())
	scale := math.Max(math.Abs(ref.mean), math.Max(ref.sd, res))
	require.InDelta(t, ref.mean, st.Mean, 1e-12*scale+1e-12*res, "Mean")
	require.InDelta(t, ref.sd, st.SD, 1e-9*math.Max(ref.sd, res), "SD")
	require.InDelta(t, st.SD/math.Sqrt(float64(ref.n)), st.MCSE, 1e-15*st.SD, "MCSE")
	for _, c := range []struct {
		name      string
		want, got float64
	}{{"P05", ref.p05, st.P05}, {"P25", ref.p25, st.P25}, {"P50", ref.p50, st.P50}, {"P75", ref.p75, st.P75}, {"P95", ref.p95, st.P95}} {
		require.InDelta(t, c.want, c.got, pctTol+1e-12*math.Max(math.Abs(c.want), res), c.name)
	}
}

// statsBits returns the exact bit patterns of st, for bitwise comparison.
func statsBits(st Stats) []uint64 {
	out := []uint64{uint64(st.N), uint64(st.Undefined)}
	for _, f := range []float64{st.Mean, st.SD, st.MCSE, st.P05, st.P25, st.P50, st.P75, st.P95} {
		out = append(out, math.Float64bits(f))
	}
	return out
}

func allStatsBits(tb *Table) [][]uint64 {
	out := make([][]uint64, tb.Len())
	for i := range out {
		out[i] = statsBits(tb.Stats(i))
	}
	return out
}

func mustMarshal(t testing.TB, tb *Table) []byte {
	t.Helper()
	b, err := tb.MarshalBinary()
	require.NoError(t, err)
	return b
}

// bruteHistogram computes, from the raw quantized values, the canonical
// state the histogram must have: the smallest fitting shift and the counts
// per bin.
func bruteHistogram(qs []int64) (shift uint8, keys []int64, counts []uint64) {
	if len(qs) == 0 {
		return 0, nil, nil
	}
	for s := uint8(0); ; s++ {
		m := map[int64]uint64{}
		lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
		for _, q := range qs {
			k := q >> s
			m[k]++
			lo, hi = min(lo, k), max(hi, k)
		}
		if len(m) <= MaxBins && hi-lo <= MaxSpan {
			keys = make([]int64, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				counts = append(counts, m[k])
			}
			return s, keys, counts
		}
	}
}

// histogramOf returns the unpacked histogram of series i.
func histogramOf(tb *Table, i int) (shift uint8, keys []int64, counts []uint64) {
	tb.sync()
	s := &tb.series[i]
	for _, e := range s.unpack(nil) {
		keys = append(keys, e.key)
		counts = append(counts, e.count)
	}
	return s.shift, keys, counts
}
