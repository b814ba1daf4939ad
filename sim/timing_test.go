package sim

import (
	"context"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// annualModel is the dynamics model with annual steps (April to March) and
// a leaver rate of 1/4 in the Band 5 cell of organisation a.
func annualModel(t *testing.T, years int) testModel {
	t.Helper()
	m := newDynamicsModel(t, years, [4]int{40, 100, 0, 0})
	m.Start = workforce.NewMonth(2025, 4)
	m.StepMonths, m.Steps, m.ReportEvery = 12, years, 1
	m.Cells[cA5].LeaverRate = m.prob(0.25)
	return m
}

// halveLeaving is a step intervention that halves cell A5's leaver rate
// from start for `months` months (0: no end), with costs.
func halveLeaving(m testModel, start workforce.Month, months int) workforce.Intervention {
	iv := workforce.Intervention{Name: "premium", Lever: workforce.LeverLeaverRate, Cells: []int{cA5}, Mode: workforce.Scale,
		Value: m.param(0.5, 0, 10), Start: start, Profile: workforce.Step,
		OneOffCost: m.count(1000), AnnualCost: m.count(1200)}
	if months > 0 {
		iv.End = start + workforce.Month(months)
	}
	return iv
}

// leverInFirstStep returns cell A5's leaver rate in force in the first step.
func leverInFirstStep(t *testing.T, m testModel) float64 {
	t.Helper()
	require.NoError(t, m.Validate())
	e := newEngine(m.Model, true, metrics([]*workforce.Model{m.Model}, true))
	e.beginRun(1, 0)
	e.applyInterventions(m.Start)
	return e.lev.get(workforce.LeverLeaverRate, cA5)
}

// An intervention in force for part of an annual step acts for that part:
// its change to the step's rate is in proportion to the months it covers.
func TestPartStepInterventionIsProRated(t *testing.T) {
	const base, full = 0.25, 0.125
	cases := []struct {
		name          string
		offset, count int // months after the step start, months in force (0: no end)
		share         float64
	}{
		{"whole year", 0, 0, 1},
		{"October to March", 6, 0, 0.5},
		{"May to March", 1, 0, 11.0 / 12},
		{"April only", 0, 1, 1.0 / 12},
		{"July to September", 3, 3, 0.25},
		{"from the next step", 12, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := annualModel(t, 2)
			m.Interventions = append(m.Interventions, halveLeaving(m, m.Start+workforce.Month(c.offset), c.count))
			got := leverInFirstStep(t, m)
			assert.InDelta(t, base+c.share*(full-base), got, 1e-15)
		})
	}
	// Half the year is exactly half the effect.
	m := annualModel(t, 2)
	m.Interventions = append(m.Interventions, halveLeaving(m, m.Start+6, 0))
	assert.Equal(t, base+(full-base)/2, leverInFirstStep(t, m))
}

// The step's rate gives the step's leavers; the running cost is charged for
// the months in force and the one-off cost once, in the step of the start.
func TestPartStepInterventionFlowsAndCosts(t *testing.T) {
	run1 := func(offset, months int) *Result {
		m := annualModel(t, 2)
		if offset >= 0 {
			m.Interventions = append(m.Interventions, halveLeaving(m, m.Start+workforce.Month(offset), months))
		}
		return run(t, m, Settings{Deterministic: true})
	}
	none, whole, half := run1(-1, 0), run1(0, 0), run1(6, 0)
	leavers := func(r *Result) float64 { v, _ := mean(t, r, 1, "a", occ, "5", "leavers"); return v }
	assert.InDelta(t, 25, leavers(none), 1e-9)
	assert.InDelta(t, 12.5, leavers(whole), 1e-9)
	assert.InDelta(t, 18.75, leavers(half), 1e-9, "half the year: half the effect")
	cost := func(r *Result, d int) float64 {
		v, _ := mean(t, r, d, "all", "all", "all", "cost_interventions")
		return v
	}
	assert.InDelta(t, 1000+1200, cost(whole, 1), 1e-9)
	assert.InDelta(t, 1200, cost(whole, 2), 1e-9)
	assert.InDelta(t, 1000+600, cost(half, 1), 1e-9, "one-off once, running cost for 6 months")
	assert.InDelta(t, 1200, cost(half, 2), 1e-9)
	// Monte Carlo with a fixed seed agrees.
	m := annualModel(t, 2)
	m.Interventions = append(m.Interventions, halveLeaving(m, m.Start+6, 0))
	det, mc := both(t, m, 2000)
	checkBoth(t, det, mc, 1, "a", occ, "5", "leavers", 18.75)
	checkBoth(t, det, mc, 1, "all", "all", "all", "cost_interventions", 1600)

	// In force April only: 1/12 of the effect and of the running cost.
	april := run1(0, 1)
	assert.InDelta(t, 25-12.5/12, leavers(april), 1e-6) // summaries keep 6 decimals
	assert.InDelta(t, 1000+100, cost(april, 1), 1e-9)
	assert.InDelta(t, 0, cost(april, 2), 1e-9)
}

