package scenario_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// smallYAML uses every part of the format once, with two organisations, a
// custom role and quarterly steps.
const smallYAML = `
name: Compile test
description: Two organisations.
simulation: {start: 2025-04, horizon_years: 2, step: quarterly, report_every_months: 6, runs: 50, seed: 7}
organisations:
  - {key: acute, name: Acute Trust}
  - {key: community}
custom_roles:
  - {key: fcp, name: First contact practitioner}
leaver_destinations: [nhs, elsewhere]
workforce:
  - profession: physiotherapist
    organisation: acute
    fte_per_head: 0.8
    leaver_rate: {dist: triangular, min: 0.08, mode: 0.1, max: 0.12}
    leaver_destinations: {nhs: 0.75, elsewhere: 0.25}
    vacancy_rate: 0.2
    recruitment: {monthly_fill: 0.1}
    bands:
      5: {headcount: 8, initial_spread_months: 12}
      "6": {headcount: 10, establishment_fte: 12, leaver_rate: 0.05, fte_per_head: 1}
    promotion:
      - {from: 5, min_months: 12, monthly_apply: 0.05}
    graduates:
      - {month: 9, cohort: 6, conversion: 0.5, first_year: 2026}
  - profession: fcp
    organisation: community
    leaver_destinations: {nhs: 1}
    establishment_growth: {dist: normal, mean: 0.02, sd: 0.01}
    bands:
      Band 7: {headcount: 3}
transitions:
  - from: {organisation: acute, profession: physiotherapist, band: 6}
    to: {organisation: community, profession: fcp, band: 7}
    annual_rate: 0.02
demand:
  new_posts:
    - {organisation: community, profession: fcp, band: 7, from: 2026-01, fte: {dist: uniform, min: 1, max: 3}}
`

// smallFile is smallYAML written in Go.
func smallFile() *scenario.File {
	return &scenario.File{
		Name:        "Compile test",
		Description: "Two organisations.",
		Simulation: scenario.Simulation{
			Start:             workforce.NewMonth(2025, 4),
			HorizonYears:      new(2),
			Step:              scenario.Quarterly,
			ReportEveryMonths: new(6),
			Runs:              new(50),
			Seed:              7,
		},
		Organisations:      []scenario.Organisation{{Key: "acute", Name: "Acute Trust"}, {Key: "community"}},
		CustomRoles:        []scenario.Role{{Key: "fcp", Name: "First contact practitioner"}},
		LeaverDestinations: []string{"nhs", "elsewhere"},
		Workforce: []scenario.Group{
			{
				Profession:   workforce.Physiotherapist,
				Organisation: "acute",
				CellSettings: scenario.CellSettings{
					FTEPerHead:  new(0.8),
					LeaverRate:  scenario.Triangular(0.08, 0.1, 0.12),
					VacancyRate: new(0.2),
					Recruitment: scenario.Recruitment{MonthlyFill: scenario.Number(0.1)},
				},
				LeaverDestinations: map[string]float64{"nhs": 0.75, "elsewhere": 0.25},
				Bands: map[workforce.Band]scenario.BandSpec{
					workforce.Band5: {Headcount: 8, CellSettings: scenario.CellSettings{InitialSpreadMonths: new(12)}},
					workforce.Band6: {Headcount: 10, EstablishmentFTE: new(12.0), CellSettings: scenario.CellSettings{
						LeaverRate: scenario.Number(0.05),
						FTEPerHead: new(1.0),
					}},
				},
				Promotion: []scenario.Promotion{{From: new(workforce.Band5), MinMonths: 12, MonthlyApply: scenario.Number(0.05)}},
				Graduates: []scenario.GraduateCohort{{Month: 9, Cohort: scenario.Number(6), Conversion: scenario.Number(0.5), FirstYear: 2026}},
			},
			{
				Profession:         "fcp",
				Organisation:       "community",
				LeaverDestinations: map[string]float64{"nhs": 1},
				CellSettings:       scenario.CellSettings{EstablishmentGrowth: scenario.Normal(0.02, 0.01)},
				Bands:              map[workforce.Band]scenario.BandSpec{workforce.Band7: {Headcount: 3}},
			},
		},
		Transitions: []scenario.Transition{{
			From:       scenario.CellRef{Organisation: "acute", Profession: workforce.Physiotherapist, Band: new(workforce.Band6)},
			To:         scenario.CellRef{Organisation: "community", Profession: "fcp", Band: new(workforce.Band7)},
			AnnualRate: scenario.Number(0.02),
		}},
		Demand: scenario.Demand{NewPosts: []scenario.NewPost{{
			CellRef: scenario.CellRef{Organisation: "community", Profession: "fcp", Band: new(workforce.Band7)},
			From:    workforce.NewMonth(2026, 1),
			FTE:     scenario.Uniform(1, 3),
		}}},
	}
}

