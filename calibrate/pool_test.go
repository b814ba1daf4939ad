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
	if p := momentPrior(spread); p.strength != minStrength {
		t.Errorf("spread cells: strength %v, want the floor %v", p.strength, minStrength)
	}
	if p := momentPrior(same[:2]); p.strength != minStrength {
		t.Errorf("two cells: strength %v, want the floor %v", p.strength, minStrength)
	}
}
