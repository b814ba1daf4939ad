package sample

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// logFactTab[i] = log(i!) for small i, so the hypergeometric pmf at the mode
// costs table lookups instead of log-gamma calls for the sizes we use.
var logFactTab = func() (t [1024]float64) {
	for i := range t {
		t[i], _ = math.Lgamma(float64(i) + 1)
	}
	return t
}()

// logFact returns log(n!) for n >= 0.
func logFact(n int) float64 {
	if n < len(logFactTab) {
		return logFactTab[n]
	}
	v, _ := math.Lgamma(float64(n) + 1)
	return v
}

// Hypergeometric returns the number of "good" items in a uniform sample,
// without replacement, of size k from a population of good + bad items.
//
// The draw is exact: it is an inversion of the CDF that starts at the mode
// (whose probability is computed from log-factorials) and walks alternately
// up and down the support using the pmf ratio recurrence, so the expected
// work is proportional to the standard deviation and nothing can underflow.
// The pmf at the mode is rounded down by a bound on its floating-point error,
// so the computed pmf sums to slightly less than 1; a uniform above the
// computed mass is redrawn, which leaves the shape exact. It does not
// allocate.
//
// Cost: nine log-factorials (table lookups below 1024, log-gamma above), one
// exp, and about 1.6 standard deviations of ratio steps, each with a
// division; ~100 ns for populations of tens to hundreds. Intended for
// populations up to millions; beyond ~1e12 the log-factorials lose too much
// precision.
//
// It panics if good, bad or k is negative or k > good + bad.
func Hypergeometric(r *rand.Rand, good, bad, k int) int {
	if good < 0 || bad < 0 || k < 0 || k > good+bad {
		panic(fmt.Sprintf("sample: Hypergeometric(good=%d, bad=%d, k=%d): invalid arguments", good, bad, k))
	}
	return hypergeometric(r, good, bad, k)
}

// hypergeometric is Hypergeometric without argument checks.
func hypergeometric(r *rand.Rand, good, bad, k int) int {
	if k == 0 || good == 0 {
		return 0
	}
	if bad == 0 {
		return k
	}
	total := good + bad
	// Symmetries: work with k <= total/2 (the unsampled items form a
	// uniform sample of size total-k) and good <= bad (swap the roles of
	// good and bad). Then the support is [0, min(k, good)].
	complement := false
	if 2*k > total {
		k = total - k
		complement = true
	}
	swap := false
	if good > bad {
		good, bad = bad, good
		swap = true
	}
	x := hyperModeInversion(r, good, bad, k)
	if swap {
		x = k - x
	}
	if complement {
		// x counts the original "good" among the unsampled items.
		g := good
		if swap {
			g = bad
		}
		x = g - x
	}
	return x
}

// hyperModeInversion draws from the hypergeometric distribution with
// parameters good <= bad and k <= (good+bad)/2 by chop-down inversion
// starting at the mode. Any fixed order of visiting the support gives an
// exact inversion; starting at the mode keeps the walk short.
func hyperModeInversion(r *rand.Rand, good, bad, k int) int {
	hi := min(k, good)
	if hi == 0 {
		return 0
	}
	total := good + bad
	gf, bf, kf := float64(good), float64(bad), float64(k)
	mode := int(math.Floor((kf + 1) * (gf + 1) / (float64(total) + 2)))
	mode = min(max(mode, 0), hi)
	lf := [9]float64{
		logFact(good), logFact(mode), logFact(good - mode),
		logFact(bad), logFact(k - mode), logFact(bad - k + mode),
		logFact(total), logFact(k), logFact(total - k),
	}
	logPm := lf[0] - lf[1] - lf[2] + lf[3] - lf[4] - lf[5] - lf[6] + lf[7] + lf[8]
	// The log-factorials are large and cancel, so logPm carries an absolute
	// error of a few ulps of their magnitude (~1e-13 for populations below
	// 1024, ~1e-8 in the millions). Shrink pm by a bound on that error (and
	// on the recurrence's rounding) so the computed pmf never sums above 1:
	// the shortfall only sends the draw to the redraw below, which keeps the
	// shape of the distribution exact, instead of cutting off a tail.
	mag := 0.0
	for _, v := range lf {
		mag += v
	}
	// (Capped so that huge populations, beyond ~1e12, where the bound is
	// no longer small, still terminate quickly.)
	pm := math.Exp(logPm - min((mag+1024)*0x1p-48, 1))
	for {
		u := r.Float64() - pm
		if u < 0 {
			return mode
		}
		up, dn := mode, mode
		pu, pd := pm, pm
		// Walk while either side has mass left; pmf values that underflow
		// to 0 carry no mass (the pmf is unimodal), so stop there.
		for (up < hi && pu > 0) || (dn > 0 && pd > 0) {
			if up < hi && pu > 0 {
				// f(x+1)/f(x) = (good-x)(k-x) / ((x+1)(bad-k+x+1))
				x := float64(up)
				pu *= (gf - x) * (kf - x) / ((x + 1) * (bf - kf + x + 1))
				up++
				u -= pu
				if u < 0 {
					return up
				}
			}
			if dn > 0 && pd > 0 {
				// f(x-1)/f(x) = x(bad-k+x) / ((good-x+1)(k-x+1))
				x := float64(dn)
				pd *= x * (bf - kf + x) / ((gf - x + 1) * (kf - x + 1))
				dn--
				u -= pd
				if u < 0 {
					return dn
				}
			}
		}
		// Roundoff left u above the computed mass: draw again.
	}
}

// MultiHypergeometric splits a uniform sample, without replacement, of size
// k across groups of sizes counts[0..g-1], writing the number drawn from each
// group into out[0..g-1]; sum(out[:g]) == k exactly.
//
// The draw is exact, by conditional hypergeometrics: group i receives
// Hypergeometric(counts[i], rest, left) where rest is the size of the later
// groups and left the sample still to place. It does not allocate.
//
// It panics if len(out) < len(counts), any count is negative, k < 0, or
// k > sum(counts).
func MultiHypergeometric(r *rand.Rand, counts []int, k int, out []int) {
	if len(out) < len(counts) {
		panic(fmt.Sprintf("sample: MultiHypergeometric: len(out) = %d < len(counts) = %d", len(out), len(counts)))
	}
	total := 0
	for i, c := range counts {
		if c < 0 {
			panic(fmt.Sprintf("sample: MultiHypergeometric: counts[%d] = %d < 0", i, c))
		}
		total += c
	}
	if k < 0 || k > total {
		panic(fmt.Sprintf("sample: MultiHypergeometric: k = %d outside [0, %d]", k, total))
	}
	left := k
	for i, c := range counts {
		total -= c
		if left == 0 {
			out[i] = 0
			continue
		}
		x := hypergeometric(r, c, total, left)
		out[i] = x
		left -= x
	}
}
