package scenario_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// dynamicsYAML uses every mechanism beyond the workforce itself: age,
// the dynamic cell settings, every pipeline, rotations, portability,
// costs, interventions and options.
const dynamicsYAML = `
name: Dynamics
description: Every mechanism.
simulation: {start: 2025-04, horizon_years: 3, runs: 20, seed: 3}
organisations: [{key: acute}, {key: community}]
age_groups:
  - {name: young, from_age: 20, to_age: 40}
  - {name: middle, from_age: 40, to_age: 55}
  - {name: older, from_age: 55}
age_profile: {young: 0.5, middle: 0.3, older: 0.2}
retirement_rates: {older: 0.1}
joiner_ages:
  graduate: {young: 1}
  international: {young: 0.8, middle: 0.2}
workforce:
  - profession: occupational_therapist
    organisation: acute
    leaver_rate: 0.1
    sickness_absence: 0.04
    agency_share: {dist: uniform, min: 0.2, max: 0.4}
    international_first_year_leaver_rate: 0.2
    recruitment: {monthly_fill: 0.05}
    bands:
      5: {headcount: 20, vacancy_rate: 0.1, ramp_up: {months: 4, effectiveness: 0.5}}
      6:
        headcount: 30
        vacancy_rate: 0.2
        age_profile: {young: 0.3, middle: 0.5, older: 0.2}
        retirement_rates: {middle: 0.01, older: 0.15}
        sickness_absence: 0.05
    promotion: [{from: 5, min_months: 12, monthly_apply: 0.03}]
  - profession: occupational_therapist
    organisation: community
    leaver_rate: 0.12
    age_profile: {young: 0.4, middle: 0.4, older: 0.2}
    retirement_rates: {older: 0}
    ramp_up: {months: 2, effectiveness: 0.8}
    bands:
      5: {headcount: 10, vacancy_rate: 0.1}
  - profession: support_worker
    organisation: acute
    leaver_rate: 0.15
    recruitment: {monthly_fill: 0.2}
    bands:
      3: {headcount: 40}
      4: {headcount: 10}
pipelines:
  apprenticeships:
    - name: ot_apprentices
      from: {organisation: acute, profession: support_worker, band: 3}
      to: {profession: occupational_therapist}
      intake_per_year: 4
      intake_month: 9
      funded_places: 20
      duration_months: 48
      dropout_rate: 0.05
      dropouts_stay: false
      study_share: 0.3
      backfill: registered_post
      funded_from: {profession: occupational_therapist, band: 6}
      first_year: 2025
      last_year: 2027
    - name: monthly_apprentices
      from: {organisation: acute, profession: support_worker, band: 4}
      to: {organisation: community, profession: occupational_therapist}
      intake_per_month: 0.25
      duration_months: 36
  students:
    - name: ot_students
      to: {organisation: acute, profession: occupational_therapist}
      places_per_year: 10
      intake_month: 9
      duration_months: 36
      dropout_rate: 0.05
      conversion: 0.4
      placement_capacity: 12
      placement_vacancy_threshold: 0.1
      placement_sensitivity: 2
      last_year: 2026
  international:
    - name: intl_ots
      to: {organisation: acute, profession: occupational_therapist}
      offers_per_month: 0.5
      first_month: 2025-04
      last_month: 2026-03
      campaigns: [{month: 2025-06, offers: 10}]
      lead_months: 6
      withdrawal_rate: 0.1
  return_to_practice:
    - name: rtp
      to: {organisation: community, profession: occupational_therapist, band: 6}
      per_year: 2
      supervised_months: 3
      dropout_rate: 0.1
      last_month: 2026-12
rotations:
  - name: ot_rotation
    profession: occupational_therapist
    band: 5
    organisations: [community, acute]
    share_of_joiners: 0.5
    length_months: 6
    rotations: 3
    leaver_rate: 0.08
    leave_at_end: 0.05
portability:
  - from: {organisation: community, profession: occupational_therapist, band: 5}
    to_organisations: [acute]
    share: 0.5
  - from: {organisation: acute, profession: occupational_therapist, band: 5}
    to: {organisation: community}
    share: 0.25
    start: 2026-01
    max_months: 6
costs:
  annual_pay_per_fte: {3: 32000, 5: 43000, 6: 53500}
  agency_per_hour: 38
  recruitment_per_head: {external: 3000, international: 10000}
  apprentice_per_year: 2000
  student_per_year: 1000
interventions:
  - name: retention_premium
    lever: leaver_rate
    applies_to: {bands: [6]}
    mode: scale
    value: 0.8
    start: 2026-04
    profile: linear
    ramp_months: 6
    annual_cost: 100000
  - name: more_apprentices
    lever: apprentice_intake
    applies_to: {organisations: [acute]}
    mode: add
    value: 2
    start: 2025-04
    end: 2026-03
options:
  - name: acp_posts
    description: ACP posts from zero.
    interventions:
      - name: acp
        lever: establishment
        applies_to: {organisations: [acute], professions: [occupational_therapist], bands: [8a]}
        mode: add
        value: 3
        start: 2025-10
        profile: back_loaded
        ramp_months: 12
        one_off_cost: {dist: uniform, min: 10000, max: 20000}
  - name: more_intl
    interventions:
      - name: offers
        lever: international_offers
        applies_to: {names: [intl_ots]}
        mode: set
        value: 2
        start: 2025-04
        end: 2025-09
      - name: rotate_more
        lever: rotation_share
        applies_to: {organisations: [acute]}
        mode: set
        value: 0.9
        start: 2025-04
        profile: front_loaded
        ramp_months: 6
`

