package sim

import (
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Cells of the dynamics test model.
const (
	cSupport = iota // org a, support worker, band 4
	cA5             // org a, OT, band 5
	cA6             // org a, OT, band 6
	cB5             // org b, OT, band 5
)

// newDynamicsModel has two organisations, OT bands 5-6 and a support line,
// monthly steps over `years`, every flow off and no establishment.
func newDynamicsModel(t testing.TB, years int, heads [4]int) testModel {
	t.Helper()
	otp, _ := workforce.LookupProfession(workforce.OccupationalTherapist)
	sw, _ := workforce.LookupProfession(workforce.SupportWorker)
	layout, err := workforce.NewLayout(
		[]workforce.Organisation{{Key: "a", Name: "A"}, {Key: "b", Name: "B"}},
		[]workforce.Profession{sw, otp},
		[]workforce.Cell{{Org: 0, Prof: 0, Band: workforce.Band4}, {Org: 0, Prof: 1, Band: workforce.Band5},
			{Org: 0, Prof: 1, Band: workforce.Band6}, {Org: 1, Prof: 1, Band: workforce.Band5}},
	)
	require.NoError(t, err)
	m := &workforce.Model{Name: "dynamics", Layout: layout, Start: workforce.NewMonth(2025, 1),
		StepMonths: 1, Steps: 12 * years, ReportEvery: 12}
	for i := range 4 {
		m.Cells = append(m.Cells, workforce.CellSpec{Headcount: heads[i], FTEPerHead: 1,
			LeaverRate: workforce.NoParam, RecruitFill: workforce.NoParam, EstablishmentGrowth: workforce.NoParam,
			Sickness: workforce.NoParam, RampUpEffectiveness: workforce.NoParam, InternationalFirstYearLeaverRate: workforce.NoParam, AgencyShare: workforce.NoParam})
	}
	tm := testModel{m}
	require.NoError(t, m.Validate())
	return tm
}

// survive is the share of a cohort left after `months` monthly steps of
// an annual rate r, which is r/12 a month (docs/model.md, "Converting
// rates to the step").
func survive(r float64, months int) float64 { return math.Pow(1-r/12, float64(months)) }

func (m testModel) count(v float64) workforce.ParamID {
	return m.param(v, 0, workforce.MaxHeadsPerPeriod)
}

// both runs a model in expected-value mode and in Monte Carlo mode.
func both(t *testing.T, m testModel, runs int) (det, mc *Result) {
	t.Helper()
	require.NoError(t, m.Validate())
	return run(t, m, Settings{Deterministic: true}), run(t, m, Settings{Runs: runs, Seed: 12})
}

// checkBoth checks a metric against its exact expected value in both modes.
func checkBoth(t *testing.T, det, mc *Result, d int, org, prof, band, metric string, want float64) {
	t.Helper()
	got, _ := mean(t, det, d, org, prof, band, metric)
	assert.InDelta(t, want, got, 1e-4, "expected-value %s at %v", metric, det.Dates[d])
	got, mcse := mean(t, mc, d, org, prof, band, metric)
	assertWithinMCSE(t, want, got, mcse, metric+" at "+mc.Dates[d].String())
}

const (
	sw  = "support_worker"
	occ = "occupational_therapist"
)

func TestApprenticeshipPipeline(t *testing.T) {
	m := newDynamicsModel(t, 5, [4]int{100, 0, 0, 0})
	m.Cells[cA5].Establishment = 1000
	m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "OT degree apprenticeship",
		From: cSupport, To: cA5, Intake: m.count(10), Month: 9, DurationMonths: 36,
		DropoutRate: m.prob(0.1), StudyShare: 0.2, Backfill: workforce.BackfillVacancy})
	det, mc := both(t, m, 2000)
	// Intakes each September from 2025; 36 months later, in September 2028,
	// the first cohort qualifies: 10 (1 - 0.1/12)^36 survive three years of drop-out.
	for d, want := range []float64{0, 0, 0, 0, 10 * survive(0.1, 36), 10 * survive(0.1, 36)} {
		if d > 0 {
			checkBoth(t, det, mc, d, "a", occ, "5", "apprentices_qualified", want)
			checkBoth(t, det, mc, d, "a", sw, "4", "apprentices_started", 10)
		}
	}
	// In training at 2028-01: cohorts of 2025, 2026 and 2027, who started at
	// the end of September and so have had 27, 15 and 3 months of drop-out.
	inTraining := 10 * (survive(0.1, 27) + survive(0.1, 15) + survive(0.1, 3))
	checkBoth(t, det, mc, 3, "a", sw, "4", "apprentices_in_training", inTraining)
	// Apprentices stay employed in the support band, working 80% of their post.
	checkBoth(t, det, mc, 3, "a", sw, "4", "in_post_hc", 100-10*3+inTraining)
	checkBoth(t, det, mc, 3, "a", sw, "4", "in_post_fte", 100-10*3+inTraining*0.8)
}

