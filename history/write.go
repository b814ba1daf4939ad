package history

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteCSV writes t in the documented shape: a header of the key columns
// (KeyNames), then t.Columns in order, then one column per age group
// (AgeGroup.Header); then one line per row, in t's order. Months are
// written YYYY-MM, organisations and professions by key, bands as
// workforce writes them ("5", "8a"), unknown figures as blank cells and
// numbers in the fewest digits that carry them (at most 6 decimals), so
// that a written table reads back to the same figures and the same input
// always gives the same bytes.
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	header := append([]string(nil), KeyNames[:]...)
	for _, c := range t.Columns {
		if c >= NumColumns {
			return fmt.Errorf("history: %s: column %d is not a column (want 0 to %d)", t.Source, c, NumColumns-1)
		}
		header = append(header, c.String())
	}
	for _, g := range t.AgeGroups {
		header = append(header, g.Header())
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	line := make([]string, len(header))
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Ages != nil && len(r.Ages) != len(t.AgeGroups) {
			return fmt.Errorf("history: %s: row %d (%s %s %s %s) has %d age-group figures (want %d, one per age group)",
				t.Source, i+1, r.Month, r.Org, r.Prof, r.Band, len(r.Ages), len(t.AgeGroups))
		}
		line = append(line[:0], r.Month.String(), r.Org, r.Prof, r.Band.String())
		for _, c := range t.Columns {
			line = append(line, FormatFigure(r.Figures[c]))
		}
		for g := range t.AgeGroups {
			v := math.NaN()
			if r.Ages != nil {
				v = r.Ages[g]
			}
			line = append(line, FormatFigure(v))
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// FormatFigure writes a figure as WriteCSV does: blank when unknown,
// otherwise rounded to 6 decimals with no trailing zeros and no "-0", so
// that sums of fractions (0.9 FTE a head) print as 74.7, not
// 74.70000000000002.
func FormatFigure(v float64) string {
	if !Known(v) {
		return ""
	}
	s := strconv.FormatFloat(v, 'f', 6, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}