func compileDynamics(t *testing.T) []sim.Option {
	t.Helper()
	f, err := scenario.Parse("dynamics.yaml", []byte(dynamicsYAML))
	require.NoError(t, err)
	opts, err := f.CompileOptions()
	require.NoError(t, err)
	return opts
}

// cellOf returns the index of a cell, failing the test if it has none.
func cellOf(t *testing.T, m *workforce.Model, org, prof string, band workforce.Band) int {
	t.Helper()
	i := m.Layout.Index(workforce.Cell{Org: m.Layout.OrgIndex(org), Prof: m.Layout.ProfIndex(prof), Band: band})
	require.GreaterOrEqual(t, i, 0, "%s/%s/%v", org, prof, band)
	return i
}

// paramNamed returns the ParamID of the parameter with a name.
func paramNamed(t *testing.T, m *workforce.Model, name string) workforce.ParamID {
	t.Helper()
	for i, p := range m.Params {
		if p.Name == name {
			return workforce.ParamID(i + 1)
		}
	}
	t.Fatalf("no parameter %q", name)
	return workforce.NoParam
}

func TestCompileAge(t *testing.T) {
	m := compileDynamics(t)[0].Model
	assert.Equal(t, []workforce.AgeGroup{{Name: "young", FromAge: 20, ToAge: 40}, {Name: "middle", FromAge: 40, ToAge: 55}, {Name: "older", FromAge: 55}}, m.AgeGroups)
	assert.Equal(t, []float64{1, 0, 0}, m.JoinerAges[workforce.SourceGraduate])
	assert.Equal(t, []float64{0.8, 0.2, 0}, m.JoinerAges[workforce.SourceInternational])
	assert.Nil(t, m.JoinerAges[workforce.SourceExternal], "not given: like the cell")

	acute5 := m.Cells[cellOf(t, m, "acute", "occupational_therapist", workforce.Band5)]
	acute6 := m.Cells[cellOf(t, m, "acute", "occupational_therapist", workforce.Band6)]
	comm5 := m.Cells[cellOf(t, m, "community", "occupational_therapist", workforce.Band5)]
	support3 := m.Cells[cellOf(t, m, "acute", "support_worker", workforce.Band3)]

	// Age shares: band over entry over the file's default.
	assert.Equal(t, []float64{0.5, 0.3, 0.2}, acute5.AgeShares, "file default")
	assert.Equal(t, []float64{0.3, 0.5, 0.2}, acute6.AgeShares, "band")
	assert.Equal(t, []float64{0.4, 0.4, 0.2}, comm5.AgeShares, "entry")

	// Retirement: the file's default is one parameter shared by the cells
	// that use it; an entry's or a band's map replaces it.
	def := paramNamed(t, m, "retirement_rates.older")
	assert.Equal(t, []workforce.ParamID{workforce.NoParam, workforce.NoParam, def}, acute5.RetirementRate)
	assert.Equal(t, []workforce.ParamID{workforce.NoParam, workforce.NoParam, def}, support3.RetirementRate)
	assert.Equal(t, []workforce.ParamID{workforce.NoParam,
		paramNamed(t, m, "acute/occupational_therapist/6.retirement_rates.middle"),
		paramNamed(t, m, "acute/occupational_therapist/6.retirement_rates.older")}, acute6.RetirementRate)
	assert.Equal(t, []workforce.ParamID{workforce.NoParam, workforce.NoParam, paramNamed(t, m, "community/occupational_therapist.retirement_rates.older")}, comm5.RetirementRate)
	assert.Equal(t, workforce.Dist{Kind: workforce.Fixed, A: 0.1, Min: 0, Max: 1, Name: "retirement_rates.older"}, m.Param(def))
	assert.Equal(t, workforce.ParamID(1), def, "the file's default comes first")
}

