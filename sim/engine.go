package sim

import (
	"github.com/ahpsim/ahpsim/workforce"
	"math"
	"slices"

	"github.com/ahpsim/ahpsim/sim/sample"
)

// Origin kinds: how a head came to be in its cell, for as long as it
// matters. New starters (and international recruits) become regular staff
// after the induction period; rotational staff after their last rotation.
const (
	kRegular = iota
	kNew
	kInternational
	kRotational
	numOriginKinds
)

// exitPlan is the competing exits of one (cell, origin, age group) for
// the current step: the per-step probability of each exit (the total
// annual hazard converted to the step, then split in proportion to the
// annual rates) and the conditional binomials that draw them as one
// multinomial. Exit j goes to cell to[j], or leaves (exitLeave) or
// retires (exitRetire).
type exitPlan struct {
	to   []int
	prob []float64
	cond []sample.Binomial
}

const (
	exitLeave  = -1
	exitRetire = -2
)

type promotionPlan struct {
	rule      int // index in Model.Promotions
	from, to  int
	minBucket int // first tenure bucket that is eligible
	prob      float64
	bin       sample.Binomial
}

// pipe is a stock in training or in transit: stage[j] holds the heads who
// have completed j steps in it.
type pipe struct{ stage []float64 }

func (p *pipe) total() float64 {
	t := 0.0
	for _, v := range p.stage {
		t += v
	}
	return t
}

// engine simulates one run at a time. A worker owns one engine; nothing in
// it is shared, and every slice is allocated once, so that a run allocates
// nothing.
type engine struct {
	m          *workforce.Model
	det        bool
	nc, nd     int // cells, leaver destinations
	O, A, T, S int // origins modelled, age groups, tenure buckets, strata per cell
	origin     [numOriginKinds]int
	induction  int   // steps after which new starters count as regular staff
	rampSteps  []int // per cell: steps of ramp-up for new starters
	rotOf      []int // per cell: the rotation rule it belongs to, or -1
	rotPos     []int // per cell: its position in that rotation's cell list

	metrics  []Metric
	groups   []Group
	reportAt []int // steps simulated before each reported date

	// Per-run values.
	param      []float64
	lev        *levers
	exits      []exitPlan // [(cell*O + origin)*A + age]
	destCond   [][]sample.Binomial
	ageCond    [workforce.NumSources + 1][][]sample.Binomial // per source (last: starting staff), per cell
	recruitBin []sample.Binomial
	growth     []float64
	promos     []promotionPlan
	gradBin    []sample.Binomial
	studConv   []sample.Binomial
	rotShare   []sample.Binomial
	rotLeave   []sample.Binomial
	pipeDrop   [4][]sample.Binomial // per pipeline kind and programme: attrition per step
	scaledRuns bool

	// State.
	count       []float64 // [cell*S + stratum]
	off         int       // the ring's start: where tenure bucket 0 is in each row
	rowN        []float64 // heads in each row of tenure buckets, [cell*O*A + o*A + a]
	arrivals    []float64 // [cell*S + arrival]: heads who join at the end of the step
	touched     []int     // indices of e.arrivals that are not zero
	hc          []float64 // heads per cell, arrivals and employed apprentices included
	apprHC      []float64 // apprentices employed in each (support) cell
	apprLoss    []float64 // FTE of those apprentices given to study
	backfill    []float64 // FTE of funded posts given up to backfill apprentices
	est         []float64 // establishment before interventions and backfill
	estEff      []float64 // establishment in force this step
	estLever    bool      // some intervention changes establishment
	postsInStep bool      // new posts start in a later month of this step than its first
	estMonth    []float64 // scratch for steps of several months: one month's establishment
	estDiff     []float64 // and the sum of its differences from the first month's
	fteph       []float64
	appr        []pipe
	students    []pipe
	intl        []pipe
	returners   []pipe
	flow        [numCellFlows][]float64
	leaveTo     []float64 // [cell*nd + destination]
	cumCost     [numCosts][]float64
	vacYears    []float64 // vacancy FTE-years since the start, per cell
	prevHC      []float64 // per group, at the previous reported date

	// Scratch.
	sums     []float64 // [cell*numSums + sum]
	groupSum []float64
	portIn   []float64
	portOut  []float64
	ints     []int
	chosen   []int
	scratch  []float64
	taken    []float64
	eligIdx  []int // promote: strata with eligible heads
	// Groups of rows with identical exit probabilities (groupExitPlans):
	// per cell, the rows in group order, where each group ends, how many.
	grpRows  []int
	grpEnd   []int
	grpCount []int
	grpDone  []bool
	grpTot   []float64
	grpTake  []float64
	ageBin   []sample.Binomial // per age group: moving up at the year's turn
	ageTmp   []float64

	streams []stream
	slot    [numStreamKinds]int // first stream of each kind
	runSeed uint64

	// ivCells lists, per intervention, the cells its costs are reported
	// against: its cells, or the cells its rules lead to.
	ivCells [][]int

	// Caps (see caps.go): what the run asked and got at each cap site,
	// [site*capSeries + series]; per intervention its first clamp site and
	// per student programme its site, or -1. Apprenticeship i is site i.
	caps       []float64
	capIv      []int
	capStudent []int
}

