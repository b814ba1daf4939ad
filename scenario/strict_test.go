package scenario_test

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/workforce"
)

// plainNumbers holds every spelling of a number that stays valid.
const plainNumbers = `
name: Plain numbers
simulation: {start: 2024-04, horizon_years: 10, runs: 1e3, seed: 0}
workforce:
  - profession: occupational_therapist
    fte_per_head: 0.5
    establishment_growth: -0.1
    leaver_rate: .25
    sickness_absence: {dist: uniform, min: 0, max: 5e-2}
    bands:
      5: {headcount: 0}
      6: {headcount: +10, establishment_fte: 12.}
`

func TestPlainNumbersAccepted(t *testing.T) {
	f, err := scenario.Parse("plain.yaml", []byte(plainNumbers))
	require.NoError(t, err)
	assert.Equal(t, 1000, *f.Simulation.Runs)
	g := f.Workforce[0]
	assert.Equal(t, 0.5, *g.FTEPerHead)
	assert.Equal(t, -0.1, g.EstablishmentGrowth.A)
	assert.Equal(t, 0.25, g.LeaverRate.A)
	assert.Equal(t, 0.05, g.SicknessAbsence.B)
	assert.Equal(t, 0, g.Bands[workforce.Band5].Headcount)
	assert.Equal(t, 10, g.Bands[workforce.Band6].Headcount)
	assert.Equal(t, 12.0, *g.Bands[workforce.Band6].EstablishmentFTE)
}

// TestValueRejectsOctal checks the rule also holds when a Value is decoded
// with yaml.Unmarshal directly, outside Parse.
func TestValueRejectsOctal(t *testing.T) {
	var v scenario.Value
	err := yaml.Unmarshal([]byte("010"), &v)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "leading zeros are not allowed (got 010, which YAML reads as the octal number 8; write 10)")
	require.NoError(t, yaml.Unmarshal([]byte("10"), &v))
	assert.Equal(t, 10.0, v.A)
}

// TestTextRuleShared checks that Parse and Compile apply the one rule of
// package workforce, word for word.
func TestTextRuleShared(t *testing.T) {
	name := "Red \x1b[31malert"
	want := workforce.CheckName(name).Error()
	_, err := scenario.Parse("t.yaml", []byte(strings.Replace(plainNumbers, "Plain numbers", `"Red \x1b[31malert"`, 1)))
	require.Error(t, err)
	assert.Equal(t, "t.yaml:2:7: name: "+want, err.Error())

	f := smallFile()
	f.Name = name
	f.Organisations[0].Name = "Acute\u202e"
	f.Description = "Two\r\norganisations."
	_, err = f.Compile()
	require.Error(t, err)
	assert.Equal(t, "name: "+want+"\n"+
		`description: bad text "Two\r\norganisations.": control character U+000D at character 4 (want printable text)`+"\n"+
		`organisations[0].name: bad text "Acute\u202e": bidirectional control U+202E at character 6 (want printable text)`, err.Error())

	f = smallFile()
	f.Description = "Two lines:\n\tindented."
	_, err = f.Compile()
	assert.NoError(t, err, "a description may hold tabs and newlines")
}

// TestScanBytesPositions checks the line and column of a raw control
// character: lines end at LF, CRLF or a lone CR, as yaml.v3 counts them,
// and columns count characters, not bytes.
func TestScanBytesPositions(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{"name: x\r\nsimulation: y\r\n# é\x01\n", "s.yaml:3:4: control character U+0001 in the file"},
		{"name: x\rsimulation: y\r\x7f", "s.yaml:3:1: control character U+007F in the file"},
		{"name: \"日本\x9b\"", "s.yaml:1:10: invalid UTF-8 (byte 0x9b"},
		{"name: \"日本\u009b\"", "s.yaml:1:10: control character U+009B in the file"},
	} {
		_, err := scenario.Parse("s.yaml", []byte(tt.data))
		require.Error(t, err)
		assert.Contains(t, err.Error(), tt.want)
	}
}

// TestByteOrderMarks checks that a UTF-8 byte order mark at the start is
// allowed, and that a UTF-16 file is still left to yaml.v3.
func TestByteOrderMarks(t *testing.T) {
	_, err := scenario.Parse("bom.yaml", []byte("\uFEFF"+plainNumbers))
	assert.NoError(t, err)
	data := []byte{0xFF, 0xFE}
	for _, c := range utf16.Encode([]rune(plainNumbers)) {
		data = append(data, byte(c), byte(c>>8))
	}
	_, err = scenario.Parse("utf16.yaml", data)
	assert.NoError(t, err)
}
