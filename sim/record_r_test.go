package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/workforce"
)

// TestRecordMatchesCellByCellRecord checks record (sums laid out sum by
// sum, group sums only of the sums needed, metrics for every slot in
// turn) against the former record kept below (every cell's sums, then
// each group's sums cleared and added cell by cell, then its metrics),
// bit for bit, at every reported date of a few runs: for a model with
// every mechanism, effective capacity (sickness, agency, ramp-up,
// portability) and costs, with and without the money state, in both
// modes, and for random selections of metrics, group kinds and dates.
func TestRecordMatchesCellByCellRecord(t *testing.T) {
	m := allMechanismsModel(t)
	m.Cells[1].Sickness = m.prob(0.04)
	m.Cells[2].AgencyShare = m.prob(0.3)
	m.Portability = append(m.Portability, workforce.Portability{From: 3, To: 1, Share: m.prob(0.5), Start: m.Start + 6, MaxMonths: 36})
	require.NoError(t, m.Validate())
	models := []*workforce.Model{m.Model}
	rng := rand.New(rand.NewPCG(11, 12))
	for k := range 24 {
		det, money := k%2 == 1, k%4 < 2
		list := metrics(models, det)
		sel := randomSelection(rng, list, k)
		chosen, err := selectMetrics(list, sel, false)
		require.NoError(t, err)
		plan, err := newReportPlan(m.Model, sel, chosen)
		require.NoError(t, err)
		e := newEngine(m.Model, det, list)
		e.useReport(plan)
		if money {
			e.money = newMoneyState(m.Model)
		}
		old := newOldRecord(e)
		n := len(plan.dates) * plan.slots * len(chosen)
		got, want := make([]float64, n), make([]float64, n)
		for run := range 3 {
			e.money.reset()
			e.beginRun(5, run)
			record := func(d int) {
				old.record(e, d, want)
				e.record(d, got)
				requireSameBits(t, want, got, "case %d (%v) run %d date %d", k, sel, run, d)
				requireSameBits(t, old.prevHC, e.prevHC, "prevHC: case %d run %d date %d", k, run, d)
			}
			record(0)
			date := 1
			for st := range m.Steps {
				e.step(st)
				if st+1 == e.reportAt[date] {
					record(date)
					e.resetFlows()
					date++
				}
			}
		}
	}
}

// randomSelection returns, for case k, every metric and group (k < 2) or
// a random few of each, and every date or every other.
func randomSelection(rng *rand.Rand, list []Metric, k int) Selection {
	var sel Selection
	if k >= 2 {
		for _, met := range list {
			if rng.IntN(4) == 0 {
				sel.Metrics = append(sel.Metrics, met.Name)
			}
		}
		if len(sel.Metrics) == 0 {
			sel.Metrics = []string{string(LeaverRate)}
		}
		for g := range numGroupKinds {
			if rng.IntN(2) == 0 {
				sel.Groups = append(sel.Groups, GroupKind(g))
			}
		}
		if len(sel.Groups) == 0 {
			sel.Groups = []GroupKind{GroupCells}
		}
	}
	if k%3 == 2 {
		sel.EveryMonths = 24
	}
	return sel
}

func requireSameBits(t *testing.T, want, got []float64, msg string, args ...any) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		if math.Float64bits(want[i]) != math.Float64bits(got[i]) {
			require.Failf(t, "values differ", "at %d: want %v, got %v; "+msg, append([]any{i, want[i], got[i]}, args...)...)
		}
	}
}

// TestGroupSumsOfMinusZeroArePlusZero checks that a group's sum starts
// from +0 and adds its cells (0 + -0 = +0), as when the sums were cleared
// and then added: a one-cell group does not just copy its cell's value.
func TestGroupSumsOfMinusZeroArePlusZero(t *testing.T) {
	m := allMechanismsModel(t)
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	need := e.report.need
	rows, sums := e.recordScratch(len(need), e.report.slots)
	for i := range rows {
		rows[i] = math.Copysign(0, -1)
	}
	for i := range sums {
		sums[i] = math.NaN()
	}
	e.groupSums(rows, need, sums)
	for gi, grp := range e.report.reps {
		for _, i := range need {
			v := sums[gi*numSums+int(i)]
			require.Equal(t, uint64(0), math.Float64bits(v), "slot %d (%d cells) sum %d = %v", gi, len(grp.Cells), i, v)
		}
	}
}

