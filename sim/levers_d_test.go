package sim

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// rateLeverCase is one lever on a rate that had none: a model whose rate
// under the lever is r, the rule an intervention changes, and a metric
// the rate moves.
type rateLeverCase struct {
	lever  workforce.Lever
	cell   int     // for a cell lever: the cell it changes
	rate   float64 // the rate as given; the intervention halves it
	build  func(m testModel, r float64)
	date   int
	band   string
	org    string
	metric string
	// want is the metric's expected value at rate r (expected-value mode),
	// where the model is simple enough to say it exactly; nil otherwise.
	want func(r float64) float64
}

func rateLeverCases() []rateLeverCase {
	campaign := func(m testModel, offers float64, lead int, withdrawal workforce.ParamID) {
		m.International = append(m.International, workforce.InternationalRecruitment{Name: "intl", To: cA5,
			OffersPerMonth: workforce.NoParam, WithdrawalRate: withdrawal, LeadMonths: lead,
			Campaigns: []workforce.Campaign{{Month: m.Start + 1, Offers: m.count(offers)}}})
	}
	students := func(m testModel, places float64, dropout, conversion, capacity workforce.ParamID) {
		m.Cells[cA5].Establishment = 1000
		m.Students = append(m.Students, workforce.StudentProgramme{Name: "BSc", To: cA5, Places: m.count(places),
			IntakeMonth: 3, DurationMonths: 12, DropoutRate: dropout, Conversion: conversion, PlacementCapacity: capacity})
	}
	return []rateLeverCase{
		{lever: workforce.LeverTransitionRate, rate: 0.3, date: 1, org: "a", band: "6", metric: "moves_in",
			build: func(m testModel, r float64) {
				m.Cells[cA5].Headcount = 500
				m.Transitions = append(m.Transitions, workforce.Transition{From: cA5, To: cA6, Rate: m.prob(r)})
			},
			// Twelve monthly steps at probability r/12 each.
			want: func(r float64) float64 { return 500 * (1 - math.Pow(1-r/12, 12)) }},
		{lever: workforce.LeverRotationLeaveAtEnd, rate: 0.4, date: 1, org: "a", band: "5", metric: "leavers",
			build: func(m testModel, r float64) {
				campaign(m, 100, 0, workforce.NoParam)
				m.Rotations = append(m.Rotations, workforce.Rotation{Cell: cA5, Cells: []int{cA5}, Share: m.prob(1),
					LengthMonths: 3, Rotations: 2, LeaverRate: workforce.NoParam, LeaveAtEnd: m.prob(r)})
			},
			// Both rotations end within the year: r leave at the first, r of the rest at the second.
			want: func(r float64) float64 { return 100 * (1 - (1-r)*(1-r)) }},
		{lever: workforce.LeverCampaignOffers, rate: 100, date: 1, org: "a", band: "5", metric: "joiners_international",
			build: func(m testModel, r float64) { campaign(m, r, 3, workforce.NoParam) },
			want:  func(r float64) float64 { return r }},
		{lever: workforce.LeverInternationalWithdrawal, rate: 0.4, date: 1, org: "a", band: "5", metric: "joiners_international",
			build: func(m testModel, r float64) { campaign(m, 100, 6, m.prob(r)) },
			// Six monthly steps in transit at probability r/12 each.
			want: func(r float64) float64 { return 100 * math.Pow(1-r/12, 6) }},
		{lever: workforce.LeverStudentConversion, rate: 0.8, date: 2, org: "a", band: "5", metric: "joiners_graduate",
			build: func(m testModel, r float64) { students(m, 20, workforce.NoParam, m.prob(r), workforce.NoParam) },
			want:  func(r float64) float64 { return 20 * r }},
		{lever: workforce.LeverStudentDropout, rate: 0.2, date: 2, org: "a", band: "5", metric: "joiners_graduate",
			build: func(m testModel, r float64) { students(m, 20, m.prob(r), m.prob(1), workforce.NoParam) },
			want:  func(r float64) float64 { return 20 * math.Pow(1-r/12, 12) }},
		{lever: workforce.LeverPlacementCapacity, rate: 12, date: 1, org: "a", band: "5", metric: "students_in_training",
			build: func(m testModel, r float64) { students(m, 30, workforce.NoParam, m.prob(1), m.count(r)) },
			want:  func(r float64) float64 { return r }},
		{lever: workforce.LeverReturnerDropout, rate: 0.4, date: 2, org: "b", band: "5", metric: "joiners_return",
			build: func(m testModel, r float64) {
				m.Returners = append(m.Returners, workforce.ReturnToPractice{Name: "rtp", To: cB5, PerYear: m.count(12),
					SupervisedMonths: 3, DropoutRate: m.prob(r)})
			},
			// One a month starts; three months under supervision at r/12 a month.
			want: func(r float64) float64 { return 12 * math.Pow(1-r/12, 3) }},
		{lever: workforce.LeverApprenticeDropout, rate: 0.3, date: 2, org: "a", band: "5", metric: "apprentices_qualified",
			build: func(m testModel, r float64) {
				m.Cells[cSupport].Headcount = 50
				m.Cells[cSupport].Establishment = 50
				m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "appr", From: cSupport, To: cA5,
					Intake: m.count(10), Month: 3, DurationMonths: 12, DropoutRate: m.prob(r), StudyShare: 1})
			},
			want: func(r float64) float64 { return 10 * math.Pow(1-r/12, 12) }},
		{lever: workforce.LeverRampUpEffectiveness, cell: cA5, rate: 0.6, date: 1, org: "a", band: "5", metric: "effective_fte",
			build: func(m testModel, r float64) {
				campaign(m, 100, 0, workforce.NoParam)
				m.Cells[cA5].RampUpMonths = 24
				m.Cells[cA5].RampUpEffectiveness = m.prob(r)
			},
			// All 100 are still ramping up a year on.
			want: func(r float64) float64 { return 100 * r }},
		{lever: workforce.LeverPortabilityShare, rate: 0.5, date: 1, org: "b", band: "5", metric: "effective_fte",
			build: func(m testModel, r float64) {
				m.Cells[cA5].Headcount, m.Cells[cA5].Establishment = 30, 20
				m.Cells[cB5].Establishment = 10
				m.Portability = append(m.Portability, workforce.Portability{From: cA5, To: cB5, Share: m.prob(r), Start: m.Start, MaxMonths: 24})
			},
			// A share r of A's 10 FTE beyond its posts covers B's 10 vacant.
			want: func(r float64) float64 { return 10 * r }},
	}
}