// Pipeline kinds, for pipeDrop and streams.
const (
	pApprentice = iota
	pStudent
	pInternational
	pReturner
)

func newEngine(m *workforce.Model, det bool, metricList []Metric) *engine {
	e := &engine{m: m, det: det, nc: len(m.Cells), nd: len(m.Destinations)}
	e.A = max(1, len(m.AgeGroups))
	e.layoutStrata()
	e.metrics = metricList
	// One representative group per slot: groups with the same cells have
	// the same values.
	all, slots := groups(m.Layout)
	e.groups = make([]Group, slots)
	for _, g := range all {
		e.groups[g.Slot] = g
	}
	e.reportAt = reportSteps(m)
	e.lev = newLevers(m, e.A)
	e.param = make([]float64, len(m.Params)+1) // indexed by ParamID; 0 is NoParam

	e.exits = make([]exitPlan, e.nc*e.O*e.A)
	for c := range m.Cells {
		to := []int{exitLeave}
		if len(m.AgeGroups) > 0 && len(m.Cells[c].RetirementRate) > 0 {
			to = append(to, exitRetire)
		}
		for _, t := range m.Transitions {
			if t.From == c {
				to = append(to, t.To)
			}
		}
		for i := range e.O * e.A {
			e.exits[c*e.O*e.A+i] = exitPlan{to: to, prob: make([]float64, len(to)), cond: make([]sample.Binomial, len(to))}
		}
	}
	e.destCond = make([][]sample.Binomial, e.nc)
	for c, spec := range m.Cells {
		e.destCond[c] = conditionalChain(spec.DestinationShares)
	}
	for src := range workforce.NumSources + 1 {
		e.ageCond[src] = make([][]sample.Binomial, e.nc)
		for c, spec := range m.Cells {
			shares := spec.AgeShares
			if src < workforce.NumSources && m.JoinerAges[src] != nil {
				shares = m.JoinerAges[src]
			}
			if len(shares) == 0 {
				shares = []float64{1}
			}
			e.ageCond[src][c] = conditionalChain(shares)
		}
	}
	e.recruitBin = make([]sample.Binomial, e.nc)
	e.growth = make([]float64, e.nc)
	e.promos = make([]promotionPlan, len(m.Promotions))
	order := make([]int, len(m.Promotions))
	for i := range order {
		order[i] = i
	}
	// Promotions are taken from the highest band down, so that a vacancy
	// opened by a promotion can be filled from the band below in the same
	// step (a "pull" chain).
	slices.SortStableFunc(order, func(a, b int) int {
		return int(m.Layout.Cells[m.Promotions[b].To].Band) - int(m.Layout.Cells[m.Promotions[a].To].Band)
	})
	for i, r := range order {
		p := m.Promotions[r]
		e.promos[i] = promotionPlan{rule: r, from: p.From, to: p.To, minBucket: ceilDiv(p.MinMonths, m.StepMonths)}
	}
	e.gradBin = make([]sample.Binomial, len(m.Graduates))
	e.studConv = make([]sample.Binomial, len(m.Students))
	e.rotShare = make([]sample.Binomial, len(m.Rotations))
	e.rotLeave = make([]sample.Binomial, len(m.Rotations))
	e.pipeDrop[pApprentice] = make([]sample.Binomial, len(m.Apprenticeships))
	e.pipeDrop[pStudent] = make([]sample.Binomial, len(m.Students))
	e.pipeDrop[pInternational] = make([]sample.Binomial, len(m.International))
	e.pipeDrop[pReturner] = make([]sample.Binomial, len(m.Returners))

	e.count = make([]float64, e.nc*e.S)
	e.arrivals = make([]float64, e.nc*e.S)
	e.rowN = make([]float64, e.nc*e.O*e.A)
	e.touched = make([]int, 0, 64)
	e.hc = make([]float64, e.nc)
	e.apprHC = make([]float64, e.nc)
	e.apprLoss = make([]float64, e.nc)
	e.backfill = make([]float64, e.nc)
	e.est = make([]float64, e.nc)
	e.estEff = make([]float64, e.nc)
	e.estMonth = make([]float64, e.nc)
	e.estDiff = make([]float64, e.nc)
	for _, iv := range m.Interventions {
		e.estLever = e.estLever || iv.Lever == workforce.LeverEstablishment
	}
	e.fteph = make([]float64, e.nc)
	stages := func(months int) []float64 { return make([]float64, ceilDiv(months, m.StepMonths)) }
	for _, a := range m.Apprenticeships {
		e.appr = append(e.appr, pipe{stages(a.DurationMonths)})
	}
	for _, s := range m.Students {
		e.students = append(e.students, pipe{stages(s.DurationMonths)})
	}
	for _, r := range m.International {
		e.intl = append(e.intl, pipe{stages(r.LeadMonths)})
	}
	for _, r := range m.Returners {
		e.returners = append(e.returners, pipe{stages(r.SupervisedMonths)})
	}
	for f := range e.flow {
		e.flow[f] = make([]float64, e.nc)
	}
	for k := range e.cumCost {
		e.cumCost[k] = make([]float64, e.nc)
	}
	e.leaveTo = make([]float64, e.nc*e.nd)
	e.vacYears = make([]float64, e.nc)
	e.prevHC = make([]float64, len(e.groups))
	e.sums = make([]float64, e.nc*numSums)
	e.groupSum = make([]float64, numSums)
	e.portIn = make([]float64, e.nc)
	e.portOut = make([]float64, e.nc)
	e.ints = make([]int, e.S)
	e.chosen = make([]int, e.S)
	e.scratch = make([]float64, e.S)
	e.taken = make([]float64, e.S)
	e.eligIdx = make([]int, 0, e.S)
	oa := e.O * e.A
	e.grpRows = make([]int, e.nc*oa)
	e.grpEnd = make([]int, e.nc*oa)
	e.grpCount = make([]int, e.nc)
	e.grpDone = make([]bool, oa)
	e.grpTot = make([]float64, oa)
	e.grpTake = make([]float64, oa)
	e.ageBin = make([]sample.Binomial, e.A)
	for a, g := range m.AgeGroups {
		if g.ToAge > g.FromAge {
			e.ageBin[a] = sample.NewBinomial(1 / float64(g.ToAge-g.FromAge))
		}
	}
	e.ageTmp = make([]float64, e.A)

	for _, iv := range m.Interventions {
		cells := iv.Cells
		if !iv.Lever.CellLever() && iv.Lever != workforce.LeverEstablishment {
			cells = nil
			for _, r := range iv.Rules {
				cells = append(cells, m.RuleTarget(iv.Lever, r))
			}
		}
		e.ivCells = append(e.ivCells, cells)
	}
	sites, ivFirst := capSites(m)
	e.caps = make([]float64, len(sites)*capSeries)
	e.capIv = ivFirst
	e.capStudent = make([]int, len(m.Students))
	for i := range e.capStudent {
		e.capStudent[i] = -1
	}
	for k, s := range sites {
		if s.kind == capStudent {
			e.capStudent[s.index] = k
		}
	}
	n := 0
	for k := range numStreamKinds {
		e.slot[k] = n
		n += e.streamCount(streamKind(k))
	}
	e.streams = newStreams(n)
	return e
}

