package calibrate

import (
	"fmt"
	"math"

	"github.com/ahpsim/ahpsim/history"
	"gonum.org/v1/gonum/stat/distuv"
)

// z90 is the standard normal quantile of a two-sided 90% interval.
const z90 = 1.6448536269514722

// fitFTEPerHead fits each cell's FTE per head: its FTE-months over its
// head-months, with a 90% interval of plus or minus z90 standard
// deviations of the monthly ratios (how much the figure moves from month to
// month), within (0, 1]. Not pooled: a cell's own figure is exact; a cell
// with no data takes its profession's (else every cell's) ratio, assumed.
func (f *fitter) fitFTEPerHead() []Estimate {
	if !f.requires(FTEPerHead, history.StaffHeads, history.StaffFTE) {
		return nil
	}
	out := make([]Estimate, len(f.cells))
	var all ratio
	byProf := map[string]*ratio{}
	for i, s := range f.cells {
		r := cellRatio(s)
		out[i] = r.estimate(s.key)
		if byProf[s.key.Prof] == nil {
			byProf[s.key.Prof] = &ratio{}
		}
		byProf[s.key.Prof].add(r)
		all.add(r)
	}
	if all.heads == 0 {
		f.note("no cell has data for %s: not fitted", FTEPerHead)
		return nil
	}
	for i, e := range out {
		if !e.Assumed {
			continue
		}
		group, label := byProf[e.Prof], "the ratio of "+e.Prof+" across bands and organisations"
		if group.heads == 0 {
			group, label = &all, "the ratio of every cell"
		}
		g := group.estimate(f.cells[i].key)
		g.Exposure, g.Count, g.Raw, g.Pooling, g.Assumed = 0, 0, math.NaN(), 1, true
		g.Prior, g.Source = label, "no staff_fte and staff_heads in the cell: its group's ratio, an assumption"
		out[i] = g
	}
	return out
}

// ratio sums a cell's FTE and heads over months, and the monthly ratios'
// moments.
type ratio struct {
	fte, heads          float64
	months              int
	sumRatio, sumRatio2 float64
}

func (r *ratio) add(o ratio) {
	r.fte += o.fte
	r.heads += o.heads
	r.months += o.months
	r.sumRatio += o.sumRatio
	r.sumRatio2 += o.sumRatio2
}

func cellRatio(s *series) ratio {
	var r ratio
	for _, row := range s.rows {
		fte, okF := value(row, history.StaffFTE)
		heads, okH := value(row, history.StaffHeads)
		if !okF || !okH || heads <= 0 {
			continue
		}
		r.fte += fte
		r.heads += heads
		x := fte / heads
		r.sumRatio += x
		r.sumRatio2 += x * x
		r.months++
	}
	return r
}

func (r ratio) estimate(k cellKey) Estimate {
	e := Estimate{Org: k.Org, Prof: k.Prof, Band: k.Band, Param: FTEPerHead,
		Exposure: r.heads, Count: r.fte, Raw: math.NaN(), Prior: "none: the cell's own figure"}
	if r.heads == 0 {
		e.Assumed, e.Pooling = true, 1
		return e
	}
	e.Raw = r.fte / r.heads
	e.Mean = e.Raw
	sd := 0.0
	if r.months > 1 {
		n := float64(r.months)
		mean := r.sumRatio / n
		sd = math.Sqrt(max(0, (r.sumRatio2-n*mean*mean)/(n-1)))
	}
	// The scenario's fte_per_head is above 0 and at most 1.
	e.Mean = min(e.Mean, 1)
	e.Lower = min(max(e.Raw-z90*sd, 0), e.Mean)
	e.Upper = min(e.Raw+z90*sd, 1)
	e.Source = fmt.Sprintf("staff_fte over staff_heads, %d months", r.months)
	return e
}