// smallModel is the model smallYAML compiles to, written out by hand.
func smallModel(t *testing.T) *workforce.Model {
	t.Helper()
	physio, _ := workforce.LookupProfession(workforce.Physiotherapist)
	fcp := workforce.Profession{Key: "fcp", Name: "First contact practitioner", Custom: true}
	layout, err := workforce.NewLayout(
		[]workforce.Organisation{{Key: "acute", Name: "Acute Trust"}, {Key: "community", Name: "community"}},
		[]workforce.Profession{physio, fcp},
		[]workforce.Cell{{Org: 0, Prof: 0, Band: workforce.Band5}, {Org: 0, Prof: 0, Band: workforce.Band6}, {Org: 1, Prof: 1, Band: workforce.Band7}},
	)
	require.NoError(t, err)
	return &workforce.Model{
		Name:        "Compile test",
		Description: "Two organisations.",
		Layout:      layout,
		Start:       workforce.NewMonth(2025, 4),
		StepMonths:  3,
		Steps:       8,
		ReportEvery: 2,
		Params: []workforce.Dist{
			{Kind: workforce.Triangular, A: 0.08, B: 0.1, C: 0.12, Min: 0, Max: 1, Name: "acute/physiotherapist.leaver_rate"},
			{Kind: workforce.Fixed, A: 0.1, Min: 0, Max: 1, Name: "acute/physiotherapist.recruitment.monthly_fill"},
			{Kind: workforce.Fixed, A: 0.05, Min: 0, Max: 1, Name: "acute/physiotherapist/6.leaver_rate"},
			{Kind: workforce.Fixed, A: 0.05, Min: 0, Max: 1, Name: "acute/physiotherapist/5.promotion.monthly_apply"},
			{Kind: workforce.Fixed, A: 6, Min: 0, Max: 1e6, Name: "acute/physiotherapist.graduates[0].cohort"},
			{Kind: workforce.Fixed, A: 0.5, Min: 0, Max: 1, Name: "acute/physiotherapist.graduates[0].conversion"},
			{Kind: workforce.Normal, A: 0.02, B: 0.01, Min: -1, Max: 1, Name: "community/fcp.establishment_growth"}, // tenfold over 2 years is above doubling a year
			{Kind: workforce.Fixed, A: 0.02, Min: 0, Max: 1, Name: "acute/physiotherapist/6->community/fcp/7.annual_rate"},
			{Kind: workforce.Uniform, A: 1, B: 3, Min: -1e6, Max: 1e6, Name: "community/fcp/7.new_posts.2026-01.fte"},
		},
		Cells: []workforce.CellSpec{
			workforce.CellSpec{ // acute/physiotherapist/5: establishment 8 heads x 0.8 / (1 - 0.2)
				Headcount: 8, FTEPerHead: 0.8, Establishment: 8, InitialSpreadMonths: 12,
				LeaverRate: 1, DestinationShares: []float64{0.75, 0.25}, RecruitFill: 2, EstablishmentGrowth: workforce.NoParam,
			},
			workforce.CellSpec{ // acute/physiotherapist/6: its own leaver rate, FTE and establishment
				Headcount: 10, FTEPerHead: 1, Establishment: 12,
				LeaverRate: 3, DestinationShares: []float64{0.75, 0.25}, RecruitFill: 2, EstablishmentGrowth: workforce.NoParam,
			},
			workforce.CellSpec{ // community/fcp/7: no leavers or recruitment given
				Headcount: 3, FTEPerHead: 1, Establishment: 3,
				LeaverRate: workforce.NoParam, DestinationShares: []float64{1, 0}, RecruitFill: workforce.NoParam, EstablishmentGrowth: 7,
			},
		},
		Destinations: []string{"nhs", "elsewhere"},
		Transitions:  []workforce.Transition{{From: 1, To: 2, Rate: 8}},
		Promotions:   []workforce.Promotion{{From: 0, To: 1, MinMonths: 12, ApplyProb: 4}},
		Graduates:    []workforce.GraduateCohort{{Cell: 0, Month: 9, Size: 5, Conversion: 6, FirstYear: 2026}},
		NewPosts:     []workforce.NewPosts{{Cell: 2, From: workforce.NewMonth(2026, 1), FTE: 9}},
		// Nothing costed, but the money settings' defaults are always set.
		Costs: workforce.Costs{Money: workforce.Money{Inflation: scenario.DefaultInflation, DiscountRate: workforce.DefaultDiscountRate}},
	}
}

func TestCompile(t *testing.T) {
	f, err := scenario.Parse("small.yaml", []byte(smallYAML))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	require.NoError(t, m.Validate())
	assert.Equal(t, smallModel(t), m)
	assert.Equal(t, sim.Settings{Runs: 50, Seed: 7, Report: defaultSelection(t, f)}, f.Settings())
}

