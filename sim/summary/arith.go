package summary

import (
	"math/big"
	"math/bits"
)

// int128 is a two's-complement signed 128-bit integer. It accumulates the
// sum of quantized values: with |q| <= MaxQuantized = 2^61 and at most
// MaxCount < 2^32 values per series, |sum| < 2^93, so it never overflows.
type int128 struct{ lo, hi uint64 }

// addInt64 adds the sign-extended x.
func (a *int128) addInt64(x int64) {
	var c uint64
	a.lo, c = bits.Add64(a.lo, uint64(x), 0)
	a.hi += uint64(x>>63) + c
}

// addTimes adds q*c (c < 2^64, |q*c| < 2^127). The unsigned product of
// q's two's-complement bits and c exceeds the signed one by c*2^64 when
// q < 0, which the high word takes back.
func (a *int128) addTimes(q int64, c uint64) {
	hi, lo := bits.Mul64(uint64(q), c)
	hi -= c & uint64(q>>63)
	a.add(int128{lo, hi})
}

func (a *int128) add(b int128) {
	var c uint64
	a.lo, c = bits.Add64(a.lo, b.lo, 0)
	a.hi += b.hi + c
}

// mulInt128 returns x*c exactly (|x| < 2^63, c < 2^64 with |x|*c < 2^127).
func mulInt128(x int64, c uint64) int128 {
	neg := x < 0
	ax := uint64(x)
	if neg {
		ax = -ax
	}
	hi, lo := bits.Mul64(ax, c)
	r := int128{lo, hi}
	if neg {
		r = r.neg()
	}
	return r
}

func (a int128) neg() int128 {
	lo, c := bits.Add64(^a.lo, 1, 0)
	return int128{lo, ^a.hi + c}
}

func (a int128) cmp(b int128) int {
	switch {
	case int64(a.hi) < int64(b.hi):
		return -1
	case int64(a.hi) > int64(b.hi):
		return 1
	case a.lo < b.lo:
		return -1
	case a.lo > b.lo:
		return 1
	}
	return 0
}

func (a int128) big() *big.Int {
	neg := int64(a.hi) < 0
	if neg {
		a = a.neg()
	}
	z := new(big.Int).SetUint64(a.hi)
	z.Lsh(z, 64)
	z.Or(z, new(big.Int).SetUint64(a.lo))
	if neg {
		z.Neg(z)
	}
	return z
}

// uint192 is an unsigned 192-bit integer (w0 least significant). It
// accumulates the sum of squared quantized values: q^2 <= 2^122 and at most
// 2^32 values, so the sum is < 2^154 and never overflows.
type uint192 struct{ w0, w1, w2 uint64 }

// addSquare adds q*q. |q| <= 2^61 is guaranteed by the caller.
func (a *uint192) addSquare(q int64) {
	m := uint64(q)
	if q < 0 {
		m = -m
	}
	hi, lo := bits.Mul64(m, m)
	var c uint64
	a.w0, c = bits.Add64(a.w0, lo, 0)
	a.w1, c = bits.Add64(a.w1, hi, c)
	a.w2 += c
}

// addSquareTimes adds q*q*c. The caller guarantees |q| <= 2^61 and
// c <= 256 (stageRuns), so q*q*c < 2^130: three words.
func (a *uint192) addSquareTimes(q int64, c uint64) {
	m := uint64(q)
	if q < 0 {
		m = -m
	}
	hi, lo := bits.Mul64(m, m) // hi < 2^58
	h1, l1 := bits.Mul64(lo, c)
	h2, l2 := bits.Mul64(hi, c) // h2 < 4
	mid, cy := bits.Add64(l2, h1, 0)
	h2 += cy
	a.w0, cy = bits.Add64(a.w0, l1, 0)
	a.w1, cy = bits.Add64(a.w1, mid, cy)
	a.w2 += h2 + cy
}

func (a *uint192) add(b uint192) {
	var c uint64
	a.w0, c = bits.Add64(a.w0, b.w0, 0)
	a.w1, c = bits.Add64(a.w1, b.w1, c)
	a.w2 += b.w2 + c
}

// squareTimes returns m*m*c exactly. Callers guarantee m <= 2^61 and
// c < 2^32, so the result is < 2^154 and fits.
func squareTimes(m, c uint64) uint192 {
	h, l := bits.Mul64(m, m)
	h1, l1 := bits.Mul64(l, c)
	h2, l2 := bits.Mul64(h, c)
	w1, carry := bits.Add64(h1, l2, 0)
	return uint192{l1, w1, h2 + carry}
}

func (a uint192) cmp(b uint192) int {
	for _, p := range [3][2]uint64{{a.w2, b.w2}, {a.w1, b.w1}, {a.w0, b.w0}} {
		if p[0] < p[1] {
			return -1
		}
		if p[0] > p[1] {
			return 1
		}
	}
	return 0
}

func (a uint192) big() *big.Int {
	z := new(big.Int).SetUint64(a.w2)
	z.Lsh(z, 64)
	z.Or(z, new(big.Int).SetUint64(a.w1))
	z.Lsh(z, 64)
	z.Or(z, new(big.Int).SetUint64(a.w0))
	return z
}
