package summary

import (
	"errors"
	"fmt"
	"math"
	"math/big"
)

const (
	// MaxBins is the maximum number of distinct (non-empty) histogram bins
	// kept per series. When a series would need more, its bin width is
	// doubled (shift+1) until it fits. Memory per series is therefore at
	// most MaxBins*8 bytes of histogram plus a fixed ~100-byte header.
	// (Internally, histograms spanning fewer than 2*MaxBins bins are stored
	// densely in the same memory, which makes Add a single increment.)
	MaxBins = 256

	// MaxSpan is the maximum distance between the lowest and the highest
	// bin index of a series (bins are stored as 32-bit offsets from the
	// lowest bin). It is a second, equally order-independent, coarsening
	// trigger; it only matters for very spread-out data (e.g. two clusters
	// more than 2^32 quanta apart).
	MaxSpan = math.MaxUint32

	// MaxCount is the maximum number of defined values one series can hold
	// (including merged ones). Add panics and Merge returns an error beyond
	// it. Undefined values are not limited.
	MaxCount = math.MaxUint32

	// MaxQuantized bounds |round(v/resolution)|; Add panics for values
	// beyond it (a float64 carries only 53 bits of precision anyway). With
	// resolution 0.01 this is about 9.0e13, with 1e-6 about 9.0e9.
	MaxQuantized = 1 << 53

	// MinResolution and MaxResolution bound the resolutions. The bounds are
	// far beyond any practical need; they guarantee that every statistic
	// is finite (|values| <= 2^55 * resolution, variance <= 2^108 *
	// resolution^2).
	MinResolution = 1e-100
	MaxResolution = 1e100

	// maxShift is the largest shift any reachable state can have: at shift
	// 54 every |q| <= 2^53 falls in bin -1 or 0, which always fits.
	maxShift = 54
)

// Percentile levels reported in Stats.
var statLevels = [5]float64{0.05, 0.25, 0.50, 0.75, 0.95}

// Stats are the summary statistics of one series.
//
// N counts defined values, Undefined counts NaN ("undefined") values, which
// are excluded from everything else. Mean and SD (sample standard deviation,
// n-1 denominator, 0 when N == 1) are exact functions of the quantized
// values (correctly rounded to float64 up to the final square root). MCSE =
// SD/sqrt(N) is the Monte Carlo standard error of the mean. The percentiles
// follow PercentileInc; they are exact (to the resolution) when the series'
// histogram shift is 0 and otherwise within (2^shift-1)/2 * resolution of
// the exact percentile of the quantized values.
//
// When N == 0 all float fields are NaN and Defined reports false.
type Stats struct {
	N, Undefined                            int64
	Mean, SD, MCSE, P05, P25, P50, P75, P95 float64
}

// Defined reports whether the series had at least one defined value.
func (s Stats) Defined() bool { return s.N > 0 }

// Table holds the summaries of a fixed list of series, each with its own
// resolution. A Table is not safe for concurrent use: give each worker its
// own Table and Merge them afterwards. The zero Table is empty (Len 0); use
// NewTable.
type Table struct {
	series  []series
	runs    int64
	scratch []binCount // reused by the slow path of Add
	qbuf    []int64    // quantized values of the current run (AddRun)
}

// NewTable returns an empty Table for len(resolutions) series; series i
// quantizes its values to multiples of resolutions[i]. It panics if a
// resolution is outside [MinResolution, MaxResolution].
func NewTable(resolutions []float64) *Table {
	t := &Table{series: make([]series, len(resolutions))}
	for i, r := range resolutions {
		if !validResolution(r) {
			panic(fmt.Sprintf("summary: NewTable: resolution[%d] = %v, want a number in [MinResolution, MaxResolution]", i, r))
		}
		t.series[i].res = r
	}
	return t
}

func validResolution(r float64) bool { return r >= MinResolution && r <= MaxResolution }

// Len returns the number of series.
func (t *Table) Len() int { return len(t.series) }

// Runs returns the number of AddRun calls, including those of merged tables.
func (t *Table) Runs() int64 { return t.runs }

// Resolution returns the resolution of series i.
func (t *Table) Resolution(i int) float64 { return t.series[i].res }

// Shift returns the current histogram shift of series i: bins are
// 2^Shift(i) quanta wide. 0 means the percentiles are exact.
func (t *Table) Shift(i int) int { return int(t.series[i].shift) }

// NumBins returns the number of non-empty histogram bins of series i
// (at most MaxBins).
func (t *Table) NumBins(i int) int { return int(t.series[i].nbins) }

// Add records value v for series i. NaN counts as undefined. It panics if v
// is infinite, if |round(v/resolution)| > MaxQuantized, or if the series
// already holds MaxCount defined values: these are programming errors.
func (t *Table) Add(i int, v float64) {
	s := &t.series[i]
	t.addQ(s, s.quantize(i, v))
}

