package sim

import (
	"bytes"
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
)

// A cell of 5 heads with 10% aged 60+ holds half a head of 60+ on
// average: its Monte Carlo retirements match the expected-value figure
// (with whole-head rounding of the age split they were 0 in every run).
func TestSmallCellStartingAgesAreDrawn(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 5, 0, 0})
	m.AgeGroups = []workforce.AgeGroup{{Name: "under 60", FromAge: 20, ToAge: 60}, {Name: "60+", FromAge: 60}}
	for c := range m.Cells {
		m.Cells[c].AgeShares = []float64{0.9, 0.1}
		m.Cells[c].RetirementRate = []workforce.ParamID{workforce.NoParam, m.prob(0.4)}
	}
	det, mc := both(t, m, 4000)
	// 0.5 heads aged 60+, retiring at 0.4/12 a month for 12 months.
	want := 0.5 * (1 - math.Pow(1-0.4/12, 12))
	checkBoth(t, det, mc, 1, "a", occ, "5", "retirements", want)
}

// A single head spread over 36 months in band has, on average, a third
// of a chance of two years or more in band: with a promotion open from
// 24 months, a third of a head is promoted in the first month in both
// modes (the even spread without a random offset put the head at month
// 18 in every run).
func TestSmallCellStartingMonthsInBandAreDrawn(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 1, 0, 0})
	m.ReportEvery = 1
	m.Cells[cA6].Establishment = 1
	m.Promotions = append(m.Promotions, workforce.Promotion{From: cA5, To: cA6, MinMonths: 24, ApplyProb: m.prob(1)})
	det, mc := both(t, m, 4000)
	checkBoth(t, det, mc, 1, "a", occ, "6", "promotions", 1.0/3)
}

// The random offset keeps a large cell's spread even: of 360 heads over
// 36 months, exactly 10 (one per month) have each time in band, whatever
// the offset, so a third are eligible and promoted in the first month.
func TestLargeCellStartingSpreadStaysEven(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 360, 0, 0})
	m.ReportEvery = 1
	m.Cells[cA6].Establishment = 1000
	m.Promotions = append(m.Promotions, workforce.Promotion{From: cA5, To: cA6, MinMonths: 24, ApplyProb: m.prob(1)})
	_, mc := both(t, m, 50)
	got, mcse := mean(t, mc, 1, "a", occ, "6", "promotions")
	assert.InDelta(t, 120, got, 1e-9, "every run promotes exactly 120")
	assert.InDelta(t, 0, mcse, 1e-9)
}

// Students in each year of a three-year course on the start date finish
// at their own graduations: year 3 in the first September, year 1 in the
// third. Every count is whole, so both modes are exact.
func TestStudentsInTrainingAtTheStartGraduateInTurn(t *testing.T) {
	m := newDynamicsModel(t, 4, [4]int{0, 0, 0, 0})
	m.Cells[cA5].Establishment = 1000
	m.Students = append(m.Students, workforce.StudentProgramme{Name: "BSc OT", To: cA5, Places: m.count(0),
		IntakeMonth: 9, DurationMonths: 36, DropoutRate: workforce.NoParam, Conversion: m.prob(1),
		PlacementCapacity: workforce.NoParam, InTraining: workforce.StartingStock{ByStage: []int{10, 20, 30}}})
	det, mc := both(t, m, 50)
	checkBoth(t, det, mc, 0, "a", occ, "5", "students_in_training", 60)
	for d, want := range []float64{30, 20, 10, 0} {
		checkBoth(t, det, mc, d+1, "a", occ, "5", "joiners_graduate", want)
	}
	_, mcse := mean(t, mc, 1, "a", occ, "5", "joiners_graduate")
	assert.Zero(t, mcse, "whole cohorts graduate whole")
	// Reported monthly: year 3 graduates at the end of September 2025.
	m.ReportEvery, m.Steps = 1, 12
	det = run(t, m, Settings{Deterministic: true})
	for d := 1; d <= 12; d++ {
		want := 0.0
		if d == 9 {
			want = 30
		}
		got, _ := mean(t, det, d, "a", occ, "5", "joiners_graduate")
		assert.InDelta(t, want, got, 1e-9, "graduates at %v", det.Dates[d])
	}
}

// A single number is spread evenly over the cohorts in training: exactly
// in expected-value mode, in whole heads with the right mean in Monte Carlo.
func TestStudentsInTrainingGivenAsOneNumberAreSpreadEvenly(t *testing.T) {
	m := newDynamicsModel(t, 3, [4]int{0, 0, 0, 0})
	m.Cells[cA5].Establishment = 1000
	m.Students = append(m.Students, workforce.StudentProgramme{Name: "BSc OT", To: cA5, Places: m.count(0),
		IntakeMonth: 9, DurationMonths: 36, DropoutRate: workforce.NoParam, Conversion: m.prob(1),
		PlacementCapacity: workforce.NoParam, InTraining: workforce.StartingStock{Heads: 10}})
	det, mc := both(t, m, 4000)
	checkBoth(t, det, mc, 0, "a", occ, "5", "students_in_training", 10)
	for d := 1; d <= 3; d++ {
		checkBoth(t, det, mc, d, "a", occ, "5", "joiners_graduate", 10.0/3)
	}
}

