package sim

import (
	"math"

	"github.com/ahpsim/ahpsim/sim/sample"
	"github.com/ahpsim/ahpsim/workforce"
)

// pipelines advances every pipeline by one step: attrition, then those
// who finish, then the new intakes.
func (e *engine) pipelines(first workforce.Month) {
	m := e.m
	for i := range m.Apprenticeships {
		e.apprenticeship(i, first)
	}
	for i := range m.Students {
		e.studentProgramme(i, first)
	}
	for i := range m.International {
		e.international(i, first)
	}
	for i := range m.Returners {
		e.returnToPractice(i, first)
	}
	e.updateBackfill()
}

// advance applies attrition to every stage of p, moves everyone on one
// stage and returns those who finished and those who dropped out. With
// fin and drop non-nil (one value per age group of p) it also writes them
// there by age group. Entrants are added to stage 0 by the caller
// afterwards.
func (e *engine) advance(p *pipe, bin *sample.Binomial, s int, fin, drop []float64) (finished, dropped float64) {
	n, w := p.stages(), p.ages
	clear(fin)
	clear(drop)
	if n == 0 {
		return 0, 0
	}
	for j, held := range p.held {
		if !held {
			continue
		}
		row := p.row(j)
		for a, v := range row {
			if v == 0 {
				continue // a draw on 0 is 0 in both modes
			}
			x := e.binom(bin, s, v)
			row[a] -= x
			dropped += x
			if drop != nil {
				drop[a] += x
			}
		}
	}
	for a, x := range p.row(n - 1) {
		finished += x
		if fin != nil {
			fin[a] = x
		}
	}
	copy(p.stage[w:], p.stage[:(n-1)*w])
	clear(p.stage[:w])
	copy(p.held[1:], p.held[:n-1])
	p.held[0] = false
	return finished, dropped
}

// apprenticeship advances one degree-apprenticeship programme. It keeps
// apprentices by age group, so that drop-outs go back to their post in
// their own age group.
func (e *engine) apprenticeship(i int, first workforce.Month) {
	a := &e.m.Apprenticeships[i]
	p := &e.appr[i]
	s := e.stream(streamAppr, i)
	studyFTE := e.ftePerHead[a.From] * a.StudyShare
	if months := int(first - e.m.Start); months > 0 && months%monthsPerYear == 0 {
		e.ageApprentices(p, s)
	}
	done, dropped := e.advance(p, &e.pipeDrop[pApprentice][i], s, e.apprFin, e.apprDrop)
	if dropped > 0 {
		e.apprHC[a.From] -= dropped
		e.apprLoss[a.From] -= dropped * studyFTE
		if a.DropoutsStay {
			e.backToPost(a.From, e.apprDrop)
		} else {
			e.depart(a.From, dropped)
			e.leave(a.From, dropped)
		}
	}
	if done > 0 {
		e.apprHC[a.From] -= done
		e.apprLoss[a.From] -= done * studyFTE
		e.depart(a.From, done)
		e.qualify(a, done, s)
	}
	// Intake: per year in month a.Month, or every month (Month 0).
	var intake float64
	switch {
	case a.Month == 0 && (e.m.StepMonths > 1 || inWindow(yearStart(a.FirstYear), yearEnd(a.LastYear), first)):
		// Over several months the lever is 0 outside the window (windowSlot).
		intake = e.lev.get(workforce.LeverApprenticeIntake, i) * float64(e.m.StepMonths)
	case a.Month > 0 && inYears(a.Month, a.FirstYear, a.LastYear, first, e.m.StepMonths):
		intake = e.lev.get(workforce.LeverApprenticeIntake, i)
	}
	intake = e.whole(intake, s)
	if intake <= 0 {
		return
	}
	asked := intake
	funded, staff := false, false
	if a.FundedPlaces > 0 {
		if free := math.Max(0, float64(a.FundedPlaces)-p.total()); free < intake {
			intake, funded = free, true
		}
	}
	if stock := e.stock(a.From); stock < intake {
		intake, staff = stock, true
	}
	e.noteIntake(i, asked, intake, funded, staff)
	if intake <= 0 {
		return
	}
	// Starters are a uniform random choice among the support staff in post.
	e.takeUniform(a.From, intake, s, e.ageTmp)
	e.apprHC[a.From] += intake
	e.apprLoss[a.From] += intake * studyFTE
	if len(p.stage) == 0 {
		e.apprHC[a.From] -= intake
		e.apprLoss[a.From] -= intake * studyFTE
		e.depart(a.From, intake)
		e.qualify(a, intake, s)
	} else {
		for g, x := range e.ageTmp {
			p.add(0, g, x)
		}
	}
	e.flow[fApprenticesStarted][a.From] += intake
}

