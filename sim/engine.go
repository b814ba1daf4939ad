package sim

import (
	"math"
	"slices"

	"github.com/ahpsim/ahpsim/sim/sample"
	"github.com/ahpsim/ahpsim/workforce"
)

// cellFlow indexes the per-cell flow counters of one reporting interval.
type cellFlow int

const (
	fLeavers cellFlow = iota
	fJoinersExternal
	fJoinersGraduate
	fPromotionsIn
	fMovesIn
	fMovesOut
	fGraduatesLost
	numCellFlows
)

// exitPlan is a cell's competing exits for one run: leaving first, then
// each push transition. prob holds the per-step probabilities of each exit
// (the total hazard converted to the step, then split in proportion to the
// annual rates); cond holds the conditional binomials that draw them as a
// multinomial.
type exitPlan struct {
	to   []int // -1 for leaving, else the destination cell
	prob []float64
	cond []sample.Binomial
}

type promotionPlan struct {
	from, to  int
	minBucket int // first tenure bucket that is eligible
	prob      float64
	bin       sample.Binomial
}

// engine simulates one run at a time. A worker owns one engine; nothing in
// it is shared, and every slice is allocated once, so a run allocates
// nothing.
type engine struct {
	m          *Model
	det        bool
	nc, nb, nd int // cells, tenure buckets, leaver destinations

	metrics  []Metric
	groups   []Group
	reportAt []int // steps simulated before each reported date

	// Per-run values, derived from the parameters drawn for the run.
	param      []float64
	exits      []exitPlan
	destCond   [][]sample.Binomial // per cell: conditional split of leavers over destinations (fixed shares)
	recruitP   []float64
	recruitBin []sample.Binomial
	growth     []float64 // per-step multiplier of establishment
	promos     []promotionPlan
	gradSize   []float64
	gradConv   []float64
	gradBin    []sample.Binomial
	newPostFTE []float64

	// State.
	count    []float64 // [cell*nb + bucket]: heads by completed steps in band (bucket nb-1 holds the rest)
	arrivals []float64 // heads arriving this step, who join bucket 0 at its end
	est      []float64 // establishment FTE
	fteph    []float64 // FTE per head
	flow     [numCellFlows][]float64
	leaveTo  []float64 // [cell*nd + destination]
	prevHC   []float64 // headcount of each group at the previous reported date

	// Scratch.
	destDraw []int
	applied  []int
	chosen   []int
	appliedF []float64

	streams []stream
	// stream slots
	sParams, sExits, sPromo, sGrad, sRecruit int
}

func newEngine(m *Model, det bool) *engine {
	e := &engine{m: m, det: det, nc: len(m.Cells), nd: len(m.Destinations)}
	k := 0
	for _, p := range m.Promotions {
		k = max(k, ceilDiv(p.MinMonths, m.StepMonths))
	}
	e.nb = k + 1
	e.metrics = metrics(m, det)
	e.groups = groups(m.Layout)
	e.reportAt = reportSteps(m)

	e.param = make([]float64, len(m.Params))
	e.exits = make([]exitPlan, e.nc)
	for c := range m.Cells {
		var to []int
		if m.Cells[c].LeaverRate != NoParam {
			to = append(to, -1)
		}
		for _, t := range m.Transitions {
			if t.From == c {
				to = append(to, t.To)
			}
		}
		e.exits[c] = exitPlan{to: to, prob: make([]float64, len(to)), cond: make([]sample.Binomial, len(to))}
	}
	e.destCond = make([][]sample.Binomial, e.nc)
	for c, spec := range m.Cells {
		e.destCond[c] = conditionalChain(spec.DestinationShares)
	}
	e.recruitP = make([]float64, e.nc)
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
		e.promos[i] = promotionPlan{from: p.From, to: p.To, minBucket: ceilDiv(p.MinMonths, m.StepMonths)}
	}
	e.gradSize = make([]float64, len(m.Graduates))
	e.gradConv = make([]float64, len(m.Graduates))
	e.gradBin = make([]sample.Binomial, len(m.Graduates))
	e.newPostFTE = make([]float64, len(m.NewPosts))

	e.count = make([]float64, e.nc*e.nb)
	e.arrivals = make([]float64, e.nc)
	e.est = make([]float64, e.nc)
	e.fteph = make([]float64, e.nc)
	for f := range e.flow {
		e.flow[f] = make([]float64, e.nc)
	}
	e.leaveTo = make([]float64, e.nc*e.nd)
	e.prevHC = make([]float64, len(e.groups))
	e.destDraw = make([]int, e.nd)
	e.applied = make([]int, e.nb)
	e.chosen = make([]int, e.nb)
	e.appliedF = make([]float64, e.nb)

	e.sParams = 0
	e.sExits = 1
	e.sPromo = e.sExits + e.nc
	e.sGrad = e.sPromo + len(m.Promotions)
	e.sRecruit = e.sGrad + len(m.Graduates)
	e.streams = newStreams(e.sRecruit + e.nc)
	return e
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
func reportSteps(m *Model) []int {
	out := []int{0}
	for s := m.ReportEvery; s <= m.Steps; s += m.ReportEvery {
		out = append(out, s)
	}
	if out[len(out)-1] != m.Steps {
		out = append(out, m.Steps)
	}
	return out
}