// TestNewRateLeversActAsTheirEquation checks every lever added for a rate
// that had none: an intervention that scales the rate by 0.5 from the
// start gives, in both modes and series by series, the outputs of the
// model with the rate halved (the lever's equation), which differ from
// the model's own; and, where the model says it exactly, the expected
// value at half the rate.
func TestNewRateLeversActAsTheirEquation(t *testing.T) {
	for _, c := range rateLeverCases() {
		t.Run(c.lever.String(), func(t *testing.T) {
			build := func(r float64, halve bool) testModel {
				m := newDynamicsModel(t, 2, [4]int{0, 0, 0, 0})
				c.build(m, r)
				if halve {
					iv := workforce.Intervention{Name: "halve", Lever: c.lever, Mode: workforce.Scale, Value: m.param(0.5, 0, 10), Start: m.Start}
					if c.lever.CellLever() {
						iv.Cells = []int{c.cell}
					} else {
						require.Equal(t, 1, m.RuleCount(c.lever))
						iv.Rules = []int{0}
					}
					m.Interventions = append(m.Interventions, iv)
				}
				require.NoError(t, m.Validate())
				return m
			}
			for _, s := range []Settings{{Deterministic: true}, {Runs: 200, Seed: 4}} {
				lever, halved, own := run(t, build(c.rate, true), s), run(t, build(c.rate/2, false), s), run(t, build(c.rate, false), s)
				assertSameOutputs(t, halved, lever)
				got, _ := mean(t, lever, c.date, c.org, occ, c.band, c.metric)
				was, _ := mean(t, own, c.date, c.org, occ, c.band, c.metric)
				assert.NotEqual(t, was, got, "%s: the lever changes nothing", c.metric)
				if s.Deterministic && c.want != nil {
					// Expected-value outputs are kept to a millionth of a head.
					assert.InDelta(t, c.want(c.rate/2), got, 1e-6, "%s at half the rate", c.metric)
					assert.InDelta(t, c.want(c.rate), was, 1e-6, "%s at the rate", c.metric)
				}
			}
		})
	}
}

