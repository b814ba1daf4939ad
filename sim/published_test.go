package sim

import (
	"fmt"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
)

// A leaver rate typed into a scenario is the published NHS rate: leavers
// in a year over the mean of the headcount at its start and end. These
// tests measure it on simulated output, by that definition (the
// leaver_rate metric), in a cell that is refilled as it loses staff.

// refilledCell is Band 5 with 400 heads in 400 posts, refilled every
// step (monthly fill 1), so its headcount stays level.
func refilledCell(t *testing.T, step int) testModel {
	m := newTestModel(t, step, 12/step, [3]int{400, 0, 0}, [3]float64{400, 1e6, 0})
	m.Cells[0].RecruitFill = m.prob(1)
	return m
}

func TestMeasuredLeaverRateIsTheInputRate(t *testing.T) {
	for _, step := range []int{1, 3, 12} {
		for _, r := range []float64{0.05, 0.12, 0.33, 0.9} {
			t.Run(fmt.Sprintf("step %d rate %v", step, r), func(t *testing.T) {
				m := refilledCell(t, step)
				m.Cells[0].LeaverRate = m.prob(r)
				res := run(t, m, Settings{Runs: 1000, Seed: 11})
				got, mcse := mean(t, res, 1, "system", ot, "5", "leaver_rate")
				assertWithinMCSE(t, r, got, mcse, "measured leaver rate")
				det := run(t, m, Settings{Deterministic: true})
				got, _ = mean(t, det, 1, "system", ot, "5", "leaver_rate")
				assert.InDelta(t, r, got, 1e-6, "expected-value mode")
			})
		}
	}
}

// With competing exits (leaving and a move to Band 6), each measured rate
// is its input: the rates are not squeezed by a shared hazard.
func TestCompetingExitsKeepTheirPublishedRates(t *testing.T) {
	for _, step := range []int{1, 3, 12} {
		m := refilledCell(t, step)
		m.Cells[0].LeaverRate = m.prob(0.15)
		m.Transitions = append(m.Transitions, workforce.Transition{From: 0, To: 1, Rate: m.prob(0.25)})
		res := run(t, m, Settings{Runs: 1000, Seed: 12})
		got, mcse := mean(t, res, 1, "system", ot, "5", "leaver_rate")
		assertWithinMCSE(t, 0.15, got, mcse, fmt.Sprintf("step %d leaver rate", step))
		moves, mcse := mean(t, res, 1, "system", ot, "5", "moves_out")
		// The headcount is 400 at both ends, so the move rate is moves/400.
		assertWithinMCSE(t, 0.25*400, moves, mcse, fmt.Sprintf("step %d moves", step))
	}
}

// smallTeamModel is one cell of `heads` heads of fte FTE each, at a 10%
// vacancy rate, with leaver rate r and monthly fill f, for five years.
func smallTeamModel(t *testing.T, heads int, fte, r, f float64) testModel {
	m := newTestModel(t, 1, 60, [3]int{heads, 0, 0}, [3]float64{float64(heads) * fte / 0.9, 0, 0})
	m.Cells[0].FTEPerHead = fte
	m.Cells[0].LeaverRate = m.prob(r)
	m.Cells[0].RecruitFill = m.prob(f)
	return m
}

// The case: a team of 3 and a team of 300, FTE per head 0.9,
// leaver rate 15%, monthly fill 0.10, starting at 10% vacancies, end five
// years on within 2 points of each other (v0.1: 20% against 11%).
func TestTeamOfThreeBehavesLikeTeamOfThreeHundred(t *testing.T) {
	at5 := func(heads int) (float64, float64) {
		res := run(t, smallTeamModel(t, heads, 0.9, 0.15, 0.10), Settings{Runs: 2000, Seed: 3})
		return mean(t, res, 5, "system", ot, "5", "vacancy_rate")
	}
	small, smallSE := at5(3)
	large, largeSE := at5(300)
	t.Logf("vacancy rate at 5 years: team of 3 %.4f (MCSE %.4f), team of 300 %.4f (MCSE %.4f)", small, smallSE, large, largeSE)
	assert.InDelta(t, large, small, 0.02, "team of 3: %.4f (MCSE %.4f); team of 300: %.4f (MCSE %.4f)", small, smallSE, large, largeSE)
}

