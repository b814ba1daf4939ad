package scenario

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// Group is one workforce entry: one profession in one organisation, with
// its bands and its flows. CellSettings apply to every band of the group
// unless the band overrides them.
type Group struct {
	Profession   string `yaml:"profession"`
	Organisation string `yaml:"organisation,omitempty"` // may be omitted when there is one organisation
	CellSettings `yaml:",inline"`
	// Source says where the entry's figures come from, for the report's
	// assumptions (see (*File).Source); comments next to it serve when it
	// is empty.
	Source string `yaml:"source,omitempty"`
	// LeaverDestinations gives the share of leavers going to each of the
	// file's leaver destinations (plain numbers that sum to 1; destinations
	// not named get 0).
	LeaverDestinations map[string]float64          `yaml:"leaver_destinations,omitempty"`
	Bands              map[workforce.Band]BandSpec `yaml:"bands,omitempty"`
	Promotion          []Promotion                 `yaml:"promotion,omitempty"`
	Graduates          []GraduateCohort            `yaml:"graduates,omitempty"`
}

// BandSpec is the starting state of one band of a workforce entry, and
// any settings that differ from the entry's.
type BandSpec struct {
	Headcount int `yaml:"headcount"` // staff in post at the start, heads
	// EstablishmentFTE is the funded posts at the start, FTE. nil means it
	// follows from the vacancy rate.
	EstablishmentFTE *float64 `yaml:"establishment_fte,omitempty"`
	CellSettings     `yaml:",inline"`
}

// Promotion is a "pull" move into vacancies: staff who have spent at
// least MinMonths in band From apply with probability MonthlyApply each
// month, and as many move as there are vacancies. Without To it is a
// promotion into the next band up of the entry; with To naming another
// profession it is a pull move across professions, into any band of it
// that its entry lists (same organisation).
type Promotion struct {
	From *workforce.Band `yaml:"from"`
	// To is the cell moved into: its organisation is the entry's, its
	// profession defaults to the entry's and its band to the one above From.
	To           *CellRef `yaml:"to,omitempty"`
	MinMonths    int      `yaml:"min_months,omitempty"`
	MonthlyApply *Value   `yaml:"monthly_apply"`
}

// GraduateCohort is an annual cohort of newly qualified graduates who may
// join Band (nil means 5) of the entry's profession and organisation:
// its vacancies only, or beyond them, as Posts says.
type GraduateCohort struct {
	Month      int    `yaml:"month"`      // month of the year they arrive, 1-12
	Cohort     *Value `yaml:"cohort"`     // graduates per year, heads
	Conversion *Value `yaml:"conversion"` // share who would take a local post, 0-1
	// FirstYear and LastYear bound the calendar years with a cohort (0
	// means no bound).
	FirstYear int `yaml:"first_year,omitempty"`
	LastYear  int `yaml:"last_year,omitempty"`
	// Band is the band graduates join; a band other than 5 must be one the
	// entry lists under bands.
	Band *workforce.Band `yaml:"band,omitempty"`
	// Posts says whether graduates take vacancies only (the default), or
	// all are hired: into new funded posts, or over the establishment.
	Posts workforce.Posts `yaml:"posts,omitempty"`
}

// band returns the settings of a band of a workforce entry, and whether
// the entry lists it.
func (g *Group) band(band workforce.Band) (BandSpec, bool) {
	bs, ok := g.Bands[band]
	return bs, ok
}

// leaverRate returns the leaver rate that applies to a cell: the band's,
// else the entry's, else nil.
func (g *Group) leaverRate(band workforce.Band) *Value {
	if bs, ok := g.band(band); ok && bs.LeaverRate != nil {
		return bs.LeaverRate
	}
	return g.LeaverRate
}

func (b *builder) checkWorkforce() {
	f := b.f
	if len(f.Workforce) == 0 {
		if b.src.has("workforce") {
			b.errorf("workforce", "empty (want at least one entry: a profession in an organisation)")
		} else {
			b.missing("workforce", "a list of entries, each a profession in an organisation")
		}
	}
	b.groups = make([]groupInfo, len(f.Workforce))
	for i := range f.Workforce {
		g := &f.Workforce[i]
		p := item("workforce", i)
		prof, okProf := b.checkGroupKey(g, i, p)
		b.checkCellSettings(&g.CellSettings, p)
		b.checkShares(g, p)
		if b.hasAges && g.AgeProfile == nil && b.f.AgeProfile == nil {
			b.missing(p+".age_profile", "the share of staff in each age group, or a top-level age_profile for every entry")
		}
		b.checkBands(g, i, p)
		b.checkGraduates(g, i, p, prof, okProf)
	}
	// A pull move may lead to the entry of a profession listed after it.
	for i := range f.Workforce {
		b.checkPromotions(&f.Workforce[i], i, item("workforce", i))
	}
}

