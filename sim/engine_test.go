package sim

import (
	"bytes"
	"context"
	"fmt"
	"github.com/ahpsim/ahpsim/workforce"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// run runs a test model and returns the result.
func run(t *testing.T, m testModel, s Settings) *Result {
	t.Helper()
	res, err := Run(context.Background(), m.Model, s)
	require.NoError(t, err)
	return res
}

// mean returns the mean and Monte Carlo standard error of a metric for a
// group ("all" keys for totals) at reported date d.
func mean(t *testing.T, r *Result, d int, org, prof, band, metric string) (float64, float64) {
	t.Helper()
	g := r.GroupIndex(org, prof, band)
	require.GreaterOrEqual(t, g, 0, "group %s/%s/%s", org, prof, band)
	mi := r.MetricIndex(metric)
	require.GreaterOrEqual(t, mi, 0, "metric %s", metric)
	st := r.Stats(d, g, mi)
	require.True(t, st.Defined(), "%s at date %d undefined", metric, d)
	return st.Mean, st.MCSE
}

// assertWithinMCSE checks a Monte Carlo mean against its exact expected
// value. Five standard errors: a false alarm has probability below 1e-6
// per check, and the seeds are fixed anyway.
func assertWithinMCSE(t *testing.T, want, got, mcse float64, what string) {
	t.Helper()
	assert.InDelta(t, want, got, 5*mcse+1e-9, "%s: want %v, got %v (MCSE %v)", what, want, got, mcse)
}

const ot = "occupational_therapist"

// markovModel has annual steps, push transitions only, leavers and a fixed
// graduate intake into Band 5 with unlimited posts: the classic Markov
// manpower model n(t+1) = n(t)P + r.
func markovModel(t *testing.T) (testModel, [3][3]float64, [3]float64) {
	m := newTestModel(t, 12, 8, [3]int{300, 200, 100}, [3]float64{1e6, 1e6, 1e6})
	leave := [3]float64{0.12, 0.10, 0.08}
	for c := range 3 {
		m.Cells[c].LeaverRate = m.prob(leave[c])
	}
	moves := []struct {
		from, to int
		rate     float64
	}{{0, 1, 0.10}, {1, 2, 0.05}, {1, 0, 0.02}, {2, 1, 0.01}}
	var P [3][3]float64
	for c := range 3 {
		P[c][c] = 1 - leave[c]
	}
	for _, mv := range moves {
		m.Transitions = append(m.Transitions, workforce.Transition{From: mv.from, To: mv.to, Rate: m.prob(mv.rate)})
		P[mv.from][mv.to] += mv.rate
		P[mv.from][mv.from] -= mv.rate
	}
	m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: 0, Month: 9, Size: m.param(20, 0, 1e6), Conversion: m.prob(1)})
	return m, P, [3]float64{20, 0, 0}
}

func markovRecursion(n [3]float64, P [3][3]float64, r [3]float64) [3]float64 {
	var next [3]float64
	for j := range 3 {
		next[j] = r[j]
		for i := range 3 {
			next[j] += n[i] * P[i][j]
		}
	}
	return next
}

func TestMarkovRecursionExpectedValue(t *testing.T) {
	m, P, r := markovModel(t)
	res := run(t, m, Settings{Deterministic: true})
	n := [3]float64{300, 200, 100}
	for d := range res.Dates {
		for b, band := range []string{"5", "6", "7"} {
			got, _ := mean(t, res, d, "system", ot, band, "in_post_hc")
			// Expected-value counts are kept to 1e-6 of a head.
			assert.InDelta(t, n[b], got, 1e-6, "date %v band %s", res.Dates[d], band)
		}
		n = markovRecursion(n, P, r)
	}
}

func TestMarkovRecursionMonteCarlo(t *testing.T) {
	m, P, r := markovModel(t)
	res := run(t, m, Settings{Runs: 2000, Seed: 7})
	n := [3]float64{300, 200, 100}
	for d := range res.Dates {
		for b, band := range []string{"5", "6", "7"} {
			got, mcse := mean(t, res, d, "system", ot, band, "in_post_hc")
			if d == 0 {
				assert.InDelta(t, n[b], got, 1e-9)
				continue
			}
			assertWithinMCSE(t, n[b], got, mcse, "band "+band+" at "+res.Dates[d].String())
		}
		n = markovRecursion(n, P, r)
	}
}

