package sim

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/ahpsim/ahpsim/sim/summary"
)

// partialMagic starts an encoded partial result; the digit is the format
// version.
const partialMagic = "AHPSIM-PARTIAL-1\n"

// partialHeader is what a partial result says about how it was made, so
// that Merge can refuse to combine parts of different jobs.
type partialHeader struct {
	Seed                  uint64
	Runs, Shard, Shards   int64
	Deterministic, Target int64 // Target: 1 if HasTarget
	TargetBits            uint64
	Tables                int64
}

// MarshalBinary encodes the comparison's summaries: with Settings.Shards >
// 1, a partial result that MergeBinary combines with the other shards'.
func (c *Comparison) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(partialMagic)
	tables := c.tables()
	h := c.header(len(tables))
	if err := binary.Write(&buf, binary.LittleEndian, h); err != nil {
		return nil, err
	}
	for _, t := range tables {
		data, err := t.MarshalBinary()
		if err != nil {
			return nil, err
		}
		binary.Write(&buf, binary.LittleEndian, int64(len(data)))
		buf.Write(data)
	}
	return buf.Bytes(), nil
}

func (c *Comparison) header(tables int) partialHeader {
	s := c.Settings
	h := partialHeader{Seed: s.Seed, Runs: int64(s.Runs), Shard: int64(s.Shard), Shards: int64(s.Shards), Tables: int64(tables)}
	if s.Deterministic {
		h.Deterministic = 1
	}
	if c.Compare.HasTarget {
		h.Target, h.TargetBits = 1, math.Float64bits(c.Compare.Target)
	}
	return h
}

// PartialShard reads which shard of how many an encoded partial result is.
func PartialShard(data []byte) (shard, shards int, err error) {
	h, _, err := readPartial(data)
	if err != nil {
		return 0, 0, err
	}
	return int(h.Shard), int(h.Shards), nil
}

func readPartial(data []byte) (partialHeader, []byte, error) {
	var h partialHeader
	rest, ok := bytes.CutPrefix(data, []byte(partialMagic))
	if !ok {
		return h, nil, errors.New("not an ahpsim partial result (or written by another version)")
	}
	r := bytes.NewReader(rest)
	if err := binary.Read(r, binary.LittleEndian, &h); err != nil {
		return h, nil, fmt.Errorf("partial result header: %w", err)
	}
	return h, rest[len(rest)-r.Len():], nil
}

// MergeBinary adds a partial result (MarshalBinary of one shard of the
// same job) into c. It refuses a part of a different job: other seed,
// runs, mode, target or options.
func (c *Comparison) MergeBinary(data []byte) error {
	h, rest, err := readPartial(data)
	if err != nil {
		return err
	}
	tables := c.tables()
	want := c.header(len(tables))
	switch {
	case h.Seed != want.Seed || h.Runs != want.Runs:
		return fmt.Errorf("partial result is of seed %d with %d runs, want seed %d with %d runs", h.Seed, h.Runs, want.Seed, want.Runs)
	case h.Deterministic != want.Deterministic || h.Target != want.Target || h.TargetBits != want.TargetBits:
		return errors.New("partial result was run with another mode or target")
	case h.Tables != want.Tables:
		return fmt.Errorf("partial result has %d tables, want %d (another scenario or options?)", h.Tables, want.Tables)
	}
	r := bytes.NewReader(rest)
	parts := make([]*summary.Table, len(tables))
	for i, t := range tables {
		var n int64
		if err := binary.Read(r, binary.LittleEndian, &n); err != nil || n < 0 || n > int64(r.Len()) {
			return errors.New("partial result is truncated")
		}
		body := make([]byte, n)
		io.ReadFull(r, body)
		parts[i] = &summary.Table{}
		if err := parts[i].UnmarshalBinary(body); err != nil {
			return fmt.Errorf("partial result table %d: %w", i, err)
		}
		if parts[i].Len() != t.Len() {
			return fmt.Errorf("partial result table %d has %d series, want %d (another scenario or options?)", i, parts[i].Len(), t.Len())
		}
	}
	if r.Len() != 0 {
		return errors.New("partial result has trailing bytes")
	}
	for i, t := range tables {
		if err := t.Merge(parts[i]); err != nil {
			return fmt.Errorf("partial result table %d: %w", i, err)
		}
	}
	return nil
}

