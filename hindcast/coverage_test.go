package hindcast

import (
	"context"
	"math"
	"os"
	"testing"
)

// study is a hindcast coverage study of a model against its own
// synthetic future, in blocks: block b is one projection of `members`
// runs (a seed of its own) and `observed` synthetic histories (seeds of
// their own) over `months` months from the model's start, each scored
// over every cell, profession and the system, every measure and month.
type study struct {
	example                           string
	blocks, members, observed, months int
}

// run returns, per level and interval (0: 50%, 1: 90%), the mean coverage
// of each block over its histories, groups, measures and months.
func (st study) run(t *testing.T) map[Level][2][]float64 {
	ctx := context.Background()
	m := exampleModel(t, st.example)
	out := map[Level][2][]float64{}
	for b := range st.blocks {
		p, err := Project(ctx, m, Settings{Runs: st.members, Seed: uint64(1_000 + b), Months: st.months})
		if err != nil {
			t.Fatal(err)
		}
		sum := map[Level][3]float64{}
		for k := range st.observed {
			obs, err := Synth(ctx, m, uint64(100_000+b*st.observed+k), st.months)
			if err != nil {
				t.Fatal(err)
			}
			scores, err := Score(p, obs)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range scores {
				if s.Months > 0 {
					a := sum[s.Level]
					a[0], a[1], a[2] = a[0]+s.Cover50, a[1]+s.Cover90, a[2]+1
					sum[s.Level] = a
				}
			}
		}
		for level, a := range sum {
			c := out[level]
			c[0], c[1] = append(c[0], a[0]/a[2]), append(c[1], a[1]/a[2])
			out[level] = c
		}
	}
	return out
}

func meanSD(xs []float64) (float64, float64) {
	m := mean(xs)
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return m, math.Sqrt(ss / float64(len(xs)-1))
}

// TestHindcastCoverage: a hindcast of a scenario against its own
// synthetic future covers at the nominal rate, per cell, profession and
// for the system. The tolerance is three binomial standard errors of the
// coverage, counting each synthetic history and each member as one
// independent trial (as if all its cells and months moved together, the
// worst case), so that it can only overstate the error:
// se = sqrt(a(1-a) (1/histories + 1/members)) over all blocks. The spread
// of the block means, a tighter estimate, is logged beside it.
func TestHindcastCoverage(t *testing.T) {
	studies := []study{{"teaching", 8, 100, 25, 24}}
	if !testing.Short() {
		studies = append(studies, study{"bhr-baseline", 3, 60, 10, 12})
	}
	if os.Getenv("AHPSIM_COVERAGE_LARGE") != "" {
		// The study docs/hindcast.md quotes: about a minute.
		studies = []study{{"teaching", 40, 100, 25, 24}, {"bhr-baseline", 10, 100, 20, 24}}
	}
	for _, st := range studies {
		res := st.run(t)
		for _, level := range []Level{LevelCell, LevelProfession, LevelSystem} {
			for i, a := range []float64{0.5, 0.9} {
				got, sd := meanSD(res[level][i])
				want := nominalCoverage(a, st.members)
				se := math.Sqrt(a * (1 - a) * (1/float64(st.blocks*st.observed) + 1/float64(st.blocks*st.members)))
				t.Logf("%s %s, %.0f%% interval: coverage %.4f (nominal %.4f for %d members; binomial bound se %.4f; spread of %d blocks se %.4f)",
					st.example, level, 100*a, got, want, st.members, se, st.blocks, sd/math.Sqrt(float64(st.blocks)))
				if math.Abs(got-want) > 3*se {
					t.Errorf("%s %s: the %.0f%% interval covers %.4f, want %.4f within 3 se = %.4f", st.example, level, 100*a, got, want, 3*se)
				}
			}
		}
	}
}
