package scenario

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// Limits of the mechanisms beyond the workforce itself.
const (
	maxAgeGroups      = 20 // each multiplies the engine's strata
	maxAge            = 120
	maxCount          = workforce.MaxHeadsPerPeriod   // heads a year or a month in one cohort or pipeline, or added by an intervention
	maxPounds         = workforce.MaxInterventionCost // an intervention's one-off or annual cost
	maxHoursPerYear   = workforce.MaxHoursPerFTE
	defaultHours      = 1950 // 37.5 hours x 52 weeks
	defaultStudy      = 0.2  // share of an apprentice's post given to study
	defaultMaxMonths  = 12   // staff portability: "for up to one year" (Leeds)
	durationsNeedOne  = 1    // a course or programme lasts at least a month
	maxRotationMonths = workforce.MaxHorizonMonths
)

// sourceNames are the sources of joiners, as written in files.
var sourceNames = func() []string {
	names := make([]string, workforce.NumSources)
	for s := range workforce.NumSources {
		names[s] = s.String()
	}
	return names
}()

// ruleKind is a kind of named rule: a pipeline or a rotation (the rule
// lists whose rules have names).
type ruleKind = workforce.RuleList

const (
	kindApprenticeship = workforce.RuleApprenticeships
	kindStudents       = workforce.RuleStudents
	kindInternational  = workforce.RuleInternational
	kindReturn         = workforce.RuleReturners
	kindRotation       = workforce.RuleRotations
)

var ruleKindNames = [...]string{
	kindApprenticeship: "an apprenticeship",
	kindStudents:       "a student programme",
	kindInternational:  "an international recruitment",
	kindReturn:         "a return-to-practice scheme",
	kindRotation:       "a rotation",
}

// ruleRef is where a named rule is.
type ruleRef struct {
	kind  ruleKind
	index int
	path  string
}

// resolvedCells is a rule's cells (pipelines: from, to and funded_from;
// rotations: the cells rotated through; portability: from, then the cells
// covered); ok is false when one could not be resolved.
type resolvedCells struct {
	ok    bool
	cells []cellKey
}

// checkAge checks the age groups and the top-level age keys.
func (b *builder) checkAge() {
	f := b.f
	if len(f.AgeGroups) == 0 {
		b.noAges(f.AgeProfile != nil, "age_profile")
		b.noAges(f.RetirementRates != nil, "retirement_rates")
		b.noAges(f.JoinerAges != nil, "joiner_ages")
		return
	}
	b.hasAges = true
	if len(f.AgeGroups) > maxAgeGroups {
		b.errorf("age_groups", "too many age groups (got %d, want at most %d)", len(f.AgeGroups), maxAgeGroups)
	}
	first := map[string]string{}
	prevTo, prevOpen := -1, false
	for i, g := range f.AgeGroups {
		p := item("age_groups", i)
		if b.checkKey(p+".name", g.Name) {
			if at, dup := first[g.Name]; dup {
				b.errorf(p+".name", "duplicate age group %q (first at %s)", g.Name, b.where(at))
			} else {
				first[g.Name] = p + ".name"
				b.ageNames = append(b.ageNames, g.Name)
			}
		}
		if prevOpen {
			b.errorf(item("age_groups", i-1)+".to_age", "missing (only the last age group may be open; want the age the next group starts at)")
			prevOpen = false
		}
		if g.FromAge == nil {
			b.missing(p+".from_age", "the youngest age in the group, in years")
			prevTo = -1
			continue
		}
		from := *g.FromAge
		switch {
		case from < 0 || from > maxAge:
			b.errorf(p+".from_age", "out of range (got %d, want 0 to %d)", from, maxAge)
		case prevTo >= 0 && from != prevTo:
			b.errorf(p+".from_age", "not where the group before ends (got %d, want %d: groups are listed youngest first, without gaps or overlaps)", from, prevTo)
		}
		prevTo = -1
		if g.ToAge == nil {
			prevOpen = i < len(f.AgeGroups)-1
			continue
		}
		switch to := *g.ToAge; {
		case to <= from || to > maxAge+1:
			b.errorf(p+".to_age", "out of range (got %d, want above from_age %d, at most %d; to_age is the age the next group starts at)", to, from, maxAge+1)
		default:
			prevTo = to
		}
	}
	b.ageOK = len(b.ageNames) == len(f.AgeGroups)
	if f.AgeProfile != nil {
		b.checkAgeShares(f.AgeProfile, "age_profile")
	}
	if f.RetirementRates != nil {
		b.checkRetirement(f.RetirementRates, "retirement_rates")
	}
	for _, src := range slices.Sorted(maps.Keys(f.JoinerAges)) {
		p := join("joiner_ages", src)
		if !slices.Contains(sourceNames, src) {
			b.errorf(p, "unknown source of joiners %q%s", src, suggest(src, sourceNames, "want one of "+strings.Join(sourceNames, ", ")))
			continue
		}
		b.checkAgeShares(f.JoinerAges[src], p)
	}
}

