package sim

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ahpsim/ahpsim/sim/summary"
)

// SummaryHeader is the header row of summary.csv. The columns keep their
// order from one version to the next; new ones go at the end (unit and
// level came in v0.2), so a script that reads columns by position keeps
// working.
var SummaryHeader = []string{"option", "date", "organisation", "profession", "band", "metric",
	"mean", "sd", "mcse", "p05", "p25", "p50", "p75", "p95", "unit", "level"}

// level is the level column of a group's rows in summary.csv and
// comparison.csv: the group's kind (system, organisations, professions,
// bands, profession_bands, cells...; GroupKind.String, the words --groups
// takes). The groups of one kind never share a cell and together hold
// every cell, so the rows of one level count each cell once: a pivot
// table filtered on one level never double counts. The finest level
// written (cells, or profession_bands in a system's default selection,
// which leaves out the cells) is the detail; every other level is a total
// of it. The level is the group's own, whatever the selection, so a
// selected row stays byte for byte the row of the whole output.
func level(g Group) string { return g.Kind().String() }

// WriteSummaryCSV writes the result in tidy long format, one row per
// (option, date, organisation, profession, band, metric), with "all" for
// totals, each with the metric's unit (Metric.Unit) and the group's level
// (its kind: see level). Undefined values (a vacancy rate with no establishment) are
// empty fields. Flow metrics have no row at the start date. With header
// false only the data rows are written, so several options can share a file.
// Text cells a spreadsheet could read as a formula are neutralised (see
// CSVText).
func (r *Result) WriteSummaryCSV(w io.Writer, option string, header bool) error {
	return r.WriteSummaryCSVWith(w, option, CSVOptions{Header: header})
}

// CSVOptions are the choices of WriteSummaryCSVWith.
type CSVOptions struct {
	Header bool // write the header row
	// Suppress follows the NHS statistical disclosure convention: a count
	// of people from 1 to 4 (SmallCount) is written as SuppressMark, and
	// so is a leaver rate whose leavers or headcount is one. See
	// docs/model.md, "Small numbers".
	Suppress bool
}

