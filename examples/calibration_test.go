package examples_test

import (
	"context"
	"testing"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bhrLeaverRates are the leaver rates the BHR examples reproduce, by the
// published definition (leavers in a year over the mean of the headcount
// at its start and end, retirements included).
var bhrLeaverRates = map[string]float64{
	// BHR AHP workforce interviews report, Figure 4 (section 3.2.4):
	// June 2022 to June 2023.
	"occupational_therapist":        0.1301,
	"physiotherapist":               0.1067,
	"speech_and_language_therapist": 0.1716,
	"radiographer":                  0.0755,
	"dietitian":                     0.1125,
	"orthoptist":                    0.3331,
	"art_music_drama_therapist":     0.1458,
	"podiatrist":                    0.0300,
	"other_therapist":               0.0966,
	// ASSUMPTION of bhr-baseline.yaml: the report gives no figure.
	"support_worker": 0.15,
}

// calibrated lists, for each example, the leaver rate by profession its
// file's rates stand for.
var calibrated = map[string]map[string]float64{
	// teaching.yaml's own (made-up) rates: OTs 18% in Band 5 (20 heads)
	// and a mean 13% in Bands 6 and 7 (42 heads); support workers 15%.
	"teaching":      {"occupational_therapist": (20*0.18 + 42*0.13) / 62, "support_worker": 0.15},
	"bhr-baseline":  bhrLeaverRates,
	"bhr-rotations": bhrLeaverRates,
}

// calibrationRuns gives a Monte Carlo standard error of about 0.07 points
// on the first-year leaver rate of BHR's large professions (OTs, physios)
// and 0.05 points on their vacancy rates, in a third of a second for
// each BHR example; the teaching example is small enough to run 20 times
// as many.
func calibrationRuns(name string) int {
	if name == "teaching" {
		return 20000
	}
	return 1000
}

// TestExamplesAreCalibrated checks, for each example's baseline (its
// interventions and options left out), what its comments say it was
// calibrated to, on the Monte Carlo mean of its first simulated year:
//
//   - each profession's leaver rate, measured by the published definition,
//     is the published rate, within 5 Monte Carlo standard errors plus
//     0.5 points plus r / (2N) for a profession of N heads with rate r. The
//     0.5 points are what the model does not refill exactly: the over-60s
//     retire through the year and joiners are younger, so a profile's
//     retirement rate falls from its starting value (2.2% to about 2.0%
//     for the oldest); apprentices in training, counted in the support
//     workers' headcount, leave only at their drop-out rate. r / (2N)
//     bounds the bias of a ratio over a small denominator: the headcount
//     at the year's end falls by about half of each leaver, so
//     E[L / N̄] ≈ E[L] / N (1 + Var(L) / (2N E[L])) with Var(L) ≈ E[L] = rN,
//     a bias of r / (2N): 1.7 points for 10 orthoptists, 0.02 for 330 OTs.
//   - each profession's vacancy rate one year on is its starting vacancy
//     rate within 0.5 points (the calibration target is 0.1 points, on
//     more runs) plus 3 Monte Carlo standard errors.
//
// The examples derived from bhr-baseline hold its workforce verbatim
// (TestDerivedExamplesHoldTheBaseline); -short leaves them out.
func TestExamplesAreCalibrated(t *testing.T) {
	names := []string{"teaching", "bhr-baseline", "bhr-rotations"}
	if !testing.Short() {
		names = append(names, derived...)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			want := calibrated[name]
			if want == nil {
				want = bhrLeaverRates
			}
			res := firstYear(t, name)
			lr, vr := res.MetricIndex("leaver_rate"), res.MetricIndex("vacancy_rate")
			heads := headcounts(res)
			for _, p := range res.Model.Layout.Professions {
				if heads[p.Key] == 0 {
					continue // a role with no staff yet (bhr-acp-posts)
				}
				g := res.GroupIndex("all", p.Key, "all")
				r, ok := want[p.Key]
				require.True(t, ok, "no published leaver rate for %s", p.Key)
				got := res.Stats(1, g, lr)
				tol := 5*got.MCSE + 0.005 + r/(2*heads[p.Key])
				assert.InDelta(t, r, got.Mean, tol, "%s: leaver rate in the first year", p.Key)

				v0, v1 := res.Stats(0, g, vr).Mean, res.Stats(1, g, vr)
				assert.InDelta(t, v0, v1.Mean, 0.005+3*v1.MCSE, "%s: vacancy rate one year on", p.Key)
				t.Logf("%-30s leaver rate %5.2f%% (published %5.2f%%, tolerance %4.2f)  vacancy %5.2f%% -> %5.2f%%",
					p.Key, 100*got.Mean, 100*r, 100*tol, 100*v0, 100*v1.Mean)
			}
		})
	}
}

// firstYear runs the first year of an example's baseline in Monte Carlo
// mode, with its own seed.
func firstYear(t *testing.T, name string) *sim.Result {
	t.Helper()
	data, err := examples.Read(name)
	require.NoError(t, err)
	f, err := scenario.Parse(name+".yaml", data)
	require.NoError(t, err)
	f.Interventions = nil
	m, err := f.Compile()
	require.NoError(t, err)
	// A step beyond the year keeps new posts that start a year on (the
	// teaching example's) within the horizon.
	m.Steps = min(m.Steps, 12/m.StepMonths+1)
	s := f.Settings()
	s.Runs = calibrationRuns(name)
	res, err := sim.Run(context.Background(), m, s)
	require.NoError(t, err)
	require.Equal(t, m.Start+12, res.Dates[1], "the second reported date is a year on")
	return res
}

// headcounts sums the starting headcount of each profession.
func headcounts(res *sim.Result) map[string]float64 {
	heads := map[string]float64{}
	for i, c := range res.Model.Cells {
		heads[res.Model.Layout.Professions[res.Model.Layout.Cells[i].Prof].Key] += float64(c.Headcount)
	}
	return heads
}