func TestCompileCellDynamics(t *testing.T) {
	m := compileDynamics(t)[0].Model
	acute5 := m.Cells[cellOf(t, m, "acute", "occupational_therapist", workforce.Band5)]
	acute6 := m.Cells[cellOf(t, m, "acute", "occupational_therapist", workforce.Band6)]
	comm5 := m.Cells[cellOf(t, m, "community", "occupational_therapist", workforce.Band5)]
	support3 := m.Cells[cellOf(t, m, "acute", "support_worker", workforce.Band3)]

	entry := "acute/occupational_therapist"
	assert.Equal(t, paramNamed(t, m, entry+".sickness_absence"), acute5.Sickness)
	assert.Equal(t, paramNamed(t, m, entry+"/6.sickness_absence"), acute6.Sickness, "band overrides")
	assert.Equal(t, workforce.NoParam, support3.Sickness)
	assert.Equal(t, paramNamed(t, m, entry+".agency_share"), acute6.AgencyShare)
	assert.Equal(t, workforce.Dist{Kind: workforce.Uniform, A: 0.2, B: 0.4, Min: 0, Max: 1, Name: entry + ".agency_share"}, m.Param(acute6.AgencyShare))
	assert.Equal(t, paramNamed(t, m, entry+".international_first_year_leaver_rate"), acute5.InternationalFirstYearLeaverRate)

	// Ramp-up: a band's own, an entry's, or none.
	assert.Equal(t, 4, acute5.RampUpMonths)
	assert.Equal(t, paramNamed(t, m, entry+"/5.ramp_up.effectiveness"), acute5.RampUpEffectiveness)
	assert.Equal(t, 0, acute6.RampUpMonths)
	assert.Equal(t, workforce.NoParam, acute6.RampUpEffectiveness)
	assert.Equal(t, 2, comm5.RampUpMonths)
	assert.Equal(t, paramNamed(t, m, "community/occupational_therapist.ramp_up.effectiveness"), comm5.RampUpEffectiveness)
}

