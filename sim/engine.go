package sim

import (
	"math"
	"slices"

	"github.com/ahpsim/ahpsim/sim/sample"
	"github.com/ahpsim/ahpsim/workforce"
)

// originKind is how a head came to be in its cell, for as long as it
// matters. New starters (and international recruits) become regular staff
// after the induction period; rotational staff after their last rotation.
// The engine models only the kinds some rule uses (see layoutStrata), so a
// kind maps to an origin index through enginePlan.origin.
type originKind int

const (
	originRegular originKind = iota
	originNew
	originInternational
	originRotational
	numOriginKinds
)

// exitPlan is the competing exits of one (cell, origin, age group) for
// the current step: the per-step probability of each exit (the total
// annual hazard converted to the step, then split in proportion to the
// annual rates) and the conditional binomials that draw them as one
// multinomial. Exit j goes to cell to[j], or leaves (exitLeave) or
// retires (exitRetire). Only the first plan of each group of identical
// plans (groupExitPlans) has its binomials built: it draws for the group.
type exitPlan struct {
	to   []int
	prob []float64
	cond []sample.Binomial
}

// noIndex marks an absent index: an origin kind that is not modelled, a
// cell in no rotation, a programme or intervention without a cap site.
const noIndex = -1

// monthsPerYear converts annual rates and amounts to steps.
const monthsPerYear = 12

// internationalInductionMonths is how long international recruits keep
// their own origin after they arrive: their first year, when the
// first-year leaver rate applies instead of the cell's.
const internationalInductionMonths = 12

// vacancyRoundingSlack absorbs the rounding error of a vacancy that is a
// whole number of heads, so that rounding down does not lose one.
const vacancyRoundingSlack = 1e-9

const (
	exitLeave  = -1
	exitRetire = -2
)

type promotionPlan struct {
	// bin comes first and the plan is padded to whole cache lines, so that
	// in the slice of plans every bin's slots stay on line boundaries (see
	// sample.Binomial).
	bin       sample.Binomial
	rule      int // index in Model.Promotions
	from, to  int
	minBucket int // first tenure bucket that is eligible
	prob      float64
	_         [24]byte
}

// pipe is a stock in training or in transit: stage[j*ages + a] holds the
// heads of age group a who have completed j steps in it. Only
// apprenticeships keep age groups (their drop-outs go back to their post
// at their own age); other pipelines have ages 1.
//
// held[j] false says that stage j holds nobody (true: it may hold some):
// most stages of a pipeline
// with a yearly intake are empty, and passing over them leaves out only
// draws on 0 heads, which draw nothing and give 0 in both modes, and sums
// of zeros. Whatever adds heads to a stage goes through add.
type pipe struct {
	stage []float64
	ages  int
	held  []bool
}

func newPipe(stages, ages int) pipe {
	return pipe{make([]float64, stages*ages), ages, make([]bool, stages)}
}

// stages is the number of steps the pipeline takes.
func (p *pipe) stages() int { return len(p.held) }

// add puts x heads of age group a in stage j.
func (p *pipe) add(j, a int, x float64) {
	p.stage[j*p.ages+a] += x
	p.held[j] = true
}

// row is stage j's heads by age group.
func (p *pipe) row(j int) []float64 { return p.stage[j*p.ages : (j+1)*p.ages] }

// reset empties the pipeline.
func (p *pipe) reset() {
	clear(p.stage)
	clear(p.held)
}

// total is the heads in the pipeline, summed in stage order (the stages
// that hold nobody add only zeros).
func (p *pipe) total() float64 {
	t := 0.0
	for j, held := range p.held {
		if !held {
			continue
		}
		for _, v := range p.row(j) {
			t += v
		}
	}
	return t
}

// engine simulates one run at a time. A worker owns one engine; nothing in
// it is shared, and every slice is allocated once, so that a run allocates
// nothing. Its fields are grouped by lifetime, each group built by its own
// constructor (see newEngine).
type engine struct {
	enginePlan  // fixed for the life of the engine
	runValues   // drawn or derived at the start of each run
	runState    // the run's state, advanced by every step
	stepScratch // working space within one step or report

	streams []stream
	runSeed uint64
	// stepSeeds[t*len(streams)+i] is stream i's seed for step t
	// (stepSeed of its base and t+1), the same in every run, so computed
	// once; nil when the table would pass maxStepSeeds (reseed then
	// computes each seed as it goes).
	stepSeeds []uint64
}

