package workforce

import "math"

// Limits on a model's sizes, rates of growth and unit costs. They are far
// above any NHS system (a whole region's staff in one cell, a million
// graduates a year, a million pounds for one FTE-year), and they keep
// every reported value far below what the summaries hold (2^61 quanta:
// 2.3e16 pounds, 2.3e14 FTE, 2.3e12 heads in expected-value mode): a
// scenario at all of them at once, over 30 years, uses about half of that
// (docs/scenario-format.md, "Sizes and limits"). Validate enforces them,
// and so does package scenario, with positions.
const (
	// MaxCellSize bounds the starting headcount (heads) and establishment
	// (FTE) of one cell, and the FTE one new-posts entry adds or removes.
	MaxCellSize = 1_000_000
	// MaxHeadsPerPeriod bounds the heads one cohort, pipeline or campaign
	// brings a year or a month (and what an intervention adds or sets).
	MaxHeadsPerPeriod = 1_000_000
	// MaxGrowthFactor bounds the establishment growth compounded over the
	// horizon: posts may grow at most tenfold by growth alone.
	MaxGrowthFactor = 10
	// MaxScale bounds the factor of a scale intervention.
	MaxScale = 10
	// MaxUnitCost bounds, in pounds, one FTE-year of pay and a year of
	// training of one student or apprentice.
	MaxUnitCost = 1_000_000
	// MaxRecruitmentCost bounds, in pounds, the cost of recruiting one head.
	MaxRecruitmentCost = 100_000
	// MaxAgencyPerHour bounds, in pounds, an hour of agency cover (with
	// at most 8784 hours a year, an agency FTE-year is at most 2.2 million
	// pounds).
	MaxAgencyPerHour = 250
	// MaxHoursPerFTE is the most hours one FTE can work in a year (24 x 366).
	MaxHoursPerFTE = 24 * 366
	// MaxInterventionCost bounds, in pounds, an intervention's one-off
	// cost and its annual cost.
	MaxInterventionCost = 1e9
)

// MaxGrowth returns the largest annual establishment growth allowed over
// a horizon of the given months: the rate that compounds to
// MaxGrowthFactor over the horizon, rounded down to 4 decimals, and at
// most 1 (posts doubling in a year).
func MaxGrowth(horizonMonths int) float64 {
	if horizonMonths < 1 {
		return 1
	}
	g := math.Pow(MaxGrowthFactor, 12/float64(horizonMonths)) - 1
	return math.Min(1, math.Floor(g*1e4)/1e4)
}

// InterventionRange is the range of the value of an intervention on lever
// lv by mode: a factor of at most MaxScale for Scale; for Add and Set,
// probabilities and shares in [-1, 1] and [0, 1], counts within
// MaxHeadsPerPeriod (FTE of posts within MaxCellSize). Validate and
// package scenario both check it.
func InterventionRange(lv Lever, mode Mode) (lo, hi float64) {
	size := 1.0
	switch {
	case lv == LeverEstablishment:
		size = MaxCellSize
	case lv.Count():
		size = MaxHeadsPerPeriod
	}
	switch mode {
	case Scale:
		return 0, MaxScale
	case Add:
		return -size, size
	}
	return 0, size
}
