package sample

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// The realistic cases: headcounts n and monthly transition probabilities p
// as they occur in ahpsim. bench/sampler.sh reports the median ns/op of the
// BenchmarkBinomial sub-benchmarks over this grid.
var (
	benchNs = []int{1, 5, 20, 50, 100, 300, 1000}
	benchPs = []float64{0.001, 0.005, 0.011, 0.03, 0.1}
)

// BenchmarkBinomial measures one draw per op for each realistic (n, p) with
// a fixed n, as when one flow is drawn repeatedly for the same stock (the
// per-n cache stays warm).
func BenchmarkBinomial(b *testing.B) {
	for _, n := range benchNs {
		for _, p := range benchPs {
			b.Run(fmt.Sprintf("n=%d/p=%g", n, p), func(b *testing.B) {
				rng := newRand(1)
				bin := NewBinomial(p)
				b.ReportAllocs()
				s := 0
				for b.Loop() {
					s += bin.Rand(rng, n)
				}
				sinkInt = s
			})
		}
	}
}

// BenchmarkBinomialCold is BenchmarkBinomial with n alternating between n
// and n+1 on every draw: the cost when a flow's headcount changes between
// draws among a few values (both have a slot in the per-n cache).
func BenchmarkBinomialCold(b *testing.B) {
	for _, n := range benchNs {
		for _, p := range benchPs {
			b.Run(fmt.Sprintf("n=%d/p=%g", n, p), func(b *testing.B) {
				rng := newRand(1)
				bin := NewBinomial(p)
				b.ReportAllocs()
				s, m := 0, n
				for b.Loop() {
					m ^= 1 // n and n^1 differ by one
					s += bin.Rand(rng, m)
				}
				sinkInt = s
			})
		}
	}
}

// BenchmarkBinomialMiss is BenchmarkBinomial with n alternating between n
// and n+numSlots, which share a slot of the per-n cache: every draw misses
// it, the cost when headcounts change among more values than it holds.
func BenchmarkBinomialMiss(b *testing.B) {
	for _, n := range benchNs {
		for _, p := range benchPs {
			b.Run(fmt.Sprintf("n=%d/p=%g", n, p), func(b *testing.B) {
				rng := newRand(1)
				bin := NewBinomial(p)
				b.ReportAllocs()
				s, m := 0, n
				for b.Loop() {
					m ^= numSlots
					s += bin.Rand(rng, m)
				}
				sinkInt = s
			})
		}
	}
}

// BenchmarkBinomialMedian cycles through the whole realistic grid, one draw
// per op, so ns/op is the average over the grid. "warm" keeps one Binomial
// per (n, p) (the per-n cache always hits); "cold" keeps one Binomial per p
// and changes n on every call (the cache never hits: every draw pays
// exp(n*log q) or the BTPE setup), which bounds the cost when headcounts
// change between draws.
func BenchmarkBinomialMedian(b *testing.B) {
	type item struct {
		bin *Binomial
		n   int
	}
	b.Run("warm", func(b *testing.B) {
		var items []item
		for _, n := range benchNs {
			for _, p := range benchPs {
				bin := NewBinomial(p)
				items = append(items, item{&bin, n})
			}
		}
		rng := newRand(1)
		b.ReportAllocs()
		s, i := 0, 0
		for b.Loop() {
			it := items[i]
			s += it.bin.Rand(rng, it.n)
			if i++; i == len(items) {
				i = 0
			}
		}
		sinkInt = s
	})
	b.Run("cold", func(b *testing.B) {
		bins := make([]Binomial, len(benchPs))
		for j, p := range benchPs {
			bins[j] = NewBinomial(p)
		}
		var items []item
		// p varies fastest, so consecutive draws on one Binomial always see
		// a different n.
		for _, n := range benchNs {
			for j := range benchPs {
				items = append(items, item{&bins[j], n})
			}
		}
		rng := newRand(1)
		b.ReportAllocs()
		s, i := 0, 0
		for b.Loop() {
			it := items[i]
			s += it.bin.Rand(rng, it.n)
			if i++; i == len(items) {
				i = 0
			}
		}
		sinkInt = s
	})
}

// BenchmarkDrawBinomial measures the one-off convenience function, which
// redoes the p-dependent precomputation on every call.
func BenchmarkDrawBinomial(b *testing.B) {
	rng := newRand(1)
	b.ReportAllocs()
	s := 0
	for b.Loop() {
		s += DrawBinomial(rng, 300, 0.011)
	}
	sinkInt = s
}

