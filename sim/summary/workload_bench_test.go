package summary

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"testing"
)

// The workload benchmarks replay the series values of a real simulation.
// This package cannot import sim (sim imports it), so the workload is
// captured outside the repository by a small program that runs the BHR
// baseline example and writes
//
//   - $AHPSIM_WORKLOAD (default /tmp/ahpsim-workload.json): one object per
//     series with its resolution, defined and undefined counts, mean, SD,
//     percentiles, whether every value was a whole number and the number
//     of distinct quantized values;
//   - $AHPSIM_WORKLOAD_RUNS (default /tmp/ahpsim-workload-runs.bin.gz): the
//     real quantized per-run vectors (format below).
//
// The benchmarks are skipped when the files are absent.

// workloadFile is the statistical description of a workload.
type workloadFile struct {
	Example string `json:"example"`
	Runs    int    `json:"runs"`
	Series  []struct {
		Res      float64 `json:"res"`
		N        int64   `json:"n"`
		Undef    int64   `json:"undef"`
		Mean     float64 `json:"mean"`
		SD       float64 `json:"sd"`
		Integer  bool    `json:"integer"`
		Distinct int     `json:"distinct"`
	} `json:"series"`
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func loadWorkloadFile(b *testing.B) *workloadFile {
	b.Helper()
	path := envOr("AHPSIM_WORKLOAD", "/tmp/ahpsim-workload.json")
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		b.Skipf("no workload file %s", path)
	}
	if err != nil {
		b.Fatal(err)
	}
	var w workloadFile
	if err := json.Unmarshal(data, &w); err != nil {
		b.Fatal(err)
	}
	return &w
}

// synthesizeWorkload draws runs from the statistical description: each
// value is undefined with the series' observed frequency, otherwise a
// normal draw with the series' mean and SD, rounded to a whole number for
// integer-valued series and quantized to the resolution. With pooled, each
// series first draws as many values as it had distinct values and then
// picks among them, which reproduces the discreteness of real series (sums
// of whole posts' FTE, whole pounds) and hence their histogram layout.
func synthesizeWorkload(w *workloadFile, runs int, pooled bool) (res []float64, rows [][]float64) {
	r := newRand(11)
	res = make([]float64, len(w.Series))
	for i, s := range w.Series {
		res[i] = s.Res
	}
	draw := func(i int, r *rand.Rand) float64 {
		s := &w.Series[i]
		v := s.Mean + s.SD*r.NormFloat64()
		if s.Integer {
			v = math.Round(v)
		}
		return math.Round(v/s.Res) * s.Res
	}
	var pools [][]float64
	if pooled {
		pools = make([][]float64, len(w.Series))
		for i, s := range w.Series {
			pools[i] = make([]float64, max(s.Distinct, 1))
			for k := range pools[i] {
				pools[i][k] = draw(i, r)
			}
		}
	}
	rows = make([][]float64, runs)
	for k := range rows {
		row := make([]float64, len(w.Series))
		for i, s := range w.Series {
			switch {
			case s.N == 0 || s.Undef > 0 && r.Int64N(s.N+s.Undef) < s.Undef:
				row[i] = math.NaN()
			case pooled:
				row[i] = pools[i][r.IntN(len(pools[i]))]
			default:
				row[i] = draw(i, r)
			}
		}
		rows[k] = row
	}
	return res, rows
}

// loadWorkloadRuns reads the real per-run vectors. Format, gzip-compressed:
// "AHPWL1", uvarint series count L, uvarint run count R, L resolutions
// (float64 bits, little endian), then R*L varints: the quantized value, or
// math.MinInt64 for an undefined one.
func loadWorkloadRuns(b *testing.B) (res []float64, rows [][]float64) {
	b.Helper()
	path := envOr("AHPSIM_WORKLOAD_RUNS", "/tmp/ahpsim-workload-runs.bin.gz")
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		b.Skipf("no workload file %s", path)
	}
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	br := bufio.NewReader(zr)
	fail := func(err error) {
		if err != nil {
			b.Fatalf("%s: %v", path, err)
		}
	}
	head := make([]byte, 6)
	_, err = io.ReadFull(br, head)
	fail(err)
	if string(head) != "AHPWL1" {
		fail(errors.New("bad header"))
	}
	l, err := binary.ReadUvarint(br)
	fail(err)
	r, err := binary.ReadUvarint(br)
	fail(err)
	if l > 1<<24 || r > 1<<20 {
		fail(fmt.Errorf("%d series, %d runs: too many", l, r))
	}
	res = make([]float64, l)
	var w [8]byte
	for i := range res {
		_, err = io.ReadFull(br, w[:])
		fail(err)
		res[i] = math.Float64frombits(binary.LittleEndian.Uint64(w[:]))
	}
	rows = make([][]float64, r)
	for k := range rows {
		row := make([]float64, l)
		for i := range row {
			q, err := binary.ReadVarint(br)
			if err != nil {
				fail(err)
			}
			if q == math.MinInt64 {
				row[i] = math.NaN()
			} else {
				row[i] = float64(q) * res[i]
			}
		}
		rows[k] = row
	}
	return res, rows
}

// benchJob runs the two workload benchmarks on rows:
//
//   - cold: one iteration is a whole job, every run added to an empty
//     table, as one worker of a simulation does;
//   - steady: the table first holds every run, then each iteration adds
//     one of them again (cycling), so that no bin is new: the cost of the
//     increments alone.
//
// ns/add is the time per series value.
func benchJob(b *testing.B, res []float64, rows [][]float64) {
	nv := float64(len(res))
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			tb := NewTable(res)
			for _, row := range rows {
				tb.AddRun(row)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(rows))/nv, "ns/add")
	})
	b.Run("steady", func(b *testing.B) {
		tb := NewTable(res)
		for _, row := range rows {
			tb.AddRun(row)
		}
		tb.NumBins(0) // reads flush the runs still staged
		b.ReportAllocs()
		b.ResetTimer()
		k := 0
		for b.Loop() {
			tb.AddRun(rows[k%len(rows)])
			k++
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/nv, "ns/add")
	})
}

// BenchmarkAddRunWorkload replays the captured workload (see above):
// "real" the real runs, "normal" normal draws from each series' mean and
// SD, "pooled" normal draws restricted to as many values per series as the
// series really took.
func BenchmarkAddRunWorkload(b *testing.B) {
	b.Run("real", func(b *testing.B) {
		res, rows := loadWorkloadRuns(b)
		benchJob(b, res, rows)
	})
	for _, pooled := range []bool{false, true} {
		name := "normal"
		if pooled {
			name = "pooled"
		}
		b.Run(name, func(b *testing.B) {
			w := loadWorkloadFile(b)
			res, rows := synthesizeWorkload(w, max(w.Runs, 200), pooled)
			benchJob(b, res, rows)
		})
	}
}
