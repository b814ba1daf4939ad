package sim

import (
	"slices"

	"github.com/ahpsim/ahpsim/sim/sample"
	"github.com/ahpsim/ahpsim/workforce"
)

// step advances the state by one step, t = 0, 1, ... The order of events
// is the one docs/model.md states.
func (e *engine) step(t int) {
	m := e.m
	ages := t > 0 && t*m.StepMonths%monthsPerYear == 0
	e.reseed(t, ages)
	first := m.Start + workforce.Month(t*m.StepMonths)
	if (len(m.Interventions) > 0 || len(e.lev.windows) > 0) && e.applyInterventions(first) {
		e.rebuildPlans()
	}
	e.demand(first)
	if ages {
		e.ageGroups()
	}
	e.exitStep()
	e.promote()
	e.pipelines(first)
	e.graduates(first)
	e.recruit()
	e.endOfStep()
	e.costs(first)
	e.money.addStep(first)
	year := float64(m.StepMonths) / monthsPerYear
	for c := range e.numCells {
		e.vacYears[c] += (e.establishmentInForce[c] - e.fte(c)) * year
	}
}

// reseed starts every flow's stream afresh for step t (see streamSeed).
// The ageing streams are drawn from only in a step that ages staff (ages),
// so in the other steps they are left as they are: each is seeded afresh
// before it is next drawn from.
func (e *engine) reseed(t int, ages bool) {
	first, n := e.slot[streamParams]+1, len(e.streams)
	if ages {
		e.reseedStreams(t, first, n)
		return
	}
	e.reseedStreams(t, first, e.slot[streamAgeing])
	e.reseedStreams(t, e.slot[streamAgeing+1], n)
}

// reseedStreams seeds streams lo to hi-1 for step t, from the table of
// step seeds when there is one.
func (e *engine) reseedStreams(t, lo, hi int) {
	streams, run := e.streams, e.runSeed
	if e.stepSeeds == nil {
		for i := lo; i < hi; i++ {
			streams[i].pcg.Seed(run, stepSeed(streams[i].base, t+1))
		}
		return
	}
	seeds := e.stepSeeds[t*len(streams) : (t+1)*len(streams)]
	for i := lo; i < hi; i++ {
		streams[i].pcg.Seed(run, seeds[i])
	}
}

// demand grows establishment, adds the new posts that start this step,
// and applies establishment interventions and apprentice backfill.
func (e *engine) demand(first workforce.Month) {
	m := e.m
	for c := range e.establishment {
		e.establishment[c] *= e.growth[c]
	}
	last := first + workforce.Month(m.StepMonths)
	e.postsInStep = false
	for _, n := range m.NewPosts {
		switch {
		case n.From == first:
			e.establishment[n.Cell] = max(0, e.establishment[n.Cell]+e.param[n.FTE])
		case n.From > first && n.From < last:
			e.postsInStep = true // from a later month of the step: establishmentAt
		}
	}
	e.establishmentAt(first, first, e.establishmentInForce)
	if m.StepMonths > 1 && (e.estLever || e.postsInStep) {
		e.establishmentOverStep(first)
	}
	if e.postsInStep {
		for _, n := range m.NewPosts {
			if n.From > first && n.From < last {
				e.establishment[n.Cell] = max(0, e.establishment[n.Cell]+e.param[n.FTE])
			}
		}
	}
}

// establishmentOverStep sets establishmentInForce, already holding the
// establishment of the step's first month, to its mean over the step's
// months, as for the other levers (see leversOverStep).
func (e *engine) establishmentOverStep(first workforce.Month) {
	n := e.m.StepMonths
	clear(e.estDiff)
	for k := 1; k < n; k++ {
		e.establishmentAt(first+workforce.Month(k), first, e.estMonth)
		for c, v := range e.estMonth {
			e.estDiff[c] += v - e.establishmentInForce[c]
		}
	}
	for c, d := range e.estDiff {
		if d != 0 {
			e.establishmentInForce[c] += d / float64(n)
		}
	}
}

// establishmentAt writes into out the establishment in force in month mo
// of the step that starts in month first: e.establishment, with the new posts that
// start after first and by mo, changed by the establishment interventions
// in force in mo, less backfill, and never below 0.
func (e *engine) establishmentAt(mo, first workforce.Month, out []float64) {
	m := e.m
	copy(out, e.establishment)
	if e.postsInStep {
		for _, n := range m.NewPosts {
			if n.From > first && n.From <= mo {
				out[n.Cell] = max(0, out[n.Cell]+e.param[n.FTE])
			}
		}
	}
	for i := range m.Interventions {
		iv := &m.Interventions[i]
		if iv.Lever != workforce.LeverEstablishment {
			continue
		}
		if f := iv.Effect(mo); f > 0 {
			for _, c := range iv.Cells {
				out[c] = iv.Apply(out[c], e.param[iv.Value], f)
			}
		}
	}
	backfill := e.backfill[:len(out)]
	for c, v := range out {
		out[c] = max(0, v-backfill[c]) // math.Max's value, NaN and -0 too, inline
	}
}