// oldRecord is record as it was before the sums were laid out sum by sum:
// the reference of TestRecordMatchesCellByCellRecord.
type oldRecord struct {
	sums, groupSum, prevHC []float64
}

func newOldRecord(e *engine) *oldRecord {
	return &oldRecord{
		sums:     make([]float64, e.numCells*numSums),
		groupSum: make([]float64, numSums),
		prevHC:   make([]float64, e.report.slots),
	}
}

func (o *oldRecord) record(e *engine, d int, values []float64) {
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
	portIn, portOut := make([]float64, e.numCells), make([]float64, e.numCells)
	if effective {
		month := m.Start + workforce.Month(e.reportAt[d]*m.StepMonths)
		e.portability(month, portIn, portOut)
	}
	for c := range e.numCells {
		o.cellSums(e, c, need, effective, portIn, portOut, o.sums[c*numSums:(c+1)*numSums])
	}
	for i, st := range m.Students {
		o.sums[st.To*numSums+int(sStudents)] += e.students[i].total()
	}
	for i, r := range m.International {
		o.sums[r.To*numSums+int(sIntlPipeline)] += e.intl[i].total()
	}
	for i, r := range m.Returners {
		o.sums[r.To*numSums+int(sReturnPipeline)] += e.returners[i].total()
	}
	nm := len(e.metrics)
	g := o.groupSum
	for gi, grp := range rp.reps {
		clear(g)
		for _, c := range grp.Cells {
			cs := o.sums[c*numSums : (c+1)*numSums]
			for _, i := range need {
				g[i] += cs[i]
			}
		}
		if sd >= 0 {
			out := values[(sd*rp.slots+gi)*nm : (sd*rp.slots+gi+1)*nm]
			for mi, met := range e.metrics {
				if d == 0 && met.Kind == Flow {
					out[mi] = math.NaN()
					continue
				}
				// The prevHC metricValue reads is the engine's, which
				// record has not updated yet at this date.
				out[mi] = e.metricValue(&met.calc, g, gi, &grp)
			}
		}
		o.prevHC[gi] = g[sHC]
	}
	if !rp.prevHC {
		clear(o.prevHC) // record keeps no headcounts that nothing reads
	}
}

func (o *oldRecord) cellSums(e *engine, c int, need []sumIndex, effective bool, portIn, portOut []float64, sums []float64) {
	fte := e.fte(c)
	if effective {
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
	}
}

// TestSelectedFlowsAreTheWholeOutputs checks, for each flow alone, every
// reported date or every other, that an engine computing only it (whose
// resetFlows clears only that flow) writes the values of an engine
// computing everything, in both modes.
func TestSelectedFlowsAreTheWholeOutputs(t *testing.T) {
	m := allMechanismsModel(t)
	models := []*workforce.Model{m.Model}
	for _, det := range []bool{false, true} {
		list := metrics(models, det)
		whole := newEngine(m.Model, det, list)
		whole.money = newMoneyState(m.Model)
		all := make([]float64, len(whole.report.dates)*whole.report.slots*len(list))
		for mi, met := range list {
			if met.Kind != Flow {
				continue
			}
			for _, every := range []int{0, 24} {
				sel := Selection{Metrics: []string{met.Name}, EveryMonths: every}
				chosen, err := selectMetrics(list, sel, false)
				require.NoError(t, err)
				plan, err := newReportPlan(m.Model, sel, chosen)
				require.NoError(t, err)
				e := newEngine(m.Model, det, list)
				e.useReport(plan)
				e.money = newMoneyState(m.Model)
				got := make([]float64, len(plan.dates)*plan.slots*len(chosen))
				for run := range 2 {
					whole.money.reset()
					whole.simulate(3, run, all, nil)
					e.money.reset()
					e.simulate(3, run, got, nil)
					for sd, d := range plan.dates {
						for gi := range plan.slots {
							want := all[(d*plan.slots+gi)*len(list)+mi]
							require.Equal(t, math.Float64bits(want), math.Float64bits(got[sd*plan.slots+gi]),
								"%s every %d run %d date %d slot %d: want %v, got %v", met.Name, every, run, d, gi, want, got[sd*plan.slots+gi])
						}
					}
				}
			}
		}
	}
}
