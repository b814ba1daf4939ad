package summary

import (
	"fmt"
	"math"
)

// series is the summary of one series. Its logical state (n, undef, s1, s2,
// shift and the list of non-empty bins with their counts) is a function of
// the multiset of values added (see doc.go), which is what makes Merge exact
// and order-independent. The memory layout of the bins (dense or sparse) is
// not part of that state: it is chosen for speed and never observable.
type series struct {
	res   float64 // resolution (quantum)
	n     int64   // defined values
	undef int64   // NaN values
	s1    int128  // sum of q
	s2    uint192 // sum of q^2
	// base is the bin index of the lowest non-empty bin (0 when n == 0);
	// bins are stored by their offset from it.
	base int64
	// bins holds the histogram in one of two layouts, at most MaxBins
	// words (2 KiB) either way:
	//   - dense: the count of offset o is the 32-bit half (o&1) of word o/2,
	//     zero for empty bins. Used when the bins span less than
	//     2*MaxBins offsets, which is the usual case: an Add is then a
	//     single indexed increment.
	//   - sparse: the non-empty bins in increasing order, each packed as
	//     offset<<32 | count (bins[0] has offset 0). Used for widely spread
	//     data; an Add is a binary search.
	// Offsets fit in 32 bits because the span is at most MaxSpan, counts
	// because n <= MaxCount.
	bins  []uint64
	nbins uint16 // number of non-empty bins (<= MaxBins)
	shift uint8  // bin = q >> shift = floor(q / 2^shift)
	dense bool
}

// binCount is an unpacked histogram bin, used by the slow paths.
type binCount struct {
	key   int64
	count uint64
}

// undefinedQ marks an undefined (NaN) value among quantized values; it is
// outside [-MaxQuantized, MaxQuantized].
const undefinedQ = math.MinInt64

// quantize returns round(v / res), or undefinedQ for NaN, and panics for
// values Add rejects. It does not modify s.
func (s *series) quantize(i int, v float64) int64 {
	if v != v {
		return undefinedQ
	}
	r := math.Round(v / s.res)
	if !(r >= -MaxQuantized && r <= MaxQuantized) || s.n >= MaxCount {
		s.badAdd(i, v)
	}
	return int64(r)
}

// addQ records the quantized value q (or undefinedQ), already validated by
// quantize.
func (t *Table) addQ(s *series, q int64) {
	if q == undefinedQ {
		s.undef++
		return
	}
	s.n++
	s.s1.addInt64(q)
	s.s2.addSquare(q)
	t.addBin(s, q>>s.shift)
}

// addBin increments the count of bin b. This is the hot path.
func (t *Table) addBin(s *series, b int64) {
	// off wraps around to a huge value when b < base: slow path.
	off := uint64(b - s.base)
	if s.dense {
		if w := off >> 1; w < uint64(len(s.bins)) {
			sh := (off & 1) * 32
			word := s.bins[w]
			if word>>sh&math.MaxUint32 == 0 { // new bin
				if s.nbins >= MaxBins {
					t.insert(s, b) // coarsens
					return
				}
				s.nbins++
			}
			s.bins[w] = word + 1<<sh // count < MaxCount: no carry
			return
		}
	} else if off <= MaxSpan && len(s.bins) > 0 {
		if j := s.findSparse(off); j >= 0 {
			s.bins[j]++ // count < MaxCount: never carries into the offset
			return
		}
	}
	t.insert(s, b)
}

// findSparse returns the index of the bin with offset off in a sparse
// histogram, or -1.
func (s *series) findSparse(off uint64) int {
	bins := s.bins
	lo, hi := 0, len(bins)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		switch k := bins[h] >> 32; {
		case k < off:
			lo = h + 1
		case k > off:
			hi = h
		default:
			return h
		}
	}
	return -1
}