// qualify brings x qualified apprentices into their registered cell,
// whatever its vacancies, each with a new funded post if the programme
// says so. They have already left the support cell's headcount.
func (e *engine) qualify(a *workforce.Apprenticeship, x float64, s int) {
	if a.NewPosts {
		e.addFundedPosts(a.To, x)
	}
	e.join(a.To, workforce.SourceApprentice, x, s)
	e.moveAcross(a.From, a.To, x)
	e.flow[fApprenticesQualified][a.To] += x
}

// backToPost returns apprentices who dropped out (by age group) to their
// support cell c as long-serving regular staff of their own age group.
// They never left its headcount.
func (e *engine) backToPost(c int, byAge []float64) {
	for g, x := range byAge {
		if x <= 0 {
			continue
		}
		i := c*e.strataPerCell + e.stratum(e.origin[originRegular], g, e.numTenures-1)
		e.count[i] += x
		e.rowN[i/e.numTenures] += x
	}
}

// ageApprentices moves apprentices in training up an age group at the
// year's turn, as ageGroups does for staff in post: a head in a group w
// years wide moves on with probability 1/w; the last group keeps its own.
func (e *engine) ageApprentices(p *pipe, s int) {
	w := p.ages
	if w < 2 {
		return
	}
	for j, held := range p.held {
		if !held {
			continue // a draw on 0 is 0 in both modes
		}
		row := p.row(j)
		for g := w - 2; g >= 0; g-- {
			x := e.binom(&e.ageBin[g], s, row[g])
			row[g] -= x
			row[g+1] += x
		}
	}
}

// stock is the heads in cell c's strata: its staff in post less this
// step's arrivals and its apprentices.
func (e *engine) stock(c int) float64 {
	oa := e.numOrigins * e.numAges
	n := 0.0
	for r := c * oa; r < (c+1)*oa; r++ {
		n += e.rowTotal(r)
	}
	return n
}

// takeUniform removes x heads from cell c's stock (not its arrivals),
// chosen uniformly at random across strata, and writes how many it took
// from each age group into byAge; headcount is left to the caller.
func (e *engine) takeUniform(c int, x float64, s int, byAge []float64) {
	stock := e.count[c*e.strataPerCell : (c+1)*e.strataPerCell]
	clear(byAge)
	if e.det {
		e.takeInProportion(c, x, byAge)
		return
	}
	// The multivariate hypergeometric draw gives a stratum without heads
	// none and draws nothing for it, so drawing over the strata with
	// heads alone, in the same order, is the same draw. A row whose
	// (whole) heads sum to 0 has none anywhere.
	T, oa := e.numTenures, e.numOrigins*e.numAges
	where, counts := e.eligIdx, e.ints
	n := 0
	for row := range oa {
		if e.rowN[c*oa+row] == 0 {
			continue
		}
		for k, v := range stock[row*T : (row+1)*T] {
			if v > 0 {
				where[n], counts[n] = row*T+k, int(v)
				n++
			}
		}
	}
	chosen := e.chosen[:n]
	sample.MultiHypergeometric(e.streams[s].rnd, counts[:n], int(x), chosen)
	for i, v := range chosen {
		if v == 0 {
			continue
		}
		row, y := where[i]/T, float64(v)
		stock[where[i]] -= y
		byAge[row%e.numAges] += y
		e.rowN[c*oa+row] -= y // whole heads: the same as a recount
	}
}