// A ramp over a step of several months acts by its mean over the months.
func TestRampedInterventionOverAQuarter(t *testing.T) {
	m := annualModel(t, 1)
	m.StepMonths, m.Steps, m.ReportEvery = 3, 4, 4
	iv := halveLeaving(m, m.Start, 0)
	iv.Profile, iv.RampMonths = workforce.Linear, 3
	m.Interventions = append(m.Interventions, iv)
	// Effects 1/3, 2/3 and 1 in the quarter's months: mean 2/3.
	assert.InDelta(t, 0.25-0.125*2.0/3, leverInFirstStep(t, m), 1e-15)
}

// A count used in one month of the year takes its value in that month: an
// apprentice intake in September is doubled by an intervention in force
// May to March for the whole intake, not 11/12 of it.
func TestYearlyIntakeTakesItsMonthsValue(t *testing.T) {
	for _, c := range []struct {
		name          string
		offset, count int
		want          float64
	}{
		{"May to March", 1, 0, 8},
		{"April only", 0, 1, 4},
		{"September only", 5, 1, 8},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := annualModel(t, 1)
			m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "appr", From: cSupport, To: cA5,
				Intake: m.count(4), Month: 9, DurationMonths: 24, DropoutRate: workforce.NoParam, StudyShare: 0.2})
			iv := workforce.Intervention{Name: "more", Lever: workforce.LeverApprenticeIntake, Rules: []int{0}, Mode: workforce.Scale,
				Value: m.param(2, 0, 10), Start: m.Start + workforce.Month(c.offset), OneOffCost: workforce.NoParam, AnnualCost: workforce.NoParam}
			if c.count > 0 {
				iv.End = iv.Start + workforce.Month(c.count)
			}
			m.Interventions = append(m.Interventions, iv)
			r := run(t, m, Settings{Deterministic: true})
			got, _ := mean(t, r, 1, "a", sw, "4", "apprentices_started")
			assert.InDelta(t, c.want, got, 1e-9)
		})
	}
}

// Establishment changes are pro-rated like the other levers: 12 FTE of
// posts from October are 6 FTE on average over April to March.
func TestPartStepEstablishmentIsProRated(t *testing.T) {
	m := annualModel(t, 2)
	m.Cells[cA6].Establishment = 10
	m.Interventions = append(m.Interventions, workforce.Intervention{Name: "posts", Lever: workforce.LeverEstablishment,
		Cells: []int{cA6}, Mode: workforce.Add, Value: m.param(12, -100, 100), Start: m.Start + 6,
		OneOffCost: workforce.NoParam, AnnualCost: workforce.NoParam})
	require.NoError(t, m.Validate())
	e := newEngine(m.Model, true, metrics([]*workforce.Model{m.Model}, true))
	e.beginRun(1, 0)
	e.step(0)
	assert.Equal(t, 16.0, e.establishmentInForce[cA6])
	e.step(1)
	assert.Equal(t, 22.0, e.establishmentInForce[cA6])
}

// Steps of several months allocate nothing either.
func TestQuarterlySimulateDoesNotAllocate(t *testing.T) {
	m := allMechanismsModel(t)
	m.StepMonths, m.Steps, m.ReportEvery = 3, m.Steps/3, 4
	m.International[0].From = m.Start + 4 // a window starting inside a step
	require.NoError(t, m.Validate())
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	res := newResult(m.Model, Settings{}.withDefaults(), e.metrics)
	values := make([]float64, len(res.Dates)*res.Slots*len(res.Metrics))
	trace := make([]float64, m.Steps+1)
	e.simulate(1, 0, values, trace)
	runIndex := 1
	allocs := testing.AllocsPerRun(10, func() {
		e.simulate(1, runIndex, values, trace)
		runIndex++
	})
	assert.Zero(t, allocs)
}