// noAges reports an age key given in a file without age groups.
func (b *builder) noAges(given bool, path string) {
	if given {
		b.errorf(path, "given, but the file has no age_groups (want a top-level list of age groups first)")
	}
}

// checkAgeShares checks shares by age group name: known groups, 0 to 1,
// summing to 1.
func (b *builder) checkAgeShares(shares map[string]float64, p string) {
	sum, ok := 0.0, true
	for _, name := range slices.Sorted(maps.Keys(shares)) {
		x := shares[name]
		sp := join(p, name)
		if !b.knownAgeGroup(name, sp) {
			ok = false
			continue
		}
		if math.IsNaN(x) || x < 0 || x > 1 {
			b.errorf(sp, "out of range (got %s, want 0 to 1)", formatFloat(x))
			ok = false
			continue
		}
		sum += x
	}
	if ok && math.Abs(sum-1) > shareTolerance {
		b.errorf(p, "shares sum to %s (want 1)", formatFloat(roundTo(sum, 9)))
	}
}

// knownAgeGroup reports whether name is an age group, and says so if not.
func (b *builder) knownAgeGroup(name, path string) bool {
	if slices.Contains(b.ageNames, name) {
		return true
	}
	if !b.ageOK {
		return false // the groups themselves are wrong, and reported
	}
	b.errorf(path, "unknown age group %q%s", name, suggest(name, b.ageNames, "want one of "+strings.Join(b.ageNames, ", ")))
	return false
}

// checkRetirement checks retirement rates by age group name.
func (b *builder) checkRetirement(rates map[string]*Value, p string) {
	for _, name := range slices.Sorted(maps.Keys(rates)) {
		rp := join(p, name)
		if b.knownAgeGroup(name, rp) {
			b.reqValue(rates[name], rp, probability, "the annual probability of retiring, 0 to 1")
		}
	}
}

// checkDynamicSettings checks the cell settings of the mechanisms beyond
// leaving, recruitment and growth.
func (b *builder) checkDynamicSettings(s *CellSettings, p string) {
	if s.AgeProfile != nil {
		if b.hasAges {
			b.checkAgeShares(s.AgeProfile, p+".age_profile")
		} else {
			b.noAges(true, p+".age_profile")
		}
	}
	if s.RetirementRates != nil {
		if b.hasAges {
			b.checkRetirement(s.RetirementRates, p+".retirement_rates")
		} else {
			b.noAges(true, p+".retirement_rates")
		}
	}
	b.optValue(s.SicknessAbsence, p+".sickness_absence", probability)
	b.optValue(s.InternationalFirstYearLeaverRate, p+".international_first_year_leaver_rate", probability)
	b.optValue(s.AgencyShare, p+".agency_share", probability)
	if r := s.RampUp; r != nil {
		rp := p + ".ramp_up"
		switch {
		case r.Months == nil:
			b.missing(rp+".months", "the months a new starter takes to hold a full caseload")
		case *r.Months < 0 || *r.Months > workforce.MaxHorizonMonths:
			b.errorf(rp+".months", "out of range (got %d, want 0 to %d)", *r.Months, workforce.MaxHorizonMonths)
		}
		if r.Months == nil || *r.Months > 0 || r.Effectiveness != nil {
			b.reqValue(r.Effectiveness, rp+".effectiveness", probability, "the share of a full caseload a new starter holds meanwhile, 0 to 1")
		}
	}
}