// beginRun seeds the run's streams, draws its parameters and sets the
// starting state. It reports whether some cell's drawn exit rates summed
// above 1 a year and had to be scaled down.
func (e *engine) beginRun(seed uint64, run int) (scaled bool) {
	m := e.m
	for i := range e.streams {
		switch {
		case i == e.sParams:
			e.streams[i].seed(seed, run, streamParams, 0)
		case i < e.sPromo:
			e.streams[i].seed(seed, run, streamExits, i-e.sExits)
		case i < e.sGrad:
			e.streams[i].seed(seed, run, streamPromotion, i-e.sPromo)
		case i < e.sRecruit:
			e.streams[i].seed(seed, run, streamGraduates, i-e.sGrad)
		default:
			e.streams[i].seed(seed, run, streamRecruit, i-e.sRecruit)
		}
	}
	pr := e.streams[e.sParams].rnd
	for i, d := range m.Params {
		if e.det {
			e.param[i] = d.Mean()
		} else {
			e.param[i] = d.Draw(pr)
		}
	}
	for c, spec := range m.Cells {
		if e.planExits(c) {
			scaled = true
		}
		e.recruitP[c] = 0
		if spec.RecruitFill != NoParam {
			e.recruitP[c] = monthlyToStep(e.param[spec.RecruitFill], m.StepMonths)
		}
		e.recruitBin[c] = sample.NewBinomial(e.recruitP[c])
		e.growth[c] = 1
		if spec.EstablishmentGrowth != NoParam {
			e.growth[c] = math.Pow(1+e.param[spec.EstablishmentGrowth], float64(m.StepMonths)/12)
		}
	}
	for i := range e.promos {
		p := &e.promos[i]
		var apply ParamID
		for _, r := range m.Promotions {
			if r.From == p.from && r.To == p.to {
				apply = r.ApplyProb
				break
			}
		}
		p.prob = monthlyToStep(e.param[apply], m.StepMonths)
		p.bin = sample.NewBinomial(p.prob)
	}
	for i, g := range m.Graduates {
		e.gradSize[i] = e.param[g.Size]
		if !e.det {
			e.gradSize[i] = math.Round(e.gradSize[i])
		}
		e.gradConv[i] = e.param[g.Conversion]
		e.gradBin[i] = sample.NewBinomial(e.gradConv[i])
	}
	for i, n := range m.NewPosts {
		e.newPostFTE[i] = e.param[n.FTE]
	}

	clear(e.count)
	clear(e.arrivals)
	for c, spec := range m.Cells {
		e.est[c] = spec.Establishment
		e.fteph[c] = spec.FTEPerHead
		e.spreadInitial(c, spec)
	}
	e.resetFlows()
	return scaled
}

