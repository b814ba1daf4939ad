package sample

import (
	"flag"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat/distuv"
)

// longTests enables the slow statistical checks (many more draws, a denser
// grid). The default suite still runs a real chi-squared test across the
// whole grid.
var longTests = flag.Bool("sample.long", false, "run long statistical checks in sim/sample")

// minPValue is the chi-squared p-value below which a goodness-of-fit test
// fails. Seeds are fixed, so each test is deterministic; the threshold only
// guards against a seed that happens to be unlucky when a test is written.
// With -sample.long (about 600 tests) it is divided by 100, a Bonferroni
// correction keeping the family-wise false-alarm rate near 6e-4; at millions
// of draws per case any real bias gives p-values far below either value.
func minPValue() float64 {
	if *longTests {
		return 1e-6
	}
	return 1e-4
}

// seSlack is how many standard errors a sample mean or variance may be from
// its exact value (5 standard errors: a false alarm is ~6e-7 per check under
// normality, while any real bias of that size is caught).
const seSlack = 5.0

// newRand returns a deterministic generator for the given seed.
func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// lchoose returns log C(n, k) for 0 <= k <= n.
func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n) + 1)
	b, _ := math.Lgamma(float64(k) + 1)
	c, _ := math.Lgamma(float64(n-k) + 1)
	return a - b - c
}

// binomialPMF returns the exact Binomial(n, p) pmf, computed via log-gamma.
func binomialPMF(n int, p float64) func(k int) float64 {
	return func(k int) float64 {
		if k < 0 || k > n {
			return 0
		}
		switch p {
		case 0:
			if k == 0 {
				return 1
			}
			return 0
		case 1:
			if k == n {
				return 1
			}
			return 0
		}
		return math.Exp(lchoose(n, k) + float64(k)*math.Log(p) + float64(n-k)*math.Log1p(-p))
	}
}

// hypergeometricPMF returns the exact hypergeometric pmf for the number of
// good items in a sample of size k from good+bad items.
func hypergeometricPMF(good, bad, k int) func(x int) float64 {
	return func(x int) float64 {
		if x < 0 || x > good || k-x < 0 || k-x > bad {
			return 0
		}
		return math.Exp(lchoose(good, x) + lchoose(bad, k-x) - lchoose(good+bad, k))
	}
}

// histogram counts integer draws. Values outside [lo, lo+len(counts)) are
// counted in below/above; their expected probability is taken as 0 (callers
// choose windows whose outside mass is negligible), so they are pooled into
// the end cells and any real excess shows up in the statistic.
type histogram struct {
	lo     int
	counts []int
	below  int
	above  int
	n      int
	// Welford's running mean and sum of squared deviations: a plain sum of
	// squares loses all precision for draws near 1e9.
	wMean float64
	wM2   float64
}

func newHistogram(lo, hi int) *histogram {
	return &histogram{lo: lo, counts: make([]int, hi-lo+1)}
}

func (h *histogram) add(x int) {
	h.n++
	xf := float64(x)
	d := xf - h.wMean
	h.wMean += d / float64(h.n)
	h.wM2 += d * (xf - h.wMean)
	switch i := x - h.lo; {
	case i < 0:
		h.below++
	case i >= len(h.counts):
		h.above++
	default:
		h.counts[i]++
	}
}

func (h *histogram) mean() float64 { return h.wMean }

// countOf returns how many draws equalled x.
func (h *histogram) countOf(x int) int {
	switch i := x - h.lo; {
	case i < 0 || i >= len(h.counts):
		return 0
	default:
		return h.counts[i]
	}
}

func (h *histogram) variance() float64 { return h.wM2 / float64(h.n-1) }

// chiSquared pools adjacent cells (left to right, so both tails are pooled)
// until each has expected count >= 5, and returns the statistic, its degrees
// of freedom and the p-value. df == 0 means there was nothing to test.
func (h *histogram) chiSquared(pmf func(int) float64) (stat float64, df int, pval float64) {
	type cell struct{ e, o float64 }
	total := float64(h.n)
	var cells []cell
	var acc cell
	push := func(e, o float64) {
		acc.e += e
		acc.o += o
		if acc.e >= 5 {
			cells = append(cells, acc)
			acc = cell{}
		}
	}
	push(0, float64(h.below))
	for i, c := range h.counts {
		push(pmf(h.lo+i)*total, float64(c))
	}
	push(0, float64(h.above))
	if acc.e > 0 || acc.o > 0 {
		if len(cells) == 0 {
			cells = append(cells, acc)
		} else {
			cells[len(cells)-1].e += acc.e
			cells[len(cells)-1].o += acc.o
		}
	}
	if len(cells) < 2 {
		return 0, 0, 1
	}
	for _, c := range cells {
		d := c.o - c.e
		stat += d * d / c.e
	}
	df = len(cells) - 1
	return stat, df, distuv.ChiSquared{K: float64(df)}.Survival(stat)
}

// requireFit asserts that the histogram fits pmf by a chi-squared test.
func requireFit(t *testing.T, h *histogram, pmf func(int) float64, what string) {
	t.Helper()
	stat, df, pval := h.chiSquared(pmf)
	if df == 0 {
		t.Logf("%s: no chi-squared test possible (single pooled cell)", what)
		return
	}
	t.Logf("%s: chi2 = %.2f, df = %d, p = %.4f", what, stat, df, pval)
	require.Greaterf(t, pval, minPValue(), "%s: chi2 = %.2f with %d df, p = %.3g", what, stat, df, pval)
}

// requireMoments asserts that the sample mean and variance are within
// seSlack standard errors of mean and variance; mu4 is the exact fourth
// central moment (the unbiased sample variance has variance
// (mu4 - variance^2)/N + 2*variance^2/(N(N-1))).
func requireMoments(t *testing.T, h *histogram, mean, variance, mu4 float64, what string) {
	t.Helper()
	nf := float64(h.n)
	seMean := math.Sqrt(variance / nf)
	require.InDeltaf(t, mean, h.mean(), seSlack*seMean, "%s: sample mean", what)
	seVar := math.Sqrt(math.Max(mu4-variance*variance, 0)/nf + 2*variance*variance/(nf*(nf-1)))
	require.InDeltaf(t, variance, h.variance(), seSlack*seVar, "%s: sample variance", what)
}

// window returns a range [lo, hi] within [min, max] holding all values
// within w standard deviations of mean.
func window(mean, sd, w float64, minV, maxV int) (lo, hi int) {
	lo = max(minV, int(math.Floor(mean-w*sd))-1)
	hi = min(maxV, int(math.Ceil(mean+w*sd))+1)
	return lo, hi
}

// drawsFor returns a number of draws large enough that the non-modal cells
// have an expected count of at least ~20 (so a chi-squared test is possible)
// within [minDraws, maxDraws].
func drawsFor(maxPMF float64, minDraws, maxDraws int) int {
	rest := 1 - maxPMF
	if rest <= 0 {
		return minDraws
	}
	return min(max(int(20/rest), minDraws), maxDraws)
}