// BenchmarkDistuvBinomial is the comparison point: gonum's distuv.Binomial
// for n=300, p=0.011.
func BenchmarkDistuvBinomial(b *testing.B) {
	d := distuv.Binomial{N: 300, P: 0.011, Src: rand.NewPCG(1, 2)}
	b.ReportAllocs()
	s := 0.0
	for b.Loop() {
		s += d.Rand()
	}
	sinkInt = int(s)
}

// BenchmarkInversionVsBTPE compares inversion and BTPE directly at means
// around inversionMaxMean, to tune it. (Not part of the realistic median.)
func BenchmarkInversionVsBTPE(b *testing.B) {
	for _, mean := range []float64{10, 20, 30, 35, 40, 50, 100} {
		for _, p := range []float64{0.02, 0.3} {
			n := int(mean / p)
			b.Run(fmt.Sprintf("mean=%g/p=%g/inversion", mean, p), func(b *testing.B) {
				rng := newRand(1)
				bin := NewBinomial(p)
				s := 0
				for b.Loop() {
					s += drawInversion(&bin, rng, n)
				}
				sinkInt = s
			})
			b.Run(fmt.Sprintf("mean=%g/p=%g/btpe", mean, p), func(b *testing.B) {
				rng := newRand(1)
				bin := NewBinomial(p)
				st := bin.btpeSetupFor(n)
				s := 0
				for b.Loop() {
					s += bin.btpe(rng, n, &st)
				}
				sinkInt = s
			})
			// The same with the per-n cache defeated: every draw pays
			// exp(n*log q) or the BTPE setup.
			b.Run(fmt.Sprintf("mean=%g/p=%g/inversion-cold", mean, p), func(b *testing.B) {
				rng := newRand(1)
				bin := NewBinomial(p)
				s := 0
				for b.Loop() {
					s += drawInversionCold(&bin, rng, n)
				}
				sinkInt = s
			})
			b.Run(fmt.Sprintf("mean=%g/p=%g/btpe-cold", mean, p), func(b *testing.B) {
				rng := newRand(1)
				bin := NewBinomial(p)
				s := 0
				for b.Loop() {
					st := bin.btpeSetupFor(n)
					s += bin.btpe(rng, n, &st)
				}
				sinkInt = s
			})
		}
	}
}

func BenchmarkMultinomial(b *testing.B) {
	rng := newRand(1)
	p := []float64{0.011, 0.005, 0.03, 0.001}
	out := make([]int, len(p))
	b.ReportAllocs()
	s := 0
	for b.Loop() {
		s += Multinomial(rng, 300, p, out)
	}
	sinkInt = s
}

func BenchmarkHypergeometric(b *testing.B) {
	for _, c := range []struct{ good, bad, k int }{{10, 40, 5}, {60, 240, 30}, {150, 150, 100}} {
		b.Run(fmt.Sprintf("good=%d/bad=%d/k=%d", c.good, c.bad, c.k), func(b *testing.B) {
			rng := newRand(1)
			b.ReportAllocs()
			s := 0
			for b.Loop() {
				s += Hypergeometric(rng, c.good, c.bad, c.k)
			}
			sinkInt = s
		})
	}
}

func BenchmarkMultiHypergeometric(b *testing.B) {
	rng := newRand(1)
	counts := []int{40, 120, 25, 80, 35}
	out := make([]int, len(counts))
	b.ReportAllocs()
	for b.Loop() {
		MultiHypergeometric(rng, counts, 60, out)
	}
	sinkInt = out[0]
}

// drawInversion forces an inversion draw with warm thresholds (for
// BenchmarkInversionVsBTPE).
func drawInversion(b *Binomial, r *rand.Rand, n int) int {
	if sl := &b.slot[n&(numSlots-1)]; sl.n != n {
		b.fillSlot(sl, n)
	}
	if b.ext.n != n {
		b.fillExt(n, &b.slot[n&(numSlots-1)])
	}
	return b.Rand(r, n)
}

// drawInversionCold forces an inversion draw at a new n, computing q^n (for
// BenchmarkInversionVsBTPE).
func drawInversionCold(b *Binomial, r *rand.Rand, n int) int {
	qn := b.qnFor(n)
	x := 0
	if u := uniform(r); u >= qn {
		x = b.inversion(r, n, qn, u, 1, qn, qn)
	}
	return x
}