// defaultSelection is the default report selection of a file's models.
func defaultSelection(t *testing.T, f *scenario.File) sim.Selection {
	t.Helper()
	opts, err := f.CompileOptions()
	require.NoError(t, err)
	var models []*workforce.Model
	for _, o := range opts {
		models = append(models, o.Model)
	}
	return sim.DefaultSelection(models)
}

// TestRoundTrip checks that a File built in Go compiles to the same model
// as the equivalent YAML, and that it survives being written as YAML and
// read back.
func TestRoundTrip(t *testing.T) {
	want := smallModel(t)

	m, err := smallFile().Compile()
	require.NoError(t, err)
	assert.Equal(t, want, m, "File built in Go")

	data, err := yaml.Marshal(smallFile())
	require.NoError(t, err)
	f, err := scenario.Parse("marshalled.yaml", data)
	require.NoError(t, err, "marshalled file:\n%s", data)
	m, err = f.Compile()
	require.NoError(t, err)
	assert.Equal(t, want, m, "File written as YAML and parsed")
}

func TestSettingsDefaults(t *testing.T) {
	f := smallFile()
	f.Simulation.Runs = nil
	f.Simulation.Seed = 0
	assert.Equal(t, sim.Settings{Runs: sim.DefaultRuns, Report: defaultSelection(t, f)}, f.Settings())
}

// TestCompileDefaults checks the defaults: one organisation, monthly steps,
// reports every 12 months, establishment equal to staff in post, and a
// promotion target band that is not listed.
func TestCompileDefaults(t *testing.T) {
	const src = `
name: Defaults
simulation: {start: 2024-04, horizon_months: 18}
workforce:
  - profession: dietitian
    bands:
      5: {headcount: 4}
    promotion:
      - {from: 5, monthly_apply: 0.1}
`
	f, err := scenario.Parse("defaults.yaml", []byte(src))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	assert.Equal(t, []workforce.Organisation{workforce.DefaultOrganisation}, m.Layout.Organisations)
	assert.Equal(t, 1, m.StepMonths)
	assert.Equal(t, 18, m.Steps)
	assert.Equal(t, 12, m.ReportEvery)
	require.Len(t, m.Cells, 2)
	assert.Equal(t, "system/dietitian/5", m.Layout.CellName(0))
	assert.Equal(t, "system/dietitian/6", m.Layout.CellName(1))
	assert.Equal(t, workforce.CellSpec{Headcount: 4, FTEPerHead: 1, Establishment: 4, LeaverRate: workforce.NoParam, RecruitFill: workforce.NoParam, EstablishmentGrowth: workforce.NoParam}, m.Cells[0])
	assert.Equal(t, workforce.CellSpec{FTEPerHead: 1, LeaverRate: workforce.NoParam, RecruitFill: workforce.NoParam, EstablishmentGrowth: workforce.NoParam}, m.Cells[1])
	assert.Nil(t, m.Destinations)
	assert.Equal(t, sim.Settings{Runs: sim.DefaultRuns, Report: defaultSelection(t, f)}, f.Settings())
}

// TestSharedParam checks that one value in the file is one parameter, shared
// by every band it applies to.
func TestSharedParam(t *testing.T) {
	const src = `
name: Shared
simulation: {start: 2024-04, horizon_years: 1}
workforce:
  - profession: radiographer
    leaver_rate: {dist: uniform, min: 0.05, max: 0.1}
    bands: {5: {headcount: 1}, 6: {headcount: 1}, 7: {headcount: 1, leaver_rate: 0.02}}
`
	f, err := scenario.Parse("shared.yaml", []byte(src))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	require.Len(t, m.Params, 2)
	assert.Equal(t, workforce.ParamID(1), m.Cells[0].LeaverRate)
	assert.Equal(t, workforce.ParamID(1), m.Cells[1].LeaverRate)
	assert.Equal(t, workforce.ParamID(2), m.Cells[2].LeaverRate)
	assert.Equal(t, "system/radiographer.leaver_rate", m.Param(1).Name)
}

