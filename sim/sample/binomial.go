package sample

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// inversionMaxMean is the mean n*min(p, 1-p) from which Binomial.Rand uses
// BTPE instead of inversion. Inversion costs about one multiply-add per unit
// of mean beyond the cached thresholds (or beyond 0 for a new n, which also
// pays an exp), BTPE a roughly constant amount (and its construction needs
// n*p*(1-p) well above ~5). On the development machine
// (BenchmarkInversionVsBTPE) they cross near mean 30 when n changes between
// draws and near 45 when it repeats; 30 is also numpy's choice.
const inversionMaxMean = 30.0

// Inversion thresholds. A Binomial keeps, for each of a few n in the
// inversion range (a small cache indexed by n mod numSlots), the first invK1
// values of the CDF as 53-bit integer thresholds, with q^n and the state of
// the recurrence after them. A draw compares one 53-bit uniform with those
// thresholds (branch-free, conditional moves); only above them does it go
// on, with the next invK-invK1 thresholds, kept for one n (the extension,
// built when that n draws beyond its slot twice running), and then the
// floating-point recurrence.
const (
	invK1    = 4
	invK     = invK1 + 3*8
	numSlots = 16 // a power of two
)

// pmfShrink scales f(0) = q^n, and so the whole computed pmf, down by more
// than its accumulated rounding error (a few ulps from exp and the product,
// plus about one ulp per recurrence step). The computed pmf then never sums
// above 1, so no value is over-weighted or cut off at the top of the
// support; the missing ~1e-12 of mass sends the draw to the redraw in
// inversion, which leaves the shape of the distribution unchanged.
const pmfShrink = 1 - 0x1p-40

// invTab[k] = 1/k, so the inversion recurrence needs no division for small k.
var invTab = func() (t [64]float64) {
	for k := 1; k < len(t); k++ {
		t[k] = 1 / float64(k)
	}
	return t
}()

// uniform returns a uniform float64 in [0, 1) on the grid k/2^53 from the
// top 53 bits of one r.Uint64().
func uniform(r *rand.Rand) float64 {
	return float64(r.Uint64()>>11) * 0x1p-53
}

// params are the constants of Binomial(·, p) that depend only on p.
type params struct {
	p    float64 // p as given
	r    float64 // min(p, 1-p)
	logq float64 // log(1-r), or NaN until needed (see newParams)
	s    float64 // r/(1-r)
	flip bool    // p > 0.5: the draw is n - X with X ~ Binomial(n, 1-p)
}

// invSlot is the start of the inversion CDF for one n, with all a draw
// that ends in it reads: 64 bytes, one cache line when aligned.
type invSlot struct {
	n   int           // the n it holds, or 0 (empty: n <= 0 is never looked up)
	t   [invK1]uint64 // t[k] = min(ceil(F(k) * 2^53), 2^53), F the computed CDF
	neg int           // -1 if the draw is flipped (n - X), else 0
	f   float64       // F(invK1-1)
	pk  float64       // f(invK1-1), the pmf
}

// invExt continues the thresholds of one n from invK1 to invK.
type invExt struct {
	n    int                  // the n it holds, or 0
	seen int                  // the n of the last draw that went beyond its slot
	t    [invK - invK1]uint64 // t[k-invK1], k = invK1 .. invK-1, as in invSlot
	f    float64              // F(invK-1)
	pk   float64              // f(invK-1)
}

// Binomial draws from Binomial(n, p) for a fixed p and varying n.
//
// Build with NewBinomial; the zero value draws Binomial(n, 0). A Binomial
// is safe to copy (a copy is independent and draws identically) and Rand
// does not allocate. Rand caches n-dependent setup (the inversion
// thresholds of the last few n, the BTPE constants of the last n): a pure
// optimisation, results do not depend on the cache. So Rand must not be
// called on the same Binomial from several goroutines at once (nor may the
// *rand.Rand be shared).
type Binomial struct {
	slot [numSlots]invSlot // read first on most draws, so at the front
	params
	ext invExt
	bt  btpeSetup // BTPE constants for the last n drawn by BTPE, or n = 0
	// The size is a whole number of cache lines, so that in a slice of
	// Binomials (64-byte aligned, as Go's larger allocations are) every
	// slot is one line: a draw on the fast path then reads one line, not
	// two (TestBinomialSizeIsWholeLines).
	_ [48]byte
}

