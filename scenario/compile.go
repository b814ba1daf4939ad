package scenario

import (
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// compile builds the model of a file that build has checked.
//
// Parameters are numbered in file order: for each workforce entry, its own
// leaver rate, monthly fill and establishment growth, then those of its
// bands from lowest to highest, then its promotions and graduate cohorts;
// then the transitions; then the new posts. Each value written in the file
// is one parameter, shared by every cell it applies to.
func (b *builder) compile() (*sim.Model, error) {
	f := b.f
	m := &sim.Model{
		Name:        f.Name,
		Description: f.Description,
		Start:       b.start,
		StepMonths:  b.stepMonths,
		Steps:       b.horizonMonths / b.stepMonths,
		ReportEvery: b.reportMonths / b.stepMonths,
	}
	if len(f.LeaverDestinations) > 0 {
		m.Destinations = slices.Clone(f.LeaverDestinations)
	}

	// Professions with cells: the standard ones in their usual order, then
	// custom roles in file order.
	used := map[string]bool{}
	for c := range b.cells {
		used[c.prof] = true
	}
	var profs []workforce.Profession
	for _, p := range append(workforce.StandardProfessions(), b.roles...) {
		if used[p.Key] {
			profs = append(profs, p)
		}
	}
	profIndex := map[string]int{}
	for i, p := range profs {
		profIndex[p.Key] = i
	}
	cells := make([]workforce.Cell, 0, len(b.cells))
	for c := range b.cells {
		cells = append(cells, workforce.Cell{Org: c.org, Prof: profIndex[c.prof], Band: c.band})
	}
	layout, err := workforce.NewLayout(b.orgs, profs, cells) // sorts the cells
	if err != nil {
		return nil, err
	}
	m.Layout = layout
	cellIndex := func(k cellKey) int {
		return layout.Index(workforce.Cell{Org: k.org, Prof: profIndex[k.prof], Band: k.band})
	}

	param := func(v *Value, r bounds, name string) sim.ParamID {
		if v == nil {
			return sim.NoParam
		}
		return m.AddParam(b.dist(v, r, name))
	}
	// settingParams are the parameters of one CellSettings.
	type settingParams struct{ leave, fill, growth sim.ParamID }
	settings := func(s *CellSettings, name string) settingParams {
		return settingParams{
			leave:  param(s.LeaverRate, probability, name+".leaver_rate"),
			fill:   param(s.Recruitment.MonthlyFill, probability, name+".recruitment.monthly_fill"),
			growth: param(s.EstablishmentGrowth, growth, name+".establishment_growth"),
		}
	}
	or := func(id, def sim.ParamID) sim.ParamID {
		if id == sim.NoParam {
			return def
		}
		return id
	}

	m.Cells = make([]sim.CellSpec, len(layout.Cells))
	for gi := range f.Workforce {
		g := &f.Workforce[gi]
		info := b.groups[gi]
		name := b.orgs[info.org].Key + "/" + info.prof.Key
		gp := settings(&g.CellSettings, name)
		bandParams := map[workforce.Band]settingParams{}
		for _, band := range slices.Sorted(maps.Keys(g.Bands)) {
			bs := g.Bands[band]
			bandParams[band] = settings(&bs.CellSettings, name+"/"+band.String())
		}
		var shares []float64
		if len(m.Destinations) > 0 {
			shares = make([]float64, len(m.Destinations))
			sum := 0.0
			for i, d := range m.Destinations {
				shares[i] = g.LeaverDestinations[d]
				sum += shares[i]
			}
			// Normalise shares that sum to 1 only within the tolerance of
			// the check; leave exact ones as written.
			if math.Abs(sum-1) > 1e-12 {
				for i := range shares {
					shares[i] /= sum
				}
			}
		}
		for ci, c := range layout.Cells {
			if c.Org != info.org || profs[c.Prof].Key != info.prof.Key {
				continue
			}
			spec := sim.CellSpec{
				FTEPerHead:          1,
				LeaverRate:          gp.leave,
				RecruitFill:         gp.fill,
				EstablishmentGrowth: gp.growth,
				DestinationShares:   shares,
			}
			if g.FTEPerHead != nil {
				spec.FTEPerHead = *g.FTEPerHead
			}
			if g.InitialSpreadMonths != nil {
				spec.InitialSpreadMonths = *g.InitialSpreadMonths
			}
			vacancy := 0.0
			if g.VacancyRate != nil {
				vacancy = *g.VacancyRate
			}
			if bs, ok := g.Bands[c.Band]; ok {
				bp := bandParams[c.Band]
				spec.LeaverRate = or(bp.leave, spec.LeaverRate)
				spec.RecruitFill = or(bp.fill, spec.RecruitFill)
				spec.EstablishmentGrowth = or(bp.growth, spec.EstablishmentGrowth)
				if bs.FTEPerHead != nil {
					spec.FTEPerHead = *bs.FTEPerHead
				}
				if bs.InitialSpreadMonths != nil {
					spec.InitialSpreadMonths = *bs.InitialSpreadMonths
				}
				if bs.VacancyRate != nil {
					vacancy = *bs.VacancyRate
				}
				spec.Headcount = bs.Headcount
				if bs.EstablishmentFTE != nil {
					spec.Establishment = *bs.EstablishmentFTE
				} else {
					spec.Establishment = float64(bs.Headcount) * spec.FTEPerHead / (1 - vacancy)
				}
			}
			m.Cells[ci] = spec
		}

		for _, pr := range g.Promotion {
			from := *pr.From
			next, _ := from.Next()
			m.Promotions = append(m.Promotions, sim.Promotion{
				From:      cellIndex(cellKey{info.org, info.prof.Key, from}),
				To:        cellIndex(cellKey{info.org, info.prof.Key, next}),
				MinMonths: pr.MinMonths,
				ApplyProb: param(pr.MonthlyApply, probability, name+"/"+from.String()+".promotion.monthly_apply"),
			})
		}
		for j, gc := range g.Graduates {
			gname := name + ".graduates[" + strconv.Itoa(j) + "]"
			m.Graduates = append(m.Graduates, sim.GraduateCohort{
				Cell:       cellIndex(cellKey{info.org, info.prof.Key, workforce.Band5}),
				Month:      gc.Month,
				Size:       param(gc.Cohort, count, gname+".cohort"),
				Conversion: param(gc.Conversion, probability, gname+".conversion"),
				FirstYear:  gc.FirstYear,
				LastYear:   gc.LastYear,
			})
		}
	}

	for i, t := range f.Transitions {
		rt := b.trans[i]
		m.Transitions = append(m.Transitions, sim.Transition{
			From: cellIndex(rt.from),
			To:   cellIndex(rt.to),
			Rate: param(t.AnnualRate, probability, b.cellName(rt.from)+"->"+b.cellName(rt.to)+".annual_rate"),
		})
	}
	for i, n := range f.Demand.NewPosts {
		c := b.posts[i].cell
		m.NewPosts = append(m.NewPosts, sim.NewPosts{
			Cell: cellIndex(c),
			From: n.From,
			FTE:  param(n.FTE, bounds{-maxFTE, maxFTE}, b.cellName(c)+".new_posts."+n.From.String()+".fte"),
		})
	}
	return m, nil
}
