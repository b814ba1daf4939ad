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
// stage and returns those who finished and those who dropped out.
// Entrants are added to stage 0 by the caller afterwards.
func (e *engine) advance(p *pipe, drop *sample.Binomial, s int) (finished, dropped float64) {
	n := len(p.stage)
	if n == 0 {
		return 0, 0
	}
	for j := range p.stage {
		x := e.binom(drop, s, p.stage[j])
		p.stage[j] -= x
		dropped += x
	}
	finished = p.stage[n-1]
	copy(p.stage[1:], p.stage[:n-1])
	p.stage[0] = 0
	return finished, dropped
}

// apprenticeship advances one degree-apprenticeship programme.
func (e *engine) apprenticeship(i int, first workforce.Month) {
	a := &e.m.Apprenticeships[i]
	p := &e.appr[i]
	s := e.stream(streamAppr, i)
	studyFTE := e.ftePerHead[a.From] * a.StudyShare
	done, dropped := e.advance(p, &e.pipeDrop[pApprentice][i], s)
	if dropped > 0 {
		e.apprHC[a.From] -= dropped
		e.apprLoss[a.From] -= dropped * studyFTE
		if a.DropoutsStay {
			// Back to their support post, as long-serving regular staff.
			i := a.From*e.strataPerCell + e.stratum(e.origin[originRegular], 0, e.numTenures-1)
			e.count[i] += dropped
			e.rowN[i/e.numTenures] += dropped
		} else {
			e.headcount[a.From] -= dropped
			e.leave(a.From, dropped)
		}
	}
	if done > 0 {
		e.apprHC[a.From] -= done
		e.apprLoss[a.From] -= done * studyFTE
		e.headcount[a.From] -= done
		e.join(a.To, workforce.SourceApprentice, done, s)
		e.flow[fApprenticesQualified][a.To] += done
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
	e.takeUniform(a.From, intake, s)
	e.apprHC[a.From] += intake
	e.apprLoss[a.From] += intake * studyFTE
	if len(p.stage) == 0 {
		e.apprHC[a.From] -= intake
		e.apprLoss[a.From] -= intake * studyFTE
		e.headcount[a.From] -= intake
		e.join(a.To, workforce.SourceApprentice, intake, s)
		e.flow[fApprenticesQualified][a.To] += intake
	} else {
		p.stage[0] += intake
	}
	e.flow[fApprenticesStarted][a.From] += intake
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
// chosen uniformly at random across strata; headcount is left to the caller.
func (e *engine) takeUniform(c int, x float64, s int) {
	stock := e.count[c*e.strataPerCell : (c+1)*e.strataPerCell]
	if e.det {
		total := 0.0
		for _, v := range stock {
			total += v
		}
		if total <= 0 {
			return
		}
		for st := range stock {
			stock[st] -= stock[st] * x / total
		}
		e.recountRows(c)
		return
	}
	for st := range stock {
		e.ints[st] = int(stock[st])
	}
	sample.MultiHypergeometric(e.streams[s].rnd, e.ints, int(x), e.chosen)
	for st := range stock {
		stock[st] -= float64(e.chosen[st])
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
	done, _ := e.advance(p, &e.pipeDrop[pStudent][i], s)
	if done > 0 || len(p.stage) == 0 {
		e.hireGraduates(st.To, done, &e.studConv[i], s)
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
		e.hireGraduates(st.To, intake, &e.studConv[i], s)
		return
	}
	p.stage[0] += intake
}

// international advances one international recruitment: offers in transit
// may be withdrawn; arrivals join as international recruits.
func (e *engine) international(i int, first workforce.Month) {
	r := &e.m.International[i]
	p := &e.intl[i]
	s := e.stream(streamIntl, i)
	done, _ := e.advance(p, &e.pipeDrop[pInternational][i], s)
	e.arriveInternational(r.To, done, s)
	offers := 0.0
	if r.OffersPerMonth != workforce.NoParam && (e.m.StepMonths > 1 || inWindow(r.From, r.Until, first)) {
		offers += e.lev.get(workforce.LeverInternationalOffers, i) * float64(e.m.StepMonths)
	}
	offers = e.whole(offers, s)
	for j, c := range r.Campaigns {
		if c.Month >= first && c.Month < first+workforce.Month(e.m.StepMonths) {
			v := math.Max(0, e.lev.get(workforce.LeverCampaignOffers, e.lev.campaign0[i]+j))
			if !e.det {
				v = math.Round(v)
			}
			offers += v
		}
	}
	if offers <= 0 {
		return
	}
	if len(p.stage) == 0 {
		e.arriveInternational(r.To, offers, s)
		return
	}
	p.stage[0] += offers
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
	done, _ := e.advance(p, &e.pipeDrop[pReturner][i], s)
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
	p.stage[0] += starts
}
