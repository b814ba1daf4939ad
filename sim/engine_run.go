package sim

import (
	"math"
	"slices"

	"github.com/ahpsim/ahpsim/sim/sample"
	"github.com/ahpsim/ahpsim/workforce"
)

// simulate runs one run and writes its reported values into values, laid
// out as Result.Series. It reports whether exit rates had to be scaled.
// With trace non-nil, it also writes the whole system's vacancy rate at
// the start and after every step into trace (Steps+1 values).
func (e *engine) simulate(seed uint64, run int, values, trace []float64) (scaled bool) {
	e.beginRun(seed, run)
	e.record(0, values)
	if trace != nil {
		trace[0] = e.systemVacancyRate()
	}
	date := 1
	for t := range e.m.Steps {
		e.step(t)
		if trace != nil {
			trace[t+1] = e.systemVacancyRate()
		}
		if t+1 == e.reportAt[date] {
			e.record(date, values)
			e.resetFlows()
			date++
		}
	}
	return e.scaledRuns
}

// ruleStreams maps the stream kinds kept one per rule to a lever over the
// same rules, whose ruleCount says how many there are.
var ruleStreams = map[streamKind]workforce.Lever{
	streamPromotion: workforce.LeverPromotionApply,
	streamGraduates: workforce.LeverGraduateSize,
	streamRotation:  workforce.LeverRotationShare,
	streamAppr:      workforce.LeverApprenticeIntake,
	streamStudents:  workforce.LeverStudentPlaces,
	streamIntl:      workforce.LeverInternationalOffers,
	streamReturners: workforce.LeverReturners,
}

// streamCount is the number of streams of a kind: one per cell or rule.
func (e *engine) streamCount(k streamKind) int {
	switch k {
	case streamParams:
		return 1
	case streamExits, streamRecruit, streamAgeing:
		return e.numCells
	}
	if lv, ok := ruleStreams[k]; ok {
		return e.m.RuleCount(lv)
	}
	return 0
}

// stream returns the index in e.streams of stream (kind, i).
func (e *engine) stream(k streamKind, i int) int { return e.slot[k] + i }

// beginRun seeds the run's streams, draws its parameters and sets the
// starting state.
func (e *engine) beginRun(seed uint64, run int) {
	m := e.m
	clear(e.caps)
	e.runSeed = runSeed(seed, run)
	for k := streamKind(1); k < numStreamKinds; k++ {
		for i := range e.streamCount(k) {
			st := &e.streams[e.stream(k, i)]
			st.base = streamBase(k, i)
			st.pcg.Seed(e.runSeed, stepSeed(st.base, 0))
		}
	}
	pr := e.streams[e.stream(streamParams, 0)].rnd
	for i, d := range m.Params {
		if e.det {
			e.param[i+1] = d.Mean()
		} else {
			e.param[i+1] = Draw(d, pr)
		}
	}
	e.setBaseLevers()
	e.scaledRuns = false
	for c, spec := range m.Cells {
		e.growth[c] = 1
		if spec.EstablishmentGrowth != workforce.NoParam {
			e.growth[c] = math.Pow(1+e.param[spec.EstablishmentGrowth], float64(m.StepMonths)/monthsPerYear)
		}
	}

	clear(e.count)
	clear(e.arrivals)
	e.touched = e.touched[:0]
	e.off = 0
	clear(e.apprHC)
	clear(e.apprLoss)
	clear(e.backfill)
	for _, pipes := range [][]pipe{e.appr, e.students, e.intl, e.returners} {
		for i := range pipes {
			pipes[i].reset()
		}
	}
	for k := range e.cumCost {
		clear(e.cumCost[k])
	}
	clear(e.vacYears)
	for c, spec := range m.Cells {
		e.establishment[c] = spec.Establishment
		e.establishmentInForce[c] = spec.Establishment
		e.ftePerHead[c] = spec.FTEPerHead
		e.headcount[c] = float64(spec.Headcount)
		e.inPostFTE[c] = e.headcount[c] * spec.FTEPerHead
		e.spreadInitial(c, spec)
		e.recountRows(c)
	}
	e.startPipelines()
	e.applyInterventions(m.Start)
	e.plansForRun()
	e.resetFlows()
}

// leverOff is the value of an optional lever that is switched off, which
// interventions leave alone (see applyInterventions).
const leverOff = -1.0

// probabilitySlack is the rounding error allowed in exit probabilities
// that sum to 1 before their rates count as scaled down.
const probabilitySlack = 1e-12