func TestApprenticeBackfillGivesUpRegisteredPosts(t *testing.T) {
	m := newDynamicsModel(t, 2, [4]int{50, 0, 0, 0})
	m.Cells[cA6].Establishment = 20
	m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "backfilled",
		From: cSupport, To: cA5, Intake: m.count(5), Month: 3, DurationMonths: 48,
		StudyShare: 1, Backfill: workforce.BackfillRegisteredPost, FundedFrom: cA6})
	det := run(t, m, Settings{Deterministic: true})
	// Two intakes of 5 by 2027-01, each giving up one band 6 post (study share 1).
	got, _ := mean(t, det, 2, "a", occ, "6", "establishment_fte")
	assert.InDelta(t, 10, got, 1e-9)
	got, _ = mean(t, det, 2, "a", sw, "4", "in_post_fte")
	assert.InDelta(t, 40, got, 1e-9, "apprentices study full time")
}

func TestStudentsGraduateIntoBand5(t *testing.T) {
	m := newDynamicsModel(t, 4, [4]int{0, 0, 0, 0})
	m.Cells[cA5].Establishment = 1000
	m.Students = append(m.Students, workforce.StudentProgramme{Name: "BSc OT", To: cA5, Places: m.count(20),
		IntakeMonth: 9, DurationMonths: 36, DropoutRate: m.prob(0.05), Conversion: m.prob(0.5),
		PlacementCapacity: workforce.NoParam})
	det, mc := both(t, m, 2000)
	// The 2025 intake graduates in September 2028: 20 (1 - 0.05/12)^36, half of whom take a post.
	graduates := 20 * survive(0.05, 36)
	checkBoth(t, det, mc, 4, "a", occ, "5", "joiners_graduate", graduates*0.5)
	checkBoth(t, det, mc, 4, "a", occ, "5", "graduates_lost", graduates*0.5)
	checkBoth(t, det, mc, 3, "a", occ, "5", "joiners_graduate", 0)
	checkBoth(t, det, mc, 1, "a", occ, "5", "students_in_training", 20*survive(0.05, 3))
}

func TestPlacementCapacityShrinksWithVacancies(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 50, 0, 0})
	m.Cells[cA5].Establishment = 100 // 50% vacancies
	m.Students = append(m.Students, workforce.StudentProgramme{Name: "BSc OT", To: cA5, Places: m.count(30),
		IntakeMonth: 9, DurationMonths: 36, Conversion: m.prob(1), DropoutRate: workforce.NoParam,
		PlacementCapacity: m.count(20), PlacementVacancyThreshold: 0.1, PlacementSensitivity: 1})
	det := run(t, m, Settings{Deterministic: true})
	// Capacity 20 * (1 - (0.5 - 0.1)) = 12 places taken up.
	got, _ := mean(t, det, 1, "a", occ, "5", "students_in_training")
	assert.InDelta(t, 12, got, 1e-9)
}