// btpeSetup holds the n-dependent constants of BTPE (Kachitvichyanukul &
// Schmeiser 1988, step 0) for a given n and r = min(p, 1-p).
type btpeSetup struct {
	n    int
	m    int     // mode
	nrq  float64 // n*r*q
	xm   float64 // m + 0.5
	xl   float64 // left end of the triangle/parallelogram region
	xr   float64 // right end
	c    float64 // parallelogram height
	laml float64 // left exponential tail rate
	lamr float64 // right exponential tail rate
	ic   float64 // 1/c
	ip1  float64 // 1/p1
	ilml float64 // 1/laml
	ilmr float64 // 1/lamr
	p1   float64 // cumulative areas of the four regions
	p2   float64
	p3   float64
	p4   float64
}

// NewBinomial returns a sampler for Binomial(·, p). p must be in [0, 1]; it
// panics otherwise, since an invalid probability is a programmer error that
// callers are expected to have validated.
func NewBinomial(p float64) Binomial {
	c := newParams(p)
	c.logq = math.Log1p(-c.r)
	return Binomial{params: c}
}

// Reset makes b a sampler for p, as NewBinomial(p) would, but keeps b's
// caches when b already samples exactly this p (they depend only on p and
// n): a flow whose probability stays the same from run to run then keeps
// its thresholds. It panics as NewBinomial does.
func (b *Binomial) Reset(p float64) {
	if math.Float64bits(b.p) == math.Float64bits(p) {
		return
	}
	*b = NewBinomial(p)
}

// newParams computes the constants of p, without log(1-r), which qnFor
// computes when first needed: one-off draws (DrawBinomial, Multinomial) of
// a small mean mostly return 0 without it.
func newParams(p float64) params {
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("sample: NewBinomial: p = %v outside [0, 1]", p))
	}
	c := params{p: p, r: p, logq: math.NaN()}
	if p > 0.5 {
		c.r = 1 - p // exact for p in [0.5, 1] (Sterbenz)
		c.flip = true
	}
	c.s = c.r / (1 - c.r)
	return c
}

// P returns the success probability the Binomial was built with.
func (b *Binomial) P() float64 { return b.p }

// Rand returns an exact draw from Binomial(n, p), 0 <= result <= n. n <= 0
// returns 0. When p is 0 or 1 (or n <= 0) no randomness is consumed.
//
// The common case, an n drawn recently and a small mean, costs one uniform
// and a few integer comparisons.
func (b *Binomial) Rand(r *rand.Rand, n int) int {
	sl := &b.slot[n&(numSlots-1)]
	if sl.n != n || n <= 0 {
		return b.randSlow(r, n)
	}
	return sl.flip(n, sl.draw(b, r, n, r.Uint64()>>11))
}

// RandFrom is Rand with r = rand.New(src): the same draw, consuming the
// same stream, for hot loops. The common case reads src directly, so that
// its generator inlines instead of being called through r's Source
// interface, which cost as much as the rest of the draw.
func (b *Binomial) RandFrom(src *rand.PCG, r *rand.Rand, n int) int {
	sl := &b.slot[n&(numSlots-1)]
	if sl.n != n || n <= 0 {
		return b.randSlow(r, n)
	}
	// sl.draw, by hand: the compiler would not inline it.
	u := src.Uint64() >> 11
	x := 0
	if u >= sl.t[0] {
		x = 1
	}
	if u >= sl.t[1] {
		x = 2
	}
	if u >= sl.t[2] {
		x = 3
	}
	if u >= sl.t[invK1-1] {
		x = b.invTail(r, n, sl, u)
	}
	return sl.flip(n, x)
}

