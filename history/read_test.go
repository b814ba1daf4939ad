package history_test

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

// planners is a table as a trust's report might give it: a title row,
// planners' headers, two organisations given by name and code, NHS
// statistics' profession names, suppressed cells and a column not read.
var planners = [][]any{
	{"AHP monthly staffing report"},
	{"Month", "Organisation name", "Org code", "Staff group", "AfC band", "Staff in post headcount", "Staff in post (FTE)",
		"Establishment FTE", "Leavers", "Joiners", "Sickness absence rate", "Vacancies FTE", "Age 20-39", "40 and over", "Notes"},
	{date(2024, 4, 30), "St Mary's NHS Trust", "RXX", "Physiotherapists", "Band 5", 1012, 900.5, 950, 3, 2, percent(0.045), 49.5, 1000, 12, "ok"},
	{date(2024, 4, 30), "St Mary's NHS Trust", "RXX", "Speech and Language Therapist", "Band 8 - Range A", 4, 3.6, 4, "*", "-", "", "", 2, 2, ""},
	{date(2024, 4, 30), "Abbey Trust", "RYY", "Support to AHPs", "3", 10, 8, 10, 0, 1, percent(0.02), 2, 6, 4, ""},
	{date(2024, 5, 31), "St Mary's NHS Trust", "RXX", "Physiotherapists", "Band 5", 1010, 899, 950, 4, 2, percent(0.05), 51, 998, 12, ""},
	{date(2024, 5, 31), "St Mary's NHS Trust", "RXX", "Speech and Language Therapist", "Band 8 - Range A", 4, 3.6, 4, 0, 0, "", "", 2, 2, ""},
	{date(2024, 5, 31), "Abbey Trust", "RYY", "Support to AHPs", "3", 11, 9, 10, 0, 1, percent(0.03), 1, 7, 4, ""},
}

// csvText writes rows as a CSV file: dates day first, percentages with
// "%", thousands with a separator.
func csvText(rows [][]any) string {
	var b strings.Builder
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, v := range row {
			switch v := v.(type) {
			case time.Time:
				cells[i] = v.Format("02/01/2006")
			case percent:
				cells[i] = strconv.FormatFloat(float64(v)*100, 'f', -1, 64) + "%"
			case int:
				cells[i] = strconv.Itoa(v)
				if v >= 1000 {
					cells[i] = fmt.Sprintf(`"%d,%03d"`, v/1000, v%1000)
				}
			default:
				cells[i] = fmt.Sprint(v)
			}
		}
		b.WriteString(strings.Join(cells, ",") + "\n")
	}
	return b.String()
}

// withoutNaN copies a table with its unknown figures as -1, so that
// tables compare equal (NaN is not equal to itself).
func withoutNaN(t *history.Table) *history.Table {
	c := *t
	c.Rows = append([]history.Row(nil), t.Rows...)
	for i := range c.Rows {
		for j, v := range c.Rows[i].Figures {
			if math.IsNaN(v) {
				c.Rows[i].Figures[j] = -1
			}
		}
	}
	return &c
}

func readString(t *testing.T, name, text string, opts history.ReadOptions) (*history.Table, error) {
	t.Helper()
	return history.Read(name, strings.NewReader(text), history.CSV, opts)
}

func mustRead(t *testing.T, name, text string, opts history.ReadOptions) *history.Table {
	t.Helper()
	table, err := readString(t, name, text, opts)
	require.NoError(t, err)
	return table
}