// ageGroups moves staff up an age group once a year: a head in a group of
// width w years moves on with probability 1/w (ages spread evenly within
// a group), drawn per row of tenure buckets and taken uniformly from them.
// The last group keeps its staff.
func (e *engine) ageGroups() {
	if e.numAges < 2 {
		return
	}
	for c := range e.numCells {
		s := e.stream(streamAgeing, c)
		for o := range e.numOrigins {
			for a := e.numAges - 2; a >= 0; a-- {
				first := c*e.strataPerCell + e.rowBase(o, a)
				r := first / e.numTenures
				n := e.rowTotal(r)
				if n <= 0 {
					continue
				}
				x := e.binom(&e.ageBin[a], s, n)
				if x <= 0 {
					continue
				}
				e.takeFromRow(e.count[first:first+e.numTenures], n, x, s, e.taken)
				up := c*e.strataPerCell + e.rowBase(o, a+1)
				for k, v := range e.taken[:e.numTenures] {
					e.count[up+k] += v
				}
				e.rowN[r] -= x
				e.rowN[up/e.numTenures] += x
			}
		}
	}
}

// exitStep draws leavers, retirements and push transitions. For each
// cell, origin and age group (a row of tenure buckets that share one set
// of exit probabilities) it draws the numbers of each exit as one
// multinomial on the row's heads, then takes those heads uniformly at
// random from the row's buckets. By exchangeability this is the same in
// distribution as a multinomial per bucket, with far fewer draws. Staff
// who move arrive in their new cell at the end of the step, so they
// cannot exit twice.
func (e *engine) exitStep() {
	if e.numSegs > 1 {
		e.exitStepSegments() // leaver rates by time in post
		return
	}
	oa := e.numOrigins * e.numAges
	grpRows, grpEnd := e.grpRows, e.grpEnd
	for c, groups := range e.grpCount[:e.numCells] {
		s := e.stream(streamExits, c)
		base := c * oa
		start := base
		for _, end := range grpEnd[base : base+groups] {
			e.exitGroup(c, base, grpRows[start:base+end], s)
			start = base + end
		}
	}
}

// exitGroup draws the exits of one group of cell c's rows (global rows
// base+ri for ri in rows), which share their exit probabilities: one
// multinomial for them all, then the heads are taken uniformly from the
// rows and, within each row, from its buckets.
func (e *engine) exitGroup(c, base int, rows []int, s int) {
	tot := e.grpTot[:len(rows)]
	n := 0.0
	if e.det {
		for i, ri := range rows {
			tot[i] = e.rowTotal(base + ri)
			n += tot[i]
		}
	} else {
		rowN := e.rowN
		for i, ri := range rows {
			tot[i] = rowN[base+ri]
			n += tot[i]
		}
	}
	if n <= 0 {
		return
	}
	plan := &e.exits[base+rows[0]]
	left := n
	st := &e.streams[s]
	for j, to := range plan.to {
		if plan.prob[j] == 0 {
			continue // draws 0 and consumes no randomness (a retirement rate below 60, say)
		}
		// A conditional binomial of the left heads (drawExit's draw, with
		// binom's call saved: most groups draw every step).
		x := n * plan.prob[j]
		if !e.det {
			x = float64(plan.cond[j].RandFrom(&st.pcg, st.rnd, int(left)))
		}
		if x == 0 {
			continue
		}
		e.takeExits(base, rows, e.splitExit(tot, left, x, s), to, s)
		left -= x
		e.exited(c, to, x)
		if left <= 0 {
			break
		}
	}
}

// takeExits takes take[i] heads from row base+rows[i] for exit `to`, from
// its buckets uniformly, and sends them on when the exit is to a cell.
func (e *engine) takeExits(base int, rows []int, take []float64, to, s int) {
	T := e.numTenures
	for i, ri := range rows {
		y := take[i]
		if y <= 0 {
			continue
		}
		r := base + ri
		e.takeFromRow(e.count[r*T:(r+1)*T], e.rowTotal(r), y, s, e.taken)
		e.rowN[r] -= y
		if to >= 0 {
			e.arrive(to, e.arrival(e.origin[originRegular], ri%e.numAges, 0), y)
		}
	}
}

// drawExit draws exit j of a group's plan: of the group's n heads, left
// are still to be split (a conditional binomial; n times the exit's
// probability in expected-value mode).
func (e *engine) drawExit(plan *exitPlan, j int, n, left float64, s int) float64 {
	if e.det {
		return n * plan.prob[j]
	}
	return e.binom(&plan.cond[j], s, left)
}

// splitExit takes x of the left heads of a group uniformly from its
// members, whose heads are tot, and returns how many from each.
func (e *engine) splitExit(tot []float64, left, x float64, s int) []float64 {
	take := e.grpTake[:len(tot)]
	if len(tot) == 1 {
		take[0] = x
		tot[0] -= x
		return take
	}
	e.takeFromRow(tot, left, x, s, take)
	return take
}