// planExits computes a cell's per-step exit probabilities for the run.
// If uncertain rates drawn for the run add up to more than 1 a year, they
// are scaled down to 1 in proportion (docs/model.md).
func (e *engine) planExits(c int) (scaled bool) {
	plan := &e.exits[c]
	if len(plan.to) == 0 {
		return false
	}
	spec := e.m.Cells[c]
	j := 0
	if spec.LeaverRate != NoParam {
		plan.prob[j] = e.param[spec.LeaverRate]
		j++
	}
	for _, t := range e.m.Transitions {
		if t.From == c {
			plan.prob[j] = e.param[t.Rate]
			j++
		}
	}
	total := 0.0
	for _, r := range plan.prob {
		total += r
	}
	if total > 0 {
		step := stepProbability(math.Min(total, 1), e.m.StepMonths)
		for i := range plan.prob {
			plan.prob[i] *= step / total
		}
	}
	fillChain(plan.cond, plan.prob)
	return total > 1
}

// spreadInitial spreads a cell's starting staff evenly over months in band
// 0 .. spread-1: head j has been in band floor((j+0.5)*spread/n) months.
func (e *engine) spreadInitial(c int, spec CellSpec) {
	spread := spec.InitialSpreadMonths
	if spread == 0 {
		spread = 36
	}
	n := spec.Headcount
	base := c * e.nb
	if e.det {
		for month := range spread {
			e.count[base+min(month/e.m.StepMonths, e.nb-1)] += float64(n) / float64(spread)
		}
		return
	}
	for j := range n {
		month := int((float64(j) + 0.5) * float64(spread) / float64(n))
		e.count[base+min(month/e.m.StepMonths, e.nb-1)]++
	}
}

func (e *engine) resetFlows() {
	for f := range e.flow {
		clear(e.flow[f])
	}
	clear(e.leaveTo)
}

// headcount returns the heads in a cell, including this step's arrivals.
func (e *engine) headcount(c int) float64 {
	n := e.arrivals[c]
	for _, v := range e.count[c*e.nb : (c+1)*e.nb] {
		n += v
	}
	return n
}

// vacantHeads is the number of heads that would fill a cell's vacancies:
// vacancy FTE / FTE per head, rounded down to whole heads in Monte Carlo
// mode, and never below zero.
func (e *engine) vacantHeads(c int) float64 {
	v := (e.est[c] - e.headcount(c)*e.fteph[c]) / e.fteph[c]
	if v <= 0 {
		return 0
	}
	if e.det {
		return v
	}
	return math.Floor(v + 1e-9)
}

// binom draws Binomial(n, p) in Monte Carlo mode and returns n*p in
// expected-value mode.
func (e *engine) binom(b *sample.Binomial, s int, n float64) float64 {
	if e.det {
		return n * b.P()
	}
	if n <= 0 {
		return 0
	}
	return float64(b.Rand(e.streams[s].rnd, int(n)))
}

// step advances the state by one step, t = 0, 1, ...
func (e *engine) step(t int) {
	m := e.m
	first := m.Start + workforce.Month(t*m.StepMonths)
	e.demand(first)
	e.exitStep()
	e.promote()
	e.graduates(first)
	e.recruit()
	e.age()
}

// demand grows establishment and adds the new posts that start this step.
func (e *engine) demand(first workforce.Month) {
	for c := range e.est {
		e.est[c] *= e.growth[c]
	}
	last := first + workforce.Month(e.m.StepMonths)
	for i, n := range e.m.NewPosts {
		if n.From >= first && n.From < last {
			e.est[n.Cell] = math.Max(0, e.est[n.Cell]+e.newPostFTE[i])
		}
	}
}

// exitStep draws leavers and push transitions from every tenure bucket of
// every cell as one multinomial per bucket. Staff who move arrive in their
// new cell at the end of the step, so they cannot exit twice.
func (e *engine) exitStep() {
	for c := range e.exits {
		plan := &e.exits[c]
		if len(plan.to) == 0 {
			continue
		}
		s := e.sExits + c
		for k := range e.nb {
			i := c*e.nb + k
			left := e.count[i]
			if left <= 0 {
				continue
			}
			for j := range plan.to {
				var x float64
				if e.det {
					x = e.count[i] * plan.prob[j]
				} else {
					x = e.binom(&plan.cond[j], s, left)
				}
				left -= x
				if x == 0 {
					continue
				}
				if to := plan.to[j]; to < 0 {
					e.leave(c, x)
				} else {
					e.flow[fMovesOut][c] += x
					e.flow[fMovesIn][to] += x
					e.arrivals[to] += x
				}
				if left <= 0 && !e.det {
					break
				}
			}
			e.count[i] = left
		}
	}
}

