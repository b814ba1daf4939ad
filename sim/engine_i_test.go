package sim

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/sim/sample"
	"github.com/ahpsim/ahpsim/workforce"
)

// TestExitSamplersMatchPlans checks, after every run's set-up, that the
// first plan of each exit group (the one whose binomials draw for the
// group) has binomials for its own probabilities, as a conditional chain:
// with a leaver rate drawn anew each run, and with the same rate kept
// across runs (samplers reused by Reset).
func TestExitSamplersMatchPlans(t *testing.T) {
	m := allMechanismsModel(t)
	m.Cells[0].LeaverRate = m.AddParam(workforce.Dist{Kind: workforce.Uniform, A: 0.1, B: 0.3, Min: 0, Max: 1, Name: "leaver_rate"})
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	units := e.numOrigins * e.numAges * e.numSegs
	for run := range 5 {
		e.beginRun(7, run)
		for c := range e.numCells {
			start := 0
			for g := range e.grpCount[c] {
				lead := &e.exits[c*units+e.grpRows[c*units+start]]
				left := 1.0
				for j, pj := range lead.prob {
					want := 0.0
					if left > 0 {
						want = min(1, max(0, pj/left))
					}
					require.Equal(t, want, lead.cond[j].P(), "run %d cell %d group %d exit %d", run, c, g, j)
					left -= pj
				}
				start = e.grpEnd[c*units+g]
			}
		}
	}
}

// TestInductionRowsHoldNoLongServers checks the invariant promote relies on
// to skip rows (mayHoldFrom): after every step, in both modes, the rows of
// new starters and international recruits hold no heads from the bucket
// where their induction ends.
func TestInductionRowsHoldNoLongServers(t *testing.T) {
	m := allMechanismsModel(t)
	for _, det := range []bool{false, true} {
		e := newEngine(m.Model, det, metrics([]*workforce.Model{m.Model}, false))
		kinds := []originKind{originNew, originInternational}
		young := [2]float64{} // heads seen in each kind's rows before induction ends
		require.True(t, e.origin[originNew] >= 0 && e.origin[originInternational] >= 0, "the model has both origins")
		for run := range 3 {
			e.beginRun(3, run)
			for st := range m.Steps {
				e.step(st)
				for c := range e.numCells {
					for _, kind := range kinds {
						o := e.origin[kind]
						require.False(t, e.mayHoldFrom(o, e.induction))
						for a := range e.numAges {
							for k := range e.induction {
								young[kind-originNew] += max(0, e.count[c*e.strataPerCell+e.stratum(o, a, k)])
							}
							for k := e.induction; k < e.numTenures; k++ {
								v := e.count[c*e.strataPerCell+e.stratum(o, a, k)]
								require.LessOrEqual(t, v, 0.0, "det %v run %d step %d cell %d origin %d age %d bucket %d", det, run, st, c, o, a, k)
							}
						}
					}
				}
			}
		}
		require.Positive(t, young[0], "new starters were seen")
		require.Positive(t, young[1], "international recruits were seen")
	}
}

// TestTakeFromOneBucket checks the single-bucket path of takeFromRow
// against the general algorithm (picks one at a time for a few heads, a
// multivariate hypergeometric draw for more): the same heads taken and
// the same draws, so the stream goes on identically.
func TestTakeFromOneBucket(t *testing.T) {
	m := allMechanismsModel(t)
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	s := e.stream(streamExits, 0)
	refs := newStreams(1)
	ref := &refs[0]
	for _, n := range []int{1, 2, 9, 10, 40, 300} {
		for x := 1; x < n; x++ {
			e.streams[s].pcg.Seed(uint64(n), uint64(x))
			ref.pcg.Seed(uint64(n), uint64(x))
			buckets := []float64{float64(n)}
			taken := make([]float64, 1)
			e.takeFromRow(buckets, float64(n), float64(x), s, taken)
			// The general algorithm, on a stream of its own.
			want := 0
			if x > 8 {
				out := make([]int, 1)
				sample.MultiHypergeometric(ref.rnd, []int{n}, x, out)
				want = out[0]
			} else {
				for i := range x {
					_ = ref.rnd.IntN(n - i) // always in the one bucket
					want++
				}
			}
			require.Equal(t, float64(want), taken[0], "n %d x %d", n, x)
			require.Equal(t, float64(n-x), buckets[0])
			require.Equal(t, ref.rnd.Uint64(), e.streams[s].rnd.Uint64(), "the stream goes on the same, n %d x %d", n, x)
		}
	}
}
