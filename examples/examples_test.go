package examples_test

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
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

			// Every option compiles to a valid model on the baseline's
			// layout and parameters (common random numbers).
			opts, err := f.CompileOptions()
			require.NoError(t, err)
			require.Equal(t, len(f.Options)+1, len(opts))
			assert.Equal(t, scenario.BaselineName, opts[0].Name)
			assert.True(t, reflect.DeepEqual(m, opts[0].Model), "Compile is the baseline option")
			for _, o := range opts {
				require.NoError(t, o.Model.Validate(), o.Name)
				assert.True(t, o.Model.Layout == m.Layout || reflect.DeepEqual(o.Model.Layout, m.Layout), "%s: layout", o.Name)
				assert.True(t, o.Model.Layout == opts[0].Model.Layout, "%s: one layout for all options", o.Name)
				assert.True(t, reflect.DeepEqual(m.Params, o.Model.Params[:len(m.Params)]), "%s: baseline params first", o.Name)
				assert.NotEmpty(t, o.Description, o.Name)
			}
		})
	}
}

// derived lists the examples that add interventions or options to the BHR
// baseline, which they must hold verbatim (bhr-rotations splits it into two
// trusts, so it is not among them).
var derived = []string{"bhr-acp-posts", "bhr-apprentices", "bhr-international-ots", "bhr-options", "bhr-retention-premium", "bhr-student-places"}

// TestDerivedExamplesHoldTheBaseline checks that each derived example holds
// every line of bhr-baseline.yaml from "simulation:" on, in order: it may
// add lines (interventions, options, the hooks they need) but not change
// the baseline, so that a fix to the baseline cannot be forgotten in them.
func TestDerivedExamplesHoldTheBaseline(t *testing.T) {
	base, err := examples.Read("bhr-baseline")
	require.NoError(t, err)
	body := string(base)[strings.Index(string(base), "\nsimulation:")+1:]
	want := strings.Split(strings.TrimRight(body, "\n"), "\n")
	for _, name := range derived {
		t.Run(name, func(t *testing.T) {
			data, err := examples.Read(name)
			require.NoError(t, err)
			got := strings.Split(string(data), "\n")
			i := 0
			for _, line := range got {
				if i < len(want) && line == want[i] {
					i++
				}
			}
			if i < len(want) {
				t.Errorf("line %d of the baseline body is missing or out of order: %q", i+1, want[i])
			}
			assert.Contains(t, string(data), "bhr-baseline.yaml verbatim")
		})
	}
}

// TestDerivedBaselinesUnchanged checks that the hooks the derived examples
// add to the baseline (student programmes with no places, a role with no
// posts) change nothing: without their interventions they give the BHR
// baseline's vacancy rates, in expected-value mode.
func TestDerivedBaselinesUnchanged(t *testing.T) {
	ctx := context.Background()
	run := func(name string) (*sim.Result, int, int) {
		data, err := examples.Read(name)
		require.NoError(t, err)
		f, err := scenario.Parse(name+".yaml", data)
		require.NoError(t, err)
		f.Interventions = nil
		m, err := f.Compile()
		require.NoError(t, err)
		res, err := sim.Run(ctx, m, sim.Settings{Deterministic: true})
		require.NoError(t, err)
		return res, res.GroupIndex("all", "all", "all"), res.MetricIndex("vacancy_rate")
	}
	base, bg, bm := run("bhr-baseline")
	for _, name := range derived {
		res, g, m := run(name)
		for d := range base.Dates {
			// Expected-value mode is exact arithmetic on the same
			// equations; only summation order could differ.
			assert.InDelta(t, base.Stats(d, bg, bm).Mean, res.Stats(d, g, m).Mean, 1e-9, "%s at %s", name, base.Dates[d])
		}
	}
}

func TestList(t *testing.T) {
	var names []string
	for _, e := range examples.List() {
		names = append(names, e.Name)
	}
	assert.IsIncreasing(t, names)
	for _, want := range append([]string{"bhr-baseline", "bhr-rotations", "teaching"}, derived...) {
		assert.Contains(t, names, want)
	}
}

func TestRead(t *testing.T) {
	a, err := examples.Read("bhr-baseline")
	require.NoError(t, err)
	b, err := examples.Read("bhr-baseline.yaml")
	require.NoError(t, err)
	assert.Equal(t, a, b)

	var names []string
	for _, e := range examples.List() {
		names = append(names, e.Name)
	}
	for _, bad := range []string{"", "nope", "../examples/teaching", "teaching.yml"} {
		_, err := examples.Read(bad)
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "want one of "+strings.Join(names, ", "))
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
	// the band split (1 head). Figure 4's rate counts retirements, which
	// the scenario models by age: its leaver rate plus the retirement rate
	// of its starting age profile make Figure 4's rate.
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
		// The mean of the leaver rate distribution plus retirement matches
		// Figure 4 to the precision the file writes it (a triangular mode
		// is not its mean, hence the looser tolerance).
		mean := m.Params[paramOf(t, m.Params, g.Profession)].Mean()
		assert.InDelta(t, fig.rate, mean+retirement(t, f, &g), 0.005, "%s leaver rate", g.Profession)
	}
	assert.Equal(t, len(figure4), seen)

	// Section 3.1.2 (data/bhr-sickness-by-profession.csv): sickness absence.
	sickness := map[string]float64{"podiatrist": 0.08, "radiographer": 0.04, "physiotherapist": 0.04, "occupational_therapist": 0.04}
	for _, g := range f.Workforce {
		if want, ok := sickness[g.Profession]; ok {
			require.NotNil(t, g.SicknessAbsence, g.Profession)
			assert.Equal(t, scenario.Number(want), g.SicknessAbsence, g.Profession)
		}
	}

	// Section 3.2.2: radiographers, OTs, podiatrists and arts therapists
	// have the oldest workforce; SLTs, physios and dietitians the youngest.
	over55 := func(prof string) float64 {
		for _, g := range f.Workforce {
			if g.Profession == prof {
				return g.AgeProfile["age_55_59"] + g.AgeProfile["age_60_plus"]
			}
		}
		t.Fatalf("no entry for %s", prof)
		return 0
	}
	for _, old := range []string{"radiographer", "occupational_therapist", "podiatrist", "art_music_drama_therapist"} {
		for _, young := range []string{"speech_and_language_therapist", "physiotherapist", "dietitian"} {
			assert.Greater(t, over55(old), over55(young), "%s older than %s", old, young)
		}
	}

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

// retirement is the annual retirement rate of a workforce entry's starting
// staff: its age profile (or the file's) weighted by the file's default
// retirement rates (the BHR entries give none of their own).
func retirement(t *testing.T, f *scenario.File, g *scenario.Group) float64 {
	t.Helper()
	require.Nil(t, g.RetirementRates, g.Profession)
	profile := g.AgeProfile
	if profile == nil {
		profile = f.AgeProfile
	}
	r := 0.0
	for group, share := range profile {
		if v := f.RetirementRates[group]; v != nil {
			r += share * v.A
		}
	}
	return r
}

// paramOf finds the profession-wide leaver rate parameter of a profession.
func paramOf(t *testing.T, params []workforce.Dist, prof string) int {
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