// International recruits in transit arrive when their months are up:
// with quarterly steps, those 1 to 3 months away at the end of the first
// quarter, those 4 to 6 months away at the end of the second.
func TestInternationalRecruitsInTransitAtTheStart(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 0, 0, 0})
	m.StepMonths, m.Steps, m.ReportEvery = 3, 4, 1
	m.International = append(m.International, workforce.InternationalRecruitment{Name: "OTs", To: cA5,
		OffersPerMonth: workforce.NoParam, WithdrawalRate: workforce.NoParam, LeadMonths: 6,
		InTransit: workforce.StartingStock{ByStage: []int{5, 0, 7, 0, 4}}})
	det, mc := both(t, m, 50)
	checkBoth(t, det, mc, 0, "a", occ, "5", "international_in_pipeline", 16)
	checkBoth(t, det, mc, 1, "a", occ, "5", "joiners_international", 12)
	checkBoth(t, det, mc, 2, "a", occ, "5", "joiners_international", 4)
	checkBoth(t, det, mc, 2, "a", occ, "5", "international_in_pipeline", 0)
}

// Returners under supervision on the start date, given as one number,
// finish over the months left of their supervision.
func TestReturnersUnderSupervisionAtTheStart(t *testing.T) {
	m := newDynamicsModel(t, 1, [4]int{0, 0, 0, 0})
	m.ReportEvery = 1
	m.Returners = append(m.Returners, workforce.ReturnToPractice{Name: "RTP", To: cB5, PerYear: m.count(0),
		SupervisedMonths: 3, DropoutRate: workforce.NoParam, InSupervision: workforce.StartingStock{Heads: 6}})
	det, mc := both(t, m, 4000)
	checkBoth(t, det, mc, 0, "b", occ, "5", "returners_in_pipeline", 6)
	for d := 1; d <= 3; d++ {
		checkBoth(t, det, mc, d, "b", occ, "5", "joiners_return", 2)
	}
	checkBoth(t, det, mc, 3, "b", occ, "5", "returners_in_pipeline", 0)
}

// Apprentices in training on the start date are among their support
// cell's heads, with their study share off its FTE from the start; the
// funded posts that backfill them are given up from the start; they
// qualify at their cohorts' ends.
func TestApprenticesInTrainingAtTheStart(t *testing.T) {
	m := newDynamicsModel(t, 3, [4]int{100, 0, 0, 0})
	m.Cells[cSupport].Establishment = 100
	m.Cells[cA5].Establishment = 1000
	m.Cells[cA6].Establishment = 20
	m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "OT", From: cSupport, To: cA5,
		Intake: m.count(0), Month: 9, DurationMonths: 24, DropoutRate: workforce.NoParam, StudyShare: 0.2,
		Backfill: workforce.BackfillRegisteredPost, FundedFrom: cA6, FundedPlaces: 30,
		InTraining: workforce.StartingStock{ByStage: []int{12, 8}}})
	det, mc := both(t, m, 50)
	checkBoth(t, det, mc, 0, "a", sw, "4", "apprentices_in_training", 20)
	checkBoth(t, det, mc, 0, "a", sw, "4", "in_post_hc", 100)
	checkBoth(t, det, mc, 0, "a", sw, "4", "in_post_fte", 100-20*0.2)
	checkBoth(t, det, mc, 0, "a", occ, "6", "establishment_fte", 20-20*0.2)
	// Year 2 (the September 2023 intake) qualifies in September 2025, year 1 a year later.
	checkBoth(t, det, mc, 1, "a", occ, "5", "apprentices_qualified", 8)
	checkBoth(t, det, mc, 1, "a", sw, "4", "apprentices_in_training", 12)
	checkBoth(t, det, mc, 1, "a", occ, "6", "establishment_fte", 20-12*0.2)
	checkBoth(t, det, mc, 2, "a", occ, "5", "apprentices_qualified", 12)
	checkBoth(t, det, mc, 2, "a", sw, "4", "in_post_hc", 80)
}