// checkGroupKey resolves workforce entry i's organisation and profession
// and records the entry, unless another entry has the same pair.
func (b *builder) checkGroupKey(g *Group, i int, p string) (workforce.Profession, bool) {
	org, okOrg := b.orgRef(g.Organisation, p+".organisation")
	prof, okProf := b.profRef(g.Profession, p+".profession")
	if !okOrg || !okProf {
		b.incomplete = true
	}
	if okOrg && okProf {
		k := groupKey{org, prof.Key}
		if j, dup := b.groupAt[k]; dup {
			b.errorf(p+".profession", "duplicate entry for %s/%s (first at %s)", b.orgs[org].Key, prof.Key, b.where(item("workforce", j)))
		} else {
			b.groupAt[k] = i
			b.groups[i] = groupInfo{ok: true, org: org, prof: prof}
		}
	}
	return prof, okProf
}

// checkDerivedEstablishment checks that the establishment a band derives
// from its headcount and vacancy rate (headcount x fte_per_head /
// (1 - vacancy_rate)) is within the range establishment_fte has: a
// vacancy rate of 0.9999 would multiply the posts by 10,000.
func (b *builder) checkDerivedEstablishment(g *Group, bs BandSpec, bp string) {
	if bs.EstablishmentFTE != nil {
		return
	}
	fte, vacancy, at := 1.0, 0.0, ""
	for _, s := range []*CellSettings{&g.CellSettings, &bs.CellSettings} {
		if s.FTEPerHead != nil {
			fte = *s.FTEPerHead
		}
		if s.VacancyRate != nil {
			vacancy = *s.VacancyRate
			at = ".vacancy_rate"
			if s == &g.CellSettings {
				at = "" // the entry's rate: the band is where it goes wrong
			}
		}
	}
	if !(vacancy < 1) || !(fte > 0 && fte <= 1) || bs.Headcount < 0 || bs.Headcount > maxHeadcount {
		return // reported by checkCellSettings or as the headcount's range
	}
	if est := float64(bs.Headcount) * fte / (1 - vacancy); est > maxFTE {
		b.errorf(bp+at, "establishment derived from headcount %d and vacancy_rate %s is out of range (got %.6g FTE, want 0 to %d: give establishment_fte, or a lower vacancy_rate)",
			bs.Headcount, formatFloat(vacancy), est, maxFTE)
	}
}

// checkShares checks a workforce entry's leaver destination shares.
func (b *builder) checkShares(g *Group, p string) {
	dests := b.f.LeaverDestinations
	p += ".leaver_destinations"
	if len(dests) == 0 {
		if len(g.LeaverDestinations) > 0 {
			b.errorf(p, "shares given, but the file has no leaver_destinations (want a top-level list naming them)")
		}
		return
	}
	if g.LeaverDestinations == nil {
		b.missing(p, "the share of leavers going to each of "+strings.Join(dests, ", "))
		return
	}
	b.checkShareMap(g.LeaverDestinations, p, func(d, dp string) bool {
		if slices.Contains(dests, d) {
			return true
		}
		b.errorf(dp, "unknown leaver destination %q%s", d, suggest(d, dests, "want one of "+strings.Join(dests, ", ")))
		return false
	})
}

// checkBands checks workforce entry i's bands, lowest first.
func (b *builder) checkBands(g *Group, i int, p string) {
	for _, band := range slices.Sorted(maps.Keys(g.Bands)) {
		bs := g.Bands[band]
		bp := p + ".bands." + band.String()
		if !band.Valid() {
			b.errorf(bp, "unknown band (got %v)", band)
			continue
		}
		if bs.Headcount < 0 || bs.Headcount > maxHeadcount {
			b.errorf(bp+".headcount", "out of range (got %d, want 0 to %d)", bs.Headcount, maxHeadcount)
		}
		b.checkFloat(bs.EstablishmentFTE, bp+".establishment_fte", func(x float64) bool { return x >= 0 && x <= maxFTE }, fmt.Sprintf("0 to %d", maxFTE))
		if bs.EstablishmentFTE != nil && bs.VacancyRate != nil {
			b.errorf(bp+".vacancy_rate", "both establishment_fte and vacancy_rate given (want one: establishment_fte sets the posts, vacancy_rate derives them from staff in post)")
		}
		b.checkCellSettings(&bs.CellSettings, bp)
		b.checkDerivedEstablishment(g, bs, bp)
		b.addCell(i, band)
	}
}

// addCell records that workforce entry i has a cell in band.
func (b *builder) addCell(i int, band workforce.Band) {
	if g := b.groups[i]; g.ok {
		b.cells[cellKey{g.org, g.prof.Key, band}] = true
	}
}

