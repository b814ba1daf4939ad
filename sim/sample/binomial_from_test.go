package sample

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBinomialRandFromIsRand checks that RandFrom, which reads the PCG
// directly on its fast path, draws exactly what Rand draws and leaves the
// stream in the same place, over n that hit the cached slots, miss them,
// reach the extension and BTPE, and n <= 0.
func TestBinomialRandFromIsRand(t *testing.T) {
	ns := []int{0, 3, 3, 11, 3, 11, 40, 41, 40, 40, 200, 200, 1000, -2, 3, 3 + numSlots, 3}
	for _, p := range []float64{0, 0.003, 0.05, 0.3, 0.5, 0.9, 0.997, 1} {
		t.Run(fmt.Sprintf("p=%g", p), func(t *testing.T) {
			pcg1, pcg2 := rand.NewPCG(5, 6), rand.NewPCG(5, 6)
			r1, r2 := rand.New(pcg1), rand.New(pcg2)
			b1, b2 := NewBinomial(p), NewBinomial(p)
			for rep := range 200 {
				for _, n := range ns {
					require.Equal(t, b1.Rand(r1, n), b2.RandFrom(pcg2, r2, n), "rep %d n %d", rep, n)
				}
			}
			require.Equal(t, r1.Uint64(), r2.Uint64(), "the streams end in the same place")
		})
	}
}
