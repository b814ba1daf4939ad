// Package sim is the engine of ahpsim: it runs a compiled workforce model
// (a Model, usually built by package scenario) many times with random
// flows, and summarises the runs as band-by-band projections with
// uncertainty.
//
// # The model
//
// Staff are held as integer headcounts per cell (organisation x profession
// x Agenda for Change band) and, within a cell, by the number of steps they
// have completed in their band (capped at the longest time any rule needs).
// Each step applies, in this order: demand (establishment growth and new
// posts), exits (leavers and push transitions, one multinomial per tenure
// bucket), pull promotions and pull moves across professions (highest
// target band first, only into vacancies), graduate cohorts (into their
// band's vacancies, or beyond them when the cohort says), external recruitment
// (each vacancy filled with a monthly probability), and ageing. Every
// stochastic flow is a binomial or multinomial draw on whole heads, so no
// stock goes negative and headcount is conserved exactly: the staff at the
// end of a run are the staff at the start plus joiners minus leavers.
// docs/model.md gives every equation.
//
// Settings.Deterministic runs the same equations once on expected values:
// each draw is replaced by its mean (n*p) and each uncertain parameter by
// its mean. With annual steps and push transitions only, this is the
// classic Markov manpower recursion n(t+1) = n(t)P + r.
//
// # Randomness
//
// Every run has its own random streams, so results do not depend on the
// number of workers or on which worker ran which run. A stream is a PCG
// generator (math/rand/v2) seeded, for master seed s, run index r, stream
// kind k and index i, with
//
//	hi = splitmix64(s XOR splitmix64(r))
//	lo = splitmix64(k<<40 XOR i)
//
// where splitmix64 is the SplitMix64 finaliser. The kinds are: 1 the run's
// uncertain parameters (drawn in Params order), 2 exits of cell i (leavers,
// transitions and the destination split), 3 promotion rule i (in the
// engine's highest-band-first order), 4 graduate cohort i, 5 external
// recruitment into cell i. Keeping a stream per flow and cell means that
// two models that differ in one flow draw the same numbers for every other
// flow until their staff numbers differ: the basis of common random numbers.
// The starting state of a run (the age groups and months in band of each
// cell's staff, and the people in pipelines on the start date) is drawn
// from the streams of kind 6 (ageing, cell i) and of each pipeline at step
// 0, which no step uses (docs/model.md, "Starting state").
//
// # Summaries
//
// Runs stream into summary.Tables of exact integer sums of quantized
// values and bounded histograms, so memory does not grow with the number
// of runs. The workers share the result tables, each adding through its
// own summary.Stager. The small tables (costs, caps, traces, pairs) are
// per worker and merged in a fixed order after the runs. The summary is
// byte-identical for any number of workers (package summary).
//
// sim never reads YAML, draws pictures or prints; package scenario builds
// Models and package chart draws them.
package sim