// ComparisonHeader is the header row of comparison.csv.
var ComparisonHeader = []string{"option", "reference", "date", "organisation", "profession", "band", "metric",
	"mean", "sd", "mcse", "ci90_low", "ci90_high", "p05", "p50", "p95"}

// z90 is the standard normal quantile for a two-sided 90% interval.
const z90 = 1.6448536269514722

// WriteComparisonCSV writes the paired statistics of every pair at every
// date and group, then per option the probability of being below the
// target and the first month its median whole-system vacancy rate is
// below it, then the cost per vacancy-FTE-year avoided at the horizon.
// ci90 is the 90% interval of the mean difference (mean +- 1.645 mcse);
// p05 and p95 bound the middle 90% of the run-by-run differences. Text
// cells are neutralised as in WriteSummaryCSV (see CSVText).
func (c *Comparison) WriteComparisonCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(ComparisonHeader)
	r := c.Options[0]
	l := r.Model.Layout
	num := func(v float64, res float64) string {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return ""
		}
		return FormatNumber(v, decimals(res))
	}
	for p, pair := range c.Pairs {
		for d, date := range r.Dates {
			for g, grp := range r.Groups {
				org, prof, band := grp.Key(l)
				for pm, m := range PairMetrics {
					st := c.PairTable.Stats(c.PairSeries(p, d, g, pm))
					row := textCells(c.Names[pair.Option], c.Names[pair.Reference], date.String(), org, prof, band, m.Name)
					res := m.Resolution
					if pm == pmBetter {
						res = 1e-4
					}
					if st.Defined() {
						row = append(row, num(st.Mean, res), num(st.SD, res), num(st.MCSE, res),
							num(st.Mean-z90*st.MCSE, res), num(st.Mean+z90*st.MCSE, res),
							num(st.P05, res), num(st.P50, res), num(st.P95, res))
					} else {
						row = append(row, "", "", "", "", "", "", "", "")
					}
					if err := cw.Write(row); err != nil {
						return err
					}
				}
			}
		}
	}
	if c.Compare.HasTarget {
		for i, name := range c.Names {
			for d, date := range r.Dates {
				for g, grp := range r.Groups {
					org, prof, band := grp.Key(l)
					st := c.BelowTargetStats(i, d, g)
					row := textCells(name, "", date.String(), org, prof, band, "prob_below_target")
					if st.Defined() {
						row = append(row, num(st.Mean, 1e-4), "", "", "", "", "", "", "")
					} else {
						row = append(row, "", "", "", "", "", "", "", "")
					}
					cw.Write(row)
				}
			}
			row := append(textCells(name, "", "", "all", "all", "all", "median_below_target_month"), "", "", "", "", "", "", "", "")
			if month, ok := c.FirstMonthMedianBelow(i); ok {
				row[2] = month.String()
				row[7] = fmt.Sprint(int(month - c.TraceMonths[0]))
			}
			cw.Write(row)
		}
	}
	last := len(r.Dates) - 1
	for p, pair := range c.Pairs {
		for g, grp := range r.Groups {
			org, prof, band := grp.Key(l)
			row := append(textCells(c.Names[pair.Option], c.Names[pair.Reference], r.Dates[last].String(), org, prof, band,
				"cost_per_vacancy_fte_year_avoided"), "", "", "", "", "", "", "", "")
			if v, ok := c.CostPerVacancyYearAvoided(p, g); ok {
				row[7] = num(v, 0.01)
			}
			cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

// CostPerVacancyYearAvoided is, for pair p and group g at the horizon, the
// mean incremental cost over the mean vacancy FTE-years avoided (the
// reference's minus the option's). It reports false when nothing is
// avoided.
func (c *Comparison) CostPerVacancyYearAvoided(p, g int) (float64, bool) {
	last := len(c.Options[0].Dates) - 1
	cost := c.PairTable.Stats(c.PairSeries(p, last, g, pmCost))
	years := c.PairTable.Stats(c.PairSeries(p, last, g, pmVacancyYears))
	if !cost.Defined() || !years.Defined() || years.Mean >= 0 {
		return 0, false
	}
	return cost.Mean / -years.Mean, true
}
