package calibrate

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

// FitOptions says which months of a history to fit. The zero value fits
// every month.
type FitOptions struct {
	Before workforce.Month // fit only months before this; 0: every month
}

// params lists the parameters in the order a fit sorts them within a cell.
var params = []Param{LeaverRate, MonthlyFill, PromotionApply, FTEPerHead, EstablishmentGrowth}

// order returns the parameter's place in params (len(params) if unknown).
func (p Param) order() int {
	for i, q := range params {
		if q == p {
			return i
		}
	}
	return len(params)
}

// ExposureUnit names the unit of the parameter's exposure, for reports.
func (p Param) ExposureUnit() string {
	switch p {
	case LeaverRate:
		return "headcount-years"
	case MonthlyFill:
		return "vacant post-months"
	case PromotionApply, FTEPerHead:
		return "head-months"
	case EstablishmentGrowth:
		return "months"
	}
	return ""
}

// cellKey names a cell of the history.
type cellKey struct {
	Org, Prof string
	Band      workforce.Band
}

func (k cellKey) less(o cellKey) bool {
	if k.Org != o.Org {
		return k.Org < o.Org
	}
	if k.Prof != o.Prof {
		return k.Prof < o.Prof
	}
	return k.Band < o.Band
}

// series is one cell's rows, indexed by month from the fit's first month;
// nil where the table has no row for the cell.
type series struct {
	key  cellKey
	rows []*history.Row
}

// fitter holds what every estimator reads: the table, the months fitted and
// the cells' series, sorted by key.
type fitter struct {
	table    *history.Table
	from, to workforce.Month
	cells    []*series
	byKey    map[cellKey]*series
	notes    []string
}

// FitTable fits every parameter the table's columns support, per cell, with
// partial pooling across cells (docs/calibration.md). A parameter that no
// cell has data for is left out and said so in Notes.
func FitTable(t *history.Table, opts FitOptions) (*Fit, error) {
	if t == nil {
		return nil, errors.New("calibrate: no table")
	}
	f, err := newFitter(t, opts)
	if err != nil {
		return nil, err
	}
	var ests []Estimate
	ests = append(ests, f.fitRate(LeaverRate, f.leaverTally)...)
	ests = append(ests, f.fitRate(MonthlyFill, f.fillTally)...)
	ests = append(ests, f.fitRate(PromotionApply, f.promotionTally)...)
	ests = append(ests, f.fitFTEPerHead()...)
	ests = append(ests, f.fitGrowth()...)
	sort.SliceStable(ests, func(i, j int) bool {
		a, b := ests[i], ests[j]
		ka, kb := cellKey{a.Org, a.Prof, a.Band}, cellKey{b.Org, b.Prof, b.Band}
		if ka != kb {
			return ka.less(kb)
		}
		return a.Param.order() < b.Param.order()
	})
	return &Fit{Table: t, From: f.from, To: f.to, Estimates: ests, Notes: f.notes}, nil
}

// newFitter selects the months to fit and gathers each cell's rows.
func newFitter(t *history.Table, opts FitOptions) (*fitter, error) {
	var rows []*history.Row
	for i := range t.Rows {
		r := &t.Rows[i]
		if opts.Before == 0 || r.Month < opts.Before {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		if opts.Before != 0 {
			return nil, fmt.Errorf("calibrate: %s: no month before %s to fit", sourceOf(t), opts.Before)
		}
		return nil, fmt.Errorf("calibrate: %s: the table has no rows", sourceOf(t))
	}
	f := &fitter{table: t, from: rows[0].Month, to: rows[0].Month, byKey: map[cellKey]*series{}}
	for _, r := range rows {
		f.from, f.to = min(f.from, r.Month), max(f.to, r.Month)
	}
	n := int(f.to-f.from) + 1
	for _, r := range rows {
		k := cellKey{r.Org, r.Prof, r.Band}
		s := f.byKey[k]
		if s == nil {
			s = &series{key: k, rows: make([]*history.Row, n)}
			f.byKey[k] = s
			f.cells = append(f.cells, s)
		}
		s.rows[r.Month-f.from] = r
	}
	sort.Slice(f.cells, func(i, j int) bool { return f.cells[i].key.less(f.cells[j].key) })
	return f, nil
}

func sourceOf(t *history.Table) string {
	if t.Source == "" {
		return "history"
	}
	return t.Source
}

// note records an assumption once.
func (f *fitter) note(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	for _, n := range f.notes {
		if n == s {
			return
		}
	}
	f.notes = append(f.notes, s)
}

// value returns a figure of a row, false when the row is absent or the
// figure unknown.
func value(r *history.Row, c history.Column) (float64, bool) {
	if r == nil {
		return math.NaN(), false
	}
	return r.Value(c)
}

// at returns the cell's row in month index i, nil outside the months.
func (s *series) at(i int) *history.Row {
	if s == nil || i < 0 || i >= len(s.rows) {
		return nil
	}
	return s.rows[i]
}

// joinerSources are the columns whose sum is the joiners when the table has
// no joiners column.
var joinerSources = []history.Column{history.JoinersExternal, history.JoinersGraduate,
	history.JoinersInternational, history.JoinersReturn}

// hasJoiners says whether the table gives joiners, in total or by source.
func (f *fitter) hasJoiners() bool {
	if f.table.Has(history.Joiners) {
		return true
	}
	for _, c := range joinerSources {
		if f.table.Has(c) {
			return true
		}
	}
	return false
}

// joiners returns a row's joiners from every source: the joiners column,
// or else the sum of the source columns the table has (unknown if any of
// them is blank).
func (f *fitter) joiners(r *history.Row) (float64, bool) {
	if f.table.Has(history.Joiners) {
		return value(r, history.Joiners)
	}
	sum, any := 0.0, false
	for _, c := range joinerSources {
		if !f.table.Has(c) {
			continue
		}
		v, ok := value(r, c)
		if !ok {
			return math.NaN(), false
		}
		sum, any = sum+v, true
	}
	return sum, any && r != nil
}

// startHeads returns the cell's heads at the start of month i: the heads at
// the end of the month before, or, when that is not known (the first month
// fitted, or a gap), the month's end heads plus its leavers less its
// joiners (the heads it started with, but for internal moves), or the end
// heads alone.
func (f *fitter) startHeads(s *series, i int) (float64, bool) {
	if v, ok := value(s.at(i-1), history.StaffHeads); ok {
		return v, true
	}
	r := s.at(i)
	end, ok := value(r, history.StaffHeads)
	if !ok {
		return math.NaN(), false
	}
	leavers, okL := value(r, history.Leavers)
	joiners, okJ := f.joiners(r)
	if okL && okJ {
		return max(0, end+leavers-joiners), true
	}
	return end, true
}

// above returns the series of the band above in the same organisation and
// profession, nil if the table has none.
func (f *fitter) above(s *series) *series {
	next, ok := s.key.Band.Next()
	if !ok {
		return nil
	}
	return f.byKey[cellKey{s.key.Org, s.key.Prof, next}]
}
