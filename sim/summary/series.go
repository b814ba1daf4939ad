package summary

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// series is the summary of one series. Its logical state (n, undef, s1, s2,
// shift and the list of non-empty bins with their counts) is a function of
// the multiset of values added (see doc.go), which is what makes Merge exact
// and order-independent. The memory layout of the bins (dense or hashed) is
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
	//   - hashed: an open-addressing hash table (linear probing) of
	//     2^hbits slots (4 to MaxBins, load at most 3/4 below MaxBins
	//     slots), each slot offset<<32 | count, 0 when empty. Bin b is
	//     probed from slot home(b), which depends on b only (not on base).
	//     Used for widely spread data; an Add is usually a single probe.
	// Offsets fit in 32 bits because the span is at most MaxSpan, counts
	// because n <= MaxCount.
	bins  []uint64
	nbins uint16 // number of non-empty bins (<= MaxBins)
	shift uint8  // bin = q >> shift = floor(q / 2^shift)
	dense bool
	hbits uint8 // hashed layout: len(bins) = 2^hbits
}

// binCount is an unpacked histogram bin, used by the slow paths.
type binCount struct {
	key   int64
	count uint64
}

// undefinedQ marks an undefined (NaN) value among quantized values; it is
// outside [-MaxQuantized, MaxQuantized].
const undefinedQ = math.MinInt64

// quantize returns round(v / res), or undefinedQ for NaN, and a
// *ValueError for values Add rejects. It does not modify s.
func (s *series) quantize(i int, v float64) (int64, error) {
	if v != v {
		return undefinedQ, nil
	}
	q, ok := quantizeFast(v / s.res)
	if !ok || s.n >= MaxCount {
		return 0, s.badValue(i, v)
	}
	return q, nil
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
	t.addBin(s, q>>s.shift, 1)
}

// addBin adds c (the caller checked that the series' count stays within
// MaxCount) to the count of bin b, rebuilding the histogram if its layout
// cannot take the bin in place.
func (t *Table) addBin(s *series, b int64, c uint64) {
	if !s.addInPlace(b, c) {
		kc := append(s.appendBins(t.scratch[:0], 0), binCount{b, c})
		t.scratch = s.rebuild(kc)
	}
}

// addInPlace adds c to bin b if the layout can take it without a rebuild:
// an existing bin, a new bin within the words of the dense layout, or a new
// bin of a hashed table with fewer than MaxBins bins whose span stays within
// MaxSpan. It reports false, leaving s unchanged, otherwise.
func (s *series) addInPlace(b int64, c uint64) bool {
	// off wraps around to a huge value when b < base.
	off := uint64(b - s.base)
	if s.dense {
		w := off >> 1
		if w >= uint64(len(s.bins)) {
			return false
		}
		sh := (off & 1) * 32
		word := s.bins[w]
		if word>>sh&math.MaxUint32 == 0 { // new bin
			if s.nbins >= MaxBins {
				return false
			}
			s.nbins++
		}
		s.bins[w] = word + c<<sh // count <= MaxCount: no carry
		return true
	}
	if off <= MaxSpan {
		if j := s.findHashed(b, off); j >= 0 {
			s.bins[j] += c // count <= MaxCount: never carries into the offset
			return true
		}
	}
	return s.nbins > 0 && s.nbins < MaxBins && s.insertHashed(b, c)
}

// hashMul is the multiplier of the Fibonacci hash of the hashed layout.
const hashMul = 0x9e3779b97f4a7c15

// home returns the first slot probed for bin b in a hashed table of
// 2^hbits slots.
func home(b int64, hbits uint8) uint64 { return uint64(b) * hashMul >> (64 - hbits) }

// findHashed returns the slot of bin b (offset off from base) in a hashed
// histogram, or -1.
func (s *series) findHashed(b int64, off uint64) int {
	bins := s.bins
	mask := uint64(len(bins) - 1)
	h := home(b, s.hbits)
	for range bins {
		w := bins[h&mask]
		if w>>32 == off && w != 0 {
			return int(h & mask)
		}
		if w == 0 {
			break
		}
		h++
	}
	return -1
}

// badValue returns the error for a value series i cannot hold.
func (s *series) badValue(i int, v float64) error {
	e := &ValueError{Series: i, Value: v, Resolution: s.res}
	switch {
	case math.IsInf(v, 0):
		e.Reason = "is infinite (NaN marks undefined values)"
	case s.n >= MaxCount:
		e.Reason = fmt.Sprintf("would be value number %d, more than MaxCount", uint64(MaxCount)+1)
	default:
		e.Reason = fmt.Sprintf("is beyond the largest value the series holds, ±%.4g (2^61 × resolution %v)", MaxQuantized*s.res, s.res)
	}
	return e
}

