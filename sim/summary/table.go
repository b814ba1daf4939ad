package summary

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"sync"
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
	// (including merged ones). Add, AddRun and Merge return an error beyond
	// it. Undefined values are not limited.
	MaxCount = math.MaxUint32

	// MaxQuantized bounds |round(v/resolution)|; Add and AddRun return a
	// *ValueError for values beyond it. With resolution 0.01 this is about
	// 2.3e16, with 1e-6 about 2.3e12. (Beyond 2^53 quanta a float64 holds
	// only some integers, so large values are summarised to their own
	// precision, about 1e-16 relative; 2^61 keeps every difference of two
	// quantized values, and 256 times one, within an int64.)
	MaxQuantized = 1 << 61

	// MinResolution and MaxResolution bound the resolutions. The bounds are
	// far beyond any practical need; they guarantee that every statistic
	// is finite (|values| <= 2^63 * resolution, variance <= 2^124 *
	// resolution^2).
	MinResolution = 1e-100
	MaxResolution = 1e100

	// maxShift is the largest shift any reachable state can have: at shift
	// 62 every |q| <= 2^61 falls in bin -1 or 0, which always fits.
	maxShift = 62
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
// own Table and Merge them afterwards. (Its read-only methods — Stats,
// Percentile, Shift, NumBins, MarshalBinary, Clone, and Merge's argument —
// may run concurrently with each other.) The zero Table is empty (Len 0);
// use NewTable.
type Table struct {
	series []series
	res    []float64 // the series' resolutions, contiguous for AddRun
	runs   int64
	// maxN is an upper bound of n plus the staged values of every series,
	// so that AddRun checks MaxCount once per run.
	maxN int64
	// stage holds the quantized values of the last staged runs (at most
	// stageRuns), run after run, not yet added to the series; see flush.
	stage   []int64
	staged  int
	mu      sync.Mutex // serialises the flushes of concurrent readers
	scratch []binCount // reused by the rebuilds of histograms (rebuild)
}

// stageRuns is the number of runs AddRun buffers before adding them to the
// series. Adding several runs series by series touches each series' header
// and histogram once for several values instead of once per value, which is
// what makes AddRun fast when the tables exceed the CPU caches. The buffer
// costs stageRuns*8 bytes per series. (On the BHR example's 52k series,
// 16 was measurably slower than 32. With the CLI's default selection, 9k
// series, and the simple model's 6k, 64 made AddRun 1.06x and 1.15x
// faster than 32 on their real runs, since each flush fetches a histogram
// for twice as many values and rebuilds it at most once; 128, for twice the
// buffer, gained more in AddRun but hardly anything end to end.) The buffer
// grows to that size as runs are staged (growStage).
const stageRuns = 64

// The run-length arithmetic of flushSeries (addSquareTimes) needs
// c <= stageRuns <= 256.
var _ [256 - stageRuns]struct{}

