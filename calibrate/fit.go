// Package calibrate fits the rates a scenario needs from a history
// (package history), per cell and with uncertainty, borrowing strength
// across cells so that small teams get usable rates, and writes the
// scenario that carries them. docs/calibration.md gives the equations.
package calibrate

import (
	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

// Param names a fitted parameter by the scenario key it sets.
type Param string

// The parameters a history can give.
const (
	LeaverRate          Param = "leaver_rate"              // annual, by the NHS published definition
	MonthlyFill         Param = "recruitment.monthly_fill" // share of vacant posts filled a month
	PromotionApply      Param = "promotion.monthly_apply"  // monthly probability of applying for the band above
	FTEPerHead          Param = "fte_per_head"             // mean FTE of one head
	EstablishmentGrowth Param = "establishment_growth"     // annual growth of funded posts
)

// Estimate is one fitted parameter of one cell.
type Estimate struct {
	Org, Prof string
	Band      workforce.Band
	Param     Param
	Exposure  float64 // the denominator: headcount-years, vacant post-months, ...
	Count     float64 // the events observed over the exposure
	Raw       float64 // Count over Exposure on the parameter's scale; NaN without exposure
	// The fitted distribution, written into the scenario: Beta(Alpha, Beta)
	// for rates and shares; for other parameters Alpha and Beta are 0 and
	// Lower, Mean and Upper describe a triangular distribution.
	Alpha, Beta        float64
	Mean, Lower, Upper float64 // posterior mean and its 90% interval
	Pooling            float64 // share of Mean that comes from the prior, 0 to 1
	Prior              string  // where the prior came from, for people
	Assumed            bool    // no data: a default, marked as an assumption
	Source             string  // what the figure was computed from, for comments
}

// CellState is a cell's staffing in one month: the starting state of a
// scenario.
type CellState struct {
	Org, Prof        string
	Band             workforce.Band
	Month            workforce.Month
	Heads, FTE       float64
	EstablishmentFTE float64
	// How the figures were found, for the scenario's comments (StartState
	// sets them; all false means every figure was in the table).
	FTEAssumed           bool // no staff_fte: FTE = heads (1 FTE a head)
	EstablishmentFromVac bool // no establishment_fte: FTE + vacancies_fte
	EstablishmentAssumed bool // neither: establishment = FTE (no vacancies)
}

// Fit is the result of fitting a history.
type Fit struct {
	Table     *history.Table
	From, To  workforce.Month // the months of history fitted, inclusive
	Estimates []Estimate      // sorted by organisation, profession, band, parameter
	Notes     []string        // what was assumed, for the fit report
}