// What starts after the last month simulated would never happen: Validate
// rejects it (the last month itself is fine).
func TestValidateRejectsStartsAfterTheHorizon(t *testing.T) {
	m := annualModel(t, 2) // April 2025 to March 2027
	m.Interventions = append(m.Interventions, halveLeaving(m, workforce.NewMonth(2027, 3), 0))
	m.NewPosts = append(m.NewPosts, workforce.NewPosts{Cell: cA6, From: workforce.NewMonth(2027, 3), FTE: m.param(2, 0, 9)})
	require.NoError(t, m.Validate())

	m.Interventions[0].Start = workforce.NewMonth(2027, 4)
	m.NewPosts[0].From = workforce.NewMonth(2030, 1)
	err := m.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "new posts 0: starts in 2030-01, after the last month simulated (2027-03)")
	assert.Contains(t, err.Error(), "intervention 0 (premium): starts in 2027-04, after the last month simulated (2027-03)")

	_, err = Run(context.Background(), m.Model, Settings{Runs: 1})
	assert.ErrorContains(t, err, "after the last month simulated")

	m.Interventions[0].Start, m.NewPosts[0].From = m.Start, m.Start
	m.International = append(m.International, workforce.InternationalRecruitment{Name: "ots", To: cA6,
		OffersPerMonth: workforce.NoParam, WithdrawalRate: workforce.NoParam,
		Campaigns: []workforce.Campaign{{Month: workforce.NewMonth(2027, 3), Offers: m.param(5, 0, 9)}}})
	require.NoError(t, m.Validate())
	m.International[0].Campaigns[0].Month = workforce.NewMonth(2027, 4)
	assert.EqualError(t, m.Validate(), "international recruitment 0 (ots) campaign 0: starts in 2027-04, after the last month simulated (2027-03)")
}

// New posts from a later month of a step count for the months they are
// funded in that step, and in full from the next.
func TestNewPostsInsideAStepAreProRated(t *testing.T) {
	m := annualModel(t, 2)
	m.Cells[cA6].Establishment = 10
	m.NewPosts = append(m.NewPosts,
		workforce.NewPosts{Cell: cA6, From: m.Start + 9, FTE: m.param(4, -9, 9)}, // January: 3 of 12 months
		workforce.NewPosts{Cell: cA6, From: m.Start, FTE: m.param(1, -9, 9)})     // April: the whole step
	require.NoError(t, m.Validate())
	e := newEngine(m.Model, true, metrics([]*workforce.Model{m.Model}, true))
	e.beginRun(1, 0)
	e.step(0)
	assert.Equal(t, 12.0, e.establishmentInForce[cA6])
	e.step(1)
	assert.Equal(t, 15.0, e.establishmentInForce[cA6])
}

// A monthly lever used within a window (international offers from
// October, returners until June, monthly apprentice intake from January
// 2026) counts only the months of a step inside it.
func TestWindowsInsideAStepCountTheirMonths(t *testing.T) {
	m := annualModel(t, 2)
	m.Cells[cSupport].Headcount = 1000
	m.International = append(m.International, workforce.InternationalRecruitment{Name: "intl", To: cA5,
		OffersPerMonth: m.count(2), WithdrawalRate: workforce.NoParam, From: m.Start + 6})
	m.Returners = append(m.Returners, workforce.ReturnToPractice{Name: "rtp", To: cA5, PerYear: m.count(12),
		DropoutRate: workforce.NoParam, Until: m.Start + 3})
	m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "appr", From: cSupport, To: cA5,
		Intake: m.count(1), Month: 0, FirstYear: 2026, DurationMonths: 24, DropoutRate: workforce.NoParam, StudyShare: 0.2})
	r := run(t, m, Settings{Deterministic: true})
	for _, c := range []struct {
		metric, band string
		year1, year2 float64
	}{
		{"joiners_international", "5", 2 * 6, 2 * 12},
		{"joiners_return", "5", 3, 0},
		{"apprentices_started", "4", 3, 12},
	} {
		prof := occ
		if c.band == "4" {
			prof = sw
		}
		got, _ := mean(t, r, 1, "a", prof, c.band, c.metric)
		assert.InDelta(t, c.year1, got, 1e-9, "%s in the first year", c.metric)
		got, _ = mean(t, r, 2, "a", prof, c.band, c.metric)
		assert.InDelta(t, c.year2, got, 1e-9, "%s in the second year", c.metric)
	}
}
