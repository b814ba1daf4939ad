package hindcast

import (
	"math"
	"slices"
)

// CRPS is the continuous ranked probability score of an ensemble, sorted
// ascending, against an observed value y: the exact score of its
// empirical distribution (Gneiting and Raftery 2007, eq. 21),
//
//	CRPS = 1/n sum_i |x_i - y|  -  1/(2n^2) sum_i sum_j |x_i - x_j|,
//
// with the double sum computed from the sorted values as
// sum_i sum_j |x_i - x_j| = 2 sum_i (2i - n - 1) x_(i) (i from 1), so the
// score costs O(n) after an O(n log n) sort. It is in the units of the
// values, 0 for a perfect point forecast, and NaN for an empty ensemble.
func CRPS(sorted []float64, y float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	abs, spread := 0.0, 0.0
	for i, x := range sorted {
		abs += math.Abs(x - y)
		spread += float64(2*(i+1)-n-1) * x
	}
	fn := float64(n)
	return abs/fn - spread/(fn*fn)
}

// coverage is the share of an observation y that the central interval of
// probability level of a sorted ensemble holds. When y ties with members,
// its place in the ensemble's distribution is the whole range
// [F(y-), F(y)] and it counts by the part of that range inside
// [(1-level)/2, (1+level)/2]: the expected coverage of the randomized
// probability integral transform (Czado, Gneiting and Held 2009), so that
// counts of a few heads, with many ties, are neither always in nor always
// out.
func coverage(sorted []float64, y, level float64) float64 {
	n := float64(len(sorted))
	below, _ := slices.BinarySearch(sorted, y)
	upto := below
	for upto < len(sorted) && sorted[upto] == y {
		upto++
	}
	lo, hi := (1-level)/2, (1+level)/2
	a, b := float64(below)/n, float64(upto)/n
	if a == b {
		if a >= lo && a <= hi {
			return 1
		}
		return 0
	}
	return math.Max(0, math.Min(b, hi)-math.Max(a, lo)) / (b - a)
}

// median is the middle of a sorted ensemble (the mean of the two middle
// values when n is even).
func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
