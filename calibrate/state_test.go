package calibrate

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

func TestStartStateTakesTheMonthsRows(t *testing.T) {
	tab := smallTableF(t)
	got, err := StartState(tab, monthF(t, "2025-02"))
	require.NoError(t, err)
	feb := monthF(t, "2025-02")
	assert.Equal(t, []CellState{
		{Org: "riverside", Prof: "occupational_therapist", Band: workforce.Band5, Month: feb, Heads: 21, FTE: 18.9, EstablishmentFTE: 21},
		{Org: "riverside", Prof: "occupational_therapist", Band: workforce.Band6, Month: feb, Heads: 29, FTE: 26.4, EstablishmentFTE: 30},
		// No FTE: one a head; no establishment: FTE + vacancies.
		{Org: "riverside", Prof: "physiotherapist", Band: workforce.Band6, Month: feb, Heads: 8, FTE: 8, EstablishmentFTE: 10,
			FTEAssumed: true, EstablishmentFromVac: true},
	}, got)

	got, err = StartState(tab, monthF(t, "2025-01"))
	require.NoError(t, err)
	// Neither establishment nor vacancies: no vacancies assumed.
	assert.Equal(t, CellState{Org: "riverside", Prof: "physiotherapist", Band: workforce.Band6, Month: monthF(t, "2025-01"),
		Heads: 9, FTE: 9, EstablishmentFTE: 9, FTEAssumed: true, EstablishmentAssumed: true}, got[2])
}

func TestStartStateReportsEveryMissingCell(t *testing.T) {
	tab := smallTableF(t)
	// The physios' February row is missing, and the OT Band 6 heads are blank.
	tab.Rows = tab.Rows[:5]
	tab.Rows[4].Figures[history.StaffHeads] = figsF(nil)[0]
	_, err := StartState(tab, monthF(t, "2025-02"))
	require.Error(t, err)
	assert.Equal(t, "history.csv: 2025-02 riverside/occupational_therapist band 6: staff_heads is blank (want the staff in post, heads, at the start)\n"+
		"history.csv: riverside/physiotherapist band 6 has no row for 2025-02 (its last is 2025-01; a cell that closed needs a row with staff_heads 0)",
		err.Error())

	_, err = StartState(tab, monthF(t, "2025-03"))
	assert.EqualError(t, err, "history.csv: no rows for 2025-03 (the table has 2025-01 to 2025-02)")
	_, err = StartState(&history.Table{Source: "empty.csv"}, monthF(t, "2025-03"))
	assert.EqualError(t, err, "empty.csv: the table has no rows")
}
