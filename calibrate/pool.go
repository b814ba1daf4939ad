package calibrate

import (
	"fmt"
	"math"
	"sort"

	"github.com/ahpsim/ahpsim/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

// The empirical-Bayes prior (docs/calibration.md, Partial pooling).
const (
	// minGroupCells is the fewest cells with data from which a group's
	// prior is estimated; a smaller group takes the prior of the group
	// above it.
	minGroupCells = 3
	// minStrength is the least strength a0 + b0 of a prior, in the
	// parameter's exposure units (floorStrength may ask for more).
	minStrength = 2
	// minBeta keeps a posterior's b above 0 when a cell's events exceed its
	// exposure and the prior's b0 (an annual rate above 1).
	minBeta = 0.01
)

// rateCell is one cell's tally for a rate, and its estimate.
type rateCell struct {
	s *series
	t tally
}

// prior is a Beta prior of mean Mean and strength a0 + b0.
type prior struct {
	mean, strength float64
	label          string
}

// groupOf is one level of the hierarchy: the key of a cell's group.
type groupOf func(k cellKey) string

// levels are the hierarchy, from the cell's nearest group up: the same
// profession and band across organisations, the profession across bands,
// every cell.
var levels = []struct {
	key  groupOf
	name func(k cellKey) string
}{
	{func(k cellKey) string { return k.Prof + "/" + k.Band.String() },
		func(k cellKey) string { return fmt.Sprintf("%s band %s across organisations", k.Prof, k.Band) }},
	{func(k cellKey) string { return k.Prof },
		func(k cellKey) string { return fmt.Sprintf("%s across bands and organisations", k.Prof) }},
	{func(cellKey) string { return "" },
		func(cellKey) string { return "every cell" }},
}

// fitRate tallies a rate in every cell, estimates the priors and returns
// each cell's posterior. With no data in any cell it returns nothing and
// says so in the notes.
func (f *fitter) fitRate(p Param, of tallierOf) []Estimate {
	tal := of()
	if tal == nil {
		return nil
	}
	var cells []rateCell
	for _, s := range f.cells {
		if t, ok := tal(s); ok {
			cells = append(cells, rateCell{s, t})
		}
	}
	if !anyExposure(cells) {
		f.note("no cell has data for %s: not fitted", p)
		return nil
	}
	priors := priorsOf(cells, p)
	out := make([]Estimate, len(cells))
	for i, c := range cells {
		out[i] = posterior(p, c, priors[i])
	}
	return out
}

func anyExposure(cells []rateCell) bool {
	for _, c := range cells {
		if c.t.exposure > 0 {
			return true
		}
	}
	return false
}

// priorsOf returns each cell's prior: its nearest group's with at least
// minGroupCells cells with data, else every cell's.
func priorsOf(cells []rateCell, p Param) []prior {
	out := make([]prior, len(cells))
	memo := map[string]prior{}
	sums := groupSums(cells)
	for i, c := range cells {
		for lv, level := range levels {
			g := groupName(lv, c.s.key)
			pr, done := memo[g]
			if !done {
				members := groupMembers(cells, level.key, level.key(c.s.key))
				top := lv == len(levels)-1
				if withData(members) < minGroupCells && !top {
					memo[g] = prior{}
					continue
				}
				pr = momentPrior(members)
				pr.label = fmt.Sprintf("%s (%d cells): mean %s, strength %s %s", level.name(c.s.key), withData(members),
					sim.FormatNumber(pr.mean, 6), sim.FormatNumber(pr.strength, 2), p.ExposureUnit())
				memo[g] = pr
			}
			if pr.strength > 0 {
				out[i] = nearer(sums, c, lv, pr)
				break
			}
		}
	}
	return out
}

// groupName names a cell's group at a level of the hierarchy.
func groupName(lv int, k cellKey) string { return fmt.Sprint(lv, ":", levels[lv].key(k)) }

// groupSum is the exposure, events and number of a group's cells with data.
type groupSum struct {
	exposure, count float64
	cells           int
}

// groupSums returns every group's sums, by groupName.
func groupSums(cells []rateCell) map[string]groupSum {
	out := map[string]groupSum{}
	for _, c := range cells {
		if c.t.exposure == 0 {
			continue
		}
		for lv := range levels {
			g := groupName(lv, c.s.key)
			s := out[g]
			out[g] = groupSum{s.exposure + c.t.exposure, s.count + c.t.count, s.cells + 1}
		}
	}
	return out
}

// nearer moves a prior taken from level lv (a group above the cell's
// nearest, which had too few cells) towards the other cells of the nearest
// group that has any: their posterior mean under that prior, (their events
// + mean x strength) / (their exposure + strength), leaving out the cell's
// own data, which its posterior counts. The strength is kept, and the
// mean kept within [1/strength, 1 - 1/strength]. So a Band 5 cell of two
// organisations borrows from the other organisation's Band 5 first, not
// only from its profession across bands.
func nearer(sums map[string]groupSum, c rateCell, lv int, pr prior) prior {
	k := c.s.key
	for near := range lv {
		s := sums[groupName(near, k)]
		if c.t.exposure > 0 { // leave the cell's own data out
			s = groupSum{s.exposure - c.t.exposure, s.count - c.t.count, s.cells - 1}
		}
		if s.cells == 0 {
			continue
		}
		mean := (s.count + pr.mean*pr.strength) / (s.exposure + pr.strength)
		// The mean moves only as far as keeps a0 and b0 at least 1 (see
		// floorStrength): raising the strength instead would narrow the
		// prior on the word of a group too small to estimate its spread.
		mean = min(max(mean, 1/pr.strength), 1-1/pr.strength)
		others := "1 other cell"
		if s.cells > 1 {
			others = fmt.Sprintf("%d other cells", s.cells)
		}
		return prior{mean: mean, strength: pr.strength, label: fmt.Sprintf("%s; mean moved to %s by %s (%s)",
			pr.label, sim.FormatNumber(mean, 6), levels[near].name(k), others)}
	}
	return pr
}

func groupMembers(cells []rateCell, key groupOf, g string) []tally {
	var out []tally
	for _, c := range cells {
		if key(c.s.key) == g {
			out = append(out, c.t)
		}
	}
	return out
}

func withData(ts []tally) int {
	n := 0
	for _, t := range ts {
		if t.exposure > 0 {
			n++
		}
	}
	return n
}

// momentPrior estimates a group's Beta prior by the method of moments
// (docs/calibration.md, Partial pooling): tau^2, the variance of the
// cells' true rates about the group's, is the spread of their raw rates
// beyond what binomial noise explains (Paule and Mandel's estimator); the
// prior's mean is the cells' random-effects mean, each cell weighted by
// 1 / (its binomial variance + tau^2), so one big cell does not set every
// small cell's prior; its variance is tau^2 plus that mean's own
// variance; its strength s = mean (1 - mean) / variance - 1, at most the
// median exposure of the group's cells (the prior never outweighs a
// typical cell's own data), then widened for the few cells tau^2 came
// from, and at least floorStrength. With fewer than minGroupCells cells
// the strength is floorStrength.
func momentPrior(ts []tally) prior {
	var w, events float64
	var exposures []float64
	for _, t := range ts {
		if t.exposure > 0 {
			w += t.exposure
			events += t.count
			exposures = append(exposures, t.exposure)
		}
	}
	k := len(exposures)
	// Half an event in one unit of exposure keeps the mean inside (0, 1)
	// when no cell had an event, at a negligible cost elsewhere.
	lo, hi := 0.5/(w+1), 1-0.5/(w+1)
	pooled := min(max((events+0.5)/(w+1), lo), hi)
	if k < minGroupCells {
		return prior{mean: pooled, strength: floorStrength(pooled)}
	}
	within := pooled * (1 - pooled)
	tau2 := pauleMandel(ts, within)
	reMean, sw := randomEffectsMean(ts, within, tau2)
	mean := min(max(reMean, lo), hi)
	strength := min(mean*(1-mean)/(tau2+1/sw)-1, median(exposures))
	// The variance is estimated from k cells: widen the prior as a
	// Student t on k - 1 degrees of freedom widens a normal interval.
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(k - 1)}.Quantile(0.95)
	strength = (strength+1)*(z90/t)*(z90/t) - 1
	return prior{mean: mean, strength: max(strength, floorStrength(mean))}
}

