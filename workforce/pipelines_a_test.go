package workforce_test

import (
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
)

func TestCohortSteps(t *testing.T) {
	apr25, jan25, sep25 := workforce.NewMonth(2025, 4), workforce.NewMonth(2025, 1), workforce.NewMonth(2025, 9)
	for _, c := range []struct {
		start              workforce.Month
		step, intake, year int
		want               int
	}{
		// Monthly from April 2025, September intakes: the 2024 cohort
		// entered at the end of September 2024, 6 steps ago.
		{apr25, 1, 9, 1, 6}, {apr25, 1, 9, 3, 30},
		// An intake in the start month is made in the first step: year 1
		// is the cohort of a year before.
		{sep25, 1, 9, 1, 11},
		// Quarterly: September 2024 is in the step 3 quarters back.
		{apr25, 3, 9, 1, 2},
		// Annual from January: the 2024 intake is in the step before the first.
		{jan25, 12, 9, 1, 0}, {jan25, 12, 9, 3, 2},
	} {
		if got := workforce.CohortSteps(c.start, c.step, c.intake, c.year); got != c.want {
			t.Errorf("CohortSteps(%v, %d, %d, %d) = %d, want %d", c.start, c.step, c.intake, c.year, got, c.want)
		}
	}
}

func TestStartYears(t *testing.T) {
	apr25 := workforce.NewMonth(2025, 4)
	// A 42-month course with September intakes: on 2025-04 the 2021 cohort
	// finished at the end of March, so three cohorts are in training; on
	// 2025-02 it has a month to go, so four are.
	s := workforce.StudentProgramme{IntakeMonth: 9, DurationMonths: 42}
	if got := s.StartYears(apr25, 1); got != 3 {
		t.Errorf("StartYears on 2025-04 = %d, want 3", got)
	}
	if got := s.StartYears(workforce.NewMonth(2025, 2), 1); got != 4 {
		t.Errorf("StartYears on 2025-02 = %d, want 4", got)
	}
	a := workforce.Apprenticeship{DurationMonths: 30} // monthly intake
	if got := a.StartYears(apr25, 1); got != 3 {
		t.Errorf("monthly intake StartYears = %d, want 3 (months 0-11, 12-23, 24-29)", got)
	}
}

// stockModel is a valid model of a support cell of 10 heads (band 3) and
// a Band 5 cell, with one pipeline of each kind and empty starting stocks.
func stockModel(t *testing.T) *workforce.Model {
	t.Helper()
	m := &workforce.Model{Layout: brokenLayout(t), Start: workforce.NewMonth(2025, 4), StepMonths: 1, Steps: 12, ReportEvery: 12}
	for range m.Layout.Cells {
		m.Cells = append(m.Cells, workforce.CellSpec{FTEPerHead: 1, LeaverRate: workforce.NoParam, RecruitFill: workforce.NoParam,
			EstablishmentGrowth: workforce.NoParam, Sickness: workforce.NoParam, RampUpEffectiveness: workforce.NoParam,
			InternationalFirstYearLeaverRate: workforce.NoParam, AgencyShare: workforce.NoParam})
	}
	m.Cells[0].Headcount = 10
	n := m.AddParam(workforce.FixedValue(5, 0, 100, "n"))
	p := m.AddParam(workforce.FixedValue(0.5, 0, 1, "p"))
	m.Apprenticeships = []workforce.Apprenticeship{{Name: "a", From: 0, To: 1, Intake: n, Month: 9, DurationMonths: 24,
		DropoutRate: workforce.NoParam, FundedPlaces: 8}}
	m.Students = []workforce.StudentProgramme{{Name: "s", To: 1, Places: n, IntakeMonth: 9, DurationMonths: 36,
		DropoutRate: workforce.NoParam, Conversion: p, PlacementCapacity: workforce.NoParam}}
	m.International = []workforce.InternationalRecruitment{{Name: "i", To: 1, OffersPerMonth: n, LeadMonths: 6, WithdrawalRate: workforce.NoParam}}
	m.Returners = []workforce.ReturnToPractice{{Name: "r", To: 1, PerYear: n, SupervisedMonths: 3, DropoutRate: workforce.NoParam}}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestValidateStartingStocks(t *testing.T) {
	for _, c := range []struct {
		name  string
		set   func(m *workforce.Model)
		wants []string
	}{
		{"valid", func(m *workforce.Model) {
			m.Apprenticeships[0].InTraining.ByStage = []int{4, 4}
			m.Students[0].InTraining.Heads = 30
			m.International[0].InTransit.ByStage = []int{1, 2, 3, 4, 5, 6}
			m.Returners[0].InSupervision.Heads = 2
		}, nil},
		{"negative", func(m *workforce.Model) { m.Students[0].InTraining.Heads = -1 },
			[]string{"student programme 0 (s) in training at the start: -1 heads (want 0 to 1000000)"}},
		{"negative stage", func(m *workforce.Model) { m.Returners[0].InSupervision.ByStage = []int{1, -2} },
			[]string{"return to practice 0 (r) under supervision at the start: stage 2 holds -2 heads"}},
		{"both", func(m *workforce.Model) {
			m.Students[0].InTraining = workforce.StartingStock{Heads: 3, ByStage: []int{1}}
		},
			[]string{"given both as a number and by stage"}},
		{"too many years", func(m *workforce.Model) { m.Students[0].InTraining.ByStage = []int{1, 1, 1, 1} },
			[]string{"4 stages given, but the pipeline has 3 years of the course at the start"}},
		{"too many months", func(m *workforce.Model) { m.International[0].InTransit.ByStage = make([]int, 7) },
			[]string{"international recruitment 0 (i) in transit at the start: 7 stages given, but the pipeline has 6 months of lead time"}},
		{"no stages", func(m *workforce.Model) {
			m.Returners[0].SupervisedMonths = 0
			m.Returners[0].InSupervision.Heads = 1
		}, []string{"1 heads, but the pipeline has no months of supervision"}},
		{"funded places", func(m *workforce.Model) { m.Apprenticeships[0].InTraining.Heads = 9 },
			[]string{"apprenticeship 0 (a) in training at the start: 9 apprentices is more than the 8 funded places"}},
		{"headcount", func(m *workforce.Model) {
			m.Apprenticeships[0].InTraining.Heads = 6
			m.Apprenticeships = append(m.Apprenticeships, m.Apprenticeships[0])
			m.Apprenticeships[1].Name = "b"
		}, []string{"12 apprentices in training at the start is more than its headcount 10"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := stockModel(t)
			c.set(m)
			err := m.Validate()
			if c.wants == nil {
				if err != nil {
					t.Fatalf("want no error, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("want an error with %q", c.wants)
			}
			for _, w := range c.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}
