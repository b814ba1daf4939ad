package report

import (
	"context"
	"testing"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/require"
)

// testModel builds a small system in Go: one organisation, occupational
// therapists in bands 5 to 7 and physiotherapists in bands 5 and 6, three
// years monthly, reported yearly, with an uncertain leaver rate, external
// recruitment, promotion, a graduate cohort and pay costs.
func testModel(t testing.TB) *workforce.Model {
	t.Helper()
	ot, _ := workforce.LookupProfession(workforce.OccupationalTherapist)
	physio, _ := workforce.LookupProfession(workforce.Physiotherapist)
	cells := []workforce.Cell{
		{Prof: 0, Band: workforce.Band5}, {Prof: 0, Band: workforce.Band6}, {Prof: 0, Band: workforce.Band7},
		{Prof: 1, Band: workforce.Band5}, {Prof: 1, Band: workforce.Band6},
	}
	layout, err := workforce.NewLayout([]workforce.Organisation{workforce.DefaultOrganisation},
		[]workforce.Profession{ot, physio}, cells)
	require.NoError(t, err)
	m := &workforce.Model{
		Name:        "Test borough AHPs",
		Description: "A small borough's OTs and physiotherapists, for tests.",
		Layout:      layout,
		Start:       workforce.NewMonth(2025, 4),
		StepMonths:  1, Steps: 36, ReportEvery: 12,
	}
	leave := m.AddParam(workforce.Dist{Kind: workforce.Uniform, A: 0.10, B: 0.20, Min: 0, Max: 1, Name: "leaver_rate"})
	fill := m.AddParam(workforce.FixedValue(0.05, 0, 1, "recruitment_fill"))
	heads := []int{40, 30, 12, 35, 25}
	est := []float64{48, 34, 13, 40, 27}
	for i := range layout.Cells {
		m.Cells = append(m.Cells, workforce.CellSpec{Headcount: heads[i], FTEPerHead: 0.9, Establishment: est[i],
			LeaverRate: leave, RecruitFill: fill})
	}
	m.Costs.PayPerFTE[workforce.Band5] = 38000
	m.Costs.PayPerFTE[workforce.Band6] = 47000
	m.Costs.PayPerFTE[workforce.Band7] = 56000
	m.Costs.RecruitPerHead[workforce.SourceInternational] = 8000
	m.Promotions = append(m.Promotions, workforce.Promotion{From: cell(m, 0, workforce.Band5), To: cell(m, 0, workforce.Band6),
		MinMonths: 12, ApplyProb: m.AddParam(workforce.FixedValue(0.1, 0, 1, "promotion"))})
	m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: cell(m, 0, workforce.Band5), Month: 9,
		Size: m.AddParam(workforce.FixedValue(8, 0, 100, "graduates")), Conversion: m.AddParam(workforce.FixedValue(0.5, 0, 1, "conversion"))})
	return m
}

func cell(m *workforce.Model, prof int, band workforce.Band) int {
	return m.Layout.Index(workforce.Cell{Prof: prof, Band: band})
}

// testOptions returns the baseline and two options built on it, each
// option's own parameters after the baseline's, as package scenario does:
// a retention premium for Band 6 OTs, and a campaign of international OTs.
func testOptions(t testing.TB) []sim.Option {
	t.Helper()
	premium := testModel(t)
	premium.Interventions = append(premium.Interventions, workforce.Intervention{
		Name: "retention premium", Lever: workforce.LeverLeaverRate, Mode: workforce.Scale,
		Cells: []int{cell(premium, 0, workforce.Band6)},
		Value: premium.AddParam(workforce.FixedValue(0.5, 0, 10, "premium")), Start: premium.Start + 3,
		AnnualCost: premium.AddParam(workforce.FixedValue(40000, 0, 1e9, "premium cost")),
	})
	intl := testModel(t)
	intl.International = append(intl.International, workforce.InternationalRecruitment{
		Name: "international OTs", To: cell(intl, 0, workforce.Band5), LeadMonths: 6,
		WithdrawalRate: intl.AddParam(workforce.FixedValue(0.2, 0, 1, "withdrawal")),
		Campaigns:      []workforce.Campaign{{Month: intl.Start + 2, Offers: intl.AddParam(workforce.FixedValue(10, 0, 100, "offers"))}},
	})
	return []sim.Option{
		{Name: "baseline", Description: "Nothing changes.", Model: testModel(t)},
		{Name: "retention_premium", Description: "A retention premium for Band 6 OTs from July 2025.", Model: premium},
		{Name: "international_ots", Description: "Ten international OT offers in June 2025.", Model: intl},
	}
}

// compare runs options on common random numbers with a 10% target.
func compare(t testing.TB, opts []sim.Option, s sim.Settings) *sim.Comparison {
	t.Helper()
	c, err := sim.Compare(context.Background(), opts, s, sim.CompareSettings{Target: 0.10, HasTarget: true})
	require.NoError(t, err)
	return c
}

// multi and single are the comparisons most tests use: three options, and
// the baseline alone without a target (what "ahpsim run" makes).
func multi(t testing.TB) *sim.Comparison {
	return compare(t, testOptions(t), sim.Settings{Runs: 200, Seed: 7, Workers: 2})
}

func single(t testing.TB) *sim.Comparison {
	t.Helper()
	c, err := sim.Compare(context.Background(), testOptions(t)[:1], sim.Settings{Runs: 200, Seed: 7, Workers: 2}, sim.CompareSettings{})
	require.NoError(t, err)
	return c
}

var testInfo = Info{
	ToolVersion:    "0.1.0-test",
	Source:         "testdata/borough.yaml",
	ScenarioSHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	Assumptions: []Assumption{
		{Label: "Leaver rate, all staff", Value: "10% to 20% a year (uniform)", Source: "BHR staffing report, 12 months to June 2023"},
		{Label: "Monthly fill of a vacancy", Value: "5%", Source: "Local HR data"},
	},
}