// setBaseLevers records the run's drawn value of every lever. Optional
// levers that are switched off are leverOff.
func (e *engine) setBaseLevers() {
	m, l := e.m, e.lev
	val := func(id workforce.ParamID) float64 {
		if id == workforce.NoParam {
			return leverOff
		}
		return e.param[id]
	}
	for c, spec := range m.Cells {
		l.setBase(workforce.LeverLeaverRate, c, val(spec.LeaverRate))
		l.setBase(workforce.LeverRecruitFill, c, val(spec.RecruitFill))
		l.setBase(workforce.LeverSickness, c, val(spec.Sickness))
		l.setBase(workforce.LeverAgencyShare, c, val(spec.AgencyShare))
		l.setBase(workforce.LeverInternationalFirstYearLeaving, c, val(spec.InternationalFirstYearLeaverRate))
		l.setBase(workforce.LeverRampUpEffectiveness, c, val(spec.RampUpEffectiveness))
		for a := range e.numAges {
			v := leverOff
			if a < len(spec.RetirementRate) {
				v = val(spec.RetirementRate[a])
			}
			l.setBase(workforce.LeverRetirementRate, c*e.numAges+a, v)
		}
	}
	for i, p := range m.Promotions {
		l.setBase(workforce.LeverPromotionApply, i, val(p.ApplyProb))
	}
	for i, g := range m.Graduates {
		l.setBase(workforce.LeverGraduateConversion, i, val(g.Conversion))
		l.setBase(workforce.LeverGraduateSize, i, val(g.Size))
	}
	for i, s := range m.Students {
		l.setBase(workforce.LeverStudentPlaces, i, val(s.Places))
	}
	for i, a := range m.Apprenticeships {
		l.setBase(workforce.LeverApprenticeIntake, i, val(a.Intake))
	}
	for i, r := range m.International {
		l.setBase(workforce.LeverInternationalOffers, i, val(r.OffersPerMonth))
	}
	for i, r := range m.Returners {
		l.setBase(workforce.LeverReturners, i, val(r.PerYear))
	}
	for i, r := range m.Rotations {
		l.setBase(workforce.LeverRotationShare, i, val(r.Share))
		l.setBase(workforce.LeverRotationLeaving, i, val(r.LeaverRate))
		l.setBase(workforce.LeverRotationLeaveAtEnd, i, val(r.LeaveAtEnd))
	}
	e.setPipelineRateLevers(val)
	e.zeroInert()
}

// zeroInert holds at zero the quantity of every inert rule (a mechanism
// another option adds): its draws then match the options' where it acts,
// and it does nothing here.
func (e *engine) zeroInert() {
	m, l := e.m, e.lev
	zero := func(lv workforce.Lever, i int) {
		if l.base[l.slot(lv, i)] != leverOff {
			l.setBase(lv, i, 0)
		}
	}
	for _, r := range m.Inert {
		lv, _ := workforce.InertLever(r.List)
		zero(lv, r.Index)
		if r.List == workforce.RuleInternational {
			for j := range m.International[r.Index].Campaigns {
				zero(workforce.LeverCampaignOffers, l.campaign0[r.Index]+j)
			}
		}
	}
}

// setPipelineRateLevers records the run's value of the levers on
// transitions, campaigns, the pipelines' conversion, attrition and
// capacity, and portability.
func (e *engine) setPipelineRateLevers(val func(workforce.ParamID) float64) {
	m, l := e.m, e.lev
	for i, t := range m.Transitions {
		l.setBase(workforce.LeverTransitionRate, i, val(t.Rate))
	}
	k := 0
	for i, r := range m.International {
		l.setBase(workforce.LeverInternationalWithdrawal, i, val(r.WithdrawalRate))
		for _, c := range r.Campaigns {
			l.setBase(workforce.LeverCampaignOffers, k, val(c.Offers))
			k++
		}
	}
	for i, s := range m.Students {
		l.setBase(workforce.LeverStudentConversion, i, val(s.Conversion))
		l.setBase(workforce.LeverStudentDropout, i, val(s.DropoutRate))
		l.setBase(workforce.LeverPlacementCapacity, i, val(s.PlacementCapacity))
	}
	for i, a := range m.Apprenticeships {
		l.setBase(workforce.LeverApprenticeDropout, i, val(a.DropoutRate))
	}
	for i, r := range m.Returners {
		l.setBase(workforce.LeverReturnerDropout, i, val(r.DropoutRate))
	}
	for i, p := range m.Portability {
		l.setBase(workforce.LeverPortabilityShare, i, val(p.Share))
	}
}

