package scenario_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// compileText parses and compiles a scenario given as text.
func compileText(t *testing.T, text string) *workforce.Model {
	t.Helper()
	f, err := scenario.Parse("b.yaml", []byte(text))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	require.NoError(t, m.Validate())
	return m
}

// fillYAML is a cell with leavers, refilled by external recruitment given
// by RECRUITMENT, and an intervention on the fill lever.
const fillYAML = `
name: fill
simulation: {start: 2025-04, horizon_years: 3, runs: 200, seed: 3}
workforce:
  - profession: occupational_therapist
    leaver_rate: 0.15
    vacancy_rate: 0.1
    recruitment: RECRUITMENT
    bands: {5: {headcount: 40}, 6: {headcount: 20}}
interventions:
  - {name: faster_hiring, lever: recruitment_fill, mode: scale, value: 1.5, start: 2026-04}
`

// TestTimeToFillIsMonthlyFillOfItsInverse: time_to_fill_months: 4 compiles
// to the model of monthly_fill: 0.25, interventions on the fill lever
// included, so the outputs are the same.
func TestTimeToFillIsMonthlyFillOfItsInverse(t *testing.T) {
	byFill := compileText(t, strings.Replace(fillYAML, "RECRUITMENT", "{monthly_fill: 0.25}", 1))
	byTime := compileText(t, strings.Replace(fillYAML, "RECRUITMENT", "{time_to_fill_months: 4}", 1))
	assert.Equal(t, byFill, byTime)
	require.Len(t, byTime.Interventions, 1)
	assert.Len(t, byTime.Interventions[0].Cells, 2, "the fill lever applies to both cells")

	a, err := sim.Run(context.Background(), byFill, sim.Settings{Runs: 100, Seed: 3})
	require.NoError(t, err)
	b, err := sim.Run(context.Background(), byTime, sim.Settings{Runs: 100, Seed: 3})
	require.NoError(t, err)
	var sa, sb strings.Builder
	require.NoError(t, a.WriteSummaryCSV(&sa, "", true))
	require.NoError(t, b.WriteSummaryCSV(&sb, "", true))
	assert.Equal(t, sa.String(), sb.String())
}

// vacantYAML is 1000 vacant posts with no leavers, filled in a mean of
// four months, reported monthly.
const vacantYAML = `
name: vacant
simulation: {start: 2025-04, horizon_years: 10, report_every_months: 1}
workforce:
  - profession: occupational_therapist
    recruitment: {time_to_fill_months: 4}
    bands: {5: {headcount: 0, establishment_fte: 1000}}
`

// meanMonthsToFill is the mean months from the start to a start in post
// of the posts filled in a run: the sum over months t of t times the
// joiners in month t, over all joiners.
func meanMonthsToFill(t *testing.T, res *sim.Result) float64 {
	g := res.GroupIndex("system", "occupational_therapist", "5")
	mi := res.MetricIndex("joiners_external")
	sum, n := 0.0, 0.0
	for d := 1; d < len(res.Dates); d++ {
		j := res.Stats(d, g, mi).Mean
		sum += float64(d) * j
		n += j
	}
	require.InDelta(t, 1000, n, 1e-3, "every post filled")
	return sum / n
}

// TestMeasuredTimeToFill: vacancies filled with probability 1/T a month
// take T months on average: exactly in expected-value mode, within Monte
// Carlo error over runs.
func TestMeasuredTimeToFill(t *testing.T) {
	m := compileText(t, vacantYAML)
	det, err := sim.Run(context.Background(), m, sim.Settings{Deterministic: true})
	require.NoError(t, err)
	t.Logf("expected-value mean months to fill: %.9f", meanMonthsToFill(t, det))
	assert.InDelta(t, 4, meanMonthsToFill(t, det), 1e-5)

	const runs = 200
	var months []float64
	for r := range runs {
		res, err := sim.Run(context.Background(), m, sim.Settings{Runs: 1, Seed: uint64(100 + r)})
		require.NoError(t, err)
		months = append(months, meanMonthsToFill(t, res))
	}
	mean, sd := meanSD(months)
	mcse := sd / math.Sqrt(runs)
	t.Logf("Monte Carlo mean months to fill over %d runs: %.4f (MCSE %.4f)", runs, mean, mcse)
	assert.InDelta(t, 4, mean, 5*mcse, "mean months to fill %v (MCSE %v)", mean, mcse)
	// A geometric time to fill has variance (1-f)/f^2 = 12: the mean of
	// 1000 posts has SD sqrt(12/1000).
	assert.InEpsilon(t, math.Sqrt(12.0/1000), sd, 0.2)
}

