package sample

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gofNs and gofPs are the grid for the default goodness-of-fit test.
var (
	gofNs = []int{0, 1, 2, 5, 10, 30, 100, 300, 1000, 10000, 1000000}
	gofPs = []float64{0, 1e-4, 0.001, 0.011, 0.05, 0.2, 0.5, 0.7, 0.95, 0.999, 1}
)

// binomialCase is one (n, p) pair to check.
type binomialCase struct {
	n int
	p float64
}

// binomialGrid returns the goodness-of-fit cases: the full gofNs x gofPs
// grid, plus cases straddling the inversion/BTPE switch, and with
// -sample.long a denser grid.
func binomialGrid(long bool) []binomialCase {
	var cases []binomialCase
	ns, ps := gofNs, gofPs
	if long {
		ns = append(append([]int{}, ns...), 3, 7, 15, 25, 28, 29, 50, 139, 141, 500, 3000, 100000, 10000000, 1<<30)
		ps = append(append([]float64{}, ps...), 1e-6, 0.005, 0.03, 0.1, 0.3, 0.45, 0.55, 0.9, 0.99)
	}
	for _, n := range ns {
		for _, p := range ps {
			cases = append(cases, binomialCase{n, p})
		}
	}
	// Straddle the switch: the largest n with mean below inversionMaxMean
	// (inversion) and the next n (BTPE), for several p, flipped and not;
	// p = 1/2 gives the smallest n*p*q that reaches BTPE.
	for _, p := range []float64{0.5, 0.49, 0.51, 0.25, 0.1, 0.01, 0.99} {
		r := math.Min(p, 1-p)
		n := int(math.Ceil(inversionMaxMean/r)) - 1
		cases = append(cases, binomialCase{n, p}, binomialCase{n + 1, p})
	}
	return append(cases,
		binomialCase{130, 0.3},  // BTPE, k > 20 region reachable
		binomialCase{5000, 0.3}, // BTPE, squeeze/Stirling region exercised
	)
}

func TestBinomialGoodnessOfFit(t *testing.T) {
	baseDraws, maxDraws := 200_000, 1_000_000
	if *longTests {
		baseDraws, maxDraws = 2_000_000, 10_000_000
	}
	for i, c := range binomialGrid(*longTests) {
		t.Run(fmt.Sprintf("n=%d/p=%g", c.n, c.p), func(t *testing.T) {
			rng := newRand(uint64(1000 + i))
			b := NewBinomial(c.p)
			n, p := c.n, c.p

			if n == 0 || p == 0 || p == 1 {
				want := 0
				if p == 1 {
					want = n
				}
				for range 1000 {
					require.Equal(t, want, b.Rand(rng, n))
				}
				return
			}

			pmf := binomialPMF(n, p)
			mean := float64(n) * p
			variance := mean * (1 - p)
			sd := math.Sqrt(variance)
			lo, hi := 0, n
			if n > 20000 {
				lo, hi = window(mean, sd, 15, 0, n)
			}
			mode := int(math.Floor(float64(n+1) * p))
			draws := drawsFor(math.Max(pmf(mode), pmf(min(mode, n))), baseDraws, maxDraws)

			h := newHistogram(lo, hi)
			for range draws {
				x := b.Rand(rng, n)
				if x < 0 || x > n {
					require.Failf(t, "draw outside support", "got %d, want 0..%d", x, n)
				}
				h.add(x)
			}
			requireFit(t, h, pmf, fmt.Sprintf("Binomial(%d, %g), %d draws", n, p, draws))
			mu4 := variance * (1 + 3*p*(1-p)*float64(n-2))
			requireMoments(t, h, mean, variance, mu4, fmt.Sprintf("Binomial(%d, %g)", n, p))
		})
	}
}

func TestBinomialEdgeCases(t *testing.T) {
	rng := newRand(7)
	tests := []struct {
		name string
		n    int
		p    float64
		want int
	}{
		{"p=0 n=1", 1, 0, 0},
		{"p=0 n=1000", 1000, 0, 0},
		{"p=0 n=1e9", 1_000_000_000, 0, 0},
		{"p=1 n=1", 1, 1, 1},
		{"p=1 n=1000", 1000, 1, 1000},
		{"p=1 n=1e9", 1_000_000_000, 1, 1_000_000_000},
		{"n=0 p=0.3", 0, 0.3, 0},
		{"n=0 p=1", 0, 1, 0},
		{"n=-5 p=0.3", -5, 0.3, 0},
		{"n=-5 p=1", -5, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBinomial(tt.p)
			for range 100 {
				require.Equal(t, tt.want, b.Rand(rng, tt.n))
			}
			require.Equal(t, tt.want, DrawBinomial(rng, tt.n, tt.p))
		})
	}
}

