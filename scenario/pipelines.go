package scenario

import (
	"fmt"
	"strconv"

	"github.com/ahpsim/ahpsim/workforce"
)

// Pipelines are the supply pipelines: stocks in training or in transit
// that are not yet staff in post of the cell they lead to. Every pipeline
// has a name, unique among pipelines and rotations, by which interventions
// can pick it.
type Pipelines struct {
	Apprenticeships  []Apprenticeship           `yaml:"apprenticeships,omitempty"`
	Students         []StudentProgramme         `yaml:"students,omitempty"`
	International    []InternationalRecruitment `yaml:"international,omitempty"`
	ReturnToPractice []ReturnToPractice         `yaml:"return_to_practice,omitempty"`
}

// Apprenticeship is a degree apprenticeship ("grow our own"): support
// workers in From (a support role at band 2, 3 or 4) start training each
// year or each month, stay employed in From while they train, and qualify
// into the registered cell To after DurationMonths.
type Apprenticeship struct {
	Name string  `yaml:"name"`
	From CellRef `yaml:"from"`
	// To is the registered cell apprentices qualify into; its organisation
	// defaults to From's and its band to 5 (another band must be one its
	// entry lists).
	To CellRef `yaml:"to"`

	// Posts says how qualified apprentices, who always take a post, are
	// funded: supernumerary (nil: over the establishment when To has no
	// vacancy) or new_posts (each with a new funded post).
	Posts *workforce.Posts `yaml:"posts,omitempty"`
	// Exactly one of IntakePerYear (with IntakeMonth, 1-12) and
	// IntakePerMonth gives the starters, in heads.
	IntakePerYear  *Value `yaml:"intake_per_year,omitempty"`
	IntakeMonth    int    `yaml:"intake_month,omitempty"`
	IntakePerMonth *Value `yaml:"intake_per_month,omitempty"`
	// FundedPlaces caps the apprentices in training at once (0: no cap).
	FundedPlaces   int  `yaml:"funded_places,omitempty"`
	DurationMonths *int `yaml:"duration_months"`
	// DropoutRate is the annual rate of leaving the programme (published definition);
	// drop-outs go back to their support post unless DropoutsStay is
	// false (nil means true), when they leave the system.
	DropoutRate  *Value `yaml:"dropout_rate,omitempty"`
	DropoutsStay *bool  `yaml:"dropouts_stay,omitempty"`
	// StudyShare is the share of the apprentice's post given to study,
	// 0 to 1 (nil means 0.2), backfilled as Backfill says.
	StudyShare *float64           `yaml:"study_share,omitempty"`
	Backfill   workforce.Backfill `yaml:"backfill,omitempty"`
	// FundedFrom is the cell whose funded posts pay for the backfill, with
	// backfill: registered_post (required then, and only then).
	FundedFrom *CellRef `yaml:"funded_from,omitempty"`
	// FirstYear and LastYear bound the calendar years with intakes (0: no bound).
	FirstYear int `yaml:"first_year,omitempty"`
	LastYear  int `yaml:"last_year,omitempty"`
	// InTraining is the apprentices in training on the start date, spread
	// evenly over the course; InTrainingByYear gives them by year of the
	// course instead, year 1 first (at most one of the two). They are
	// among From's headcount.
	InTraining       *int  `yaml:"in_training,omitempty"`
	InTrainingByYear []int `yaml:"in_training_by_year,omitempty"`
}

// StudentProgramme is pre-registration education: places commissioned a
// year, drop-out during the course, and graduates who take posts in To by
// the rules of a graduate cohort (Conversion, Posts).
type StudentProgramme struct {
	Name string `yaml:"name"`
	// To is the registered cell graduates join (band defaults to 5; another
	// band must be one its entry lists).
	To             CellRef `yaml:"to"`
	PlacesPerYear  *Value  `yaml:"places_per_year"`
	IntakeMonth    int     `yaml:"intake_month"`
	DurationMonths *int    `yaml:"duration_months"`
	DropoutRate    *Value  `yaml:"dropout_rate,omitempty"` // annual
	Conversion     *Value  `yaml:"conversion"`
	// PlacementCapacity caps the intake (students a year) by the
	// placements the host services can offer. With
	// PlacementVacancyThreshold and PlacementSensitivity, services short of
	// staff take fewer students: the capacity is multiplied by
	// max(0, 1 - sensitivity x (vacancy rate of To - threshold)) when the
	// vacancy rate is above the threshold.
	PlacementCapacity         *Value   `yaml:"placement_capacity,omitempty"`
	PlacementVacancyThreshold *float64 `yaml:"placement_vacancy_threshold,omitempty"`
	PlacementSensitivity      *float64 `yaml:"placement_sensitivity,omitempty"`
	FirstYear                 int      `yaml:"first_year,omitempty"`
	LastYear                  int      `yaml:"last_year,omitempty"`

	// Posts says whether graduates take vacancies only (the default), or
	// all are hired: into new funded posts, or over the establishment.
	Posts workforce.Posts `yaml:"posts,omitempty"`
	// InTraining is the students on the course on the start date, spread
	// evenly over its cohorts; InTrainingByYear gives them by year of the
	// course instead, year 1 first.
	InTraining       *int  `yaml:"in_training,omitempty"`
	InTrainingByYear []int `yaml:"in_training_by_year,omitempty"`
}