// AddRun records one run: Add(i, values[i]) for every series, and counts
// the run. It panics if len(values) != Len() or if Add would panic for some
// value; in that case the table is left unchanged.
func (t *Table) AddRun(values []float64) {
	ss := t.series
	if len(values) != len(ss) {
		panic(fmt.Sprintf("summary: AddRun: got %d values, want %d", len(values), len(ss)))
	}
	values = values[:len(ss)]
	// Pass 1 quantizes and validates without modifying anything, so a
	// panicking AddRun leaves the table unchanged. Pass 2 updates the sums.
	// Pass 3 increments the histograms; it executes few instructions per
	// series, which lets the CPU overlap the cache misses of many
	// increments (a single pass is about twice as slow with 10k series).
	if cap(t.qbuf) < len(ss) {
		t.qbuf = make([]int64, len(ss))
	}
	qs := t.qbuf[:len(ss)]
	for i := range ss {
		// Inlined copy of series.quantize.
		q := int64(undefinedQ)
		if v := values[i]; v == v {
			s := &ss[i]
			r := math.Round(v / s.res)
			if !(r >= -MaxQuantized && r <= MaxQuantized) || s.n >= MaxCount {
				s.badAdd(i, v)
			}
			q = int64(r)
		}
		qs[i] = q
	}
	for i := range ss {
		s, q := &ss[i], qs[i]
		if q == undefinedQ {
			s.undef++
			continue
		}
		s.n++
		s.s1.addInt64(q)
		s.s2.addSquare(q)
	}
	// Pass 3 does the histogram increments; the common case (dense layout,
	// existing bin) is inlined here.
	for i := range ss {
		q := qs[i]
		if q == undefinedQ {
			continue
		}
		s := &ss[i]
		b := q >> s.shift
		if s.dense {
			off := uint64(b - s.base)
			if w := off >> 1; w < uint64(len(s.bins)) {
				sh := (off & 1) * 32
				if word := s.bins[w]; word>>sh&math.MaxUint32 != 0 {
					s.bins[w] = word + 1<<sh
					continue
				}
			}
		}
		t.addBin(s, b)
	}
	t.runs++
}

// Clone returns a deep copy of t.
func (t *Table) Clone() *Table {
	c := &Table{series: make([]series, len(t.series)), runs: t.runs}
	copy(c.series, t.series)
	for i := range c.series {
		if b := t.series[i].bins; b != nil {
			c.series[i].bins = append(make([]uint64, 0, len(b)), b...)
		}
	}
	return c
}

// ErrMismatch is returned (wrapped) by Merge for tables of different shape.
var ErrMismatch = errors.New("summary: tables do not match")

// Merge adds the contents of o to t; o is not modified (o may be t). The
// result depends only on the multiset of values added to both tables, not
// on how they were split or in which order they were merged. Merge returns
// an error, leaving t unchanged, if the tables have different lengths or
// resolutions or if a count would exceed its limit.
func (t *Table) Merge(o *Table) error {
	if o == nil {
		return fmt.Errorf("%w: nil table", ErrMismatch)
	}
	if len(o.series) != len(t.series) {
		return fmt.Errorf("%w: %d series vs %d", ErrMismatch, len(t.series), len(o.series))
	}
	for i := range t.series {
		a, b := &t.series[i], &o.series[i]
		if math.Float64bits(a.res) != math.Float64bits(b.res) {
			return fmt.Errorf("%w: series %d has resolution %v vs %v", ErrMismatch, i, a.res, b.res)
		}
		if a.n+b.n > MaxCount {
			return fmt.Errorf("summary: Merge: series %d would hold %d defined values, more than MaxCount", i, a.n+b.n)
		}
		if a.undef > math.MaxInt64-b.undef {
			return fmt.Errorf("summary: Merge: series %d: undefined count overflows", i)
		}
	}
	if t.runs > math.MaxInt64-o.runs {
		return errors.New("summary: Merge: run count overflows")
	}
	if o == t {
		o = t.Clone()
	}
	var sc mergeScratch
	for i := range t.series {
		mergeSeries(&t.series[i], &o.series[i], &sc)
	}
	t.runs += o.runs
	return nil
}

// Stats returns the statistics of series i.
func (t *Table) Stats(i int) Stats {
	s := &t.series[i]
	st := Stats{N: s.n, Undefined: s.undef}
	if s.n == 0 {
		nan := math.NaN()
		st.Mean, st.SD, st.MCSE = nan, nan, nan
		st.P05, st.P25, st.P50, st.P75, st.P95 = nan, nan, nan, nan, nan
		return st
	}
	st.Mean, st.SD = s.moments()
	st.MCSE = st.SD / math.Sqrt(float64(s.n))
	st.P05 = s.percentile(statLevels[0])
	st.P25 = s.percentile(statLevels[1])
	st.P50 = s.percentile(statLevels[2])
	st.P75 = s.percentile(statLevels[3])
	st.P95 = s.percentile(statLevels[4])
	return st
}

// Percentile returns the PercentileInc p-quantile (0 <= p <= 1) of the
// defined values of series i, NaN if there are none. See Stats for its
// accuracy. It panics if p is outside [0, 1].
func (t *Table) Percentile(i int, p float64) float64 {
	checkLevel(p)
	s := &t.series[i]
	if s.n == 0 {
		return math.NaN()
	}
	return s.percentile(p)
}

// moments returns the mean and the sample standard deviation, computed
// exactly from the integer sums: mean = S1*res/n and
// var = (n*S2 - S1^2) * res^2 / (n*(n-1)), each rounded once to float64
// (SD is then the float64 square root of the rounded variance).
func (s *series) moments() (mean, sd float64) {
	res := new(big.Rat).SetFloat64(s.res)
	n := big.NewInt(s.n)
	s1 := s.s1.big()
	m := new(big.Rat).SetFrac(s1, n)
	mean, _ = m.Mul(m, res).Float64()
	if s.n < 2 {
		return mean, 0
	}
	num := new(big.Int).Mul(n, s.s2.big())
	num.Sub(num, s1.Mul(s1, s1))
	den := new(big.Int).Mul(n, big.NewInt(s.n-1))
	v := new(big.Rat).SetFrac(num, den)
	v.Mul(v, res)
	v.Mul(v, res)
	vf, _ := v.Float64()
	return mean, math.Sqrt(vf)
}