func TestInternationalRecruitsArriveAfterLeadTimeAndLeaveFasterAtFirst(t *testing.T) {
	m := newDynamicsModel(t, 3, [4]int{0, 0, 0, 0})
	m.Cells[cA5].LeaverRate = m.prob(0.1)
	m.Cells[cA5].InternationalFirstYearLeaverRate = m.prob(0.3)
	m.International = append(m.International, workforce.InternationalRecruitment{Name: "10 OTs", To: cA5,
		OffersPerMonth: workforce.NoParam, WithdrawalRate: workforce.NoParam, LeadMonths: 6,
		Campaigns: []workforce.Campaign{{Month: workforce.NewMonth(2025, 1), Offers: m.count(100)}}})
	det, mc := both(t, m, 2000)
	// Offers made in January 2025 (at the end of its step) arrive six months
	// later, at the end of July, and leave at 30% a year for 12 months, then
	// at 10%.
	checkBoth(t, det, mc, 1, "a", occ, "5", "joiners_international", 100)
	inPost := 100 * survive(0.3, 5)
	checkBoth(t, det, mc, 1, "a", occ, "5", "in_post_hc", inPost)
	inPost = 100 * survive(0.3, 12) * survive(0.1, 5)
	checkBoth(t, det, mc, 2, "a", occ, "5", "in_post_hc", inPost)
	checkBoth(t, det, mc, 0, "a", occ, "5", "international_in_pipeline", 0)
}

func TestReturnToPractice(t *testing.T) {
	m := newDynamicsModel(t, 3, [4]int{0, 0, 0, 0})
	m.Returners = append(m.Returners, workforce.ReturnToPractice{Name: "RTP", To: cB5, PerYear: m.count(6),
		SupervisedMonths: 3, DropoutRate: workforce.NoParam})
	det, mc := both(t, m, 2000)
	// 0.5 a month start; the first join after 3 months: 9 months' worth in
	// year one, 12 in each year after.
	checkBoth(t, det, mc, 1, "b", occ, "5", "joiners_return", 4.5)
	checkBoth(t, det, mc, 2, "b", occ, "5", "joiners_return", 6)
	checkBoth(t, det, mc, 2, "b", occ, "5", "returners_in_pipeline", 1.5)
}

func TestAgeingAndRetirement(t *testing.T) {
	m := newDynamicsModel(t, 2, [4]int{0, 400, 0, 0})
	m.AgeGroups = []workforce.AgeGroup{{Name: "under 55", FromAge: 20, ToAge: 55}, {Name: "55 to 59", FromAge: 55, ToAge: 60}, {Name: "60+", FromAge: 60}}
	for c := range m.Cells {
		m.Cells[c].AgeShares = []float64{0.5, 0.25, 0.25}
		m.Cells[c].RetirementRate = []workforce.ParamID{workforce.NoParam, m.prob(0.05), m.prob(0.4)}
	}
	det, mc := both(t, m, 2000)
	// Year one: 100 in 55-59 retire at 5% a year, 100 in 60+ at 40%, a
	// twelfth of that each month, and nobody replaces them.
	s55, s60 := survive(0.05, 12), survive(0.4, 12)
	checkBoth(t, det, mc, 1, "a", occ, "5", "retirements", 100*(1-s55)+100*(1-s60))
	checkBoth(t, det, mc, 1, "a", occ, "5", "leavers", 100*(1-s55)+100*(1-s60))
	// At the year's turn 1/5 of 55-59 and 1/35 of under 55s move up; year
	// two retirements follow from the new group sizes.
	g55 := 100*s55 - 100*s55/5 + 200.0/35
	g60 := 100*s60 + 100*s55/5
	checkBoth(t, det, mc, 2, "a", occ, "5", "retirements", g55*(1-s55)+g60*(1-s60))
}

