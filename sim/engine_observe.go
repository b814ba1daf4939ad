package sim

import (
	"math"

	"github.com/ahpsim/ahpsim/workforce"
)

// systemVacancyRate is total vacancies over total establishment, NaN
// without establishment (see rate).
func (e *engine) systemVacancyRate() float64 {
	est, fte := 0.0, 0.0
	for c := range e.numCells {
		est += e.establishmentInForce[c]
		fte += e.fte(c)
	}
	return rate(est-fte, est)
}

// MaxRate is the largest magnitude a reported rate (vacancy rate, leaver
// rate, effective gap rate) may have. A rate beyond it, like one over a
// zero denominator, is undefined: its denominator is less than a millionth
// of its numerator (a few posts left against a whole staff), so it says
// nothing a planner can use, and it could exceed what the summaries hold.
const MaxRate = 1e6

// rate returns num/den, or NaN (undefined) when den is 0 or the ratio's
// magnitude exceeds MaxRate.
func rate(num, den float64) float64 {
	r := num / den
	if !(math.Abs(r) <= MaxRate) { // also den == 0: ±Inf or NaN
		return math.NaN()
	}
	return r
}

func (e *engine) resetFlows() {
	for f := range e.flow {
		clear(e.flow[f])
	}
	clear(e.leaveTo)
}

// cellSums fills, of the sums of cell c (numSums values), those in need,
// the only ones record reads, and zeroes the pipeline sums, to which record
// then adds the pipelines. The effective capacity sums (which read the
// portability cover portIn and portOut) are filled only if `effective`, as
// only the metrics of effective capacity read them. Each sum is the same
// float64 as when every sum was filled.
func (e *engine) cellSums(c int, need []sumIndex, effective bool, portIn, portOut []float64, sums []float64) {
	fte := e.fte(c)
	if effective {
		e.effectiveSums(c, fte, portIn, portOut, sums)
	}
	sums[sStudents], sums[sIntlPipeline], sums[sReturnPipeline] = 0, 0, 0
	for _, i := range need {
		switch {
		case i >= sFlowFirst:
			sums[i] = e.flow[i-sFlowFirst][c]
		case i >= sCumCostFirst:
			sums[i] = e.cumCost[i-sCumCostFirst][c]
		case i >= sMoneyFirst:
			sums[i] = 0
			if e.money.on {
				sums[i] = e.money.cum[i-sMoneyFirst][c]
			}
		default:
			e.stockSum(c, i, fte, sums)
		}
	}
}

// stockSum fills sum i (below sMoneyFirst) of cell c, which has fte in
// post, leaving the effective capacity and pipeline sums to cellSums.
func (e *engine) stockSum(c int, i sumIndex, fte float64, sums []float64) {
	switch i {
	case sHC:
		sums[i] = e.headcount[c]
	case sFTE:
		sums[i] = fte
	case sEst:
		sums[i] = e.establishmentInForce[c]
	case sVac:
		sums[i] = e.establishmentInForce[c] - fte
	case sApprentices:
		sums[i] = e.apprHC[c]
	case sVacancyYears:
		sums[i] = e.vacYears[c]
	}
}

// effectiveSums fills the effective capacity sums of cell c, which has
// fte in post.
func (e *engine) effectiveSums(c int, fte float64, portIn, portOut []float64, sums []float64) {
	effective := fte
	if s := e.lev.get(workforce.LeverSickness, c); s > 0 {
		effective -= fte * s
	}
	if r := e.rampSteps[c]; r > 0 {
		loss := 1 - math.Max(0, e.lev.get(workforce.LeverRampUpEffectiveness, c))
		for _, kind := range []originKind{originNew, originInternational, originRotational} {
			o := e.origin[kind]
			if o < 0 {
				continue
			}
			for a := range e.numAges {
				for k := range min(r, e.numTenures) {
					effective -= e.count[c*e.strataPerCell+e.stratum(o, a, k)] * e.ftePerHead[c] * loss
				}
			}
		}
	}
	agency := e.agencyFTE(c)
	effective += agency + portIn[c] - portOut[c]
	sums[sEffective] = effective
	sums[sEffGap] = e.establishmentInForce[c] - effective
	sums[sAgency] = agency
}

// portability returns the FTE each cell covers elsewhere (out) and has
// covered by others (in) at a month: up to Share of the lending cell's
// staff beyond its establishment, and no more than the borrower's vacancies.
func (e *engine) portability(month workforce.Month, in, out []float64) {
	clear(in)
	clear(out)
	for i, p := range e.m.Portability {
		if month < p.Start || p.MaxMonths > 0 && month >= p.Start+workforce.Month(p.MaxMonths) {
			continue
		}
		surplus := math.Max(0, e.fte(p.From)-e.establishmentInForce[p.From]-out[p.From])
		need := math.Max(0, e.establishmentInForce[p.To]-e.fte(p.To)-in[p.To])
		cover := math.Min(math.Max(0, e.lev.get(workforce.LeverPortabilityShare, i))*surplus, need)
		in[p.To] += cover
		out[p.From] += cover
	}
}

