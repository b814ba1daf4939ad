package sim

import (
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/require"
)

// testModel is a small model built in Go: one organisation, occupational
// therapists in bands 5, 6 and 7. Tests switch flows on as they need.
type testModel struct {
	*workforce.Model
}

func newTestModel(t testing.TB, stepMonths, steps int, heads [3]int, est [3]float64) testModel {
	t.Helper()
	ot, _ := workforce.LookupProfession(workforce.OccupationalTherapist)
	layout, err := workforce.NewLayout(
		[]workforce.Organisation{workforce.DefaultOrganisation},
		[]workforce.Profession{ot},
		[]workforce.Cell{{Band: workforce.Band5}, {Band: workforce.Band6}, {Band: workforce.Band7}},
	)
	require.NoError(t, err)
	m := &workforce.Model{Name: "test", Layout: layout, Start: workforce.NewMonth(2025, 4),
		StepMonths: stepMonths, Steps: steps, ReportEvery: 12 / stepMonths}
	for i := range 3 {
		m.Cells = append(m.Cells, workforce.CellSpec{Headcount: heads[i], FTEPerHead: 1, Establishment: est[i],
			LeaverRate: workforce.NoParam, RecruitFill: workforce.NoParam, EstablishmentGrowth: workforce.NoParam,
			Sickness: workforce.NoParam, RampUpEffectiveness: workforce.NoParam, InternationalFirstYearLeaverRate: workforce.NoParam, AgencyShare: workforce.NoParam})
	}
	return testModel{m}
}

// param adds a fixed parameter and returns its id.
func (m testModel) param(v, lo, hi float64) workforce.ParamID {
	return m.AddParam(workforce.FixedValue(v, lo, hi, "test"))
}

func (m testModel) prob(v float64) workforce.ParamID { return m.param(v, 0, 1) }
