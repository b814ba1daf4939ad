package sim

import (
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
)

// annualAgeModel is the dynamics model with annual steps over `years`,
// the given age groups, and every support worker in age group `startAge`.
// Only the last age group retires, at the annual rate `retire`.
func annualAgeModel(t *testing.T, years int, groups []workforce.AgeGroup, startAge int, retire float64) testModel {
	t.Helper()
	m := newDynamicsModel(t, 1, [4]int{100, 0, 0, 0})
	m.StepMonths, m.Steps, m.ReportEvery = 12, years, 1
	m.AgeGroups = groups
	for c := range m.Cells {
		shares := make([]float64, len(groups))
		shares[startAge] = 1
		rates := make([]workforce.ParamID, len(groups))
		for g := range rates {
			rates[g] = workforce.NoParam
		}
		rates[len(groups)-1] = m.prob(retire)
		m.Cells[c].AgeShares, m.Cells[c].RetirementRate = shares, rates
	}
	return m
}

// Apprentices who drop out go back to their post in their own age group:
// with every support worker aged 60+, the drop-outs retire like the rest
// (they came back as the youngest, who do not retire, before).
func TestApprenticeDropoutsKeepTheirAgeGroup(t *testing.T) {
	groups := []workforce.AgeGroup{{Name: "under 60", FromAge: 20, ToAge: 60}, {Name: "60+", FromAge: 60}}
	m := annualAgeModel(t, 3, groups, 1, 0.5)
	// Ten start in 2025; an annual drop-out rate of 1 sends all of them
	// back to their posts in 2026.
	m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "OT", From: cSupport, To: cA5,
		Intake: m.count(10), Month: 1, LastYear: 2025, DurationMonths: 48, DropoutRate: m.prob(1),
		DropoutsStay: true, StudyShare: 0.2})
	det, mc := both(t, m, 2000)
	// 2025: 100 in post, half retire; 10 of the other 50 start training.
	checkBoth(t, det, mc, 1, "a", sw, "4", "retirements", 50)
	// 2026: 40 in post, half retire; the 10 come back.
	checkBoth(t, det, mc, 2, "a", sw, "4", "apprentices_in_training", 0)
	checkBoth(t, det, mc, 2, "a", sw, "4", "retirements", 20)
	// 2027: the 20 left and the 10 drop-outs, all 60+, half retire.
	checkBoth(t, det, mc, 3, "a", sw, "4", "retirements", 15)
}

// Apprentices age while they train: after two years in training a
// drop-out is two age groups older, as if they had stayed in post.
func TestApprenticesAgeInTraining(t *testing.T) {
	groups := []workforce.AgeGroup{{Name: "20", FromAge: 20, ToAge: 21}, {Name: "21", FromAge: 21, ToAge: 22}, {Name: "22+", FromAge: 22}}
	m := annualAgeModel(t, 4, groups, 0, 1)
	m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "OT", From: cSupport, To: cA5,
		Intake: m.count(10), Month: 1, LastYear: 2025, DurationMonths: 48, DropoutRate: m.prob(0.5),
		DropoutsStay: true, StudyShare: 0.2})
	det, mc := both(t, m, 2000)
	// Groups one year wide: everyone moves up one a year. 2026: the 90 in
	// post and the 10 in training turn 21; 5 drop out. 2027: the 95 in
	// post turn 22 and retire; the 5 in training turn 22, 2.5 drop out and
	// retire in 2028 (had they not aged in training, 90 would retire in
	// 2027 and 5 in 2028).
	checkBoth(t, det, mc, 2, "a", sw, "4", "retirements", 0)
	checkBoth(t, det, mc, 3, "a", sw, "4", "retirements", 95)
	checkBoth(t, det, mc, 4, "a", sw, "4", "retirements", 2.5)
}
