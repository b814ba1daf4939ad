package sim

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/workforce"
)

// TestCompareChecksOptionNames checks that the library refuses the option
// names and descriptions a scenario file may not hold, with the rule of
// package workforce that package scenario applies.
func TestCompareChecksOptionNames(t *testing.T) {
	base, _, premium := optionModels(t)
	formula := `=HYPERLINK("http://example.com","click")`
	for _, tt := range []struct {
		opts []Option
		want string
	}{
		{[]Option{{Name: "baseline", Model: base.Model}, {Name: formula, Model: premium.Model}},
			"sim: option 1 name: " + workforce.CheckKey(formula).Error()},
		{[]Option{{Name: "Baseline", Model: base.Model}}, `sim: option 0 name: bad key "Baseline"`},
		{[]Option{{Name: "baseline", Model: base.Model}, {Name: "baseline", Model: premium.Model}},
			`sim: options 0 and 1 are both named "baseline" (want one name each)`},
		{[]Option{{Name: "baseline", Description: "red \x1b[31m", Model: base.Model}},
			`sim: option "baseline" description: bad text "red \x1b[31m": control character U+001B at character 5 (want printable text)`},
	} {
		_, err := Compare(context.Background(), tt.opts, Settings{Runs: 2}, CompareSettings{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), tt.want)
	}
	ok := []Option{{Name: "baseline", Description: "Line one.\n\tLine two.", Model: base.Model}}
	_, err := Compare(context.Background(), ok, Settings{Runs: 2}, CompareSettings{})
	assert.NoError(t, err, "a description may hold tabs and newlines")
}

// TestValidateChecksNames checks every kind of name a model carries to an
// output.
func TestValidateChecksNames(t *testing.T) {
	m := newTestModel(t, 1, 12, [3]int{10, 10, 10}, [3]float64{10, 10, 10})
	require.NoError(t, m.Validate())
	m.Name = "\x1b]0;owned\x07"
	m.Description = "fine\non two lines"
	m.Layout.Organisations[0].Name = "Trust\u202e"
	m.Layout.Professions[0].Key = "=cmd"
	m.Destinations = []string{"other_nhs", "-1+1"}
	m.AgeGroups = []workforce.AgeGroup{{Name: "under\x0055", FromAge: 20}}
	for c := range m.Cells {
		m.Cells[c].AgeShares = []float64{1}
		m.Cells[c].DestinationShares = []float64{1, 0}
	}
	m.AddParam(workforce.FixedValue(1, 0, 10, "leaver\trate"))
	m.Interventions = append(m.Interventions, workforce.Intervention{Name: "premium\r", Lever: workforce.LeverLeaverRate,
		Cells: []int{0}, Mode: workforce.Scale, Value: m.param(0.9, 0, 10), Start: m.Start})
	err := m.Validate()
	require.Error(t, err)
	got := err.Error()
	for _, want := range []string{
		`model name: bad text "\x1b]0;owned\a": control character U+001B at character 1`,
		`organisation 0 name: bad text "Trust\u202e": bidirectional control U+202E`,
		`profession 0 key: bad key "=cmd"`,
		`destination 1: bad key "-1+1"`,
		`age group 0 name: bad text "under\x0055"`,
		`param 0 name: bad text "leaver\trate"`,
		`intervention 0 name: bad text "premium\r"`,
	} {
		assert.Contains(t, got, want)
	}
	assert.NotContains(t, got, "model description")
	assert.Len(t, strings.Split(got, "\n"), 7)
}

func TestCSVText(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"baseline": "baseline", "": "", "'quoted": "'quoted", "a=b": "a=b", "8a": "8a", "all": "all",
	} {
		assert.Equal(t, want, CSVText(in), "CSVText(%q)", in)
	}
}

// readCSV parses a CSV file into rows.
func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	return rows
}

// TestCSVWritersNeutraliseFormulas writes text a spreadsheet would run as
// a formula through both CSV writers and reads it back: every such text
// cell starts with an apostrophe, and negative numbers stay numbers.
func TestCSVWritersNeutraliseFormulas(t *testing.T) {
	base, _, premium := optionModels(t)
	c := compareOptions(t, Settings{Runs: 20, Seed: 3}, base, premium)
	formula := `=HYPERLINK("http://example.com","click")`

	var sum bytes.Buffer
	require.NoError(t, c.Options[0].WriteSummaryCSV(&sum, formula, true))
	rows := readCSV(t, sum.Bytes())
	require.Greater(t, len(rows), 1)
	for _, row := range rows[1:] {
		assert.Equal(t, "'"+formula, row[0])
	}

	// Names are checked when the comparison is made; change them after,
	// as a caller could, to reach the writer.
	c.Names[0], c.Names[1] = "@SUM(A1:A9)", "-2+3"
	var cmp bytes.Buffer
	require.NoError(t, c.WriteComparisonCSV(&cmp))
	rows = readCSV(t, cmp.Bytes())
	negative := 0
	for _, row := range rows[1:] {
		assert.Contains(t, []string{"'@SUM(A1:A9)", "'-2+3"}, row[0])
		assert.Contains(t, []string{"", "'@SUM(A1:A9)"}, row[1])
		for _, cell := range row[7:] {
			assert.False(t, strings.HasPrefix(cell, "'"), "number cell %q neutralised", cell)
			if strings.HasPrefix(cell, "-") {
				negative++
			}
		}
	}
	assert.Positive(t, negative, "the test should see negative differences")
}