// maxStepSeeds bounds the table of step seeds (8 bytes each) to 16 MB per
// worker: BHR copied 100 times over ten years of monthly steps needs 14 MB.
const maxStepSeeds = 1 << 21

// enginePlan is what the model fixes: its shape and the layout of the
// engine's arrays.
type enginePlan struct {
	m               *workforce.Model
	det             bool
	numCells        int
	numDestinations int // leaver destinations
	// Strata: origins modelled, age groups, tenure buckets, and their
	// product, the strata in each cell.
	numOrigins, numAges, numTenures, strataPerCell int
	// Tenure segments (see layoutSegments): the runs of tenure buckets of a
	// row that share their exit rates. numSegs is the most any cell has (1
	// when no leaver rate depends on time in post, the segment being the
	// whole row); per cell, segN segments, segment s covering the logical
	// buckets segLo[c*numSegs+s] .. segHi[...]-1, with segW[...] the share
	// of its months in each time-in-post band (the last entry: after the
	// last band).
	numSegs      int
	segN         []int
	segLo, segHi []int
	segW         [][]float64

	origin    [numOriginKinds]int // per origin kind: its index among the modelled origins, or -1
	induction int                 // steps after which new starters count as regular staff
	rampSteps []int               // per cell: steps of ramp-up for new starters
	rotOf     []int               // per cell: the rotation rule it belongs to, or -1
	rotPos    []int               // per cell: its position in that rotation's cell list
	estLever  bool                // some intervention changes establishment

	metrics  []Metric
	report   reportPlan // what record computes; useReport changes it
	reportAt []int      // steps simulated before each reported date

	// ivCells lists, per intervention, the cells its costs are reported
	// against: its cells, or the cells its rules lead to.
	ivCells [][]int

	// Cap sites (see caps.go): per intervention its first clamp site and
	// per student programme its site, or -1. Apprenticeship i is site i.
	capIv       []int
	capStudent  []int
	numCapSites int

	slot [numStreamKinds]int // first stream of each kind
}

// runValues are the values a run draws (parameters, levers) and the plans
// and binomials derived from them.
type runValues struct {
	param      []float64
	lev        *levers
	exits      []exitPlan // [((cell*numOrigins + origin)*numAges + age)*numSegs + segment]
	destCond   [][]sample.Binomial
	ageCond    [workforce.NumSources + 1][][]sample.Binomial // per source (last: starting staff), per cell
	recruitBin []sample.Binomial
	growth     []float64
	promos     []promotionPlan
	gradBin    []sample.Binomial
	studConv   []sample.Binomial
	rotShare   []sample.Binomial
	rotLeave   []sample.Binomial
	pipeDrop   [numPipelineKinds][]sample.Binomial // per pipeline kind and programme: attrition per step
	scaledRuns bool
	// builtFor is what the plans above were last built from (see
	// rebuildPlans), so that a run whose levers and parameters are those
	// of the last build can keep them.
	builtFor planInputs
}

// planInputs are the lever values in force and the parameters that exit,
// promotion and flow plans are built from, and whether that build scaled
// exit rates down.
type planInputs struct {
	valid      bool // a build has been made
	eff, param []float64
	scaled     bool
}

