// Package hindcast tests a scenario against history: it simulates a
// history a trust might have had (Synth), runs an ensemble of a model and
// keeps every run's values (Project), and scores the ensemble against
// what was observed (Score): interval coverage, bias, mean absolute error
// and the continuous ranked probability score, per cell, profession and
// system. Figures draws, per profession, the projection's fan with the
// observed line over it. docs/hindcast.md gives the rules and formulas.
//
// # Dates
//
// sim reports a date as the state at the start of that month, with flows
// summed over the interval that ends there (docs/model.md, "Reporting").
// A history row of month M holds the figures at the end of M and the flows
// in M. With monthly steps, the end of M is the start of M+1, so row M is
// the simulated date M+1, and step k (1-based) of a model starting in S
// simulates month S+k-1: row S+k-1 holds the stocks and flows reported at
// date S+k. The starting state of a model starting in S is the end of
// month S-1.
package hindcast