func TestCompilePipelines(t *testing.T) {
	m := compileDynamics(t)[0].Model
	cell := func(org, prof string, band workforce.Band) int { return cellOf(t, m, org, prof, band) }
	ot, sw := "occupational_therapist", "support_worker"
	require.Len(t, m.Apprenticeships, 2)
	assert.Equal(t, workforce.Apprenticeship{
		Name: "ot_apprentices", From: cell("acute", sw, workforce.Band3), To: cell("acute", ot, workforce.Band5),
		Intake: paramNamed(t, m, "apprenticeships.ot_apprentices.intake_per_year"), Month: 9, FundedPlaces: 20,
		DurationMonths: 48, DropoutRate: paramNamed(t, m, "apprenticeships.ot_apprentices.dropout_rate"), DropoutsStay: false,
		StudyShare: 0.3, Backfill: workforce.BackfillRegisteredPost, FundedFrom: cell("acute", ot, workforce.Band6),
		FirstYear: 2025, LastYear: 2027,
	}, m.Apprenticeships[0])
	// Defaults: monthly intake (month 0), drop-outs stay, a fifth of the
	// post given to study, backfilled by a vacancy.
	assert.Equal(t, workforce.Apprenticeship{
		Name: "monthly_apprentices", From: cell("acute", sw, workforce.Band4), To: cell("community", ot, workforce.Band5),
		Intake: paramNamed(t, m, "apprenticeships.monthly_apprentices.intake_per_month"), DurationMonths: 36,
		DropoutsStay: true, StudyShare: 0.2, Backfill: workforce.BackfillVacancy,
	}, m.Apprenticeships[1])
	assert.Equal(t, workforce.Dist{Kind: workforce.Fixed, A: 0.25, Min: 0, Max: 1e6, Name: "apprenticeships.monthly_apprentices.intake_per_month"}, m.Param(m.Apprenticeships[1].Intake))

	assert.Equal(t, []workforce.StudentProgramme{{
		Name: "ot_students", To: cell("acute", ot, workforce.Band5), Places: paramNamed(t, m, "students.ot_students.places_per_year"),
		IntakeMonth: 9, DurationMonths: 36, DropoutRate: paramNamed(t, m, "students.ot_students.dropout_rate"),
		Conversion: paramNamed(t, m, "students.ot_students.conversion"), PlacementCapacity: paramNamed(t, m, "students.ot_students.placement_capacity"),
		PlacementVacancyThreshold: 0.1, PlacementSensitivity: 2, LastYear: 2026,
	}}, m.Students)

	// Months are inclusive in files and the end exclusive in sim.
	assert.Equal(t, []workforce.InternationalRecruitment{{
		Name: "intl_ots", To: cell("acute", ot, workforce.Band5), OffersPerMonth: paramNamed(t, m, "international.intl_ots.offers_per_month"),
		Campaigns:  []workforce.Campaign{{Month: workforce.NewMonth(2025, 6), Offers: paramNamed(t, m, "international.intl_ots.campaigns[0].offers")}},
		LeadMonths: 6, WithdrawalRate: paramNamed(t, m, "international.intl_ots.withdrawal_rate"),
		From: workforce.NewMonth(2025, 4), Until: workforce.NewMonth(2026, 4),
	}}, m.International)
	assert.Equal(t, []workforce.ReturnToPractice{{
		Name: "rtp", To: cell("community", ot, workforce.Band6), PerYear: paramNamed(t, m, "return_to_practice.rtp.per_year"),
		SupervisedMonths: 3, DropoutRate: paramNamed(t, m, "return_to_practice.rtp.dropout_rate"), Until: workforce.NewMonth(2027, 1),
	}}, m.Returners)
}

func TestCompileRotationsPortabilityCosts(t *testing.T) {
	m := compileDynamics(t)[0].Model
	acute5 := cellOf(t, m, "acute", "occupational_therapist", workforce.Band5)
	comm5 := cellOf(t, m, "community", "occupational_therapist", workforce.Band5)
	assert.Equal(t, []workforce.Rotation{{
		Cell: comm5, Cells: []int{comm5, acute5}, // in the order of organisations
		Share: paramNamed(t, m, "rotations.ot_rotation.share_of_joiners"), LengthMonths: 6, Rotations: 3,
		LeaverRate: paramNamed(t, m, "rotations.ot_rotation.leaver_rate"), LeaveAtEnd: paramNamed(t, m, "rotations.ot_rotation.leave_at_end"),
	}}, m.Rotations)

	assert.Equal(t, []workforce.Portability{
		{From: comm5, To: acute5, Share: paramNamed(t, m, "portability[0].share"), Start: workforce.NewMonth(2025, 4), MaxMonths: 12},
		{From: acute5, To: comm5, Share: paramNamed(t, m, "portability[1].share"), Start: workforce.NewMonth(2026, 1), MaxMonths: 6},
	}, m.Portability)

	var pay [workforce.NumBands]float64
	pay[workforce.Band3], pay[workforce.Band5], pay[workforce.Band6] = 32000, 43000, 53500
	var recruit [workforce.NumSources]float64
	recruit[workforce.SourceExternal], recruit[workforce.SourceInternational] = 3000, 10000
	assert.Equal(t, workforce.Costs{
		PayPerFTE: pay, AgencyPerHour: 38, HoursPerFTE: 1950, // the default with an agency cost
		RecruitPerHead: recruit, StudentPerYear: 1000, ApprenticePerYear: 2000,
		Money: workforce.Money{Inflation: 0.02, DiscountRate: 0.035}, // the defaults
	}, m.Costs)
}

