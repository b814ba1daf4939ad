package sim

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"strings"
)

// SummaryHeader is the header row of summary.csv.
var SummaryHeader = []string{"option", "date", "organisation", "profession", "band", "metric",
	"mean", "sd", "mcse", "p05", "p25", "p50", "p75", "p95"}

// WriteSummaryCSV writes the result in tidy long format, one row per
// (option, date, organisation, profession, band, metric), with "all" for
// totals. Undefined values (a vacancy rate with no establishment) are
// empty fields. Flow metrics have no row at the start date. With header
// false only the data rows are written, so several options can share a file.
// Text cells a spreadsheet could read as a formula are neutralised (see
// CSVText).
func (r *Result) WriteSummaryCSV(w io.Writer, option string, header bool) error {
	cw := csv.NewWriter(w)
	if header {
		if err := cw.Write(SummaryHeader); err != nil {
			return err
		}
	}
	row := make([]string, 0, len(SummaryHeader))
	for d, date := range r.Dates {
		for g, grp := range r.Groups {
			org, prof, band := grp.Key(r.Model.Layout)
			for mi, m := range r.Metrics {
				if d == 0 && m.Kind == Flow {
					continue
				}
				st := r.Stats(d, g, mi)
				row = textCells(append(row[:0], option, date.String(), org, prof, band, m.Name)...)
				if st.Defined() {
					dec := decimals(m.Resolution)
					for _, v := range []float64{st.Mean, st.SD, st.MCSE, st.P05, st.P25, st.P50, st.P75, st.P95} {
						row = append(row, FormatNumber(v, dec))
					}
				} else {
					row = append(row, "", "", "", "", "", "", "", "")
				}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
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