// flip returns the draw for X: n - X if the slot is flipped, else X,
// without a branch.
func (sl *invSlot) flip(n, x int) int { return (x ^ sl.neg) - sl.neg + n&sl.neg }

// draw returns X (unflipped) for the 53-bit uniform u. For an integer u,
// u >= ceil(F*2^53) exactly when u/2^53 >= F, so these are the same tests
// as on the float64 uniform in inversion. The thresholds increase, so x
// ends as the number of them at or below u; the ifs compile to
// conditional moves.
func (sl *invSlot) draw(b *Binomial, r *rand.Rand, n int, u uint64) int {
	x := 0
	if u >= sl.t[0] {
		x = 1
	}
	if u >= sl.t[1] {
		x = 2
	}
	if u >= sl.t[2] {
		x = 3
	}
	if u >= sl.t[invK1-1] {
		x = b.invTail(r, n, sl, u)
	}
	return x
}

// invTail continues an inversion draw whose 53-bit uniform u is at or
// above the slot's last threshold, returning X (unflipped): with the
// extension's thresholds, in blocks of 8, if it holds n, and then with the
// floating-point recurrence.
func (b *Binomial) invTail(r *rand.Rand, n int, sl *invSlot, u uint64) int {
	ext := &b.ext
	if ext.n != n {
		if ext.seen != n || n < invK1 {
			// Once, or past F(n) by roundoff: the recurrence.
			ext.seen = n
			return b.inversion(r, n, 0, float64(u)*0x1p-53, invK1, sl.pk, sl.f)
		}
		b.fillExt(n, sl)
	}
	for base := 0; base < len(ext.t); base += 8 {
		t := (*[8]uint64)(ext.t[base : base+8])
		if u < t[7] {
			return invK1 + base + countBelow7(u, t)
		}
	}
	return b.inversion(r, n, 0, float64(u)*0x1p-53, invK, ext.pk, ext.f)
}

// countBelow7 returns how many of the increasing t[0..6] are <= u. The ifs
// compile to conditional moves.
func countBelow7(u uint64, t *[8]uint64) int {
	x := 0
	if u >= t[0] {
		x = 1
	}
	if u >= t[1] {
		x = 2
	}
	if u >= t[2] {
		x = 3
	}
	if u >= t[3] {
		x = 4
	}
	if u >= t[4] {
		x = 5
	}
	if u >= t[5] {
		x = 6
	}
	if u >= t[6] {
		x = 7
	}
	return x
}

// randSlow is Rand when n has no inversion slot: it draws by BTPE, or
// fills n's slot and draws from it. It fills the slot even when the draw
// could be decided without q^n (surelyZero, which one-off draws use): in
// the engine an n recurs over the next steps, and a slot filled once
// serves them all on the fast path, where skipping the fill would send
// each of them here again.
func (b *Binomial) randSlow(r *rand.Rand, n int) int {
	if n <= 0 {
		return 0
	}
	if b.r == 0 {
		// p == 0 or p == 1: deterministic.
		if b.flip {
			return n
		}
		return 0
	}
	x := 0
	if mean := float64(n) * b.r; mean >= inversionMaxMean {
		if b.bt.n != n {
			b.bt = b.btpeSetupFor(n)
		}
		x = b.btpe(r, n, &b.bt)
	} else {
		u := r.Uint64() >> 11
		sl := &b.slot[n&(numSlots-1)]
		b.fillSlot(sl, n)
		return sl.flip(n, sl.draw(b, r, n, u))
	}
	if b.flip {
		return n - x
	}
	return x
}