// runState is the state of the run: the stocks, the pipelines, and what
// has been counted since the start or the last reported date.
type runState struct {
	count                []float64 // [cell*strataPerCell + stratum]
	off                  int       // the ring's start: where tenure bucket 0 is in each row
	rowN                 []float64 // heads in each row of tenure buckets, [(cell*numOrigins + o)*numAges + a]
	arrivals             []float64 // [cell*strataPerCell + arrival]: heads who join at the end of the step
	touched              []int     // indices of e.arrivals that are not zero
	headcount            []float64 // heads per cell, arrivals and employed apprentices included
	inPostFTE            []float64 // FTE of those heads (before apprentices' study time)
	apprHC               []float64 // apprentices employed in each (support) cell
	apprLoss             []float64 // FTE of those apprentices given to study
	backfill             []float64 // FTE of funded posts given up to backfill apprentices
	establishment        []float64 // establishment before interventions and backfill
	establishmentInForce []float64 // establishment in force this step
	postsInStep          bool      // new posts start in a later month of this step than its first
	ftePerHead           []float64
	appr                 []pipe
	students             []pipe
	intl                 []pipe
	returners            []pipe
	flow                 [numCellFlows][]float64
	leaveTo              []float64 // [cell*numDestinations + destination]
	cumCost              [numCosts][]float64
	vacYears             []float64 // vacancy FTE-years since the start, per cell
	prevHC               []float64 // per group, at the previous reported date

	// Caps (see caps.go): what the run asked and got at each cap site,
	// [site*capSeries + series].
	caps []float64
	// money accumulates the run's costs by financial year (money.go).
	money moneyState
}

// stepScratch is working space, meaningless between uses.
type stepScratch struct {
	estMonth []float64 // for steps of several months: one month's establishment
	estDiff  []float64 // and the sum of its differences from the first month's
	sums     []float64 // record's working space (recordScratch): rows of cell sums, then every slot's sums
	portIn   []float64
	portOut  []float64
	ints     []int
	chosen   []int
	scratch  []float64
	taken    []float64
	eligIdx  []int // promote: strata with eligible heads
	eligRows []int // and the rows that may hold them
	eligEnds []int // and where each row's strata end among them
	// Groups of rows with identical exit probabilities (groupExitPlans):
	// per cell, the rows in group order, where each group ends, how many.
	grpRows  []int
	grpEnd   []int
	grpCount []int
	grpDone  []bool
	grpTot   []float64
	grpTake  []float64
	leaders  []int             // rebuildPlans: the cell's exit plans with samplers so far
	ageBin   []sample.Binomial // per age group: moving up at the year's turn
	ageTmp   []float64         // per age group: apprentices taken into training
	apprFin  []float64         // per age group: apprentices who finished this step
	apprDrop []float64         // and who dropped out
	units    []startUnit       // beginRun: the places a pipeline's starting stock can be in
	eligRowN []float64         // promote: each eligible row's eligible heads
}

// pipelineKind indexes pipeDrop: the attrition of each kind of pipeline.
type pipelineKind int

const (
	pApprentice pipelineKind = iota
	pStudent
	pInternational
	pReturner
	numPipelineKinds
)

// newEngine builds an engine for model m, reporting metricList. The
// constructors run in this order because each reads the plan.
func newEngine(m *workforce.Model, det bool, metricList []Metric) *engine {
	e := &engine{}
	e.enginePlan = newEnginePlan(m, det, metricList)
	e.runValues = e.newRunValues()
	e.runState = e.newRunState()
	e.stepScratch = e.newStepScratch()
	n := 0
	for k := range numStreamKinds {
		e.slot[k] = n
		n += e.streamCount(streamKind(k))
	}
	e.streams = newStreams(n)
	e.stepSeeds = e.stepSeedTable()
	return e
}

// stepSeedTable lists every stream's seed for every step (see
// engine.stepSeeds), or returns nil when there would be more than
// maxStepSeeds. Kind 0 has no streams, so stream i is kind k's stream
// i - slot[k].
func (e *engine) stepSeedTable() []uint64 {
	n, steps := len(e.streams), e.m.Steps
	if n*steps > maxStepSeeds {
		return nil
	}
	seeds := make([]uint64, n*steps)
	for k := streamKind(1); k < numStreamKinds; k++ {
		for i := range e.streamCount(k) {
			base := streamBase(k, i)
			for t := range steps {
				seeds[t*n+e.stream(k, i)] = stepSeed(base, t+1)
			}
		}
	}
	return seeds
}