// useReport makes record compute the series of plan (see newReportPlan)
// instead of every series.
func (e *engine) useReport(plan reportPlan) {
	e.report = plan
	e.metrics = plan.metrics
	e.prevHC = make([]float64, plan.slots)
}

// record writes the values of the selected groups (slots) and metrics at
// reported date d, if d is selected, laid out as Result.Series. At a date
// not selected it only keeps the headcounts a leaver rate reads at the
// next.
func (e *engine) record(d int, values []float64) {
	rp := &e.report
	sd := rp.dateAt[d]
	if sd < 0 && !rp.prevHC {
		return
	}
	m := e.m
	need, effective := rp.need, rp.effective
	if sd < 0 {
		need, effective = headcountOnly, false
	}
	if effective {
		month := m.Start + workforce.Month(e.reportAt[d]*m.StepMonths)
		e.portability(month, e.portIn, e.portOut)
	}
	for c := range e.numCells {
		e.cellSums(c, need, effective, e.portIn, e.portOut, e.sums[c*numSums:(c+1)*numSums])
	}
	// Pipelines are reported against the cell they lead to.
	for i, st := range m.Students {
		e.sums[st.To*numSums+int(sStudents)] += e.students[i].total()
	}
	for i, r := range m.International {
		e.sums[r.To*numSums+int(sIntlPipeline)] += e.intl[i].total()
	}
	for i, r := range m.Returners {
		e.sums[r.To*numSums+int(sReturnPipeline)] += e.returners[i].total()
	}
	nm := len(e.metrics)
	g := e.groupSum
	for gi, grp := range rp.reps {
		e.groupSums(grp, need, g)
		if sd >= 0 {
			out := values[(sd*rp.slots+gi)*nm : (sd*rp.slots+gi+1)*nm]
			for mi, met := range e.metrics {
				if d == 0 && met.Kind == Flow {
					out[mi] = math.NaN() // no interval ends at the start date
					continue
				}
				out[mi] = e.metricValue(met.calc, g, gi, grp)
			}
		}
		e.prevHC[gi] = g[sHC]
	}
}

// headcountOnly is the sum a date not selected needs (see record).
var headcountOnly = []sumIndex{sHC}

// groupSums adds up, into g, the sums `need` of the group's cells, in
// cell order (so each sum is the same float64 whatever else is summed).
func (e *engine) groupSums(grp Group, need []sumIndex, g []float64) {
	clear(g)
	for _, c := range grp.Cells {
		cs := e.sums[c*numSums : (c+1)*numSums]
		for _, i := range need {
			g[i] += cs[i]
		}
	}
}

// orgLeavers is the heads of a group who moved to a cell of another
// organisation outside the group: the NHS counts them as leavers of the
// organisation they left, and the system as a whole does not. A group of
// one organisation counts every such move; a group of every organisation
// counts only moves that also leave its profession or band.
func orgLeavers(g []float64, grp Group) float64 {
	if grp.Org != All {
		return g[flowSum(fOrgMoveSame)] + g[flowSum(fOrgMoveBand)] + g[flowSum(fOrgMoveProf)] + g[flowSum(fOrgMoveBoth)]
	}
	n := 0.0
	if grp.Band != All {
		n += g[flowSum(fOrgMoveBand)]
	}
	if grp.Prof != All {
		n += g[flowSum(fOrgMoveProf)]
	}
	if grp.Band != All || grp.Prof != All {
		n += g[flowSum(fOrgMoveBoth)]
	}
	return n
}

// metricValue computes one metric of a group from its sums.
func (e *engine) metricValue(c metricCalc, g []float64, gi int, grp Group) float64 {
	switch c.op {
	case calcRatio:
		return rate(g[c.a], g[c.b]) // undefined, e.g. a vacancy rate with no establishment
	case calcLeavers:
		return g[flowSum(fLeavers)] + orgLeavers(g, grp)
	case calcOrgLeavers:
		return orgLeavers(g, grp)
	case calcLeaveRate:
		avg := (e.prevHC[gi] + g[sHC]) / 2
		if avg <= 0 {
			return math.NaN()
		}
		return rate(g[flowSum(fLeavers)]+orgLeavers(g, grp), avg)
	case calcDest:
		sum := 0.0
		for _, cell := range grp.Cells {
			sum += e.leaveTo[cell*e.numDestinations+c.dest]
		}
		return sum
	case calcJoiners:
		return g[flowSum(fJoinersExternal)] + g[flowSum(fJoinersGraduate)] +
			g[flowSum(fJoinersInternational)] + g[flowSum(fJoinersReturn)]
	case calcCostTotal:
		t := 0.0
		for k := range numCosts {
			t += g[flowSum(fCostFirst+cellFlow(k))]
		}
		return t
	case calcCostCumulativeTotal:
		t := 0.0
		for k := range numCosts {
			t += g[cumCostSum(k)]
		}
		return t
	}
	return g[c.a]
}