// exitStepSegments is exitStep when some leaver rates depend on time in
// post: the same draws, made per tenure segment of each row (the runs of
// tenure buckets with one leaver rate, see layoutSegments) instead of per
// row. It is kept apart so that models without such rates run exitStep's
// tighter loop. Its bookkeeping of each exit must stay exitStep's.
func (e *engine) exitStepSegments() {
	oa := e.numOrigins * e.numAges
	units := oa * e.numSegs // exit plans per cell: a row's segments
	for c := range e.numCells {
		s := e.stream(streamExits, c)
		members := e.grpRows[c*units : (c+1)*units]
		start := 0
		for g := range e.grpCount[c] {
			end := e.grpEnd[c*units+g]
			rows := members[start:end]
			start = end
			// The group's segments share their exit probabilities: one
			// multinomial for them all, then the heads are taken uniformly
			// from the segments and, within each, from its buckets.
			tot := e.grpTot[:len(rows)]
			n := 0.0
			for i, u := range rows {
				tot[i] = e.segmentTotal(c*oa+u/e.numSegs, u%e.numSegs)
				n += tot[i]
			}
			if n <= 0 {
				continue
			}
			plan := &e.exits[c*units+rows[0]]
			left := n
			for j, to := range plan.to {
				if plan.prob[j] == 0 {
					continue // draws 0 and consumes no randomness (a retirement rate below 60, say)
				}
				x := e.drawExit(plan, j, n, left, s)
				if x == 0 {
					continue
				}
				take := e.splitExit(tot, left, x, s)
				for i, u := range rows {
					y := take[i]
					if y <= 0 {
						continue
					}
					ri := u / e.numSegs
					r := c*oa + ri
					e.takeFromSegment(r, u%e.numSegs, y, s)
					e.rowN[r] -= y
					if to >= 0 {
						e.arrive(to, e.arrival(e.origin[originRegular], ri%e.numAges, 0), y)
					}
				}
				left -= x
				e.exited(c, to, x)
				if left <= 0 {
					break
				}
			}
		}
	}
}

// segment returns the logical tenure buckets lo .. hi-1 of segment seg of
// global row r's cell.
func (e *engine) segment(r, seg int) (lo, hi int) {
	i := r/(e.numOrigins*e.numAges)*e.numSegs + seg
	return e.segLo[i], e.segHi[i]
}

// segmentTotal returns the heads in tenure segment seg of global row r.
func (e *engine) segmentTotal(r, seg int) float64 {
	lo, hi := e.segment(r, seg)
	n := 0.0
	for k := lo; k < hi; k++ {
		n += e.count[r*e.numTenures+(e.off+k)%e.numTenures]
	}
	return n
}

// takeFromSegment removes y heads, chosen uniformly at random, from
// tenure segment seg of global row r.
func (e *engine) takeFromSegment(r, seg int, y float64, s int) {
	row := e.count[r*e.numTenures : (r+1)*e.numTenures]
	lo, hi := e.segment(r, seg)
	buf := e.scratch[:hi-lo]
	n := 0.0
	for k := lo; k < hi; k++ {
		buf[k-lo] = row[(e.off+k)%e.numTenures]
		n += buf[k-lo]
	}
	e.takeFromRow(buf, n, y, s, e.taken)
	for k := lo; k < hi; k++ {
		row[(e.off+k)%e.numTenures] = buf[k-lo]
	}
}

// exited records x heads who left cell c by exit `to` (a cell, exitLeave
// or exitRetire), already taken from its strata.
func (e *engine) exited(c, to int, x float64) {
	e.depart(c, x)
	switch {
	case to == exitLeave:
		e.leave(c, x)
	case to == exitRetire:
		e.flow[fLeavers][c] += x
		e.flow[fRetirements][c] += x
	default:
		e.flow[fMovesOut][c] += x
		e.flow[fMovesIn][to] += x
		e.moveAcross(c, to, x)
	}
}

// groupExitPlans finds, for each cell, the exit units (origin, age group
// and tenure segment) whose exit probabilities are identical, so that
// exitStep draws them together.
func (e *engine) groupExitPlans() {
	units := e.numOrigins * e.numAges * e.numSegs
	for c := range e.numCells {
		members := e.grpRows[c*units : (c+1)*units]
		done := e.grpDone[:units]
		for u := range units {
			done[u] = u%e.numSegs >= e.segN[c] // a segment the cell does not have
		}
		pos, g := 0, 0
		for ri := range units {
			if done[ri] {
				continue
			}
			for rj := ri; rj < units; rj++ {
				if !done[rj] && slices.Equal(e.exits[c*units+ri].prob, e.exits[c*units+rj].prob) {
					members[pos] = rj
					pos++
					done[rj] = true
				}
			}
			e.grpEnd[c*units+g] = pos
			g++
		}
		e.grpCount[c] = g
	}
}