func TestCrossOrganisationRotations(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 0, 0, 0})
	m.ReportEvery = 1
	m.Cells[cA5].Establishment = 100
	m.Cells[cA5].RecruitFill = m.prob(1)
	// The posts are funded for January only, so A recruits once.
	m.NewPosts = append(m.NewPosts, workforce.NewPosts{Cell: cA5, From: m.Start + 1, FTE: m.param(-100, -1e6, 1e6)})
	m.Rotations = append(m.Rotations, workforce.Rotation{Cells: []int{cA5, cB5}, Share: m.prob(1),
		LengthMonths: 4, Rotations: 2, LeaverRate: workforce.NoParam, LeaveAtEnd: m.prob(0.25)})
	det, mc := both(t, m, 2000)
	// 100 join A at the end of January; their first rotation ends with
	// their fourth month in band, at the end of May (reported on 2025-06):
	// a quarter leave and the rest move to B. The second ends at the end of
	// September: a quarter of those leave, the rest stay in B as regular staff.
	checkBoth(t, det, mc, 1, "a", occ, "5", "in_post_hc", 100)
	checkBoth(t, det, mc, 5, "b", occ, "5", "moves_in", 75)
	// The NHS counts the move as leaving A, not as leaving the system.
	checkBoth(t, det, mc, 5, "a", occ, "5", "leavers", 100)
	checkBoth(t, det, mc, 5, "a", occ, "5", "leavers_to_other_organisations", 75)
	checkBoth(t, det, mc, 5, "all", occ, "5", "leavers", 25)
	checkBoth(t, det, mc, 5, "all", occ, "5", "leavers_to_other_organisations", 0)
	// A's leaver rate: 100 leavers over the mean of 100 and 0 heads.
	checkBoth(t, det, mc, 5, "a", occ, "5", "leaver_rate", 2)
	checkBoth(t, det, mc, 9, "b", occ, "5", "leavers", 75*0.25)
	checkBoth(t, det, mc, 12, "b", occ, "5", "in_post_hc", 75*0.75)
	checkBoth(t, det, mc, 12, "a", occ, "5", "in_post_hc", 0)
}

func TestEffectiveCapacityAgencyAndCosts(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 40, 0, 10})
	m.ReportEvery = 1
	m.Cells[cA5].Establishment = 50
	m.Cells[cA5].Sickness = m.prob(0.04)
	m.Cells[cA5].AgencyShare = m.prob(0.5)
	m.Cells[cA5].RampUpMonths = 4
	m.Cells[cA5].RampUpEffectiveness = m.prob(0.5)
	m.Cells[cB5].Establishment = 5
	m.Portability = append(m.Portability, workforce.Portability{From: cB5, To: cA5, Share: m.prob(1), Start: m.Start})
	m.Costs.PayPerFTE[workforce.Band5] = 36000
	m.Costs.AgencyPerHour = 38
	m.Costs.HoursPerFTE = 1950
	det := run(t, m, Settings{Deterministic: true})
	// 40 FTE less 4% sickness, plus agency for half the 10 vacant FTE, plus
	// the 5 FTE that B has beyond its posts (capped by A's vacancies).
	got, _ := mean(t, det, 0, "a", occ, "5", "effective_fte")
	assert.InDelta(t, 40*0.96+5+5, got, 1e-9)
	got, _ = mean(t, det, 0, "a", occ, "5", "agency_fte")
	assert.InDelta(t, 5, got, 1e-9)
	got, _ = mean(t, det, 0, "b", occ, "5", "effective_fte")
	assert.InDelta(t, 5, got, 1e-9, "B lends its surplus")
	// One month's pay for 40 FTE plus 5 agency FTE at £38 an hour.
	got, _ = mean(t, det, 1, "a", occ, "5", "cost_pay")
	assert.InDelta(t, 40*36000.0/12, got, 0.01)
	got, _ = mean(t, det, 1, "a", occ, "5", "cost_agency")
	assert.InDelta(t, 5*1950*38.0/12, got, 0.01)
	got, _ = mean(t, det, 2, "all", "all", "all", "cost_cumulative_total")
	assert.InDelta(t, 2*(50*36000.0/12+5*1950*38.0/12), got, 0.02)
}

func TestRampUpReducesEffectiveFTE(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 0, 0, 0})
	m.ReportEvery = 1
	m.Cells[cA5].Establishment = 10
	m.Cells[cA5].RecruitFill = m.prob(1)
	m.Cells[cA5].RampUpMonths = 4
	m.Cells[cA5].RampUpEffectiveness = m.prob(0.5)
	det := run(t, m, Settings{Deterministic: true})
	for d, want := range map[int]float64{1: 5, 4: 5, 5: 10} {
		got, _ := mean(t, det, d, "a", occ, "5", "effective_fte")
		assert.InDelta(t, want, got, 1e-9, "after %d months", d)
	}
}