// checkMonth checks an optional month; before the start is an error when
// notBeforeStart is set.
func (b *builder) checkMonth(m workforce.Month, path string, notBeforeStart bool, why string) bool {
	switch {
	case m == 0:
		return true
	case m < workforce.NewMonth(1900, 1) || m > workforce.NewMonth(2200, 12):
		b.errorf(path, "out of range (got %v, want 1900-01 to 2200-12)", m)
	case notBeforeStart && b.start != 0 && m < b.start:
		b.errorf(path, "before the simulation starts (got %v, want %v or later%s)", m, b.start, why)
	default:
		return true
	}
	return false
}

// checkWindow checks first and last months, both optional, inclusive.
func (b *builder) checkWindow(first, last workforce.Month, p string) {
	okFirst := b.checkMonth(first, p+".first_month", false, "")
	okLast := b.checkMonth(last, p+".last_month", false, "")
	if okFirst && okLast && first != 0 && last != 0 && last < first {
		b.errorf(p+".last_month", "before first_month (got %v, want %v or later)", last, first)
	}
}

// checkYears checks first and last calendar years, both optional.
func (b *builder) checkYears(first, last int, p string) {
	years := func(y int, key string) {
		if y != 0 && (y < 1900 || y > 2200) {
			b.errorf(p+"."+key, "out of range (got %d, want a year from 1900 to 2200, or 0 for no bound)", y)
		}
	}
	years(first, "first_year")
	years(last, "last_year")
	if first != 0 && last != 0 && first > last {
		b.errorf(p+".last_year", "before first_year (got %d, want %d or later)", last, first)
	}
}

// checkMonths checks a required whole number of months.
func (b *builder) checkMonths(m *int, path string, lo int, want string) {
	switch {
	case m == nil:
		b.missing(path, want)
	case *m < lo || *m > workforce.MaxHorizonMonths:
		b.errorf(path, "out of range (got %d, want %d to %d)", *m, lo, workforce.MaxHorizonMonths)
	}
}

// checkShare checks an optional plain share.
func (b *builder) checkShare(x *float64, path string) {
	b.checkFloat(x, path, func(x float64) bool { return x >= 0 && x <= 1 }, "0 to 1")
}

// ruleName checks the name of a pipeline or rotation: a key, unique among
// them all.
func (b *builder) ruleName(path, name string, kind ruleKind, i int) {
	if !b.checkKey(path, name) {
		return
	}
	if at, dup := b.names[name]; dup {
		b.errorf(path, "duplicate name %q (first at %s; pipelines and rotations need distinct names)", name, b.where(at.path))
		return
	}
	b.names[name] = ruleRef{kind: kind, index: i, path: path}
}

// cellAt resolves a cell reference whose organisation defaults to defOrg
// (when not nil, else the only organisation) and whose band defaults to
// defBand (when not nil, else the band is required). The profession is
// always required.
func (b *builder) cellAt(r CellRef, path string, defOrg *int, defBand *workforce.Band) (cellKey, bool) {
	var k cellKey
	ok := true
	if r.Organisation == "" && defOrg != nil {
		k.org = *defOrg
	} else {
		org, good := b.orgRef(r.Organisation, path+".organisation")
		k.org, ok = org, good
	}
	prof, good := b.profRef(r.Profession, path+".profession")
	k.prof, ok = prof.Key, ok && good
	return b.finishCell(k, ok, r.Band, defBand, path)
}

// profOf returns the profession of a resolved cell.
func (b *builder) profOf(k cellKey) workforce.Profession {
	return b.groups[b.groupAt[groupKey{k.org, k.prof}]].prof
}

// registeredBand5 checks that a cell is Band 5 of a registered profession.
func (b *builder) registeredBand5(k cellKey, path, who string) bool {
	if b.profOf(k).Support {
		b.errorf(path+".profession", "%s join a registered profession (got %s, a support role)", who, k.prof)
		return false
	}
	if k.band != workforce.Band5 {
		b.errorf(path+".band", "%s join Band 5 (got %v)", who, k.band)
		return false
	}
	return true
}

