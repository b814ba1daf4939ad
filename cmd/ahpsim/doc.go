// Command ahpsim simulates NHS Allied Health Professional workforce supply
// and demand, band by band, with Monte Carlo uncertainty.
//
// Usage:
//
//	ahpsim run [FILE|EXAMPLE] [--runs N] [--seed S] [--workers W] [--out DIR]
//	           [--deterministic] [--force] [--no-plots] [--xlsx] [--quiet] [--shard I/N]
//	           [--metrics NAMES] [--groups KINDS] [--every-months N] [--suppress]
//	           [--interval 80|90]
//	ahpsim compare [FILE|EXAMPLE] [the run flags] [--target RATE]
//	ahpsim merge [--out DIR] [--force] [--no-plots] [--xlsx] [--quiet] [--suppress] SHARD_DIR...
//	ahpsim validate FILE...
//	ahpsim init TABLE --out FILE [--mapping FILE] [--horizon-months N] [--force]
//	ahpsim calibrate TABLE --out FILE [--scenario FILE] [--report DIR] [--mapping FILE]
//	           [--suppress] [--force]
//	ahpsim hindcast SCENARIO --data TABLE --from MONTH --out DIR [--runs N] [--seed S]
//	           [--mapping FILE] [--keep-rates] [--workers W] [--suppress] [--force] [--quiet]
//	ahpsim synth SCENARIO --months N --out FILE [--seed S] [--force] [--quiet]
//	ahpsim examples [NAME]
//	ahpsim schema
//	ahpsim version
//	ahpsim help [COMMAND]
//
// Flags are spelled here with two dashes, as in the help; one dash works
// too (Go's flag package takes both), and flags may come before or after
// the arguments. Every command prints its help on standard output, and
// exits 0, given -h or --help, as does 'ahpsim help COMMAND'; 'ahpsim
// --version' is 'ahpsim version'.
//
// # run
//
// Run simulates a scenario file, or an embedded example when no file has
// that name; with no argument it runs the bhr-baseline example. It writes
// into DIR (default out/NAME):
//
//   - summary.csv: one row per option, date, organisation, profession,
//     band and metric summarised (the default selection, or what --metrics,
//     --groups, --every-months or the scenario's report section select;
//     see below), with "all" for totals; columns option, date,
//     organisation, profession, band, metric, mean, sd, mcse (Monte Carlo
//     standard error), p05, p25, p50, p75, p95 (Excel PERCENTILE.INC),
//     unit (heads, FTE, FTE-years, fraction, GBP) and level, in that order
//     (new columns only ever go at the end). The level is the group's
//     kind (system, organisations, professions, bands, profession_bands,
//     cells...: the words of --groups); the rows of one level count each
//     cell once, so a pivot table filtered on one level never double
//     counts. The finest level written is the detail: cells, or
//     profession_bands with several organisations by default (which
//     leaves the cells out). Undefined values, such as a vacancy rate
//     where there are no funded posts, are empty.
//   - results.xlsx, with --xlsx: one Excel workbook of the results. Its
//     Contents sheet gives the scenario, seed, runs and interval and what
//     each sheet holds; a sheet per key metric (vacancy_rate,
//     vacancies_fte, in_post_fte, leaver_rate, agency_fte, of those
//     summarised) has a row per option, organisation, profession, band
//     and statistic (median, and the interval's low and high: the 5th and
//     95th percentiles of the runs for the report's 90%) and a column per
//     date; Comparison (with options) each
//     option against the baseline at the horizon from the paired
//     statistics; Costs by year the mean costs by NHS financial year
//     (April to March); Assumptions what report.html lists. Numbers are
//     numbers in number formats (0.0% for rates, £ for money, FTE),
//     rounded as summary.csv rounds them; header rows and label columns
//     are frozen, each sheet is a table with filters, and every text is a
//     text cell, never a formula. A group with the same staff as one
//     before (with one organisation, the organisation's rows are its
//     "all" rows) is not repeated. It is written with the other files or
//     not at all; a shard refuses --xlsx (give it to merge).
//   - manifest.json: tool and Go version, scenario name and the SHA-256 of
//     its bytes, seed, runs, step, the selection summarised, wall time and
//     warnings. Warnings, also
//     written to standard error, include every lever cut short (an
//     apprentice intake beyond its funded places or the support staff in
//     post, student places beyond placement capacity, an intervention
//     clamped to its lever's range) with the amounts asked and done;
//     docs/model.md, "Levers cut short". In Monte Carlo mode, mode_gap
//     compares the vacancy rates of the whole system and each profession
//     with an expected-value run (docs/model.md, "Monte Carlo and
//     expected-value mode").
//   - plots/: the whole system's vacancy-rate fan chart, the vacancy rate
//     by profession and by band at the horizon, staff in post by band, and
//     joiners and leavers, as PNG and SVG.
//
// --runs and --seed override the scenario's own. --workers sets how many
// runs go in parallel; it never changes the results, so the same scenario
// and seed give a byte-identical summary.csv on any machine. With
// --deterministic the model runs once on expected values. A short summary
// goes to standard output.
//
// --suppress (or report.suppress_small_counts in the scenario) writes
// counts of people from 1 to 4, and the leaver rates derived from them,
// as * in summary.csv, report.html and the plots, by the NHS statistical
// disclosure convention (docs/model.md, "Small numbers").
//
// --interval 80 (or report.interval: 80 in the scenario) shows every
// range of the console table, the findings, the plots and report.html as
// the middle 80% of runs (10th to 90th percentile) instead of the middle
// 90% (5th to 95th); manifest.json records it as interval_percent.
//
// --metrics, --groups and --every-months summarise only some series, as
// the scenario's report section does (each flag given replaces that key
// of the section; docs/scenario-format.md, "report"): metric names and
// group kinds (system, organisations, professions, bands,
// organisation_professions, organisation_bands, profession_bands, cells)
// separated by commas, all for every one, or default for the default
// selection's (undoing the scenario's report section), and the dates every
// N months from the start (and the last). Without them, and without a report
// section, the default selection keeps what the console table, plots/,
// report.html and the comparison read, and the main stock and flows
// (docs/scenario-format.md lists it): every kind of group with one
// organisation; with several, the system, organisations, professions,
// bands and profession_bands, but not the cells nor the organisations'
// professions and bands (--groups all gives them). Every row written is
// byte for byte the row of the same series in the whole output
// (--metrics all --groups all), and time and memory shrink with the
// series left out. An unknown name is refused with the valid ones. The
// plots and report.html are written whenever the selection keeps what
// they read; otherwise a note on standard error says which of them were
// not written, what they read that the selection leaves out, and the
// flags that would give them. compare also keeps the metrics its paired
// statistics read (vacancy_rate, vacancies_fte, vacancy_fte_years,
// cost_cumulative_total). manifest.json records the selection (report:
// kind default, all or custom; metrics; groups; every_months). merge takes
// the selection from the parts (partial.ahpsim records it); the shards of
// a job must share one selection: merge refuses a part of another.
//
// While the runs go on, and only when standard error is a terminal, one
// line on it, rewritten in place, shows the runs done of the total (of the
// shard, with --shard) and an estimate of the time left; it is rubbed out
// when the runs end. A log file or a pipe gets no progress line. With
// --quiet (run, compare and merge) nothing goes to standard output, neither
// the summary nor the list of files written, and there is no progress
// line; errors and warnings still go to standard error, and the exit
// status still says whether the command worked.
//
// Outputs are written to a temporary directory beside DIR and renamed
// into place when complete, so an interrupted run (Ctrl-C or SIGTERM, at
// any point: while running, merging, or writing plots and the report)
// stops within a second, exits with status 1 and leaves nothing behind.
// The temporary directory is made before the runs start, so an --out that
// cannot be written is reported at once. A DIR that is a symbolic link is
// followed: the outputs go into its target and the link stays.
//
// A non-empty output directory is never overwritten unless --force is
// given, and --force replaces only a previous ahpsim output: a directory
// whose manifest.json is of tool "ahpsim" and lists every file in it.
// It never replaces a directory holding an input of the same command (the
// scenario file, or a shard directory given to merge):
//
//	ahpsim run s.yaml --out . --force     refused: . holds s.yaml
//	ahpsim merge --force --out parts/0 parts/0 parts/1 parts/2
//	                                      refused: parts/0 is an input
//
// A scenario with options (named sets of interventions on top of the
// baseline) runs every option; summary.csv then has one block of rows per
// option, named in its option column.
//
// Text cells of summary.csv and comparison.csv that a spreadsheet could
// read as a formula (starting with =, +, -, @, a tab or a carriage return)
// get a leading apostrophe, which spreadsheets show as text (OWASP's advice
// on CSV injection). Names in a scenario are keys, which never start so;
// the rule guards the library's writers against any other caller.
//
// # compare
//
// Compare runs the baseline and every option of a scenario on common random
// numbers (run i of every option draws the same random numbers for the
// same events, so differences come from the options, not from chance) and
// writes, besides the run outputs:
//
//   - comparison.csv: for each option against the baseline and against
//     each other, at every date and for every group summarised (see
//     --groups): the paired difference in vacancy rate, vacancies (FTE),
//     vacancy FTE-years and cumulative cost (mean, sd, mcse, the 90%
//     interval of the mean, and the 5th, 50th and 95th percentiles of the
//     run-by-run differences) and the probability that the option has the
//     lower vacancy rate; per option, the probability of being below the
//     --target vacancy rate (default 0.10) and the month its median
//     whole-system vacancy rate first falls below it; and the cost per
//     vacancy FTE-year avoided at the horizon.
//     Columns option, reference, date, organisation, profession, band,
//     metric, mean, sd, mcse, ci90_low, ci90_high, p05, p50, p95, unit
//     and level, the last two as in summary.csv (unit probability for
//     prob_better and prob_below_target, months from the start for
//     median_below_target_month, GBP per FTE-year for
//     cost_per_vacancy_fte_year_avoided).
//   - report.html: a self-contained page (nothing is fetched from the
//     network) with the key findings in words, tables, every chart, the
//     assumptions and a reproducibility block.
//   - plots/: the whole system's vacancy rate, one fan chart per option
//     (vacancy_rate_all_OPTION) on a shared scale, the paired difference
//     against the baseline, cost against vacancy FTE-years avoided, the
//     vacancy rate by profession, by band and (with several organisations)
//     by organisation at the horizon, and per option staff in post by band
//     and joiners by source and leavers.
//
// With no argument it compares the options of the bhr-options example. A
// scenario of your own needs options to compare; start from the example:
//
//	ahpsim examples bhr-options > my.yaml
//	ahpsim compare my.yaml
//
// # Shards and merge
//
// With --shard I/N, run and compare do only the runs i with i mod N = I
// (with the same random streams as in the whole job) and write a partial
// result: partial.ahpsim, the scenario they ran, and manifest.json. Merge
// combines the directories of all N shards into the outputs the whole job
// would have written, byte for byte (all but the manifest's wall time).
//
// Merge proves what it merges. partial.ahpsim records its shard index and
// count, the runs it holds, the seed, the command and the SHA-256 of the
// scenario bytes it was simulated from; merge checks each folder's
// manifest.json, partial.ahpsim and scenario.yaml against each other, and
// the folders against each other, and refuses any disagreement, naming the
// folder and the field, before it writes anything:
//
//	ahpsim: parts/1: shard.index: partial.ahpsim says 0, manifest.json says 1
//
// Merge lists every missing shard of an incomplete set, with the command
// that runs it, and writes nothing. A directory given to merge that is not
// a shard output stands for its sub-directories ("merge parts" for
// "merge parts/*", without a shell), hidden ones skipped.
//
// A shard is skipped, with exit status 0, when its --out already holds its
// complete output for the same job (scenario bytes, command, seed, runs,
// mode, target, shard I/N; not --workers), so that after a failure the
// whole set of shards can be run again and only the failed ones run. A
// directory holding another job's shard, or an incomplete one, is refused,
// saying what differs; --force runs the shard again and replaces it.
//
// docs/scale-out.md lists every check and gives complete Kubernetes and
// Slurm set-ups, with the recovery steps.
//
// # validate
//
// Validate checks scenario files and reports every problem at once, each as
// file:line:column: path.to.field: what is wrong (got X, want Y).
//
// # init and calibrate
//
// Init writes a complete scenario from the latest month of a history table
// (CSV or the first sheet of an .xlsx workbook; docs/data-format.md): each
// band's staff in post, FTE per head and establishment at the end of that
// month, the scenario starting the month after, with every number's
// source in a comment and default rates marked ASSUMPTION. Calibrate
// writes the same with the rates fitted to every month of the table, as
// distributions (docs/calibration.md), and the fit report NAME.fit.csv and
// NAME.fit.txt beside --out NAME.yaml (or in --report DIR). With
// --scenario it keeps a base scenario whole and replaces only its start,
// its bands' starting state and their fitted rates. Neither replaces an
// existing file without --force, and neither writes a scenario that does
// not compile. docs/from-data.md walks through both. With --suppress the
// fit report writes * for counts of 1 to 4 people (leavers, joiners,
// promotions) and the raw rates derived from them, the NHS disclosure
// convention; the fitted scenario is an input, not for publication.
//
// # hindcast
//
// Hindcast tests a scenario against a history table: it fits the rates on
// the months of TABLE before --from (docs/calibration.md), starts SCENARIO
// in --from from the table's state at the end of the month before, with
// the fitted rates (as calibrate --scenario does), runs it --runs times
// (default 200; run i is run i of 'ahpsim run fitted.yaml --seed S') to the
// table's last month, and scores the runs against what the table recorded,
// per cell, profession and system: coverage of the central 50% and 90%
// intervals, bias, mean absolute error and the continuous ranked
// probability score, for staff in post, vacancy rate and leavers. It
// writes into DIR, through a temporary directory renamed into place as run
// does: scores.csv, fitted.yaml, the fit report fit.csv and fit.txt,
// plots/hindcast-PROFESSION.png and .svg (the projection's fan with the
// observed line over it) and manifest.json; and a summary per measure on
// standard output. --mapping reads the table's own spellings, as for init.
// With --keep-rates nothing is fitted: the scenario keeps its own rates and
// only its start and starting state are replaced, to hindcast a scenario
// as written. With --suppress, scores of staff in post or leavers whose
// observed mean is 1 to 4 people have their observed mean, bias and MAE
// written *, and such observed months are gaps in the fan charts' line.
// docs/hindcast.md gives the rules, the formulas and how to read them.
//
// # synth
//
// Synth simulates the monthly history a trust would have recorded had a
// scenario played out: run 0 of 'ahpsim run --seed S' (S defaults to the
// scenario's seed), reported every month in every cell, written as a table
// (docs/hindcast.md, "Synthetic histories"): for each cell a first row of
// the starting state, the end of the month before the scenario starts,
// then one row per month with staff in post, establishment and vacancies
// at the month's end and leavers, joiners by source and promotions in the
// month. The same scenario, months and seed give the same bytes. The file
// is written through a temporary file beside it and renamed into place; an
// existing file is replaced only with --force, and an input never.
// examples/history/ holds one, made from bhr-baseline.
//
// # examples
//
// Examples lists the embedded example scenarios, or prints one so that it
// can be copied and edited.
//
// # schema
//
// Schema prints the JSON Schema of the scenario format (draft-07, the
// newest draft VS Code's YAML extension supports fully): the file
// docs/ahpsim.schema.json of this version, generated from package
// scenario's Go types and doc comments by go generate ./scenario. An
// editor given it completes keys, bands, professions, levers and metrics,
// shows each key's description, and flags misspelt keys, values of the
// wrong type, unknown bands, levers and metrics, missing required keys and
// numbers outside the ranges validate checks. It says what a file may look
// like, not everything validate checks (that a profession is a standard
// one or a custom role of the file, that names match one another, that
// shares sum to 1): validate has the last word. The README's "Editing scenarios in VS Code" says how to
// use it.
//
// # Exit status
//
// 0 on success, 1 when a scenario is invalid or a run fails (including a
// run that meets a value too large to summarise, which names the metric,
// the cells and the date), 2 for a mistake in the command line.
//
// # Transcripts
//
// These are run by the tests, in an empty directory holding a copy of
// testdata/misspelt.yaml.
//
//	$ ahpsim examples
//	bhr-acp-posts          BHR AHP with advanced clinical practitioner posts
//	bhr-apprentices        BHR AHP with 30 apprentices a year
//	bhr-baseline           BHR AHP baseline
//	bhr-international-ots  BHR AHP with ten international OTs
//	bhr-options            BHR AHP options
//	bhr-retention-premium  BHR AHP with a Band 6 retention premium
//	bhr-rotations          BHR AHP as two trusts with cross-organisation rotations
//	bhr-student-places     BHR AHP with more student placements
//	teaching               Teaching example
//
//	$ ahpsim run teaching --deterministic --no-plots --out out/teaching
//	Teaching example (example:teaching)
//	expected values (deterministic), monthly steps from 2025-04 to 2030-04
//
//	Vacancy rate, median (90% range)   2025-04   2028-04   2030-04
//	all professions                    9.2%      7.0%      6.8%
//	  Occupational therapist           11.6%     8.0%      7.7%
//	  AHP support worker               5.0%      5.0%      5.0%
//
//	Wrote out/teaching: manifest.json, summary.csv
//
//	$ ahpsim run teaching --deterministic --no-plots --out out/teaching
//	ahpsim: output directory out/teaching exists and is not empty (use --force to replace it, or --out for another)
//	[exit status 1]
//
//	$ ahpsim run teaching --deterministic --no-plots --out . --force
//	ahpsim: output directory . is not an ahpsim output (it has no manifest.json); --force only replaces a previous ahpsim output
//	[exit status 1]
//
//	$ ahpsim validate --help
//	Usage: ahpsim validate FILE...
//
//	Validate checks scenario files and reports every problem at once, each as
//	file:line:column: path.to.field: what is wrong (got X, want Y).
//
//	Flags:
//	  -h, --help   print this help
//
//	$ ahpsim validate misspelt.yaml
//	misspelt.yaml:5:18: workforce[0].leaver_rate: out of range (got 1.3, want 0 to 1)
//	misspelt.yaml:7:26: workforce[0].bands.5.establishmnet_fte: unknown key (did you mean establishment_fte?)
//	[exit status 1]
//
//	$ ahpsim run --runs 0
//	ahpsim: --runs 0: want 1 to 10000000
//	Run 'ahpsim help' for usage.
//	[exit status 2]
//
//	$ ahpsim synth teaching --months 13 --out history.csv
//	Wrote history.csv: 5 cells, 2025-03 (the starting state) to 2026-04, seed 42.
//
//	$ ahpsim synth teaching --months 13 --out history.csv
//	ahpsim: history.csv exists (use --force to replace it, or --out for another file)
//	[exit status 1]
package main