func newEnginePlan(m *workforce.Model, det bool, metricList []Metric) enginePlan {
	p := enginePlan{m: m, det: det, numCells: len(m.Cells), numDestinations: len(m.Destinations)}
	p.numAges = max(1, len(m.AgeGroups))
	p.layoutStrata()
	p.metrics = metricList
	p.report, _ = newReportPlan(m, Selection{}, metricList) // everything: cannot fail
	p.reportAt = reportSteps(m)
	for _, iv := range m.Interventions {
		p.estLever = p.estLever || iv.Lever == workforce.LeverEstablishment
	}
	for _, iv := range m.Interventions {
		cells := iv.Cells
		if !iv.Lever.CellLever() && iv.Lever != workforce.LeverEstablishment {
			cells = nil
			for _, r := range iv.Rules {
				cells = append(cells, m.RuleTarget(iv.Lever, r))
			}
		}
		p.ivCells = append(p.ivCells, cells)
	}
	sites, ivFirst := capSites(m)
	p.capIv = ivFirst
	p.numCapSites = len(sites)
	p.capStudent = make([]int, len(m.Students))
	for i := range p.capStudent {
		p.capStudent[i] = noIndex
	}
	for k, s := range sites {
		if s.kind == capStudent {
			p.capStudent[s.index] = k
		}
	}
	return p
}

func (p *enginePlan) newRunValues() runValues {
	m := p.m
	v := runValues{
		lev:        newLevers(m, p.numAges),
		param:      make([]float64, len(m.Params)+1), // indexed by ParamID; 0 is NoParam
		exits:      p.newExitPlans(),
		destCond:   make([][]sample.Binomial, p.numCells),
		recruitBin: make([]sample.Binomial, p.numCells),
		growth:     make([]float64, p.numCells),
		promos:     p.newPromotionPlans(),
		gradBin:    make([]sample.Binomial, len(m.Graduates)),
		studConv:   make([]sample.Binomial, len(m.Students)),
		rotShare:   make([]sample.Binomial, len(m.Rotations)),
		rotLeave:   make([]sample.Binomial, len(m.Rotations)),
	}
	for c, spec := range m.Cells {
		v.destCond[c] = conditionalChain(spec.DestinationShares)
	}
	for src := range workforce.NumSources + 1 {
		v.ageCond[src] = make([][]sample.Binomial, p.numCells)
		for c, spec := range m.Cells {
			shares := spec.AgeShares
			if src < workforce.NumSources && m.JoinerAges[src] != nil {
				shares = m.JoinerAges[src]
			}
			if len(shares) == 0 {
				shares = []float64{1}
			}
			v.ageCond[src][c] = conditionalChain(shares)
		}
	}
	v.pipeDrop[pApprentice] = make([]sample.Binomial, len(m.Apprenticeships))
	v.pipeDrop[pStudent] = make([]sample.Binomial, len(m.Students))
	v.pipeDrop[pInternational] = make([]sample.Binomial, len(m.International))
	v.pipeDrop[pReturner] = make([]sample.Binomial, len(m.Returners))
	return v
}

// newExitPlans lists the competing exits of every (cell, origin, age
// group, tenure segment): leaving, retiring when the cell has retirement rates, and each
// transition from the cell.
func (p *enginePlan) newExitPlans() []exitPlan {
	m := p.m
	rows := p.numOrigins * p.numAges * p.numSegs
	exits := make([]exitPlan, p.numCells*rows)
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
		for i := range rows {
			exits[c*rows+i] = exitPlan{to: to, prob: make([]float64, len(to)), cond: make([]sample.Binomial, len(to))}
		}
	}
	return exits
}

// newPromotionPlans lists the promotion rules in the order they are taken:
// from the highest band down, so that a vacancy opened by a promotion can
// be filled from the band below in the same step (a "pull" chain).
func (p *enginePlan) newPromotionPlans() []promotionPlan {
	m := p.m
	order := make([]int, len(m.Promotions))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return int(m.Layout.Cells[m.Promotions[b].To].Band) - int(m.Layout.Cells[m.Promotions[a].To].Band)
	})
	promos := make([]promotionPlan, len(m.Promotions))
	for i, r := range order {
		pr := m.Promotions[r]
		promos[i] = promotionPlan{rule: r, from: pr.From, to: pr.To, minBucket: ceilDiv(pr.MinMonths, m.StepMonths)}
	}
	return promos
}