// TestReadCSVAndXLSXAgree reads the same table from CSV and from an
// .xlsx workbook (dates as date serials, percentages as formatted
// numbers) and checks both give the same, expected, table.
func TestReadCSVAndXLSXAgree(t *testing.T) {
	dir := t.TempDir()
	csvPath, xlsxPath := filepath.Join(dir, "history.csv"), filepath.Join(dir, "history.xlsx")
	require.NoError(t, os.WriteFile(csvPath, []byte(csvText(planners)), 0o644))
	writeXLSX(t, xlsxPath, "Staffing", planners)
	fromCSV, err := history.ReadFile(csvPath, history.ReadOptions{})
	require.NoError(t, err)
	fromXLSX, err := history.ReadFile(xlsxPath, history.ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, csvPath, fromCSV.Source)
	assert.Equal(t, xlsxPath, fromXLSX.Source)
	fromXLSX.Source = fromCSV.Source
	assert.Equal(t, withoutNaN(fromCSV), withoutNaN(fromXLSX))

	tb := fromCSV
	assert.Equal(t, []history.Column{history.StaffHeads, history.StaffFTE, history.EstablishmentFTE, history.Leavers,
		history.Joiners, history.VacanciesFTE, history.SicknessRate}, tb.Columns)
	assert.Equal(t, []history.AgeGroup{{Name: "age_20_40", From: 20, To: 40}, {Name: "age_40_plus", From: 40}}, tb.AgeGroups)
	assert.Equal(t, []history.Organisation{{Key: "rxx", Name: "St Mary's NHS Trust"}, {Key: "ryy", Name: "Abbey Trust"}}, tb.Organisations)
	assert.Equal(t, []string{"Notes"}, tb.Ignored)
	require.Len(t, tb.Rows, 6)
	// Sorted by month, organisation key, profession key and band.
	r := tb.Rows[0]
	assert.Equal(t, workforce.NewMonth(2024, 4), r.Month)
	assert.Equal(t, "rxx", r.Org)
	assert.Equal(t, workforce.Physiotherapist, r.Prof)
	assert.Equal(t, workforce.Band5, r.Band)
	assert.Equal(t, 1012.0, r.Figures[history.StaffHeads])
	assert.Equal(t, 900.5, r.Figures[history.StaffFTE])
	assert.InDelta(t, 0.045, r.Figures[history.SicknessRate], 1e-12) // 4.5/100 in floating point
	assert.Equal(t, []float64{1000, 12}, r.Ages)
	assert.True(t, math.IsNaN(r.Figures[history.PromotionsIn]), "a column the table does not have is not known")
	slt := tb.Rows[1]
	assert.Equal(t, workforce.SpeechAndLanguageTherapist, slt.Prof)
	assert.Equal(t, workforce.Band8a, slt.Band)
	for _, c := range []history.Column{history.Leavers, history.Joiners, history.SicknessRate, history.VacanciesFTE} {
		_, known := slt.Value(c)
		assert.False(t, known, "%s: suppressed and blank cells are not known", c)
	}
	support := tb.Rows[2]
	assert.Equal(t, "ryy", support.Org)
	assert.Equal(t, workforce.SupportWorker, support.Prof)
	assert.Equal(t, workforce.Band3, support.Band)
	assert.Equal(t, workforce.NewMonth(2024, 5), tb.Rows[3].Month)
}

// TestReadWrittenShape reads a table in the shape a written table has
// (keys, shares, every column) and checks every figure lands in its
// column.
func TestReadWrittenShape(t *testing.T) {
	var header []string
	header = append(header, history.KeyNames[:]...)
	for c := range history.NumColumns {
		header = append(header, c.String())
	}
	// In Column order: heads, FTE, establishment, leavers, joiners and by
	// source, promotions, vacancies, sickness, agency.
	values := []string{"10", "8.5", "12", "1", "10", "1", "2", "3", "4", "2", "3.5", "0.045", "1.25"}
	require.Len(t, values, int(history.NumColumns))
	header = append(header, "heads_age_20_40", "heads_age_40_plus")
	text := strings.Join(header, ",") + "\n" +
		"2024-04,example_trust,speech_and_language_therapist,8a," + strings.Join(values, ",") + ",6,4\n"
	tb := mustRead(t, "written.csv", text, history.ReadOptions{})
	require.Len(t, tb.Rows, 1)
	r := tb.Rows[0]
	assert.Equal(t, "example_trust", r.Org)
	assert.Equal(t, workforce.SpeechAndLanguageTherapist, r.Prof)
	assert.Equal(t, workforce.Band8a, r.Band)
	for c := range history.NumColumns {
		want, _ := strconv.ParseFloat(values[c], 64)
		assert.Equal(t, want, r.Figures[c], c.String())
		assert.True(t, tb.Has(c))
	}
	assert.Equal(t, []float64{6, 4}, r.Ages)
	assert.Empty(t, tb.Ignored)
}

