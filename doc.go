// Package ahpsim simulates the supply of and demand for NHS Allied Health
// Professionals (AHPs) band by band, with honest uncertainty.
//
// The module is a library and a command. The model of a workforce is in
// package workforce; the engine in sim runs it; scenario reads it from
// YAML; cmd/ahpsim is the command. An arrow points at the package
// imported, and every arrow ends nearer workforce or at a leaf, so there
// are no cycles:
//
//	workforce ◄── sim ◄── sim/report ──► sim/chart     sim/sample, sim/summary: leaves, imported by sim
//	    ▲          ▲           ▲
//	    └── scenario ┘         │
//	          ▲                │
//	       examples            │
//	          ▲                │
//	       cmd/ahpsim ─────────┘  (also → scenario, sim, workforce and ahpsim, for Version)
//
// Each package imports exactly these packages of the module, and of
// outside it (yaml is go.yaml.in/yaml/v3; gonum/stat is gonum's
// stat/distuv; gonum/plot is gonum.org/v1/plot with golang.org/x/image;
// excelize is github.com/xuri/excelize/v2).
// TestImportsMatchDoc (doc_test.go) reads every package's imports and
// checks them against these lines, so the picture stays true:
//
//	workforce:   standard library only
//	sim/sample:  standard library only
//	sim/summary: standard library only
//	sim:         workforce, sim/sample, sim/summary, gonum/stat
//	sim/chart:   gonum/plot
//	sim/report:  workforce, sim, sim/summary, sim/chart
//	scenario:    workforce, sim, yaml
//	scenario/internal/schemadoc: standard library only
//	scenario/internal/schemagen: scenario, scenario/internal/schemadoc
//	examples:    scenario
//	history:     workforce, excelize
//	sim/workbook: sim, excelize
//	calibrate:   workforce, history, sim, scenario, gonum/stat
//	hindcast:    workforce, sim, sim/summary, sim/chart, history
//	cmd/ahpsim:  ahpsim, workforce, sim, sim/report, sim/workbook, scenario, examples, history, calibrate, hindcast
//	bench/calibrate: workforce, sim, scenario, examples
//	bench/gensystem: examples
//	ahpsim:      standard library only
//
// The packages:
//
//   - workforce: the model. The vocabulary (bands, professions,
//     organisations, months), the layout of cells, and the Model of stocks
//     and flows: cells, flows, pipelines, rotations, portability, costs,
//     interventions and their levers, distributions as data, and
//     Model.Validate. Standard library only.
//   - sim: the engine. Runs a workforce.Model with Monte Carlo or
//     expected-value draws and summarises the runs. Never reads YAML,
//     draws charts or prints. Its sub-packages are sample (exact binomial,
//     multinomial and hypergeometric draws) and summary (exactly
//     mergeable streaming statistics).
//   - sim/chart: the plotting adapter, the only importer of gonum/plot. It
//     takes plain numbers, not simulation types.
//   - sim/report: the HTML report of a run or a comparison.
//   - scenario: the strict YAML front end, the only importer of YAML;
//     parses, validates with file and line positions, and compiles to a
//     workforce.Model (and the options to []sim.Option). Also the way to
//     build a scenario in Go.
//     Its JSON Schema for editors (docs/ahpsim.schema.json) is generated
//     from its types by go generate ./scenario, which runs
//     scenario/internal/schemagen; scenario/internal/schemadoc reads the
//     doc comments the schema's descriptions come from.
//   - examples: the example scenarios, embedded in the binary.
//   - history: a workforce's monthly history as one tidy table (a row per
//     month, organisation, profession and band of aggregated counts),
//     read from CSV or the first sheet of an .xlsx workbook with the
//     spellings planners export and an optional mapping file, every bad
//     cell reported at once by sheet, row and column. With sim/workbook,
//     the only importer of excelize. docs/data-format.md is the table's
//     format.
//   - sim/workbook: the results of a run or a comparison as one Excel
//     workbook (results.xlsx, the CLI's --xlsx): contents, a sheet per key
//     metric in wide form, the comparison, costs by financial year and
//     the assumptions.
//   - hindcast: synthetic histories of a scenario, and the scores of a
//     projection against a history (coverage, bias, error, CRPS), with
//     fan charts of both (docs/hindcast.md).
//   - cmd/ahpsim: the command line, the only place that prints, parses
//     flags or exits.
//   - bench/calibrate: a developer's tool, not part of the library: it
//     tunes an example's monthly fills so that each band holds its
//     starting vacancy rate in the first Monte Carlo year.
//   - bench/gensystem: a developer's tool too: it writes K copies of an
//     example as K organisations, for bench/scale.sh.
//
// The equations are in docs/model.md and the scenario format in
// docs/scenario-format.md.
package ahpsim

// Version is the version of the tool, written into every manifest.json.
const Version = "0.1.0"