// addCells records cells for the layout.
func (b *builder) addCells(keys ...cellKey) {
	for _, k := range keys {
		b.cells[k] = true
	}
}

// checkPipelines checks the four pipelines, in the order compile lowers
// them.
func (b *builder) checkPipelines() {
	pl := &b.f.Pipelines
	b.appr = make([]resolvedCells, len(pl.Apprenticeships))
	for i := range pl.Apprenticeships {
		b.checkApprenticeship(&pl.Apprenticeships[i], i)
	}
	b.students = make([]resolvedCells, len(pl.Students))
	for i := range pl.Students {
		b.checkStudents(&pl.Students[i], i)
	}
	b.intl = make([]resolvedCells, len(pl.International))
	for i := range pl.International {
		b.checkInternational(&pl.International[i], i)
	}
	b.rtp = make([]resolvedCells, len(pl.ReturnToPractice))
	for i := range pl.ReturnToPractice {
		b.checkReturnToPractice(&pl.ReturnToPractice[i], i)
	}
}

// resolved records the cells a pipeline resolved to, or that some are
// unknown (ok false).
func (b *builder) resolved(ok bool, cells ...cellKey) resolvedCells {
	if !ok {
		b.incomplete = true
		return resolvedCells{cells: cells}
	}
	b.addCells(cells...)
	return resolvedCells{ok: true, cells: cells}
}

// checkApprenticeship checks apprenticeship i: from a support role into
// Band 5 of a registered profession, its intake, and its backfill.
func (b *builder) checkApprenticeship(a *Apprenticeship, i int) {
	p := item("pipelines.apprenticeships", i)
	band5 := workforce.Band5
	b.ruleName(p+".name", a.Name, kindApprenticeship, i)
	from, okFrom := b.cellRef(a.From, p+".from", nil)
	if okFrom && (!b.profOf(from).Support || !from.band.Support()) {
		b.errorf(p+".from", "apprentices come from a support role at band 2, 3 or 4 (got %s)", b.cellName(from))
		okFrom = false
	}
	var defOrg *int
	if okFrom {
		defOrg = &from.org
	}
	to, okTo := b.cellAt(a.To, p+".to", defOrg, &band5)
	okTo = okTo && b.registeredBand5(to, p+".to", "qualified apprentices")
	b.checkIntake(a, p)
	if a.FundedPlaces < 0 || a.FundedPlaces > maxHeadcount {
		b.errorf(p+".funded_places", "out of range (got %d, want 0 to %d; 0 means no cap)", a.FundedPlaces, maxHeadcount)
	}
	b.checkMonths(a.DurationMonths, p+".duration_months", durationsNeedOne, "the months of training, e.g. 48")
	b.optValue(a.DropoutRate, p+".dropout_rate", probability)
	b.checkShare(a.StudyShare, p+".study_share")
	fundedFrom, okFunded := b.checkBackfill(a, p, defOrg)
	b.checkYears(a.FirstYear, a.LastYear, p)
	if okFrom && okTo && okFunded {
		cells := []cellKey{from, to}
		if a.Backfill == workforce.BackfillRegisteredPost {
			cells = append(cells, fundedFrom)
		}
		b.appr[i] = b.resolved(true, cells...)
	} else {
		b.incomplete = true
	}
}

// checkIntake checks that an apprenticeship gives its intake one way:
// a year's with the month it starts, or a month's.
func (b *builder) checkIntake(a *Apprenticeship, p string) {
	switch {
	case a.IntakePerYear != nil && a.IntakePerMonth != nil:
		b.errorf(p+".intake_per_month", "intake given twice (want intake_per_year with intake_month, or intake_per_month, not both)")
	case a.IntakePerYear != nil:
		b.checkValue(a.IntakePerYear, p+".intake_per_year", bounds{lo: 0, hi: maxCount})
		b.checkMonthOfYear(a.IntakeMonth, p+".intake_month", "the month of the year apprentices start, 1-12")
	case a.IntakePerMonth != nil:
		b.checkValue(a.IntakePerMonth, p+".intake_per_month", bounds{lo: 0, hi: maxCount})
		if a.IntakeMonth != 0 || b.src.has(p+".intake_month") {
			b.errorf(p+".intake_month", "given with intake_per_month (want intake_month only with intake_per_year)")
		}
	default:
		b.missing(p+".intake_per_year", "the apprentices who start a year (with intake_month), or intake_per_month")
	}
}

