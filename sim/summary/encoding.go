package summary

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"math/big"
	"math/bits"
)

// Binary format, version 1 (all varints are encoding/binary varints in
// their minimal form; decoding rejects non-minimal ones so that every
// accepted encoding is canonical):
//
//	magic    "AHPSUM" (6 bytes)
//	version  1 byte (= 1)
//	uvarint  number of series L
//	uvarint  runs
//	L times:
//	  8 bytes  resolution, IEEE 754 bits, little endian
//	  uvarint  n (defined values)
//	  uvarint  undefined values
//	  if n > 0:
//	    uvarint s1.lo, varint int64(s1.hi)   sum of q, int128
//	    uvarint s2.w0, s2.w1, s2.w2          sum of q^2, uint192
//	    1 byte  shift
//	    uvarint number of bins B (1..MaxBins)
//	    varint  lowest bin index
//	    uvarint count of the lowest bin
//	    B-1 times: uvarint (offset gap - 1), uvarint count
//	4 bytes  CRC-32C (Castagnoli) of all previous bytes, little endian
//
// The encoding is a function of the table's state only, which is itself a
// function of the multiset of added values, so equal tables encode to equal
// bytes.
const (
	magic         = "AHPSUM"
	formatVersion = 1
	// minSeriesBytes is the smallest encoding of a series (n = 0).
	minSeriesBytes = 8 + 1 + 1
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

var (
	// ErrCorrupt is returned (wrapped) by UnmarshalBinary for data that is
	// not a valid encoding.
	ErrCorrupt = errors.New("summary: corrupt table encoding")
	// ErrVersion is returned (wrapped) by UnmarshalBinary for an encoding
	// of an unsupported format version.
	ErrVersion = errors.New("summary: unsupported table encoding version")
)

// MarshalBinary encodes t in the versioned, deterministic format described
// above. It never fails.
func (t *Table) MarshalBinary() ([]byte, error) {
	t.sync()
	size := len(magic) + 1 + 2*binary.MaxVarintLen64 + 4
	for i := range t.series {
		size += minSeriesBytes + 8*binary.MaxVarintLen64 + 3*int(t.series[i].nbins)
	}
	buf := make([]byte, 0, size)
	buf = append(buf, magic...)
	buf = append(buf, formatVersion)
	buf = binary.AppendUvarint(buf, uint64(len(t.series)))
	buf = binary.AppendUvarint(buf, uint64(t.runs))
	for i := range t.series {
		s := &t.series[i]
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(s.res))
		buf = binary.AppendUvarint(buf, uint64(s.n))
		buf = binary.AppendUvarint(buf, uint64(s.undef))
		if s.n == 0 {
			continue
		}
		buf = binary.AppendUvarint(buf, s.s1.lo)
		buf = binary.AppendVarint(buf, int64(s.s1.hi))
		buf = binary.AppendUvarint(buf, s.s2.w0)
		buf = binary.AppendUvarint(buf, s.s2.w1)
		buf = binary.AppendUvarint(buf, s.s2.w2)
		buf = append(buf, s.shift)
		buf = binary.AppendUvarint(buf, uint64(s.nbins))
		buf = binary.AppendVarint(buf, s.base)
		prev := s.base
		s.forEach(func(key int64, count uint64) bool {
			if key != s.base {
				buf = binary.AppendUvarint(buf, uint64(key-prev-1))
			}
			buf = binary.AppendUvarint(buf, count)
			prev = key
			return true
		})
	}
	return binary.LittleEndian.AppendUint32(buf, crc32.Checksum(buf, crcTable)), nil
}

// UnmarshalBinary replaces t's contents by the table encoded in data. It
// returns an error wrapping ErrCorrupt or ErrVersion, leaving t unchanged,
// for anything but a valid encoding produced by MarshalBinary; it never
// panics on bad input. Besides the checksum it verifies all structural
// invariants (limits, sorted bins, counts summing to n, sums consistent with
// the histogram and a non-negative variance).
func (t *Table) UnmarshalBinary(data []byte) error {
	if len(data) < len(magic)+1+4 || string(data[:len(magic)]) != magic {
		return fmt.Errorf("%w: bad header", ErrCorrupt)
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, crcTable) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	if v := data[len(magic)]; v != formatVersion {
		return fmt.Errorf("%w: %d (this build reads %d)", ErrVersion, v, formatVersion)
	}
	nt, err := decodeBody(body[len(magic)+1:])
	if err != nil {
		return err
	}
	t.series, t.res, t.runs, t.maxN = nt.series, nt.res, nt.runs, nt.maxN
	t.stage, t.staged = nil, 0
	return nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: "+format, append([]any{ErrCorrupt}, args...)...)
	}
}

func (d *decoder) uvarint(what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Uvarint(d.b)
	if k <= 0 || k != uvarintLen(v) {
		d.fail("bad %s", what)
		return 0
	}
	d.b = d.b[k:]
	return v
}

func (d *decoder) varint(what string) int64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Varint(d.b)
	if k <= 0 || k != uvarintLen(uint64(v<<1)^uint64(v>>63)) {
		d.fail("bad %s", what)
		return 0
	}
	d.b = d.b[k:]
	return v
}