// fitGrowth fits each cell's annual establishment growth from a least
// squares line through the logarithm of establishment_fte over the months:
// slope beta a month, growth exp(12 beta) - 1, and the 90% interval from
// beta's standard error with Student's t on n - 2 degrees of freedom.
// A cell with fewer than 3 months of positive establishment takes the mean
// of its profession's (else every cell's) fitted cells, assumed.
func (f *fitter) fitGrowth() []Estimate {
	if !f.requires(EstablishmentGrowth, history.EstablishmentFTE) {
		return nil
	}
	out := make([]Estimate, len(f.cells))
	sums := map[string]*[4]float64{"": {}} // profession ("" every cell): n, mean, lower, upper sums
	for i, s := range f.cells {
		out[i] = growthOf(s)
		if out[i].Assumed {
			continue
		}
		for _, g := range []string{s.key.Prof, ""} {
			if sums[g] == nil {
				sums[g] = &[4]float64{}
			}
			sums[g][0]++
			sums[g][1] += out[i].Mean
			sums[g][2] += out[i].Lower
			sums[g][3] += out[i].Upper
		}
	}
	if sums[""][0] == 0 {
		f.note("no cell has 3 months of establishment_fte: %s not fitted", EstablishmentGrowth)
		return nil
	}
	for i, e := range out {
		if !e.Assumed {
			continue
		}
		g, label := sums[e.Prof], "the mean of "+e.Prof+"'s fitted cells"
		if g == nil {
			g, label = sums[""], "the mean of every fitted cell"
		}
		out[i].Mean, out[i].Lower, out[i].Upper = g[1]/g[0], g[2]/g[0], g[3]/g[0]
		out[i].Prior = fmt.Sprintf("%s (%d cells)", label, int(g[0]))
	}
	return out
}

// growthOf fits one cell's establishment growth.
func growthOf(s *series) Estimate {
	e := Estimate{Org: s.key.Org, Prof: s.key.Prof, Band: s.key.Band, Param: EstablishmentGrowth,
		Count: math.NaN(), Raw: math.NaN(), Prior: "none: the cell's own trend"}
	var xs, ys []float64
	for i, row := range s.rows {
		if v, ok := value(row, history.EstablishmentFTE); ok && v > 0 {
			xs = append(xs, float64(i))
			ys = append(ys, math.Log(v))
		}
	}
	e.Exposure = float64(len(xs))
	if len(xs) < 3 {
		e.Assumed, e.Pooling = true, 1
		e.Source = "fewer than 3 months of establishment_fte in the cell: an assumption"
		return e
	}
	slope, se := lineFit(xs, ys)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(len(xs) - 2)}.Quantile(0.95)
	annual := func(b float64) float64 { return math.Expm1(12 * b) }
	e.Raw, e.Mean = annual(slope), annual(slope)
	e.Lower, e.Upper = annual(slope-t*se), annual(slope+t*se)
	e.Source = fmt.Sprintf("log-linear trend of establishment_fte, %d months", len(xs))
	return e
}

// lineFit returns the least squares slope of y on x and its standard error.
func lineFit(xs, ys []float64) (slope, se float64) {
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx, my = mx/n, my/n
	var sxx, sxy float64
	for i := range xs {
		sxx += (xs[i] - mx) * (xs[i] - mx)
		sxy += (xs[i] - mx) * (ys[i] - my)
	}
	slope = sxy / sxx
	var rss float64
	for i := range xs {
		r := ys[i] - my - slope*(xs[i]-mx)
		rss += r * r
	}
	return slope, math.Sqrt(rss / (n - 2) / sxx)
}

// Triangular returns a triangular distribution (min, mode, max) for an
// estimate that is not a Beta: mode the Mean, each side stretched so that
// the 5th and 95th percentiles are Lower and Upper (exact when the
// interval is symmetric: for a symmetric triangular of half-width w the
// 5th percentile is mode - (1 - sqrt(0.1)) w). ok is false for a Beta
// estimate, or when Lower equals Upper (no spread: write the Mean as a
// plain number).
func (e Estimate) Triangular() (lo, mode, hi float64, ok bool) {
	if e.Alpha > 0 || !(e.Upper > e.Lower) {
		return 0, e.Mean, 0, false
	}
	stretch := 1 / (1 - math.Sqrt(0.1))
	return e.Mean - stretch*(e.Mean-e.Lower), e.Mean, e.Mean + stretch*(e.Upper-e.Mean), true
}