// checkBackfill checks an apprenticeship's backfill and resolves the cell
// that funds it, when it is registered_post.
func (b *builder) checkBackfill(a *Apprenticeship, p string, defOrg *int) (cellKey, bool) {
	switch {
	case a.Backfill == workforce.BackfillRegisteredPost && a.FundedFrom == nil:
		b.missing(p+".funded_from", "the cell whose funded posts pay for the backfill, e.g. {profession: occupational_therapist, band: 5}")
		return cellKey{}, false
	case a.Backfill == workforce.BackfillRegisteredPost:
		return b.cellAt(*a.FundedFrom, p+".funded_from", defOrg, nil)
	case a.FundedFrom != nil:
		b.errorf(p+".funded_from", "given with backfill %v (want funded_from only with backfill: registered_post)", a.Backfill)
		return cellKey{}, false
	case a.Backfill != workforce.BackfillVacancy:
		b.errorf(p+".backfill", "unknown backfill (got %d, want vacancy or registered_post)", int(a.Backfill))
	}
	return cellKey{}, true
}

// checkStudents checks student programme i.
func (b *builder) checkStudents(s *StudentProgramme, i int) {
	p := item("pipelines.students", i)
	band5 := workforce.Band5
	b.ruleName(p+".name", s.Name, kindStudents, i)
	to, ok := b.cellAt(s.To, p+".to", nil, &band5)
	ok = ok && b.registeredBand5(to, p+".to", "graduates")
	b.reqValue(s.PlacesPerYear, p+".places_per_year", bounds{lo: 0, hi: maxCount}, "the places commissioned a year")
	b.checkMonthOfYear(s.IntakeMonth, p+".intake_month", "the month of the year students start, 1-12, e.g. 9 for September")
	b.checkMonths(s.DurationMonths, p+".duration_months", durationsNeedOne, "the months of the course, e.g. 36")
	b.optValue(s.DropoutRate, p+".dropout_rate", probability)
	b.reqValue(s.Conversion, p+".conversion", probability, "the share of graduates who would take a local post, 0 to 1")
	b.optValue(s.PlacementCapacity, p+".placement_capacity", bounds{lo: 0, hi: maxCount})
	b.checkPlacements(s, p)
	b.checkYears(s.FirstYear, s.LastYear, p)
	b.students[i] = b.resolved(ok, to)
}

// checkPlacements checks a student programme's placement vacancy
// threshold and sensitivity: both or neither, and only with a capacity.
func (b *builder) checkPlacements(s *StudentProgramme, p string) {
	th, sens := s.PlacementVacancyThreshold, s.PlacementSensitivity
	b.checkFloat(th, p+".placement_vacancy_threshold", func(x float64) bool { return x > 0 && x < 1 }, "above 0 and below 1")
	b.checkFloat(sens, p+".placement_sensitivity", func(x float64) bool { return x >= 0 && x <= 1000 }, "0 to 1000")
	switch {
	case (th != nil || sens != nil) && s.PlacementCapacity == nil:
		b.missing(p+".placement_capacity", "the placements a year, which the vacancy threshold and sensitivity reduce")
	case th != nil && sens == nil:
		b.missing(p+".placement_sensitivity", "how much the capacity shrinks per unit of vacancy rate above the threshold")
	case th == nil && sens != nil:
		b.missing(p+".placement_vacancy_threshold", "the vacancy rate above which placements shrink, e.g. 0.1")
	}
}