// rebuildPlans derives the per-step probabilities and samplers from the
// levers in force. It runs at the start of a run and whenever an
// intervention changes a lever. A sampler whose probability has not
// changed keeps its tables (Binomial.Reset), from run to run too: a draw
// does not depend on them, only its cost.
func (e *engine) rebuildPlans() {
	m, l := e.m, e.lev
	step := m.StepMonths
	built := &e.builtFor
	built.valid = true
	built.eff = append(built.eff[:0], l.eff...)
	built.param = append(built.param[:0], e.param...)
	built.scaled = false
	for c := range m.Cells {
		e.leaders = e.leaders[:0]
		for o := range e.numOrigins {
			for a := range e.numAges {
				if e.planExits(c, o, a) {
					built.scaled = true
				}
			}
		}
		e.recruitBin[c].Reset(math.Max(0, monthlyToStep(l.get(workforce.LeverRecruitFill, c), step)))
	}
	e.groupExitPlans()
	for i := range e.promos {
		p := &e.promos[i]
		p.prob = math.Max(0, monthlyToStep(l.get(workforce.LeverPromotionApply, p.rule), step))
		p.bin.Reset(p.prob)
	}
	for i := range m.Graduates {
		e.gradBin[i].Reset(l.get(workforce.LeverGraduateConversion, i))
	}
	for i := range m.Students {
		e.studConv[i].Reset(math.Max(0, l.get(workforce.LeverStudentConversion, i)))
		e.pipeDrop[pStudent][i].Reset(e.leverRate(workforce.LeverStudentDropout, i))
	}
	for i := range m.Apprenticeships {
		e.pipeDrop[pApprentice][i].Reset(e.leverRate(workforce.LeverApprenticeDropout, i))
	}
	for i := range m.International {
		e.pipeDrop[pInternational][i].Reset(e.leverRate(workforce.LeverInternationalWithdrawal, i))
	}
	for i := range m.Returners {
		e.pipeDrop[pReturner][i].Reset(e.leverRate(workforce.LeverReturnerDropout, i))
	}
	for i := range m.Rotations {
		e.rotShare[i].Reset(math.Max(0, l.get(workforce.LeverRotationShare, i)))
		e.rotLeave[i].Reset(math.Max(0, l.get(workforce.LeverRotationLeaveAtEnd, i)))
	}
	if built.scaled {
		e.scaledRuns = true
	}
}

// plansForRun builds the plans for a run's start, or keeps those of the
// last build when they were built from the same levers and parameters:
// the plans are a function of those alone, and most models draw the same
// ones every run.
func (e *engine) plansForRun() {
	b := &e.builtFor
	if !b.valid || !slices.Equal(b.eff, e.lev.eff) || !slices.Equal(b.param, e.param) {
		e.rebuildPlans()
		return
	}
	if b.scaled {
		e.scaledRuns = true
	}
}

// leverRate is the step probability of an optional annual rate lever in
// force for rule i (0 when the rate is not given).
func (e *engine) leverRate(lv workforce.Lever, i int) float64 {
	return stepProbability(math.Max(0, e.lev.get(lv, i)), e.m.StepMonths)
}

// planExits computes the per-step exit probabilities of one cell, origin
// and age group, for each of its tenure segments. If the annual rates in
// force add up to more than 1, they are scaled down to 1 in proportion
// and planExits reports it.
func (e *engine) planExits(c, o, a int) (scaled bool) {
	l := e.lev
	leave := l.get(workforce.LeverLeaverRate, c)
	own := true // the leaver rate is the cell's, so it may depend on time in post
	if o == e.origin[originInternational] && o >= 0 {
		if r := l.get(workforce.LeverInternationalFirstYearLeaving, c); r >= 0 {
			leave, own = r, false
		}
	}
	if o == e.origin[originRotational] && o >= 0 && e.rotOf[c] >= 0 {
		if r := l.get(workforce.LeverRotationLeaving, e.rotOf[c]); r >= 0 {
			leave, own = r, false
		}
	}
	first := c * e.numOrigins * e.numAges * e.numSegs
	row := first + (o*e.numAges+a)*e.numSegs
	for s := range e.segN[c] {
		rate := leave
		if w := e.segW[c*e.numSegs+s]; own && w != nil {
			rate = e.timeInPostRate(c, w, leave)
		}
		if e.planSegment(c, a, row+s, rate) {
			scaled = true
		}
	}
	return scaled
}