func (p *enginePlan) newRunState() runState {
	m := p.m
	nc := p.numCells
	cells := func() []float64 { return make([]float64, nc) }
	s := runState{
		count:                make([]float64, nc*p.strataPerCell),
		arrivals:             make([]float64, nc*p.strataPerCell),
		rowN:                 make([]float64, nc*p.numOrigins*p.numAges),
		touched:              make([]int, 0, 64),
		headcount:            cells(),
		inPostFTE:            cells(),
		apprHC:               cells(),
		apprLoss:             cells(),
		backfill:             cells(),
		establishment:        cells(),
		establishmentInForce: cells(),
		ftePerHead:           cells(),
		leaveTo:              make([]float64, nc*p.numDestinations),
		vacYears:             cells(),
		prevHC:               make([]float64, p.report.slots),
	}
	stages := func(months, ages int) pipe {
		return newPipe(ceilDiv(months, m.StepMonths), ages)
	}
	for _, a := range m.Apprenticeships {
		s.appr = append(s.appr, stages(a.DurationMonths, p.numAges))
	}
	for _, st := range m.Students {
		s.students = append(s.students, stages(st.DurationMonths, 1))
	}
	for _, r := range m.International {
		s.intl = append(s.intl, stages(r.LeadMonths, 1))
	}
	for _, r := range m.Returners {
		s.returners = append(s.returners, stages(r.SupervisedMonths, 1))
	}
	for f := range s.flow {
		s.flow[f] = cells()
	}
	for k := range s.cumCost {
		s.cumCost[k] = cells()
	}
	s.caps = make([]float64, p.numCapSites*capSeries)
	return s
}

func (p *enginePlan) newStepScratch() stepScratch {
	nc, ns := p.numCells, p.strataPerCell
	rows := p.numOrigins * p.numAges * p.numSegs
	s := stepScratch{
		estMonth: make([]float64, nc),
		estDiff:  make([]float64, nc),
		portIn:   make([]float64, nc),
		portOut:  make([]float64, nc),
		ints:     make([]int, ns),
		chosen:   make([]int, ns),
		scratch:  make([]float64, ns),
		taken:    make([]float64, ns),
		eligIdx:  make([]int, ns),
		eligRows: make([]int, 0, p.numOrigins*p.numAges),
		eligEnds: make([]int, p.numOrigins*p.numAges),
		eligRowN: make([]float64, p.numOrigins*p.numAges),
		grpRows:  make([]int, nc*rows),
		grpEnd:   make([]int, nc*rows),
		grpCount: make([]int, nc),
		grpDone:  make([]bool, rows),
		grpTot:   make([]float64, rows),
		grpTake:  make([]float64, rows),
		ageBin:   make([]sample.Binomial, p.numAges),
		ageTmp:   make([]float64, p.numAges),
		apprFin:  make([]float64, p.numAges),
		apprDrop: make([]float64, p.numAges),
	}
	for a, g := range p.m.AgeGroups {
		if g.ToAge > g.FromAge {
			s.ageBin[a] = sample.NewBinomial(1 / float64(g.ToAge-g.FromAge))
		}
	}
	return s
}

