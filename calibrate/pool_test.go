package calibrate

import (
	"math"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

// steadyE is a table of cells with level headcounts: each cell's heads
// every month, and its leavers month by month (refilled by as many
// joiners), over 24 months from 2023-01.
func steadyE(cells map[cellKey]struct{ heads, leaversEvery float64 }, keys []cellKey) *history.Table {
	t := &history.Table{Source: "steady", Columns: []history.Column{history.StaffHeads, history.Leavers, history.Joiners}}
	for m := range 24 {
		for _, k := range keys {
			c := cells[k]
			leavers := 0.0
			if c.leaversEvery > 0 && m%int(c.leaversEvery) == 0 {
				leavers = math.Max(1, math.Round(c.heads*c.leaversEvery*0.12/12))
			}
			t.Rows = append(t.Rows, history.Row{Month: workforce.NewMonth(2023, 1) + workforce.Month(m), Org: k.Org, Prof: k.Prof,
				Band: k.Band, Figures: figsE(map[history.Column]float64{history.StaffHeads: c.heads,
					history.Leavers: leavers, history.Joiners: leavers})})
		}
	}
	return t
}

// TestSmallCellsBorrowStrength is the case: a team of 3 heads with
// no leavers in two years gets a leaver rate strictly between 0 and 1 near
// its group's, with pooling near 1; a cell of 5,000 heads keeps its own
// rate, pooling near 0. The other cells (30 heads) leave at about 12%.
func TestSmallCellsBorrowStrength(t *testing.T) {
	cells := map[cellKey]struct{ heads, leaversEvery float64 }{}
	var keys []cellKey
	for i, org := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		k := cellKey{org, "physiotherapist", workforce.Band6}
		keys = append(keys, k)
		switch org {
		case "a":
			cells[k] = struct{ heads, leaversEvery float64 }{3, 0} // no leavers at all
		case "b":
			cells[k] = struct{ heads, leaversEvery float64 }{5000, 1}
		default:
			cells[k] = struct{ heads, leaversEvery float64 }{30, float64(2 + i%3)}
		}
	}
	fit, err := FitTable(steadyE(cells, keys), FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tiny := estimateOf(t, fit, keys[0], LeaverRate)
	huge := estimateOf(t, fit, keys[1], LeaverRate)
	if tiny.Count != 0 || !(tiny.Mean > 0 && tiny.Mean < 1) || !(tiny.Lower > 0 && tiny.Upper < 1) {
		t.Errorf("3-head cell: %d leavers, rate %v (%v to %v), want strictly between 0 and 1", int(tiny.Count), tiny.Mean, tiny.Lower, tiny.Upper)
	}
	// The group's rate, of the cells other than the tiny one, is about 12%.
	var events, exposure float64
	for _, k := range keys[2:] {
		e := estimateOf(t, fit, k, LeaverRate)
		events, exposure = events+e.Count, exposure+e.Exposure
	}
	group := events / exposure
	if math.Abs(tiny.Mean-group) > 0.25*group {
		t.Errorf("3-head cell: rate %.4f, want within 25%% of its group's %.4f", tiny.Mean, group)
	}
	// Its exposure is 6 headcount-years against a prior of about 40 (the
	// median cell's 60, widened for 7 cells): pooling about 0.88.
	if tiny.Pooling < 0.85 {
		t.Errorf("3-head cell: pooling %.3f, want near 1 (> 0.85)", tiny.Pooling)
	}
	if huge.Pooling > 0.01 || math.Abs(huge.Mean-huge.Raw) > 0.001 {
		t.Errorf("5,000-head cell: pooling %.4f, rate %.4f against raw %.4f, want pooling near 0", huge.Pooling, huge.Mean, huge.Raw)
	}
	if !strings.Contains(tiny.Prior, "physiotherapist band 6 across organisations (7 cells)") {
		t.Errorf("prior %q, want the profession and band across organisations", tiny.Prior)
	}
}

// TestPriorFallsBackUpTheHierarchy: one organisation has one cell per
// profession and band, so each band takes the prior of its profession
// across bands, and a profession with too few cells takes every cell's.
// A cell whose leavers are all blank has no exposure: it takes its prior,
// marked assumed, with pooling 1.
func TestPriorFallsBackUpTheHierarchy(t *testing.T) {
	cells := map[cellKey]struct{ heads, leaversEvery float64 }{}
	var keys []cellKey
	for _, b := range []workforce.Band{workforce.Band5, workforce.Band6, workforce.Band7} {
		keys = append(keys, cellKey{"a", "physiotherapist", b})
		cells[keys[len(keys)-1]] = struct{ heads, leaversEvery float64 }{40, 2}
	}
	dietitian := cellKey{"a", "dietitian", workforce.Band6}
	keys = append(keys, dietitian)
	cells[dietitian] = struct{ heads, leaversEvery float64 }{10, 3}
	table := steadyE(cells, keys)
	blank := cellKey{"a", "physiotherapist", workforce.Band8a}
	for m := range 24 {
		table.Rows = append(table.Rows, history.Row{Month: workforce.NewMonth(2023, 1) + workforce.Month(m), Org: "a",
			Prof: blank.Prof, Band: blank.Band, Figures: figsE(map[history.Column]float64{history.StaffHeads: 4})})
	}
	fit, err := FitTable(table, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[cellKey]string{
		keys[0]:   "physiotherapist across bands and organisations (3 cells)",
		dietitian: "every cell (4 cells)",
		blank:     "physiotherapist across bands and organisations (3 cells)",
	} {
		if e := estimateOf(t, fit, k, LeaverRate); !strings.HasPrefix(e.Prior, want) {
			t.Errorf("%v: prior %q, want %q", k, e.Prior, want)
		}
	}
	e := estimateOf(t, fit, blank, LeaverRate)
	if !e.Assumed || e.Pooling != 1 || e.Exposure != 0 || !math.IsNaN(e.Raw) || !(e.Mean > 0 && e.Mean < 1) {
		t.Errorf("blank cell: %+v, want assumed with pooling 1 and its prior's mean", e)
	}
	if p := estimateOf(t, fit, keys[0], LeaverRate); math.Abs(e.Mean-p.Alpha/(p.Alpha+p.Beta)) > 0.05 {
		t.Errorf("blank cell's rate %.4f far from its profession's cells (%.4f)", e.Mean, p.Mean)
	}
}

// TestMomentPriorStrength: identical cells give the ceiling (the median
// exposure, widened for few cells); widely spread cells the floor.
func TestMomentPriorStrength(t *testing.T) {
	same := []tally{{100, 10, 12}, {100, 10, 12}, {100, 10, 12}, {100, 10, 12}, {100, 10, 12}}
	p := momentPrior(same)
	// Student t on 4 degrees of freedom: 2.1318; (z90 / t)^2 = 0.5953.
	if want := 101*0.5953 - 1; math.Abs(p.strength-want) > 0.1 || math.Abs(p.mean-0.1) > 1e-9 {
		t.Errorf("identical cells: %+v, want mean 0.1 and strength %.1f", p, want)
	}
	spread := []tally{{100, 0, 12}, {100, 90, 12}, {100, 1, 12}, {100, 95, 12}}
	// The floor: at least 2, and a0 = mean s and b0 = (1 - mean) s at least 1.
	if p := momentPrior(spread); p.strength != max(2, 1/p.mean, 1/(1-p.mean)) || p.strength <= 2 {
		t.Errorf("spread cells: %+v, want the floor, 1 / min(mean, 1 - mean)", p)
	}
	if p := momentPrior(same[:2]); math.Abs(p.strength-1/p.mean) > 1e-9 {
		t.Errorf("two cells: %+v, want the floor, a0 = 1", p)
	}
}

// TestPosteriorIgnoresEventsWithoutExposure: leavers counted in months
// whose heads are blank have no exposure, so the cell keeps its prior.
func TestPosteriorIgnoresEventsWithoutExposure(t *testing.T) {
	pr := prior{mean: 0.1, strength: 20, label: "group"}
	e := posterior(MonthlyFill, rateCell{&series{key: cellKey{"a", "physiotherapist", workforce.Band5}}, tally{0, 2, 1}}, pr)
	if !e.Assumed || math.Abs(e.Alpha-2) > 1e-12 || math.Abs(e.Beta-18) > 1e-12 || e.Pooling != 1 {
		t.Errorf("%+v, want the prior Beta(2, 18), assumed", e)
	}
	// With exposure, the events count: Beta(2 + 3, 18 + 30 - 3).
	e = posterior(MonthlyFill, rateCell{&series{key: cellKey{"a", "physiotherapist", workforce.Band5}}, tally{30, 3, 12}}, pr)
	if math.Abs(e.Alpha-5) > 1e-12 || math.Abs(e.Beta-45) > 1e-12 || math.Abs(e.Pooling-0.4) > 1e-12 || e.Assumed {
		t.Errorf("%+v, want Beta(5, 45), pooling 0.4", e)
	}
	// 5% and 95% points of Beta(5, 45), I_x(5, 45) = P(Bin(49, x) >= 5)
	// solved by bisection: 0.0410759 and 0.1771479.
	if math.Abs(e.Lower-0.0410759) > 1e-6 || math.Abs(e.Upper-0.1771479) > 1e-6 {
		t.Errorf("interval %v to %v", e.Lower, e.Upper)
	}
}

// TestLeaverRateSpreadIsMonthly: a leaver rate's Beta keeps the plain
// posterior's mean and takes the variance of leavers drawn month by month,
// m (1 - m/12) / (a + b), wider than the plain Beta's.
func TestLeaverRateSpreadIsMonthly(t *testing.T) {
	pr := prior{mean: 0.1, strength: 20, label: "group"}
	e := posterior(LeaverRate, rateCell{&series{key: cellKey{"a", "physiotherapist", workforce.Band5}}, tally{30, 3, 12}}, pr)
	m, n := 5.0/50, 50.0
	variance := e.Alpha * e.Beta / ((e.Alpha + e.Beta) * (e.Alpha + e.Beta) * (e.Alpha + e.Beta + 1))
	if math.Abs(e.Mean-m) > 1e-12 || math.Abs(variance-m*(1-m/12)/n) > 1e-12 {
		t.Errorf("Beta(%v, %v): mean %v, variance %v; want %v and %v", e.Alpha, e.Beta, e.Mean, variance, m, m*(1-m/12)/n)
	}
	if !(e.Lower < 0.0410759 && e.Upper > 0.1771479) {
		t.Errorf("interval %v to %v, want wider than Beta(5, 45)'s", e.Lower, e.Upper)
	}
}

// TestPriorMovesTowardsTheNearestGroup: with two organisations, a cell's
// prior comes from its profession across bands, its mean moved towards the
// other organisation's cell of the same band by that cell's data (the
// cell's own data is left out: its posterior counts it).
func TestPriorMovesTowardsTheNearestGroup(t *testing.T) {
	band := func(org string, b workforce.Band, x, y float64) rateCell {
		return rateCell{&series{key: cellKey{org, "physiotherapist", b}}, tally{x, y, 24}}
	}
	cells := []rateCell{band("a", workforce.Band5, 50, 10), band("a", workforce.Band6, 50, 5), band("a", workforce.Band7, 50, 4),
		band("b", workforce.Band5, 40, 9), band("b", workforce.Band6, 40, 4), band("b", workforce.Band7, 40, 3)}
	priors := priorsOf(cells, LeaverRate)
	prof := momentPrior([]tally{cells[0].t, cells[1].t, cells[2].t, cells[3].t, cells[4].t, cells[5].t})
	// Organisation a's Band 5 borrows from b's Band 5: 9 leavers in 40.
	want := (9 + prof.mean*prof.strength) / (40 + prof.strength)
	if math.Abs(priors[0].mean-want) > 1e-12 || math.Abs(priors[0].strength-prof.strength) > 1e-12 {
		t.Errorf("prior %+v, want mean %v and the profession's strength %v", priors[0], want, prof.strength)
	}
	if !strings.Contains(priors[0].label, "mean moved to") || !strings.Contains(priors[0].label, "(1 other cell)") {
		t.Errorf("label %q", priors[0].label)
	}
	if !(priors[0].mean > priors[1].mean) {
		t.Errorf("Band 5's prior mean %v not above Band 6's %v: the bands' own rates are lost", priors[0].mean, priors[1].mean)
	}
}