// checkInternational checks international recruitment pipeline i: monthly
// offers, campaigns of one-off offers, or both.
func (b *builder) checkInternational(r *InternationalRecruitment, i int) {
	p := item("pipelines.international", i)
	band5 := workforce.Band5
	b.ruleName(p+".name", r.Name, kindInternational, i)
	to, ok := b.cellAt(r.To, p+".to", nil, &band5)
	b.optValue(r.OffersPerMonth, p+".offers_per_month", bounds{lo: 0, hi: maxCount})
	if r.OffersPerMonth == nil && len(r.Campaigns) == 0 {
		b.missing(p+".offers_per_month", "offers a month, or campaigns of one-off offers")
	}
	if r.OffersPerMonth == nil {
		for _, k := range []string{"first_month", "last_month"} {
			if b.src.has(p + "." + k) {
				b.errorf(p+"."+k, "given without offers_per_month (want it only to bound the months with monthly offers)")
			}
		}
	}
	b.checkWindow(r.FirstMonth, r.LastMonth, p)
	for j, c := range r.Campaigns {
		cp := item(p+".campaigns", j)
		if c.Month == 0 {
			b.missing(cp+".month", "the month the offers are made, YYYY-MM")
		} else {
			b.checkMonth(c.Month, cp+".month", true, "")
		}
		b.reqValue(c.Offers, cp+".offers", bounds{lo: 0, hi: maxCount}, "the number of offers made at once")
	}
	b.checkMonths(r.LeadMonths, p+".lead_months", 0, "the months from offer to arrival (visas, registration), e.g. 6")
	b.optValue(r.WithdrawalRate, p+".withdrawal_rate", probability)
	b.intl[i] = b.resolved(ok, to)
}

// checkReturnToPractice checks return-to-practice pipeline i.
func (b *builder) checkReturnToPractice(r *ReturnToPractice, i int) {
	p := item("pipelines.return_to_practice", i)
	band5 := workforce.Band5
	b.ruleName(p+".name", r.Name, kindReturn, i)
	to, ok := b.cellAt(r.To, p+".to", nil, &band5)
	b.reqValue(r.PerYear, p+".per_year", bounds{lo: 0, hi: maxCount}, "the returners who start a year")
	b.checkMonths(r.SupervisedMonths, p+".supervised_months", 0, "the months of supervised practice before joining, e.g. 3")
	b.optValue(r.DropoutRate, p+".dropout_rate", probability)
	b.checkWindow(r.FirstMonth, r.LastMonth, p)
	b.rtp[i] = b.resolved(ok, to)
}

// checkRotations checks the rotations; a cell may be in one rotation.
func (b *builder) checkRotations() {
	b.rots = make([]resolvedCells, len(b.f.Rotations))
	inRotation := map[cellKey]string{} // path of the rotation that took a cell
	for i := range b.f.Rotations {
		b.checkRotation(&b.f.Rotations[i], i, inRotation)
	}
}

// checkRotation checks rotation i and resolves its cells, one per
// organisation, in order.
func (b *builder) checkRotation(r *Rotation, i int, inRotation map[cellKey]string) {
	p := item("rotations", i)
	b.ruleName(p+".name", r.Name, kindRotation, i)
	prof, okProf := b.profRef(r.Profession, p+".profession")
	ok := b.checkRotationBand(r, p) && okProf
	orgs, okOrgs := b.rotationOrgs(r, p)
	ok = ok && okOrgs
	b.reqValue(r.ShareOfJoiners, p+".share_of_joiners", probability, "the share of joiners who take rotational posts, 0 to 1")
	b.checkRotationLength(r, p)
	b.optValue(r.LeaverRate, p+".leaver_rate", probability)
	b.optValue(r.LeaveAtEnd, p+".leave_at_end", probability)
	if !ok {
		b.incomplete = true
		return
	}
	cells, ok := b.rotationCells(r, p, prof, orgs, inRotation)
	b.rots[i] = b.resolved(ok, cells...)
}

// checkRotationBand checks that a rotation names a known band.
func (b *builder) checkRotationBand(r *Rotation, p string) bool {
	switch {
	case r.Band == nil:
		b.missing(p+".band", "the band that rotates, e.g. 5")
		return false
	case !r.Band.Valid():
		b.errorf(p+".band", "unknown band (got %v)", *r.Band)
		return false
	}
	return true
}