// takeInProportion is takeUniform in expected-value mode: x of cell c's
// heads, in proportion from every stratum.
func (e *engine) takeInProportion(c int, x float64, byAge []float64) {
	stock := e.count[c*e.strataPerCell : (c+1)*e.strataPerCell]
	total := 0.0
	for _, v := range stock {
		total += v
	}
	if total <= 0 {
		return
	}
	T := e.numTenures
	for row := range len(stock) / T {
		a := row % e.numAges
		for st := row * T; st < (row+1)*T; st++ {
			y := stock[st] * x / total
			stock[st] -= y
			byAge[a] += y
		}
	}
	e.recountRows(c)
}

// updateBackfill recomputes the funded posts given up to backfill
// apprentices' study time, for the next step's establishment.
func (e *engine) updateBackfill() {
	clear(e.backfill)
	for i, a := range e.m.Apprenticeships {
		if a.Backfill == workforce.BackfillRegisteredPost {
			e.backfill[a.FundedFrom] += e.appr[i].total() * e.ftePerHead[a.From] * a.StudyShare
		}
	}
}

func yearStart(y int) workforce.Month {
	if y == 0 {
		return 0
	}
	return workforce.NewMonth(y, 1)
}

func yearEnd(y int) workforce.Month {
	if y == 0 {
		return 0
	}
	return workforce.NewMonth(y+1, 1)
}

// studentProgramme advances one pre-registration programme: graduates are
// offered posts like a graduate cohort; the intake is the commissioned
// places, capped by placement capacity.
func (e *engine) studentProgramme(i int, first workforce.Month) {
	st := &e.m.Students[i]
	p := &e.students[i]
	s := e.stream(streamStudents, i)
	done, _ := e.advance(p, &e.pipeDrop[pStudent][i], s, nil, nil)
	if done > 0 || len(p.stage) == 0 {
		e.hireGraduates(st.To, done, st.Posts, &e.studConv[i], s)
	}
	if !inYears(st.IntakeMonth, st.FirstYear, st.LastYear, first, e.m.StepMonths) {
		return
	}
	places := e.lev.get(workforce.LeverStudentPlaces, i)
	if st.PlacementCapacity != workforce.NoParam {
		capacity := math.Max(0, e.lev.get(workforce.LeverPlacementCapacity, i))
		if st.PlacementVacancyThreshold > 0 && e.establishmentInForce[st.To] > 0 {
			rate := (e.establishmentInForce[st.To] - e.fte(st.To)) / e.establishmentInForce[st.To]
			capacity *= math.Max(0, 1-st.PlacementSensitivity*math.Max(0, rate-st.PlacementVacancyThreshold))
		}
		if k := e.capStudent[i]; k >= 0 && places > 0 {
			e.noteIntake(k, places, math.Min(places, capacity), true, false)
		}
		places = math.Min(places, capacity)
	}
	intake := e.whole(places, s)
	if len(p.stage) == 0 {
		e.hireGraduates(st.To, intake, st.Posts, &e.studConv[i], s)
		return
	}
	p.add(0, 0, intake)
}

// international advances one international recruitment: offers in transit
// may be withdrawn; arrivals join as international recruits.
func (e *engine) international(i int, first workforce.Month) {
	r := &e.m.International[i]
	p := &e.intl[i]
	s := e.stream(streamIntl, i)
	done, _ := e.advance(p, &e.pipeDrop[pInternational][i], s, nil, nil)
	e.arriveInternational(r.To, done, s)
	offers := 0.0
	if r.OffersPerMonth != workforce.NoParam && (e.m.StepMonths > 1 || inWindow(r.From, r.Until, first)) {
		offers += e.lev.get(workforce.LeverInternationalOffers, i) * float64(e.m.StepMonths)
	}
	offers = e.whole(offers, s)
	for j, c := range r.Campaigns {
		if c.Month >= first && c.Month < first+workforce.Month(e.m.StepMonths) {
			offers += e.whole(e.lev.get(workforce.LeverCampaignOffers, e.lev.campaign0[i]+j), s)
		}
	}
	if offers <= 0 {
		return
	}
	if len(p.stage) == 0 {
		e.arriveInternational(r.To, offers, s)
		return
	}
	p.add(0, 0, offers)
}