// layoutStrata decides which origins, and how many tenure buckets, the
// model needs: only what some rule uses, so a simple model stays small.
func (e *engine) layoutStrata() {
	m := e.m
	for k := range e.origin {
		e.origin[k] = -1
	}
	e.origin[kRegular] = 0
	e.O = 1
	ramp := 0
	for _, c := range m.Cells {
		ramp = max(ramp, c.RampUpMonths)
	}
	induction := ramp
	if ramp > 0 {
		e.origin[kNew] = e.O
		e.O++
	}
	if len(m.International) > 0 {
		e.origin[kInternational] = e.O
		e.O++
		induction = max(induction, 12)
	}
	if len(m.Rotations) > 0 {
		e.origin[kRotational] = e.O
		e.O++
	}
	e.induction = ceilDiv(induction, m.StepMonths)
	top := e.induction
	for _, p := range m.Promotions {
		top = max(top, ceilDiv(p.MinMonths, m.StepMonths))
	}
	e.rotOf = make([]int, len(m.Cells))
	e.rotPos = make([]int, len(m.Cells))
	for c := range e.rotOf {
		e.rotOf[c] = -1
	}
	for r, rot := range m.Rotations {
		top = max(top, rot.Rotations*rot.LengthMonths/m.StepMonths)
		for i, c := range rot.Cells {
			e.rotOf[c], e.rotPos[c] = r, i
		}
	}
	e.rampSteps = make([]int, len(m.Cells))
	for c, spec := range m.Cells {
		e.rampSteps[c] = ceilDiv(spec.RampUpMonths, m.StepMonths)
	}
	e.T = top + 1
	e.S = e.O * e.A * e.T
}

// stratum returns the index, within a cell, of origin index o, age group
// a and tenure bucket k.
//
// Tenure buckets are a ring: ageing moves the ring's start (e.off) rather
// than every head, so stratum maps the logical bucket k to its place.
func (e *engine) stratum(o, a, k int) int {
	i := e.off + k
	if i >= e.T {
		i -= e.T
	}
	return (o*e.A+a)*e.T + i
}

