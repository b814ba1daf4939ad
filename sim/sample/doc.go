// Package sample draws the integer-valued random variates that drive every
// stochastic flow in ahpsim: binomial, multinomial, hypergeometric and
// multivariate hypergeometric counts of headcount.
//
// # Exactness
//
// Every sampler is exact: the distribution of its output is the target
// distribution up to the floating-point accuracy of the pmf computations
// (relative errors around 1e-13) and the 2^-53 resolution of the uniforms
// (the top 53 bits of (*rand.Rand).Uint64). No normal or Poisson
// approximation is used for any n or p. In the inversion methods the computed
// pmf is deliberately rounded down by a bound on its error, and a uniform
// that lands above the computed total mass is redrawn, so no value of the
// support is cut off or over-weighted by roundoff; BTPE accepts against the
// pmf ratio computed to ~1e-15. Results always lie in the support (0..n for a
// binomial), and counts are conserved exactly by Multinomial and
// MultiHypergeometric.
//
// # Algorithms
//
// Binomial(n, p) uses the symmetry X(n, p) = n - X(n, 1-p) so that it always
// works with r = min(p, 1-p), then:
//
//   - mean n*r below 30: inversion of the CDF searched from 0 (BINV,
//     Kachitvichyanukul & Schmeiser 1988), with f(0) = exp(n*log(1-r)) and
//     the ratio recurrence f(k)/f(k-1) = (n-k+1)/k * r/(1-r). f(0) cannot
//     underflow in this range, and a uniform that roundoff leaves above the
//     computed total mass is redrawn rather than truncated. A Binomial
//     caches the first 4 CDF values of each of the last few n it drew
//     (8 slots, indexed by n mod 8) as 53-bit integer thresholds, and 24
//     more for one n that keeps drawing beyond them, so most draws are one
//     uniform and a few branch-free integer comparisons (the decisions are
//     identical to the floating-point search).
//   - otherwise: BTPE (Kachitvichyanukul & Schmeiser 1988), an
//     acceptance/rejection method with a triangle, parallelogram and
//     exponential-tail hat; acceptance is decided against the exact pmf ratio
//     (by recurrence near the mode, otherwise by a squeeze and Stirling's
//     series, accurate to ~1e-16 there, with the sign and constant misprints
//     of the published version corrected). Its expected cost is bounded
//     independently of n.
//
// Multinomial uses conditional binomials; Hypergeometric uses chop-down
// inversion starting from the mode (pmf at the mode from log-factorials, then
// the ratio recurrence alternately up and down), after reducing to
// k <= N/2 and good <= bad by symmetry; MultiHypergeometric uses conditional
// hypergeometrics. None of them allocates.
//
// # Why p is fixed per Binomial
//
// In the simulation each flow has a fixed monthly probability and is applied
// to a varying headcount n. NewBinomial therefore precomputes everything that
// depends only on p (min(p, 1-p), log(1-p), p/(1-p)); Rand then only needs
// the n-dependent part (q^n and the thresholds for inversion, the region
// constants for BTPE), which it caches for the last few n seen, since the
// same few headcounts recur. Reset(p) keeps those caches when p is
// unchanged, so a flow whose probability is the same in every run fills
// them once, not once a run. The cache never changes results, only speed:
// a draw at an n without a slot may cost an exp (skipped for most
// small-mean draws of 0) or the BTPE setup more. DrawBinomial is a
// convenience for one-off draws, with no cache; it is also the reference
// the cached draws are tested against, draw for draw.
//
// # Randomness and concurrency
//
// Randomness is always injected as a *rand.Rand from math/rand/v2; the
// package never uses a global source, so a fixed seed gives a reproducible
// sequence. A binomial draw by inversion consumes exactly one Uint64
// (barring a roundoff redraw, probability ~1e-12); BTPE consumes two per
// attempt. (Go may fuse floating-point multiply-adds on some architectures,
// such as arm64, so a rare draw could differ between architectures; the
// golden tests pin sequences on amd64.)
//
// A *rand.Rand is not safe for concurrent use, and Binomial.Rand updates its
// per-n caches, so give each goroutine its own *rand.Rand and its own copies
// of the Binomial values (copies are independent).
package sample