// rotationOrgs resolves the organisations a rotation goes through, in
// order; with none given, the only organisation.
func (b *builder) rotationOrgs(r *Rotation, p string) ([]int, bool) {
	ok := true
	var orgs []int
	switch {
	case len(r.Organisations) == 0 && len(b.orgs) == 1:
		orgs = []int{0}
	case len(r.Organisations) == 0:
		b.missing(p+".organisations", "the organisations rotated through, in order (one for rotations within it)")
		ok = false
	}
	seen := map[int]string{}
	for j, key := range r.Organisations {
		op := item(p+".organisations", j)
		if key == "" {
			b.missing(op, "an organisation key")
			ok = false
			continue
		}
		org, good := b.orgRef(key, op)
		switch {
		case !good:
			ok = false
		case seen[org] != "":
			b.errorf(op, "duplicate organisation %q (first at %s)", key, b.where(seen[org]))
			ok = false
		default:
			seen[org] = op
			orgs = append(orgs, org)
		}
	}
	return orgs, ok
}

// checkRotationLength checks a rotation's length, a whole number of
// steps, and its number of rotations.
func (b *builder) checkRotationLength(r *Rotation, p string) {
	switch step := b.stepMonths; {
	case r.LengthMonths == 0 && !b.src.has(p+".length_months"):
		b.missing(p+".length_months", "the months of one rotation, e.g. 6")
	case r.LengthMonths < 1 || r.LengthMonths > maxRotationMonths:
		b.errorf(p+".length_months", "out of range (got %d, want 1 to %d)", r.LengthMonths, maxRotationMonths)
	case r.LengthMonths%step != 0:
		b.errorf(p+".length_months", "not a whole number of steps (got %d, want a multiple of %d for %v steps)", r.LengthMonths, step, b.f.Simulation.Step)
	}
	switch {
	case r.Rotations == 0 && !b.src.has(p+".rotations"):
		b.missing(p+".rotations", "the number of rotations, e.g. 3")
	case r.Rotations < 1 || r.Rotations > maxRotationMonths:
		b.errorf(p+".rotations", "out of range (got %d, want 1 to %d)", r.Rotations, maxRotationMonths)
	case r.LengthMonths > 0 && r.Rotations*r.LengthMonths > maxRotationMonths:
		b.errorf(p+".rotations", "rotations last too long (got %d x %d months, want at most %d months)", r.Rotations, r.LengthMonths, maxRotationMonths)
	}
}

// rotationCells resolves a rotation's cells: each needs a workforce entry
// and may be in no other rotation.
func (b *builder) rotationCells(r *Rotation, p string, prof workforce.Profession, orgs []int, inRotation map[cellKey]string) ([]cellKey, bool) {
	ok := true
	var cells []cellKey
	for j, org := range orgs {
		k := cellKey{org, prof.Key, *r.Band}
		at := p + ".profession"
		if len(r.Organisations) > 0 {
			at = item(p+".organisations", j)
		}
		if _, has := b.groupAt[groupKey{org, prof.Key}]; !has {
			b.errorf(at, "no workforce entry for %s/%s (want one, even with no staff, to give its rates)", b.orgs[org].Key, prof.Key)
			ok = false
			continue
		}
		if first, dup := inRotation[k]; dup {
			b.errorf(at, "%s is already in a rotation (first at %s; a cell may be in one rotation)", b.cellName(k), b.where(first))
			ok = false
			continue
		}
		inRotation[k] = at
		cells = append(cells, k)
	}
	return cells, ok
}

