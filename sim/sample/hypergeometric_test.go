package sample

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hyperCase is one (good, bad, k) to check.
type hyperCase struct{ good, bad, k int }

// hyperGrid covers small and moderate populations (as in ahpsim), every
// symmetry branch (k above and below half the population, good above and
// below bad), degenerate supports, and a few large populations that take the
// log-gamma path.
func hyperGrid(long bool) []hyperCase {
	cases := []hyperCase{
		{0, 10, 4}, {10, 0, 4}, {5, 5, 0}, {5, 5, 10}, {1, 1, 1},
		{5, 5, 3}, {3, 7, 5}, {7, 3, 5}, {10, 90, 20}, {90, 10, 20},
		{10, 90, 80}, {50, 50, 50}, {300, 20, 100}, {1, 999, 500},
		{100, 200, 150}, {40, 120, 60}, {1000, 1000, 1000},
		{2, 2000, 1999}, {20000, 30000, 40000}, {1_000_000, 2_000_000, 500_000},
	}
	if long {
		cases = append(cases,
			hyperCase{6, 4, 7}, hyperCase{500, 500, 499}, hyperCase{500, 500, 501},
			hyperCase{3000, 7000, 123}, hyperCase{100_000_000, 300_000_000, 1_000_000},
		)
	}
	return cases
}

func TestHypergeometricGoodnessOfFit(t *testing.T) {
	baseDraws, maxDraws := 100_000, 1_000_000
	if *longTests {
		baseDraws, maxDraws = 2_000_000, 10_000_000
	}
	for i, c := range hyperGrid(*longTests) {
		t.Run(fmt.Sprintf("good=%d/bad=%d/k=%d", c.good, c.bad, c.k), func(t *testing.T) {
			rng := newRand(uint64(3000 + i))
			lo, hi := max(0, c.k-c.bad), min(c.k, c.good)
			if lo == hi {
				for range 1000 {
					require.Equal(t, lo, Hypergeometric(rng, c.good, c.bad, c.k))
				}
				return
			}
			total := float64(c.good + c.bad)
			pg := float64(c.good) / total
			mean := float64(c.k) * pg
			variance := mean * (1 - pg) * (total - float64(c.k)) / (total - 1)
			wlo, whi := window(mean, math.Sqrt(variance), 15, lo, hi)
			pmf := hypergeometricPMF(c.good, c.bad, c.k)
			maxPMF := 0.0
			for x := wlo; x <= whi; x++ {
				maxPMF = math.Max(maxPMF, pmf(x))
			}
			draws := drawsFor(maxPMF, baseDraws, maxDraws)
			h := newHistogram(wlo, whi)
			for range draws {
				x := Hypergeometric(rng, c.good, c.bad, c.k)
				if x < lo || x > hi {
					require.Failf(t, "draw outside support", "got %d, want %d..%d", x, lo, hi)
				}
				h.add(x)
			}
			requireFit(t, h, pmf, fmt.Sprintf("Hypergeometric(%d, %d, %d), %d draws", c.good, c.bad, c.k, draws))
			// Only the mean is checked here: the sample-variance standard
			// error needs the fourth moment, and the chi-squared test
			// already covers the shape.
			require.InDelta(t, mean, h.mean(), seSlack*math.Sqrt(variance/float64(draws)), "sample mean")
		})
	}
}

func TestHypergeometricPanics(t *testing.T) {
	rng := newRand(1)
	for _, c := range []hyperCase{{-1, 5, 2}, {5, -1, 2}, {5, 5, -1}, {5, 5, 11}} {
		t.Run(fmt.Sprint(c), func(t *testing.T) {
			assert.Panics(t, func() { Hypergeometric(rng, c.good, c.bad, c.k) })
		})
	}
}

func TestHypergeometricAllocs(t *testing.T) {
	rng := newRand(5)
	allocs := testing.AllocsPerRun(1000, func() { sinkInt = Hypergeometric(rng, 60, 240, 30) })
	assert.Zero(t, allocs)
	allocs = testing.AllocsPerRun(100, func() { sinkInt = Hypergeometric(rng, 600_000, 2_400_000, 300_000) })
	assert.Zero(t, allocs)
}