// TestBinomialSupport throws many random (n, p) pairs, with n log-uniform up
// to 1e9 and p including values near 0, 1/2 and 1, at Rand and checks that
// every draw is in 0..n. It exercises every branch of both algorithms.
func TestBinomialSupport(t *testing.T) {
	rng := newRand(11)
	cases := 20_000
	if *longTests {
		cases = 1_000_000
	}
	for range cases {
		n := int(math.Exp(rng.Float64() * math.Log(1e9)))
		var p float64
		switch rng.IntN(4) {
		case 0:
			p = rng.Float64()
		case 1:
			p = math.Pow(10, -12*rng.Float64())
		case 2:
			p = 1 - math.Pow(10, -12*rng.Float64())
		default:
			p = 0.5 + (rng.Float64()-0.5)*1e-3
		}
		b := NewBinomial(p)
		for range 3 {
			x := b.Rand(rng, n)
			if x < 0 || x > n {
				require.Failf(t, "draw outside support", "Binomial(%d, %g) gave %d", n, p, x)
			}
		}
	}
}

func TestNewBinomialPanics(t *testing.T) {
	for _, p := range []float64{-1e-12, -1, 1 + 1e-12, 2, math.NaN(), math.Inf(1), math.Inf(-1)} {
		t.Run(fmt.Sprint(p), func(t *testing.T) {
			assert.Panics(t, func() { NewBinomial(p) })
			assert.Panics(t, func() { DrawBinomial(newRand(1), 10, p) })
		})
	}
}

func TestBinomialP(t *testing.T) {
	for _, p := range []float64{0, 0.011, 0.5, 0.7, 1} {
		b := NewBinomial(p)
		// P() must return p unchanged: compare the bits, not floats.
		assert.Equal(t, math.Float64bits(p), math.Float64bits(b.P()))
	}
}

// TestBinomialCacheTransparent checks that the per-n caches are a pure
// optimisation: a long-lived Binomial (whose inversion thresholds or BTPE
// constants are warm while n repeats, and refilled when n changes) and its
// copies give exactly the same draws as a fresh Binomial per draw (always
// the cold path), for the same seed.
func TestBinomialCacheTransparent(t *testing.T) {
	draws := 20_000
	if *longTests {
		draws = 1_000_000
	}
	// Means from 0.001 to just below inversionMaxMean (every block of
	// thresholds and the floating-point recurrence beyond them) and BTPE
	// cases, flipped and not.
	cases := []binomialCase{
		{1, 0.3}, {2, 0.5}, {3, 0.9}, {10, 0.001}, {20, 0.05}, {50, 0.1},
		{100, 0.08}, {300, 0.03}, {1000, 0.011}, {200, 0.1}, {2900, 0.01},
		{299, 0.1}, {59, 0.5}, {59, 0.51}, {61, 0.5}, {130, 0.9},
		{1000, 0.3}, {1000000, 0.5},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("n=%d/p=%g", c.n, c.p), func(t *testing.T) {
			warmRng, coldRng := newRand(3), newRand(3)
			warm := NewBinomial(c.p)
			for i := range draws {
				got := warm.Rand(warmRng, c.n)
				if want := DrawBinomial(coldRng, c.n, c.p); got != want {
					require.Failf(t, "warm and cold draws differ", "draw %d: warm %d, cold %d", i, got, want)
				}
			}
		})
	}
	t.Run("changing n", func(t *testing.T) {
		ns := []int{1, 5, 5, 300, 20, 300, 300, 1000, 1000, 50, 10000, 10000, 2, 1000000, 999999}
		for _, p := range []float64{0.011, 0.1, 0.5, 0.93} {
			r1, r2 := newRand(4), newRand(4)
			shared := NewBinomial(p)
			for rep := range 200 {
				for _, n := range ns {
					got := shared.Rand(r1, n)
					require.Equal(t, DrawBinomial(r2, n, p), got, "p %g rep %d n %d", p, rep, n)
				}
				cp := shared // a copy carries the cache and draws identically
				n := ns[rep%len(ns)]
				require.Equal(t, DrawBinomial(r2, n, p), cp.Rand(r1, n), "copy")
			}
		}
	})
}