// TestReadAddsUpCells checks that rows naming one cell in different words
// (Radiographer - Diagnostic and - Therapeutic) are added up, with the
// sickness rate weighted by FTE and unknown figures staying unknown.
func TestReadAddsUpCells(t *testing.T) {
	text := `month,organisation,profession,band,staff_heads,staff_fte,leavers,sickness_rate,heads_age_20_40,heads_age_40_plus
2024-04,Trust A,Radiographer - Diagnostic,6,10,8,1,0.05,6,4
2024-04,Trust A,Radiographer - Therapeutic,6,3,2,*,0.10,1,2
`
	tb := mustRead(t, "radiographers.csv", text, history.ReadOptions{})
	require.Len(t, tb.Rows, 1)
	r := tb.Rows[0]
	assert.Equal(t, workforce.Radiographer, r.Prof)
	assert.Equal(t, 13.0, r.Figures[history.StaffHeads])
	assert.Equal(t, 10.0, r.Figures[history.StaffFTE])
	assert.InDelta(t, (0.05*8+0.10*2)/10, r.Figures[history.SicknessRate], 1e-12) // weighted by FTE
	_, known := r.Value(history.Leavers)
	assert.False(t, known, "a sum with a suppressed part is not known")
	assert.Equal(t, []float64{7, 6}, r.Ages)
}

// TestReadRowsInAnyOrder checks that cells may be listed in any order
// (here by cell, then month) so long as each cell's months go forward.
func TestReadRowsInAnyOrder(t *testing.T) {
	text := `month,organisation,profession,band,staff_heads
2024-04,Trust B,Dietitian,5,1
2024-05,Trust B,Dietitian,5,2
2024-04,Trust A,Dietitian,5,3
2024-05,Trust A,Dietitian,5,4
`
	tb := mustRead(t, "order.csv", text, history.ReadOptions{})
	var got []string
	for _, r := range tb.Rows {
		got = append(got, fmt.Sprintf("%s %s %v", r.Month, r.Org, r.Figures[history.StaffHeads]))
	}
	assert.Equal(t, []string{"2024-04 trust_a 3", "2024-04 trust_b 1", "2024-05 trust_a 4", "2024-05 trust_b 2"}, got)
	assert.Equal(t, []history.Organisation{{Key: "trust_b", Name: "Trust B"}, {Key: "trust_a", Name: "Trust A"}}, tb.Organisations)
}

