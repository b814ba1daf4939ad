// Package history holds a workforce's monthly history as one tidy table:
// a row per month, organisation, profession and band, with aggregated
// counts (never person-level data), in the shape of a trust's monthly AHP
// staffing report or NHS England's published workforce statistics.
// docs/data-format.md documents the columns and what each enables.
package history

import (
	"fmt"
	"math"

	"github.com/ahpsim/ahpsim/workforce"
)

// Column is one figure of a row. Month, organisation, profession and band
// are the row's key, not columns of this list.
type Column uint8

// The figures, in the order a written table lists them.
const (
	StaffHeads           Column = iota // staff in post at the month's end, heads
	StaffFTE                           // staff in post at the month's end, FTE
	EstablishmentFTE                   // funded posts at the month's end, FTE
	Leavers                            // heads who left the organisation in the month
	Joiners                            // heads who joined from outside the organisation, every source
	JoinersExternal                    // of which recruited from the market
	JoinersGraduate                    // of which newly qualified
	JoinersInternational               // of which international recruits
	JoinersReturn                      // of which returners to practice
	PromotionsIn                       // heads promoted into the band in the month
	VacanciesFTE                       // vacant funded posts at the month's end, FTE
	SicknessRate                       // share of FTE days lost to sickness in the month
	AgencyFTE                          // bank and agency FTE used in the month
	NumColumns
)

// Row is one month of one cell. A figure that is not known (its column is
// missing, its cell is blank, or it was suppressed) is NaN: see Known.
type Row struct {
	Month   workforce.Month
	Org     string // organisation key
	Prof    string // profession key, as workforce names it
	Band    workforce.Band
	Figures [NumColumns]float64
	Ages    []float64 // heads by age group, in Table.AgeGroups order; nil when none
}

// Value returns a figure and whether it is known.
func (r *Row) Value(c Column) (float64, bool) {
	v := r.Figures[c]
	return v, !math.IsNaN(v)
}

// Known says whether a figure is known.
func Known(v float64) bool { return !math.IsNaN(v) }

// AgeGroup is one age-group column: ages From up to, not including, To
// (To 0: no upper limit).
type AgeGroup struct {
	Name     string
	From, To int
}

// Organisation is an organisation of the table: its key and the name the
// table gave it.
type Organisation struct {
	Key, Name string
}

// Table is a history: its rows sorted by month, organisation, profession
// and band, one row per key.
type Table struct {
	Source        string         // the file it was read from, for messages
	Columns       []Column       // the figures the table has, in Column order
	AgeGroups     []AgeGroup     // the age-group columns, youngest first
	Organisations []Organisation // in order of first appearance
	Rows          []Row
	Ignored       []string // headers of the columns not read, for the caller to list
}

// Has says whether the table has a column (some of its cells may still
// be blank).
func (t *Table) Has(c Column) bool {
	for _, have := range t.Columns {
		if have == c {
			return true
		}
	}
	return false
}

// columnNames are the headers a written table uses; a read table also
// accepts the spellings in docs/data-format.md.
var columnNames = [NumColumns]string{
	"staff_heads", "staff_fte", "establishment_fte", "leavers", "joiners",
	"joiners_external", "joiners_graduate", "joiners_international", "joiners_return",
	"promotions_in", "vacancies_fte", "sickness_rate", "agency_fte",
}

// KeyNames are the headers of the key columns of a written table.
var KeyNames = [4]string{"month", "organisation", "profession", "band"}

// String returns the column's header in a written table.
func (c Column) String() string {
	if c < NumColumns {
		return columnNames[c]
	}
	return "column?"
}

// Header returns the age group's column header in a written table:
// heads_age_FROM_TO, or heads_age_FROM_plus when it has no upper limit.
func (g AgeGroup) Header() string {
	if g.To == 0 {
		return fmt.Sprintf("heads_age_%d_plus", g.From)
	}
	return fmt.Sprintf("heads_age_%d_%d", g.From, g.To)
}
