package scenario

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const notesYAML = `name: notes
simulation: {start: 2024-04, horizon_years: 1}
workforce:
  # ---- Occupational therapists -----
  # Figure 4: 330 heads.
  - profession: occupational_therapist
    # Figure 4: 13.01%, less retirement.
    leaver_rate: 0.108
    sickness_absence: 0.04     # section 3.1.2
    bands:
      5: {headcount: 10, vacancy_rate: 0.1, recruitment: {monthly_fill: 0.1}}
  - profession: physiotherapist
    source: HR system extract, March 2024
    leaver_rate: 0.1           # not this
    bands:
      5: {headcount: 10, vacancy_rate: 0.1, recruitment: {monthly_fill: 0.1}}
report: {interval: 80}
options:
  - name: premium
    title: Band 5 retention premium
    source: Section 3.2.1
    interventions:
      - name: keep
        lever: leaver_rate
        mode: scale
        value: 0.8             # ASSUMPTION
        start: 2024-06
        source: London premiums survey
      - name: keep2
        lever: leaver_rate
        mode: scale
        value: 0.9             # ASSUMPTION too
        start: 2024-06
`

func TestCommentsSourcesTitleInterval(t *testing.T) {
	f, err := Parse("notes.yaml", []byte(notesYAML))
	require.NoError(t, err)
	assert.Equal(t, "Occupational therapists Figure 4: 330 heads.", f.Comment("workforce[0]"))
	assert.Equal(t, "Figure 4: 13.01%, less retirement.", f.Comment("workforce[0].leaver_rate"))
	assert.Equal(t, "section 3.1.2", f.Comment("workforce[0].sickness_absence"))
	assert.Equal(t, "HR system extract, March 2024", f.Source("workforce[1]"), "an explicit source wins")
	assert.Equal(t, "not this", f.Comment("workforce[1].leaver_rate"))
	assert.Equal(t, "Section 3.2.1", f.Source("options[0]"))
	assert.Equal(t, "London premiums survey", f.Source("options[0].interventions[0]"))
	assert.Equal(t, "ASSUMPTION too", f.Source("options[0].interventions[1].value"))
	assert.Equal(t, "", f.Source("options[0].interventions[1]"))
	assert.Equal(t, "", f.Source("options[7]"), "out of range")
	assert.Equal(t, "", f.Source("workforce[0]x"), "not a path of an entry")
	iv, ok := f.Interval()
	assert.True(t, ok)
	assert.Equal(t, 0.8, iv)
	opts, err := f.CompileOptions()
	require.NoError(t, err)
	require.Len(t, opts, 2)
	assert.Equal(t, "Baseline", opts[0].Title, "the baseline has its own title")
	assert.Equal(t, "Band 5 retention premium", opts[1].Title)
	var nilFile *File
	assert.Equal(t, "", nilFile.Source("workforce[0]"))
}

func TestIntervalMustBe80Or90(t *testing.T) {
	src := strings.Replace(notesYAML, "interval: 80", "interval: 85", 1)
	_, err := Parse("notes.yaml", []byte(src))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "notes.yaml:17:20")
	assert.Contains(t, err.Error(), "report.interval: got 85 (want 80 or 90")
	f, err := Parse("notes.yaml", []byte(strings.Replace(notesYAML, "report: {interval: 80}\n", "", 1)))
	require.NoError(t, err)
	_, ok := f.Interval()
	assert.False(t, ok)
}

func TestExampleOptionsHaveTitles(t *testing.T) {
	data, err := os.ReadFile("../examples/bhr-options.yaml")
	require.NoError(t, err)
	f, err := Parse("bhr-options.yaml", data)
	require.NoError(t, err)
	opts, err := f.CompileOptions()
	require.NoError(t, err)
	for _, o := range opts[1:] {
		assert.NotEmpty(t, o.Title, o.Name)
		assert.NotEqual(t, o.Name, o.Title)
	}
}