// rebuild replaces the histogram of s by the bins kc (keys at the current
// shift, in any order, possibly repeated; at most MaxBins+stageRuns
// entries, which covers the MaxBins bins of a series plus the new bins of
// one flush), coarsened to the smallest shift that fits them. It returns kc
// emptied, for reuse. Rebuilding once for several new bins gives the same
// state as adding them one by one: the state depends only on the multiset
// of values (doc.go).
func (s *series) rebuild(kc []binCount) []binCount {
	kc = mergeKeys(kc, 0)
	kc = s.normalize(kc)
	s.pack(kc)
	return kc[:0]
}

// The bins a rebuild merges fit mergeKeys.
var _ [2*MaxBins - (MaxBins + stageRuns)]struct{}

// hashSize returns the number of slots of a hashed histogram of nb bins: the
// smallest power of two >= 4 that keeps the load at most 3/4, but at most
// MaxBins (so the load reaches 1 only when MaxBins bins are held).
func hashSize(nb int) int {
	size := 4
	for size < MaxBins && 4*nb > 3*size {
		size *= 2
	}
	return size
}

// insertHashed inserts the absent bin b with count c into a hashed
// histogram with fewer than MaxBins bins in place, if the span stays within
// MaxSpan.
func (s *series) insertHashed(b int64, c uint64) bool {
	if b < s.base {
		// New lowest bin: every offset grows by d; the slots, which depend
		// on the bin index only, stay.
		d := uint64(s.base - b)
		var last uint64
		for _, w := range s.bins {
			last = max(last, w>>32)
		}
		if d > MaxSpan-last {
			return false
		}
		for j, w := range s.bins {
			if w != 0 {
				s.bins[j] = w + d<<32
			}
		}
		s.base = b
	}
	off := uint64(b - s.base)
	if off > MaxSpan {
		return false
	}
	if size := hashSize(int(s.nbins) + 1); size > len(s.bins) {
		old := s.bins
		s.bins = growHashed(nil, size)
		s.hbits = uint8(bits.TrailingZeros(uint(size)))
		for _, w := range old {
			if w != 0 {
				s.placeHashed(s.base+int64(w>>32), w)
			}
		}
	}
	s.placeHashed(b, off<<32|c)
	s.nbins++
	return true
}

// placeHashed stores the slot word w of the absent bin b in the first free
// slot of its probe sequence; there is one.
func (s *series) placeHashed(b int64, w uint64) {
	mask := uint64(len(s.bins) - 1)
	h := home(b, s.hbits)
	for s.bins[h&mask] != 0 {
		h++
	}
	s.bins[h&mask] = w
}

