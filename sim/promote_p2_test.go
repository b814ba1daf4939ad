package sim

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// promotionEngine is stratifiedEngine's model (Monte Carlo mode unless det)
// with promotions from cell 0 with no minimum time in band, and with one of
// 4 months, besides its own of 10.
func promotionEngine(t *testing.T, det bool) *engine {
	t.Helper()
	m := newTestModel(t, 1, 12, [3]int{40, 20, 10}, [3]float64{45, 25, 12})
	m.AgeGroups = []workforce.AgeGroup{{Name: "under 40", FromAge: 20, ToAge: 40}, {Name: "40 to 54", FromAge: 40, ToAge: 55}, {Name: "55+", FromAge: 55}}
	m.Cells[0].RampUpMonths = 3
	m.Rotations = []workforce.Rotation{{Cell: 0, Cells: []int{0, 1}, LengthMonths: 2, Rotations: 4, Share: m.prob(0.5), LeaverRate: workforce.NoParam, LeaveAtEnd: m.prob(0.2)}}
	for _, months := range []int{10, 0, 4} {
		m.Promotions = append(m.Promotions, workforce.Promotion{From: 0, To: 1, MinMonths: months, ApplyProb: m.prob(0.1)})
	}
	e := newEngine(m.Model, det, metrics([]*workforce.Model{m.Model}, false))
	e.beginRun(1, 0)
	require.Greater(t, e.numOrigins, 2)
	require.Equal(t, 11, e.numTenures)
	return e
}

// promoteState is what promoting changes: the stocks, the cells' heads
// and FTE, and the step's arrivals.
type promoteState struct {
	count, rowN, headcount, inPostFTE, arrivals []float64
	touched                                     []int
}

func savePromoteState(e *engine) promoteState {
	return promoteState{slices.Clone(e.count), slices.Clone(e.rowN), slices.Clone(e.headcount),
		slices.Clone(e.inPostFTE), slices.Clone(e.arrivals), slices.Clone(e.touched)}
}

func (s promoteState) restore(e *engine) {
	copy(e.count, s.count)
	copy(e.rowN, s.rowN)
	copy(e.headcount, s.headcount)
	copy(e.inPostFTE, s.inPostFTE)
	copy(e.arrivals, s.arrivals)
	e.touched = append(e.touched[:0], s.touched...)
}

// randomCells gives the cells random FTE, not whole, so that the order in
// which heads depart and arrive shows in the FTE sums.
func randomCells(e *engine, rnd *rand.Rand) {
	for c := range e.numCells {
		e.headcount[c] = 0
		for _, v := range e.count[c*e.strataPerCell : (c+1)*e.strataPerCell] {
			e.headcount[c] += v
		}
		e.inPostFTE[c] = e.headcount[c] * (0.5 + rnd.Float64()/2)
	}
}

// eligibleTotal keeps each row's eligible heads, and with no minimum time
// in band sums the rows' kept totals: both are eligible's heads, for every
// promotion, wherever the ring starts.
func TestEligibleTotalKeepsRowHeads(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	e := promotionEngine(t, false)
	require.Zero(t, e.promos[1].minBucket)
	for trial := range 500 {
		fillCell(e, 0, rnd)
		e.off = rnd.IntN(e.numTenures)
		for pi := range e.promos {
			p := &e.promos[pi]
			rows := e.eligibleRows(p)
			total := e.eligibleTotal(p, rows)
			byRow := slices.Clone(e.eligRowN[:len(rows)])
			heads := e.eligible(p, rows)
			want, start := 0.0, 0
			for r := range rows {
				sum := 0.0
				for _, v := range heads[start:e.eligEnds[r]] {
					sum += v
				}
				require.Equal(t, sum, byRow[r], "trial %d promotion %d row %d", trial, pi, r)
				want += sum
				start = e.eligEnds[r]
			}
			require.Equal(t, want, total, "trial %d promotion %d", trial, pi)
		}
	}
}

// pickPromoted takes the same heads, with the same draws, as listing the
// eligible strata, taking from them with takeFromRow and moving them with
// movePromoted; and it moves them in the same order, so that every FTE sum
// is the same.
func TestPickPromotedIsTheListedTake(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	e := promotionEngine(t, false)
	picked := 0
	for trial := range 1500 {
		fillCell(e, 0, rnd)
		fillCell(e, 1, rnd)
		randomCells(e, rnd)
		e.off = rnd.IntN(e.numTenures)
		pi := rnd.IntN(len(e.promos))
		p := &e.promos[pi]
		s := e.stream(streamPromotion, pi)
		rows := e.eligibleRows(p)
		total := e.eligibleTotal(p, rows)
		if total < 2 {
			continue
		}
		x := float64(1 + rnd.IntN(min(maxPicks, int(total)-1)))
		require.True(t, e.picksFew(x, total))
		before := savePromoteState(e)

		e.streams[s].pcg.Seed(uint64(trial), 1)
		e.takeFromRow(e.eligible(p, rows), total, x, s, e.taken)
		e.movePromoted(p, rows)
		want, wantNext := savePromoteState(e), e.streams[s].rnd.Uint64()

		before.restore(e)
		e.streams[s].pcg.Seed(uint64(trial), 1)
		e.pickPromoted(p, rows, total, x, s)
		got := savePromoteState(e)
		require.Equal(t, want, got, "trial %d promotion %d: %v of %v", trial, pi, x, total)
		require.Equal(t, wantNext, e.streams[s].rnd.Uint64(), "trial %d: the stream goes on the same", trial)
		picked++
	}
	assert.Greater(t, picked, 1000)
}