func TestCompileInterventions(t *testing.T) {
	m := compileDynamics(t)[0].Model
	require.Len(t, m.Interventions, 2)
	premium := m.Interventions[0]
	assert.Equal(t, workforce.Intervention{
		Name: "retention_premium", Lever: workforce.LeverLeaverRate,
		// Every Band 6 cell with a leaver rate: the OTs' in both trusts
		// (community Band 6 has no staff, but returners join it).
		Cells: []int{cellOf(t, m, "acute", "occupational_therapist", workforce.Band6), cellOf(t, m, "community", "occupational_therapist", workforce.Band6)},
		Mode:  workforce.Scale, Value: paramNamed(t, m, "interventions.retention_premium.value"),
		Start: workforce.NewMonth(2026, 4), Profile: workforce.Linear, RampMonths: 6,
		AnnualCost: paramNamed(t, m, "interventions.retention_premium.annual_cost"),
	}, premium)
	assert.Equal(t, workforce.Dist{Kind: workforce.Fixed, A: 0.8, Min: 0, Max: 10, Name: "interventions.retention_premium.value"}, m.Param(premium.Value))

	// A rule lever picks apprenticeships by the cell they lead to; the end
	// month is the last in force.
	assert.Equal(t, workforce.Intervention{
		Name: "more_apprentices", Lever: workforce.LeverApprenticeIntake, Rules: []int{0},
		Mode: workforce.Add, Value: paramNamed(t, m, "interventions.more_apprentices.value"),
		Start: workforce.NewMonth(2025, 4), End: workforce.NewMonth(2026, 4),
	}, m.Interventions[1])
	assert.Equal(t, -1e6, m.Param(m.Interventions[1].Value).Min, "add may take away")
}

// TestCompileOptions checks the options and what common random numbers
// need: one layout, the baseline's parameters first and in order.
func TestCompileOptions(t *testing.T) {
	opts := compileDynamics(t)
	require.Len(t, opts, 3)
	assert.Equal(t, []string{"baseline", "acp_posts", "more_intl"}, []string{opts[0].Name, opts[1].Name, opts[2].Name})
	assert.Equal(t, []string{"Every mechanism.", "ACP posts from zero.", ""}, []string{opts[0].Description, opts[1].Description, opts[2].Description})

	base := opts[0].Model
	f, err := scenario.Parse("dynamics.yaml", []byte(dynamicsYAML))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	assert.Equal(t, base, m, "Compile gives the baseline option's model")

	for _, o := range opts {
		require.NoError(t, o.Model.Validate(), o.Name)
		assert.Same(t, base.Layout, o.Model.Layout, "%s: one layout", o.Name)
		assert.Len(t, o.Model.Cells, len(base.Cells), o.Name)
		assert.Equal(t, base.Params, o.Model.Params[:len(base.Params)], "%s: baseline params first", o.Name)
		assert.Equal(t, base.Interventions, o.Model.Interventions[:len(base.Interventions)], "%s: baseline interventions first", o.Name)
		assert.Equal(t, base.Cells, o.Model.Cells, o.Name)
		assert.Equal(t, base.Apprenticeships, o.Model.Apprenticeships, o.Name)
	}

	// The ACP option's posts grow from zero in a cell only it names: the
	// cell is in every option's layout, empty, with no establishment.
	acp := cellOf(t, base, "acute", "occupational_therapist", workforce.Band8a)
	assert.Equal(t, 0.0, base.Cells[acp].Establishment)
	assert.Equal(t, 0, base.Cells[acp].Headcount)
	added := opts[1].Model.Interventions[len(base.Interventions):]
	require.Len(t, added, 1)
	assert.Equal(t, workforce.Intervention{
		Name: "acp", Lever: workforce.LeverEstablishment, Cells: []int{acp}, Mode: workforce.Add,
		Value: paramNamed(t, opts[1].Model, "options.acp_posts.acp.value"), Start: workforce.NewMonth(2025, 10),
		Profile: workforce.BackLoaded, RampMonths: 12, OneOffCost: paramNamed(t, opts[1].Model, "options.acp_posts.acp.one_off_cost"),
	}, added[0])
	assert.Equal(t, len(base.Params)+2, len(opts[1].Model.Params))

	added = opts[2].Model.Interventions[len(base.Interventions):]
	require.Len(t, added, 2)
	assert.Equal(t, []int{0}, added[0].Rules, "by name")
	assert.Equal(t, workforce.NewMonth(2025, 10), added[0].End)
	assert.Equal(t, []int{0}, added[1].Rules, "a rotation is picked if any of its cells is")
	assert.Equal(t, workforce.FrontLoaded, added[1].Profile)
}