// takeFromRow removes x of the n heads in buckets, chosen uniformly at
// random without replacement (in expected-value mode, in proportion), and
// records how many it took from each bucket in taken.
func (e *engine) takeFromRow(buckets []float64, n, x float64, s int, taken []float64) {
	taken = taken[:len(buckets)]
	clear(taken)
	switch {
	case e.det:
		for k, v := range buckets {
			taken[k] = v * x / n
		}
	case x == n:
		copy(taken, buckets)
	case len(buckets) == 1:
		e.takeFromOne(x, n, s, taken)
	case x > 8:
		counts, chosen := e.ints[:len(buckets)], e.chosen[:len(buckets)]
		for k, v := range buckets {
			counts[k] = int(v)
		}
		sample.MultiHypergeometric(e.streams[s].rnd, counts, int(x), chosen)
		for k, v := range chosen {
			taken[k] = float64(v)
		}
	default:
		// A few heads: pick them one at a time, taking each from the
		// buckets as it is picked (whole numbers: exact).
		rnd := e.streams[s].rnd
		remaining := int(n)
		for range int(x) {
			u := rnd.IntN(remaining)
			for k, v := range buckets {
				if left := int(v); u < left {
					taken[k]++
					buckets[k]--
					break
				} else {
					u -= left
				}
			}
			remaining--
		}
		return
	}
	for k := range buckets {
		buckets[k] -= taken[k]
	}
}

// takeFromOne is takeFromRow for a single bucket (a cell with one
// stratum): every head taken is from it. It makes the random draws the
// general case makes, so that the stream goes on the same: x one at a
// time picks for a few heads, none for more (a multivariate
// hypergeometric draw over one bucket draws nothing).
func (e *engine) takeFromOne(x, n float64, s int, taken []float64) {
	if x <= 8 {
		rnd := e.streams[s].rnd
		for i := range int(x) {
			rnd.IntN(int(n) - i)
		}
	}
	taken[0] = x
}

// arrive adds x heads to cell c at arrival index s (see arrival) at the
// end of the step; they hold posts from now on.
func (e *engine) arrive(c, s int, x float64) {
	e.place(c, s, x)
	e.headcount[c] += x
	e.inPostFTE[c] += x * e.ftePerHead[c]
}

// place puts x heads already counted in cell c at its arrival index s.
func (e *engine) place(c, s int, x float64) {
	i := c*e.strataPerCell + s
	if e.arrivals[i] == 0 {
		e.touched = append(e.touched, i)
	}
	e.arrivals[i] += x
}

// moveAcross counts x heads who moved from cell `from` to cell `to`, if
// that is a move to another organisation, by what else it changes (see
// orgLeavers).
func (e *engine) moveAcross(from, to int, x float64) {
	cells := e.m.Layout.Cells
	a, b := cells[from], cells[to]
	if a.Org == b.Org {
		return
	}
	f := fOrgMoveSame
	switch {
	case a.Prof != b.Prof && a.Band != b.Band:
		f = fOrgMoveBoth
	case a.Prof != b.Prof:
		f = fOrgMoveProf
	case a.Band != b.Band:
		f = fOrgMoveBand
	}
	e.flow[f][from] += x
}

// leave records x leavers from cell c (already taken from its stock) and
// splits them across destinations.
func (e *engine) leave(c int, x float64) {
	e.flow[fLeavers][c] += x
	if e.numDestinations == 0 {
		return
	}
	shares := e.m.Cells[c].DestinationShares
	if e.det {
		for d, s := range shares {
			e.leaveTo[c*e.numDestinations+d] += x * s
		}
		return
	}
	left := x
	s := e.stream(streamExits, c)
	for d := range shares {
		if left <= 0 {
			break // the rest would draw Bin(0, p) = 0, consuming nothing
		}
		y := e.binom(&e.destCond[c][d], s, left)
		e.leaveTo[c*e.numDestinations+d] += y
		left -= y
	}
}

// promote applies the pull promotions and pull moves across professions,
// highest target band first (ties in the order of Model.Promotions). The
// eligible heads of the source cell (at least the minimum time in band,
// any origin and age) apply with the step probability: one binomial draw.
// As many are promoted as the target has vacant posts, a uniform random
// choice among the applicants, who are a uniform random choice among the
// eligible: so the promoted are a uniform random choice of the eligible
// heads.
func (e *engine) promote() {
	for i := range e.promos {
		p := &e.promos[i]
		if p.prob <= 0 {
			continue
		}
		vacant, part := e.vacantPosts(p.to)
		if vacant == 0 {
			continue
		}
		s := e.stream(streamPromotion, i)
		var promoted float64
		if e.strataPerCell == 1 {
			promoted = e.promoteSingle(p, vacant, s)
		} else {
			promoted = e.promoteStrata(p, vacant, s)
		}
		if promoted <= 0 {
			continue
		}
		e.hireInto(p.to, promoted, vacant, part)
		e.moveAcross(p.from, p.to, promoted)
		e.countPromoted(p, promoted)
	}
}

// promoteStrata draws the applicants for promotion p from its eligible
// heads, promotes as many as the target's vacant posts allow, moves them,
// and returns how many it promoted.
func (e *engine) promoteStrata(p *promotionPlan, vacant float64, s int) float64 {
	rows := e.eligibleRows(p)
	total := e.eligibleTotal(p, rows)
	if total == 0 {
		return 0
	}
	promoted := min(e.binom(&p.bin, s, total), vacant)
	if promoted <= 0 {
		return 0
	}
	if e.picksFew(promoted, total) {
		e.pickPromoted(p, rows, total, promoted, s)
		return promoted
	}
	// Only now are the eligible strata listed: many draws promote
	// nobody.
	heads := e.eligible(p, rows)
	e.takeFromRow(heads, total, promoted, s, e.taken)
	e.movePromoted(p, rows)
	return promoted
}