// Hiring fills whole posts and one part-time remainder, so the FTE hired
// never overshoots the vacancies and its mean is what expected-value mode
// computes: with establishment fixed the model is linear in FTE, and the
// Monte Carlo mean vacancy rate equals the expected-value one for any
// team size, FTE per head and rates.
func TestMeanVacancyRateDoesNotDependOnTeamSize(t *testing.T) {
	for _, heads := range []int{1, 2, 3, 5, 12, 40, 300} {
		for _, c := range []struct{ fte, r, f float64 }{{0.9, 0.15, 0.10}, {1, 0.08, 0.05}, {0.6, 0.3, 0.3}} {
			name := fmt.Sprintf("%d heads of %v FTE, leaver rate %v, fill %v", heads, c.fte, c.r, c.f)
			t.Run(name, func(t *testing.T) {
				m := smallTeamModel(t, heads, c.fte, c.r, c.f)
				want, _ := mean(t, run(t, m, Settings{Deterministic: true}), 5, "system", ot, "5", "vacancy_rate")
				res := run(t, m, Settings{Runs: 2000, Seed: 4})
				for d := 1; d <= 5; d++ {
					got, mcse := mean(t, res, d, "system", ot, "5", "vacancies_fte")
					wantFTE, _ := mean(t, run(t, m, Settings{Deterministic: true}), d, "system", ot, "5", "vacancies_fte")
					assertWithinMCSE(t, wantFTE, got, mcse, fmt.Sprintf("vacancies at year %d", d))
				}
				got, mcse := mean(t, res, 5, "system", ot, "5", "vacancy_rate")
				assertWithinMCSE(t, want, got, mcse, "vacancy rate at 5 years")
			})
		}
	}
}

// One vacant post of 0.9 FTE in a cell of 1.0 FTE heads is filled: a
// vacancy smaller than a head is a part-time post, not no post at all.
func TestVacancySmallerThanAHeadIsFilled(t *testing.T) {
	m := newTestModel(t, 1, 12, [3]int{1, 0, 0}, [3]float64{1.9, 0, 0})
	m.Cells[0].RecruitFill = m.prob(0.5)
	res := run(t, m, Settings{Runs: 2000, Seed: 8})
	got, mcse := mean(t, res, 1, "system", ot, "5", "vacancies_fte")
	// No leavers: the part-time post stays vacant a year with probability 0.5^12.
	assertWithinMCSE(t, 0.9*0.5*0.5*0.5*0.5*0.5*0.5*0.5*0.5*0.5*0.5*0.5*0.5, got, mcse, "vacancies after a year")
	fte, _ := mean(t, res, 1, "system", ot, "5", "in_post_fte")
	assert.LessOrEqual(t, fte, 1.9+1e-9, "hiring never overshoots the posts")
}

