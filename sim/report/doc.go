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
// Figures lists the charts of a comparison in a fixed order. A chart
// that compares options shows each option in its one fixed colour
// (chart.OptionColour), dash pattern and marker, named by its title, so
// that no chart relies on colour alone; a chart whose series are not
// options (bands, sources of joiners) uses colours no option has.
//
//   - vacancy_rate_all, vacancy_rate_all_OPTION: the whole-system vacancy
//     rate at every step, a small multiple of one panel per option (Group
//     "vacancy_rate_all"; the baseline's panel has no suffix) on a shared
//     y axis: the option's fan in its colour, the baseline's median as a
//     grey dashed line, and the target line when the comparison has one;
//   - vacancy_rate_difference (two or more options): each option's mean
//     paired difference against the baseline (option minus baseline,
//     percentage points) with the interval of the run-by-run differences
//     shaded;
//   - cost_effectiveness (two or more options, and costs in the model):
//     each option's extra cost against the vacancy FTE-years it avoids at
//     the horizon, with the interval as error bars;
//   - vacancy_rate_by_profession, vacancy_rate_by_band and, with several
//     organisations, vacancy_rate_by_organisation: the vacancy rate at the
//     horizon, one row per profession (band, organisation), one marker per
//     option at its median with the middle 50% and the interval as bars,
//     and a grey tick at the start; the view by band is where the Band 5/6
//     gap shows;
//   - in_post_by_band, in_post_by_band_OPTION: mean staff in post (FTE) by
//     band, stacked, a panel per option on a shared y axis (Group
//     "in_post_by_band");
//   - joiners_leavers, joiners_leavers_OPTION: mean joiners by source,
//     qualified apprentices and leavers per reporting interval, a panel
//     per option on a shared y axis (Group "joiners_leavers").
//
// Panels of a group share their Caption and GroupTitle. Every figure has
// a text alternative (Alt) with its key numbers, taken from the same
// statistics as the chart. Figures are drawn small, with text sized for
// a phone: a panel is 9 cm wide, a chart standing alone 11 cm (WidthCm,
// HeightCm); shown 350 CSS pixels wide their text is at least 11 pixels.
//
// A comparison of a single option (what "ahpsim run" makes) gets the
// charts that need no pair, under the file names "ahpsim run" has always
// used. Should two charts get the same name (a custom role keyed
// "difference"), the later one gets the suffix "_2". WriteFigures writes
// every figure as plots/NAME.png and plots/NAME.svg, and the panels of
// each group together, three to a row, as plots/GROUP_panels.png.
//
// Findings states the results in sentences, with the numbers taken from
// the comparison's own statistics: the baseline's outlook, each option's
// effect on the whole system and on the profession and band where the
// effect is largest, the target, and the costs. Options are named by their
// titles (sim.Comparison.Titles), every mean has its range beside it, and
// money is rounded for reading: millions to one decimal ("£720.5m"), less
// to three significant figures ("£63,400").
//
// HTML builds report.html: one page that makes no network request at all
// (the charts are inline SVG, the style is inline, there is no script),
// whose bytes depend only on the comparison and the Info passed in. It is
// laid out as a board paper:
//
//   - page one, the executive summary: the question (from the target and
//     the horizon, with the scenario's description), one sentence per
//     option with its range, the recommendation when there is a target,
//     and the caveats (what the model leaves out; the ranges are spreads
//     of simulated runs, not forecast errors; the warnings);
//   - the results at the horizon, as two tables that fit A4: vacancies,
//     and costs against the baseline;
//   - the vacancy rate by band (median and range, every option) and, with
//     several organisations, by organisation;
//   - the charts ReportFigure selects (the panels of a small multiple,
//     Figure.Group, in a grid: one column on a phone, two or three on a
//     desktop, two in print; each svg labelled with its Figure.Alt);
//   - costs by NHS financial year (sim.Comparison.CostsByYear: cash, real
//     terms, present value) and value for money against the baseline
//     (saving on agency cover, payback year, cost per vacancy FTE-year
//     avoided beside a year of agency cover for one FTE,
//     sim.AgencyYearPerFTE);
//   - the key findings, the options, the assumptions with their sources,
//     the model settings, and what reproduces the numbers.
//
// Every option has one colour in every table, legend and chart
// (chart.OptionHex). The page prints on A4 (@page) in about ten pages,
// with no table or chart split across pages except the long assumptions
// and settings tables, which break between rows; on a phone the tables
// turn into one block per row, each value labelled by its column.
//
// The recommendation rule: of the options whose probability of having
// the whole-system vacancy rate below the target at the horizon is at
// least 50%, the baseline if it is one of them (no change is needed);
// else the one with the lowest cost per vacancy FTE-year avoided (among
// those that avoid any; without costs, the most likely to meet the
// target). With no option at 50%, none is recommended and the one most
// likely to meet the target is named. Ties go to the first in option
// order.
//
// Intervals: every range in the charts, the findings and the page is the
// middle Options.Interval (or Info.Interval) of the runs: 90% (the 5th to
// 95th percentile, DefaultInterval) or 80% (the 10th to 90th, read with
// summary.Table.Percentile), of the run-by-run values (for a comparison,
// of the paired run-by-run differences), which is what planners read as
// the range of outcomes. Options.Interval chooses another share for the
// charts: 0.8 draws the 10th to 90th percentiles (summary.Table's
// Percentile), and the captions say "80% of runs: 10th to 90th
// percentile". Fans and bars also show the middle 50% (25th to 75th). It is not the confidence interval of the mean;
// the Monte Carlo precision of the means is given in the report's
// reproducibility section.
package report
