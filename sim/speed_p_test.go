package sim

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ahpsim/ahpsim/sim/sample"
	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stratifiedEngine is an engine (Monte Carlo mode unless det) of a model
// with several origins (new starters, rotational staff), three age groups
// and rows of eleven tenure buckets, after beginRun.
func stratifiedEngine(t *testing.T, det bool) *engine {
	t.Helper()
	m := newTestModel(t, 1, 12, [3]int{40, 20, 10}, [3]float64{45, 25, 12})
	m.AgeGroups = []workforce.AgeGroup{{Name: "under 40", FromAge: 20, ToAge: 40}, {Name: "40 to 54", FromAge: 40, ToAge: 55}, {Name: "55+", FromAge: 55}}
	m.Cells[0].RampUpMonths = 3
	m.Rotations = []workforce.Rotation{{Cell: 0, Cells: []int{0, 1}, LengthMonths: 2, Rotations: 4, Share: m.prob(0.5), LeaverRate: workforce.NoParam, LeaveAtEnd: m.prob(0.2)}}
	m.Promotions = append(m.Promotions, workforce.Promotion{From: 0, To: 1, MinMonths: 10, ApplyProb: m.prob(0.1)})
	e := newEngine(m.Model, det, metrics([]*workforce.Model{m.Model}, false))
	e.beginRun(1, 0)
	require.Greater(t, e.numOrigins, 2)
	require.Equal(t, 11, e.numTenures)
	return e
}

// fillCell puts random whole heads in cell c's strata, leaving some rows
// and many buckets empty, and recounts its rows.
func fillCell(e *engine, c int, rnd *rand.Rand) {
	stock := e.count[c*e.strataPerCell : (c+1)*e.strataPerCell]
	for row := range len(stock) / e.numTenures {
		empty := rnd.IntN(3) == 0
		for k := range e.numTenures {
			v := 0.0
			if !empty && rnd.IntN(2) == 0 {
				v = float64(rnd.IntN(6))
			}
			stock[row*e.numTenures+k] = v
		}
	}
	e.recountRows(c)
}

// takeUniformAllStrata is takeUniform's Monte Carlo draw over every
// stratum of the cell, empty or not, with the rows recounted.
func takeUniformAllStrata(e *engine, c int, x float64, s int, byAge []float64) {
	stock := e.count[c*e.strataPerCell : (c+1)*e.strataPerCell]
	clear(byAge)
	ints, chosen := make([]int, len(stock)), make([]int, len(stock))
	for st, v := range stock {
		ints[st] = int(v)
	}
	sample.MultiHypergeometric(e.streams[s].rnd, ints, int(x), chosen)
	for st := range stock {
		stock[st] -= float64(chosen[st])
		byAge[(st/e.numTenures)%e.numAges] += float64(chosen[st])
	}
	e.recountRows(c)
}

// takeUniform draws over the strata with heads only: the same draw, with
// the same uniforms, as over every stratum.
func TestTakeUniformSkipsEmptyStrata(t *testing.T) {
	e := stratifiedEngine(t, false)
	rnd := rand.New(rand.NewPCG(3, 4))
	s := e.stream(streamRecruit, 0)
	for trial := range 300 {
		fillCell(e, 0, rnd)
		total := 0.0
		for _, v := range e.count[:e.strataPerCell] {
			total += v
		}
		x := float64(rnd.IntN(int(total) + 1))
		count0, rowN0 := slices.Clone(e.count), slices.Clone(e.rowN)

		e.streams[s].pcg.Seed(uint64(trial), 1)
		got := make([]float64, e.numAges)
		e.takeUniform(0, x, s, got)
		gotCount, gotRowN, gotNext := slices.Clone(e.count), slices.Clone(e.rowN), e.streams[s].rnd.Uint64()

		copy(e.count, count0)
		copy(e.rowN, rowN0)
		e.streams[s].pcg.Seed(uint64(trial), 1)
		want := make([]float64, e.numAges)
		takeUniformAllStrata(e, 0, x, s, want)

		assert.Equal(t, want, got, "trial %d: by age", trial)
		assert.Equal(t, e.count, gotCount, "trial %d: strata", trial)
		assert.Equal(t, e.rowN, gotRowN, "trial %d: rows", trial)
		assert.Equal(t, e.streams[s].rnd.Uint64(), gotNext, "trial %d: the stream goes on the same", trial)
	}
}

