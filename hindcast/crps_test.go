package hindcast

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// crpsDirect is the O(n^2) definition: mean |X - y| - 1/2 mean |X - X'|.
func crpsDirect(xs []float64, y float64) float64 {
	n := float64(len(xs))
	a, b := 0.0, 0.0
	for _, x := range xs {
		a += math.Abs(x - y)
		for _, x2 := range xs {
			b += math.Abs(x - x2)
		}
	}
	return a/n - b/(2*n*n)
}

func TestCRPSMatchesDirect(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 1 + rng.IntN(60)
		xs := make([]float64, n)
		for i := range xs {
			if trial%2 == 0 {
				xs[i] = float64(rng.IntN(5)) // counts, with ties
			} else {
				xs[i] = rng.NormFloat64()*3 + 10
			}
		}
		y := float64(rng.IntN(6)) + rng.Float64()*float64(trial%3)
		want := crpsDirect(xs, y)
		slices.Sort(xs)
		if got := CRPS(xs, y); math.Abs(got-want) > 1e-12*(1+math.Abs(want)) {
			t.Fatalf("trial %d: CRPS %v, direct %v", trial, got, want)
		}
	}
	if got := CRPS([]float64{4}, 4); got != 0 {
		t.Errorf("a point forecast at the observation scores %v, want 0", got)
	}
	if got := CRPS([]float64{1}, 4); got != 3 {
		t.Errorf("a point forecast 3 away scores %v, want 3 (the absolute error)", got)
	}
	if !math.IsNaN(CRPS(nil, 1)) {
		t.Error("an empty ensemble should score NaN")
	}
}

// crpsNormal is the closed form for N(mu, sigma^2) (Gneiting and Raftery
// 2007): sigma (z (2 Phi(z) - 1) + 2 phi(z) - 1/sqrt(pi)).
func crpsNormal(mu, sigma, y float64) float64 {
	z := (y - mu) / sigma
	phi := math.Exp(-z*z/2) / math.Sqrt(2*math.Pi)
	Phi := 0.5 * math.Erfc(-z/math.Sqrt2)
	return sigma * (z*(2*Phi-1) + 2*phi - 1/math.Sqrt(math.Pi))
}

func TestCRPSNormal(t *testing.T) {
	const mu, sigma = 50.0, 4.0
	// An ensemble of the normal's quantiles at (i-1/2)/n: the empirical
	// CRPS converges to the closed form as n grows.
	const n = 20000
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = mu + sigma*math.Sqrt2*math.Erfinv(2*(float64(i)+0.5)/n-1)
	}
	for _, y := range []float64{50, 47, 58, 30} {
		got, want := CRPS(xs, y), crpsNormal(mu, sigma, y)
		if math.Abs(got-want) > 1e-3 {
			t.Errorf("y=%v: CRPS of %d quantiles %v, closed form %v", y, n, got, want)
		}
	}
	// A random sample: the score of n draws is within a few Monte Carlo
	// standard errors of the closed form (the spread of |X - y| over n
	// bounds it; the 1/2 E|X-X'| term converges faster).
	rng := rand.New(rand.NewPCG(7, 8))
	for i := range xs {
		xs[i] = mu + sigma*rng.NormFloat64()
	}
	slices.Sort(xs)
	for _, y := range []float64{50, 58} {
		got, want := CRPS(xs, y), crpsNormal(mu, sigma, y)
		se := sigma / math.Sqrt(n)
		if math.Abs(got-want) > 4*se {
			t.Errorf("y=%v: CRPS of %d draws %v, closed form %v (4 SE = %v)", y, n, got, want, 4*se)
		}
	}
}

func TestCoverage(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12} // n = 12
	for _, tc := range []struct {
		y, level, want float64
	}{
		// n = 12: the 50% interval holds ranks 3 to 9, the 90% 1 to 11.
		{6.5, 0.5, 1},  // rank 6
		{0, 0.5, 0},    // rank 0
		{13, 0.9, 0},   // rank 12
		{3.5, 0.5, 1},  // rank 3: on the edge counts as in
		{9.5, 0.5, 1},  // rank 9: on the edge
		{2.5, 0.5, 0},  // rank 2
		{2.5, 0.9, 1},  // rank 2
		{3, 0.5, 0.5},  // ties one member: ranks 2 or 3
		{7, 0.5, 1},    // ranks 6 or 7
		{10, 0.5, 0.5}, // ranks 9 or 10
	} {
		got := coverage(xs, tc.y, tc.level)
		if math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("coverage(y=%v, level %v) = %v, want %v", tc.y, tc.level, got, tc.want)
		}
	}
	// Ties: the observation's rank is any of r to r+t, and counts by the
	// share of them inside. Every member ties: ranks 0 to 4 of n = 4, of
	// which 1, 2 and 3 are in [1, 3] (50%) and in [0.2, 3.8] (90%).
	same := []float64{4, 4, 4, 4}
	for _, level := range []float64{0.5, 0.9} {
		if got := coverage(same, 4, level); math.Abs(got-0.6) > 1e-12 {
			t.Errorf("coverage of a tie with every member at level %v = %v, want 3/5", level, got)
		}
	}
	// Two of four tie: ranks 2 to 4 against [1, 3]: two of three in.
	if got := coverage([]float64{1, 1, 2, 2}, 2, 0.5); math.Abs(got-2.0/3) > 1e-12 {
		t.Errorf("coverage = %v, want 2/3", got)
	}
	// Ranks 0 to 2 against [1, 3]: two of three in.
	if got := coverage([]float64{1, 1, 2, 2}, 1, 0.5); math.Abs(got-2.0/3) > 1e-12 {
		t.Errorf("coverage = %v, want 2/3", got)
	}
	// One member: a point, no rank of which is inside a central interval.
	if got := coverage([]float64{4}, 4, 0.9); got != 0 {
		t.Errorf("coverage of one member = %v, want 0", got)
	}
}

// TestCoverageIsExactInExpectation: for an observation drawn as the
// members are, from a distribution with heavy ties, the mean coverage is
// nominalCoverage, within its binomial error.
func TestCoverageIsExactInExpectation(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	draw := func() float64 { return float64(rng.IntN(3) + rng.IntN(2)) } // 0 to 3, many ties
	for _, n := range []int{7, 40} {
		xs := make([]float64, n)
		for _, level := range []float64{0.5, 0.9} {
			const trials = 40000
			sum := 0.0
			for range trials {
				for i := range xs {
					xs[i] = draw()
				}
				slices.Sort(xs)
				sum += coverage(xs, draw(), level)
			}
			got, want := sum/trials, nominalCoverage(level, n)
			se := math.Sqrt(want * (1 - want) / trials)
			if math.Abs(got-want) > 4*se {
				t.Errorf("n=%d, level %v: mean coverage %.4f, want %.4f within 4 se = %.4f", n, level, got, want, 4*se)
			}
		}
	}
}
