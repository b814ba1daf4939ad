package scenario

import (
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// compileOptions builds the models of a file that build has checked: the
// baseline, then each option. Every model has the same layout, the union
// of the cells of the baseline and of every option, and starts with the
// baseline's parameters.
func (b *builder) compileOptions() ([]sim.Option, error) {
	f := b.f
	// Professions with cells: the standard ones in their usual order, then
	// custom roles in file order.
	all := maps.Clone(b.cells)
	for _, created := range b.created {
		maps.Copy(all, created)
	}
	used := map[string]bool{}
	for c := range all {
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
	cells := make([]workforce.Cell, 0, len(all))
	for c := range all {
		cells = append(cells, workforce.Cell{Org: c.org, Prof: profIndex[c.prof], Band: c.band})
	}
	layout, err := workforce.NewLayout(b.orgs, profs, cells) // sorts the cells
	if err != nil {
		return nil, err
	}
	opts := []sim.Option{{Name: BaselineName, Description: f.Description, Model: b.compile(layout, profIndex, 0)}}
	for i, o := range f.Options {
		opts = append(opts, sim.Option{Name: o.Name, Description: o.Description, Model: b.compile(layout, profIndex, i+1)})
	}
	return opts, nil
}

// compiler holds what compile needs while it builds one model.
type compiler struct {
	b         *builder
	m         *workforce.Model
	profIndex map[string]int
}

func (c *compiler) cellIndex(k cellKey) int {
	return c.m.Layout.Index(workforce.Cell{Org: k.org, Prof: c.profIndex[k.prof], Band: k.band})
}

func (c *compiler) param(v *Value, r bounds, name string) workforce.ParamID {
	if v == nil {
		return workforce.NoParam
	}
	return c.m.AddParam(c.b.dist(v, r, name))
}

// ageShares turns shares by age group name into shares in group order,
// rescaled to sum to 1 exactly when they sum to 1 only within tolerance.
func (b *builder) ageShares(byName map[string]float64) []float64 {
	if byName == nil {
		return nil
	}
	shares := make([]float64, len(b.ageNames))
	sum := 0.0
	for i, name := range b.ageNames {
		shares[i] = byName[name]
		sum += shares[i]
	}
	if math.Abs(sum-1) > 1e-12 {
		for i := range shares {
			shares[i] /= sum
		}
	}
	return shares
}

// compile builds the model of list li (0: the baseline; k: the baseline
// with option k's interventions) on a layout.
//
// Parameters are numbered in file order: the file's default retirement
// rates; for each workforce entry, its own settings (leaver rate, monthly
// fill, establishment growth, retirement rates by age group, sickness
// absence, ramp-up effectiveness, international first-year leaver rate,
// agency share), then those of its bands from lowest to highest, then its
// promotions and graduate cohorts; then the transitions; the new posts;
// the apprenticeships, student programmes, international recruitment and
// return to practice; the rotations; the portability arrangements; the
// file's interventions; and last the option's interventions. Each value
// written in the file is one parameter, shared by every cell it applies
// to, so that every option's parameters start with the baseline's.
func (b *builder) compile(layout *workforce.Layout, profIndex map[string]int, li int) *workforce.Model {
	f := b.f
	m := &workforce.Model{
		Name:        f.Name,
		Description: f.Description,
		Layout:      layout,
		Start:       b.start,
		StepMonths:  b.stepMonths,
		Steps:       b.horizonMonths / b.stepMonths,
		ReportEvery: b.reportMonths / b.stepMonths,
	}
	if li > 0 {
		m.Description = f.Options[li-1].Description
	}
	c := &compiler{b: b, m: m, profIndex: profIndex}
	if len(f.LeaverDestinations) > 0 {
		m.Destinations = slices.Clone(f.LeaverDestinations)
	}
	if b.hasAges {
		for i, g := range f.AgeGroups {
			ag := workforce.AgeGroup{Name: b.ageNames[i], FromAge: *g.FromAge}
			if g.ToAge != nil {
				ag.ToAge = *g.ToAge
			}
			m.AgeGroups = append(m.AgeGroups, ag)
		}
		for s, name := range sourceNames {
			m.JoinerAges[s] = b.ageShares(f.JoinerAges[name])
		}
	}
	// retirement gives the parameters of retirement rates by age group,
	// named prefix + "retirement_rates." + group.
	retirement := func(rates map[string]*Value, prefix string) []workforce.ParamID {
		if len(rates) == 0 {
			return nil
		}
		ids := make([]workforce.ParamID, len(b.ageNames))
		for i, g := range b.ageNames {
			ids[i] = c.param(rates[g], probability, prefix+"retirement_rates."+g)
		}
		return ids
	}
	defaultRetirement := retirement(f.RetirementRates, "")

	// settingParams are the parameters of one CellSettings.
	type settingParams struct {
		leave, fill, growth, sick, ramp, intl, agency workforce.ParamID
		retire                                        []workforce.ParamID
	}
	settings := func(s *CellSettings, name string) settingParams {
		sp := settingParams{
			leave:  c.param(s.LeaverRate, probability, name+".leaver_rate"),
			fill:   c.param(s.Recruitment.MonthlyFill, probability, name+".recruitment.monthly_fill"),
			growth: c.param(s.EstablishmentGrowth, c.b.growthBounds(), name+".establishment_growth"),
		}
		if b.hasAges {
			sp.retire = retirement(s.RetirementRates, name+".")
		}
		sp.sick = c.param(s.SicknessAbsence, probability, name+".sickness_absence")
		if s.RampUp != nil {
			sp.ramp = c.param(s.RampUp.Effectiveness, probability, name+".ramp_up.effectiveness")
		}
		sp.intl = c.param(s.InternationalFirstYearLeaverRate, probability, name+".international_first_year_leaver_rate")
		sp.agency = c.param(s.AgencyShare, probability, name+".agency_share")
		return sp
	}
	or := func(id, def workforce.ParamID) workforce.ParamID {
		if id == workforce.NoParam {
			return def
		}
		return id
	}

	m.Cells = make([]workforce.CellSpec, len(layout.Cells))
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
		ageProfile := f.AgeProfile
		if g.AgeProfile != nil {
			ageProfile = g.AgeProfile
		}
		entryRetire := gp.retire
		if len(g.RetirementRates) == 0 {
			entryRetire = defaultRetirement
		}
		for ci, cell := range layout.Cells {
			if cell.Org != info.org || layout.Professions[cell.Prof].Key != info.prof.Key {
				continue
			}
			spec := workforce.CellSpec{
				FTEPerHead:                       1,
				LeaverRate:                       gp.leave,
				RecruitFill:                      gp.fill,
				EstablishmentGrowth:              gp.growth,
				DestinationShares:                shares,
				RetirementRate:                   entryRetire,
				Sickness:                         gp.sick,
				InternationalFirstYearLeaverRate: gp.intl,
				AgencyShare:                      gp.agency,
			}
			rampUp := g.RampUp
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
			cellAges := ageProfile
			rampParam := gp.ramp
			if bs, ok := g.Bands[cell.Band]; ok {
				bp := bandParams[cell.Band]
				spec.LeaverRate = or(bp.leave, spec.LeaverRate)
				spec.RecruitFill = or(bp.fill, spec.RecruitFill)
				spec.EstablishmentGrowth = or(bp.growth, spec.EstablishmentGrowth)
				spec.Sickness = or(bp.sick, spec.Sickness)
				spec.InternationalFirstYearLeaverRate = or(bp.intl, spec.InternationalFirstYearLeaverRate)
				spec.AgencyShare = or(bp.agency, spec.AgencyShare)
				if len(bs.RetirementRates) > 0 {
					spec.RetirementRate = bp.retire
				}
				if bs.AgeProfile != nil {
					cellAges = bs.AgeProfile
				}
				if bs.RampUp != nil {
					rampUp, rampParam = bs.RampUp, bp.ramp
				}
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
			if b.hasAges {
				spec.AgeShares = b.ageShares(cellAges)
			}
			if rampUp != nil && *rampUp.Months > 0 {
				spec.RampUpMonths = *rampUp.Months
				spec.RampUpEffectiveness = rampParam
			}
			m.Cells[ci] = spec
		}

		for _, pr := range g.Promotion {
			from := *pr.From
			next, _ := from.Next()
			m.Promotions = append(m.Promotions, workforce.Promotion{
				From:      c.cellIndex(cellKey{info.org, info.prof.Key, from}),
				To:        c.cellIndex(cellKey{info.org, info.prof.Key, next}),
				MinMonths: pr.MinMonths,
				ApplyProb: c.param(pr.MonthlyApply, probability, name+"/"+from.String()+".promotion.monthly_apply"),
			})
		}
		for j, gc := range g.Graduates {
			gname := name + ".graduates[" + strconv.Itoa(j) + "]"
			m.Graduates = append(m.Graduates, workforce.GraduateCohort{
				Cell:       c.cellIndex(cellKey{info.org, info.prof.Key, workforce.Band5}),
				Month:      gc.Month,
				Size:       c.param(gc.Cohort, count, gname+".cohort"),
				Conversion: c.param(gc.Conversion, probability, gname+".conversion"),
				FirstYear:  gc.FirstYear,
				LastYear:   gc.LastYear,
			})
		}
	}

	for i, t := range f.Transitions {
		rt := b.trans[i]
		m.Transitions = append(m.Transitions, workforce.Transition{
			From: c.cellIndex(rt.from),
			To:   c.cellIndex(rt.to),
			Rate: c.param(t.AnnualRate, probability, b.cellName(rt.from)+"->"+b.cellName(rt.to)+".annual_rate"),
		})
	}
	for i, n := range f.Demand.NewPosts {
		k := b.posts[i].cell
		m.NewPosts = append(m.NewPosts, workforce.NewPosts{
			Cell: c.cellIndex(k),
			From: n.From,
			FTE:  c.param(n.FTE, bounds{lo: -maxFTE, hi: maxFTE}, b.cellName(k)+".new_posts."+n.From.String()+".fte"),
		})
	}
	c.pipelines()
	c.rotations()
	c.costs()
	c.interventions(f.Interventions, b.ivs[0], "interventions.")
	if li > 0 {
		o := f.Options[li-1]
		c.interventions(o.Interventions, b.ivs[li], "options."+o.Name+".")
	}
	return m
}

// pipelines compiles the apprenticeships, student programmes,
// international recruitment and return to practice, in that order.
func (c *compiler) pipelines() {
	b, m, pl := c.b, c.m, &c.b.f.Pipelines
	heads := bounds{lo: 0, hi: maxCount}
	for i, a := range pl.Apprenticeships {
		name := "apprenticeships." + a.Name
		cells := b.appr[i].cells
		sa := workforce.Apprenticeship{
			Name:           a.Name,
			From:           c.cellIndex(cells[0]),
			To:             c.cellIndex(cells[1]),
			FundedPlaces:   a.FundedPlaces,
			DurationMonths: *a.DurationMonths,
			DropoutsStay:   a.DropoutsStay == nil || *a.DropoutsStay,
			StudyShare:     defaultStudy,
			FirstYear:      a.FirstYear,
			LastYear:       a.LastYear,
		}
		if a.IntakePerYear != nil {
			sa.Intake = c.param(a.IntakePerYear, heads, name+".intake_per_year")
			sa.Month = a.IntakeMonth
		} else {
			sa.Intake = c.param(a.IntakePerMonth, heads, name+".intake_per_month")
		}
		sa.DropoutRate = c.param(a.DropoutRate, probability, name+".dropout_rate")
		if a.StudyShare != nil {
			sa.StudyShare = *a.StudyShare
		}
		if a.Backfill == workforce.BackfillRegisteredPost {
			sa.Backfill = workforce.BackfillRegisteredPost
			sa.FundedFrom = c.cellIndex(cells[2])
		}
		m.Apprenticeships = append(m.Apprenticeships, sa)
	}
	for i, s := range pl.Students {
		name := "students." + s.Name
		ss := workforce.StudentProgramme{
			Name:           s.Name,
			To:             c.cellIndex(b.students[i].cells[0]),
			Places:         c.param(s.PlacesPerYear, heads, name+".places_per_year"),
			IntakeMonth:    s.IntakeMonth,
			DurationMonths: *s.DurationMonths,
			FirstYear:      s.FirstYear,
			LastYear:       s.LastYear,
		}
		ss.DropoutRate = c.param(s.DropoutRate, probability, name+".dropout_rate")
		ss.Conversion = c.param(s.Conversion, probability, name+".conversion")
		ss.PlacementCapacity = c.param(s.PlacementCapacity, heads, name+".placement_capacity")
		if s.PlacementVacancyThreshold != nil {
			ss.PlacementVacancyThreshold = *s.PlacementVacancyThreshold
			ss.PlacementSensitivity = *s.PlacementSensitivity
		}
		m.Students = append(m.Students, ss)
	}
	for i, r := range pl.International {
		name := "international." + r.Name
		sr := workforce.InternationalRecruitment{
			Name:       r.Name,
			To:         c.cellIndex(b.intl[i].cells[0]),
			LeadMonths: *r.LeadMonths,
			From:       r.FirstMonth,
			Until:      untilMonth(r.LastMonth),
		}
		sr.OffersPerMonth = c.param(r.OffersPerMonth, heads, name+".offers_per_month")
		for j, cp := range r.Campaigns {
			sr.Campaigns = append(sr.Campaigns, workforce.Campaign{
				Month:  cp.Month,
				Offers: c.param(cp.Offers, heads, name+".campaigns["+strconv.Itoa(j)+"].offers"),
			})
		}
		sr.WithdrawalRate = c.param(r.WithdrawalRate, probability, name+".withdrawal_rate")
		m.International = append(m.International, sr)
	}
	for i, r := range pl.ReturnToPractice {
		name := "return_to_practice." + r.Name
		sr := workforce.ReturnToPractice{
			Name:             r.Name,
			To:               c.cellIndex(b.rtp[i].cells[0]),
			PerYear:          c.param(r.PerYear, heads, name+".per_year"),
			SupervisedMonths: *r.SupervisedMonths,
			From:             r.FirstMonth,
			Until:            untilMonth(r.LastMonth),
		}
		sr.DropoutRate = c.param(r.DropoutRate, probability, name+".dropout_rate")
		m.Returners = append(m.Returners, sr)
	}
}

// untilMonth turns an inclusive last month into the exclusive bound sim
// uses (0 stays "no bound").
func untilMonth(last workforce.Month) workforce.Month {
	if last == 0 {
		return 0
	}
	return last + 1
}

// rotations compiles the rotations, then the portability arrangements.
func (c *compiler) rotations() {
	b, m := c.b, c.m
	for i, r := range b.f.Rotations {
		name := "rotations." + r.Name
		sr := workforce.Rotation{
			Share:        c.param(r.ShareOfJoiners, probability, name+".share_of_joiners"),
			LengthMonths: r.LengthMonths,
			Rotations:    r.Rotations,
		}
		sr.LeaverRate = c.param(r.LeaverRate, probability, name+".leaver_rate")
		sr.LeaveAtEnd = c.param(r.LeaveAtEnd, probability, name+".leave_at_end")
		for _, k := range b.rots[i].cells {
			sr.Cells = append(sr.Cells, c.cellIndex(k))
		}
		sr.Cell = sr.Cells[0]
		m.Rotations = append(m.Rotations, sr)
	}
	for i, pt := range b.f.Portability {
		cells := b.ports[i].cells
		share := c.param(pt.Share, probability, "portability["+strconv.Itoa(i)+"].share")
		start := pt.Start
		if start == 0 {
			start = b.start
		}
		months := defaultMaxMonths
		if pt.MaxMonths != nil {
			months = *pt.MaxMonths
		}
		for _, to := range cells[1:] {
			m.Portability = append(m.Portability, workforce.Portability{
				From: c.cellIndex(cells[0]), To: c.cellIndex(to), Share: share, Start: start, MaxMonths: months,
			})
		}
	}
}

// costs compiles the unit costs.
func (c *compiler) costs() {
	fc, mc := &c.b.f.Costs, &c.m.Costs
	for band, x := range fc.AnnualPayPerFTE {
		mc.PayPerFTE[band] = x
	}
	if fc.AgencyPerHour != nil {
		mc.AgencyPerHour = *fc.AgencyPerHour
		mc.HoursPerFTE = defaultHours
	}
	if fc.AnnualHoursPerFTE != nil {
		mc.HoursPerFTE = *fc.AnnualHoursPerFTE
	}
	for s, name := range sourceNames {
		mc.RecruitPerHead[s] = fc.RecruitmentPerHead[name]
	}
	if fc.StudentPerYear != nil {
		mc.StudentPerYear = *fc.StudentPerYear
	}
	if fc.ApprenticePerYear != nil {
		mc.ApprenticePerYear = *fc.ApprenticePerYear
	}
}

// interventions compiles one list of interventions.
func (c *compiler) interventions(list []Intervention, res []resolvedIntervention, prefix string) {
	for i, iv := range list {
		lv := workforce.Lever(*iv.Lever)
		r, _ := valueBounds(lv, *iv.Mode)
		name := prefix + iv.Name
		si := workforce.Intervention{
			Name:       iv.Name,
			Lever:      lv,
			Mode:       workforce.Mode(*iv.Mode),
			Value:      c.param(iv.Value, r, name+".value"),
			Start:      iv.Start,
			End:        untilMonth(iv.End),
			Profile:    workforce.Profile(iv.Profile),
			RampMonths: iv.RampMonths,
		}
		si.OneOffCost = c.param(iv.OneOffCost, bounds{lo: 0, hi: maxPounds}, name+".one_off_cost")
		si.AnnualCost = c.param(iv.AnnualCost, bounds{lo: 0, hi: maxPounds}, name+".annual_cost")
		for _, k := range res[i].cells {
			si.Cells = append(si.Cells, c.cellIndex(k))
		}
		slices.Sort(si.Cells)
		si.Rules = slices.Clone(res[i].rules)
		c.m.Interventions = append(c.m.Interventions, si)
	}
}