// growHashed returns a zeroed slice of size words, reusing b's backing
// array when it is large enough.
func growHashed(b []uint64, size int) []uint64 {
	if cap(b) >= size {
		b = b[:size]
		clear(b)
		return b
	}
	return make([]uint64, size)
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
		var buf [MaxBins]uint64
		for _, w := range s.sortedHashed(&buf) {
			if !fn(s.base+int64(w>>32), w&math.MaxUint32) {
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

// sortedHashed returns the occupied slots of a hashed histogram sorted by
// offset (the offset is in the high bits), stored in buf.
func (s *series) sortedHashed(buf *[MaxBins]uint64) []uint64 {
	n := 0
	for _, w := range s.bins {
		if w != 0 {
			buf[n] = w
			n++
		}
	}
	ws := buf[:n]
	slices.Sort(ws)
	return ws
}

// unpack appends the bins of s, as absolute keys, to dst.
func (s *series) unpack(dst []binCount) []binCount {
	s.forEach(func(key int64, count uint64) bool {
		dst = append(dst, binCount{key, count})
		return true
	})
	return dst
}

// pack stores kc (distinct keys in any order, fitting MaxBins/MaxSpan, not
// empty) in s, choosing the dense layout when the bins span fewer than
// 2*MaxBins offsets and the hashed one otherwise.
func (s *series) pack(kc []binCount) {
	lo, hi := keyRange(kc)
	s.base = lo
	s.nbins = uint16(len(kc))
	span := uint64(hi - lo)
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
	size := hashSize(len(kc))
	s.bins = growHashed(s.bins, size)
	s.hbits = uint8(bits.TrailingZeros(uint(size)))
	for _, e := range kc {
		s.placeHashed(e.key, uint64(e.key-s.base)<<32|e.count)
	}
}

// keyRange returns the lowest and the highest key of kc (not empty).
func keyRange(kc []binCount) (lo, hi int64) {
	lo, hi = kc[0].key, kc[0].key
	for _, e := range kc[1:] {
		lo, hi = min(lo, e.key), max(hi, e.key)
	}
	return lo, hi
}

// appendBins appends the non-empty bins of s to dst, in no particular
// order, with their keys shifted right by d (so that keys may repeat).
func (s *series) appendBins(dst []binCount, d uint8) []binCount {
	if !s.dense {
		for _, w := range s.bins {
			if w != 0 {
				dst = append(dst, binCount{(s.base + int64(w>>32)) >> d, w & math.MaxUint32})
			}
		}
		return dst
	}
	for w, word := range s.bins {
		if word == 0 {
			continue
		}
		if c := word & math.MaxUint32; c != 0 {
			dst = append(dst, binCount{(s.base + int64(2*w)) >> d, c})
		}
		if c := word >> 32; c != 0 {
			dst = append(dst, binCount{(s.base + int64(2*w+1)) >> d, c})
		}
	}
	return dst
}

// normalize coarsens kc (distinct keys at shift s.shift, in any order, at
// most 2*MaxBins bins) to the smallest shift at which it has at most
// MaxBins bins spanning at most MaxSpan, setting s.shift accordingly. It
// returns the coarsened bins (same backing array, in some order).
func (s *series) normalize(kc []binCount) []binCount {
	lo, hi := keyRange(kc)
	if len(kc) <= MaxBins && hi-lo <= MaxSpan {
		return kc
	}
	// One more shift is the usual case (continuous data settling).
	kc = mergeKeys(kc, 1)
	s.shift++
	lo, hi = lo>>1, hi>>1
	if len(kc) <= MaxBins && hi-lo <= MaxSpan {
		return kc
	}
	// Otherwise (data on a coarse lattice, far outliers) binary search for
	// the smallest fitting shift d, which exists and is what shifting one
	// at a time would reach, since fitting is monotone in d (doc.go, (a)).
	// Shift 0 does not fit; shift dHi does, its keys spanning fewer than
	// MaxBins indices.
	dLo, dHi := uint8(0), uint8(0)
	for hi>>dHi-lo>>dHi >= MaxBins {
		dHi++
	}
	for dHi-dLo > 1 {
		if d := (dLo + dHi) / 2; fitsAt(kc, lo, hi, d) {
			dHi = d
		} else {
			dLo = d
		}
	}
	s.shift += dHi
	return mergeKeys(kc, dHi)
}

// fitsAt reports whether the keys of kc (distinct, in any order, at most
// 2*MaxBins, lowest lo and highest hi) shifted right by d take at most
// MaxBins distinct values spanning at most MaxSpan.
func fitsAt(kc []binCount, lo, hi int64, d uint8) bool {
	if hi>>d-lo>>d > MaxSpan {
		return false
	}
	const tableBits = 10            // 1024 slots for at most 512 keys
	var slot [1 << tableBits]uint16 // 1 + index in kc of a key, 0 if free
	n := 0
	for j, e := range kc {
		k := e.key >> d
		for h := home(k, tableBits); ; h = (h + 1) & (1<<tableBits - 1) {
			i := slot[h]
			if i == 0 {
				if n++; n > MaxBins {
					return false
				}
				slot[h] = uint16(j + 1)
				break
			}
			if kc[i-1].key>>d == k {
				break
			}
		}
	}
	return true
}

// mergeKeys replaces every key k of kc (in any order, at most 2*MaxBins
// bins) by k>>d and merges the bins whose keys then coincide, which it
// finds with a small hash table. With d = 1 it halves the bin resolution
// (floor(floor(q/2^s)/2) = floor(q/2^(s+1)): bins map onto bins).
func mergeKeys(kc []binCount, d uint8) []binCount {
	const tableBits = 10            // 1024 slots for at most 512 keys
	var slot [1 << tableBits]uint16 // 1 + index in kc of the bin, 0 if free
	w := 0
	for _, e := range kc {
		k := e.key >> d
		for h := home(k, tableBits); ; h = (h + 1) & (1<<tableBits - 1) {
			j := slot[h]
			if j == 0 {
				slot[h] = uint16(w + 1)
				kc[w] = binCount{k, e.count} // w <= the read index
				w++
				break
			}
			if kc[j-1].key == k {
				kc[j-1].count += e.count
				break
			}
		}
	}
	return kc[:w]
}

// mergeScratch holds the buffers of mergeSeries.
type mergeScratch struct{ kc []binCount }

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
	// Both histograms brought to the common shift (at most 2*MaxBins
	// bins), equal bins merged.
	shift := max(a.shift, b.shift)
	kc := a.appendBins(sc.kc[:0], shift-a.shift)
	kc = b.appendBins(kc, shift-b.shift)
	kc = mergeKeys(kc, 0)
	a.shift = shift
	kc = a.normalize(kc)
	a.pack(kc)
	sc.kc = kc[:0]
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

// percentiles sets out[x] to the PercentileInc levels[x]-quantile of the
// defined values (n > 0), each order statistic being represented by its
// bin's value (binValue).
func (s *series) percentiles(levels, out []float64) {
	var buf [MaxBins]binCount
	kc := s.unpack(buf[:0])
	for j := 1; j < len(kc); j++ {
		kc[j].count += kc[j-1].count // cumulative counts
	}
	at := func(k int64) float64 {
		j, _ := slices.BinarySearchFunc(kc, uint64(k), func(e binCount, k uint64) int {
			if e.count <= k {
				return -1
			}
			return 1
		})
		if j == len(kc) {
			panic("summary: internal error: rank out of range")
		}
		return s.binValue(kc[j].key)
	}
	for x, p := range levels {
		out[x] = percentileInc(s.n, p, at)
	}
}
