// Package workforce is the vocabulary of an AHP workforce model: Agenda for
// Change pay bands, professions, organisations, calendar months, and the
// layout of the cells (organisation x profession x band) that hold staff.
//
// It depends on the standard library only. Closed vocabularies are typed
// values with MarshalText and UnmarshalText, so YAML scenarios, flags and
// CSV output share one parser and one spelling.
//
// The simulation itself lives in package sim; this package only names
// things and says where each cell sits in the dense arrays the engine uses.
package workforce