// fullModel switches on every flow, with vacancies limiting promotion,
// graduates and recruitment.
func fullModel(t *testing.T, stepMonths int) testModel {
	m := newTestModel(t, stepMonths, 60/stepMonths, [3]int{60, 45, 20}, [3]float64{70, 50, 24})
	m.Destinations = []string{"other_nhs", "outside_nhs"}
	rate := m.prob(0.15)
	for c := range m.Cells {
		m.Cells[c].LeaverRate = rate
		m.Cells[c].DestinationShares = []float64{0.7, 0.3}
		m.Cells[c].RecruitFill = m.prob(0.08)
		m.Cells[c].EstablishmentGrowth = m.param(0.01, -1, 0.5)
		m.Cells[c].InitialSpreadMonths = 24
	}
	m.Transitions = append(m.Transitions, workforce.Transition{From: 1, To: 0, Rate: m.prob(0.02)})
	m.Promotions = append(m.Promotions,
		workforce.Promotion{From: 0, To: 1, MinMonths: 12, ApplyProb: m.prob(0.1)},
		workforce.Promotion{From: 1, To: 2, MinMonths: 24, ApplyProb: m.prob(0.05)})
	m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: 0, Month: 9, Size: m.param(12, 0, 1e6), Conversion: m.prob(0.6)})
	m.NewPosts = append(m.NewPosts, workforce.NewPosts{Cell: 2, From: m.Start + 18, FTE: m.param(3, -1e6, 1e6)})
	return m
}

func TestHeadcountConservedEveryRun(t *testing.T) {
	for _, step := range []int{1, 3, 12} {
		m := fullModel(t, step)
		require.NoError(t, m.Validate())
		e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
		res := newResult(m.Model, Settings{}.withDefaults(), e.metrics)
		values := make([]float64, len(res.Dates)*res.Slots*len(res.Metrics))
		all := res.GroupIndex("all", "all", "all")
		at := func(d int, metric string) float64 {
			mi := res.MetricIndex(metric)
			require.GreaterOrEqual(t, mi, 0, metric)
			return values[res.Series(d, all, mi)]
		}
		for runIndex := range 50 {
			e.simulate(3, runIndex, values, nil)
			for d := 1; d < len(res.Dates); d++ {
				assert.Equal(t, at(d-1, "in_post_hc")+at(d, "joiners")-at(d, "leavers"), at(d, "in_post_hc"),
					"step %d run %d date %d: staff = staff before + joiners - leavers", step, runIndex, d)
				assert.Equal(t, at(d, "moves_in"), at(d, "moves_out"), "moves in = moves out")
				assert.Equal(t, at(d, "leavers"), at(d, "leavers_other_nhs")+at(d, "leavers_outside_nhs"), "leavers = sum over destinations")
				assert.Equal(t, 12.0, at(d, "joiners_graduate")+at(d, "graduates_lost"), "graduates hired + lost = cohort")
			}
			for i, v := range e.count {
				require.GreaterOrEqual(t, v, 0.0, "bucket %d", i)
				require.Equal(t, math.Trunc(v), v, "whole heads")
			}
		}
	}
}

// TestSameSummaryForAnyNumberOfWorkers: the workers add to one shared
// result table (summary.Stager); with 97 runs each worker's runs reach it
// at the end, with 400 also in the middle, interleaved.
func TestSameSummaryForAnyNumberOfWorkers(t *testing.T) {
	m := fullModel(t, 1)
	for _, runs := range []int{97, 400} {
		var want []byte
		for _, workers := range []int{1, 2, 3, 8} {
			res := run(t, m, Settings{Runs: runs, Seed: 11, Workers: workers})
			var buf bytes.Buffer
			require.NoError(t, res.WriteSummaryCSV(&buf, "baseline", true))
			if want == nil {
				want = buf.Bytes()
				continue
			}
			require.Equal(t, string(want), buf.String(), "runs=%d workers=%d", runs, workers)
		}
	}
}

func TestDifferentSeedsDiffer(t *testing.T) {
	m := fullModel(t, 1)
	a := run(t, m, Settings{Runs: 20, Seed: 1})
	b := run(t, m, Settings{Runs: 20, Seed: 2})
	ma, _ := mean(t, a, 2, "all", "all", "all", "in_post_hc")
	mb, _ := mean(t, b, 2, "all", "all", "all", "in_post_hc")
	assert.NotEqual(t, ma, mb)
}

func TestStreamSeedGolden(t *testing.T) {
	// Pins the seed-to-stream rule written in the package doc: changing it
	// changes every published result, so it must be deliberate. The two seeds
	// were checked against an independent SplitMix64 in Python.
	hi, lo := streamSeed(20240401, 17, streamExits, 3, 5)
	assert.Equal(t, uint64(0x21c3d46dad2851a7), hi)
	assert.Equal(t, uint64(0x7adc12ff4a54be35), lo)
	s := newStreams(1)
	s[0].seed(20240401, 17, streamExits, 3, 5)
	assert.Equal(t, uint64(0x63144abc62e1b1bf), s[0].rnd.Uint64())
}

func TestStreamSeedsAreDistinct(t *testing.T) {
	seen := map[[2]uint64]string{}
	for runIndex := range 50 {
		for kind := streamParams; kind <= streamRecruit; kind++ {
			for index := range 20 {
				for step := range 3 {
					hi, lo := streamSeed(42, runIndex, kind, index, step)
					key := [2]uint64{hi, lo}
					what := fmt.Sprintf("run %d kind %d index %d step %d", runIndex, kind, index, step)
					if prev, dup := seen[key]; dup {
						t.Fatalf("%s repeats the seeds of %s", what, prev)
					}
					seen[key] = what
				}
			}
		}
	}
}
