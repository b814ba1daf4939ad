package calibrate

import (
	"math"

	"github.com/ahpsim/ahpsim/history"
)

// tally is a cell's data for one rate: events over exposure.
type tally struct {
	exposure, count float64
	months          int // months that gave data
}

// tallier returns a cell's tally and whether the cell takes the parameter
// at all (promotion needs a band above).
type tallier func(s *series) (tally, bool)

// tallierOf returns the tallier of a rate, or nil (with a note) when the
// table lacks a column it needs.
type tallierOf func() tallier

// leaverTally: leavers over the mean headcount, month by month, in
// headcount-years, so that Count / Exposure is the annual rate by the NHS
// definition and the model's input rate (docs/calibration.md).
func (f *fitter) leaverTally() tallier {
	if !f.requires(LeaverRate, history.StaffHeads, history.Leavers) {
		return nil
	}
	return func(s *series) (tally, bool) {
		var t tally
		for i, r := range s.rows {
			end, okE := value(r, history.StaffHeads)
			leavers, okL := value(r, history.Leavers)
			start, okS := f.startHeads(s, i)
			if !okE || !okL || !okS {
				continue
			}
			t.exposure += (start + end) / 2 / 12
			t.count += leavers
			t.months++
		}
		return t, true
	}
}

// requires notes, and returns false, when the table lacks a column.
func (f *fitter) requires(p Param, cols ...history.Column) bool {
	ok := true
	for _, c := range cols {
		if !f.table.Has(c) {
			f.note("no %s column: %s not fitted", c, p)
			ok = false
		}
	}
	return ok
}

// fillTally: external joiners over the vacant posts recruitment fills in
// the model's step (docs/model.md, step 7): the vacancies at the start of
// the month, plus the establishment's change, plus the posts the month's
// exits and promotions out left, less those promotions in and the other
// sources of joiners took, counted as the model counts posts.
func (f *fitter) fillTally() tallier {
	ok := f.hasJoiners()
	if !ok {
		f.note("no joiners column (nor joiners by source): %s not fitted", MonthlyFill)
	}
	vac := f.table.Has(history.VacanciesFTE) || (f.table.Has(history.EstablishmentFTE) && f.table.Has(history.StaffFTE))
	if !vac {
		f.note("no vacancies_fte column (nor establishment_fte and staff_fte): %s not fitted", MonthlyFill)
	}
	if !ok || !vac {
		return nil
	}
	if !f.table.Has(history.StaffFTE) || !f.table.Has(history.StaffHeads) {
		f.note("no staff_fte or staff_heads column: vacant posts counted as posts of 1 FTE for %s", MonthlyFill)
	}
	if !f.table.Has(history.JoinersExternal) {
		f.note("no joiners_external column: every joiner counted as filling a vacant post for %s", MonthlyFill)
	}
	return func(s *series) (tally, bool) {
		var t tally
		for i := 1; i < len(s.rows); i++ {
			posts, hired, ok := f.fillMonth(s, i)
			if !ok {
				continue
			}
			t.exposure += posts
			t.count += hired
			t.months++
		}
		return t, true
	}
}

// fillMonth returns month i's vacant posts and the joiners into them.
func (f *fitter) fillMonth(s *series, i int) (posts, hired float64, ok bool) {
	prev, r := s.at(i-1), s.at(i)
	if prev == nil || r == nil {
		return 0, 0, false
	}
	vacancy, ok := startVacancy(prev, r)
	if !ok {
		return 0, 0, false
	}
	hired, others, ok := f.recruits(r)
	if !ok {
		return 0, 0, false
	}
	h := fteOfHead(prev, r)
	leavers, _ := value(r, history.Leavers)
	promotedIn, _ := value(r, history.PromotionsIn)
	promotedOut, _ := value(f.above(s).at(i), history.PromotionsIn)
	heads := zeroIfNaN(leavers) + zeroIfNaN(promotedOut) - zeroIfNaN(promotedIn) - others
	// A month that hired more than the posts counted had at least that
	// many posts: the model never hires beyond them, so the figures lag.
	return max(vacantPosts(vacancy+h*heads, h), hired), hired, true
}

// startVacancy returns the vacancy FTE at the start of the month r, after
// the month's establishment change: vacancies_fte at the end of the month
// before, else its establishment less staff in post.
func startVacancy(prev, r *history.Row) (float64, bool) {
	estPrev, okP := value(prev, history.EstablishmentFTE)
	est, okE := value(r, history.EstablishmentFTE)
	growth := 0.0
	if okP && okE {
		growth = est - estPrev
	}
	if v, ok := value(prev, history.VacanciesFTE); ok {
		return v + growth, true
	}
	fte, okF := value(prev, history.StaffFTE)
	if okP && okF {
		return estPrev - fte + growth, true
	}
	return 0, false
}

// recruits returns the month's external joiners (all joiners when the
// table does not give them by source) and the joiners from other sources,
// who took vacant posts before recruitment in the model's step.
func (f *fitter) recruits(r *history.Row) (hired, others float64, ok bool) {
	if !f.table.Has(history.JoinersExternal) {
		hired, ok = f.joiners(r)
		return hired, 0, ok
	}
	hired, ok = value(r, history.JoinersExternal)
	if !ok {
		return 0, 0, false
	}
	for _, c := range joinerSources[1:] {
		v, _ := value(r, c)
		others += zeroIfNaN(v)
	}
	return hired, others, true
}

// fteOfHead returns the cell's mean FTE per head at the start of the month
// (else at its end, else 1), the size of a post in the model.
func fteOfHead(prev, r *history.Row) float64 {
	for _, row := range []*history.Row{prev, r} {
		fte, okF := value(row, history.StaffFTE)
		heads, okH := value(row, history.StaffHeads)
		if okF && okH && heads > 0 && fte > 0 {
			return fte / heads
		}
	}
	return 1
}

// vacantPosts counts the posts a vacancy of v FTE offers, as the model
// does (docs/model.md, State): whole posts of h FTE, and one part-time
// post for a remainder.
func vacantPosts(v, h float64) float64 {
	if v <= 0 {
		return 0
	}
	whole := math.Floor(v/h + 1e-9)
	if v-whole*h > 1e-9*h {
		whole++
	}
	return whole
}

func zeroIfNaN(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// promotionTally: promotions into the band above over the heads of the
// band who could apply in each month, in head-months: the heads at the
// start of the month less the month's leavers, since in the model's step
// the exits come first and arrivals cannot apply (docs/calibration.md says
// when this biases the monthly probability of applying).
func (f *fitter) promotionTally() tallier {
	if !f.requires(PromotionApply, history.StaffHeads, history.PromotionsIn) {
		return nil
	}
	return func(s *series) (tally, bool) {
		up := f.above(s)
		if up == nil {
			return tally{}, false
		}
		var t tally
		for i := range s.rows {
			promoted, okP := value(up.at(i), history.PromotionsIn)
			heads, okH := f.startHeads(s, i)
			if !okP || !okH || s.at(i) == nil {
				continue
			}
			leavers, _ := value(s.at(i), history.Leavers)
			t.exposure += max(0, heads-zeroIfNaN(leavers))
			t.count += promoted
			t.months++
		}
		return t, true
	}
}
