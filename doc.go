// Package ahpsim simulates the supply of and demand for NHS Allied Health
// Professionals (AHPs) band by band, with honest uncertainty.
//
// The module is a library and a command. Its packages, and the way their
// dependencies point (each imports only those to its right):
//
//		cmd/ahpsim  ->  scenario, examples, sim/chart  ->  sim  ->  sim/summary, sim/sample, workforce
//
//	  - workforce: the vocabulary (bands, professions, organisations,
//	    months) and the layout of cells. Standard library only.
//	  - sim: the engine. Runs a compiled Model with Monte Carlo or
//	    expected-value draws and summarises the runs. Never reads YAML,
//	    draws or prints. Its sub-packages are sample (exact binomial,
//	    multinomial and hypergeometric draws) and summary (exactly
//	    mergeable streaming statistics).
//	  - sim/chart: the plotting adapter, the only importer of gonum/plot. It
//	    takes plain numbers, not simulation types.
//	  - scenario: the strict YAML front end; parses, validates with file and
//	    line positions, and compiles to a workforce.Model. Also the way to build a
//	    scenario in Go.
//	  - examples: the example scenarios, embedded in the binary.
//	  - cmd/ahpsim: the command line, the only place that prints, parses
//	    flags or exits.
//
// The equations are in docs/model.md and the scenario format in
// docs/scenario-format.md.
package ahpsim

// Version is the version of the tool, written into every manifest.json.
const Version = "0.1.0"
