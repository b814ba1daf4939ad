package sim

import "testing"

func TestSmallCount(t *testing.T) {
	for v, want := range map[float64]bool{0: false, 0.49: false, 0.5: true, 1: true, 4: true, 4.49: true, 4.5: false, 5: false, 120: false, -3: false} {
		if got := SmallCount(v); got != want {
			t.Errorf("SmallCount(%v) = %v, want %v", v, got, want)
		}
	}
}
