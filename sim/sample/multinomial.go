package sample

import (
	"fmt"
	"math/rand/v2"
)

// multinomialSumTol is how far the outcome probabilities may sum above 1
// (floating-point slack from callers that compute them).
const multinomialSumTol = 1e-12

// Multinomial splits n items over outcomes with probabilities p[0..k-1] and an
// implicit "stay" outcome with probability 1 - sum(p). It writes the count of
// each outcome into out[0..k-1] and returns the number that stay, so
// sum(out[:k]) + stay == n exactly.
//
// The draw is exact: outcome i receives Binomial(left, p[i]/mass) items,
// where left is the number not yet assigned and mass the probability not yet
// assigned (conditional binomials). It does not allocate.
//
// It panics if len(out) < len(p), if any p[i] is negative or NaN, or if
// sum(p) > 1 + 1e-12; if sum(p) >= 1 the stay count is 0. n <= 0 assigns
// nothing.
func Multinomial(r *rand.Rand, n int, p []float64, out []int) (stay int) {
	if len(out) < len(p) {
		panic(fmt.Sprintf("sample: Multinomial: len(out) = %d < len(p) = %d", len(out), len(p)))
	}
	total := 0.0
	for i, pi := range p {
		if !(pi >= 0) {
			panic(fmt.Sprintf("sample: Multinomial: p[%d] = %v is negative or NaN", i, pi))
		}
		total += pi
	}
	if total > 1+multinomialSumTol {
		panic(fmt.Sprintf("sample: Multinomial: probabilities sum to %v > 1", total))
	}
	stayMass := 1 - total
	if stayMass < 0 {
		stayMass = 0
	}

	left := max(n, 0)
	rest := total // probability mass of outcomes i.. (excluding stay)
	for i, pi := range p {
		if left == 0 || pi == 0 {
			out[i] = 0
			rest -= pi
			continue
		}
		var c int
		mass := rest + stayMass
		if i == len(p)-1 {
			// Recompute directly so that a zero stay mass gives exactly 1.
			mass = pi + stayMass
		}
		if pi >= mass {
			c = left
		} else {
			bp := newParams(pi / mass)
			c = bp.drawOnce(r, left)
		}
		out[i] = c
		left -= c
		rest -= pi
	}
	return left
}