// TestBinomialInversionRestart forces the roundoff fallback of inversion (a
// uniform at or above the computed F(n)) and checks that it redraws into the
// support rather than returning something out of range.
func TestBinomialInversionRestart(t *testing.T) {
	rng := newRand(17)
	for _, c := range []binomialCase{{1, 0.3}, {10, 0.3}, {500, 0.02}} {
		b := NewBinomial(c.p)
		qn := math.Exp(float64(c.n) * b.logq)
		for range 1000 {
			x := b.inversion(rng, c.n, qn, 1.5, 1, qn, qn)
			require.GreaterOrEqual(t, x, 0)
			require.LessOrEqual(t, x, c.n)
		}
	}
}

// TestBinomialGolden pins the first draws for fixed seeds so that an
// accidental change to the algorithms (which would silently change every
// seeded simulation) is noticed. If the change is intended, update the
// values.
func TestBinomialGolden(t *testing.T) {
	tests := []struct {
		name string
		n    int
		p    float64
		want []int
	}{
		{"inversion n=300 p=0.011", 300, 0.011, goldenInversion},
		{"flipped inversion n=50 p=0.97", 50, 0.97, goldenFlipped},
		{"btpe n=1000 p=0.3", 1000, 0.3, goldenBTPE},
		{"bernoulli n=1 p=0.4", 1, 0.4, goldenBernoulli},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := newRand(2024)
			b := NewBinomial(tt.p)
			got := make([]int, len(tt.want))
			for i := range got {
				got[i] = b.Rand(rng, tt.n)
			}
			require.Equal(t, tt.want, got)
		})
	}
}

var (
	goldenInversion = []int{4, 4, 6, 3, 1, 5, 1, 1, 1, 4, 5, 2}
	goldenFlipped   = []int{48, 48, 47, 49, 50, 47, 50, 50, 50, 48, 47, 49}
	goldenBTPE      = []int{308, 327, 279, 300, 282, 305, 295, 285, 271, 341, 294, 292}
	goldenBernoulli = []int{0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0}
)

func TestBinomialAllocs(t *testing.T) {
	rng := newRand(5)
	for _, c := range []binomialCase{{1, 0.3}, {300, 0.011}, {1000, 0.1}, {1000000, 0.5}, {50, 0.97}} {
		b := NewBinomial(c.p)
		n := c.n
		allocs := testing.AllocsPerRun(1000, func() {
			n ^= 1 // alternate n so the cache refills are measured too
			sinkInt = b.Rand(rng, n)
		})
		assert.Zerof(t, allocs, "Binomial(%d, %g).Rand allocates", c.n, c.p)
		allocs = testing.AllocsPerRun(1000, func() { sinkInt = DrawBinomial(rng, c.n, c.p) })
		assert.Zerof(t, allocs, "DrawBinomial(%d, %g) allocates", c.n, c.p)
	}
}

// sinkInt keeps benchmark and alloc-test results alive.
var sinkInt int

// TestPMFRatio checks BTPE's recurrence for f(y)/f(m) against log-gamma.
func TestPMFRatio(t *testing.T) {
	for _, c := range []struct {
		n    int
		p    float64
		m, y int
	}{
		{100, 0.3, 30, 30}, {100, 0.3, 30, 31}, {100, 0.3, 30, 29}, {100, 0.3, 30, 50},
		{100, 0.3, 30, 10}, {100, 0.3, 30, 0}, {100, 0.3, 30, 100}, {1000000, 0.01, 10000, 10017},
		{1000000, 0.01, 10000, 9983}, {60, 0.5, 30, 47}, {60, 0.5, 30, 13},
	} {
		pmf := binomialPMF(c.n, c.p)
		want := pmf(c.y) / pmf(c.m)
		got := pmfRatio(c.n, c.m, c.y, c.p/(1-c.p))
		assert.InEpsilonf(t, want, got, 1e-9, "n=%d p=%g m=%d y=%d", c.n, c.p, c.m, c.y)
	}
}