func TestInterventionProfiles(t *testing.T) {
	start := workforce.NewMonth(2026, 1)
	cases := []struct {
		profile workforce.Profile
		at      int // months after start
		want    float64
	}{
		{workforce.Step, 0, 1}, {workforce.Linear, 0, 0.25}, {workforce.Linear, 3, 1}, {workforce.Linear, 10, 1},
		{workforce.FrontLoaded, 1, 0.75}, {workforce.BackLoaded, 1, 0.25},
	}
	for _, c := range cases {
		iv := workforce.Intervention{Profile: c.profile, RampMonths: 4, Start: start, End: start + 24}
		assert.InDelta(t, c.want, iv.Effect(start+workforce.Month(c.at)), 1e-12, "%v at %d", c.profile, c.at)
	}
	iv := workforce.Intervention{Start: start, End: start + 24}
	assert.Equal(t, 0.0, iv.Effect(start-1))
	assert.Equal(t, 0.0, iv.Effect(start+24))
}

func TestInterventionsChangeFlowsAndCost(t *testing.T) {
	m := newDynamicsModel(t, 3, [4]int{0, 400, 0, 0})
	m.Cells[cA5].LeaverRate = m.prob(0.2)
	m.Interventions = append(m.Interventions,
		workforce.Intervention{Name: "retention premium", Lever: workforce.LeverLeaverRate, Cells: []int{cA5}, Mode: workforce.Scale,
			Value: m.param(0.5, 0, 10), Start: workforce.NewMonth(2026, 1), Profile: workforce.Step,
			OneOffCost: m.count(1000), AnnualCost: m.count(12000)},
		workforce.Intervention{Name: "new ACP posts", Lever: workforce.LeverEstablishment, Cells: []int{cA6}, Mode: workforce.Add,
			Value: m.param(6, -1e6, 1e6), Start: workforce.NewMonth(2026, 7), Profile: workforce.Linear, RampMonths: 6,
			OneOffCost: workforce.NoParam, AnnualCost: workforce.NoParam})
	det, mc := both(t, m, 2000)
	// 400 heads, not replaced, leave at 20% a year, then at half that.
	stay := 400 * survive(0.2, 12)
	checkBoth(t, det, mc, 1, "a", occ, "5", "leavers", 400-stay)
	checkBoth(t, det, mc, 2, "a", occ, "5", "leavers", stay*(1-survive(0.1, 12)))
	checkBoth(t, det, mc, 2, "a", occ, "5", "cost_interventions", 1000+12000)
	// Posts grow from zero: 1/6 of 6 FTE in July 2026, all 6 from December.
	got, _ := mean(t, det, 2, "a", occ, "6", "establishment_fte")
	assert.InDelta(t, 6, got, 1e-9)
}

// allMechanismsModel switches on every mechanism of the engine at once.
func allMechanismsModel(t *testing.T) testModel {
	m := newDynamicsModel(t, 6, [4]int{60, 30, 20, 10})
	for c := range m.Cells {
		m.Cells[c].Establishment = float64(m.Cells[c].Headcount) + 10
		m.Cells[c].LeaverRate = m.prob(0.12)
		m.Cells[c].RecruitFill = m.prob(0.05)
		m.Cells[c].RampUpMonths = 4
		m.Cells[c].RampUpEffectiveness = m.prob(0.5)
		m.Cells[c].InternationalFirstYearLeaverRate = m.prob(0.25)
		m.Cells[c].AgeShares = []float64{0.7, 0.3}
		m.Cells[c].RetirementRate = []workforce.ParamID{workforce.NoParam, m.prob(0.2)}
	}
	m.AgeGroups = []workforce.AgeGroup{{Name: "under 55", FromAge: 20, ToAge: 55}, {Name: "55+", FromAge: 55}}
	m.Transitions = append(m.Transitions, workforce.Transition{From: cA5, To: cB5, Rate: m.prob(0.05)})
	m.Promotions = append(m.Promotions, workforce.Promotion{From: cA5, To: cA6, MinMonths: 12, ApplyProb: m.prob(0.1)})
	m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{From: cSupport, To: cA5, Intake: m.count(4),
		Month: 9, DurationMonths: 36, DropoutRate: m.prob(0.1), DropoutsStay: true, StudyShare: 0.2})
	m.Students = append(m.Students, workforce.StudentProgramme{To: cB5, Places: m.count(8), IntakeMonth: 9,
		DurationMonths: 24, DropoutRate: m.prob(0.05), Conversion: m.prob(0.6), PlacementCapacity: workforce.NoParam})
	m.International = append(m.International, workforce.InternationalRecruitment{To: cA5, OffersPerMonth: m.count(0.5),
		LeadMonths: 5, WithdrawalRate: m.prob(0.1)})
	m.Returners = append(m.Returners, workforce.ReturnToPractice{To: cA6, PerYear: m.count(2), SupervisedMonths: 3, DropoutRate: workforce.NoParam})
	m.Rotations = append(m.Rotations, workforce.Rotation{Cells: []int{cA5, cB5}, Share: m.prob(0.5), LengthMonths: 6,
		Rotations: 3, LeaverRate: m.prob(0.15), LeaveAtEnd: m.prob(0.2)})
	m.Interventions = append(m.Interventions,
		workforce.Intervention{Name: "premium", Lever: workforce.LeverLeaverRate, Cells: []int{cA6}, Mode: workforce.Scale, Value: m.param(0.7, 0, 10),
			Start: m.Start + 12, Profile: workforce.Linear, RampMonths: 6, AnnualCost: m.count(20000)},
		workforce.Intervention{Name: "posts", Lever: workforce.LeverEstablishment, Cells: []int{cB5}, Mode: workforce.Add, Value: m.param(4, -100, 100),
			Start: m.Start + 24, Profile: workforce.BackLoaded, RampMonths: 12, OneOffCost: m.count(5000)})
	m.Costs.PayPerFTE[workforce.Band5] = 33000
	m.Costs.RecruitPerHead[workforce.SourceInternational] = 8000
	require.NoError(t, m.Validate())
	return m
}

