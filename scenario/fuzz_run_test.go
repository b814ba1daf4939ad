package scenario_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
)

// FuzzRun runs what it parses: every file Parse accepts compiles with its
// options, and runs once on expected values and a few times by Monte
// Carlo, on a horizon cut to fuzzSteps steps so that each execution is
// fast. The only error allowed is sim.ErrTooLarge (values beyond what the
// summaries hold, which the ranges allow only by stacking extremes);
// anything else, or a panic, is a bug. The seed corpus is small on
// purpose: the fuzzer minimises every input that finds new code, for up
// to -fuzzminimizetime (60 s by default) each, and large inputs spend all
// of it. To explore rather than minimise, run
//
//	go test ./scenario -run '^$' -fuzz '^FuzzRun$' -fuzztime 30s -fuzzminimizetime 2s
//
// (about 3,000 executions a second on one core; with the default, most
// of a 30-second session can go to minimising).
func FuzzRun(f *testing.F) {
	for _, seed := range fuzzRunSeeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		watchdog := time.AfterFunc(fuzzDeadline, func() {
			panic(fmt.Sprintf("parse and run took over %v on %d bytes: %q", fuzzDeadline, len(data), truncate(data, 500)))
		})
		defer watchdog.Stop()
		file, err := scenario.Parse("fuzz.yaml", data)
		if err != nil {
			return // FuzzParse checks the errors
		}
		runParsed(t, file)
	})
}

// fuzzSteps caps the horizon of a fuzzed scenario; fuzzRuns is the number
// of Monte Carlo runs.
const fuzzSteps, fuzzRuns = 12, 2

// runParsed compiles a parsed file with its options, cuts its horizon to
// fuzzSteps steps and compares its options on expected values and by
// Monte Carlo.
func runParsed(t *testing.T, file *scenario.File) {
	t.Helper()
	options, err := file.CompileOptions()
	if err != nil {
		t.Fatalf("Parse accepted a file that does not compile: %v", err)
	}
	opts := make([]sim.Option, len(options))
	for i, o := range options {
		m := *o.Model // a shallow copy is enough: only the horizon changes
		m.Steps = min(m.Steps, fuzzSteps)
		if err := m.Validate(); err != nil {
			t.Fatalf("model cut to %d steps is invalid: %v", m.Steps, err)
		}
		opts[i] = sim.Option{Name: o.Name, Model: &m}
	}
	cs := sim.CompareSettings{Target: 0.1, HasTarget: true}
	for _, s := range []sim.Settings{{Deterministic: true, Workers: 1}, {Runs: fuzzRuns, Seed: 1, Workers: 1}} {
		_, err := sim.Compare(context.Background(), opts, s, cs)
		if err != nil && !errors.Is(err, sim.ErrTooLarge) {
			t.Fatalf("run (deterministic %v) failed: %v", s.Deterministic, err)
		}
	}
}

// fuzzRunSeeds are small scenarios (a few hundred bytes each: the fuzzer
// minimises every input that finds new code, and large ones take it
// minutes) that between them use every kind of mechanism.
var fuzzRunSeeds = []string{
	`name: s
simulation: {start: 2025-04, horizon_months: 6}
workforce:
  - profession: dietitian
    bands: {5: {headcount: 1}}
`,
	`name: flows
simulation: {start: 2025-04, horizon_years: 2, step: quarterly, report_every_months: 6}
leaver_destinations: [nhs, out]
workforce:
  - profession: physiotherapist
    leaver_rate: {dist: triangular, min: 0.1, mode: 0.12, max: 0.2}
    leaver_destinations: {nhs: 0.6, out: 0.4}
    recruitment: {monthly_fill: 0.1}
    establishment_growth: 0.02
    bands: {5: {headcount: 8, vacancy_rate: 0.1}, 6: {headcount: 5}}
    promotion: [{from: 5, min_months: 6, monthly_apply: 0.1}]
    graduates: [{month: 9, cohort: 4, conversion: {dist: beta, alpha: 2, beta: 3}}]
transitions:
  - {from: {profession: physiotherapist, band: 6}, to: {band: 5}, annual_rate: 0.05}
demand:
  new_posts: [{profession: physiotherapist, band: 7, from: 2025-10, fte: 2}]
`,
	`name: pipelines
simulation: {start: 2025-04, horizon_years: 1}
workforce:
  - {profession: support_worker, bands: {3: {headcount: 20}}}
  - {profession: occupational_therapist, agency_share: 0.5, sickness_absence: 0.05, ramp_up: {months: 3, effectiveness: 0.5}, bands: {5: {headcount: 10}}}
pipelines:
  apprenticeships: [{name: a, from: {profession: support_worker, band: 3}, to: {profession: occupational_therapist}, intake_per_month: 1, duration_months: 6}]
  students: [{name: s, to: {profession: occupational_therapist}, places_per_year: 5, intake_month: 5, duration_months: 3, conversion: 0.5}]
  international: [{name: i, to: {profession: occupational_therapist}, offers_per_month: 1, lead_months: 2}]
  return_to_practice: [{name: r, to: {profession: occupational_therapist}, per_year: 2, supervised_months: 1}]
rotations: [{name: rot, profession: occupational_therapist, band: 5, share_of_joiners: 0.5, length_months: 3, rotations: 2}]
`,
	`name: costs and options
simulation: {start: 2025-04, horizon_years: 1}
workforce:
  - {profession: dietitian, leaver_rate: 0.1, recruitment: {monthly_fill: 0.1}, bands: {6: {headcount: 10}}}
costs: {annual_pay_per_fte: {6: 48000}, agency_per_hour: 40, recruitment_per_head: {external: 5000}}
interventions:
  - {name: p, lever: leaver_rate, mode: scale, value: 0.8, start: 2025-07, profile: linear, ramp_months: 3, annual_cost: 1000}
options:
  - {name: o, interventions: [{name: n, lever: establishment, applies_to: {professions: [dietitian], bands: [7]}, mode: add, value: 2, start: 2025-10, one_off_cost: 10}]}
`,
}

// TestFuzzRunSeeds checks that every seed of FuzzRun parses (the target
// skips files Parse rejects, so a broken seed would test nothing) and runs.
func TestFuzzRunSeeds(t *testing.T) {
	for i, seed := range fuzzRunSeeds {
		file, err := scenario.Parse(fmt.Sprintf("seed%d.yaml", i), []byte(seed))
		require.NoError(t, err)
		runParsed(t, file)
	}
}