func meanSD(xs []float64) (float64, float64) {
	mean, ss := 0.0, 0.0
	for _, x := range xs {
		mean += x / float64(len(xs))
	}
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1))
}

// TestCompileTimeInPost: the entry's leaver rates by time in post apply to
// its bands, and a band's list replaces them whole.
func TestCompileTimeInPost(t *testing.T) {
	m := compileText(t, `
name: tip
simulation: {start: 2025-04, horizon_years: 2}
workforce:
  - profession: physiotherapist
    leaver_rate: 0.1
    leaver_rate_by_time_in_post: [{under_months: 12, rate: 0.25}, {under_months: 24, rate: {dist: uniform, min: 0.15, max: 0.2}}]
    bands:
      5: {headcount: 10}
      6: {headcount: 10, leaver_rate_by_time_in_post: [{under_months: 6, rate: 0.2}]}
      7: {headcount: 10}
`)
	p5 := cellOf(t, m, "system", "physiotherapist", workforce.Band5)
	p6 := cellOf(t, m, "system", "physiotherapist", workforce.Band6)
	p7 := cellOf(t, m, "system", "physiotherapist", workforce.Band7)
	entry := []workforce.TimeInPostRate{
		{UnderMonths: 12, Rate: paramNamed(t, m, "system/physiotherapist.leaver_rate_by_time_in_post[0].rate")},
		{UnderMonths: 24, Rate: paramNamed(t, m, "system/physiotherapist.leaver_rate_by_time_in_post[1].rate")},
	}
	assert.Equal(t, entry, m.Cells[p5].TimeInPostLeaverRates)
	assert.Equal(t, entry, m.Cells[p7].TimeInPostLeaverRates)
	assert.Equal(t, []workforce.TimeInPostRate{{UnderMonths: 6, Rate: paramNamed(t, m, "system/physiotherapist/6.leaver_rate_by_time_in_post[0].rate")}},
		m.Cells[p6].TimeInPostLeaverRates)
	assert.Equal(t, workforce.Uniform, m.Param(entry[1].Rate).Kind)
}

// fixedTermYAML is 100 vacant posts, all filled in the first month; 30% of
// joiners take 12-month fixed-term posts, and half of those leave at the
// end of the term. There are no other leavers.
const fixedTermYAML = `
name: fixed term
simulation: {start: 2025-04, horizon_years: 3, report_every_months: 1}
workforce:
  - profession: occupational_therapist
    recruitment: {monthly_fill: 1}
    bands:
      5:
        headcount: 0
        establishment_fte: 100
        fixed_term: {months: 12, share_of_joiners: 0.3, leave_at_end: 0.5}
`