// TestRoundTripDynamics checks that a File with every mechanism survives
// being written as YAML and read back.
func TestRoundTripDynamics(t *testing.T) {
	f, err := scenario.Parse("dynamics.yaml", []byte(dynamicsYAML))
	require.NoError(t, err)
	want, err := f.CompileOptions()
	require.NoError(t, err)
	data, err := yaml.Marshal(f)
	require.NoError(t, err)
	back, err := scenario.Parse("marshalled.yaml", data)
	require.NoError(t, err, "marshalled file:\n%s", data)
	got, err := back.CompileOptions()
	require.NoError(t, err)
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i].Name, got[i].Name)
		assert.True(t, reflect.DeepEqual(want[i].Model, got[i].Model), "option %s", want[i].Name)
	}
}

// TestRuleSelection checks how rule levers pick rules: by the cells they
// lead to, by name, and only rules with the quantity the lever changes.
func TestRuleSelection(t *testing.T) {
	const src = `
name: Rules
simulation: {start: 2025-04, horizon_years: 2}
workforce:
  - profession: physiotherapist
    leaver_rate: 0.1
    bands: {5: {headcount: 10}, 6: {headcount: 10}, 7: {headcount: 5}}
    promotion:
      - {from: 5, min_months: 12, monthly_apply: 0.03}
      - {from: 6, min_months: 24, monthly_apply: 0.02}
    graduates: [{month: 9, cohort: 10, conversion: 0.3}]
  - profession: dietitian
    bands: {5: {headcount: 4}}
    graduates: [{month: 9, cohort: 3, conversion: 0.3}]
pipelines:
  international:
    - {name: campaign_only, to: {profession: physiotherapist}, campaigns: [{month: 2025-06, offers: 5}], lead_months: 3}
    - {name: monthly, to: {profession: physiotherapist}, offers_per_month: 1, lead_months: 3}
interventions:
  - {name: apply, lever: promotion_apply, applies_to: {bands: [7]}, mode: scale, value: 2, start: 2025-04}
  - {name: convert, lever: graduate_conversion, applies_to: {professions: [dietitian]}, mode: set, value: 0.5, start: 2025-04}
  - {name: cohorts, lever: graduate_cohort, mode: add, value: 2, start: 2025-04}
  - {name: offers, lever: international_offers, mode: scale, value: 2, start: 2025-04}
`
	f, err := scenario.Parse("rules.yaml", []byte(src))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	rules := func(i int) []int { return m.Interventions[i].Rules }
	assert.Equal(t, []int{1}, rules(0), "the promotion into Band 7")
	assert.Equal(t, []int{1}, rules(1), "the dietitians' cohort")
	assert.Equal(t, []int{0, 1}, rules(2), "every cohort")
	assert.Equal(t, []int{1}, rules(3), "only the recruitment with monthly offers")
	assert.Equal(t, workforce.Dist{Kind: workforce.Fixed, A: 0.5, Min: 0, Max: 1, Name: "interventions.convert.value"}, m.Param(m.Interventions[1].Value))
}

