package sample

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// TestBinomialSlotsTransparent checks the cache of the last few n (slots
// indexed by n mod numSlots, and the one extension past them) against the
// uncached draw, draw for draw: n cycling through values that share a slot,
// that fill every slot, and whose means need the extension and the
// recurrence beyond it, flipped and not.
func TestBinomialSlotsTransparent(t *testing.T) {
	cycles := map[string][]int{
		"one slot":       {3, 3 + numSlots, 3 + 2*numSlots, 3, 3 + numSlots},
		"every slot":     {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9},
		"repeats":        {40, 40, 40, 41, 41, 40, 41, 200, 200, 200, 40},
		"large means":    {250, 250, 251, 250, 250, 290, 290, 299, 299, 250},
		"inversion/btpe": {299, 300, 299, 301, 299, 1000, 299},
	}
	for name, ns := range cycles {
		for _, p := range []float64{0.003, 0.05, 0.1, 0.5, 0.9, 0.997} {
			t.Run(fmt.Sprintf("%s/p=%g", name, p), func(t *testing.T) {
				r1, r2 := newRand(11), newRand(11)
				b := NewBinomial(p)
				for rep := range 300 {
					for _, n := range ns {
						want := DrawBinomial(r2, n, p)
						require.Equal(t, want, b.Rand(r1, n), "rep %d n %d", rep, n)
					}
				}
			})
		}
	}
}

// TestBinomialReset checks that Reset gives a sampler that draws exactly as
// NewBinomial(p) does, whether p is unchanged (the caches are kept) or not
// (they are dropped), and that the zero value draws Binomial(n, 0).
func TestBinomialReset(t *testing.T) {
	var zero Binomial
	r := newRand(1)
	for n := range 50 {
		require.Zero(t, zero.Rand(r, n))
	}
	require.Zero(t, zero.P())

	ns := []int{7, 12, 7, 7, 30, 12, 250, 250}
	b := NewBinomial(0.05)
	r1, r2 := newRand(9), newRand(9)
	for _, p := range []float64{0.05, 0.05, 0.2, 0.2, 0.95, 0, 1, 0.05} {
		b.Reset(p)
		require.Equal(t, p, b.P())
		for rep := range 200 {
			for _, n := range ns {
				require.Equal(t, DrawBinomial(r2, n, p), b.Rand(r1, n), "p %g rep %d n %d", p, rep, n)
			}
		}
	}
	require.Panics(t, func() { b.Reset(1.5) })
}

// TestBinomialResetKeepsCache checks that Reset with the same p keeps the
// filled slots (the point of it), and that a new p empties them.
func TestBinomialResetKeepsCache(t *testing.T) {
	b := NewBinomial(0.3)
	r := newRand(2)
	b.Rand(r, 5)
	require.Equal(t, 5, b.slot[5%numSlots].n, "a draw at n = 5 fills its slot")
	b.Reset(0.3)
	require.Equal(t, 5, b.slot[5%numSlots].n, "the same p keeps it")
	b.Reset(0.31)
	require.Zero(t, b.slot[5%numSlots].n, "a new p empties it")
}

// TestInversionRedrawComputesQn checks that the roundoff redraw of
// inversion, given qn = 0 (as the cached draws pass it), computes q^n and
// then draws exactly as when given it.
func TestInversionRedrawComputesQn(t *testing.T) {
	for _, c := range []binomialCase{{1, 0.3}, {10, 0.3}, {500, 0.02}} {
		b := NewBinomial(c.p)
		qn := b.qnFor(c.n)
		r1, r2 := newRand(21), newRand(21)
		for range 1000 {
			// u = 1.5 is above any CDF value: the draw always redraws.
			want := b.inversion(r1, c.n, qn, 1.5, 1, qn, qn)
			require.Equal(t, want, b.inversion(r2, c.n, 0, 1.5, 1, qn, qn))
		}
	}
}

// TestBinomialSizeIsWholeLines checks the padding of Binomial: its size is
// a multiple of 64 bytes and its slots start at the front, so that slots in
// a slice of Binomials stay on cache-line boundaries.
func TestBinomialSizeIsWholeLines(t *testing.T) {
	var b Binomial
	if s := unsafe.Sizeof(b); s%64 != 0 {
		t.Errorf("Binomial is %d bytes, not a multiple of 64: pad it to %d", s, (s+63)/64*64)
	}
	if off := unsafe.Offsetof(b.slot); off != 0 {
		t.Errorf("Binomial.slot is at offset %d, want 0", off)
	}
	if s := unsafe.Sizeof(b.slot[0]); s != 64 {
		t.Errorf("invSlot is %d bytes, want 64", s)
	}
}

// TestBinomialSizeKeepsLargeSystemsInMemory bounds a Binomial's size: an
// engine keeps one per exit plan, hundreds of thousands at 100
// organisations, so each KiB costs about 0.45 GB of peak memory there on 2
// workers (bench/scale.sh 100: 781 MB with 8 slots, 960 bytes; 1,020 MB
// with 16, 1,472 bytes; 1,477 MB with 32, 2,496 bytes).
func TestBinomialSizeKeepsLargeSystemsInMemory(t *testing.T) {
	const limit = 1536
	if s := unsafe.Sizeof(Binomial{}); s > limit {
		t.Errorf("Binomial is %d bytes, more than %d: measure bench/scale.sh 1 10 100 before growing it", s, limit)
	}
}
