package hindcast

import (
	"fmt"
	"math"
	"slices"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

// Measure is a quantity scored.
type Measure string

// The measures scored.
const (
	StaffHeads  Measure = "staff_heads"  // staff in post at the month's end, heads
	VacancyRate Measure = "vacancy_rate" // (establishment - staff in post FTE) / establishment
	Leavers     Measure = "leavers"      // leavers of the organisation in the month, heads
)

// Measures lists the measures in output order.
var Measures = []Measure{StaffHeads, VacancyRate, Leavers}

// Level is what a score's group is: one cell, one profession (every
// organisation and band) or the whole system.
type Level string

// The levels scored.
const (
	LevelCell       Level = "cell"
	LevelProfession Level = "profession"
	LevelSystem     Level = "system"
)

// GroupScore is how well a projection did for one group and measure, over the
// months it has an observed value for.
type GroupScore struct {
	Level           Level
	Org, Prof, Band string // keys; "all" for totals
	Measure         Measure
	Months          int     // months scored: projected and observed
	Observed        float64 // mean observed value, for scale
	Cover50         float64 // share of months inside the central 50% interval
	Cover90         float64 // share of months inside the central 90% interval
	Bias            float64 // mean of (projection mean - observed)
	MAE             float64 // mean of |projection median - observed|
	CRPS            float64 // mean CRPS of the ensemble
}

// group is a set of cells scored together.
type group struct {
	level           Level
	org, prof, band string
	cells           []int
}

// groups lists the cells the history has, then each profession and the
// system made of them, so that a cell the history leaves out (a role it
// does not record) does not make every total unknown.
func (p *Projection) groups(obs observed) []group {
	var out []group
	all := group{level: LevelSystem, org: "all", prof: "all", band: "all"}
	for c, cell := range p.Cells {
		if obs[cell] != nil {
			out = append(out, group{LevelCell, cell.Org, cell.Prof, cell.Band.String(), []int{c}})
			all.cells = append(all.cells, c)
		}
	}
	for _, prof := range p.Model.Layout.Professions {
		g := group{level: LevelProfession, org: "all", prof: prof.Key, band: "all"}
		for _, c := range all.cells {
			if p.Cells[c].Prof == prof.Key {
				g.cells = append(g.cells, c)
			}
		}
		if len(g.cells) > 0 {
			out = append(out, g)
		}
	}
	return append(out, all)
}

// Unscored lists the cells of the projection that history t has no row
// for: they are in no score (not even the totals) and no figure.
func (p *Projection) Unscored(t *history.Table) []Cell {
	obs := indexRows(t)
	var out []Cell
	for _, cell := range p.Cells {
		if obs[cell] == nil {
			out = append(out, cell)
		}
	}
	return out
}

// observed indexes a history's rows by month and cell.
type observed map[Cell]map[workforce.Month]*history.Row

func indexRows(t *history.Table) observed {
	o := observed{}
	for i := range t.Rows {
		r := &t.Rows[i]
		c := Cell{r.Org, r.Prof, r.Band}
		if o[c] == nil {
			o[c] = map[workforce.Month]*history.Row{}
		}
		o[c][r.Month] = r
	}
	return o
}

// sum is the total of a column over cells in a month, NaN when any cell's
// figure is unknown.
func (o observed) sum(cells []Cell, m workforce.Month, col history.Column) float64 {
	s := 0.0
	for _, c := range cells {
		r := o[c][m]
		if r == nil {
			return math.NaN()
		}
		s += r.Figures[col]
	}
	return s
}

// vacancyRate is a group's observed vacancy rate: establishment less
// staff in post FTE over establishment, from vacancies_fte where staff
// FTE is unknown; NaN without establishment.
func (o observed) vacancyRate(cells []Cell, m workforce.Month) float64 {
	est := o.sum(cells, m, history.EstablishmentFTE)
	vac := est - o.sum(cells, m, history.StaffFTE)
	if math.IsNaN(vac) {
		vac = o.sum(cells, m, history.VacanciesFTE)
	}
	if !(est > 0) {
		return math.NaN()
	}
	return vac / est
}

// Score scores projection p against the observed history t, per cell,
// profession and system, for each measure, over the months both have.
// Cells of t the projection does not have are not scored, nor cells of
// the projection t has no row for (see Unscored); it is an error if t
// shares no cell and month with p.
func Score(p *Projection, t *history.Table) ([]GroupScore, error) {
	obs := indexRows(t)
	var out []GroupScore
	scored := false
	for _, g := range p.groups(obs) {
		cells := make([]Cell, len(g.cells))
		for i, c := range g.cells {
			cells[i] = p.Cells[c]
		}
		for _, m := range Measures {
			s := p.score(g, m, func(month workforce.Month) float64 { return obs.value(cells, month, m) })
			scored = scored || s.Months > 0
			out = append(out, s)
		}
	}
	if !scored {
		return nil, fmt.Errorf("hindcast: %s has no month of %s to %s for the projection's cells", t.Source, p.Months[0], p.Months[len(p.Months)-1])
	}
	return out, nil
}

func (o observed) value(cells []Cell, month workforce.Month, m Measure) float64 {
	switch m {
	case StaffHeads:
		return o.sum(cells, month, history.StaffHeads)
	case VacancyRate:
		return o.vacancyRate(cells, month)
	}
	return o.sum(cells, month, history.Leavers)
}

// score accumulates one group's score for measure m over the months.
func (p *Projection) score(g group, m Measure, observedAt func(workforce.Month) float64) GroupScore {
	s := GroupScore{Level: g.level, Org: g.org, Prof: g.prof, Band: g.band, Measure: m}
	ens := make([]float64, p.Runs)
	for k, month := range p.Months {
		y := observedAt(month)
		if math.IsNaN(y) {
			continue
		}
		xs := p.ensemble(g.cells, k, m, ens)
		if len(xs) == 0 {
			continue
		}
		slices.Sort(xs)
		s.Months++
		s.Observed += y
		s.Cover50 += coverage(xs, y, 0.5)
		s.Cover90 += coverage(xs, y, 0.9)
		s.Bias += mean(xs) - y
		s.MAE += math.Abs(median(xs) - y)
		s.CRPS += CRPS(xs, y)
	}
	n := float64(s.Months)
	if s.Months == 0 {
		n = math.NaN()
	}
	for _, v := range []*float64{&s.Observed, &s.Cover50, &s.Cover90, &s.Bias, &s.MAE, &s.CRPS} {
		*v /= n
	}
	return s
}

// ensemble writes into buf the group's value of measure m in month index
// k, run by run, leaving out runs where it is undefined (a vacancy rate
// without establishment), and returns the values kept.
func (p *Projection) ensemble(cells []int, k int, m Measure, buf []float64) []float64 {
	buf = buf[:0]
	for run := range p.Runs {
		var v float64
		switch m {
		case StaffHeads:
			v = p.sumRun(qHeads, cells, k, run)
		case Leavers:
			v = p.sumRun(qLeavers, cells, k, run)
		case VacancyRate:
			est := p.sumRun(qEstablishment, cells, k, run)
			v = math.NaN()
			if est > 0 {
				v = (est - p.sumRun(qFTE, cells, k, run)) / est
			}
		}
		if !math.IsNaN(v) {
			buf = append(buf, v)
		}
	}
	return buf
}

func (p *Projection) sumRun(q quantity, cells []int, k, run int) float64 {
	s := 0.0
	for _, c := range cells {
		s += p.value(q, k, c)[run]
	}
	return s
}
