package sample

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMultinomial checks that counts are conserved exactly on every draw and
// that each outcome's marginal, and the stay count, is Binomial(n, p_i) by a
// chi-squared test.
func TestMultinomial(t *testing.T) {
	draws := 100_000
	if *longTests {
		draws = 1_000_000
	}
	tests := []struct {
		name string
		n    int
		p    []float64
	}{
		{"monthly flows", 300, []float64{0.011, 0.005, 0.03, 0.001}},
		{"sums to one", 1000, []float64{0.2, 0.3, 0.5}},
		{"sums to one after rounding", 50, []float64{0.1, 0.2, 0.3, 0.4}},
		{"zeros", 100, []float64{0, 0.25, 0, 0.5}},
		{"single outcome", 40, []float64{0.3}},
		{"large n", 1_000_000, []float64{1e-4, 0.3, 0.6}},
		{"small n", 3, []float64{0.6, 0.3}},
		{"tiny probabilities", 5000, []float64{1e-5, 2e-4, 1e-3}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := newRand(uint64(2000 + i))
			k := len(tt.p)
			out := make([]int, k)
			hists := make([]*histogram, k+1)
			probs := make([]float64, k+1)
			sum := 0.0
			for j, p := range tt.p {
				probs[j] = p
				sum += p
			}
			probs[k] = math.Max(0, 1-sum) // stay
			for j, p := range probs {
				mean, sd := float64(tt.n)*p, math.Sqrt(float64(tt.n)*p*(1-p))
				lo, hi := window(mean, sd, 15, 0, tt.n)
				hists[j] = newHistogram(lo, hi)
			}
			for range draws {
				stay := Multinomial(rng, tt.n, tt.p, out)
				total := stay
				bad := stay < 0
				for j := range k {
					bad = bad || out[j] < 0
					total += out[j]
					hists[j].add(out[j])
				}
				// Plain checks in the hot loop; testify per draw is slow.
				if bad || total != tt.n {
					require.Failf(t, "counts must be >= 0 and conserve n", "n=%d out=%v stay=%d", tt.n, out, stay)
				}
				hists[k].add(stay)
			}
			for j, p := range probs {
				what := fmt.Sprintf("outcome %d (p=%g) of Multinomial(%d, %v)", j, p, tt.n, tt.p)
				if j == k {
					what = fmt.Sprintf("stay (p=%g) of Multinomial(%d, %v)", p, tt.n, tt.p)
				}
				if p <= 1e-12 {
					// Zero probability (up to the rounding of 1 - sum): the
					// count must be 0 on every draw.
					require.Equal(t, hists[j].n, hists[j].countOf(0), what)
					continue
				}
				requireFit(t, hists[j], binomialPMF(tt.n, p), what)
			}
		})
	}
}

func TestMultinomialEdgeCases(t *testing.T) {
	rng := newRand(9)
	t.Run("n=0", func(t *testing.T) {
		out := []int{7, 7, 7}
		require.Equal(t, 0, Multinomial(rng, 0, []float64{0.2, 0.3}, out))
		require.Equal(t, []int{0, 0, 7}, out, "only len(p) entries are written")
	})
	t.Run("negative n", func(t *testing.T) {
		out := []int{7, 7}
		require.Equal(t, 0, Multinomial(rng, -4, []float64{0.2, 0.3}, out))
		require.Equal(t, []int{0, 0}, out)
	})
	t.Run("no outcomes", func(t *testing.T) {
		require.Equal(t, 12, Multinomial(rng, 12, nil, nil))
	})
	t.Run("certain outcome", func(t *testing.T) {
		out := make([]int, 3)
		for range 100 {
			require.Equal(t, 0, Multinomial(rng, 25, []float64{0, 1, 0}, out))
			require.Equal(t, []int{0, 25, 0}, out)
		}
	})
	t.Run("sum slightly above one is tolerated", func(t *testing.T) {
		out := make([]int, 2)
		for range 100 {
			stay := Multinomial(rng, 25, []float64{0.5, 0.5 + 5e-13}, out)
			require.Equal(t, 0, stay)
			require.Equal(t, 25, out[0]+out[1])
		}
	})
	t.Run("all stay", func(t *testing.T) {
		out := make([]int, 2)
		require.Equal(t, 25, Multinomial(rng, 25, []float64{0, 0}, out))
		require.Equal(t, []int{0, 0}, out)
	})
}

func TestMultinomialPanics(t *testing.T) {
	rng := newRand(1)
	tests := []struct {
		name string
		p    []float64
		out  []int
	}{
		{"out too short", []float64{0.1, 0.2}, make([]int, 1)},
		{"negative p", []float64{0.1, -0.01}, make([]int, 2)},
		{"NaN p", []float64{math.NaN()}, make([]int, 1)},
		{"sum above one", []float64{0.5, 0.5 + 1e-9}, make([]int, 2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Panics(t, func() { Multinomial(rng, 10, tt.p, tt.out) })
		})
	}
}

func TestMultinomialAllocs(t *testing.T) {
	rng := newRand(5)
	p := []float64{0.011, 0.005, 0.03, 0.001}
	out := make([]int, len(p))
	allocs := testing.AllocsPerRun(1000, func() { sinkInt = Multinomial(rng, 300, p, out) })
	assert.Zero(t, allocs)
	allocs = testing.AllocsPerRun(1000, func() { sinkInt = Multinomial(rng, 100000, []float64{0.3, 0.6}, out) })
	assert.Zero(t, allocs)
}