func (d *decoder) byte(what string) byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 1 {
		d.fail("truncated %s", what)
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) uint64LE(what string) uint64 {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 8 {
		d.fail("truncated %s", what)
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

func decodeBody(b []byte) (*Table, error) {
	d := &decoder{b: b}
	l := d.uvarint("series count")
	runs := d.uvarint("run count")
	if d.err != nil {
		return nil, d.err
	}
	if runs > math.MaxInt64 {
		return nil, fmt.Errorf("%w: run count %d out of range", ErrCorrupt, runs)
	}
	if l > uint64(len(d.b)/minSeriesBytes) {
		return nil, fmt.Errorf("%w: %d series cannot fit in %d bytes", ErrCorrupt, l, len(d.b))
	}
	t := &Table{series: make([]series, l), runs: int64(runs)}
	for i := range t.series {
		if err := d.series(&t.series[i]); err != nil {
			return nil, fmt.Errorf("series %d: %w", i, err)
		}
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, len(d.b))
	}
	t.res = make([]float64, len(t.series))
	for i := range t.series {
		t.res[i] = t.series[i].res
	}
	t.maxN = t.maxCount()
	return t, nil
}

func (d *decoder) series(s *series) error {
	n := d.seriesCounts(s)
	if n == 0 || d.err != nil {
		return d.err
	}
	nb, highKey := d.seriesShape(s, n)
	if d.err != nil {
		return d.err
	}
	kc, bounds := d.seriesBins(s, n, nb, highKey)
	if d.err != nil {
		return d.err
	}
	if s.s1.cmp(bounds.s1lo) < 0 || s.s1.cmp(bounds.s1hi) > 0 {
		d.fail("sum inconsistent with histogram")
	}
	if s.s2.cmp(bounds.s2lo) < 0 || s.s2.cmp(bounds.s2hi) > 0 {
		d.fail("sum of squares inconsistent with histogram")
	}
	if d.err != nil {
		return d.err
	}
	// Non-negative variance: n*S2 >= S1^2.
	s1 := s.s1.big()
	if new(big.Int).Mul(big.NewInt(s.n), s.s2.big()).Cmp(s1.Mul(s1, s1)) < 0 {
		d.fail("negative variance")
	}
	if d.err == nil {
		s.pack(kc)
	}
	return d.err
}

// seriesCounts decodes a series' resolution and counts and returns the
// count of defined values.
func (d *decoder) seriesCounts(s *series) uint64 {
	s.res = math.Float64frombits(d.uint64LE("resolution"))
	n := d.uvarint("count")
	undef := d.uvarint("undefined count")
	if d.err != nil {
		return 0
	}
	if !validResolution(s.res) {
		d.fail("resolution %v", s.res)
	}
	if n > MaxCount || undef > math.MaxInt64 {
		d.fail("count %d / undefined count %d out of range", n, undef)
	}
	s.n, s.undef = int64(n), int64(undef)
	return n
}

// seriesShape decodes the sums and the histogram's shift, bin count and
// lowest bin of a series of n values; it returns the bin count and the
// highest key a bin may have.
func (d *decoder) seriesShape(s *series, n uint64) (nb uint64, highKey int64) {
	s.s1.lo = d.uvarint("sum")
	s.s1.hi = uint64(d.varint("sum"))
	s.s2.w0 = d.uvarint("sum of squares")
	s.s2.w1 = d.uvarint("sum of squares")
	s.s2.w2 = d.uvarint("sum of squares")
	s.shift = d.byte("shift")
	nb = d.uvarint("bin count")
	s.base = d.varint("lowest bin")
	if d.err != nil {
		return 0, 0
	}
	if s.shift > maxShift {
		d.fail("shift %d > %d", s.shift, maxShift)
	}
	if nb < 1 || nb > MaxBins || nb > n {
		d.fail("%d bins for %d values", nb, n)
	}
	lowKey, highKey := int64(-MaxQuantized)>>s.shift, int64(MaxQuantized)>>s.shift
	if s.base < lowKey || s.base > highKey {
		d.fail("lowest bin %d out of range", s.base)
	}
	return nb, highKey
}

// sumBounds are the bounds of a series' sums implied by its histogram.
type sumBounds struct {
	s1lo, s1hi int128
	s2lo, s2hi uint192
}

// seriesBins decodes the nb bins of a series of n values and the bounds
// of the sums they imply: each value q of bin k lies in [k<<shift,
// (k<<shift) + 2^shift - 1] (clamped to +-MaxQuantized).
func (d *decoder) seriesBins(s *series, n, nb uint64, highKey int64) ([]binCount, sumBounds) {
	var b sumBounds
	kc := make([]binCount, nb)
	var total, off uint64
	for j := range kc {
		if j > 0 {
			gap := d.uvarint("bin offset")
			if gap >= MaxSpan-off {
				d.fail("bin offset out of range")
			}
			off += gap + 1
		}
		c := d.uvarint("bin count")
		if d.err == nil && (c == 0 || c > n-total) {
			d.fail("bin counts do not sum to %d", n)
		}
		key := s.base + int64(off)
		if d.err == nil && key > highKey {
			d.fail("bin %d out of range", key)
		}
		if d.err != nil {
			return nil, b
		}
		total += c
		kc[j] = binCount{key, c}
		lo := max(key<<s.shift, -MaxQuantized)
		hi := min(key<<s.shift+(1<<s.shift-1), MaxQuantized)
		b.s1lo.add(mulInt128(lo, c))
		b.s1hi.add(mulInt128(hi, c))
		alo, ahi := absInt64(lo), absInt64(hi)
		minSq := min(alo, ahi)
		if lo <= 0 && hi >= 0 {
			minSq = 0
		}
		b.s2lo.add(squareTimes(minSq, c))
		b.s2hi.add(squareTimes(max(alo, ahi), c))
	}
	if total != n {
		d.fail("bin counts sum to %d, not %d", total, n)
	}
	return kc, b
}

// uvarintLen is the length of the minimal uvarint encoding of v.
func uvarintLen(v uint64) int { return max(1, (bits.Len64(v)+6)/7) }

func absInt64(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}
