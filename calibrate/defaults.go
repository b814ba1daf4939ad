package calibrate

import (
	"fmt"

	"github.com/ahpsim/ahpsim/workforce"
)

// The defaults ahpsim init writes where a history gives no rate. Each is
// marked in the scenario as an ASSUMPTION, with where it comes from.

// bhrLeaverRates are the BHR annual leaver rates of the 12 months June
// 2022 to June 2023 (the BHR AHP workforce report, Figure 4; a copy is in
// docs/from-data.md), for the professions with at least 50 FTE in post.
var bhrLeaverRates = map[string]float64{
	workforce.OccupationalTherapist:      0.1301,
	workforce.Physiotherapist:            0.1067,
	workforce.SpeechAndLanguageTherapist: 0.1716,
	workforce.Radiographer:               0.0755,
	workforce.Dietitian:                  0.1125,
}

// bhrAllAHPLeaverRate is the same report's leavers over staff in post of
// all its professions: 129.5 FTE leavers over about 1,118 FTE. It stands
// for the professions with fewer than 50 FTE there (orthoptists' 33% and
// podiatrists' 3% are 3 and 1.1 leavers) and those it does not report.
const bhrAllAHPLeaverRate = 0.1158

// priorStaffYears is how much data a default leaver rate is worth: as
// much as 20 staff-years, so its Beta distribution is wide (a 13% rate
// gives a 90% interval of about 3% to 28%) and a run's spread says how
// little is known.
const priorStaffYears = 20

// defaultLeaverRate returns the default leaver rate of a profession and
// where it comes from.
func defaultLeaverRate(prof string) (float64, string) {
	if r, ok := bhrLeaverRates[prof]; ok {
		return r, fmt.Sprintf("the BHR %s leaver rate 2022-23 (%.1f%%)", prof, 100*r)
	}
	return bhrAllAHPLeaverRate, fmt.Sprintf("the BHR all-AHP leaver rate 2022-23 (%.1f%%): no BHR figure for %s from 50 FTE or more", 100*bhrAllAHPLeaverRate, prof)
}

// defaultTimeToFill is the months a vacant post takes to fill when the
// start has (almost) no vacancies to hold steady: a guess, with no source.
const defaultTimeToFill = 4

// defaultMonthlyFill returns the monthly fill that holds a cell's starting
// vacancy rate v steady against leaving at the annual rate r: each month
// about r/12 of the staff leave and f·v/(1−v) of them (as a share of
// staff) are refilled, so f = (r/12)·(1−v)/v. Below a 2% vacancy rate the
// steady fill would be near 1, so a time to fill of defaultTimeToFill
// months is assumed instead.
func defaultMonthlyFill(r, v float64) (float64, string) {
	if v < 0.02 {
		return 1.0 / defaultTimeToFill, fmt.Sprintf("posts take %d months to fill on average (no source: the starting vacancy rate %.1f%% is too low to hold steady)", defaultTimeToFill, 100*v)
	}
	f := min(r/12*(1-v)/v, 1)
	return f, fmt.Sprintf("the fill that holds the starting vacancy rate %.1f%% steady against leaving at %.1f%% a year: (%.4f / 12) x (1 - %.3f) / %.3f", 100*v, 100*r, r, v, v)
}