// layoutStrata decides which origins, and how many tenure buckets, the
// model needs: only what some rule uses, so a simple model stays small.
func (p *enginePlan) layoutStrata() {
	m := p.m
	for k := range p.origin {
		p.origin[k] = noIndex
	}
	p.origin[originRegular] = 0
	p.numOrigins = 1
	ramp := 0
	for _, c := range m.Cells {
		ramp = max(ramp, c.RampUpMonths)
	}
	induction := ramp
	if ramp > 0 {
		p.origin[originNew] = p.numOrigins
		p.numOrigins++
	}
	if len(m.International) > 0 {
		p.origin[originInternational] = p.numOrigins
		p.numOrigins++
		induction = max(induction, internationalInductionMonths)
	}
	if len(m.Rotations) > 0 {
		p.origin[originRotational] = p.numOrigins
		p.numOrigins++
	}
	p.induction = ceilDiv(induction, m.StepMonths)
	top := p.induction
	for _, p := range m.Promotions {
		top = max(top, ceilDiv(p.MinMonths, m.StepMonths))
	}
	p.rotOf = make([]int, len(m.Cells))
	p.rotPos = make([]int, len(m.Cells))
	for c := range p.rotOf {
		p.rotOf[c] = noIndex
	}
	for r, rot := range m.Rotations {
		top = max(top, rot.Rotations*rot.LengthMonths/m.StepMonths)
		for i, c := range rot.Cells {
			p.rotOf[c], p.rotPos[c] = r, i
		}
	}
	p.rampSteps = make([]int, len(m.Cells))
	for c, spec := range m.Cells {
		p.rampSteps[c] = ceilDiv(spec.RampUpMonths, m.StepMonths)
	}
	for _, c := range m.Cells {
		if n := len(c.TimeInPostLeaverRates); n > 0 {
			top = max(top, ceilDiv(c.TimeInPostLeaverRates[n-1].UnderMonths, m.StepMonths))
		}
	}
	p.numTenures = top + 1
	p.strataPerCell = p.numOrigins * p.numAges * p.numTenures
	p.layoutSegments()
}

// layoutSegments splits each cell's tenure buckets into segments whose
// buckets share one leaver rate: the buckets wholly within one band of
// time in post, and on their own the buckets a band's end falls inside
// (a bucket of a Δ-month step covers months in post kΔ .. kΔ+Δ-1). The
// last bucket, K or more steps, lies after every band: layoutStrata makes
// K at least the longest band's end. A model with no leaver rates by time
// in post has one segment per row, the whole row, and no weights.
func (p *enginePlan) layoutSegments() {
	m := p.m
	T, step := p.numTenures, m.StepMonths
	edges := make([][]int, len(m.Cells))
	p.numSegs = 1
	for c, spec := range m.Cells {
		e := []int{0, T}
		for _, r := range spec.TimeInPostLeaverRates {
			e = append(e, r.UnderMonths/step, ceilDiv(r.UnderMonths, step))
		}
		slices.Sort(e)
		edges[c] = slices.Compact(e)
		p.numSegs = max(p.numSegs, len(edges[c])-1)
	}
	p.segN = make([]int, len(m.Cells))
	p.segLo = make([]int, len(m.Cells)*p.numSegs)
	p.segHi = make([]int, len(m.Cells)*p.numSegs)
	p.segW = make([][]float64, len(m.Cells)*p.numSegs)
	for c, spec := range m.Cells {
		e := edges[c]
		p.segN[c] = len(e) - 1
		for s := range len(e) - 1 {
			i := c*p.numSegs + s
			p.segLo[i], p.segHi[i] = e[s], e[s+1]
			if bands := spec.TimeInPostLeaverRates; len(bands) > 0 {
				p.segW[i] = bandWeights(bands, e[s]*step, step)
			}
		}
	}
}

// bandWeights is the share of the months from..from+n-1 in post that fall
// in each time-in-post band (the last entry: after the last band).
func bandWeights(bands []workforce.TimeInPostRate, from, n int) []float64 {
	w := make([]float64, len(bands)+1)
	for mo := from; mo < from+n; mo++ {
		j := len(bands)
		for b, r := range bands {
			if mo < r.UnderMonths {
				j = b
				break
			}
		}
		w[j] += 1 / float64(n)
	}
	return w
}

// stratum returns the index, within a cell, of origin index o, age group
// a and tenure bucket k.
//
// Tenure buckets are a ring: ageing moves the ring's start (e.off) rather
// than every head, so stratum maps the logical bucket k to its place.
func (e *engine) stratum(o, a, k int) int {
	i := e.off + k
	if i >= e.numTenures {
		i -= e.numTenures
	}
	return (o*e.numAges+a)*e.numTenures + i
}

// rowTotal returns the heads in a row (global row index). In Monte Carlo
// mode the kept total is exact (whole numbers); in expected-value mode it
// is summed afresh, so that rounding in the kept total cannot matter.
func (e *engine) rowTotal(row int) float64 {
	if !e.det {
		return e.rowN[row]
	}
	n := 0.0
	for _, v := range e.count[row*e.numTenures : (row+1)*e.numTenures] {
		n += v
	}
	return n
}

