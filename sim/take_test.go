package sim

import (
	"github.com/ahpsim/ahpsim/workforce"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// takeFromRow must pick heads uniformly at random: each head is equally
// likely to be taken, whichever bucket it is in.
func TestTakeFromRowIsUniform(t *testing.T) {
	m := newTestModel(t, 1, 12, [3]int{10, 0, 0}, [3]float64{0, 0, 0})
	// A promotion after 4 months gives rows of 5 tenure buckets.
	m.Promotions = append(m.Promotions, workforce.Promotion{From: 0, To: 1, MinMonths: 4, ApplyProb: m.prob(0.1)})
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	e.beginRun(1, 0)
	for _, x := range []float64{1, 3, 9, 12} { // one at a time, and by hypergeometric draws
		const trials = 20000
		sizes := []float64{3, 1, 6, 0, 10}
		var total [5]float64
		for range trials {
			row := append([]float64(nil), sizes...)
			e.takeFromRow(row, 20, x, e.stream(streamExits, 0), e.taken)
			sum := 0.0
			for k := range row {
				assert.GreaterOrEqual(t, row[k], 0.0)
				assert.InDelta(t, sizes[k]-e.taken[k], row[k], 0)
				total[k] += e.taken[k]
				sum += e.taken[k]
			}
			assert.Equal(t, x, sum)
		}
		for k, n := range sizes {
			// E[taken from bucket k] = x n_k / 20; the hypergeometric variance
			// bounds the standard error; 5 of them.
			want := x * n / 20
			sd := 0.0
			if n > 0 {
				sd = math.Sqrt(x*(n/20)*(1-n/20)*(20-x)/19) / math.Sqrt(trials)
			}
			assert.InDelta(t, want, total[k]/trials, 5*sd+1e-12, "x=%v bucket %d", x, k)
		}
	}
}