// randomEffectsMean is the cells' rates weighted by 1 / (within / exposure
// + tau2), and the sum of the weights; cells without exposure count for
// nothing.
func randomEffectsMean(ts []tally, within, tau2 float64) (mean, weights float64) {
	var sw, swp float64
	for _, t := range ts {
		if t.exposure > 0 {
			wi := 1 / (within/t.exposure + tau2)
			sw += wi
			swp += wi * t.count / t.exposure
		}
	}
	return swp / sw, sw
}

// pauleMandel returns the between-cell variance tau^2 at which the
// cells' weighted squared deviations from their random-effects mean equal
// their degrees of freedom, k - 1 (Paule and Mandel's moment estimator,
// which unlike DerSimonian and Laird's does not underestimate tau^2 when
// cells' exposures differ widely), found by bisection; 0 when even tau^2 =
// 0 leaves less spread than binomial noise.
func pauleMandel(ts []tally, within float64) float64 {
	excess := func(tau2 float64) float64 {
		mean, _ := randomEffectsMean(ts, within, tau2)
		q, k := 0.0, 0
		for _, t := range ts {
			if t.exposure > 0 {
				d := t.count/t.exposure - mean
				q += d * d / (within/t.exposure + tau2)
				k++
			}
		}
		return q - float64(k-1)
	}
	if excess(0) <= 0 {
		return 0
	}
	lo, hi := 0.0, within
	for excess(hi) > 0 {
		hi *= 2
	}
	for range 60 {
		mid := (lo + hi) / 2
		if excess(mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// floorStrength is the least strength of a prior of this mean: at least
// minStrength, and enough that a0 and b0 are both at least 1, so that the
// prior has a mode and no spike of density at 0 or 1 (a Beta with a0 < 1
// says a rate near 0 is likelier than the group's: a small cell with no
// events would be pulled to 0, not to its group).
func floorStrength(mean float64) float64 {
	return max(minStrength, 1/mean, 1/(1-mean))
}

// median returns the median of xs (which it sorts).
func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// posterior combines a cell's tally with its prior: Beta(a0 + L, b0 + E -
// L), with b kept above minBeta.
func posterior(p Param, c rateCell, pr prior) Estimate {
	a0, b0 := pr.mean*pr.strength, (1-pr.mean)*pr.strength
	e := Estimate{Org: c.s.key.Org, Prof: c.s.key.Prof, Band: c.s.key.Band, Param: p,
		Exposure: c.t.exposure, Count: c.t.count, Raw: math.NaN(), Prior: pr.label}
	if c.t.exposure > 0 {
		e.Raw = c.t.count / c.t.exposure
	}
	events := c.t.count
	if c.t.exposure == 0 {
		events = 0 // events with no exposure (blank heads) say nothing of a rate
	}
	e.Alpha = a0 + events
	e.Beta = max(b0+c.t.exposure-events, minBeta)
	if p == LeaverRate {
		e.Alpha, e.Beta = monthlyExits(e.Alpha, e.Beta)
	}
	e.Pooling = pr.strength / (pr.strength + c.t.exposure)
	beta := distuv.Beta{Alpha: e.Alpha, Beta: e.Beta}
	e.Mean = e.Alpha / (e.Alpha + e.Beta)
	e.Lower, e.Upper = beta.Quantile(0.05), beta.Quantile(0.95)
	e.Assumed = c.t.exposure == 0
	e.Source = sourceText(p, c.t)
	return e
}

// monthlyExits widens the Beta(a, b) of an annual leaver rate to the
// spread of leavers drawn month by month: over E headcount-years they
// number Bin(12E, r/12), whose variance E r (1 - r/12) is more than the
// E r (1 - r) that Beta(a, b) treats a headcount-year as (one trial a
// year). The Beta keeps its mean m and takes the variance m (1 - m/12) /
// (a + b) by moments; a Beta too small to widen is left as it is.
func monthlyExits(a, b float64) (float64, float64) {
	n := a + b
	m := a / n
	k := (1-m)*n/(1-m/12) - 1
	if k <= 2 {
		return a, b
	}
	return m * k, (1 - m) * k
}

// sourceText says what a rate was computed from.
func sourceText(p Param, t tally) string {
	if t.exposure == 0 {
		return "no data in the cell: its group's prior, an assumption"
	}
	what := map[Param]string{
		LeaverRate:     "leavers over mean staff_heads",
		MonthlyFill:    "joiners over vacant posts",
		PromotionApply: "promotions_in of the band above over staff_heads",
	}[p]
	return fmt.Sprintf("%s, %d months", what, t.months)
}