// WriteSummaryCSVWith is WriteSummaryCSV with options.
func (r *Result) WriteSummaryCSVWith(w io.Writer, option string, o CSVOptions) error {
	cw := csv.NewWriter(w)
	if o.Header {
		if err := cw.Write(SummaryHeader); err != nil {
			return err
		}
	}
	row := make([]string, 0, len(SummaryHeader))
	for d, date := range r.Dates {
		for g, grp := range r.Groups {
			org, prof, band := grp.Key(r.Model.Layout)
			lev := level(grp)
			for mi, m := range r.Metrics {
				if d == 0 && m.Kind == Flow {
					continue
				}
				st := r.Stats(d, g, mi)
				row = textCells(append(row[:0], option, date.String(), org, prof, band, m.Name)...)
				row = append(row, r.statCells(st, m, o.Suppress && r.rateOfFew(d, g, m))...)
				if o.Suppress {
					suppressCounts(row[len(row)-8:], st, m)
				}
				row = append(row, m.Unit, lev)
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// statCells are a summary row's eight numbers: mean, sd, mcse and the
// percentiles; empty when undefined, SuppressMark when hidden.
func (r *Result) statCells(st summary.Stats, m Metric, hidden bool) []string {
	switch {
	case !st.Defined():
		return []string{"", "", "", "", "", "", "", ""}
	case hidden:
		return []string{SuppressMark, SuppressMark, SuppressMark, SuppressMark, SuppressMark, SuppressMark, SuppressMark, SuppressMark}
	}
	dec := decimals(m.Resolution)
	out := make([]string, 0, 8)
	for _, v := range []float64{st.Mean, st.SD, st.MCSE, st.P05, st.P25, st.P50, st.P75, st.P95} {
		out = append(out, FormatNumber(v, dec))
	}
	return out
}

// CSVText neutralises a text cell that a spreadsheet could read as a
// formula (CSV or formula injection): text starting with =, +, -, @, a tab
// or a carriage return gets a leading apostrophe, which spreadsheets
// read as "this is text" and do not show, following the OWASP guidance on
// CSV injection. Other text is returned as it is. Numbers are never passed
// through it: -3 is a number, not a formula. Names the library accepts
// (keys, see workforce.CheckKey) never start with these characters; the
// rule guards text given to the writers directly, such as
// WriteSummaryCSV's option.
func CSVText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// textCells applies CSVText to every cell, in place.
func textCells(cells ...string) []string {
	for i, c := range cells {
		cells[i] = CSVText(c)
	}
	return cells
}

// decimals is how many decimal places to print for a metric: two more than
// its resolution, so means of whole heads keep two places.
func decimals(resolution float64) int {
	return max(0, int(math.Ceil(-math.Log10(resolution)-1e-9))) + 2
}

// FormatNumber prints v with at most dec decimal places and no trailing
// zeros: 12.5, 0.131, -3.
func FormatNumber(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if dec > 0 {
		for s[len(s)-1] == '0' {
			s = s[:len(s)-1]
		}
		if s[len(s)-1] == '.' {
			s = s[:len(s)-1]
		}
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// ComparisonHeader is the header row of comparison.csv.
var ComparisonHeader = []string{"option", "reference", "date", "organisation", "profession", "band", "metric",
	"mean", "sd", "mcse", "ci90_low", "ci90_high", "p05", "p50", "p95", "unit", "level"}

// z90 is the standard normal quantile for a two-sided 90% interval.
const z90 = 1.6448536269514722

// WriteComparisonCSV writes the paired statistics of every pair at every
// date and group, then per option the probability of being below the
// target and the first month its median whole-system vacancy rate is
// below it, then the cost per vacancy-FTE-year avoided at the horizon.
// ci90 is the 90% interval of the mean difference (mean +- 1.645 mcse);
// p05 and p95 bound the middle 90% of the run-by-run differences. Text
// cells are neutralised as in WriteSummaryCSV (see CSVText). Every row
// ends with its unit and level, as summary.csv's do.
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
					st := newPairStats(c.PairTable.Stats(c.PairSeries(p, d, g, pm)))
					row := textCells(c.Names[pair.Option], c.Names[pair.Reference], date.String(), org, prof, band, m.Name)
					res := m.Resolution
					if pm == pmBetter {
						res = 1e-4
					}
					if st.Defined() {
						row = append(row, num(st.Mean, res), num(st.SD, res), num(st.MCSE, res),
							num(st.CI90Low, res), num(st.CI90High, res),
							num(st.P05, res), num(st.P50, res), num(st.P95, res))
					} else {
						row = append(row, "", "", "", "", "", "", "", "")
					}
					row = append(row, m.Unit, level(grp))
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
					cw.Write(append(row, "probability", level(grp)))
				}
			}
			row := append(textCells(name, "", "", "all", "all", "all", "median_below_target_month"), "", "", "", "", "", "", "", "",
				"months", GroupSystem.String())
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
				"cost_per_vacancy_fte_year_avoided"), "", "", "", "", "", "", "", "", "GBP per FTE-year", level(grp))
			if v, ok := c.CostPerVacancyYearAvoided(p, g); ok {
				row[7] = num(v, 0.01)
			}
			cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

// Hidden reports whether a figure v (a percentile, say) of metric mi of
// group g at date d is one that suppression hides, as WriteSummaryCSVWith
// does with Suppress: a count of people that is a SmallCount, or any
// figure of a leaver rate derived from one. Indices must be in range.
func (r *Result) Hidden(d, g, mi int, v float64) bool {
	m := r.Metrics[mi]
	return r.rateOfFew(d, g, m) || m.Unit == "heads" && SmallCount(v)
}

// Decimals is how many decimal places summary.csv writes of the metric
// (two more than its resolution's), for writers that round as it does.
func (m Metric) Decimals() int { return decimals(m.Resolution) }