// recountRows recomputes the row totals of cell c.
func (e *engine) recountRows(c int) {
	rows := e.numOrigins * e.numAges
	for r := c * rows; r < (c+1)*rows; r++ {
		n := 0.0
		for _, v := range e.count[r*e.numTenures : (r+1)*e.numTenures] {
			n += v
		}
		e.rowN[r] = n
	}
}

// rowBase is where the tenure buckets of origin o and age group a start
// within a cell; their order within the row is the ring's.
func (e *engine) rowBase(o, a int) int { return (o*e.numAges + a) * e.numTenures }

// arrival is the index in e.arrivals of origin o, age group a and tenure
// k as they will be after this step's ageing: arrivals are not in the ring.
func (e *engine) arrival(o, a, k int) int { return (o*e.numAges+a)*e.numTenures + k }

// originIndex returns the modelled origin for a kind, falling back to new
// starters and then to regular staff when a kind is not modelled.
func (e *engine) originIndex(kind originKind) int {
	if o := e.origin[kind]; o >= 0 {
		return o
	}
	if o := e.origin[originNew]; o >= 0 && kind != originRotational {
		return o
	}
	return e.origin[originRegular]
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
		chain[j].Reset(q)
		left -= pj
	}
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// stepProbability converts an annual rate, as the NHS publishes leaver
// rates (leavers in a year over the mean headcount), to the probability
// that a head leaves in a step of `months` months: r * months/12. In a
// cell that is refilled as it loses staff, the headcount stays level, so
// the leavers over a year are exactly r times it (docs/model.md,
// "Converting rates to the step"). Rates are at most 1, so the result is
// a probability for any step of up to a year.
func stepProbability(annual float64, months int) float64 {
	return math.Min(1, annual*float64(months)/monthsPerYear)
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
	st := &e.streams[s]
	return float64(b.RandFrom(&st.pcg, st.rnd, int(n)))
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

// fte is a cell's staff in post FTE, less the study time of apprentices
// employed there.
func (e *engine) fte(c int) float64 { return e.inPostFTE[c] - e.apprLoss[c] }

// vacantPosts splits a cell's vacancies into the posts a head could fill:
// whole posts of the cell's FTE per head, and in Monte Carlo mode one
// part-time post of the remainder, of partFTE (0 when there is none).
// posts counts both. In expected-value mode posts is the fraction V/h and
// there is no part-time post. Hiring into a part-time post brings a head
// of partFTE (see hirePart), so the FTE hired never overshoots the
// vacancies and its mean is the same in both modes.
func (e *engine) vacantPosts(c int) (posts, partFTE float64) {
	h := e.ftePerHead[c]
	v := e.establishmentInForce[c] - (e.inPostFTE[c] - e.apprLoss[c]) // less fte(c)
	if v <= 0 || h <= 0 {
		return // no vacancy
	}
	if e.det {
		return v / h, 0
	}
	posts = math.Floor(v/h + vacancyRoundingSlack) // whole posts
	if part := v - posts*h; part > vacancyRoundingSlack*h {
		return posts + 1, part
	}
	return posts, 0
}

// hirePart records that the part-time post of partFTE in cell c was
// filled by one of the heads who arrived at full FTE per head.
func (e *engine) hirePart(c int, partFTE float64) {
	e.inPostFTE[c] -= e.ftePerHead[c] - partFTE
}

// hireInto records that `hired` heads arrived into the first of a cell's
// vacant posts (whole posts first): when they fill every post, the last
// one was the part-time post.
func (e *engine) hireInto(c int, hired, posts, partFTE float64) {
	if partFTE > 0 && hired >= posts {
		e.hirePart(c, partFTE)
	}
}

// depart removes x heads from cell c's headcount, with the cell's mean FTE
// per head each, so that the FTE per head of those who stay is unchanged.
func (e *engine) depart(c int, x float64) {
	n := e.headcount[c]
	if x >= n {
		e.headcount[c], e.inPostFTE[c] = 0, 0
		return
	}
	e.inPostFTE[c] -= x * e.inPostFTE[c] / n
	e.headcount[c] = n - x
}