// assertSameOutputs checks that two results of models on the same layout
// report the same summary for every date, group and metric.
func assertSameOutputs(t *testing.T, want, got *Result) {
	t.Helper()
	require.Equal(t, len(want.Dates), len(got.Dates))
	require.Equal(t, len(want.Groups), len(got.Groups))
	require.Equal(t, len(want.Metrics), len(got.Metrics))
	for d := range want.Dates {
		for g := range want.Groups {
			for mi := range want.Metrics {
				if w, o := want.Stats(d, g, mi), got.Stats(d, g, mi); !sameStats(w, o) {
					t.Errorf("%v %v %v: got %+v, want %+v", want.Dates[d], want.Groups[g], want.Metrics[mi].Name, o, w)
					return
				}
			}
		}
	}
}

// sameStats reports whether two summaries are equal, NaN (undefined)
// equal to NaN.
func sameStats(a, b summary.Stats) bool {
	eq := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	return a.N == b.N && a.Undefined == b.Undefined && eq(a.Mean, b.Mean) && eq(a.SD, b.SD) && eq(a.MCSE, b.MCSE) &&
		eq(a.P05, b.P05) && eq(a.P25, b.P25) && eq(a.P50, b.P50) && eq(a.P75, b.P75) && eq(a.P95, b.P95)
}

// TestCampaignLeverTakesItsMonthsValue checks that in a quarterly step a
// campaign's offers take the value in force in the campaign's month, not
// the step's mean: an intervention from the campaign's month (the
// step's second) changes all of its offers.
func TestCampaignLeverTakesItsMonthsValue(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 0, 0, 0})
	m.StepMonths, m.Steps, m.ReportEvery = 3, 4, 4
	m.International = append(m.International, workforce.InternationalRecruitment{Name: "intl", To: cA5,
		OffersPerMonth: workforce.NoParam, WithdrawalRate: workforce.NoParam, LeadMonths: 3,
		Campaigns: []workforce.Campaign{{Month: m.Start + 1, Offers: m.count(40)}}})
	m.Interventions = append(m.Interventions, workforce.Intervention{Name: "more", Lever: workforce.LeverCampaignOffers,
		Rules: []int{0}, Mode: workforce.Add, Value: m.count(20), Start: m.Start + 1})
	require.NoError(t, m.Validate())
	got, _ := mean(t, run(t, m, Settings{Deterministic: true}), 1, "a", occ, "5", "joiners_international")
	assert.InDelta(t, 60, got, 1e-9)
}

// TestInertRulesDoNothing checks that a rule listed in Model.Inert acts as
// if its quantity were 0 (monthly offers and campaigns, a transition),
// while the same model without Inert moves staff; and that Validate
// rejects an intervention on an inert rule.
func TestInertRulesDoNothing(t *testing.T) {
	build := func(inert bool) testModel {
		m := newDynamicsModel(t, 1, [4]int{0, 100, 0, 0})
		m.International = append(m.International, workforce.InternationalRecruitment{Name: "intl", To: cA5,
			OffersPerMonth: m.count(2), WithdrawalRate: workforce.NoParam, LeadMonths: 0,
			Campaigns: []workforce.Campaign{{Month: m.Start + 1, Offers: m.count(10)}}})
		m.Transitions = append(m.Transitions, workforce.Transition{From: cA5, To: cA6, Rate: m.prob(0.2)})
		if inert {
			m.Inert = []workforce.RuleRef{{List: workforce.RuleInternational, Index: 0}, {List: workforce.RuleTransitions, Index: 0}}
		}
		require.NoError(t, m.Validate())
		return m
	}
	for _, inert := range []bool{false, true} {
		res := run(t, build(inert), Settings{Deterministic: true})
		joiners, _ := mean(t, res, 1, "a", occ, "5", "joiners_international")
		moves, _ := mean(t, res, 1, "a", occ, "6", "moves_in")
		if inert {
			assert.Zero(t, joiners)
			assert.Zero(t, moves)
		} else {
			assert.InDelta(t, 34, joiners, 1e-6, "24 monthly offers and a campaign of 10")
			assert.Positive(t, moves)
		}
	}
	m := build(true)
	m.Interventions = append(m.Interventions, workforce.Intervention{Name: "more", Lever: workforce.LeverCampaignOffers,
		Rules: []int{0}, Mode: workforce.Add, Value: m.count(5), Start: m.Start})
	assert.ErrorContains(t, m.Validate(), "intervention 0 (more): changes rule 0, which is inert")
	m.Interventions = nil
	m.Inert = append(m.Inert, workforce.RuleRef{List: workforce.RulePortability, Index: 0})
	assert.ErrorContains(t, m.Validate(), "inert rule 0 of list")
}