// eligibleRows lists, in order, the rows of promotion p's source cell
// (indices within the cell) that may hold heads eligible for it: of an
// origin that can hold heads that long in band (mayHoldFrom), and not
// empty.
func (e *engine) eligibleRows(p *promotionPlan) []int {
	rows := e.eligRows[:0]
	firstRow := p.from * e.strataPerCell / e.numTenures
	for o := range e.numOrigins {
		if !e.mayHoldFrom(o, p.minBucket) {
			continue
		}
		for row := o * e.numAges; row < (o+1)*e.numAges; row++ {
			if e.rowTotal(firstRow+row) > 0 {
				rows = append(rows, row)
			}
		}
	}
	return rows
}

// eligibleTotal is the total of eligible's heads, without listing them:
// in expected-value mode the sum of the positive heads in eligible's
// order, so the same number; in Monte Carlo mode heads are whole and not
// negative, so that every order of their sum is exact and the same (so,
// with no minimum time in band, the sum of the kept row totals). In Monte
// Carlo mode it keeps each row's eligible heads for pickPromoted.
func (e *engine) eligibleTotal(p *promotionPlan, rows []int) float64 {
	if e.det {
		return e.eligibleTotalDet(p, rows)
	}
	rowElig := e.eligRowN[:len(rows)]
	total := 0.0
	if p.minBucket == 0 {
		// Every bucket is eligible: the rows' kept totals, exact.
		firstRow := p.from * e.strataPerCell / e.numTenures
		for i, row := range rows {
			rowElig[i] = e.rowN[firstRow+row]
			total += rowElig[i]
		}
		return total
	}
	from := e.count[p.from*e.strataPerCell : (p.from+1)*e.strataPerCell]
	lo1, hi1, hi2 := e.ringFrom(p.minBucket)
	for i, row := range rows {
		base := row * e.numTenures
		rowElig[i] = wholeSum(from[base+lo1:base+hi1]) + wholeSum(from[base:base+hi2])
		total += rowElig[i]
	}
	return total
}

// eligibleTotalDet is eligibleTotal in expected-value mode: the sum of the
// positive heads in eligible's order.
func (e *engine) eligibleTotalDet(p *promotionPlan, rows []int) float64 {
	from := e.count[p.from*e.strataPerCell : (p.from+1)*e.strataPerCell]
	lo1, hi1, hi2 := e.ringFrom(p.minBucket)
	total := 0.0
	for _, row := range rows {
		base := row * e.numTenures
		total = addPositive(addPositive(total, from[base+lo1:base+hi1]), from[base:base+hi2])
	}
	return total
}

// addPositive adds the positive values of v to t, in order.
func addPositive(t float64, v []float64) float64 {
	for _, x := range v {
		if x > 0 {
			t += x
		}
	}
	return t
}

// wholeSum is the sum of v, whole numbers of heads: four running sums, for
// speed, which is exact (the same in any order) for whole numbers.
func wholeSum(v []float64) float64 {
	var s0, s1, s2, s3 float64
	for ; len(v) >= 4; v = v[4:] {
		s0 += v[0]
		s1 += v[1]
		s2 += v[2]
		s3 += v[3]
	}
	for _, x := range v {
		s0 += x
	}
	return (s0 + s1) + (s2 + s3)
}

// eligible lists, compactly, the strata of promotion p's source cell with
// heads eligible for it (at least its minimum time in band, any origin and
// age), in its eligible rows, and returns their heads. Strata come row by
// row, in tenure order within a row; e.eligIdx holds where they are, and
// e.eligEnds where each row's end in the list.
func (e *engine) eligible(p *promotionPlan, rows []int) (heads []float64) {
	from := e.count[p.from*e.strataPerCell : (p.from+1)*e.strataPerCell]
	where, heads := e.eligIdx[:len(from)], e.scratch[:len(from)]
	lo1, hi1, hi2 := e.ringFrom(p.minBucket)
	n := 0
	for i, row := range rows {
		// Logical buckets minBucket.. in order: two runs of the ring.
		base := row * e.numTenures
		n = compactPositive(from[base+lo1:base+hi1], base+lo1, where, heads, n)
		n = compactPositive(from[base:base+hi2], base, where, heads, n)
		e.eligEnds[i] = n
	}
	return heads[:n]
}

// movePromoted moves the heads promotion p took from its eligible strata
// (e.taken, as eligible listed them) to its target, as regular staff of
// their age group, new to the band.
func (e *engine) movePromoted(p *promotionPlan, rows []int) {
	from := e.count[p.from*e.strataPerCell : (p.from+1)*e.strataPerCell]
	firstRow := p.from * e.strataPerCell / e.numTenures
	i := 0
	for r, row := range rows {
		a := row % e.numAges
		for ; i < e.eligEnds[r]; i++ {
			moved := e.taken[i]
			if moved <= 0 {
				continue
			}
			from[e.eligIdx[i]] -= moved
			e.rowN[firstRow+row] -= moved
			e.depart(p.from, moved)
			e.arrive(p.to, e.arrival(e.origin[originRegular], a, 0), moved)
		}
	}
}

