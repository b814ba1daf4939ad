package summary

import (
	"fmt"
	"math"
)

// PercentileInc returns the p-quantile (0 <= p <= 1) of sorted (ascending)
// as defined by Excel PERCENTILE.INC, which is also numpy's default
// ("linear") method: with h = (n-1)*p,
//
//	result = x[floor(h)] + (h-floor(h)) * (x[floor(h)+1] - x[floor(h)])
//
// (just x[n-1] when floor(h) = n-1). It returns NaN for an empty slice and
// panics if p is NaN or outside [0, 1]. Table percentiles use exactly the
// same arithmetic, so at shift 0 they are bit-identical to PercentileInc of
// the sorted quantized values.
func PercentileInc(sorted []float64, p float64) float64 {
	checkLevel(p)
	if len(sorted) == 0 {
		return math.NaN()
	}
	return percentileInc(int64(len(sorted)), p, func(k int64) float64 { return sorted[k] })
}

func checkLevel(p float64) {
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("summary: percentile level %v outside [0, 1]", p))
	}
}

// percentileInc computes the PERCENTILE.INC of n >= 1 sorted values given
// by at(k), k in [0, n).
func percentileInc(n int64, p float64, at func(k int64) float64) float64 {
	h := float64(n-1) * p
	fl := math.Floor(h)
	k := int64(fl)
	if k >= n-1 {
		return at(n - 1)
	}
	x0 := at(k)
	frac := h - fl
	if frac == 0 {
		return x0
	}
	return x0 + frac*(at(k+1)-x0)
}
