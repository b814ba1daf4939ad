// Package workforce is the model of an AHP workforce: what a workforce is
// and how it may change, with no engine attached.
//
// The vocabulary: Agenda for Change pay bands, professions, organisations,
// calendar months, and the layout of the cells (organisation x profession
// x band) that hold staff. The Model of stocks and flows: each cell's
// starting state and flows (CellSpec), transitions, promotions, graduate
// cohorts and new posts, the supply pipelines (apprenticeships, student
// programmes, international recruitment, return to practice), age groups,
// rotations, portability, unit costs, and interventions, which change a
// Lever (one table holds every fact about each lever) by a Mode, building
// up by a Profile. Uncertain inputs are distributions held as data (Dist),
// numbered by ParamID; Model.Validate checks a model built in Go, mechanism
// by mechanism, within the limits of limits.go.
//
// The order of Model.Params, and of the rules each rule lever indexes, is
// part of the common-random-numbers contract: package sim draws parameter
// i and seeds the streams of each cell and rule by position, so models
// that list them in the same order get the same draws.
//
// It depends on the standard library only. Closed vocabularies are typed
// values with MarshalText and UnmarshalText, so YAML scenarios, flags and
// CSV output share one parser and one spelling; an unknown name is an
// *UnknownNameError, which carries the valid names for suggestions.
//
// Package sim runs a Model; package scenario builds one from a YAML file.
package workforce