// With a monthly intake, year 1 of the course on the start date is
// spread over months 0 to 11 done: a 24-month course's year-1
// apprentices all qualify in the second year, none in the first.
func TestMonthlyIntakeApprenticesInTrainingAtTheStart(t *testing.T) {
	m := newDynamicsModel(t, 2, [4]int{100, 0, 0, 0})
	m.Cells[cA5].Establishment = 1000
	m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "OT", From: cSupport, To: cA5,
		Intake: m.count(0), DurationMonths: 24, DropoutRate: workforce.NoParam, StudyShare: 0.2,
		InTraining: workforce.StartingStock{ByStage: []int{12}}})
	det, mc := both(t, m, 50)
	checkBoth(t, det, mc, 1, "a", occ, "5", "apprentices_qualified", 0)
	checkBoth(t, det, mc, 2, "a", occ, "5", "apprentices_qualified", 12)
}

// Apprentices in training at the start are a random choice of their
// support cell's staff, so they have its ages: with everyone aged 60+,
// those who drop out retire like the rest.
func TestApprenticesInTrainingAtTheStartHaveTheirCellsAges(t *testing.T) {
	groups := []workforce.AgeGroup{{Name: "under 60", FromAge: 20, ToAge: 60}, {Name: "60+", FromAge: 60}}
	m := annualAgeModel(t, 2, groups, 1, 0.5)
	m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "OT", From: cSupport, To: cA5,
		Intake: m.count(0), Month: 1, DurationMonths: 48, DropoutRate: m.prob(1),
		DropoutsStay: true, StudyShare: 0.2, InTraining: workforce.StartingStock{Heads: 20}})
	det, mc := both(t, m, 2000)
	// 2025: the 80 in post, half retire; the 20 in training drop out.
	checkBoth(t, det, mc, 1, "a", sw, "4", "retirements", 40)
	// 2026: the 40 left and the 20 drop-outs, half retire.
	checkBoth(t, det, mc, 2, "a", sw, "4", "retirements", 30)
}

// withStartingStocks puts people in every pipeline of allMechanismsModel
// on the start date.
func withStartingStocks(m testModel) testModel {
	m.Apprenticeships[0].InTraining = workforce.StartingStock{ByStage: []int{4, 3, 3}}
	m.Students[0].InTraining = workforce.StartingStock{Heads: 15}
	m.International[0].InTransit = workforce.StartingStock{ByStage: []int{1, 0, 2}}
	m.Returners[0].InSupervision = workforce.StartingStock{Heads: 2}
	return m
}

func TestSimulateWithStartingStocksDoesNotAllocate(t *testing.T) {
	m := withStartingStocks(allMechanismsModel(t))
	assert.NoError(t, m.Validate())
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	res := newResult(m.Model, Settings{}.withDefaults(), e.metrics)
	values := make([]float64, len(res.Dates)*res.Slots*len(res.Metrics))
	e.simulate(1, 0, values, nil) // warm up
	runIndex := 1
	allocs := testing.AllocsPerRun(20, func() {
		e.simulate(1, runIndex, values, nil)
		runIndex++
	})
	assert.Zero(t, allocs, "a run allocates nothing")
}

// The starting draws come from each run's own streams: the summary is the
// same for any number of workers.
func TestStartingDrawsSameForAnyNumberOfWorkers(t *testing.T) {
	m := withStartingStocks(allMechanismsModel(t))
	var want string
	for _, workers := range []int{1, 3} {
		res := run(t, m, Settings{Runs: 40, Seed: 5, Workers: workers})
		var buf bytes.Buffer
		assert.NoError(t, res.WriteSummaryCSV(&buf, "baseline", true))
		if want == "" {
			want = buf.String()
			continue
		}
		assert.Equal(t, want, buf.String(), "workers=%d", workers)
	}
}

// With people in every pipeline at the start, every run keeps whole,
// non-negative heads in its pipelines and its cells' headcount equal to
// their stock plus their employed apprentices.
func TestStartingStocksKeepHeadcountConserved(t *testing.T) {
	m := withStartingStocks(allMechanismsModel(t))
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	res := newResult(m.Model, Settings{}.withDefaults(), e.metrics)
	values := make([]float64, len(res.Dates)*res.Slots*len(res.Metrics))
	check := func(when string) {
		t.Helper()
		for c := range e.numCells {
			assert.Equal(t, e.headcount[c], e.stock(c)+e.apprHC[c], "%s: cell %d headcount", when, c)
		}
		for _, pipes := range [][]pipe{e.appr, e.students, e.intl, e.returners} {
			for _, p := range pipes {
				for _, v := range p.stage {
					assert.True(t, v >= 0 && v == math.Trunc(v), "%s: pipeline stage holds %v", when, v)
				}
			}
		}
	}
	for runIndex := range 30 {
		e.beginRun(5, runIndex)
		check("start")
		assert.Equal(t, 10.0, e.apprHC[cSupport], "apprentices at the start")
		assert.Equal(t, 60.0, e.headcount[cSupport], "they are among the headcount")
		e.simulate(5, runIndex, values, nil)
		check("end")
	}
}
