package sim

import (
	"testing"
	"unsafe"
)

// TestPromotionPlanLayout checks that a promotion plan is whole cache lines
// with its sampler first, so that every plan's sampler slots, in the slice
// of plans, stay on line boundaries.
func TestPromotionPlanLayout(t *testing.T) {
	var p promotionPlan
	if s := unsafe.Sizeof(p); s%64 != 0 {
		t.Errorf("promotionPlan is %d bytes, not a multiple of 64: pad it to %d", s, (s+63)/64*64)
	}
	if off := unsafe.Offsetof(p.bin); off != 0 {
		t.Errorf("promotionPlan.bin is at offset %d, want 0", off)
	}
}
