package sim

import (
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
