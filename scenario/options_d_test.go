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
	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// optionBaseYAML is a small two-profession scenario with every flow that
// draws random numbers: leaving, recruitment, promotion, a rotation.
const optionBaseYAML = `
name: Options that add mechanisms
simulation: {start: 2025-04, horizon_years: 3, runs: 200, seed: 7}
workforce:
  - profession: occupational_therapist
    leaver_rate: 0.12
    recruitment: {monthly_fill: 0.1}
    bands: {5: {headcount: 30, vacancy_rate: 0.1}, 6: {headcount: 40, vacancy_rate: 0.1}, 7: {headcount: 10}}
    promotion: [{from: 5, min_months: 12, monthly_apply: 0.05}]
  - profession: physiotherapist
    leaver_rate: 0.1
    recruitment: {monthly_fill: 0.1}
    bands: {5: {headcount: 30, vacancy_rate: 0.1}, 6: {headcount: 30, vacancy_rate: 0.1}}
    promotion: [{from: 5, min_months: 12, monthly_apply: 0.05}]
  - profession: support_worker
    leaver_rate: 0.15
    recruitment: {monthly_fill: 0.2}
    bands: {3: {headcount: 20}}
rotations:
  - {name: physio_rotation, profession: physiotherapist, band: 5, share_of_joiners: 0.5, length_months: 6, rotations: 2, leave_at_end: 0.1}
`

// zeroOptionYAML adds, in one option, one of every mechanism an option
// may add, each doing nothing; and in another, ten international OTs.
const zeroOptionYAML = `
options:
  - name: nothing
    transitions:
      - {from: {profession: occupational_therapist, band: 6}, to: {profession: occupational_therapist, band: 7}, annual_rate: 0}
    demand:
      new_posts: [{profession: occupational_therapist, band: 7, from: 2026-04, fte: 0}]
    pipelines:
      apprenticeships:
        - {name: appr, from: {profession: support_worker, band: 3}, to: {profession: occupational_therapist}, intake_per_year: 0, intake_month: 9, duration_months: 12}
      students:
        - {name: bsc, to: {profession: occupational_therapist}, places_per_year: 0, intake_month: 9, duration_months: 12, conversion: 0.5}
      international:
        - {name: none_abroad, to: {profession: occupational_therapist}, campaigns: [{month: 2025-10, offers: 0}], lead_months: 6}
      return_to_practice:
        - {name: rtp, to: {profession: occupational_therapist}, per_year: 0, supervised_months: 3}
    rotations:
      - {name: ot_rotation, profession: occupational_therapist, band: 5, share_of_joiners: 0, length_months: 6, rotations: 2}
    promotions:
      - {profession: occupational_therapist, from: 6, min_months: 24, monthly_apply: 0}
    graduates:
      - {profession: occupational_therapist, month: 9, cohort: 0, conversion: 0.5}
  - name: ten_international_ots
    pipelines:
      international:
        - {name: ten_ots, to: {profession: occupational_therapist}, campaigns: [{month: 2025-10, offers: 10}], lead_months: 6}
`

func compileOptionsYAML(t *testing.T, src string) []sim.Option {
	t.Helper()
	f, err := scenario.Parse("options.yaml", []byte(src))
	require.NoError(t, err)
	opts, err := f.CompileOptions()
	require.NoError(t, err)
	return opts
}

func runModel(t *testing.T, m *workforce.Model, s sim.Settings) *sim.Result {
	t.Helper()
	res, err := sim.Run(context.Background(), m, s)
	require.NoError(t, err)
	return res
}

// sameStats reports whether two summaries are equal, NaN (undefined)
// equal to NaN.
func sameStats(a, b summary.Stats) bool {
	eq := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	return a.N == b.N && a.Undefined == b.Undefined && eq(a.Mean, b.Mean) && eq(a.SD, b.SD) && eq(a.MCSE, b.MCSE) &&
		eq(a.P05, b.P05) && eq(a.P25, b.P25) && eq(a.P50, b.P50) && eq(a.P75, b.P75) && eq(a.P95, b.P95)
}