func (e *engine) arriveInternational(c int, x float64, s int) {
	if x <= 0 {
		return
	}
	e.join(c, workforce.SourceInternational, x, s)
	e.flow[fJoinersInternational][c] += x
	e.addCost(c, costRecruitment, x*e.m.Costs.RecruitPerHead[workforce.SourceInternational])
}

// returnToPractice advances one return-to-practice scheme: each step,
// PerYear*step/12 returners (stochastically rounded) start a supervised
// period, then join.
func (e *engine) returnToPractice(i int, first workforce.Month) {
	r := &e.m.Returners[i]
	p := &e.returners[i]
	s := e.stream(streamReturners, i)
	done, _ := e.advance(p, &e.pipeDrop[pReturner][i], s, nil, nil)
	arrive := func(x float64) {
		if x <= 0 {
			return
		}
		e.join(r.To, workforce.SourceReturn, x, s)
		e.flow[fJoinersReturn][r.To] += x
		e.addCost(r.To, costRecruitment, x*e.m.Costs.RecruitPerHead[workforce.SourceReturn])
	}
	arrive(done)
	if e.m.StepMonths == 1 && !inWindow(r.From, r.Until, first) {
		return // over several months the lever is 0 outside the window (windowSlot)
	}
	starts := e.whole(e.lev.get(workforce.LeverReturners, i)*float64(e.m.StepMonths)/monthsPerYear, s)
	if len(p.stage) == 0 {
		arrive(starts)
		return
	}
	p.add(0, 0, starts)
}

// startUnit is one place where people can be in a pipeline on the start
// date: a stage (steps completed), within position pos of the pipeline's
// StartingStock.ByStage (a year of the course, or a month left).
type startUnit struct{ stage, pos int }

// startPipelines puts the people in each pipeline on the start date into
// its stages (docs/model.md, "Starting state"). It runs after the cells'
// staff are placed, because apprentices in training are taken from their
// support cell's staff. Draws use each pipeline's stream at step 0, which
// no step uses.
func (e *engine) startPipelines() {
	m := e.m
	// Another option's pipeline (inert here) starts empty: its people are
	// that option's.
	for i := range m.Apprenticeships {
		if !m.IsInert(workforce.RuleApprenticeships, i) {
			e.startApprentices(i)
		}
	}
	for i, st := range m.Students {
		if m.IsInert(workforce.RuleStudents, i) {
			continue
		}
		e.cohortUnits(len(e.students[i].stage), st.IntakeMonth, st.StartYears(m.Start, m.StepMonths))
		e.startStock(&e.students[i], st.InTraining, e.stream(streamStudents, i), nil)
	}
	for i, r := range m.International {
		if m.IsInert(workforce.RuleInternational, i) {
			continue
		}
		e.monthsLeftUnits(len(e.intl[i].stage), r.LeadMonths)
		e.startStock(&e.intl[i], r.InTransit, e.stream(streamIntl, i), nil)
	}
	for i, r := range m.Returners {
		if m.IsInert(workforce.RuleReturners, i) {
			continue
		}
		e.monthsLeftUnits(len(e.returners[i].stage), r.SupervisedMonths)
		e.startStock(&e.returners[i], r.InSupervision, e.stream(streamReturners, i), nil)
	}
	e.updateBackfill()
	// Funded posts given up for today's apprentices are given up today.
	for c, b := range e.backfill {
		if b > 0 {
			e.establishmentInForce[c] = math.Max(0, e.establishmentInForce[c]-b)
		}
	}
}

