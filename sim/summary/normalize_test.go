package summary

import (
	"cmp"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNormalizeMatchesOneShiftAtATime compares normalize, which searches
// for the final shift, with coarsening one shift at a time until the bins
// fit, on sets of distinct keys that need no shift, one, or many (keys on a
// coarse lattice, far outliers, spans beyond MaxSpan).
func TestNormalizeMatchesOneShiftAtATime(t *testing.T) {
	r := newRand(8)
	byKey := func(a, b binCount) int { return cmp.Compare(a.key, b.key) }
	shifts := map[uint8]int{}
	for trial := range 3000 {
		n := 1 + r.IntN(2*MaxBins)
		spread := []int{1, 2, 3, 8}[r.IntN(4)] * n
		step, outliers := int64(1), trial%3 == 0
		if trial%2 == 0 {
			step <<= r.IntN(40) // a lattice
		}
		seen := map[int64]bool{}
		var kc []binCount
		for len(kc) < n {
			k := int64(r.IntN(spread)) * step
			switch r.IntN(20) {
			case 0:
				if outliers {
					k += int64(r.Uint64() >> 4) // maybe beyond MaxSpan
				}
			case 1:
				k = -k
			}
			if !seen[k] {
				seen[k] = true
				kc = append(kc, binCount{k, 1 + uint64(r.IntN(5))})
			}
		}
		want, wantShift := slices.Clone(kc), uint8(0)
		for {
			lo, hi := keyRange(want)
			if len(want) <= MaxBins && hi-lo <= MaxSpan {
				break
			}
			want = mergeKeys(want, 1)
			wantShift++
		}
		var s series
		got := s.normalize(slices.Clone(kc))
		require.Equal(t, wantShift, s.shift, "trial %d", trial)
		slices.SortFunc(want, byKey)
		slices.SortFunc(got, byKey)
		require.Equal(t, want, got, "trial %d", trial)
		shifts[min(s.shift, 3)]++
	}
	for d := range uint8(4) {
		require.Greater(t, shifts[d], 100, "trials ending %d shifts up (3: 3 or more)", d)
	}
}
