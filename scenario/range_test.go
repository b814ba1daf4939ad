package scenario_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// cornerYAML is a scenario at the extreme of every documented bound at
// once: a million heads in a cell, a million FTE of posts and a million
// more from new posts, the fastest growth the 30-year horizon allows, a
// tenfold scale intervention on the posts, on international offers and on
// graduates, a million graduates, students, apprentices, returners and
// offers a year or a month, the highest unit costs and intervention costs,
// and monthly steps reported once, at 30 years (so flows sum over 360
// months). With staffed, posts are filled every month and every head leaves
// (the most joiners, recruitment and pay); without, nothing is filled and
// agency covers every vacancy (the most agency cost).
func cornerYAML(staffed bool) string {
	fill, agency := 1, 0
	if !staffed {
		fill, agency = 0, 1
	}
	heads, count := workforce.MaxCellSize, workforce.MaxHeadsPerPeriod
	pay := workforce.MaxUnitCost
	var bands []string
	for _, b := range []string{"2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"} {
		bands = append(bands, fmt.Sprintf("%s: %d", b, pay))
	}
	return fmt.Sprintf(`name: corner
simulation: {start: 2025-04, horizon_years: 30, step: monthly, report_every_months: 360}
workforce:
  - profession: occupational_therapist
    fte_per_head: 1
    recruitment: {monthly_fill: %[1]d}
    establishment_growth: %[3]v
    agency_share: %[2]d
    international_first_year_leaver_rate: 1
    ramp_up: {months: 360, effectiveness: 1}
    bands:
      5: {headcount: %[4]d, leaver_rate: 1}
      6: {headcount: %[4]d, leaver_rate: 0}
      7: {headcount: 0, establishment_fte: %[4]d, leaver_rate: 0}
    promotion:
      - {from: 5, monthly_apply: 1}
    graduates:
      - {month: 9, cohort: %[5]d, conversion: 1}
  - profession: support_worker
    bands:
      4: {headcount: %[4]d}
demand:
  new_posts:
    - {profession: occupational_therapist, band: 5, from: 2025-05, fte: %[4]d}
    - {profession: occupational_therapist, band: 6, from: 2025-05, fte: %[4]d}
pipelines:
  apprenticeships:
    - {name: appr, from: {profession: support_worker, band: 4}, to: {profession: occupational_therapist}, intake_per_month: %[5]d, duration_months: 1}
  students:
    - {name: stu, to: {profession: occupational_therapist}, places_per_year: %[5]d, intake_month: 9, duration_months: 360, conversion: 1}
  international:
    - {name: intl, to: {profession: occupational_therapist}, offers_per_month: %[5]d, lead_months: 0}
  return_to_practice:
    - {name: ret, to: {profession: occupational_therapist}, per_year: %[5]d, supervised_months: 0}
costs:
  annual_pay_per_fte: {%[6]s}
  agency_per_hour: %[7]d
  annual_hours_per_fte: %[8]d
  recruitment_per_head: {external: %[9]d, graduate: %[9]d, international: %[9]d, return: %[9]d, apprentice: %[9]d}
  student_per_year: %[10]d
  apprentice_per_year: %[10]d
interventions:
  - {name: posts, lever: establishment, mode: scale, value: %[11]d, start: 2025-04, one_off_cost: %[12]v, annual_cost: %[12]v}
  - {name: offers, lever: international_offers, mode: scale, value: %[11]d, start: 2025-04}
  - {name: grads, lever: graduate_cohort, mode: scale, value: %[11]d, start: 2025-04}
`, fill, agency, workforce.MaxGrowth(workforce.MaxHorizonMonths), heads, count, strings.Join(bands, ", "),
		workforce.MaxAgencyPerHour, workforce.MaxHoursPerFTE, workforce.MaxRecruitmentCost, pay, workforce.MaxScale, workforce.MaxInterventionCost)
}

// TestExtremeCornerRuns proves the documented bounds: the scenario at all
// of them at once validates and runs, in expected-value mode (heads to a
// millionth) and by Monte Carlo, every value staying within what the
// summaries hold. (Before the bounds were narrowed and the summaries
// widened, such scenarios passed validation and panicked in summary.) It
// also logs how much of the summaries' room the largest value of each unit
// takes.
func TestExtremeCornerRuns(t *testing.T) {
	for _, staffed := range []bool{true, false} {
		f, err := scenario.Parse("corner.yaml", []byte(cornerYAML(staffed)))
		require.NoError(t, err)
		m, err := f.Compile()
		require.NoError(t, err)
		for _, det := range []bool{true, false} {
			t.Run(fmt.Sprintf("staffed=%v/deterministic=%v", staffed, det), func(t *testing.T) {
				runs := 3
				if det {
					runs = 1
				}
				res, err := sim.Run(context.Background(), m, sim.Settings{Runs: runs, Deterministic: det, Workers: 1})
				require.NoError(t, err)
				used := map[string]float64{} // unit -> largest |value| / limit
				for d := range res.Dates {
					for g := range res.Groups {
						for mi, met := range res.Metrics {
							st := res.Stats(d, g, mi)
							if !st.Defined() {
								continue
							}
							limit := summary.MaxQuantized * met.Resolution
							for _, v := range []float64{st.P05, st.P95, st.Mean} {
								used[met.Unit] = math.Max(used[met.Unit], math.Abs(v)/limit)
							}
						}
					}
				}
				require.Less(t, used["GBP"], 0.75, "costs need a margin for rounding of bounds")
				t.Logf("share of the summaries' range used: %v", used)
			})
		}
	}
}

// TestTooLargeIsAnError: a scenario beyond the corner (here a second
// tenfold scale of the posts, which the bounds allow since interventions
// stack) meets costs no summary holds. The run stops with ErrTooLarge
// naming the run, the metric, the cells and the date, the same whatever
// the number of workers; nothing panics.
func TestTooLargeIsAnError(t *testing.T) {
	data := cornerYAML(false) + "  - {name: posts_again, lever: establishment, mode: scale, value: 10, start: 2025-04}\n"
	f, err := scenario.Parse("stacked.yaml", []byte(data))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	const want = `sim: value too large to summarise: run 0 of option "baseline": cost_pay of system/occupational_therapist/6 at 2055-04 is `
	for _, workers := range []int{1, 2} {
		_, err := sim.Run(context.Background(), m, sim.Settings{Runs: 4, Workers: workers})
		require.Error(t, err)
		require.True(t, errors.Is(err, sim.ErrTooLarge), "%v", err)
		require.True(t, strings.HasPrefix(err.Error(), want), "%v", err)
		require.True(t, strings.HasSuffix(err.Error(), " GBP (a summary holds at most ±2.306e+16 GBP)"), "%v", err)
	}
}