// compareOutputs checks that two results report the same summaries for
// every date, metric and the groups keep picks (by group), and returns
// how many differ among the others.
func compareOutputs(t *testing.T, want, got *sim.Result, keep func(sim.Group) bool) (others int) {
	t.Helper()
	require.Equal(t, len(want.Groups), len(got.Groups))
	require.Equal(t, len(want.Metrics), len(got.Metrics))
	for d := range want.Dates {
		for g, grp := range want.Groups {
			for mi := range want.Metrics {
				same := sameStats(want.Stats(d, g, mi), got.Stats(d, g, mi))
				switch {
				case keep(grp) && !same:
					t.Errorf("%v %v %s: got %+v, want %+v", want.Dates[d], grp, want.Metrics[mi].Name, got.Stats(d, g, mi), want.Stats(d, g, mi))
					return others
				case !same:
					others++
				}
			}
		}
	}
	return others
}

// TestOptionMechanismsKeepCommonRandomNumbers checks that an option that
// adds mechanisms keeps the baseline's random numbers: an option adding
// one of each mechanism, each doing nothing, gives outputs identical to
// the baseline's for every group and metric in Monte Carlo mode; and an
// option adding ten international OTs changes the OTs only, leaving every
// physiotherapy figure as the baseline's.
func TestOptionMechanismsKeepCommonRandomNumbers(t *testing.T) {
	s := sim.Settings{Runs: 200, Seed: 7}
	all := func(sim.Group) bool { return true }
	quarterly := compileOptionsYAML(t, strings.Replace(optionBaseYAML, "horizon_years: 3", "horizon_years: 3, step: quarterly", 1)+zeroOptionYAML)
	assert.Zero(t, compareOutputs(t, runModel(t, quarterly[0].Model, s), runModel(t, quarterly[1].Model, s), all), "quarterly steps")
	opts := compileOptionsYAML(t, optionBaseYAML+zeroOptionYAML)
	require.Len(t, opts, 3)
	base := runModel(t, opts[0].Model, s)
	assert.Zero(t, compareOutputs(t, base, runModel(t, opts[1].Model, s), all))
	physio := opts[0].Model.Layout.ProfIndex(string(workforce.Physiotherapist))
	require.GreaterOrEqual(t, physio, 0)
	changed := compareOutputs(t, base, runModel(t, opts[2].Model, s), func(g sim.Group) bool { return g.Prof == physio })
	assert.Positive(t, changed, "ten OTs change the OT figures")

	det := runModel(t, opts[2].Model, sim.Settings{Deterministic: true})
	got := det.Stats(2, det.GroupIndex("system", "occupational_therapist", "5"), det.MetricIndex("joiners_international"))
	assert.InDelta(t, 10, got.Mean, 1e-9, "ten OTs offered in October 2025 arrive in April 2026, in the second year")
}

// TestOptionModelIsTheBaselinePlusItsMechanisms checks that an option's
// model is the baseline with its mechanisms: its outputs are those of the
// scenario that has them itself, in both modes.
func TestOptionModelIsTheBaselinePlusItsMechanisms(t *testing.T) {
	const ots = `
  international:
    - {name: ten_ots, to: {profession: occupational_therapist}, campaigns: [{month: 2025-10, offers: 10}], lead_months: 6, withdrawal_rate: 0.1}
`
	withOption := compileOptionsYAML(t, optionBaseYAML+"options:\n  - name: ten\n    pipelines:"+strings.ReplaceAll(ots, "\n  ", "\n      "))
	itself := compileOptionsYAML(t, optionBaseYAML+"pipelines:"+ots)
	assert.Empty(t, withOption[1].Model.Inert)
	assert.Equal(t, []workforce.RuleRef{{List: workforce.RuleInternational, Index: 0}}, withOption[0].Model.Inert)
	for _, s := range []sim.Settings{{Deterministic: true}, {Runs: 100, Seed: 3}} {
		all := func(sim.Group) bool { return true }
		compareOutputs(t, runModel(t, itself[0].Model, s), runModel(t, withOption[1].Model, s), all)
	}
}

