package history

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// series is the rows of one organisation, profession and band as the file
// writes them, in file order.
type series struct {
	rows []*sourceRow
}

// checkTable reports what is wrong with the rows taken together: a row
// given twice, months going backwards, months missing.
func (r *reader) checkTable() {
	var order []string
	bySeries := map[string]*series{}
	for i := range r.rows {
		src := &r.rows[i]
		s, ok := bySeries[src.written]
		if !ok {
			s = &series{}
			bySeries[src.written] = s
			order = append(order, src.written)
		}
		s.rows = append(s.rows, src)
	}
	for _, id := range order {
		r.checkSeries(bySeries[id])
	}
	if r.keyErrs || len(r.rows) == 0 {
		return // months of rows that could not be read would show as missing
	}
	first, last := r.rows[0].row.Month, r.rows[0].row.Month
	for _, src := range r.rows {
		first, last = min(first, src.row.Month), max(last, src.row.Month)
	}
	for _, id := range order {
		r.checkMonths(bySeries[id], first, last)
	}
}

// checkSeries reports a series' rows given twice and months going
// backwards.
func (r *reader) checkSeries(s *series) {
	var latest *sourceRow
	seen := map[workforce.Month]*sourceRow{}
	for _, src := range s.rows {
		if prev, dup := seen[src.row.Month]; dup {
			r.errs = append(r.errs, &CellError{File: r.g.file, Sheet: r.g.sheet, Row: src.at,
				Msg: fmt.Sprintf("the same month, organisation, profession and band as row %d (%s, %s) (want one row each)", prev.at, src.row.Month, src.describe)})
			continue
		}
		seen[src.row.Month] = src
		if latest != nil && src.row.Month < latest.row.Month {
			col := r.keyCol[fieldMonth]
			r.errs = append(r.errs, &CellError{File: r.g.file, Sheet: r.g.sheet, Row: src.at, Col: col + 1,
				Header: strings.TrimSpace(r.header[col].shown), Found: src.monthAt,
				Msg: fmt.Sprintf("%s, a month before %s in row %d (want the months of %s to go forward: sort the table by month)",
					found(src.monthAt), latest.row.Month, latest.at, src.describe)})
			continue
		}
		latest = src
	}
}

// checkMonths reports the months from first to last that a series has no
// row for.
func (r *reader) checkMonths(s *series, first, last workforce.Month) {
	have := map[workforce.Month]bool{}
	for _, src := range s.rows {
		have[src.row.Month] = true
	}
	var gaps []string
	for m := first; m <= last; m++ {
		if have[m] {
			continue
		}
		end := m
		for end+1 <= last && !have[end+1] {
			end++
		}
		if end == m {
			gaps = append(gaps, m.String())
		} else {
			gaps = append(gaps, fmt.Sprintf("%s to %s", m, end))
		}
		m = end
	}
	if len(gaps) == 0 {
		return
	}
	r.errs = append(r.errs, &CellError{File: r.g.file, Sheet: r.g.sheet,
		Msg: fmt.Sprintf("%s (first at row %d) has no rows for %s (want a row for every month from %s to %s: write 0 staff for a month with none, or blank figures when not known)",
			s.rows[0].describe, s.rows[0].at, strings.Join(gaps, ", "), first, last)})
}

// table builds the table from rows that passed every check: rows naming
// the same cell in different words (Radiographer - Diagnostic and
// Radiographer - Therapeutic) are added up.
func (r *reader) table() *Table {
	t := &Table{Source: r.g.file, Ignored: r.ignored}
	for c := range NumColumns {
		if r.figCol[c] >= 0 {
			t.Columns = append(t.Columns, c)
		}
	}
	for _, a := range r.ages {
		t.AgeGroups = append(t.AgeGroups, a.group)
	}
	orgs := map[string]bool{}
	cells := map[cellKey]int{}
	for i := range r.rows {
		src := &r.rows[i]
		if !orgs[src.row.Org] {
			orgs[src.row.Org] = true
			t.Organisations = append(t.Organisations, Organisation{Key: src.row.Org, Name: src.orgName})
		}
		k := cellKey{src.row.Month, src.row.Org, src.row.Prof, src.row.Band}
		if at, ok := cells[k]; ok {
			addRow(&t.Rows[at], &src.row)
			continue
		}
		cells[k] = len(t.Rows)
		row := src.row
		row.Ages = slices.Clone(row.Ages)
		t.Rows = append(t.Rows, row)
	}
	slices.SortFunc(t.Rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Org, b.Org), cmp.Compare(a.Prof, b.Prof), cmp.Compare(a.Band, b.Band))
	})
	return t
}

type cellKey struct {
	month     workforce.Month
	org, prof string
	band      workforce.Band
}

// addRow adds src's figures to dst's: counts and FTE add up (unknown if
// either is); the sickness rate is the FTE-weighted mean.
func addRow(dst, src *Row) {
	fa, fb := dst.Figures[StaffFTE], src.Figures[StaffFTE]
	sa, sb := dst.Figures[SicknessRate], src.Figures[SicknessRate]
	for c := range dst.Figures {
		dst.Figures[c] += src.Figures[c]
	}
	switch {
	case fa+fb > 0:
		dst.Figures[SicknessRate] = (sa*fa + sb*fb) / (fa + fb)
	case fa+fb == 0:
		dst.Figures[SicknessRate] = (sa + sb) / 2
	default:
		dst.Figures[SicknessRate] = math.NaN()
	}
	for a := range dst.Ages {
		dst.Ages[a] += src.Ages[a]
	}
}