// surelyZero reports whether the uniform u is below a lower bound of q^n
// at this mean, so that inversion returns 0 without computing q^n.
// Bernoulli's inequality q^n >= 1 - n*r gives a bound close to it when the
// mean is small; the margin keeps the bound below the computed (shrunk,
// rounded) q^n, so the decision is exactly the one inversion would make.
func (c *params) surelyZero(mean, u float64) bool {
	return mean <= 0.5 && u < (1-mean)*(1-0x1p-38)
}

// qnFor returns the computed f(0) = q^n, shrunk by pmfShrink.
func (c *params) qnFor(n int) float64 {
	qn := 1 - c.r
	if n > 1 {
		if c.logq != c.logq { // NaN: not computed yet (see newParams)
			c.logq = math.Log1p(-c.r)
		}
		qn = math.Exp(float64(n) * c.logq)
	}
	return qn * pmfShrink
}

// fillSlot computes slot sl's thresholds for n. It uses the same recurrence
// and summation order as inversion, so the thresholds reproduce its
// decisions exactly. For k > n the pmf is 0 and F stays at F(n).
func (b *Binomial) fillSlot(sl *invSlot, n int) {
	qn := b.qnFor(n)
	f, pk := qn, qn
	sl.t[0] = threshold(f)
	for k := 1; k < invK1; k++ {
		pk = b.nextPMF(pk, n, k)
		f += pk
		sl.t[k] = threshold(f)
	}
	sl.n, sl.f, sl.pk = n, f, pk
	sl.neg = 0
	if b.flip {
		sl.neg = -1
	}
}

// fillExt continues slot sl's thresholds (for n) into the extension.
func (b *Binomial) fillExt(n int, sl *invSlot) {
	f, pk := sl.f, sl.pk
	for k := invK1; k < invK; k++ {
		pk = b.nextPMF(pk, n, k)
		f += pk
		b.ext.t[k-invK1] = threshold(f)
	}
	b.ext.n, b.ext.f, b.ext.pk = n, f, pk
}

// nextPMF returns f(k) from pk = f(k-1), k < len(invTab). The explicit
// conversion rounds the product, so the compiler cannot fuse it into the
// caller's addition (as it may on arm64 or GOAMD64=v3) differently here and
// in inversion.
func (c *params) nextPMF(pk float64, n, k int) float64 {
	return float64(pk * (float64(n+1-k) * c.s * invTab[k]))
}

// threshold is the 53-bit integer threshold of a CDF value f.
func threshold(f float64) uint64 { return min(uint64(math.Ceil(f*0x1p53)), 1<<53) }

// DrawBinomial is a convenience for one-off draws, equivalent to
// NewBinomial(p) then Rand, with no cache (it only computes log(1-p) if the
// draw needs it). It panics if p is outside [0, 1].
func DrawBinomial(r *rand.Rand, n int, p float64) int {
	c := newParams(p)
	return c.drawOnce(r, n)
}

// drawOnce is a draw from Binomial(n, p) with no cache at all: BTPE, or
// inversion from X = 0. It is the reference the cached Rand must agree with
// draw for draw.
func (c *params) drawOnce(r *rand.Rand, n int) int {
	if n <= 0 {
		return 0
	}
	if c.r == 0 {
		if c.flip {
			return n
		}
		return 0
	}
	x := 0
	if mean := float64(n) * c.r; mean >= inversionMaxMean {
		st := c.btpeSetupFor(n)
		x = c.btpe(r, n, &st)
	} else if u := uniform(r); !c.surelyZero(mean, u) {
		if qn := c.qnFor(n); u >= qn {
			x = c.inversion(r, n, qn, u, 1, qn, qn)
		}
	}
	if c.flip {
		return n - x
	}
	return x
}