// rowTotal returns the heads in a row (global row index). In Monte Carlo
// mode the kept total is exact (whole numbers); in expected-value mode it
// is summed afresh, so that rounding in the kept total cannot matter.
func (e *engine) rowTotal(row int) float64 {
	if !e.det {
		return e.rowN[row]
	}
	n := 0.0
	for _, v := range e.count[row*e.T : (row+1)*e.T] {
		n += v
	}
	return n
}

// recountRows recomputes the row totals of cell c.
func (e *engine) recountRows(c int) {
	rows := e.O * e.A
	for r := c * rows; r < (c+1)*rows; r++ {
		n := 0.0
		for _, v := range e.count[r*e.T : (r+1)*e.T] {
			n += v
		}
		e.rowN[r] = n
	}
}

// rowBase is where the tenure buckets of origin o and age group a start
// within a cell; their order within the row is the ring's.
func (e *engine) rowBase(o, a int) int { return (o*e.A + a) * e.T }

// arrival is the index in e.arrivals of origin o, age group a and tenure
// k as they will be after this step's ageing: arrivals are not in the ring.
func (e *engine) arrival(o, a, k int) int { return (o*e.A+a)*e.T + k }

// originIndex returns the modelled origin for a kind, falling back to new
// starters and then to regular staff when a kind is not modelled.
func (e *engine) originIndex(kind int) int {
	if o := e.origin[kind]; o >= 0 {
		return o
	}
	if o := e.origin[kNew]; o >= 0 && kind != kRotational {
		return o
	}
	return e.origin[kRegular]
}

// conditionalChain turns outcome probabilities p into the conditional
// probabilities that draw them one after another: p[j] / (1 - p[0] - ... - p[j-1]).
func conditionalChain(p []float64) []sample.Binomial {
	chain := make([]sample.Binomial, len(p))
	fillChain(chain, p)
	return chain
}

func fillChain(chain []sample.Binomial, p []float64) {
	left := 1.0
	for j, pj := range p {
		q := 0.0
		if left > 0 {
			q = math.Min(1, math.Max(0, pj/left))
		}
		chain[j] = sample.NewBinomial(q)
		left -= pj
	}
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// stepProbability converts an annual probability to a step of `months`
// months, assuming a constant hazard: 1 - (1-p)^(months/12).
func stepProbability(annual float64, months int) float64 {
	if annual >= 1 {
		return 1
	}
	return -math.Expm1(float64(months) / 12 * math.Log1p(-annual))
}

// monthlyToStep converts a monthly probability to a step of `months` months.
func monthlyToStep(monthly float64, months int) float64 {
	if monthly >= 1 {
		return 1
	}
	return -math.Expm1(float64(months) * math.Log1p(-monthly))
}

// reportSteps lists, for each reported date, the number of steps simulated
// before it: 0 (the start), ReportEvery, 2*ReportEvery, ..., and the last
// step if the horizon is not a whole number of reporting intervals.
func reportSteps(m *workforce.Model) []int {
	out := []int{0}
	for s := m.ReportEvery; s <= m.Steps; s += m.ReportEvery {
		out = append(out, s)
	}
	if out[len(out)-1] != m.Steps {
		out = append(out, m.Steps)
	}
	return out
}

// binom draws Binomial(n, p) from stream s in Monte Carlo mode and
// returns n*p in expected-value mode.
func (e *engine) binom(b *sample.Binomial, s int, n float64) float64 {
	if e.det {
		return n * b.P()
	}
	if n <= 0 {
		return 0
	}
	return float64(b.Rand(e.streams[s].rnd, int(n)))
}

// whole turns an expected count into whole heads in Monte Carlo mode by
// stochastic rounding (floor, plus one with probability of the fraction),
// which keeps the mean exact.
func (e *engine) whole(x float64, s int) float64 {
	if e.det || x <= 0 {
		return math.Max(0, x)
	}
	fl := math.Floor(x)
	if e.streams[s].rnd.Float64() < x-fl {
		fl++
	}
	return fl
}

// fte is a cell's staff in post FTE: heads times FTE per head, less the
// study time of apprentices employed there.
func (e *engine) fte(c int) float64 { return e.hc[c]*e.fteph[c] - e.apprLoss[c] }

// vacantHeads is the number of heads that would fill a cell's vacancies:
// vacancy FTE / FTE per head, rounded down to whole heads in Monte Carlo
// mode, and never below zero.
func (e *engine) vacantHeads(c int) float64 {
	v := (e.estEff[c] - e.fte(c)) / e.fteph[c]
	if v <= 0 {
		return 0
	}
	if e.det {
		return v
	}
	return math.Floor(v + 1e-9)
}