// InternationalRecruitment is offers to internationally educated staff:
// OffersPerMonth in the months FirstMonth to LastMonth, and one-off
// Campaigns. Accepted offers arrive in To after LeadMonths (visas,
// registration) unless withdrawn on the way.
type InternationalRecruitment struct {
	Name           string          `yaml:"name"`
	To             CellRef         `yaml:"to"`
	OffersPerMonth *Value          `yaml:"offers_per_month,omitempty"`
	FirstMonth     workforce.Month `yaml:"first_month,omitempty"`
	LastMonth      workforce.Month `yaml:"last_month,omitempty"`
	Campaigns      []Campaign      `yaml:"campaigns,omitempty"`
	LeadMonths     *int            `yaml:"lead_months"`
	WithdrawalRate *Value          `yaml:"withdrawal_rate,omitempty"` // annual, while in transit
	// InTransit is the accepted offers on their way on the start date,
	// spread evenly over the lead time; InTransitByMonth gives them by
	// months until arrival instead, arriving in 1 month first.
	InTransit        *int  `yaml:"in_transit,omitempty"`
	InTransitByMonth []int `yaml:"in_transit_by_month,omitempty"`
}

// Campaign is a one-off batch of international offers, e.g. 10 OTs at once.
type Campaign struct {
	Month  workforce.Month `yaml:"month"`
	Offers *Value          `yaml:"offers"`
}

// ReturnToPractice is a small inflow of returners a year into To, after a
// supervised period, in the months FirstMonth to LastMonth.
type ReturnToPractice struct {
	Name             string          `yaml:"name"`
	To               CellRef         `yaml:"to"`
	PerYear          *Value          `yaml:"per_year"`
	SupervisedMonths *int            `yaml:"supervised_months"`
	DropoutRate      *Value          `yaml:"dropout_rate,omitempty"` // annual, while supervised
	FirstMonth       workforce.Month `yaml:"first_month,omitempty"`
	LastMonth        workforce.Month `yaml:"last_month,omitempty"`
	// InSupervision is the returners in their supervised period on the
	// start date, spread evenly over it; InSupervisionByMonth gives them by
	// months of supervision left instead, 1 month left first.
	InSupervision        *int  `yaml:"in_supervision,omitempty"`
	InSupervisionByMonth []int `yaml:"in_supervision_by_month,omitempty"`
}