// NewTable returns an empty Table for len(resolutions) series; series i
// quantizes its values to multiples of resolutions[i]. It panics if a
// resolution is outside [MinResolution, MaxResolution].
func NewTable(resolutions []float64) *Table {
	t := &Table{series: make([]series, len(resolutions)), res: make([]float64, len(resolutions))}
	for i, r := range resolutions {
		if !validResolution(r) {
			panic(fmt.Sprintf("summary: NewTable: resolution[%d] = %v, want a number in [MinResolution, MaxResolution]", i, r))
		}
		t.series[i].res = r
		t.res[i] = r
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
func (t *Table) Shift(i int) int {
	t.sync()
	return int(t.series[i].shift)
}

// NumBins returns the number of non-empty histogram bins of series i
// (at most MaxBins).
func (t *Table) NumBins(i int) int {
	t.sync()
	return int(t.series[i].nbins)
}

// ErrValue is wrapped by every *ValueError: a value a series cannot hold.
var ErrValue = errors.New("summary: value out of range")

// ValueError is the error of Add and AddRun for a value series Series
// cannot hold: an infinity, a value whose magnitude exceeds MaxQuantized
// quanta, or a value beyond MaxCount. Callers that know what the series
// mean (package sim) name it from Series.
type ValueError struct {
	Series     int
	Value      float64
	Resolution float64
	Reason     string // "is infinite (...)", "is beyond ..."
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("summary: series %d: value %v %s", e.Series, e.Value, e.Reason)
}

// Unwrap returns ErrValue.
func (e *ValueError) Unwrap() error { return ErrValue }

// Add records value v for series i. NaN counts as undefined. It returns a
// *ValueError, leaving the table unchanged, if v is infinite, if
// |round(v/resolution)| > MaxQuantized, or if the series already holds
// MaxCount defined values. It panics if i is out of range.
func (t *Table) Add(i int, v float64) error {
	t.flush()
	s := &t.series[i]
	q, err := s.quantize(i, v)
	if err != nil {
		return err
	}
	t.addQ(s, q)
	t.maxN = max(t.maxN, s.n)
	return nil
}

// AddRun records one run: Add(i, values[i]) for every series, and counts
// the run. If Add would fail for some value, AddRun returns the error of
// the first such series and leaves the table unchanged. It panics if
// len(values) != Len() (a programming error).
//
// AddRun only quantizes and validates the values and stages them; every
// stageRuns runs, and before anything reads the table, the staged runs are
// added series by series (flush). The state after a flush is the same as
// if every value had been added at once, since it depends only on the
// multiset of values.
func (t *Table) AddRun(values []float64) error {
	l := len(t.series)
	if len(values) != l {
		panic(fmt.Sprintf("summary: AddRun: got %d values, want %d", len(values), l))
	}
	if t.maxN >= MaxCount {
		// Some series may be full: check them one by one (never happens
		// in practice: it takes 2^32-1 runs).
		t.flush()
		for i := range t.series {
			if s := &t.series[i]; values[i] == values[i] && s.n >= MaxCount {
				return s.badValue(i, values[i])
			}
		}
	}
	if t.staged == stageRuns {
		t.flush()
	}
	if need := (t.staged + 1) * l; need > len(t.stage) {
		t.stage = growStage(t.stage, t.staged*l, need, stageRuns*l)
	}
	// Validation happens before anything is counted: a failing AddRun
	// leaves the table unchanged (the row it wrote is not staged).
	row := t.stage[t.staged*l : (t.staged+1)*l]
	if i, ok := quantizeRow(t.res, values, row); !ok {
		return t.series[i].badValue(i, values[i])
	}
	t.staged++
	t.maxN++
	t.runs++
	return nil
}

// growStage returns a stage of at least need values (at most limit) that
// starts with stage[:kept]. It grows fourfold (1, 4, 16, 64 runs), up to
// stageRuns runs, so that a job of a few runs does not allocate (and zero)
// the whole buffer of stageRuns runs: on the BHR example's 52k series that
// is 27 MB per table and worker. (Doubling copied three times as many
// staged values.)
func growStage(stage []int64, kept, need, limit int) []int64 {
	st := make([]int64, min(limit, max(need, 4*len(stage))))
	copy(st, stage[:kept])
	return st
}

// quantizeRow writes the quantized values of one run into row (undefinedQ
// for NaN). It returns the first series whose value it cannot hold, and
// false, or true when all fit.
func quantizeRow(res, values []float64, row []int64) (int, bool) {
	res = res[:len(values)]
	row = row[:len(values)]
	for i, v := range values {
		q, ok := quantizeFast(v / res[i])
		if !ok {
			if v == v {
				return i, false
			}
			q = undefinedQ
		}
		row[i] = q
	}
	return 0, true
}

// quantizeFast returns round(x) (halves away from zero, as math.Round) for
// |x| <= MaxQuantized, and false for anything else (NaN included). It is
// exact: for such x, x + copysign(0.5-2^-54, x) rounds (to nearest even)
// onto the integer that round(x) is or onto a float below it in magnitude,
// so truncating gives round(x); beyond 2^53, where every float is an even
// integer, the addition rounds back onto x. (Adding 0.5 itself would fail
// for 0.5-2^-54 and for odd integers in [2^52, 2^53].)
func quantizeFast(x float64) (int64, bool) {
	const (
		sign     = 1 << 63
		maxBits  = 0x43c0000000000000 // math.Float64bits(MaxQuantized)
		halfBits = 0x3fdfffffffffffff // math.Float64bits(0.5 - 2^-54)
	)
	b := math.Float64bits(x)
	if b&^sign > maxBits { // also NaN, whose bits exceed those of +Inf
		return 0, false
	}
	return int64(x + math.Float64frombits(b&sign|halfBits)), true
}

// sync makes the staged runs visible to a reader: concurrent readers
// serialise on t.mu, and only the first one has anything to add.
func (t *Table) sync() {
	t.mu.Lock()
	t.flush()
	t.mu.Unlock()
}

// flush adds the staged runs to the series, series by series, so that the
// header and the histogram of a series are fetched once for all of them.
// (A pass that loaded the histogram words of a block of series before
// updating them, a software prefetch, no longer paid once 64 runs were
// staged: without it AddRun was 1.06x to 1.13x faster on the real runs of
// BHR and the simple model, and a BHR run with every series 1.1x.)
func (t *Table) flush() {
	k := t.staged
	if k == 0 {
		return
	}
	t.flushSeries(t.stage[:k*len(t.series)])
	t.staged = 0
}

// flushSeries adds the staged values st, run after run, to the series.
// Equal consecutive values (a series often takes the same value run after
// run) are added at once, with their count c.
func (t *Table) flushSeries(st []int64) {
	l := len(t.series)
	for i := range t.series {
		s := &t.series[i]
		n, undef := s.n, s.undef
		s1, s2 := s.s1, s.s2
		for j := i; j < len(st); {
			q := st[j]
			c := uint64(1)
			for j += l; j < len(st) && st[j] == q; j += l {
				c++
			}
			if q == undefinedQ {
				undef += int64(c)
				continue
			}
			n += int64(c)
			s1.addTimes(q, c)
			s2.addSquareTimes(q, c)
			// Inlined common cases of addInPlace: an existing bin of the
			// dense layout, or at the first probe of the hashed one.
			b := q >> s.shift
			off := uint64(b - s.base)
			if s.dense {
				if w := off >> 1; w < uint64(len(s.bins)) {
					sh := (off & 1) * 32
					if word := s.bins[w]; word>>sh&math.MaxUint32 != 0 {
						s.bins[w] = word + c<<sh
						continue
					}
				}
			} else if bins := s.bins; len(bins) > 0 {
				h := home(b, s.hbits) & uint64(len(bins)-1)
				if w := bins[h]; w>>32 == off && w != 0 {
					bins[h] = w + c
					continue
				}
			}
			if !s.addInPlace(b, c) {
				s.n, s.undef, s.s1, s.s2 = n, undef, s1, s2
				t.flushRebuild(s, binCount{b, c}, st[min(j, len(st)):], l)
				n, undef, s1, s2 = s.n, s.undef, s.s1, s.s2
				break
			}
		}
		s.n, s.undef = n, undef
		s.s1, s.s2 = s1, s2
	}
}

// flushRebuild adds bin e, which the layout of s cannot take in place, and
// the staged values rest[0], rest[l], ... that follow it, with one rebuild
// of the histogram for all of them (instead of one per new bin that does
// not fit).
func (t *Table) flushRebuild(s *series, e binCount, rest []int64, l int) {
	kc := append(s.appendBins(t.scratch[:0], 0), e)
	for j := 0; j < len(rest); {
		q := rest[j]
		c := uint64(1)
		for j += l; j < len(rest) && rest[j] == q; j += l {
			c++
		}
		if q == undefinedQ {
			s.undef += int64(c)
			continue
		}
		s.n += int64(c)
		s.s1.addTimes(q, c)
		s.s2.addSquareTimes(q, c)
		kc = append(kc, binCount{q >> s.shift, c})
	}
	t.scratch = s.rebuild(kc)
}

// Clone returns a deep copy of t.
func (t *Table) Clone() *Table {
	t.sync()
	c := &Table{series: make([]series, len(t.series)), res: append([]float64(nil), t.res...), runs: t.runs, maxN: t.maxN}
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
func (t *Table) Merge(o *Table) error { return t.MergeParallel(o, 1) }

// mergeChunk is the fewest series a goroutine of MergeParallel merges:
// below it, starting the goroutine costs more than it saves.
const mergeChunk = 4096

// MergeParallel is Merge spread over up to `workers` goroutines, each
// merging its own range of series; the result is the same as Merge's (each
// series is merged on its own). Neither t nor o may be used by anything
// else meanwhile.
func (t *Table) MergeParallel(o *Table, workers int) error {
	if o == nil {
		return fmt.Errorf("%w: nil table", ErrMismatch)
	}
	if len(o.series) != len(t.series) {
		return fmt.Errorf("%w: %d series vs %d", ErrMismatch, len(t.series), len(o.series))
	}
	t.flush()
	if o != t {
		o.sync()
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
	t.mergeRange(o, workers)
	t.runs += o.runs
	t.maxN = t.maxCount()
	return nil
}

// mergeRange merges every series of o into t's, in up to `workers`
// goroutines over contiguous ranges of series.
func (t *Table) mergeRange(o *Table, workers int) {
	l := len(t.series)
	parts := max(1, min(workers, l/mergeChunk))
	var wg sync.WaitGroup
	for p := range parts {
		i0, i1 := p*l/parts, (p+1)*l/parts
		merge := func() {
			var sc mergeScratch
			for i := i0; i < i1; i++ {
				mergeSeries(&t.series[i], &o.series[i], &sc)
			}
		}
		if p == parts-1 {
			merge() // the last range on this goroutine
			continue
		}
		wg.Go(merge)
	}
	wg.Wait()
}

// maxCount returns the largest n of the series (nothing staged).
func (t *Table) maxCount() int64 {
	var m int64
	for i := range t.series {
		m = max(m, t.series[i].n)
	}
	return m
}

// Stats returns the statistics of series i.
func (t *Table) Stats(i int) Stats {
	t.sync()
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
	var ps [len(statLevels)]float64
	s.percentiles(statLevels[:], ps[:])
	st.P05, st.P25, st.P50, st.P75, st.P95 = ps[0], ps[1], ps[2], ps[3], ps[4]
	return st
}

// Percentile returns the PercentileInc p-quantile (0 <= p <= 1) of the
// defined values of series i, NaN if there are none. See Stats for its
// accuracy. It panics if p is outside [0, 1].
func (t *Table) Percentile(i int, p float64) float64 {
	checkLevel(p)
	t.sync()
	s := &t.series[i]
	if s.n == 0 {
		return math.NaN()
	}
	var out [1]float64
	s.percentiles([]float64{p}, out[:])
	return out[0]
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