// TestMultiHypergeometric checks that the sample size is conserved exactly,
// no group gives more than it has, and each group's marginal is
// Hypergeometric(counts[i], total-counts[i], k) by a chi-squared test.
func TestMultiHypergeometric(t *testing.T) {
	draws := 100_000
	if *longTests {
		draws = 1_000_000
	}
	tests := []struct {
		name   string
		counts []int
		k      int
	}{
		{"grades", []int{40, 120, 25, 80, 35}, 60},
		{"empty groups", []int{0, 5, 0, 100}, 50},
		{"mixed sizes", []int{300, 200, 1, 1000}, 700},
		{"two groups", []int{10, 30}, 15},
		{"single group", []int{25}, 10},
		{"large", []int{20000, 50000, 30000}, 40000},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := newRand(uint64(4000 + i))
			total := 0
			for _, c := range tt.counts {
				total += c
			}
			g := len(tt.counts)
			out := make([]int, g)
			hists := make([]*histogram, g)
			for j, c := range tt.counts {
				hists[j] = newHistogram(0, min(c, tt.k))
			}
			for range draws {
				MultiHypergeometric(rng, tt.counts, tt.k, out)
				sum := 0
				bad := false
				for j, x := range out[:g] {
					bad = bad || x < 0 || x > tt.counts[j]
					sum += x
					hists[j].add(x)
				}
				// Plain checks in the hot loop; testify per draw is slow.
				if bad || sum != tt.k {
					require.Failf(t, "counts must be in 0..counts[i] and conserve k", "k=%d out=%v", tt.k, out)
				}
			}
			for j, c := range tt.counts {
				what := fmt.Sprintf("group %d (count %d) of MultiHypergeometric(%v, %d)", j, c, tt.counts, tt.k)
				lo, hi := max(0, tt.k-(total-c)), min(c, tt.k)
				if lo == hi {
					require.Equal(t, hists[j].n, hists[j].countOf(lo), what)
					continue
				}
				requireFit(t, hists[j], hypergeometricPMF(c, total-c, tt.k), what)
			}
		})
	}
}

func TestMultiHypergeometricEdgeCases(t *testing.T) {
	rng := newRand(13)
	t.Run("k=0", func(t *testing.T) {
		out := []int{9, 9, 9, 9}
		MultiHypergeometric(rng, []int{3, 4, 5}, 0, out)
		require.Equal(t, []int{0, 0, 0, 9}, out, "only len(counts) entries are written")
	})
	t.Run("k=total", func(t *testing.T) {
		out := make([]int, 3)
		MultiHypergeometric(rng, []int{3, 4, 5}, 12, out)
		require.Equal(t, []int{3, 4, 5}, out)
	})
	t.Run("no groups", func(t *testing.T) {
		MultiHypergeometric(rng, nil, 0, nil)
	})
}

func TestMultiHypergeometricPanics(t *testing.T) {
	rng := newRand(1)
	tests := []struct {
		name   string
		counts []int
		k      int
		out    []int
	}{
		{"out too short", []int{3, 4}, 2, make([]int, 1)},
		{"negative count", []int{3, -1}, 1, make([]int, 2)},
		{"negative k", []int{3, 4}, -1, make([]int, 2)},
		{"k above total", []int{3, 4}, 8, make([]int, 2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Panics(t, func() { MultiHypergeometric(rng, tt.counts, tt.k, tt.out) })
		})
	}
}

func TestMultiHypergeometricAllocs(t *testing.T) {
	rng := newRand(5)
	counts := []int{40, 120, 25, 80, 35}
	out := make([]int, len(counts))
	allocs := testing.AllocsPerRun(1000, func() { MultiHypergeometric(rng, counts, 60, out) })
	assert.Zero(t, allocs)
}

// TestSamplerGolden pins the first draws of Hypergeometric, Multinomial and
// MultiHypergeometric for a fixed seed (see TestBinomialGolden).
func TestSamplerGolden(t *testing.T) {
	t.Run("Hypergeometric", func(t *testing.T) {
		rng := newRand(2024)
		got := make([]int, 12)
		for i := range got {
			got[i] = Hypergeometric(rng, 60, 240, 30)
		}
		require.Equal(t, []int{4, 7, 7, 4, 5, 5, 7, 5, 6, 7, 7, 3}, got)
	})
	t.Run("Multinomial", func(t *testing.T) {
		rng := newRand(2024)
		want := [][]int{{4, 10, 73, 213}, {1, 12, 60, 227}, {1, 10, 69, 220}, {2, 9, 56, 233}}
		for _, w := range want {
			out := make([]int, 3)
			stay := Multinomial(rng, 300, []float64{0.011, 0.03, 0.2}, out)
			require.Equal(t, w, append(out, stay))
		}
	})
	t.Run("MultiHypergeometric", func(t *testing.T) {
		rng := newRand(2024)
		want := [][]int{{7, 29, 7, 17}, {12, 24, 5, 19}, {8, 30, 5, 17}, {10, 28, 8, 14}}
		for _, w := range want {
			out := make([]int, 4)
			MultiHypergeometric(rng, []int{40, 120, 25, 80}, 60, out)
			require.Equal(t, w, out)
		}
	})
}