func TestHeadcountConservedWithPipelines(t *testing.T) {
	m := allMechanismsModel(t)
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	res := newResult(m.Model, Settings{}.withDefaults(), e.metrics)
	values := make([]float64, len(res.Dates)*res.Slots*len(res.Metrics))
	all := res.GroupIndex("all", "all", "all")
	at := func(d int, metric string) float64 {
		mi := res.MetricIndex(metric)
		require.GreaterOrEqual(t, mi, 0, metric)
		return values[res.Series(d, all, mi)]
	}
	for runIndex := range 30 {
		e.simulate(5, runIndex, values, nil)
		for d := 1; d < len(res.Dates); d++ {
			require.Equal(t, at(d-1, "in_post_hc")+at(d, "joiners")-at(d, "leavers"), at(d, "in_post_hc"),
				"run %d date %d: staff = staff before + joiners - leavers", runIndex, d)
			require.Equal(t, at(d, "moves_in"), at(d, "moves_out"))
		}
		for c := range e.numCells {
			stock := 0.0
			for s := range e.strataPerCell {
				v := e.count[c*e.strataPerCell+s]
				require.GreaterOrEqual(t, v, 0.0)
				require.Equal(t, math.Trunc(v), v)
				stock += v
			}
			require.Equal(t, e.headcount[c], stock+e.apprHC[c], "cell %d: headcount = stock + employed apprentices", c)
			for r := c * e.numOrigins * e.numAges; r < (c+1)*e.numOrigins*e.numAges; r++ {
				sum := 0.0
				for _, v := range e.count[r*e.numTenures : (r+1)*e.numTenures] {
					sum += v
				}
				require.Equal(t, sum, e.rowN[r], "row %d: kept total", r)
			}
		}
		for _, pipes := range [][]pipe{e.appr, e.students, e.intl, e.returners} {
			for _, p := range pipes {
				for _, v := range p.stage {
					require.GreaterOrEqual(t, v, 0.0)
				}
			}
		}
	}
}

func TestSimulateDoesNotAllocate(t *testing.T) {
	m := allMechanismsModel(t)
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	res := newResult(m.Model, Settings{}.withDefaults(), e.metrics)
	values := make([]float64, len(res.Dates)*res.Slots*len(res.Metrics))
	trace := make([]float64, m.Steps+1)
	e.simulate(1, 0, values, trace) // warm up
	runIndex := 1
	allocs := testing.AllocsPerRun(20, func() {
		e.simulate(1, runIndex, values, trace)
		runIndex++
	})
	assert.Zero(t, allocs, "a run allocates nothing")
}
