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
// probability level of a sorted ensemble of n members holds, judged by
// y's rank among the members and itself: r members lie below it, so at
// level `level` it is inside when lo <= r/n <= hi, lo and hi being
// (1-level)/2 and (1+level)/2. When y ties with t members its rank is
// any of r to r+t, equally likely, and it counts by the share of those
// ranks inside. If y is exchangeable with the members (drawn as they
// are), its rank is uniform on 0..n, so the expected coverage is exactly
// nominalCoverage(level, n), whatever the ties: counts of a few heads,
// with many ties, are judged as fairly as large ones.
func coverage(sorted []float64, y, level float64) float64 {
	n := len(sorted)
	below, _ := slices.BinarySearch(sorted, y)
	upto := below
	for upto < n && sorted[upto] == y {
		upto++
	}
	first, last := rankRange(level, n)
	in := min(upto, last) - max(below, first) + 1
	return float64(max(0, in)) / float64(upto-below+1)
}

// rankRange returns the ranks r (members below the observation, 0 to n)
// that a central interval of the level holds: lo*n <= r <= hi*n.
func rankRange(level float64, n int) (first, last int) {
	const eps = 1e-9 // so that 0.25*100 is 25, whatever the rounding
	first = int(math.Ceil((1-level)/2*float64(n) - eps))
	last = int(math.Floor((1+level)/2*float64(n) + eps))
	return first, last
}

// nominalCoverage is the expected coverage of a central interval of an
// ensemble of n members for an observation drawn as they are: the share
// of the n+1 equally likely ranks it holds. It exceeds the level by less
// than 1/(n+1), and is the level as n grows.
func nominalCoverage(level float64, n int) float64 {
	first, last := rankRange(level, n)
	return float64(last-first+1) / float64(n+1)
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