// checkPipelines checks the four pipelines, in the order compile lowers
// them.
func (b *builder) checkPipelines() {
	pl := &b.f.Pipelines
	b.appr = make([]resolvedCells, len(pl.Apprenticeships))
	for i := range pl.Apprenticeships {
		b.checkApprenticeship(&pl.Apprenticeships[i], i)
	}
	b.checkApprenticesInPost()
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
// a registered profession (Band 5 unless to says), its intake, and its
// backfill.
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
	okTo = okTo && b.registeredTarget(to, p+".to", "qualified apprentices")
	b.checkApprenticePosts(a.Posts, p+".posts")
	b.checkIntake(a, p)
	if a.FundedPlaces < 0 || a.FundedPlaces > maxHeadcount {
		b.errorf(p+".funded_places", "out of range (got %d, want 0 to %d; 0 means no cap)", a.FundedPlaces, maxHeadcount)
	}
	b.checkMonths(a.DurationMonths, p+".duration_months", durationsNeedOne, "the months of training, e.g. 48")
	b.optValue(a.DropoutRate, p+".dropout_rate", probability)
	b.checkShare(a.StudyShare, p+".study_share")
	fundedFrom, okFunded := b.checkBackfill(a, p, defOrg)
	b.checkYears(a.FirstYear, a.LastYear, p)
	b.checkApprenticesAtStart(a, p)
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
	ok = ok && b.registeredTarget(to, p+".to", "graduates")
	b.checkPosts(s.Posts, p+".posts")
	b.reqValue(s.PlacesPerYear, p+".places_per_year", bounds{lo: 0, hi: maxCount}, "the places commissioned a year")
	b.checkMonthOfYear(s.IntakeMonth, p+".intake_month", "the month of the year students start, 1-12, e.g. 9 for September")
	b.checkMonths(s.DurationMonths, p+".duration_months", durationsNeedOne, "the months of the course, e.g. 36")
	b.optValue(s.DropoutRate, p+".dropout_rate", probability)
	b.reqValue(s.Conversion, p+".conversion", probability, "the share of graduates who would take a local post, 0 to 1")
	b.optValue(s.PlacementCapacity, p+".placement_capacity", bounds{lo: 0, hi: maxCount})
	b.checkPlacements(s, p)
	b.checkYears(s.FirstYear, s.LastYear, p)
	stages, unit := -1, stockShape{}
	if b.start != 0 && s.DurationMonths != nil && *s.DurationMonths >= 1 && *s.DurationMonths <= workforce.MaxHorizonMonths &&
		s.IntakeMonth >= 1 && s.IntakeMonth <= 12 {
		ws := workforce.StudentProgramme{IntakeMonth: s.IntakeMonth, DurationMonths: *s.DurationMonths}
		stages = ws.StartYears(b.start, b.stepMonths)
		unit = b.cohortsInTraining(stages, *s.DurationMonths, s.IntakeMonth)
	}
	b.checkStartingStock(p, "in_training", s.InTraining, "in_training_by_year", s.InTrainingByYear, stages, unit)
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
			b.checkNotAfterHorizon(c.Month, cp+".month", "the offers would never be made")
		}
		b.reqValue(c.Offers, cp+".offers", bounds{lo: 0, hi: maxCount}, "the number of offers made at once")
	}
	b.checkMonths(r.LeadMonths, p+".lead_months", 0, "the months from offer to arrival (visas, registration), e.g. 6")
	b.optValue(r.WithdrawalRate, p+".withdrawal_rate", probability)
	b.checkStartingStock(p, "in_transit", r.InTransit, "in_transit_by_month", r.InTransitByMonth,
		monthsGiven(r.LeadMonths), stockShape{"one a month until arrival", "lead_months is " + givenMonths(r.LeadMonths)})
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
	b.checkStartingStock(p, "in_supervision", r.InSupervision, "in_supervision_by_month", r.InSupervisionByMonth,
		monthsGiven(r.SupervisedMonths), stockShape{"one a month of supervision left", "supervised_months is " + givenMonths(r.SupervisedMonths)})
	b.rtp[i] = b.resolved(ok, to)
}

// checkApprenticesAtStart checks an apprenticeship's apprentices in
// training on the start date: by year of the course, at most its funded
// places.
func (b *builder) checkApprenticesAtStart(a *Apprenticeship, p string) {
	stages, unit := -1, stockShape{}
	if b.start != 0 && a.DurationMonths != nil && *a.DurationMonths >= 1 && *a.DurationMonths <= workforce.MaxHorizonMonths {
		wa := workforce.Apprenticeship{DurationMonths: *a.DurationMonths}
		switch {
		case a.IntakePerMonth != nil:
			stages = wa.StartYears(b.start, b.stepMonths)
			unit = stockShape{"one a year of the course", fmt.Sprintf("a %d-month course has %d years", *a.DurationMonths, stages)}
		case a.IntakeMonth >= 1 && a.IntakeMonth <= 12:
			wa.Month = a.IntakeMonth
			stages = wa.StartYears(b.start, b.stepMonths)
			unit = b.cohortsInTraining(stages, *a.DurationMonths, a.IntakeMonth)
		}
	}
	n := b.checkStartingStock(p, "in_training", a.InTraining, "in_training_by_year", a.InTrainingByYear, stages, unit)
	if a.FundedPlaces > 0 && n > a.FundedPlaces {
		b.errorf(p+"."+stockKey(a.InTraining, "in_training", "in_training_by_year"),
			"more apprentices than funded places (got %d in training, want at most funded_places %d)", n, a.FundedPlaces)
	}
}