// inversion continues a draw X ~ Binomial(n, r) by sequential search of the
// CDF (algorithm BINV of Kachitvichyanukul & Schmeiser 1988). Given the
// uniform u, k0 >= 1, pk = f(k0-1) and f = F(k0-1) <= u, it applies the
// recurrence f(k) = f(k-1) * (n-k+1)/k * r/q and returns the first k >= k0
// with u < F(k). The expected number of steps is about n*r, so it is only
// used for small means, where f(0) = q^n = exp(n*log q) cannot underflow
// (n*log q >= -inversionMaxMean*ln 4 for r <= 1/2). Should floating-point
// roundoff leave u at or above the computed F(n), the draw is repeated from
// X = 0 with a fresh uniform rather than truncated, so the result is always
// in [0, n]. qn is q^n, or 0 to have the redraw compute it.
func (c *params) inversion(r *rand.Rand, n int, qn, u float64, k0 int, pk, f float64) int {
	s := c.s
	for {
		for k := k0; k <= n; k++ {
			var ik float64
			if k < len(invTab) {
				ik = invTab[k]
			} else {
				ik = 1 / float64(k)
			}
			pk = float64(pk * (float64(n+1-k) * s * ik)) // no fusion: see nextPMF
			f += pk
			if u < f {
				return k
			}
		}
		// Roundoff: start again from X = 0 with a fresh uniform.
		if qn == 0 {
			qn = c.qnFor(n)
		}
		u, k0, pk, f = uniform(r), 1, qn, qn
		if u < f {
			return 0
		}
	}
}

// btpeSetupFor computes the BTPE constants for n (step 0 of the algorithm).
func (pr *params) btpeSetupFor(n int) btpeSetup {
	r := pr.r
	q := 1 - r
	nf := float64(n)
	fm := nf*r + r
	m := math.Floor(fm)
	nrq := nf * r * q
	p1 := math.Floor(2.195*math.Sqrt(nrq)-4.6*q) + 0.5
	xm := m + 0.5
	xl := xm - p1
	xr := xm + p1
	c := 0.134 + 20.5/(15.3+m)
	a := (fm - xl) / (fm - xl*r)
	laml := a * (1 + a/2)
	a = (xr - fm) / (xr * q)
	lamr := a * (1 + a/2)
	ilml, ilmr := 1/laml, 1/lamr
	p2 := p1 * (1 + 2*c)
	p3 := p2 + c*ilml
	p4 := p3 + c*ilmr
	return btpeSetup{
		n: n, m: int(m), nrq: nrq, xm: xm, xl: xl, xr: xr, c: c,
		laml: laml, lamr: lamr, ic: 1 / c, ip1: 1 / p1, ilml: ilml, ilmr: ilmr,
		p1: p1, p2: p2, p3: p3, p4: p4,
	}
}