// TestValidateGoDynamics checks messages for Files built in Go, where the
// walker cannot reject closed vocabularies given as numbers.
func TestValidateGoDynamics(t *testing.T) {
	lever := workforce.LeverLeaverRate
	scale := workforce.Scale
	tests := []struct {
		name string
		edit func(f *scenario.File)
		want string
	}{
		{"valid", func(*scenario.File) {}, ""},
		{"lever out of range", func(f *scenario.File) { bad := workforce.Lever(99); f.Interventions[0].Lever = &bad },
			"interventions[0].lever: unknown lever (got 99, want one of " + joinLevers() + ")"},
		{"mode out of range", func(f *scenario.File) { bad := workforce.Mode(7); f.Interventions[0].Mode = &bad },
			"interventions[0].mode: unknown mode (got 7, want scale, add or set)"},
		{"profile out of range", func(f *scenario.File) { f.Interventions[0].Profile = 9 },
			"interventions[0].profile: unknown profile (got 9, want step, linear, front_loaded or back_loaded)"},
		{"backfill out of range", func(f *scenario.File) { f.Pipelines.Apprenticeships[0].Backfill = 5 },
			"pipelines.apprenticeships[0].backfill: unknown backfill (got 5, want vacancy or registered_post)"},
		{"NaN cost", func(f *scenario.File) { f.Costs.AgencyPerHour = new(math.NaN()) },
			"costs.agency_per_hour: not a finite number (got NaN)"},
		{"no lever", func(f *scenario.File) { f.Interventions[0].Lever = nil },
			"interventions[0].lever: missing (want one of " + joinLevers() + ")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &scenario.File{
				Name:       "Go",
				Simulation: scenario.Simulation{Start: workforce.NewMonth(2025, 4), HorizonYears: new(2)},
				Workforce: []scenario.Group{
					{Profession: workforce.OccupationalTherapist, CellSettings: scenario.CellSettings{LeaverRate: scenario.Number(0.1)},
						Bands: map[workforce.Band]scenario.BandSpec{workforce.Band5: {Headcount: 10}}},
					{Profession: workforce.SupportWorker, Bands: map[workforce.Band]scenario.BandSpec{workforce.Band3: {Headcount: 10}}},
				},
				Pipelines: scenario.Pipelines{Apprenticeships: []scenario.Apprenticeship{{
					Name:           "ot",
					From:           scenario.CellRef{Profession: workforce.SupportWorker, Band: new(workforce.Band3)},
					To:             scenario.CellRef{Profession: workforce.OccupationalTherapist},
					IntakePerMonth: scenario.Number(0.5),
					DurationMonths: new(48),
				}}},
				Interventions: []scenario.Intervention{{
					Name: "premium", Lever: &lever, Mode: &scale, Value: scenario.Number(0.9), Start: workforce.NewMonth(2025, 4),
				}},
			}
			tt.edit(f)
			err := f.Validate()
			if tt.want == "" {
				require.NoError(t, err)
				_, err = f.CompileOptions()
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func joinLevers() string {
	s := ""
	for i, n := range workforce.LeverNames() {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

func TestClosedVocabularies(t *testing.T) {
	for _, name := range workforce.LeverNames() {
		var l workforce.Lever
		require.NoError(t, l.UnmarshalText([]byte(name)))
		text, err := l.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, name, string(text))
	}
	var l workforce.Lever
	var u *workforce.UnknownNameError
	require.ErrorAs(t, l.UnmarshalText([]byte("leavers_rate")), &u, "the walker suggests leaver_rate from u.Names (intervention-bad-lever.golden)")
	assert.Equal(t, "leavers_rate", u.Text)
	assert.Contains(t, u.Names, "leaver_rate")
	for _, name := range []string{"scale", "add", "set"} {
		var m workforce.Mode
		require.NoError(t, m.UnmarshalText([]byte(name)))
		assert.Equal(t, name, m.String())
	}
	for _, name := range []string{"step", "linear", "front_loaded", "back_loaded"} {
		var p workforce.Profile
		require.NoError(t, p.UnmarshalText([]byte(name)))
		assert.Equal(t, name, p.String())
	}
	for _, name := range []string{"vacancy", "registered_post"} {
		var b workforce.Backfill
		require.NoError(t, b.UnmarshalText([]byte(name)))
		assert.Equal(t, name, b.String())
	}
	_, err := workforce.Lever(-1).MarshalText()
	assert.Error(t, err)
	_, err = workforce.Mode(5).MarshalText()
	assert.Error(t, err)
	_, err = workforce.Profile(5).MarshalText()
	assert.Error(t, err)
	_, err = workforce.Backfill(5).MarshalText()
	assert.Error(t, err)
}