func (b *builder) checkPortability() {
	b.ports = make([]resolvedCells, len(b.f.Portability))
	for i, pt := range b.f.Portability {
		p := item("portability", i)
		from, ok := b.cellRef(pt.From, p+".from", nil)
		var to []cellKey
		switch {
		case pt.To != nil && len(pt.ToOrganisations) > 0:
			b.errorf(p+".to_organisations", "both to and to_organisations given (want one)")
			ok = false
		case pt.To == nil && len(pt.ToOrganisations) == 0:
			b.missing(p+".to", "the cell covered, or to_organisations")
			ok = false
		case !ok:
		case pt.To != nil:
			k, good := b.cellRef(*pt.To, p+".to", &from)
			switch {
			case !good:
				ok = false
			case k == from:
				b.errorf(p+".to", "same cell as from (got %s; want another organisation, profession or band)", b.cellName(k))
				ok = false
			default:
				to = append(to, k)
			}
		default:
			seen := map[int]string{}
			for j, key := range pt.ToOrganisations {
				op := item(p+".to_organisations", j)
				org, good := b.orgRef(key, op)
				if !good {
					ok = false
					continue
				}
				k := cellKey{org, from.prof, from.band}
				switch {
				case org == from.org:
					b.errorf(op, "the organisation staff are employed by (got %s; want another organisation)", key)
					ok = false
				case seen[org] != "":
					b.errorf(op, "duplicate organisation %q (first at %s)", key, b.where(seen[org]))
					ok = false
				default:
					if _, has := b.groupAt[groupKey{org, from.prof}]; !has {
						b.errorf(op, "no workforce entry for %s/%s (want one, even with no staff, to give its rates)", key, from.prof)
						ok = false
						continue
					}
					seen[org] = op
					to = append(to, k)
				}
			}
		}
		b.reqValue(pt.Share, p+".share", probability, "the share of staff beyond establishment who may cover, 0 to 1")
		b.checkMonth(pt.Start, p+".start", true, "")
		if pt.MaxMonths != nil {
			b.checkMonths(pt.MaxMonths, p+".max_months", 1, "")
		}
		if ok {
			b.ports[i] = resolvedCells{ok: true, cells: append([]cellKey{from}, to...)}
			b.addCells(b.ports[i].cells...)
		} else {
			b.incomplete = true
		}
	}
}

func (b *builder) checkCosts() {
	c := &b.f.Costs
	const p = "costs"
	upTo := func(most float64) (func(float64) bool, string) {
		return func(x float64) bool { return x >= 0 && x <= most }, fmt.Sprintf("0 to %s pounds", formatFloat(most))
	}
	pounds, want := upTo(workforce.MaxUnitCost)
	for _, band := range slices.Sorted(maps.Keys(c.AnnualPayPerFTE)) {
		x := c.AnnualPayPerFTE[band]
		b.checkFloat(&x, p+".annual_pay_per_fte."+band.String(), pounds, want)
	}
	agency, agencyWant := upTo(workforce.MaxAgencyPerHour)
	b.checkFloat(c.AgencyPerHour, p+".agency_per_hour", agency, agencyWant)
	recruit, recruitWant := upTo(workforce.MaxRecruitmentCost)
	b.checkFloat(c.AnnualHoursPerFTE, p+".annual_hours_per_fte", func(x float64) bool { return x > 0 && x <= maxHoursPerYear }, fmt.Sprintf("above 0, at most %d", maxHoursPerYear))
	for _, src := range slices.Sorted(maps.Keys(c.RecruitmentPerHead)) {
		sp := join(p+".recruitment_per_head", src)
		if !slices.Contains(sourceNames, src) {
			b.errorf(sp, "unknown source of joiners %q%s", src, suggest(src, sourceNames, "want one of "+strings.Join(sourceNames, ", ")))
			continue
		}
		x := c.RecruitmentPerHead[src]
		b.checkFloat(&x, sp, recruit, recruitWant)
	}
	b.checkFloat(c.StudentPerYear, p+".student_per_year", pounds, want)
	b.checkFloat(c.ApprenticePerYear, p+".apprentice_per_year", pounds, want)
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

// sortedCells returns cell keys in layout order (organisation, profession
// in file order of first use is not known yet, so by key, then band).
func sortedCells(set map[cellKey]bool) []cellKey {
	keys := slices.Collect(maps.Keys(set))
	slices.SortFunc(keys, func(a, b cellKey) int {
		if a.org != b.org {
			return a.org - b.org
		}
		if c := strings.Compare(a.prof, b.prof); c != 0 {
			return c
		}
		return int(a.band) - int(b.band)
	})
	return keys
}
