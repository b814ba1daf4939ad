// Package scenario is the strict YAML front end of ahpsim: it reads a
// scenario file, reports every problem in it at once with its line and
// column, and compiles it into the *workforce.Model that package sim runs.
//
// The stages are separate, with separate types, as in text/template:
//
//	f, err := scenario.Load("bhr-baseline.yaml") // read, decode strictly, validate
//	m, err := f.Compile()                         // build the workforce.Model
//	res, err := sim.Run(ctx, m, f.Settings())
//
// A file may also name options, sets of interventions (and of mechanisms
// the scenario lacks: pipelines, rotations, transitions, promotions,
// graduate cohorts, new posts) to compare with the scenario itself;
// CompileOptions compiles the baseline and every option on one layout,
// one set of rules (each option's inert in the others) and shared
// parameters, so that they can be run on common random numbers
// (sim.Compare):
//
//	opts, err := f.CompileOptions() // opts[0] is the baseline
//
// A File is also the Go way to write a scenario without YAML: fill one in
// and call Compile, which validates it first. Optional numbers are pointers
// (nil means "use the default"), so new(0.9) and new(1000) fill them in.
//
// # Errors
//
// Parse, Load, Validate and Compile return an ErrorList: every problem,
// sorted by position, each formatted as
//
//	file:line:col: path.to.field: what is wrong (got X, want Y)
//
// Paths name the value the way the file does: workforce[2].bands.5.headcount
// is the headcount of Band 5 in the third workforce entry. Files built in
// Go have no positions, so their errors start at the path.
//
// # Strictness
//
// Decoding is strict: unknown or misspelt keys, duplicate keys, values of
// the wrong type, NaN and infinities, YAML anchors, aliases, merge keys and
// custom tags, several documents in one file, and files over MaxBytes are
// all errors. Keys follow docs/scenario-format.md, which documents every
// key, its default, its range and its unit.
//
// # Uncertain numbers
//
// Wherever a rate, count or share is accepted, it may be a plain number or
// a distribution such as {dist: triangular, min: 0.10, mode: 0.13, max: 0.16}
// (see Value). Each value written in the file becomes one sim parameter,
// drawn once per run and shared by every cell it applies to: a
// profession-wide leaver rate is one uncertain quantity, not one per band.
package scenario
