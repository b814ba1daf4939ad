// Package report turns a *sim.Comparison into what a workforce planner
// reads and shares: charts (PNG and SVG), the key findings in words, and
// one self-contained HTML page.
//
// It sits between sim and the command line: it imports sim and sim/chart
// (the plotting adapter, which alone imports gonum/plot) and nothing that
// prints, so both a program and the CLI can use it.
//
//	sim/report  ->  sim/chart, sim  ->  sim/summary, workforce
//
// Figures lists the charts of a comparison in a fixed order:
//
//   - vacancy_rate_all: the whole-system vacancy rate, every option's fan
//     of simulated outcomes overlaid, with the target line when the
//     comparison has one;
//   - vacancy_rate_difference (two or more options): each option's mean
//     paired difference against the baseline (option minus baseline,
//     percentage points) with the middle 90% of the run-by-run differences
//     (their 5th to 95th percentiles) shaded;
//   - cost_effectiveness (two or more options, and costs in the model):
//     each option's extra cost against the vacancy FTE-years it avoids at
//     the horizon, with the same 5th-95th percentile error bars;
//   - vacancy_rate_PROFESSION: one fan chart per profession (all
//     organisations and bands), options overlaid;
//   - in_post_by_band, in_post_by_band_OPTION: mean staff in post (FTE) by
//     band, stacked, one chart per option (the baseline's has no suffix);
//   - joiners_leavers, joiners_leavers_OPTION: mean joiners by source,
//     qualified apprentices and leavers per reporting interval, one chart
//     per option.
//
// A comparison of a single option (what "ahpsim run" makes) gets the
// charts that need no pair, under the file names "ahpsim run" has always
// used. Should two charts get the same name (a custom role keyed
// "difference"), the later one gets the suffix "_2". WriteFigures writes
// every figure as plots/NAME.png and plots/NAME.svg.
//
// Findings states the results in sentences, with the numbers taken from
// the comparison's own statistics: the baseline's outlook, each option's
// effect on the whole system and on the profession and band where the
// effect is largest, the target, and the costs. HTML builds report.html:
// one page that makes no network request at all (the charts are inline
// SVG, the style is inline, there is no script), whose bytes depend only
// on the comparison and the Info passed in.
//
// Intervals: every "90% of runs" range in the charts and the findings is
// the 5th to 95th percentile of the run-by-run values (for a comparison,
// of the paired run-by-run differences), which is what planners read as
// the range of outcomes. It is not the confidence interval of the mean;
// the Monte Carlo precision of the means is given in the report's
// reproducibility section.
package report
