package workforce_test

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// brokenLayout is one organisation, occupational therapists in bands 3,
// 5, 6 and 7: cells 0 to 3.
func brokenLayout(t *testing.T) *workforce.Layout {
	t.Helper()
	ot, _ := workforce.LookupProfession("occupational_therapist")
	var cells []workforce.Cell
	for _, b := range []workforce.Band{workforce.Band3, workforce.Band5, workforce.Band6, workforce.Band7} {
		cells = append(cells, workforce.Cell{Org: 0, Prof: 0, Band: b})
	}
	l, err := workforce.NewLayout([]workforce.Organisation{workforce.DefaultOrganisation}, []workforce.Profession{ot}, cells)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// brokenModel breaks a rule of every mechanism Validate checks, so that
// its message is the whole list, in order.
func brokenModel(t *testing.T) *workforce.Model {
	m := &workforce.Model{Name: "broken\x1b", Layout: brokenLayout(t), Start: workforce.NewMonth(2026, 4), StepMonths: 3, Steps: 8, ReportEvery: 1}
	p := func(v, lo, hi float64) workforce.ParamID { return m.AddParam(workforce.FixedValue(v, lo, hi, "p")) }
	m.AddParam(workforce.Dist{Kind: workforce.Uniform, A: 2, B: 1, Max: 3, Name: "bad uniform"})
	m.AddParam(workforce.Dist{Kind: workforce.Beta, A: 1, B: 1, Min: 0.5, Max: 1, Name: "bad beta"})
	m.AddParam(workforce.Dist{Kind: workforce.Normal, A: math.NaN(), B: 1, Max: 1, Name: "nan"})
	rate, big := p(0.6, 0, 1), p(5, 0, 10)
	m.Destinations = []string{"other_nhs", "Outside"}
	m.Cells = []workforce.CellSpec{
		{Headcount: -1, FTEPerHead: 1.5, Establishment: math.NaN(), InitialSpreadMonths: -1, LeaverRate: big, DestinationShares: []float64{0.5}},
		{Headcount: 10, FTEPerHead: 1, Establishment: 10, LeaverRate: rate, DestinationShares: []float64{0.7, 0.7}, RecruitFill: 99},
		{Headcount: 10, FTEPerHead: 1, Establishment: 10, DestinationShares: []float64{-0.5, 1.5}, RampUpMonths: 400, Sickness: big,
			AgeShares: []float64{1}, RetirementRate: []workforce.ParamID{rate, rate}},
		{Headcount: 10, FTEPerHead: 1, Establishment: 10, DestinationShares: []float64{1, 0}, RampUpMonths: 3, EstablishmentGrowth: p(2, 0, 2)},
	}
	m.Transitions = []workforce.Transition{{From: 1, To: 1, Rate: rate}, {From: 1, To: 2, Rate: rate}, {From: 0, To: 9, Rate: rate}}
	m.Promotions = []workforce.Promotion{{From: 1, To: 3, MinMonths: -1, ApplyProb: big}}
	m.Graduates = []workforce.GraduateCohort{{Cell: 7, Month: 13, Size: p(1, 0, 2e6), Conversion: rate}}
	m.NewPosts = []workforce.NewPosts{{Cell: 1, From: workforce.NewMonth(2030, 1), FTE: p(1, -1, 1)}}
	m.AgeGroups = []workforce.AgeGroup{{Name: "young", FromAge: 20, ToAge: 0}, {Name: "old", FromAge: 50, ToAge: 40}}
	m.JoinerAges[workforce.SourceGraduate] = []float64{0.5}
	m.Apprenticeships = []workforce.Apprenticeship{{Name: "a", From: 1, To: 2, Intake: big, Month: 13, FundedPlaces: -1, StudyShare: 2,
		DurationMonths: -1, Backfill: workforce.BackfillRegisteredPost, FundedFrom: -1}}
	m.Students = []workforce.StudentProgramme{{Name: "s", To: 1, Places: rate, Conversion: big, IntakeMonth: 0, PlacementSensitivity: -1}}
	m.International = []workforce.InternationalRecruitment{{Name: "i", To: 2, OffersPerMonth: 42, LeadMonths: 999,
		Campaigns: []workforce.Campaign{{Offers: workforce.NoParam}}}}
	m.Returners = []workforce.ReturnToPractice{{Name: "r", To: -3, PerYear: rate, SupervisedMonths: -2}}
	m.Rotations = []workforce.Rotation{{Cell: 1, Share: rate, LengthMonths: 4, Rotations: 0, Cells: []int{1, 2}},
		{Cell: 1, Share: rate, LengthMonths: 6, Rotations: 100, Cells: []int{1}}, {Share: rate, LengthMonths: 3, Rotations: 1}}
	m.Portability = []workforce.Portability{{From: 1, To: 12, Share: big, MaxMonths: -1}}
	m.Costs.PayPerFTE[0] = -1
	m.Costs.RecruitPerHead[workforce.SourceExternal] = 1e6
	m.Costs.AgencyPerHour = 300
	m.Costs.Money = workforce.Money{PriceBase: 1800, PayAwards: []workforce.YearRate{{Year: 2025, Rate: 0.03}, {Year: 2027, Rate: 0.6}},
		Inflation: math.Inf(1), DiscountRate: -0.035}
	m.Interventions = []workforce.Intervention{
		{Name: "lever", Lever: 99},
		{Name: "cells", Lever: workforce.LeverLeaverRate, Value: rate, Start: m.Start},
		{Name: "rules", Lever: workforce.LeverStudentPlaces, Rules: []int{0, 4}, Mode: workforce.Scale, Value: p(20, 0, 20), Start: m.Start},
		{Name: "late", Lever: workforce.LeverSickness, Cells: []int{2, 8}, Mode: workforce.Set, Value: rate, Start: workforce.NewMonth(2040, 1),
			End: workforce.NewMonth(2039, 1), Profile: workforce.Linear, OneOffCost: p(2e9, 0, 2e9)},
	}
	return m
}

// TestValidateMessages pins the text and the order of Validate's
// messages: they were byte-identical when the model moved from sim to
// workforce and Validate was split by mechanism (the golden file was
// written by the code before the move).
func TestValidateMessages(t *testing.T) {
	var b strings.Builder
	timing := &workforce.Model{Layout: brokenLayout(t), StepMonths: 2, Steps: 0, ReportEvery: 0}
	timing.AddParam(workforce.Dist{Kind: workforce.Triangular, A: 1, B: 0, C: 2, Max: 2, Name: "tri"})
	for _, m := range []*workforce.Model{{}, timing, brokenModel(t)} {
		err := m.Validate()
		if err == nil {
			t.Fatal("want an error")
		}
		b.WriteString(err.Error() + "\n--\n")
	}
	path := filepath.Join("testdata", "move-validate.golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("Validate's messages changed:\n%s\nwant:\n%s", got, want)
	}
}

// TestValidateStepOfZeroWithRotation checks that a model with a step of
// 0 months and a rotation is reported, not a division by zero.
func TestValidateStepOfZeroWithRotation(t *testing.T) {
	m := &workforce.Model{Layout: brokenLayout(t), StepMonths: 0, Steps: 12, ReportEvery: 1}
	m.Cells = make([]workforce.CellSpec, len(m.Layout.Cells))
	for i := range m.Cells {
		m.Cells[i] = workforce.CellSpec{FTEPerHead: 1}
	}
	m.Rotations = []workforce.Rotation{{Cell: 1, Share: m.AddParam(workforce.FixedValue(0.5, 0, 1, "share")), LengthMonths: 6, Rotations: 2, Cells: []int{1}}}
	err := m.Validate()
	if err == nil || err.Error() != "step is 0 months (want 1, 3 or 12)" {
		t.Errorf("got %v, want only the step reported", err)
	}
}