// TestOptionDocExample checks the example of docs/scenario-format.md
// (options): thirty OTs over three campaigns, arriving after six months
// less withdrawals, the last campaign scaled by 1.2 by the option's own
// intervention.
func TestOptionDocExample(t *testing.T) {
	const doc = `
options:
  - name: ten_international_ots
    description: Ten internationally educated OTs a year, 2025 to 2027.
    pipelines:
      international:
        - name: ot_campaigns
          to: {profession: occupational_therapist}
          campaigns:
            - {month: 2025-10, offers: 10}
            - {month: 2026-10, offers: 10}
            - {month: 2027-10, offers: 10}
          lead_months: 6
          withdrawal_rate: 0.1
    interventions:      # may act on the option's own mechanisms, by name
      - {name: more_offers, lever: campaign_offers, applies_to: {names: [ot_campaigns]}, mode: scale, value: 1.2, start: 2026-10}
`
	opts := compileOptionsYAML(t, strings.Replace(optionBaseYAML, "horizon_years: 3", "horizon_years: 4", 1)+doc)
	det := runModel(t, opts[1].Model, sim.Settings{Deterministic: true})
	g, m := det.GroupIndex("system", "occupational_therapist", "5"), det.MetricIndex("joiners_international")
	arrive := math.Pow(1-0.1/12, 6)
	assert.InDelta(t, 10*arrive, det.Stats(2, g, m).Mean, 1e-6, "the 2025 campaign, in 2026/27")
	assert.InDelta(t, 12*arrive, det.Stats(3, g, m).Mean, 1e-6, "the 2026 campaign, scaled by 1.2")
}

// TestOptionMechanismsRoundTrip checks that a File whose options add
// mechanisms writes as YAML that parses to the same models, and that a
// File built in Go (no source positions) compiles the same.
func TestOptionMechanismsRoundTrip(t *testing.T) {
	f, err := scenario.Parse("options.yaml", []byte(optionBaseYAML+zeroOptionYAML))
	require.NoError(t, err)
	want, err := f.CompileOptions()
	require.NoError(t, err)
	data, err := yaml.Marshal(f)
	require.NoError(t, err)
	g, err := scenario.Parse("marshalled.yaml", data)
	require.NoError(t, err, "marshalled file:\n%s", data)
	got, err := g.CompileOptions()
	require.NoError(t, err)
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i].Model, got[i].Model, want[i].Name)
	}
	var goFile scenario.File // no source: as built in Go
	require.NoError(t, yaml.Unmarshal(data, &goFile))
	got, err = goFile.CompileOptions()
	require.NoError(t, err)
	for i := range want {
		assert.Equal(t, want[i].Model, got[i].Model, want[i].Name)
	}
	assert.Len(t, f.Options[0].Pipelines.International, 1, "merging leaves the file's lists alone")
	assert.Empty(t, f.Pipelines.International)
}

// TestFileInterventionsActOnTheScenariosMechanisms checks that the file's
// interventions apply to the scenario's own pipelines only, not to those
// an option adds, while the option's apply to both.
func TestFileInterventionsActOnTheScenariosMechanisms(t *testing.T) {
	const src = `
pipelines:
  international:
    - {name: ots, to: {profession: occupational_therapist}, offers_per_month: 1, lead_months: 6}
interventions:
  - {name: file_wide, lever: international_offers, mode: scale, value: 2, start: 2025-04}
options:
  - name: physios
    pipelines:
      international:
        - {name: physios, to: {profession: physiotherapist}, offers_per_month: 1, lead_months: 6}
    interventions:
      - {name: option_wide, lever: international_offers, mode: scale, value: 2, start: 2025-04}
`
	opts := compileOptionsYAML(t, optionBaseYAML+src)
	rules := map[string][]int{}
	for _, iv := range opts[1].Model.Interventions {
		rules[iv.Name] = iv.Rules
	}
	assert.Equal(t, map[string][]int{"file_wide": {0}, "option_wide": {0, 1}}, rules)
	assert.Equal(t, []workforce.RuleRef{{List: workforce.RuleInternational, Index: 1}}, opts[0].Model.Inert)
}