// compactPositive appends the positive values of v (at strata first,
// first+1, ...) to where and heads from index n, and returns the new n.
// where and heads must have room for all of v. It is branch-free: which
// strata hold heads is too irregular to predict.
func compactPositive(v []float64, first int, where []int, heads []float64, n int) int {
	for k, x := range v {
		where[n], heads[n] = first+k, x
		inc := 0
		if x > 0 { // a conditional move, not a branch
			inc = 1
		}
		n += inc
	}
	return n
}

// mayHoldFrom reports whether the rows of origin index o can hold heads
// in tenure bucket k or later: new starters and international recruits
// become regular staff when their induction ends (endOfStep), so their
// rows hold none from bucket induction on.
func (e *engine) mayHoldFrom(o, k int) bool {
	if o == e.origin[originNew] || o == e.origin[originInternational] {
		return k < e.induction
	}
	return true
}

// ringFrom returns where the logical tenure buckets lo .. numTenures-1
// are in a row, in their order: the places lo1 .. hi1-1, then 0 .. hi2-1
// (hi2 is 0 when they do not wrap round the ring's end).
func (e *engine) ringFrom(lo int) (lo1, hi1, hi2 int) {
	T := e.numTenures
	if lo >= T {
		return 0, 0, 0
	}
	if start := e.off + lo; start < T {
		return start, T, e.off
	}
	return e.off + lo - T, e.off, 0
}

// countPromoted reports x heads moved by a pull rule: a promotion within a
// profession counts in the target's promotions; a pull move across
// professions counts as a move out of the source and into the target, and
// also in the target's promotions when its band is higher.
func (e *engine) countPromoted(p *promotionPlan, x float64) {
	l := e.m.Layout
	if !e.m.Promotions[p.rule].Across(l) {
		e.flow[fPromotionsIn][p.to] += x
		return
	}
	e.flow[fMovesOut][p.from] += x
	e.flow[fMovesIn][p.to] += x
	if l.Cells[p.to].Band > l.Cells[p.from].Band {
		e.flow[fPromotionsIn][p.to] += x
	}
}

// join brings x heads from outside the cell's organisation structure into
// cell c: a share into rotational posts if the cell has them, the rest as
// new starters of their source; ages by the source's age profile.
func (e *engine) join(c int, src workforce.Source, x float64, s int) {
	if x <= 0 {
		return
	}
	kind := originNew
	switch src {
	case workforce.SourceInternational:
		kind = originInternational
	}
	if r := e.rotOf[c]; r >= 0 && src != workforce.SourceApprentice {
		rot := e.binom(&e.rotShare[r], e.stream(streamRotation, r), x)
		e.joinAges(c, src, e.originIndex(originRotational), rot, s)
		x -= rot
	}
	e.joinAges(c, src, e.originIndex(kind), x, s)
}

// joinAges splits x joiners of origin o over age groups and adds them.
func (e *engine) joinAges(c int, src workforce.Source, o int, x float64, s int) {
	if x <= 0 {
		return
	}
	chain := e.ageCond[src][c]
	left := x
	for a := range chain {
		if left <= 0 && !e.det {
			break // every later draw is on 0 heads: no draw, no joiner
		}
		y := left
		if a < len(chain)-1 {
			if e.det {
				y = x * chainProb(chain, a)
			} else {
				y = e.binom(&chain[a], s, left)
			}
		}
		if y > 0 {
			e.arrive(c, e.arrival(o, a, 0), y)
			left -= y
		}
	}
}

// chainProb recovers the unconditional probability of outcome a of a
// conditional chain.
func chainProb(chain []sample.Binomial, a int) float64 {
	left := 1.0
	for j := range a {
		left *= 1 - chain[j].P()
	}
	return left * chain[a].P()
}

// graduates brings in the fixed annual cohorts that arrive during this step.
func (e *engine) graduates(first workforce.Month) {
	for i, g := range e.m.Graduates {
		if !inYears(g.Month, g.FirstYear, g.LastYear, first, e.m.StepMonths) {
			continue
		}
		s := e.stream(streamGraduates, i)
		// Stochastic rounding keeps the mean cohort what the scenario says.
		size := e.whole(e.lev.get(workforce.LeverGraduateSize, i), s)
		e.hireGraduates(g.Cell, size, g.Posts, &e.gradBin[i], s)
	}
}

// hireGraduates offers a cohort of `size` graduates local posts: those
// willing (conversion) are hired, into the cell's vacancies only, or all
// of them (into new funded posts, or over the establishment), as posts
// says; the rest are lost.
func (e *engine) hireGraduates(c int, size float64, posts workforce.Posts, conversion *sample.Binomial, s int) {
	willing := e.binom(conversion, s, size)
	hired := willing
	vacant, part := 0.0, 0.0
	switch posts {
	case workforce.PostsVacancies:
		vacant, part = e.vacantPosts(c)
		hired = min(willing, vacant)
	case workforce.PostsNewPosts:
		e.addFundedPosts(c, hired)
	}
	e.join(c, workforce.SourceGraduate, hired, s)
	if posts == workforce.PostsVacancies {
		e.hireInto(c, hired, vacant, part)
	}
	e.flow[fJoinersGraduate][c] += hired
	e.flow[fGraduatesLost][c] += size - hired
	e.addCost(c, costRecruitment, hired*e.m.Costs.RecruitPerHead[workforce.SourceGraduate])
}

