package sim

import "github.com/ahpsim/ahpsim/workforce"

// YearCost is one option's cost in one NHS financial year (April to
// March), the mean over runs, in pounds. A year the projection covers only
// in part (it starts or ends inside it) has Months < 12.
type YearCost struct {
	Label    string          // the financial year, e.g. "2025/26"
	From, To workforce.Month // the first and last month of the year inside the projection
	Months   int

	// Cash is at each year's own prices: the model's costs (given at the
	// price base) uplifted by the pay awards up to that year. Real is at
	// the price base's prices. PresentValue is Real discounted to the
	// price base year at the discount rate (HM Treasury Green Book).
	Cash, Real, PresentValue float64
	// Agency is the cash cost of agency and bank cover, and
	// AgencySubstantive what the same FTE would cost as substantive staff
	// at the same prices, so Agency - AgencySubstantive is the premium
	// paid for cover.
	Agency, AgencySubstantive float64
}