// TestFixedTermPostsEnd: the fixed-term joiners of the first month leave
// when their term ends, 12 months after they start (100 x 0.3 x 0.5 = 15),
// and at no other time; those who stay are regular staff, so the next
// leavers are the fixed-term share of the 15 who replace them.
func TestFixedTermPostsEnd(t *testing.T) {
	m := compileText(t, fixedTermYAML)
	c := cellOf(t, m, "system", "occupational_therapist", workforce.Band5)
	assert.Equal(t, []workforce.Rotation{{Cell: c, Cells: []int{c}, LengthMonths: 12, Rotations: 1,
		Share:      paramNamed(t, m, "system/occupational_therapist/5.fixed_term.share_of_joiners"),
		LeaverRate: workforce.NoParam, LeaveAtEnd: paramNamed(t, m, "system/occupational_therapist/5.fixed_term.leave_at_end")}}, m.Rotations)

	det, err := sim.Run(context.Background(), m, sim.Settings{Deterministic: true})
	require.NoError(t, err)
	mc, err := sim.Run(context.Background(), m, sim.Settings{Runs: 2000, Seed: 8})
	require.NoError(t, err)
	g := det.GroupIndex("system", "occupational_therapist", "5")
	leavers := det.MetricIndex("leavers")
	want := map[int]float64{13: 15, 26: 15 * 0.3 * 0.5}
	for d := 1; d <= 27; d++ {
		assert.InDelta(t, want[d], det.Stats(d, g, leavers).Mean, 1e-9, "expected-value leavers at %v", det.Dates[d])
		st := mc.Stats(d, g, leavers)
		assert.InDelta(t, want[d], st.Mean, 5*st.MCSE+1e-9, "Monte Carlo leavers at %v (MCSE %v)", mc.Dates[d], st.MCSE)
	}
	// Leavers at the term: Bin(100, 0.3 x 0.5), variance 100 x 0.15 x 0.85.
	assert.InEpsilon(t, math.Sqrt(100*0.15*0.85), mc.Stats(13, g, leavers).SD, 0.1)
}

// TestTimeInPostKeysRoundTrip: a File built in Go with the new keys
// compiles to the same model after being written as YAML and read back.
func TestTimeInPostKeysRoundTrip(t *testing.T) {
	f := &scenario.File{
		Name:       "round trip",
		Simulation: scenario.Simulation{Start: workforce.NewMonth(2025, 4), HorizonYears: new(2)},
		Workforce: []scenario.Group{{
			Profession: workforce.OccupationalTherapist,
			CellSettings: scenario.CellSettings{
				LeaverRate:             scenario.Number(0.1),
				LeaverRateByTimeInPost: []scenario.TimeInPostRate{{UnderMonths: 12, Rate: scenario.Uniform(0.2, 0.3)}},
				Recruitment:            scenario.Recruitment{TimeToFillMonths: scenario.Number(3)},
				FixedTerm:              &scenario.FixedTerm{Months: 24, ShareOfJoiners: scenario.Number(0.2), LeaveAtEnd: scenario.Number(0.6)},
			},
			Bands: map[workforce.Band]scenario.BandSpec{workforce.Band5: {Headcount: 20}},
		}},
	}
	want, err := f.Compile()
	require.NoError(t, err)
	assert.Len(t, want.Rotations, 1)
	assert.InDelta(t, 1.0/3, want.Param(want.Cells[0].RecruitFill).Mean(), 1e-15)
	data, err := yaml.Marshal(f)
	require.NoError(t, err)
	back, err := scenario.Parse("marshalled.yaml", data)
	require.NoError(t, err, "marshalled file:\n%s", data)
	got, err := back.Compile()
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

// TestFixedTermPostsEndQuarterly: with quarterly steps the 12-month term
// of the first quarter's joiners ends with their fourth quarter in post.
func TestFixedTermPostsEndQuarterly(t *testing.T) {
	text := strings.Replace(fixedTermYAML, "report_every_months: 1}", "report_every_months: 3, step: quarterly}", 1)
	m := compileText(t, text)
	det, err := sim.Run(context.Background(), m, sim.Settings{Deterministic: true})
	require.NoError(t, err)
	g := det.GroupIndex("system", "occupational_therapist", "5")
	leavers := det.MetricIndex("leavers")
	// Recruitment in a quarter fills a post with probability 1 - (1-1)^3 = 1.
	want := map[int]float64{5: 15, 10: 15 * 0.3 * 0.5}
	for d := 1; d < len(det.Dates); d++ {
		assert.InDelta(t, want[d], det.Stats(d, g, leavers).Mean, 1e-9, "leavers at %v", det.Dates[d])
	}
}