// TestValidateGo checks the messages for a File built in Go: no positions,
// in the order found.
func TestValidateGo(t *testing.T) {
	tests := []struct {
		name string
		edit func(f *scenario.File)
		want string
	}{
		{"valid", func(*scenario.File) {}, ""},
		{"empty", func(f *scenario.File) { *f = scenario.File{} },
			"name: missing (want a short title for reports)\n" +
				"simulation.start: missing (want the first month simulated, YYYY-MM)\n" +
				"simulation.horizon_years: missing (want the years to simulate, 1 to 30, or horizon_months)\n" +
				"workforce: missing (want a list of entries, each a profession in an organisation)"},
		{"NaN", func(f *scenario.File) { f.Workforce[0].LeaverRate = scenario.Number(math.NaN()) },
			"workforce[0].leaver_rate: not a finite number (got NaN)"},
		{"step", func(f *scenario.File) { f.Simulation.Step = 2 },
			"simulation.step: unknown step (got 2 months, want monthly, quarterly or annual)"},
		{"both horizons", func(f *scenario.File) { f.Simulation.HorizonMonths = new(24) },
			"simulation.horizon_months: horizon given twice (want horizon_years or horizon_months, not both)"},
		{"beta for growth", func(f *scenario.File) { f.Workforce[1].EstablishmentGrowth = scenario.Beta(2, 3) },
			""},
		{"unknown distribution", func(f *scenario.File) { f.Workforce[1].EstablishmentGrowth = &scenario.Value{Dist: 42} },
			"workforce[1].establishment_growth: unknown distribution (got DistKind(42), want one of fixed, uniform, triangular, normal, beta, lognormal)"},
		{"missing band", func(f *scenario.File) { f.Transitions[0].From.Band = nil },
			"transitions[0].from.band: missing (want a band such as 5 or 8a)"},
		{"exits", func(f *scenario.File) { f.Transitions[0].AnnualRate = scenario.Number(0.96) },
			"transitions[0].annual_rate: exit rates from acute/physiotherapist/6 sum above 1 (got leaver rate 0.05 plus transitions 0.96 = 1.01, want at most 1)"},
		{"support graduates", func(f *scenario.File) {
			f.CustomRoles[0].Support = true
			f.Workforce[1].Graduates = f.Workforce[0].Graduates
		},
			"workforce[1].graduates[0]: graduates join Band 5 of a registered profession (got fcp, a support role)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := smallFile()
			tt.edit(f)
			err := f.Validate()
			if tt.want == "" {
				require.NoError(t, err)
				_, err = f.Compile()
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			_, err = f.Compile()
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestValueYAML(t *testing.T) {
	tests := []struct {
		in      string
		want    scenario.Value
		wantErr string
	}{
		{"0.13", scenario.Value{Dist: workforce.Fixed, A: 0.13}, ""},
		{"7", scenario.Value{Dist: workforce.Fixed, A: 7}, ""},
		{"{dist: fixed, value: 0.2}", scenario.Value{Dist: workforce.Fixed, A: 0.2}, ""},
		{"{dist: uniform, min: 1, max: 2}", scenario.Value{Dist: workforce.Uniform, A: 1, B: 2}, ""},
		{"{dist: triangular, min: 0.1, mode: 0.13, max: 0.16}", scenario.Value{Dist: workforce.Triangular, A: 0.1, B: 0.13, C: 0.16}, ""},
		{"{dist: normal, mean: 3, sd: 0.5}", scenario.Value{Dist: workforce.Normal, A: 3, B: 0.5}, ""},
		{"{dist: beta, alpha: 2, beta: 8}", scenario.Value{Dist: workforce.Beta, A: 2, B: 8}, ""},
		{"{dist: lognormal, mu: 1, sigma: 0.2}", scenario.Value{Dist: workforce.LogNormal, A: 1, B: 0.2}, ""},
		{"{max: 2, dist: uniform, min: 1}", scenario.Value{Dist: workforce.Uniform, A: 1, B: 2}, ""},
		{".nan", scenario.Value{}, "line 1: not a finite number (got .nan)"},
		{"ten", scenario.Value{}, `line 1: wrong type (got "ten", want a number)`},
		{"[1]", scenario.Value{}, "line 1: wrong type (got a list, want a number or a distribution"},
		{"{dist: uniform, min: 1}", scenario.Value{}, "line 1: missing (the uniform distribution needs min, max)"},
		{"{dist: gamma, k: 1}", scenario.Value{}, `line 1: unknown distribution "gamma" (want one of fixed, uniform, triangular, normal, beta, lognormal)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var v struct{ V scenario.Value }
			err := yaml.Unmarshal([]byte("v: "+tt.in), &v)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, v.V)

			// Writing the value and reading it back gives it again.
			out, err := yaml.Marshal(v.V)
			require.NoError(t, err)
			var back scenario.Value
			require.NoError(t, yaml.Unmarshal(out, &back))
			assert.Equal(t, tt.want, back)
			assert.NotEmpty(t, tt.want.String())
		})
	}
}

func TestStepText(t *testing.T) {
	for _, s := range []scenario.Step{scenario.Monthly, scenario.Quarterly, scenario.Annual} {
		text, err := s.MarshalText()
		require.NoError(t, err)
		var back scenario.Step
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, s, back)
		assert.Equal(t, int(s), s.Months())
	}
	assert.Equal(t, 1, scenario.Step(0).Months())
	var s scenario.Step
	assert.EqualError(t, s.UnmarshalText([]byte("weekly")), `unknown step "weekly" (want monthly, quarterly or annual)`)
}