// addFundedPosts gives cell c a funded post for each of x heads who join
// it beyond its vacancies (at its FTE per head): from now on, like posts
// added by demand, and in force for the rest of this step.
func (e *engine) addFundedPosts(c int, x float64) {
	if x <= 0 {
		return
	}
	fte := x * e.ftePerHead[c]
	e.establishment[c] += fte
	e.establishmentInForce[c] += fte
}

// inYears reports whether month-of-year `month` falls in the step that
// starts in month first, within years firstYear..lastYear (0 = no bound).
func inYears(month, firstYear, lastYear int, first workforce.Month, stepMonths int) bool {
	for mo := first; mo < first+workforce.Month(stepMonths); mo++ {
		if mo.MonthOfYear() != month {
			continue
		}
		y := mo.Year()
		return (firstYear == 0 || y >= firstYear) && (lastYear == 0 || y <= lastYear)
	}
	return false
}

// inWindow reports whether the step starting at first overlaps [from, until)
// (zero bounds are open).
func inWindow(from, until, first workforce.Month) bool {
	return (from == 0 || first >= from) && (until == 0 || first < until)
}

// recruit fills vacancies with external recruits.
func (e *engine) recruit() {
	for c := range e.numCells {
		if e.recruitBin[c].P() <= 0 {
			continue
		}
		s := e.stream(streamRecruit, c)
		posts, part := e.vacantPosts(c)
		if part > 0 {
			posts-- // the part-time post is drawn on its own
		}
		hired := e.binom(&e.recruitBin[c], s, posts)
		partFilled := part > 0 && e.binom(&e.recruitBin[c], s, 1) == 1
		if partFilled {
			hired++
		}
		e.join(c, workforce.SourceExternal, hired, s)
		if partFilled {
			e.hirePart(c, part)
		}
		e.flow[fJoinersExternal][c] += hired
		if hired != 0 { // else addCost would add nothing
			e.addCost(c, costRecruitment, hired*e.m.Costs.RecruitPerHead[workforce.SourceExternal])
		}
	}
}

// endOfStep ends rotations, moves everyone on by one step in band, ends
// the induction of new starters, and puts the step's arrivals in place.
func (e *engine) endOfStep() {
	for c := range e.numCells {
		if r := e.rotOf[c]; r >= 0 {
			e.rotationEnds(c, r)
		}
	}
	if e.numTenures > 1 {
		e.ageRing()
	}
	e.placeArrivals()
	if e.induction < e.numTenures {
		e.endInduction()
	}
}

// ageRing moves everyone on one step in band by moving the ring's start
// back one place: the old last bucket becomes bucket 0, so its heads join
// the new last bucket (the one before it) first. A row whose oldest bucket
// is empty is left alone: adding its 0 would change nothing. The fields it
// reads are copied to locals so that the loop, which runs over every row
// of every cell each step, keeps them in registers.
func (e *engine) ageRing() {
	T := e.numTenures
	e.off--
	if e.off < 0 {
		e.off += T
	}
	off, last := e.off, e.off+T-1
	if last >= T {
		last -= T
	}
	count := e.count
	d := last - off // from a row's oldest bucket to its last
	for i := off; i < len(count); i += T {
		if v := count[i]; v != 0 {
			count[i+d] += v
			count[i] = 0
		}
	}
}

// placeArrivals puts the step's arrivals, kept by tenure after this
// step's ageing, into their places in the ring.
func (e *engine) placeArrivals() {
	T, off := e.numTenures, e.off
	count, rowN, arrivals := e.count, e.rowN, e.arrivals
	for _, i := range e.touched {
		row := i / T
		k := i - row*T + off // the arrival's tenure, in the ring
		if k >= T {
			k -= T
		}
		count[row*T+k] += arrivals[i]
		rowN[row] += arrivals[i]
		arrivals[i] = 0
	}
	e.touched = e.touched[:0]
}

// endInduction makes new starters and international recruits regular
// staff once their induction is over. Only the bucket that has just
// reached it can hold any.
func (e *engine) endInduction() {
	T, A, spc := e.numTenures, e.numAges, e.strataPerCell
	count, rowN := e.count, e.rowN
	// The strata of (o, a, induction) for a = 0, 1, ... are T apart.
	reg := e.stratum(e.origin[originRegular], 0, e.induction)
	for _, kind := range [...]originKind{originNew, originInternational} {
		o := e.origin[kind]
		if o < 0 {
			continue
		}
		from := e.stratum(o, 0, e.induction)
		for c := 0; c < len(count); c += spc {
			for a := 0; a < A*T; a += T {
				i := c + from + a
				if x := count[i]; x > 0 {
					j := c + reg + a
					count[j] += x
					count[i] = 0
					rowN[i/T] -= x
					rowN[j/T] += x
				}
			}
		}
	}
}

