package sim

import "slices"

// maxPicks is the most heads takeFromRow picks one at a time; it takes
// more with one multivariate hypergeometric draw.
const maxPicks = 8

// promoteSingle is promoteStrata for a cell of one stratum (one origin, age
// group and tenure bucket, so no promotion has a minimum time in band): the
// stratum's heads are the eligible ones, so there are no rows to list and
// no buckets to scan. The draws and the bookkeeping are promoteStrata's.
func (e *engine) promoteSingle(p *promotionPlan, vacant float64, s int) float64 {
	total := e.count[p.from] // the cell's row total, and its eligible heads
	if !(total > 0) {
		return 0 // eligibleRows would leave the row out
	}
	promoted := min(e.binom(&p.bin, s, total), vacant)
	if promoted <= 0 {
		return 0
	}
	moved := e.takeSingle(total, promoted, s)
	if moved <= 0 {
		return promoted
	}
	e.count[p.from] -= moved
	e.rowN[p.from] -= moved
	e.depart(p.from, moved)
	e.arrive(p.to, e.arrival(e.origin[originRegular], 0, 0), moved)
	return promoted
}

// takeSingle is takeFromRow on one bucket of n heads, taking x: what it
// takes, with its draws.
func (e *engine) takeSingle(n, x float64, s int) float64 {
	switch {
	case e.det:
		return n * x / n // takeFromRow's share of the bucket, rounded as it is
	case x == n:
		return n
	}
	e.takeFromOne(x, n, s, e.taken)
	return e.taken[0]
}

// picksFew reports whether takeFromRow would take x of n heads one pick at
// a time (Monte Carlo mode, not all of them, a few), as pickPromoted does.
func (e *engine) picksFew(x, n float64) bool {
	return !e.det && x != n && x <= maxPicks
}

// pickPromoted is eligible, takeFromRow and movePromoted together when
// takeFromRow would pick the x promoted of the total eligible heads one at
// a time (picksFew): the same draws, each finding the same head, but found
// by the rows' eligible heads (eligibleTotal kept them) and then within its
// row, so that no stratum is listed. The strata taken from are then moved
// in eligible's order, which fixes the order of the FTE sums.
func (e *engine) pickPromoted(p *promotionPlan, rows []int, total, x float64, s int) {
	T := e.numTenures
	from := e.count[p.from*e.strataPerCell : (p.from+1)*e.strataPerCell]
	lo1, hi1, hi2 := e.ringFrom(p.minBucket)
	rowElig := e.eligRowN[:len(rows)]
	rnd := e.streams[s].rnd
	var picks [maxPicks]int // each pick's place in eligible's order: row index*T + place in the row
	n := int(x)
	remaining := int(total)
	for j := range n {
		u := rnd.IntN(remaining)
		remaining--
		i := 0
		for ; u >= int(rowElig[i]); i++ {
			u -= int(rowElig[i])
		}
		rowElig[i]--
		base := rows[i] * T
		k, place := pickBucket(from[base:base+T], lo1, hi1, hi2, u)
		from[base+k]--
		picks[j] = i*T + place
	}
	slices.Sort(picks[:n])
	firstRow := p.from * e.strataPerCell / T
	for j := 0; j < n; {
		key, moved := picks[j], 0.0
		for ; j < n && picks[j] == key; j++ {
			moved++
		}
		row := rows[key/T]
		e.rowN[firstRow+row] -= moved
		e.depart(p.from, moved)
		e.arrive(p.to, e.arrival(e.origin[originRegular], row%e.numAges, 0), moved)
	}
}

// pickBucket finds where pick u falls among a row's eligible buckets, the
// places lo1 .. hi1-1 and then 0 .. hi2-1 (see ringFrom), as takeFromRow
// walks eligible's list: the first bucket whose heads exceed what is left
// of u. It returns the bucket's place in the row and its place in that
// order. u must be less than the buckets' heads.
func pickBucket(row []float64, lo1, hi1, hi2, u int) (bucket, place int) {
	for k := lo1; k < hi1; k++ {
		left := int(row[k])
		if u < left {
			return k, k - lo1
		}
		u -= left
	}
	for k := range hi2 {
		left := int(row[k])
		if u < left {
			return k, hi1 - lo1 + k
		}
		u -= left
	}
	panic("sim: a pick beyond a row's eligible heads")
}