// The NHS counts a move to another organisation as a leaver of the
// organisation left; the whole system counts only those who leave it.
// Totals stay consistent: the organisations' leavers less their moves
// to each other are the system's leavers.
func TestOrganisationLeaversIncludeMovesToOtherOrganisations(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 300, 200, 0})
	m.Cells[cA5].LeaverRate = m.prob(0.1)
	m.Transitions = append(m.Transitions,
		workforce.Transition{From: cA5, To: cB5, Rate: m.prob(0.2)}, // same profession and band
		workforce.Transition{From: cA6, To: cB5, Rate: m.prob(0.1)}) // another band
	det, mc := both(t, m, 2000)
	gone := func(heads, total, rate float64) float64 { return heads * (1 - survive(total, 12)) * rate / total }
	left := gone(300, 0.3, 0.1)
	a5ToB5, a6ToB5 := gone(300, 0.3, 0.2), gone(200, 0.1, 0.1)
	checkBoth(t, det, mc, 1, "all", "all", "all", "leavers", left)
	checkBoth(t, det, mc, 1, "a", "all", "all", "leavers", left+a5ToB5+a6ToB5)
	checkBoth(t, det, mc, 1, "a", "all", "all", "leavers_to_other_organisations", a5ToB5+a6ToB5)
	checkBoth(t, det, mc, 1, "a", occ, "5", "leavers", left+a5ToB5)
	checkBoth(t, det, mc, 1, "b", "all", "all", "leavers", 0)
	// Across organisations, Band 5 keeps the A5 -> B5 movers; Band 6 loses
	// the A6 -> B5 movers to another organisation and band.
	checkBoth(t, det, mc, 1, "all", occ, "5", "leavers", left)
	checkBoth(t, det, mc, 1, "all", occ, "6", "leavers", a6ToB5)
	// The totals add up (exactly in expected-value mode, and in the means).
	for _, res := range []*Result{det, mc} {
		sys, _ := mean(t, res, 1, "all", "all", "all", "leavers")
		var orgs, moved float64
		for _, o := range []string{"a", "b"} {
			l, _ := mean(t, res, 1, o, "all", "all", "leavers")
			x, _ := mean(t, res, 1, o, "all", "all", "leavers_to_other_organisations")
			orgs, moved = orgs+l, moved+x
		}
		assert.InDelta(t, sys, orgs-moved, 1e-6)
	}
}

// Counts that are not whole (a cohort of 12.4 graduates a year, a campaign
// of 7.5 offers) are rounded stochastically in Monte Carlo mode, so their
// mean is what the scenario says (v0.1 rounded them to the nearest head).
func TestFractionalCountsKeepTheirMean(t *testing.T) {
	m := newTestModel(t, 1, 12, [3]int{0, 0, 0}, [3]float64{1000, 0, 0})
	m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: 0, Month: 9, Size: m.param(12.4, 0, 1e6), Conversion: m.prob(1)})
	m.International = append(m.International, workforce.InternationalRecruitment{Name: "campaign", To: 0,
		OffersPerMonth: workforce.NoParam, WithdrawalRate: workforce.NoParam, LeadMonths: 1,
		Campaigns: []workforce.Campaign{{Month: m.Start, Offers: m.param(7.5, 0, 1e6)}}})
	res := run(t, m, Settings{Runs: 4000, Seed: 6})
	got, mcse := mean(t, res, 1, "system", ot, "5", "joiners_graduate")
	assertWithinMCSE(t, 12.4, got, mcse, "graduates hired")
	got, mcse = mean(t, res, 1, "system", ot, "5", "joiners_international")
	assertWithinMCSE(t, 7.5, got, mcse, "international recruits")
}

// Another option's pipeline is carried inert in this model (for common
// random numbers): it must not bring that option's people with it.
func TestInertPipelineStartsEmpty(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 0, 0, 0})
	m.Students = append(m.Students, workforce.StudentProgramme{Name: "BSc OT", To: cA5, Places: m.count(20),
		IntakeMonth: 9, DurationMonths: 36, DropoutRate: workforce.NoParam, Conversion: m.prob(1),
		PlacementCapacity: workforce.NoParam, InTraining: workforce.StartingStock{Heads: 30}})
	got, _ := mean(t, run(t, m, Settings{Deterministic: true}), 0, "a", occ, "5", "students_in_training")
	assert.InDelta(t, 30, got, 1e-9, "the option's own model has its students")
	m.Inert = []workforce.RuleRef{{List: workforce.RuleStudents, Index: 0}}
	got, _ = mean(t, run(t, m, Settings{Deterministic: true}), 0, "a", occ, "5", "students_in_training")
	assert.Zero(t, got, "inert: no students")
}