func TestReadMappingFile(t *testing.T) {
	dir := t.TempDir()
	table := `month,organisation,profession,band,staff_heads
2024-04,RXX,Physio - MSK,B5,3
2024-04,RXX,Physio - Neuro,B5,2
2024-04,RXX,Pharmacist,Band 5,7
2024-04,Old Trust,Physiotherapist,Band 6,1
2024-04,Old Trust,Physio - MSK,B5,4
2024-04,RXX,Physiotherapist,Medical,9
`
	general := `column,found,means
profession,Physio - MSK,Physiotherapist
profession,physio - neuro,physiotherapist
profession,Pharmacist,ignore
band,B5,Band 5
band,Medical,ignore
organisation,RXX,Example Hospitals NHS Trust
organisation,Old Trust,Example Hospitals NHS Trust
`
	path := filepath.Join(dir, "mapping.csv")
	require.NoError(t, os.WriteFile(path, []byte(general), 0o644))
	tb := mustRead(t, "mapped.csv", table, history.ReadOptions{Mapping: path})
	assert.Equal(t, []history.Organisation{{Key: "example_hospitals_nhs_trust", Name: "Example Hospitals NHS Trust"}}, tb.Organisations)
	require.Len(t, tb.Rows, 2)
	assert.Equal(t, workforce.Band5, tb.Rows[0].Band)
	assert.Equal(t, 9.0, tb.Rows[0].Figures[history.StaffHeads], "names mapped to one profession or organisation add up")
	assert.Equal(t, workforce.Band6, tb.Rows[1].Band)

	// The short form maps one kind of name; without the mapping the table
	// has unknown names.
	short := "found,profession\nPhysio - MSK,physiotherapist\n"
	require.NoError(t, os.WriteFile(path, []byte(short), 0o644))
	tb = mustRead(t, "short.csv", "month,organisation,profession,band,staff_heads\n2024-04,A,Physio - MSK,5,3\n", history.ReadOptions{Mapping: path})
	assert.Equal(t, workforce.Physiotherapist, tb.Rows[0].Prof)
	_, err := readString(t, "short.csv", "month,organisation,profession,band,staff_heads\n2024-04,A,Physio - MSK,5,3\n", history.ReadOptions{})
	assert.ErrorContains(t, err, `found "Physio - MSK", want an AHP profession`)

	_, err = readString(t, "x.csv", table, history.ReadOptions{Mapping: filepath.Join(dir, "none.csv")})
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestReadPercentHeader(t *testing.T) {
	text := "month,organisation,profession,band,staff_heads,Sickness rate (%)\n2024-04,A,Dietitian,5,3,4.5\n2024-05,A,Dietitian,5,3,5%\n"
	tb := mustRead(t, "pct.csv", text, history.ReadOptions{})
	assert.InDelta(t, 0.045, tb.Rows[0].Figures[history.SicknessRate], 1e-12) // 4.5/100
	assert.InDelta(t, 0.05, tb.Rows[1].Figures[history.SicknessRate], 1e-12)

	// In a workbook a cell formatted as a percentage holds the share already.
	path := filepath.Join(t.TempDir(), "pct.xlsx")
	writeXLSX(t, path, "Sheet1", [][]any{
		{"month", "organisation", "profession", "band", "staff_heads", "Sickness rate (%)"},
		{"2024-04", "A", "Dietitian", "5", 3, percent(0.045)},
	})
	tb, err := history.ReadFile(path, history.ReadOptions{})
	require.NoError(t, err)
	assert.InDelta(t, 0.045, tb.Rows[0].Figures[history.SicknessRate], 1e-12)
}

func TestReadWindows1252(t *testing.T) {
	text := "month,organisation,profession,band,staff_heads\n2024-04,Trust A,Physiotherapist,Band 8 \x96 Range B,3\n"
	tb := mustRead(t, "cp1252.csv", text, history.ReadOptions{})
	assert.Equal(t, workforce.Band8b, tb.Rows[0].Band)
}

func TestReadFileNames(t *testing.T) {
	_, err := history.ReadFile("history.txt", history.ReadOptions{})
	assert.EqualError(t, err, "history.txt: unknown kind of table (want a name ending .csv or .xlsx)")
	_, err = history.ReadFile(filepath.Join(t.TempDir(), "none.csv"), history.ReadOptions{})
	assert.ErrorIs(t, err, os.ErrNotExist)
	f, err := history.FormatOf("A.XLSX")
	require.NoError(t, err)
	assert.Equal(t, history.XLSX, f)
}

func TestCellErrorFormat(t *testing.T) {
	e := &history.CellError{File: "history.xlsx", Sheet: "Staffing", Row: 14, Col: 6, Header: "leavers", Found: "twelve",
		Msg: `found "twelve", want a whole number of heads at least 0`}
	assert.Equal(t, `history.xlsx: sheet Staffing, row 14, column F (leavers): found "twelve", want a whole number of heads at least 0`, e.Error())
	assert.Equal(t, "history.csv: no rows", (&history.CellError{File: "history.csv", Msg: "no rows"}).Error())
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA"} {
		assert.Equal(t, want, history.ColumnLetter(n))
	}
	var list history.Errors
	for i := range history.MaxListed + 2 {
		list = append(list, &history.CellError{File: "f.csv", Row: i + 2, Msg: "bad"})
	}
	lines := strings.Split(list.Error(), "\n")
	assert.Len(t, lines, history.MaxListed+1)
	assert.Equal(t, "and 2 more", lines[len(lines)-1])
	var target *history.CellError
	assert.True(t, errors.As(error(list), &target))
}