// leave records x leavers from cell c and splits them across destinations.
func (e *engine) leave(c int, x float64) {
	e.flow[fLeavers][c] += x
	if e.nd == 0 {
		return
	}
	shares := e.m.Cells[c].DestinationShares
	if e.det {
		for d, s := range shares {
			e.leaveTo[c*e.nd+d] += x * s
		}
		return
	}
	left := x
	for d := range shares {
		y := e.binom(&e.destCond[c][d], e.sExits+c, left)
		e.leaveTo[c*e.nd+d] += y
		left -= y
	}
}

// promote applies the pull promotions, highest band first.
func (e *engine) promote() {
	for i := range e.promos {
		p := &e.promos[i]
		if p.prob == 0 {
			continue
		}
		vacant := e.vacantHeads(p.to)
		if vacant == 0 {
			continue
		}
		s := e.sPromo + i
		from := e.count[p.from*e.nb : (p.from+1)*e.nb]
		applicants := 0.0
		for k := range e.nb {
			e.appliedF[k] = 0
			if k >= p.minBucket {
				e.appliedF[k] = e.binom(&p.bin, s, from[k])
			}
			applicants += e.appliedF[k]
		}
		if applicants == 0 {
			continue
		}
		promoted := math.Min(applicants, vacant)
		switch {
		case e.det || promoted == applicants:
			share := promoted / applicants
			for k := range e.nb {
				from[k] -= e.appliedF[k] * share
			}
		default:
			// More applicants than posts: the posts go to a uniform
			// random subset of the applicants.
			for k := range e.nb {
				e.applied[k] = int(e.appliedF[k])
			}
			sample.MultiHypergeometric(e.streams[s].rnd, e.applied, int(promoted), e.chosen)
			for k := range e.nb {
				from[k] -= float64(e.chosen[k])
			}
		}
		e.arrivals[p.to] += promoted
		e.flow[fPromotionsIn][p.to] += promoted
	}
}

// graduates brings in the annual cohorts that arrive during this step.
func (e *engine) graduates(first workforce.Month) {
	for i, g := range e.m.Graduates {
		if !cohortArrives(g, first, e.m.StepMonths) {
			continue
		}
		size := e.gradSize[i]
		willing := e.binom(&e.gradBin[i], e.sGrad+i, size)
		hired := math.Min(willing, e.vacantHeads(g.Cell))
		e.arrivals[g.Cell] += hired
		e.flow[fJoinersGraduate][g.Cell] += hired
		e.flow[fGraduatesLost][g.Cell] += size - hired
	}
}

// cohortArrives reports whether cohort g's arrival month falls in the step
// that starts in month first, within the cohort's years.
func cohortArrives(g GraduateCohort, first workforce.Month, stepMonths int) bool {
	for mo := first; mo < first+workforce.Month(stepMonths); mo++ {
		if mo.MonthOfYear() != g.Month {
			continue
		}
		y := mo.Year()
		return (g.FirstYear == 0 || y >= g.FirstYear) && (g.LastYear == 0 || y <= g.LastYear)
	}
	return false
}

// recruit fills vacancies with external recruits.
func (e *engine) recruit() {
	for c := range e.recruitP {
		if e.recruitP[c] == 0 {
			continue
		}
		hired := e.binom(&e.recruitBin[c], e.sRecruit+c, e.vacantHeads(c))
		e.arrivals[c] += hired
		e.flow[fJoinersExternal][c] += hired
	}
}

// age moves everyone on by one step in band and puts the step's arrivals
// in the first bucket.
func (e *engine) age() {
	nb := e.nb
	for c := range e.arrivals {
		b := e.count[c*nb : (c+1)*nb]
		if nb > 1 {
			b[nb-1] += b[nb-2]
			copy(b[1:nb-1], b[0:nb-2])
			b[0] = 0
		}
		b[0] += e.arrivals[c]
		e.arrivals[c] = 0
	}
}