func (s *series) badAdd(i int, v float64) {
	switch {
	case math.IsInf(v, 0):
		panic(fmt.Sprintf("summary: Add(series %d): value is %v; use NaN for undefined values", i, v))
	case s.n >= MaxCount:
		panic(fmt.Sprintf("summary: Add(series %d): more than MaxCount = %d defined values", i, MaxCount))
	default:
		panic(fmt.Sprintf("summary: Add(series %d): |%v / resolution %v| exceeds MaxQuantized = 2^53", i, v, s.res))
	}
}

// insert adds a new bin b (at the current shift) with count 1; the caller
// has checked that b is not present. It coarsens when needed.
func (t *Table) insert(s *series, b int64) {
	if !s.dense && s.nbins > 0 && s.nbins < MaxBins && s.insertSparse(b) {
		return
	}
	kc := s.unpack(t.scratch[:0])
	j := len(kc)
	for j > 0 && kc[j-1].key > b {
		j--
	}
	kc = append(kc, binCount{})
	copy(kc[j+1:], kc[j:])
	kc[j] = binCount{b, 1}
	kc = s.normalize(kc)
	s.pack(kc)
	t.scratch = kc[:0]
}

// insertSparse inserts b into a sparse histogram with fewer than MaxBins
// bins in place, if the span stays within MaxSpan.
func (s *series) insertSparse(b int64) bool {
	bins := s.bins
	m := len(bins)
	last := bins[m-1] >> 32
	switch {
	case b > s.base && uint64(b-s.base) <= MaxSpan:
		off := uint64(b - s.base)
		j, hi := 0, m // j becomes the first bin with offset > off
		for j < hi {
			h := int(uint(j+hi) >> 1)
			if bins[h]>>32 > off {
				hi = h
			} else {
				j = h + 1
			}
		}
		bins = growBins(bins, m+1)
		copy(bins[j+1:], bins[j:m])
		bins[j] = off<<32 | 1
	case b < s.base && uint64(s.base-b) <= MaxSpan-last:
		d := uint64(s.base-b) << 32
		bins = growBins(bins, m+1)
		copy(bins[1:], bins[:m])
		for j := 1; j <= m; j++ {
			bins[j] += d
		}
		bins[0] = 1
		s.base = b
	default:
		return false
	}
	s.bins = bins
	s.nbins++
	return true
}

// growBins returns b resliced to length need (<= MaxBins), reallocating if
// necessary. Capacity grows geometrically but never beyond MaxBins words,
// which bounds the memory of a series.
func growBins(b []uint64, need int) []uint64 {
	if need <= cap(b) {
		return b[:need]
	}
	c := min(max(need, 2*cap(b), 4), MaxBins)
	nb := make([]uint64, need, c)
	copy(nb, b)
	return nb
}

// forEach calls fn for each non-empty bin in increasing order, until fn
// returns false.
func (s *series) forEach(fn func(key int64, count uint64) bool) {
	if !s.dense {
		for _, p := range s.bins {
			if !fn(s.base+int64(p>>32), p&math.MaxUint32) {
				return
			}
		}
		return
	}
	for w, word := range s.bins {
		if word == 0 {
			continue
		}
		if c := word & math.MaxUint32; c != 0 && !fn(s.base+int64(2*w), c) {
			return
		}
		if c := word >> 32; c != 0 && !fn(s.base+int64(2*w+1), c) {
			return
		}
	}
}

// unpack appends the bins of s, as absolute keys, to dst.
func (s *series) unpack(dst []binCount) []binCount {
	s.forEach(func(key int64, count uint64) bool {
		dst = append(dst, binCount{key, count})
		return true
	})
	return dst
}