// TestReadFoundField checks that a cell's problem carries what was found,
// for callers that inspect Errors.
func TestReadFoundField(t *testing.T) {
	_, err := readString(t, "f.csv", "month,organisation,profession,band,staff_heads\n2024-04,A,Dietitian,5,twelve\n", history.ReadOptions{})
	var list history.Errors
	require.ErrorAs(t, err, &list)
	require.Len(t, list, 1)
	assert.Equal(t, history.CellError{File: "f.csv", Row: 2, Col: 5, Header: "staff_heads", Found: "twelve",
		Msg: `found "twelve", want a whole number of heads at least 0`}, *list[0])
}

// TestReadFirstSheet checks that only a workbook's first sheet is read,
// whatever the others hold.
func TestReadFirstSheet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two-sheets.xlsx")
	writeXLSX(t, path, "Staffing", [][]any{
		{"Month", "Organisation", "Profession", "Band", "Headcount"},
		{"Apr-24", "Trust A", "Dietitian", "Band 6", 7},
	})
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	_, err = f.NewSheet("Notes")
	require.NoError(t, err)
	require.NoError(t, f.SetCellValue("Notes", "A1", "month"))
	require.NoError(t, f.SetCellValue("Notes", "B1", "not a table"))
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())
	tb, err := history.ReadFile(path, history.ReadOptions{})
	require.NoError(t, err)
	require.Len(t, tb.Rows, 1)
	assert.Equal(t, 7.0, tb.Rows[0].Figures[history.StaffHeads])
}

// FuzzRead checks that no file makes Read panic, and that what it reads
// is a table whose rows are in order with one row per key.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "bad", "*.csv"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(csvText(planners)))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []history.Format{history.CSV, history.XLSX} {
			tb, err := history.Read("fuzz", strings.NewReader(string(data)), format, history.ReadOptions{})
			if err != nil {
				continue
			}
			for i := 1; i < len(tb.Rows); i++ {
				a, b := tb.Rows[i-1], tb.Rows[i]
				if a.Month > b.Month || a.Month == b.Month && a.Org+"\x00"+a.Prof > b.Org+"\x00"+b.Prof ||
					a.Month == b.Month && a.Org == b.Org && a.Prof == b.Prof && a.Band >= b.Band {
					t.Fatalf("rows %d and %d out of order or duplicated: %+v %+v", i-1, i, a, b)
				}
			}
		}
	})
}

// TestReadOrganisationCodes checks that with a name and a code column the
// key comes from the code, and a row with no name takes its code.
func TestReadOrganisationCodes(t *testing.T) {
	text := `Month,Org name,Org code,Profession,Band,Headcount
2024-04,Example Hospitals NHS Trust,RF4,Orthoptist,6,2
2024-04,,RXX,Orthoptist,6,1
2024-05,Example Hospitals NHS Trust,RF4,Orthoptist,6,2
2024-05,,RXX,Orthoptist,6,1
`
	tb := mustRead(t, "codes.csv", text, history.ReadOptions{})
	assert.Equal(t, []history.Organisation{{Key: "rf4", Name: "Example Hospitals NHS Trust"}, {Key: "rxx", Name: "RXX"}}, tb.Organisations)
	require.Len(t, tb.Rows, 4)
	assert.Equal(t, "rf4", tb.Rows[0].Org)
}

// TestMappingNamesCustomRoles: custom:KEY maps a name to a role that is not
// a standard AHP (a scenario's custom role); a bad key is an error.
func TestMappingNamesCustomRoles(t *testing.T) {
	dir := t.TempDir()
	table := "month,organisation,profession,band,staff_heads\n2024-04,RXX,First Contact Practitioner,Band 7,3\n"
	path := filepath.Join(dir, "mapping.csv")
	require.NoError(t, os.WriteFile(path, []byte("found,profession\nFirst Contact Practitioner,custom:first_contact_practitioner\n"), 0o644))
	tb := mustRead(t, "roles.csv", table, history.ReadOptions{Mapping: path})
	require.Len(t, tb.Rows, 1)
	assert.Equal(t, "first_contact_practitioner", tb.Rows[0].Prof)

	require.NoError(t, os.WriteFile(path, []byte("found,profession\nFirst Contact Practitioner,custom:First Contact\n"), 0o644))
	_, err := history.ReadMapping(path)
	require.ErrorContains(t, err, `found "custom:First Contact", want custom:KEY with a key of lower-case letters, digits and underscores`)
}