// checkApprenticesInPost checks that the apprentices in training on the
// start date from each support cell are at most its headcount: they are
// among its staff. It runs after every apprenticeship is resolved.
func (b *builder) checkApprenticesInPost() {
	inCell := map[cellKey]int{}
	for i, a := range b.f.Pipelines.Apprenticeships {
		if !b.appr[i].ok {
			continue
		}
		from := b.appr[i].cells[0]
		inCell[from] += stockTotal(a.InTraining, a.InTrainingByYear)
		heads := 0
		if gi, ok := b.groupAt[groupKey{from.org, from.prof}]; ok {
			bs, _ := b.f.Workforce[gi].band(from.band)
			heads = bs.Headcount
		}
		if n := inCell[from]; stockTotal(a.InTraining, a.InTrainingByYear) > 0 && n > heads {
			p := item("pipelines.apprenticeships", i)
			b.errorf(p+"."+stockKey(a.InTraining, "in_training", "in_training_by_year"),
				"more apprentices than staff in %s (got %d in training from it, want at most its headcount %d: apprentices in training are among its staff)",
				b.cellName(from), n, heads)
		}
	}
}

// cohortsInTraining says how many cohorts of a course with a yearly
// intake are in training on the start date, for messages.
func (b *builder) cohortsInTraining(n, months, intakeMonth int) stockShape {
	return stockShape{"one a year of the course", fmt.Sprintf("%d cohorts of a %d-month course with intake_month %d are in training on %v",
		n, months, intakeMonth, b.start)}
}

// stockShape says, for messages, what the entries of a starting stock's
// list are (per) and why the pipeline has as many stages as it has.
type stockShape struct{ per, why string }

// givenMonths writes an optional number of months for messages.
func givenMonths(m *int) string {
	if m == nil {
		return "missing"
	}
	return strconv.Itoa(*m)
}

// checkStartingStock checks a pipeline's people on the start date, given
// as a whole number (key) spread evenly or as a list by stage (listKey),
// against the stages the pipeline has then (stages < 0: unknown, because
// something it depends on is wrong and reported). It returns their total.
func (b *builder) checkStartingStock(p, key string, heads *int, listKey string, list []int, stages int, unit stockShape) int {
	total := 0
	if heads != nil {
		if *heads < 0 || *heads > maxHeadcount {
			b.errorf(p+"."+key, "out of range (got %d, want 0 to %d)", *heads, maxHeadcount)
		} else {
			total += *heads
		}
	}
	for j, x := range list {
		if x < 0 || x > maxHeadcount {
			b.errorf(item(p+"."+listKey, j), "out of range (got %d, want 0 to %d)", x, maxHeadcount)
		} else {
			total += x
		}
	}
	switch {
	case heads != nil && list != nil:
		b.errorf(p+"."+listKey, "given with %s (want one of %s, a number spread evenly, and %s, a list)", key, key, listKey)
	case stages == 0 && total > 0:
		b.errorf(p+"."+stockKey(heads, key, listKey), "nobody can be in this pipeline on the start date (got %d, want 0: %s)", total, unit.why)
	case stages > 0 && len(list) > stages:
		b.errorf(p+"."+listKey, "too many entries (got %d, want at most %d, %s: %s)", len(list), stages, unit.per, unit.why)
	}
	return total
}

// monthsGiven is the number of months a list by month left may have: the
// pipeline's months, or -1 when they are not valid (and reported).
func monthsGiven(months *int) int {
	if months == nil || *months < 0 || *months > workforce.MaxHorizonMonths {
		return -1
	}
	return *months
}

// stockKey is the key a starting stock was given by.
func stockKey(heads *int, key, listKey string) string {
	if heads != nil {
		return key
	}
	return listKey
}

// stockTotal is the heads of a starting stock as written.
func stockTotal(heads *int, list []int) int {
	n := 0
	if heads != nil {
		n += max(0, *heads)
	}
	for _, x := range list {
		n += max(0, x)
	}
	return n
}

// startingStock lowers a starting stock.
func startingStock(heads *int, list []int) workforce.StartingStock {
	st := workforce.StartingStock{ByStage: list}
	if heads != nil {
		st.Heads = *heads
	}
	return st
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
			NewPosts:       a.Posts != nil && *a.Posts == workforce.PostsNewPosts,
			InTraining:     startingStock(a.InTraining, a.InTrainingByYear),
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
			Posts:          s.Posts,
			InTraining:     startingStock(s.InTraining, s.InTrainingByYear),
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
			InTransit:  startingStock(r.InTransit, r.InTransitByMonth),
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
			InSupervision:    startingStock(r.InSupervision, r.InSupervisionByMonth),
		}
		sr.DropoutRate = c.param(r.DropoutRate, probability, name+".dropout_rate")
		c.m.Returners = append(c.m.Returners, sr)
	}
}
