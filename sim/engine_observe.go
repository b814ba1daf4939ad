package sim

import (
	"math"
	"slices"

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

// resetFlows starts the flows of the next reporting interval. It clears
// only the flows the report reads (those in need): nothing else reads a
// flow, so the others may go on adding up unread.
func (e *engine) resetFlows() {
	for _, i := range e.report.need {
		if i >= sFlowFirst {
			clear(e.flow[i-sFlowFirst])
		}
	}
	clear(e.leaveTo)
}

// cellRows fills, for each sum need[j], row j of rows (rows[j*nc:
// (j+1)*nc], one value per cell): sum by sum, so that the group sums read
// a row's cells in a short loop, and most rows are copies of the engine's
// own per-cell slices. The effective capacity rows (which read the
// portability cover portIn and portOut) are filled only if `effective`.
// Each value is the same float64 as when every sum of every cell was
// filled.
func (e *engine) cellRows(rows []float64, need []sumIndex, effective bool, portIn, portOut []float64) {
	nc := e.numCells
	for j, i := range need {
		row := rows[j*nc : (j+1)*nc]
		switch {
		case i >= sFlowFirst:
			copy(row, e.flow[i-sFlowFirst])
		case i >= sCumCostFirst:
			copy(row, e.cumCost[i-sCumCostFirst])
		case i >= sMoneyFirst:
			if e.money.on {
				copy(row, e.money.cum[i-sMoneyFirst])
			} else {
				clear(row)
			}
		default:
			e.stockRow(i, row)
		}
	}
	if effective {
		e.effectiveRows(rows, need, portIn, portOut)
	}
}

// stockRow fills the row of sum i (below sMoneyFirst) but the effective
// capacity sums, which effectiveRows fills. A pipeline's row holds the
// heads of the pipelines that lead to each cell, added in model order.
func (e *engine) stockRow(i sumIndex, row []float64) {
	m := e.m
	switch i {
	case sHC:
		copy(row, e.headcount)
	case sFTE:
		for c := range row {
			row[c] = e.fte(c)
		}
	case sEst:
		copy(row, e.establishmentInForce)
	case sVac:
		for c := range row {
			row[c] = e.establishmentInForce[c] - e.fte(c)
		}
	case sApprentices:
		copy(row, e.apprHC)
	case sVacancyYears:
		copy(row, e.vacYears)
	case sStudents:
		clear(row)
		for k, st := range m.Students {
			row[st.To] += e.students[k].total()
		}
	case sIntlPipeline:
		clear(row)
		for k, r := range m.International {
			row[r.To] += e.intl[k].total()
		}
	case sReturnPipeline:
		clear(row)
		for k, r := range m.Returners {
			row[r.To] += e.returners[k].total()
		}
	}
}

// effectiveRows fills the rows of the effective capacity sums in need.
func (e *engine) effectiveRows(rows []float64, need []sumIndex, portIn, portOut []float64) {
	nc := e.numCells
	row := func(i sumIndex) []float64 {
		if j, ok := slices.BinarySearch(need, i); ok {
			return rows[j*nc : (j+1)*nc]
		}
		return nil
	}
	eff, gap, agency := row(sEffective), row(sEffGap), row(sAgency)
	for c := range nc {
		ef, ag := e.effectiveFTE(c, portIn, portOut)
		if eff != nil {
			eff[c] = ef
		}
		if gap != nil {
			gap[c] = e.establishmentInForce[c] - ef
		}
		if agency != nil {
			agency[c] = ag
		}
	}
}

// effectiveFTE returns the effective capacity of cell c and the agency
// FTE it includes.
func (e *engine) effectiveFTE(c int, portIn, portOut []float64) (effective, agency float64) {
	fte := e.fte(c)
	effective = fte
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
	agency = e.agencyFTE(c)
	effective += agency + portIn[c] - portOut[c]
	return effective, agency
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
//
// It works in passes, each a short loop over cells or groups: the cell
// sums (cellRows), then the group sums of each slot, then each metric
// for every slot. Most groups of a large selection are one cell, for
// which a pass over groups costs little more than its stores.
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
	rows, sums := e.recordScratch(len(need), rp.slots)
	e.cellRows(rows, need, effective, e.portIn, e.portOut)
	e.groupSums(rows, need, sums)
	if sd >= 0 {
		nm := len(e.metrics)
		e.groupValues(d == 0, sums, values[sd*rp.slots*nm:(sd+1)*rp.slots*nm])
	}
	if rp.prevHC {
		for gi := range e.prevHC {
			e.prevHC[gi] = sums[gi*numSums+int(sHC)]
		}
	}
}

// recordScratch returns the working space of record, in e.sums (grown on
// first use): the rows of cellRows, k sums of every cell, and the sums of
// every slot, numSums each ([slot*numSums + sum]).
func (e *engine) recordScratch(k, slots int) (rows, sums []float64) {
	nr, n := k*e.numCells, k*e.numCells+slots*numSums
	if len(e.sums) < n {
		e.sums = make([]float64, max(n, len(e.sums)))
	}
	return e.sums[:nr], e.sums[nr:n]
}

// groupValues writes the metrics of every slot at one date into out
// (laid out [slot*len(metrics) + metric]) from the slots' sums (see
// groupSums), metric by metric. At the start date (start) a flow has no
// value.
func (e *engine) groupValues(start bool, sums, out []float64) {
	nm, reps := len(e.metrics), e.report.reps
	for mi := range e.metrics {
		met := &e.metrics[mi]
		c := &met.calc
		switch {
		case start && met.Kind == Flow:
			for gi := range reps {
				out[gi*nm+mi] = math.NaN() // no interval ends at the start date
			}
		case c.op == calcValue:
			a := int(c.a)
			for gi := range reps {
				out[gi*nm+mi] = sums[gi*numSums+a]
			}
		case c.op == calcRatio:
			a, b := int(c.a), int(c.b)
			for gi := range reps {
				out[gi*nm+mi] = rate(sums[gi*numSums+a], sums[gi*numSums+b]) // undefined, e.g. a vacancy rate with no establishment
			}
		default:
			for gi := range reps {
				out[gi*nm+mi] = e.metricValue(c, sums[gi*numSums:(gi+1)*numSums], gi, &reps[gi])
			}
		}
	}
}

// headcountOnly is the sum a date not selected needs (see record).
var headcountOnly = []sumIndex{sHC}

// groupSums sets, for every slot gi, sums[gi*numSums + need[j]] to the sum
// of row j of the cell sums (see cellRows) over the slot's cells, added in
// cell order from 0 (so each sum is the same float64 whatever else is
// summed). Only the sums in need are written: nothing reads the others.
func (e *engine) groupSums(rows []float64, need []sumIndex, sums []float64) {
	nc, rp := e.numCells, &e.report
	for j, i := range need {
		row := rows[j*nc : (j+1)*nc]
		at := int(i) // sums[at] is sum i of the slot
		for _, one := range rp.oneCell {
			if one >= 0 {
				s := 0.0
				s += row[one]
				sums[at] = s
			}
			at += numSums
		}
		for _, gi := range rp.several {
			s := 0.0
			for _, c := range rp.reps[gi].Cells {
				s += row[c]
			}
			sums[gi*numSums+int(i)] = s
		}
	}
}

// orgLeavers is the heads of a group who moved to a cell of another
// organisation outside the group: the NHS counts them as leavers of the
// organisation they left, and the system as a whole does not. A group of
// one organisation counts every such move; a group of every organisation
// counts only moves that also leave its profession or band.
func orgLeavers(g []float64, grp *Group) float64 {
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
func (e *engine) metricValue(c *metricCalc, g []float64, gi int, grp *Group) float64 {
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