// timeInPostRate is the leaver rate of a tenure segment with band weights
// w, when the cell's leaver rate in force is leave: the mean over the
// segment's months of the rate of each month's band. An intervention on
// the leaver rate changes every band's rate in the same proportion as the
// cell's (by the same amount when the cell's drawn rate is 0).
func (e *engine) timeInPostRate(c int, w []float64, leave float64) float64 {
	spec := &e.m.Cells[c]
	leave = max(0, leave)
	drawn := 0.0
	if spec.LeaverRate != workforce.NoParam {
		drawn = e.param[spec.LeaverRate]
	}
	bands := spec.TimeInPostLeaverRates
	rate := w[len(bands)] * leave
	for j, b := range bands {
		if w[j] == 0 {
			continue
		}
		r := e.param[b.Rate]
		switch {
		case drawn > 0:
			r *= leave / drawn
		case spec.LeaverRate != workforce.NoParam:
			r += leave
		}
		rate += w[j] * math.Min(1, r)
	}
	return rate
}

// planSegment computes the exit plan at index i (a tenure segment of one
// of cell c's rows) of age group a for leaver rate leave, and reports
// whether its rates had to be scaled down to sum to 1.
func (e *engine) planSegment(c, a, i int, leave float64) bool {
	m, l := e.m, e.lev
	plan := &e.exits[i]
	j := 0
	plan.prob[j] = math.Max(0, leave)
	j++
	if j < len(plan.to) && plan.to[j] == exitRetire {
		plan.prob[j] = math.Max(0, l.get(workforce.LeverRetirementRate, c*e.numAges+a))
		j++
	}
	for i, t := range m.Transitions {
		if t.From == c {
			plan.prob[j] = math.Max(0, l.get(workforce.LeverTransitionRate, i))
			j++
		}
	}
	total := 0.0
	for _, r := range plan.prob {
		total += r
	}
	if total > 0 {
		step := stepProbability(math.Min(total, 1), m.StepMonths)
		for i := range plan.prob {
			plan.prob[i] *= step / total
		}
	}
	// A plan with the probabilities of an earlier plan of the cell is in
	// that plan's group (groupExitPlans), whose first plan's samplers draw
	// for them all: so only first plans (the cell's leaders so far) have
	// samplers built. A sampler whose probability is unchanged (since the
	// last run or rebuild) keeps its tables.
	for _, r := range e.leaders {
		if slices.Equal(e.exits[r].prob, plan.prob) {
			return total > 1+probabilitySlack
		}
	}
	e.leaders = append(e.leaders, i)
	fillChain(plan.cond, plan.prob)
	return total > 1+probabilitySlack
}

// spreadInitial places a cell's starting staff over age groups and
// months in band 0 .. spread-1. In expected-value mode each age group
// holds its exact share and each month 1/spread of it. In Monte Carlo mode
// the age groups are a multinomial draw over the cell's age shares, and
// within each age group the heads are spread evenly with a random offset:
// head j has been in band floor((j + u) spread / n) months, u uniform on
// [0, 1). Both keep every expected count exact (so a cell of 5 heads with
// 10% aged 60+ has, on average, half a head in that group, not none), and
// a large cell is still spread almost evenly (docs/model.md, "Starting
// state"). The draws use the cell's ageing stream at step 0, which no
// step uses (each step reseeds it).
func (e *engine) spreadInitial(c int, spec workforce.CellSpec) {
	spread := spec.InitialSpreadMonths
	if spread == 0 {
		spread = 36
	}
	base := c * e.strataPerCell
	o := e.origin[originRegular]
	shares := spec.AgeShares
	if len(shares) == 0 {
		shares = []float64{1}
	}
	place := func(a, month int, x float64) {
		e.count[base+e.stratum(o, a, min(month/e.m.StepMonths, e.numTenures-1))] += x
	}
	if e.det {
		for a, sh := range shares {
			n := float64(spec.Headcount) * sh
			for month := range spread {
				place(a, month, n/float64(spread))
			}
		}
		return
	}
	rnd := e.streams[e.stream(streamAgeing, c)].rnd
	perAge := e.ints[:len(shares)]
	// Shares that sum to 1 within rounding may leave a head or so
	// unassigned: it goes to the last group.
	left := sample.Multinomial(rnd, spec.Headcount, shares, perAge)
	perAge[len(shares)-1] += left
	for a, heads := range perAge {
		u := rnd.Float64()
		for j := range heads {
			place(a, int((float64(j)+u)*float64(spread)/float64(heads)), 1)
		}
	}
}
