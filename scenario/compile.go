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
	// defaultRetirement are the parameters of the file's retirement rates,
	// used by entries that give none.
	defaultRetirement []workforce.ParamID
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
	for i, name := range b.ageNames {
		shares[i] = byName[name]
	}
	return rescale(shares)
}

// rescale divides shares by their sum when they sum to 1 only within the
// tolerance of the check, and leaves exact ones as written.
func rescale(shares []float64) []float64 {
	sum := 0.0
	for _, x := range shares {
		sum += x
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
// The steps run in a fixed order because that order numbers the
// parameters, and common random numbers pair the draws of two options by
// parameter number. Parameters are numbered in file order: the file's
// default retirement rates; for each workforce entry, its own settings
// (leaver rate, monthly fill, establishment growth, retirement rates by
// age group, sickness absence, ramp-up effectiveness, international
// first-year leaver rate, agency share), then those of its bands from
// lowest to highest, then its promotions and graduate cohorts; then the
// transitions; the new posts; the apprenticeships, student programmes,
// international recruitment and return to practice; the rotations; the
// portability arrangements; the file's interventions; and last the
// option's interventions. Each value written in the file is one
// parameter, shared by every cell it applies to, so that every option's
// parameters start with the baseline's. Steps that add no parameter
// (ages, costs) keep their place so the list reads as the file does.
func (b *builder) compile(layout *workforce.Layout, profIndex map[string]int, li int) *workforce.Model {
	c := b.newCompiler(layout, profIndex, li)
	c.lowerDestinations()
	c.lowerAgeGroups()
	c.defaultRetirement = c.retirement(b.f.RetirementRates, "")
	c.lowerWorkforce()
	c.lowerTransitions()
	c.lowerNewPosts()
	c.lowerApprenticeships()
	c.lowerStudents()
	c.lowerInternational()
	c.lowerReturnToPractice()
	c.lowerRotations()
	c.lowerPortability()
	c.lowerCosts()
	c.lowerInterventions(b.f.Interventions, b.ivs[0], "interventions.")
	if li > 0 {
		o := b.f.Options[li-1]
		c.lowerInterventions(o.Interventions, b.ivs[li], "options."+o.Name+".")
	}
	return c.m
}

// newCompiler starts the model of list li: its name, layout and calendar,
// with no parameters yet.
func (b *builder) newCompiler(layout *workforce.Layout, profIndex map[string]int, li int) *compiler {
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
	return &compiler{b: b, m: m, profIndex: profIndex}
}

// lowerDestinations copies the file's leaver destinations.
func (c *compiler) lowerDestinations() {
	if len(c.b.f.LeaverDestinations) > 0 {
		c.m.Destinations = slices.Clone(c.b.f.LeaverDestinations)
	}
}

// lowerAgeGroups copies the age groups and the joiners' age shares by
// source.
func (c *compiler) lowerAgeGroups() {
	b, f, m := c.b, c.b.f, c.m
	if !b.hasAges {
		return
	}
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
func (c *compiler) retirement(rates map[string]*Value, prefix string) []workforce.ParamID {
	if len(rates) == 0 {
		return nil
	}
	ids := make([]workforce.ParamID, len(c.b.ageNames))
	for i, g := range c.b.ageNames {
		ids[i] = c.param(rates[g], probability, prefix+"retirement_rates."+g)
	}
	return ids
}

// settingParams are the parameters of one CellSettings.
type settingParams struct {
	leave, fill, growth, sick, ramp, intl, agency workforce.ParamID
	retire                                        []workforce.ParamID
}

// settings adds the parameters of one CellSettings, in the order the
// compile comment gives.
func (c *compiler) settings(s *CellSettings, name string) settingParams {
	sp := settingParams{
		leave:  c.param(s.LeaverRate, probability, name+".leaver_rate"),
		fill:   c.param(s.Recruitment.MonthlyFill, probability, name+".recruitment.monthly_fill"),
		growth: c.param(s.EstablishmentGrowth, c.b.growthBounds(), name+".establishment_growth"),
	}
	if c.b.hasAges {
		sp.retire = c.retirement(s.RetirementRates, name+".")
	}
	sp.sick = c.param(s.SicknessAbsence, probability, name+".sickness_absence")
	if s.RampUp != nil {
		sp.ramp = c.param(s.RampUp.Effectiveness, probability, name+".ramp_up.effectiveness")
	}
	sp.intl = c.param(s.InternationalFirstYearLeaverRate, probability, name+".international_first_year_leaver_rate")
	sp.agency = c.param(s.AgencyShare, probability, name+".agency_share")
	return sp
}

// orParam is id, or def when id is not given.
func orParam(id, def workforce.ParamID) workforce.ParamID {
	if id == workforce.NoParam {
		return def
	}
	return id
}

// entry is one workforce entry being lowered: its parameters, and the
// values its cells inherit unless a band overrides them.
type entry struct {
	g      *Group
	info   groupInfo
	name   string // organisation/profession, the prefix of its parameter names
	params settingParams
	bands  map[workforce.Band]settingParams
	shares []float64          // leaver destination shares, in m.Destinations order
	ages   map[string]float64 // age profile
	retire []workforce.ParamID
}

// lowerWorkforce lowers each workforce entry: its settings, its bands',
// its cells, then its promotions and graduate cohorts.
func (c *compiler) lowerWorkforce() {
	c.m.Cells = make([]workforce.CellSpec, len(c.m.Layout.Cells))
	for gi := range c.b.f.Workforce {
		e := c.entry(gi)
		for ci, cell := range c.m.Layout.Cells {
			if cell.Org == e.info.org && c.m.Layout.Professions[cell.Prof].Key == e.info.prof.Key {
				c.m.Cells[ci] = c.cellSpec(e, cell.Band)
			}
		}
		c.lowerPromotions(e)
		c.lowerGraduates(e)
	}
}

// entry adds the parameters of workforce entry gi and of its bands, lowest
// band first, and resolves what its cells inherit.
func (c *compiler) entry(gi int) *entry {
	b, f := c.b, c.b.f
	g := &f.Workforce[gi]
	info := b.groups[gi]
	e := &entry{g: g, info: info, name: b.orgs[info.org].Key + "/" + info.prof.Key}
	e.params = c.settings(&g.CellSettings, e.name)
	e.bands = map[workforce.Band]settingParams{}
	for _, band := range slices.Sorted(maps.Keys(g.Bands)) {
		bs := g.Bands[band]
		e.bands[band] = c.settings(&bs.CellSettings, e.name+"/"+band.String())
	}
	if len(c.m.Destinations) > 0 {
		e.shares = make([]float64, len(c.m.Destinations))
		for i, d := range c.m.Destinations {
			e.shares[i] = g.LeaverDestinations[d]
		}
		rescale(e.shares)
	}
	e.ages = f.AgeProfile
	if g.AgeProfile != nil {
		e.ages = g.AgeProfile
	}
	e.retire = e.params.retire
	if len(g.RetirementRates) == 0 {
		e.retire = c.defaultRetirement
	}
	return e
}

// cellSpec is the spec of the entry's cell in band: the entry's values,
// overridden by the band's where it gives them.
func (c *compiler) cellSpec(e *entry, band workforce.Band) workforce.CellSpec {
	g, gp := e.g, e.params
	spec := workforce.CellSpec{
		FTEPerHead:                       1,
		LeaverRate:                       gp.leave,
		RecruitFill:                      gp.fill,
		EstablishmentGrowth:              gp.growth,
		DestinationShares:                e.shares,
		RetirementRate:                   e.retire,
		Sickness:                         gp.sick,
		InternationalFirstYearLeaverRate: gp.intl,
		AgencyShare:                      gp.agency,
	}
	cs := cellSettled{rampUp: g.RampUp, rampParam: gp.ramp, ages: e.ages}
	if g.FTEPerHead != nil {
		spec.FTEPerHead = *g.FTEPerHead
	}
	if g.InitialSpreadMonths != nil {
		spec.InitialSpreadMonths = *g.InitialSpreadMonths
	}
	if g.VacancyRate != nil {
		cs.vacancy = *g.VacancyRate
	}
	if bs, ok := g.Bands[band]; ok {
		overrideBand(&spec, &cs, bs, e.bands[band])
	}
	if c.b.hasAges {
		spec.AgeShares = c.b.ageShares(cs.ages)
	}
	if cs.rampUp != nil && *cs.rampUp.Months > 0 {
		spec.RampUpMonths = *cs.rampUp.Months
		spec.RampUpEffectiveness = cs.rampParam
	}
	return spec
}

// cellSettled holds the values of a cell that a band may override but
// that reach the spec only after the band is applied.
type cellSettled struct {
	rampUp    *RampUp
	rampParam workforce.ParamID
	ages      map[string]float64
	vacancy   float64
}

// overrideBand applies what band spec bs (with parameters bp) gives to a
// cell's spec, and sets the band's headcount and establishment.
func overrideBand(spec *workforce.CellSpec, cs *cellSettled, bs BandSpec, bp settingParams) {
	spec.LeaverRate = orParam(bp.leave, spec.LeaverRate)
	spec.RecruitFill = orParam(bp.fill, spec.RecruitFill)
	spec.EstablishmentGrowth = orParam(bp.growth, spec.EstablishmentGrowth)
	spec.Sickness = orParam(bp.sick, spec.Sickness)
	spec.InternationalFirstYearLeaverRate = orParam(bp.intl, spec.InternationalFirstYearLeaverRate)
	spec.AgencyShare = orParam(bp.agency, spec.AgencyShare)
	if len(bs.RetirementRates) > 0 {
		spec.RetirementRate = bp.retire
	}
	if bs.AgeProfile != nil {
		cs.ages = bs.AgeProfile
	}
	if bs.RampUp != nil {
		cs.rampUp, cs.rampParam = bs.RampUp, bp.ramp
	}
	if bs.FTEPerHead != nil {
		spec.FTEPerHead = *bs.FTEPerHead
	}
	if bs.InitialSpreadMonths != nil {
		spec.InitialSpreadMonths = *bs.InitialSpreadMonths
	}
	if bs.VacancyRate != nil {
		cs.vacancy = *bs.VacancyRate
	}
	spec.Headcount = bs.Headcount
	if bs.EstablishmentFTE != nil {
		spec.Establishment = *bs.EstablishmentFTE
	} else {
		spec.Establishment = float64(bs.Headcount) * spec.FTEPerHead / (1 - cs.vacancy)
	}
}

// lowerPromotions lowers the entry's promotion rules.
func (c *compiler) lowerPromotions(e *entry) {
	for _, pr := range e.g.Promotion {
		from := *pr.From
		next, _ := from.Next()
		c.m.Promotions = append(c.m.Promotions, workforce.Promotion{
			From:      c.cellIndex(cellKey{e.info.org, e.info.prof.Key, from}),
			To:        c.cellIndex(cellKey{e.info.org, e.info.prof.Key, next}),
			MinMonths: pr.MinMonths,
			ApplyProb: c.param(pr.MonthlyApply, probability, e.name+"/"+from.String()+".promotion.monthly_apply"),
		})
	}
}

// lowerGraduates lowers the entry's graduate cohorts.
func (c *compiler) lowerGraduates(e *entry) {
	for j, gc := range e.g.Graduates {
		gname := e.name + ".graduates[" + strconv.Itoa(j) + "]"
		c.m.Graduates = append(c.m.Graduates, workforce.GraduateCohort{
			Cell:       c.cellIndex(cellKey{e.info.org, e.info.prof.Key, workforce.Band5}),
			Month:      gc.Month,
			Size:       c.param(gc.Cohort, count, gname+".cohort"),
			Conversion: c.param(gc.Conversion, probability, gname+".conversion"),
			FirstYear:  gc.FirstYear,
			LastYear:   gc.LastYear,
		})
	}
}

// lowerTransitions lowers the transitions between cells.
func (c *compiler) lowerTransitions() {
	b := c.b
	for i, t := range b.f.Transitions {
		rt := b.trans[i]
		c.m.Transitions = append(c.m.Transitions, workforce.Transition{
			From: c.cellIndex(rt.from),
			To:   c.cellIndex(rt.to),
			Rate: c.param(t.AnnualRate, probability, b.cellName(rt.from)+"->"+b.cellName(rt.to)+".annual_rate"),
		})
	}
}

// lowerNewPosts lowers the new posts of the demand section.
func (c *compiler) lowerNewPosts() {
	b := c.b
	for i, n := range b.f.Demand.NewPosts {
		k := b.posts[i].cell
		c.m.NewPosts = append(c.m.NewPosts, workforce.NewPosts{
			Cell: c.cellIndex(k),
			From: n.From,
			FTE:  c.param(n.FTE, bounds{lo: -maxFTE, hi: maxFTE}, b.cellName(k)+".new_posts."+n.From.String()+".fte"),
		})
	}
}

// pipelineHeads is the range of a pipeline's numbers of people.
var pipelineHeads = bounds{lo: 0, hi: maxCount}

// lowerApprenticeships lowers the apprenticeships.
func (c *compiler) lowerApprenticeships() {
	b := c.b
	for i, a := range b.f.Pipelines.Apprenticeships {
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
			sa.Intake = c.param(a.IntakePerYear, pipelineHeads, name+".intake_per_year")
			sa.Month = a.IntakeMonth
		} else {
			sa.Intake = c.param(a.IntakePerMonth, pipelineHeads, name+".intake_per_month")
		}
		sa.DropoutRate = c.param(a.DropoutRate, probability, name+".dropout_rate")
		if a.StudyShare != nil {
			sa.StudyShare = *a.StudyShare
		}
		if a.Backfill == workforce.BackfillRegisteredPost {
			sa.Backfill = workforce.BackfillRegisteredPost
			sa.FundedFrom = c.cellIndex(cells[2])
		}
		c.m.Apprenticeships = append(c.m.Apprenticeships, sa)
	}
}

// lowerStudents lowers the student programmes.
func (c *compiler) lowerStudents() {
	b := c.b
	for i, s := range b.f.Pipelines.Students {
		name := "students." + s.Name
		ss := workforce.StudentProgramme{
			Name:           s.Name,
			To:             c.cellIndex(b.students[i].cells[0]),
			Places:         c.param(s.PlacesPerYear, pipelineHeads, name+".places_per_year"),
			IntakeMonth:    s.IntakeMonth,
			DurationMonths: *s.DurationMonths,
			FirstYear:      s.FirstYear,
			LastYear:       s.LastYear,
		}
		ss.DropoutRate = c.param(s.DropoutRate, probability, name+".dropout_rate")
		ss.Conversion = c.param(s.Conversion, probability, name+".conversion")
		ss.PlacementCapacity = c.param(s.PlacementCapacity, pipelineHeads, name+".placement_capacity")
		if s.PlacementVacancyThreshold != nil {
			ss.PlacementVacancyThreshold = *s.PlacementVacancyThreshold
			ss.PlacementSensitivity = *s.PlacementSensitivity
		}
		c.m.Students = append(c.m.Students, ss)
	}
}

// lowerInternational lowers the international recruitment pipelines.
func (c *compiler) lowerInternational() {
	b := c.b
	for i, r := range b.f.Pipelines.International {
		name := "international." + r.Name
		sr := workforce.InternationalRecruitment{
			Name:       r.Name,
			To:         c.cellIndex(b.intl[i].cells[0]),
			LeadMonths: *r.LeadMonths,
			From:       r.FirstMonth,
			Until:      untilMonth(r.LastMonth),
		}
		sr.OffersPerMonth = c.param(r.OffersPerMonth, pipelineHeads, name+".offers_per_month")
		for j, cp := range r.Campaigns {
			sr.Campaigns = append(sr.Campaigns, workforce.Campaign{
				Month:  cp.Month,
				Offers: c.param(cp.Offers, pipelineHeads, name+".campaigns["+strconv.Itoa(j)+"].offers"),
			})
		}
		sr.WithdrawalRate = c.param(r.WithdrawalRate, probability, name+".withdrawal_rate")
		c.m.International = append(c.m.International, sr)
	}
}

// lowerReturnToPractice lowers the return-to-practice pipelines.
func (c *compiler) lowerReturnToPractice() {
	b := c.b
	for i, r := range b.f.Pipelines.ReturnToPractice {
		name := "return_to_practice." + r.Name
		sr := workforce.ReturnToPractice{
			Name:             r.Name,
			To:               c.cellIndex(b.rtp[i].cells[0]),
			PerYear:          c.param(r.PerYear, pipelineHeads, name+".per_year"),
			SupervisedMonths: *r.SupervisedMonths,
			From:             r.FirstMonth,
			Until:            untilMonth(r.LastMonth),
		}
		sr.DropoutRate = c.param(r.DropoutRate, probability, name+".dropout_rate")
		c.m.Returners = append(c.m.Returners, sr)
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

// lowerRotations lowers the rotations.
func (c *compiler) lowerRotations() {
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
}

// lowerPortability lowers the portability arrangements, one per pair of
// cells.
func (c *compiler) lowerPortability() {
	b, m := c.b, c.m
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

// lowerCosts copies the unit costs; they add no parameter.
func (c *compiler) lowerCosts() {
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

// lowerInterventions lowers one list of interventions.
func (c *compiler) lowerInterventions(list []Intervention, res []resolvedIntervention, prefix string) {
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