// btpe draws X ~ Binomial(n, r), r <= 1/2, n*r >= inversionMaxMean, by the
// triangle-parallelogram-exponential acceptance/rejection algorithm BTPE of
// Kachitvichyanukul & Schmeiser (1988). The majorizing function is a triangle
// over the centre, two parallelograms beside it and two exponential tails;
// candidates are accepted against the exact pmf ratio f(y)/f(m) (computed by
// the recurrence when y is near the mode m, otherwise via a squeeze and
// Stirling's series), so the output distribution is exact.
func (c *params) btpe(rng *rand.Rand, n int, st *btpeSetup) int {
	r := c.r
	q := 1 - r
	nf := float64(n)
	m := st.m
	for {
		u := uniform(rng) * st.p4
		v := uniform(rng)
		// xl > 0 at the means BTPE is used for, and every candidate x
		// below is >= 0 (the tails check), so int(x) is floor(x).
		var y int
		switch {
		case u <= st.p1:
			// Triangular region: accept immediately.
			return int(st.xm - st.p1*v + u)
		case u <= st.p2:
			// Parallelograms.
			x := st.xl + (u-st.p1)*st.ic
			v = v*st.c + 1 - math.Abs(st.xm-x)*st.ip1
			if v > 1 {
				continue
			}
			y = int(x)
		case u <= st.p3:
			// Left exponential tail (log(0) = -Inf is rejected too).
			x := st.xl + math.Log(v)*st.ilml
			if !(x >= 0) {
				continue
			}
			y = int(x)
			v *= (u - st.p2) * st.laml
		default:
			// Right exponential tail (log(0) = -Inf is rejected too).
			x := st.xr - math.Log(v)*st.ilmr
			if !(x < nf+1) {
				continue
			}
			y = int(x)
			v *= (u - st.p3) * st.lamr
		}

		k := y - m
		if k < 0 {
			k = -k
		}
		if k <= 20 || float64(k) >= st.nrq/2-1 {
			// Explicit evaluation of f(y)/f(m) by the recurrence.
			if v <= pmfRatio(n, m, y, c.s) {
				return y
			}
			continue
		}

		// Here 20 < k < n*r*q/2 - 1, so y+1 > m/2 >= 15 and the truncated
		// Stirling series below is accurate to ~1e-16. Squeeze on
		// log f(y)/f(m) first, then the final test with Stirling's formula:
		// log f(y)/f(m) = xm*log(f1/x1) + (n-m+1/2)*log(z/w)
		//   + (y-m)*log(w*r/(x1*q)) + d(f1) + d(z) - d(x1) - d(w),
		// with d the Stirling correction. (The 1988 paper adds all four
		// corrections and misprints 13860 as 13680; both are fixed here, as
		// in GSL.)
		kf := float64(k)
		rho := (kf / st.nrq) * ((kf*(kf/3+0.625)+1.0/6)/st.nrq + 0.5)
		t := -kf * kf / (2 * st.nrq)
		av := math.Log(v)
		if av < t-rho {
			return y
		}
		if av > t+rho {
			continue
		}
		yf := float64(y)
		mf := float64(m)
		x1 := yf + 1
		f1 := mf + 1
		z := nf + 1 - mf
		w := nf - yf + 1
		bound := st.xm*math.Log(f1/x1) +
			(nf-mf+0.5)*math.Log(z/w) +
			(yf-mf)*math.Log(w*r/(x1*q)) +
			stirlingTail(f1) + stirlingTail(z) - stirlingTail(x1) - stirlingTail(w)
		if av <= bound {
			return y
		}
	}
}

// pmfRatio returns f(y)/f(m) for the Binomial(n, r) pmf f, s = r/(1-r),
// 0 <= y, m <= n, by the recurrence f(i)/f(i-1) = (n+1-i)/i * s.
// Numerators and denominators are multiplied separately, two factors per
// step (halving the dependent chain), and folded into f every 8 factors: one
// division per 8 factors instead of one per factor, with products far from
// overflow or underflow for any n < 2^53.
func pmfRatio(n, m, y int, s float64) float64 {
	n1 := float64(n) + 1
	// lo..hi are the factor indices; up says whether they multiply (y > m)
	// or divide (y < m).
	lo, hi, up := m+1, y, true
	if y < m {
		lo, hi, up = y+1, m, false
	}
	f, a, d := 1.0, 1.0, 1.0 // a = prod (n+1-i)*s, d = prod i
	j := 0
	i := lo
	for ; i < hi; i += 2 {
		fi := float64(i)
		a *= ((n1 - fi) * s) * ((n1 - fi - 1) * s)
		d *= fi * (fi + 1)
		if j += 2; j == 8 {
			if up {
				f *= a / d
			} else {
				f *= d / a
			}
			a, d, j = 1, 1, 0
		}
	}
	if i == hi {
		fi := float64(i)
		a *= (n1 - fi) * s
		d *= fi
	}
	if up {
		return f * a / d
	}
	return f * d / a
}

// stirlingTail returns the truncated Stirling series
// 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7) + 1/(1188x^9),
// the correction log(x!) - [(x+1/2)log(x) - x + log(2pi)/2] used in BTPE's
// final acceptance test.
func stirlingTail(x float64) float64 {
	x2 := x * x
	return (13860 - (462-(132-(99-140/x2)/x2)/x2)/x2) / x / 166320
}