// promotedFewIsPicked: picksFew is true exactly when takeFromRow picks one
// head at a time, so pickPromoted stands in for it there only.
func TestPicksFewOnlyForOneAtATime(t *testing.T) {
	e := promotionEngine(t, false)
	assert.True(t, e.picksFew(1, 2))
	assert.True(t, e.picksFew(8, 100))
	assert.False(t, e.picksFew(9, 100), "more than 8: one multivariate draw")
	assert.False(t, e.picksFew(5, 5), "all of them: no draw")
	e.det = true
	assert.False(t, e.picksFew(1, 2), "expected-value mode takes in proportion")
}

// promoteListed is promoteStrata as it was before pickPromoted: every
// promotion lists the eligible strata and takes from them with takeFromRow.
func promoteListed(e *engine, p *promotionPlan, vacant float64, s int) float64 {
	rows := e.eligibleRows(p)
	total := e.eligibleTotal(p, rows)
	if total == 0 {
		return 0
	}
	promoted := min(e.binom(&p.bin, s, total), vacant)
	if promoted <= 0 {
		return 0
	}
	e.takeFromRow(e.eligible(p, rows), total, promoted, s, e.taken)
	e.movePromoted(p, rows)
	return promoted
}

// promoteStrata promotes as promoteListed does, with the same draws, in
// both modes, whether it picks the promoted or lists the strata.
func TestPromoteStrataIsPromoteListed(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	for _, det := range []bool{false, true} {
		e := promotionEngine(t, det)
		promoted := 0
		for trial := range 1000 {
			fillCell(e, 0, rnd)
			fillCell(e, 1, rnd)
			randomCells(e, rnd)
			e.off = rnd.IntN(e.numTenures)
			pi := rnd.IntN(len(e.promos))
			p := &e.promos[pi]
			s := e.stream(streamPromotion, pi)
			vacant := float64(rnd.IntN(15))
			before := savePromoteState(e)

			e.streams[s].pcg.Seed(uint64(trial), 3)
			want := promoteListed(e, p, vacant, s)
			wantState, wantNext := savePromoteState(e), e.streams[s].rnd.Uint64()

			before.restore(e)
			e.streams[s].pcg.Seed(uint64(trial), 3)
			got := e.promoteStrata(p, vacant, s)
			require.Equal(t, want, got, "det=%v trial %d", det, trial)
			require.Equal(t, wantState, savePromoteState(e), "det=%v trial %d", det, trial)
			require.Equal(t, wantNext, e.streams[s].rnd.Uint64(), "det=%v trial %d: the stream goes on the same", det, trial)
			if got > 0 {
				promoted++
			}
		}
		assert.Greater(t, promoted, 300, "det=%v", det)
	}
}

// singleStratumEngine is an engine of three cells of one stratum each, with
// pull promotions 0 to 1 and 1 to 2.
func singleStratumEngine(t *testing.T, det bool) *engine {
	t.Helper()
	m := newTestModel(t, 1, 12, [3]int{40, 20, 10}, [3]float64{45, 25, 12})
	m.Promotions = []workforce.Promotion{{From: 1, To: 2, ApplyProb: m.prob(0.3)}, {From: 0, To: 1, ApplyProb: m.prob(0.2)}}
	e := newEngine(m.Model, det, metrics([]*workforce.Model{m.Model}, false))
	e.beginRun(1, 0)
	require.Equal(t, 1, e.strataPerCell)
	return e
}

// promoteSingle, for a cell of one stratum, promotes as many, with the same
// draws, and moves them as promoteListed does, in both modes.
func TestPromoteSingleIsPromoteListed(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	for _, det := range []bool{false, true} {
		e := singleStratumEngine(t, det)
		promoted := 0
		for trial := range 2000 {
			for c := range e.numCells {
				switch v := float64(rnd.IntN(30)); {
				case det && rnd.IntN(3) == 0:
					e.count[c] = v * rnd.Float64()
				case rnd.IntN(8) == 0:
					e.count[c] = 0
				default:
					e.count[c] = v
				}
				e.rowN[c] = e.count[c]
			}
			randomCells(e, rnd)
			pi := rnd.IntN(len(e.promos))
			p := &e.promos[pi]
			s := e.stream(streamPromotion, pi)
			vacant := float64(rnd.IntN(12))
			if det {
				vacant *= rnd.Float64()
			}
			before := savePromoteState(e)

			e.streams[s].pcg.Seed(uint64(trial), 2)
			want := promoteListed(e, p, vacant, s)
			wantState, wantNext := savePromoteState(e), e.streams[s].rnd.Uint64()

			before.restore(e)
			e.streams[s].pcg.Seed(uint64(trial), 2)
			got := e.promoteSingle(p, vacant, s)
			require.Equal(t, want, got, "det=%v trial %d", det, trial)
			require.Equal(t, wantState, savePromoteState(e), "det=%v trial %d", det, trial)
			require.Equal(t, wantNext, e.streams[s].rnd.Uint64(), "det=%v trial %d: the stream goes on the same", det, trial)
			if got > 0 {
				promoted++
			}
		}
		assert.Greater(t, promoted, 500, "det=%v", det)
	}
}
