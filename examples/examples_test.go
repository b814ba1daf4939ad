package examples_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
)

// TestExamples checks that every embedded example parses strictly,
// compiles, and gives a model that passes the engine's own validation.
func TestExamples(t *testing.T) {
	list := examples.List()
	require.NotEmpty(t, list)
	for _, e := range list {
		t.Run(e.Name, func(t *testing.T) {
			assert.NotEmpty(t, e.Title)
			assert.NotEmpty(t, e.Description)
			data, err := examples.Read(e.Name)
			require.NoError(t, err)
			f, err := scenario.Parse(e.Name+".yaml", data)
			require.NoError(t, err)
			m, err := f.Compile()
			require.NoError(t, err)
			require.NoError(t, m.Validate())
			assert.Equal(t, e.Title, m.Name)
			assert.NotEmpty(t, m.Cells)
		})
	}
}

func TestList(t *testing.T) {
	var names []string
	for _, e := range examples.List() {
		names = append(names, e.Name)
	}
	assert.IsIncreasing(t, names)
	assert.Contains(t, names, "bhr-baseline")
	assert.Contains(t, names, "teaching")
}

func TestRead(t *testing.T) {
	a, err := examples.Read("bhr-baseline")
	require.NoError(t, err)
	b, err := examples.Read("bhr-baseline.yaml")
	require.NoError(t, err)
	assert.Equal(t, a, b)

	for _, bad := range []string{"", "nope", "../examples/teaching", "teaching.yml"} {
		_, err := examples.Read(bad)
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "want one of bhr-baseline, teaching")
	}
}

// TestBHRFigures pins the figures the BHR baseline takes from the report,
// so that an edit cannot silently drift from its source.
func TestBHRFigures(t *testing.T) {
	data, err := examples.Read("bhr-baseline")
	require.NoError(t, err)
	f, err := scenario.Parse("bhr-baseline.yaml", data)
	require.NoError(t, err)

	// Figure 4: leavers FTE and leaver rate by profession. Staff in post
	// FTE = leavers / rate, headcount = FTE / 0.9, to within rounding of
	// the band split (1 head).
	figure4 := map[string]struct{ leavers, rate float64 }{
		"occupational_therapist":        {38.6, 0.1301},
		"physiotherapist":               {35.4, 0.1067},
		"speech_and_language_therapist": {25.2, 0.1716},
		"radiographer":                  {16.0, 0.0755},
		"dietitian":                     {7.1, 0.1125},
		"orthoptist":                    {3.0, 0.3331},
		"art_music_drama_therapist":     {2.9, 0.1458},
		"podiatrist":                    {1.1, 0.0300},
		"other_therapist":               {0.2, 0.0966},
	}
	m, err := f.Compile()
	require.NoError(t, err)
	seen := 0
	for _, g := range f.Workforce {
		fig, ok := figure4[g.Profession]
		if !ok {
			continue
		}
		seen++
		heads := 0
		for _, b := range g.Bands {
			heads += b.Headcount
		}
		want := fig.leavers / fig.rate / 0.9
		assert.InDelta(t, want, float64(heads), 1, "%s headcount", g.Profession)
		require.NotNil(t, g.LeaverRate, g.Profession)
		// The mean of the leaver rate distribution matches Figure 4 to the
		// precision the file writes it (a triangular mode is not its mean,
		// hence the looser tolerance).
		mean := m.Params[paramOf(t, m.Params, g.Profession)].Mean()
		assert.InDelta(t, fig.rate, mean, 0.005, "%s leaver rate", g.Profession)
	}
	assert.Equal(t, len(figure4), seen)

	// Figure 3: 65-72% of leavers to other London NHS organisations.
	for _, g := range f.Workforce {
		share := g.LeaverDestinations["other_london_nhs"]
		if g.Profession == "support_worker" {
			continue
		}
		assert.GreaterOrEqual(t, share, 0.65, g.Profession)
		assert.LessOrEqual(t, share, 0.72, g.Profession)
	}
}

// paramOf finds the profession-wide leaver rate parameter of a profession.
func paramOf(t *testing.T, params []sim.Dist, prof string) int {
	t.Helper()
	for i, p := range params {
		if p.Name == fmt.Sprintf("bhr/%s.leaver_rate", prof) {
			return i
		}
	}
	t.Fatalf("no leaver rate parameter for %s", prof)
	return -1
}

// TestDocsExample checks that docs/scenario-format.md reproduces the
// teaching example verbatim, as it says it does.
func TestDocsExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/scenario-format.md")
	require.NoError(t, err)
	teaching, err := examples.Read("teaching")
	require.NoError(t, err)
	assert.Contains(t, string(doc), "```yaml\n"+string(teaching)+"```\n",
		"docs/scenario-format.md must end with examples/teaching.yaml verbatim")
}