// A rotation of 2 steps, 4 times, ends for the rotational staff who have
// done 2, 4, 6 or 8 steps with this one (buckets 1, 3, 5 and 7), and only
// for them.
func TestRotationEndsAfterWholeRotations(t *testing.T) {
	e := stratifiedEngine(t, false)
	o := e.origin[originRotational]
	clear(e.count)
	for a := range e.numAges {
		for k := range e.numTenures {
			e.count[e.stratum(o, a, k)] = 3
		}
	}
	e.recountRows(0)
	e.rotationEnds(0, 0)
	for a := range e.numAges {
		for k := range e.numTenures {
			want := 3.0
			if k == 1 || k == 3 || k == 5 || k == 7 {
				want = 0
			}
			assert.Equal(t, want, e.count[e.stratum(o, a, k)], "age %d, bucket %d", a, k)
		}
	}
}

// A pipeline stage marked as holding nobody holds nobody, at the start and
// after every step, in both modes: advance and ageApprentices may pass
// over it.
func TestPipelineStagesNotHeldAreEmpty(t *testing.T) {
	m := withStartingStocks(allMechanismsModel(t))
	for _, det := range []bool{false, true} {
		e := newEngine(m.Model, det, metrics([]*workforce.Model{m.Model}, false))
		held, empty := 0, 0
		check := func(when string) {
			for _, pipes := range [][]pipe{e.appr, e.students, e.intl, e.returners} {
				for i, p := range pipes {
					require.Len(t, p.held, p.stages())
					for j := range p.stages() {
						if p.held[j] {
							held++
							continue
						}
						empty++
						for _, v := range p.row(j) {
							require.Zero(t, v, "det=%v %s: pipeline %d stage %d", det, when, i, j)
						}
					}
				}
			}
		}
		for run := range 5 {
			e.beginRun(7, run)
			check("start")
			for step := range e.m.Steps {
				e.step(step)
				check("step")
			}
		}
		assert.Positive(t, held, "det=%v", det)
		assert.Positive(t, empty, "det=%v", det)
	}
}

// eligibleTotal is the sum, in order, of the heads eligible lists, in both
// modes: whole heads in Monte Carlo mode, and in expected-value mode
// fractions, with some tiny negative remainders eligible leaves out.
func TestEligibleTotalIsTheSumOfEligible(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	for _, det := range []bool{false, true} {
		e := stratifiedEngine(t, det)
		p := &e.promos[0]
		nonzero := 0
		for trial := range 500 {
			fillCell(e, 0, rnd)
			if det {
				for i := range e.count[:e.strataPerCell] {
					switch rnd.IntN(4) {
					case 0:
						e.count[i] *= rnd.Float64()
					case 1:
						e.count[i] = -1e-15 * rnd.Float64()
					}
				}
			}
			e.off = rnd.IntN(e.numTenures) // the ring wraps round at any place
			rows := e.eligibleRows(p)
			heads := e.eligible(p, rows)
			start := 0
			for r, row := range rows { // each row's strata, as movePromoted reads them
				for _, st := range e.eligIdx[start:e.eligEnds[r]] {
					require.Equal(t, row, st/e.numTenures, "trial %d", trial)
					k := (st%e.numTenures - e.off + e.numTenures) % e.numTenures // its logical bucket
					require.GreaterOrEqual(t, k, p.minBucket, "trial %d", trial)
				}
				start = e.eligEnds[r]
			}
			require.Equal(t, len(heads), start)
			want := 0.0
			for _, v := range heads {
				require.Positive(t, v)
				want += v
			}
			if want > 0 {
				nonzero++
			}
			require.Equal(t, want, e.eligibleTotal(p, rows), "det=%v trial %d", det, trial)
		}
		assert.Greater(t, nonzero, 100, "det=%v", det)
	}
}