// startApprentices takes apprenticeship i's apprentices in training at
// the start from its support cell's staff (a uniform random choice, so
// they have the cell's ages) into their stages. They stay in the cell's
// headcount, with their study share off its FTE.
func (e *engine) startApprentices(i int) {
	a := &e.m.Apprenticeships[i]
	p := &e.appr[i]
	n := a.InTraining.Total()
	if n == 0 {
		return
	}
	if a.Month > 0 {
		e.cohortUnits(p.stages(), a.Month, a.StartYears(e.m.Start, e.m.StepMonths))
	} else {
		e.monthsDoneUnits(p.stages(), a.DurationMonths)
	}
	from := a.From
	e.startStock(p, a.InTraining, e.stream(streamAppr, i), func(stage int, x float64, s int) {
		e.takeUniform(from, x, s, e.ageTmp)
		for g, y := range e.ageTmp {
			p.add(stage, g, y)
		}
	})
	e.apprHC[from] += float64(n)
	e.apprLoss[from] += float64(n) * e.ftePerHead[from] * a.StudyShare
}

// cohortUnits lists the yearly cohorts of a course of `stages` steps that
// are in training on the start date: year y's cohort is position y-1.
func (e *engine) cohortUnits(stages, intakeMonth, years int) {
	e.units = e.units[:0]
	for y := 1; y <= years; y++ {
		if j := workforce.CohortSteps(e.m.Start, e.m.StepMonths, intakeMonth, y); j < stages {
			e.units = append(e.units, startUnit{stage: j, pos: y - 1})
		}
	}
}

// monthsLeftUnits lists the months left, 1 .. months, of a pipeline of
// `stages` steps: whoever has r months left finishes at the end of the
// step that holds month start+r-1, so has completed stages-ceil(r/step)
// steps. r months left is position r-1.
func (e *engine) monthsLeftUnits(stages, months int) {
	e.units = e.units[:0]
	for r := 1; r <= months; r++ {
		e.units = append(e.units, startUnit{stage: stages - ceilDiv(r, e.m.StepMonths), pos: r - 1})
	}
}

// monthsDoneUnits lists the months of training done, 0 .. months-1, of a
// course with a monthly intake: m months done leaves months-m, and is in
// year floor(m/12)+1 of the course.
func (e *engine) monthsDoneUnits(stages, months int) {
	e.units = e.units[:0]
	for done := range months {
		e.units = append(e.units, startUnit{stage: stages - ceilDiv(months-done, e.m.StepMonths), pos: done / monthsPerYear})
	}
}

// startStock spreads a starting stock over e.units: ByStage[k] evenly over
// the units of position k, or Heads evenly over all units. In
// expected-value mode each unit gets its exact share. In Monte Carlo mode
// the heads are whole: head j of n goes to unit floor((j + u) k / n) of
// the k units, u uniform on [0, 1), so every unit's expected share is
// exact and the spread stays even. add places x heads in a stage (nil:
// add them to p).
func (e *engine) startStock(p *pipe, st workforce.StartingStock, s int, add func(stage int, x float64, s int)) {
	if add == nil {
		add = func(stage int, x float64, _ int) { p.add(stage, 0, x) }
	}
	if st.Heads > 0 {
		e.spreadOver(e.units, st.Heads, s, add)
	}
	for k, n := range st.ByStage {
		lo := 0
		for lo < len(e.units) && e.units[lo].pos < k {
			lo++
		}
		hi := lo
		for hi < len(e.units) && e.units[hi].pos == k {
			hi++
		}
		e.spreadOver(e.units[lo:hi], n, s, add)
	}
}

// spreadOver spreads n heads evenly over units (see startStock).
func (e *engine) spreadOver(units []startUnit, n, s int, add func(stage int, x float64, s int)) {
	k := len(units)
	if n <= 0 || k == 0 {
		return
	}
	if e.det {
		for _, u := range units {
			add(u.stage, float64(n)/float64(k), s)
		}
		return
	}
	offset := e.streams[s].rnd.Float64()
	j := 0
	for i, u := range units {
		// Heads j with floor((j + offset) k / n) == i.
		end := int(math.Ceil((float64(i+1)*float64(n))/float64(k) - offset))
		end = min(max(end, j), n)
		if end > j {
			add(u.stage, float64(end-j), s)
		}
		j = end
	}
}