// rotationEnds handles the rotational staff of cell c whose rotation ends
// with this step: some leave; the rest move to the next cell of the
// rotation (keeping their time in band), or, after the last rotation,
// become regular staff where they are.
func (e *engine) rotationEnds(c, r int) {
	rot := &e.m.Rotations[r]
	o := e.origin[originRotational]
	length := rot.LengthMonths / e.m.StepMonths
	if length < 1 {
		return
	}
	s := e.stream(streamRotation, r)
	next := rot.Cells[(e.rotPos[c]+1)%len(rot.Cells)]
	for a := range e.numAges {
		// A rotation ends for those in the bucket of j*length-1 steps
		// done (so j*length with this one), j = 1 .. rot.Rotations, short
		// of the last bucket: visited in the order of the buckets.
		for j := 1; j <= rot.Rotations && j*length < e.numTenures; j++ {
			k := j*length - 1
			final := j == rot.Rotations
			i := c*e.strataPerCell + e.stratum(o, a, k)
			n := e.count[i]
			if n <= 0 {
				continue
			}
			gone := e.binom(&e.rotLeave[r], s, n)
			e.count[i] = 0
			e.rowN[i/e.numTenures] -= n
			if gone > 0 {
				e.depart(c, gone)
				e.leave(c, gone)
			}
			stay := n - gone
			if stay <= 0 {
				continue
			}
			to := next
			if final || len(rot.Cells) == 1 {
				to = c
			}
			arriveAs := o // the origin index they arrive with
			if final {
				arriveAs = e.origin[originRegular]
			}
			if to != c {
				e.flow[fMovesOut][c] += stay
				e.flow[fMovesIn][to] += stay
				e.moveAcross(c, to, stay)
			}
			// Placed at tenure k+1 directly: they have completed this step.
			if to == c {
				e.place(c, e.arrival(arriveAs, a, k+1), stay)
				continue
			}
			e.depart(c, stay)
			e.arrive(to, e.arrival(arriveAs, a, k+1), stay)
		}
	}
}

// costs adds the step's pay, agency and training costs, and the costs of
// interventions in force.
func (e *engine) costs(first workforce.Month) {
	m := e.m
	year := float64(m.StepMonths) / monthsPerYear
	cs := &m.Costs
	if cs.AgencyPerHour > 0 || cs.ApprenticePerYear > 0 || slices.ContainsFunc(cs.PayPerFTE[:], isPositive) {
		e.cellCosts(year)
	}
	if cs.StudentPerYear > 0 {
		for i, st := range m.Students {
			e.addCost(st.To, costTraining, e.students[i].total()*cs.StudentPerYear*year)
		}
	}
	for i := range m.Interventions {
		iv := &m.Interventions[i]
		cells := e.ivCells[i]
		if len(cells) == 0 {
			continue
		}
		total := 0.0
		if iv.OneOffCost != workforce.NoParam && iv.Start >= first && iv.Start < first+workforce.Month(m.StepMonths) {
			total += e.param[iv.OneOffCost]
		}
		if iv.AnnualCost != workforce.NoParam {
			total += e.param[iv.AnnualCost] * iv.StepEffect(first, m.StepMonths) * year
		}
		if total == 0 {
			continue
		}
		for _, c := range cells {
			e.addCost(c, costInterventions, total/float64(len(cells)))
		}
	}
}

// cellCosts adds each cell's pay, agency and training costs of a step of
// `year` years, cell by cell (costs skips it when none has a rate).
func (e *engine) cellCosts(year float64) {
	cs := &e.m.Costs
	cells := e.m.Layout.Cells
	for c := range e.numCells {
		band := cells[c].Band
		if p := cs.PayPerFTE[band]; p > 0 {
			e.addCost(c, costPay, e.inPostFTE[c]*p*year)
		}
		if cs.AgencyPerHour > 0 {
			e.agencyCost(c, band, year)
		}
		// No apprentices, no cost: addCost would add nothing.
		if h := e.apprHC[c]; cs.ApprenticePerYear > 0 && h != 0 {
			e.addCost(c, costTraining, h*cs.ApprenticePerYear*year)
		}
	}
}

func isPositive(x float64) bool { return x > 0 }

// agencyCost adds the agency cost of cell c, of band `band`, over a step of
// `year` years, and its substantive cost. Without agency cover (no share,
// or no vacancy) both are 0, and adding them would change nothing.
func (e *engine) agencyCost(c int, band workforce.Band, year float64) {
	agency := e.agencyFTE(c)
	if agency <= 0 {
		return
	}
	cs := &e.m.Costs
	x := agency * cs.HoursPerFTE * cs.AgencyPerHour * year
	e.addCost(c, costAgency, x)
	e.money.agency(c, x, agency*cs.PayPerFTE[band]*year) // against the same FTE substantive
}

func (e *engine) addCost(c int, kind costKind, x float64) {
	if x == 0 {
		return
	}
	e.flow[fCostFirst+cellFlow(kind)][c] += x
	e.cumCost[kind][c] += x
	e.money.add(c, kind, x)
}

// agencyFTE is the agency and bank FTE covering a cell's vacancies.
func (e *engine) agencyFTE(c int) float64 {
	share := e.lev.get(workforce.LeverAgencyShare, c)
	if share <= 0 {
		return 0
	}
	return share * max(0, e.establishmentInForce[c]-e.fte(c))
}