// pack stores kc (sorted, distinct keys, fitting MaxBins/MaxSpan, not
// empty) in s, choosing the dense layout when the bins span fewer than
// 2*MaxBins offsets.
func (s *series) pack(kc []binCount) {
	s.base = kc[0].key
	s.nbins = uint16(len(kc))
	span := uint64(kc[len(kc)-1].key - s.base)
	if s.dense = span < 2*MaxBins; s.dense {
		bins := growBins(s.bins[:0], int(span/2+1))
		bins = bins[:cap(bins)] // spare capacity is headroom for new bins above
		clear(bins)
		for _, e := range kc {
			off := uint64(e.key - s.base)
			bins[off>>1] |= e.count << ((off & 1) * 32)
		}
		s.bins = bins
		return
	}
	bins := growBins(s.bins[:0], len(kc))
	for j, e := range kc {
		bins[j] = uint64(e.key-s.base)<<32 | e.count
	}
	s.bins = bins
}

// normalize coarsens kc (sorted by key, distinct keys, at shift s.shift)
// until it has at most MaxBins bins spanning at most MaxSpan, incrementing
// s.shift accordingly. It returns the coarsened slice (same backing array).
func (s *series) normalize(kc []binCount) []binCount {
	for len(kc) > MaxBins || kc[len(kc)-1].key-kc[0].key > MaxSpan {
		kc = coarsen(kc)
		s.shift++
	}
	return kc
}

// coarsen halves the bin resolution: key -> floor(key/2), merging bins that
// now coincide. Keys stay sorted because the map is monotone.
func coarsen(kc []binCount) []binCount {
	w := 0
	for r, e := range kc {
		k := e.key >> 1
		if r > 0 && kc[w-1].key == k {
			kc[w-1].count += e.count
			continue
		}
		kc[w] = binCount{k, e.count}
		w++
	}
	return kc[:w]
}

// mergeScratch holds the buffers of mergeSeries.
type mergeScratch struct{ a, b, out []binCount }

// mergeSeries adds b into a. Both have the same resolution and the caller
// checked that a.n+b.n <= MaxCount.
func mergeSeries(a, b *series, sc *mergeScratch) {
	a.undef += b.undef
	if b.n == 0 {
		return
	}
	a.n += b.n
	a.s1.add(b.s1)
	a.s2.add(b.s2)
	shift := max(a.shift, b.shift)
	da, db := shift-a.shift, shift-b.shift
	ka, kb := a.unpack(sc.a[:0]), b.unpack(sc.b[:0])
	// Two-way merge of both histograms, brought to the common shift (at
	// most 2*MaxBins entries).
	kc := sc.out[:0]
	emit := func(k int64, c uint64) {
		if n := len(kc); n > 0 && kc[n-1].key == k {
			kc[n-1].count += c
			return
		}
		kc = append(kc, binCount{k, c})
	}
	i, j := 0, 0
	for i < len(ka) || j < len(kb) {
		if j == len(kb) || i < len(ka) && ka[i].key>>da <= kb[j].key>>db {
			emit(ka[i].key>>da, ka[i].count)
			i++
		} else {
			emit(kb[j].key>>db, kb[j].count)
			j++
		}
	}
	a.shift = shift
	kc = a.normalize(kc)
	a.pack(kc)
	sc.a, sc.b, sc.out = ka[:0], kb[:0], kc[:0]
}

// valueAt returns the representative value of the k-th smallest defined
// value (0 <= k < n): the bin's value at shift 0, its midpoint otherwise.
func (s *series) valueAt(k int64) float64 {
	var cum uint64
	key := int64(math.MaxInt64)
	s.forEach(func(kk int64, c uint64) bool {
		cum += c
		if uint64(k) < cum {
			key = kk
			return false
		}
		return true
	})
	if key == math.MaxInt64 {
		panic("summary: internal error: rank out of range")
	}
	return s.binValue(key)
}

// binValue returns the value represented by bin key: key*res at shift 0,
// otherwise the midpoint (key*2^shift + (2^shift-1)/2) * res.
func (s *series) binValue(key int64) float64 {
	if s.shift == 0 {
		return float64(key) * s.res
	}
	lo := key << s.shift
	return (float64(lo) + float64(uint64(1)<<s.shift-1)/2) * s.res
}

func (s *series) percentile(p float64) float64 {
	return percentileInc(s.n, p, s.valueAt)
}