// checkPromotions checks workforce entry i's promotion rules: at most one
// from each band into each cell, into the band above or, for a pull move,
// into a band another profession's entry lists.
func (b *builder) checkPromotions(g *Group, i int, p string) {
	seen := map[[2]cellKey]string{}
	for j, pr := range g.Promotion {
		pp := item(p+".promotion", j)
		b.reqValue(pr.MonthlyApply, pp+".monthly_apply", probability, "the monthly probability that an eligible head applies, 0 to 1")
		if pr.MinMonths < 0 || pr.MinMonths > workforce.MaxHorizonMonths {
			b.errorf(pp+".min_months", "out of range (got %d, want 0 to %d)", pr.MinMonths, workforce.MaxHorizonMonths)
		}
		if pr.From == nil {
			b.missing(pp+".from", "the band promoted from, e.g. 5")
			continue
		}
		from := *pr.From
		if !from.Valid() {
			b.errorf(pp+".from", "unknown band (got %v)", from)
			continue
		}
		to, ok := b.checkPromotionTarget(i, pr, pp)
		if !ok {
			continue
		}
		key := [2]cellKey{{to.org, b.groups[i].prof.Key, from}, to}
		if at, dup := seen[key]; dup {
			b.errorf(pp+".from", "duplicate promotion from band %v to %s (first at %s)", from, b.cellName(to), b.where(at))
			continue
		}
		seen[key] = pp + ".from"
		b.addCell(i, from)
		b.addCells(to)
	}
}

// checkGraduates checks workforce entry i's graduate cohorts; okProf
// says whether the entry's profession prof is known.
func (b *builder) checkGraduates(g *Group, i int, p string, prof workforce.Profession, okProf bool) {
	for j, gc := range g.Graduates {
		gp := item(p+".graduates", j)
		if okProf && prof.Support {
			b.errorf(gp, "graduates join Band 5 of a registered profession (got %s, a support role)", prof.Key)
		}
		b.checkMonthOfYear(gc.Month, gp+".month", "the month of the year the cohort arrives, 1-12")
		b.reqValue(gc.Cohort, gp+".cohort", count, "the number of graduates a year")
		b.reqValue(gc.Conversion, gp+".conversion", probability, "the share who would take a local post, 0 to 1")
		b.checkYears(gc.FirstYear, gc.LastYear, gp)
		b.checkPosts(gc.Posts, gp+".posts")
		if band := cohortBand(gc); b.checkCohortBand(g, i, gc.Band, gp+".band") {
			b.addCell(i, band)
		}
	}
}

// retirementOf returns the retirement rates that apply to a band of a
// workforce entry, and the path they are written at: the band's, else the
// entry's, else the file's default.
func (b *builder) retirementOf(gi int, band workforce.Band) (map[string]*Value, string) {
	g := &b.f.Workforce[gi]
	p := item("workforce", gi)
	if bs, ok := g.Bands[band]; ok && len(bs.RetirementRates) > 0 {
		return bs.RetirementRates, p + ".bands." + band.String() + ".retirement_rates"
	}
	if len(g.RetirementRates) > 0 {
		return g.RetirementRates, p + ".retirement_rates"
	}
	return b.f.RetirementRates, "retirement_rates"
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
				c.noteFixedTerm(e, ci, cell.Band)
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
		TimeInPostLeaverRates:            gp.tip,
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
	if len(bs.LeaverRateByTimeInPost) > 0 {
		spec.TimeInPostLeaverRates = bp.tip
	}
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

// lowerPromotions lowers the entry's promotion rules and pull moves.
func (c *compiler) lowerPromotions(e *entry) {
	for _, pr := range e.g.Promotion {
		from := *pr.From
		c.m.Promotions = append(c.m.Promotions, workforce.Promotion{
			From:      c.cellIndex(cellKey{e.info.org, e.info.prof.Key, from}),
			To:        c.cellIndex(promotionTarget(e.info, pr)),
			MinMonths: pr.MinMonths,
			ApplyProb: c.param(pr.MonthlyApply, probability, c.promotionName(e, pr)),
		})
	}
}

// lowerGraduates lowers the entry's graduate cohorts.
func (c *compiler) lowerGraduates(e *entry) {
	for j, gc := range e.g.Graduates {
		gname := e.name + ".graduates[" + strconv.Itoa(j) + "]"
		c.m.Graduates = append(c.m.Graduates, workforce.GraduateCohort{
			Cell:       c.cellIndex(cellKey{e.info.org, e.info.prof.Key, cohortBand(gc)}),
			Month:      gc.Month,
			Size:       c.param(gc.Cohort, count, gname+".cohort"),
			Conversion: c.param(gc.Conversion, probability, gname+".conversion"),
			FirstYear:  gc.FirstYear,
			LastYear:   gc.LastYear,
			Posts:      gc.Posts,
		})
	}
}
