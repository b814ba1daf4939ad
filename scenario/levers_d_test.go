package scenario_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/workforce"
)

// rateLeversYAML has every rate the new levers change, and an
// intervention on each, picking its rules by name where they have names.
const rateLeversYAML = `
name: Rate levers
simulation: {start: 2025-04, horizon_years: 2}
workforce:
  - profession: occupational_therapist
    leaver_rate: 0.1
    bands: {5: {headcount: 20}, 6: {headcount: 20}, 7: {headcount: 5}}
    ramp_up: {months: 3, effectiveness: 0.5}
  - profession: physiotherapist
    leaver_rate: 0.1
    bands: {5: {headcount: 20}}
  - profession: support_worker
    leaver_rate: 0.1
    bands: {3: {headcount: 40}}
portability:
  - {from: {profession: occupational_therapist, band: 5}, to: {profession: physiotherapist, band: 5}, share: 0.2}
transitions:
  - {from: {profession: occupational_therapist, band: 5}, to: {profession: occupational_therapist, band: 6}, annual_rate: 0.05}
  - {from: {profession: occupational_therapist, band: 6}, to: {profession: occupational_therapist, band: 7}, annual_rate: 0.05}
pipelines:
  apprenticeships:
    - {name: appr, from: {profession: support_worker, band: 3}, to: {profession: occupational_therapist}, intake_per_year: 4, intake_month: 9, duration_months: 36, dropout_rate: 0.1}
  students:
    - {name: plain, to: {profession: occupational_therapist}, places_per_year: 10, intake_month: 9, duration_months: 36, conversion: 0.5}
    - {name: full, to: {profession: occupational_therapist}, places_per_year: 10, intake_month: 9, duration_months: 36, conversion: 0.5, dropout_rate: 0.1, placement_capacity: 8}
  international:
    - {name: first, to: {profession: occupational_therapist}, campaigns: [{month: 2025-06, offers: 5}], lead_months: 6}
    - {name: second, to: {profession: occupational_therapist}, campaigns: [{month: 2025-06, offers: 5}, {month: 2026-06, offers: 5}], lead_months: 6, withdrawal_rate: 0.1}
  return_to_practice:
    - {name: rtp, to: {profession: occupational_therapist, band: 6}, per_year: 2, supervised_months: 3, dropout_rate: 0.1}
rotations:
  - {name: rot, profession: occupational_therapist, band: 5, share_of_joiners: 0.5, length_months: 6, rotations: 2, leave_at_end: 0.1}
interventions:
  - {name: t, lever: transition_rate, applies_to: {bands: [7]}, mode: scale, value: 0.5, start: 2025-04}
  - {name: r, lever: rotation_leave_at_end, applies_to: {names: [rot]}, mode: set, value: 0.2, start: 2025-04}
  - {name: c, lever: campaign_offers, applies_to: {names: [second]}, mode: add, value: 5, start: 2025-04}
  - {name: sc, lever: student_conversion, mode: scale, value: 1.2, start: 2025-04}
  - {name: sd, lever: student_dropout_rate, mode: scale, value: 0.5, start: 2025-04}
  - {name: pc, lever: placement_capacity, applies_to: {names: [full]}, mode: add, value: 2, start: 2025-04}
  - {name: ad, lever: apprentice_dropout_rate, mode: scale, value: 0.5, start: 2025-04}
  - {name: iw, lever: international_withdrawal_rate, mode: set, value: 0, start: 2025-04}
  - {name: rd, lever: returner_dropout_rate, applies_to: {names: [rtp]}, mode: scale, value: 0.5, start: 2025-04}
  - {name: ps, lever: portability_share, applies_to: {professions: [physiotherapist]}, mode: set, value: 0.4, start: 2025-04}
  - {name: ru, lever: ramp_up_effectiveness, mode: set, value: 0.7, start: 2025-04}
`

// TestRateLeversSelectTheirRules checks that each lever on a rate that
// had none compiles to the rules it names: a transition by the cell it
// leads to, campaigns by their recruitment (numbered through the
// recruitments), attrition only where a rate is given.
func TestRateLeversSelectTheirRules(t *testing.T) {
	f, err := scenario.Parse("levers.yaml", []byte(rateLeversYAML))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	want := map[string]struct {
		lever workforce.Lever
		rules []int
	}{
		"t":  {workforce.LeverTransitionRate, []int{1}},
		"r":  {workforce.LeverRotationLeaveAtEnd, []int{0}},
		"c":  {workforce.LeverCampaignOffers, []int{1, 2}},
		"sc": {workforce.LeverStudentConversion, []int{0, 1}},
		"sd": {workforce.LeverStudentDropout, []int{1}},
		"pc": {workforce.LeverPlacementCapacity, []int{1}},
		"ad": {workforce.LeverApprenticeDropout, []int{0}},
		"iw": {workforce.LeverInternationalWithdrawal, []int{1}},
		"rd": {workforce.LeverReturnerDropout, []int{0}},
		"ps": {workforce.LeverPortabilityShare, []int{0}},
	}
	require.Len(t, m.Interventions, len(want)+1)
	for _, iv := range m.Interventions {
		if iv.Name == "ru" {
			// Only the cells with a ramp-up: occupational therapists.
			assert.Equal(t, workforce.LeverRampUpEffectiveness, iv.Lever)
			assert.Len(t, iv.Cells, 3)
			continue
		}
		w := want[iv.Name]
		assert.Equal(t, w.lever, iv.Lever, iv.Name)
		assert.Equal(t, w.rules, iv.Rules, iv.Name)
	}
}

// TestRateLeverErrors checks the messages of the new levers: a name of
// the wrong kind, a selection with no such rate, names on transitions.
func TestRateLeverErrors(t *testing.T) {
	cases := []struct{ iv, want string }{
		{"{name: x, lever: campaign_offers, applies_to: {names: [rtp]}, mode: scale, value: 2, start: 2025-04}",
			`"rtp" is a return-to-practice scheme (want the name of an international recruitment: the lever campaign_offers applies to those)`},
		{"{name: x, lever: student_dropout_rate, applies_to: {names: [plain]}, mode: scale, value: 2, start: 2025-04}",
			`intervention "x" matches nothing (got organisations all; professions all; bands all; names plain; want at least one student programme with a dropout_rate)`},
		{"{name: x, lever: transition_rate, applies_to: {names: [plain]}, mode: scale, value: 2, start: 2025-04}",
			"promotions, graduate cohorts, transitions and portability have no names"},
	}
	for _, c := range cases {
		_, err := scenario.Parse("levers.yaml", []byte(rateLeversYAML+"  - "+c.iv+"\n"))
		require.Error(t, err, c.iv)
		assert.Contains(t, err.Error(), c.want)
	}
}
