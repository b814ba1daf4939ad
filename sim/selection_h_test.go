package sim_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
)

// exampleOptions compiles an embedded example's options.
func exampleOptions(t testing.TB, name string) []sim.Option {
	t.Helper()
	data, err := examples.Read(name)
	require.NoError(t, err)
	f, err := scenario.Parse(name+".yaml", data)
	require.NoError(t, err)
	opts, err := f.CompileOptions()
	require.NoError(t, err)
	return opts
}

// csvLines runs a job and returns its summary.csv and comparison.csv
// lines (without headers), and the comparison.
func csvLines(t *testing.T, opts []sim.Option, s sim.Settings, cs sim.CompareSettings) (summary, comparison []string, c *sim.Comparison) {
	t.Helper()
	c, err := sim.Compare(context.Background(), opts, s, cs)
	require.NoError(t, err)
	return writeCSVs(t, c), comparisonLines(t, c), c
}

func writeCSVs(t *testing.T, c *sim.Comparison) []string {
	var b bytes.Buffer
	for i, r := range c.Options {
		require.NoError(t, r.WriteSummaryCSV(&b, c.Names[i], false))
	}
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

func comparisonLines(t *testing.T, c *sim.Comparison) []string {
	if len(c.Pairs) == 0 {
		return nil
	}
	var b bytes.Buffer
	require.NoError(t, c.WriteComparisonCSV(&b))
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	return lines[1:]
}

// selected reports whether a summary.csv line (option, date, org, prof,
// band, metric, ...) is of a series sel keeps, given the dates kept.
func selected(line string, sel sim.Selection, metrics []string, dates map[string]bool) bool {
	f := strings.Split(line, ",")
	var kind sim.GroupKind
	for i, bit := range []sim.GroupKind{sim.GroupOrganisations, sim.GroupProfessions, sim.GroupBands} {
		if f[2+i] != "all" {
			kind |= bit
		}
	}
	return dates[f[1]] && (sel.Groups == nil || slices.Contains(sel.Groups, kind)) &&
		(metrics == nil || slices.Contains(metrics, f[5]))
}

// keptDates lists the dates a selection of every `every` months keeps
// from the whole result's dates.
func keptDates(r *sim.Result, every int) map[string]bool {
	out := map[string]bool{}
	for i, d := range r.Dates {
		if every == 0 || int(d-r.Dates[0])%every == 0 || i == len(r.Dates)-1 {
			out[d.String()] = true
		}
	}
	return out
}

var testSelections = []sim.Selection{
	{Metrics: []string{"vacancy_rate"}, Groups: []sim.GroupKind{sim.GroupCells, sim.GroupSystem}},
	{Metrics: []string{"leaver_rate", "leavers", "effective_gap_rate", "cost_total", "leavers_other_nhs"}, Groups: []sim.GroupKind{sim.GroupProfessions, sim.GroupOrganisations}},
	{Groups: []sim.GroupKind{sim.GroupProfessionBands, sim.GroupOrganisationBands}, EveryMonths: 12},
	{Metrics: []string{"leaver_rate", "joiners", "agency_fte"}, EveryMonths: 24},
	{Metrics: []string{"in_post_fte"}},
}

// TestSelectionRowsAreTheWholeOutputsRows checks that every row a selection
// writes is, byte for byte, the row of the same series in the whole output,
// that it writes exactly the selected rows, for 1 and 2 workers, in Monte
// Carlo and expected-value mode, for a run and a comparison (whose paired
// metrics are kept whatever the selection).
func TestSelectionRowsAreTheWholeOutputsRows(t *testing.T) {
	jobs := []struct {
		example string
		cs      sim.CompareSettings
		det     bool
	}{
		{"bhr-baseline", sim.CompareSettings{}, false},
		{"bhr-baseline", sim.CompareSettings{}, true},
		{"bhr-options", sim.CompareSettings{Target: 0.1, HasTarget: true}, false},
	}
	for _, job := range jobs {
		opts := exampleOptions(t, job.example)
		if job.cs == (sim.CompareSettings{}) {
			opts = opts[:1]
		}
		base := sim.Settings{Runs: 12, Seed: 3, Workers: 1, Deterministic: job.det}
		whole, wholePairLines, wc := csvLines(t, opts, base, job.cs)
		wholePairs := map[string]bool{}
		for _, line := range wholePairLines {
			wholePairs[line] = true
		}
		for _, sel := range testSelections {
			metrics := sel.Metrics
			if metrics != nil && len(opts) > 1 {
				for _, m := range sim.ComparisonMetrics {
					metrics = append(metrics, string(m))
				}
			}
			var want []string
			for _, line := range whole {
				if selected(line, sel, metrics, keptDates(wc.Options[0], sel.EveryMonths)) {
					want = append(want, line)
				}
			}
			require.NotEmpty(t, want, "%s %v", job.example, sel)
			require.Less(t, len(want), len(whole))
			for _, workers := range []int{1, 2} {
				s := base
				s.Workers, s.Report = workers, sel
				got, gotPairs, c := csvLines(t, opts, s, job.cs)
				assert.Equal(t, want, got, "%s %s, %d workers", job.example, sel, workers)
				r := c.Options[0]
				assert.Equal(t, len(r.Dates)*r.Slots*len(r.Metrics), r.Table.Len(), "the table holds only the selected series")
				for _, line := range gotPairs {
					require.True(t, wholePairs[line], "comparison.csv row %q is not a row of the whole output", line)
				}
			}
		}
	}
}

// TestSelectionShardsMerge checks that the shards of a selected job merge
// into the unsharded selected job, byte for byte, and that a part of one
// selection never merges into a job of another (or of everything).
func TestSelectionShardsMerge(t *testing.T) {
	opts := exampleOptions(t, "bhr-options")
	cs := sim.CompareSettings{Target: 0.1, HasTarget: true}
	sel := testSelections[1]
	s := sim.Settings{Runs: 9, Seed: 4, Workers: 2, Report: sel}
	want, _, _ := csvLines(t, opts, s, cs)
	merged, err := sim.NewComparison(opts, s, cs)
	require.NoError(t, err)
	var parts [][]byte
	for i := range 3 {
		ps := s
		ps.Shard, ps.Shards = i, 3
		c, err := sim.Compare(context.Background(), opts, ps, cs)
		require.NoError(t, err)
		data, err := c.MarshalBinary()
		require.NoError(t, err)
		parts = append(parts, data)
		require.NoError(t, merged.MergeBinary(data))
	}
	assert.Equal(t, want, writeCSVs(t, merged))
	info, err := sim.ReadPartialInfo(parts[1])
	require.NoError(t, err)
	assert.Equal(t, sel, info.Report, "a part says what it selects")

	other := s
	other.Report.Metrics = []string{"vacancy_rate", "leavers"}
	c, err := sim.NewComparison(opts, other, cs)
	require.NoError(t, err)
	assert.ErrorContains(t, c.MergeBinary(parts[0]), `summarises the selection "metrics=leaver_rate,`)
	every := s
	every.Report = sim.Selection{}
	c, err = sim.NewComparison(opts, every, cs)
	require.NoError(t, err)
	assert.Error(t, c.MergeBinary(parts[0]))
	c, err = sim.NewComparison(opts, s, cs)
	require.NoError(t, err)
	assert.Error(t, c.MergeBinary(partOfEverything(t, opts, cs)), "a part of every series into a selected job")
}

func partOfEverything(t *testing.T, opts []sim.Option, cs sim.CompareSettings) []byte {
	c, err := sim.Compare(context.Background(), opts, sim.Settings{Runs: 9, Seed: 4, Shard: 0, Shards: 3}, cs)
	require.NoError(t, err)
	data, err := c.MarshalBinary()
	require.NoError(t, err)
	return data
}

// TestSelectionErrors checks that unknown names and impossible dates are
// refused with the valid choices.
func TestSelectionErrors(t *testing.T) {
	opts := exampleOptions(t, "bhr-baseline")[:1]
	run := func(sel sim.Selection) error {
		_, err := sim.NewComparison(opts, sim.Settings{Report: sel}, sim.CompareSettings{})
		return err
	}
	err := run(sim.Selection{Metrics: []string{"vacancy_rat"}})
	assert.ErrorContains(t, err, `report metric "vacancy_rat" is not reported for these models (want one of in_post_hc, in_post_fte,`)
	assert.ErrorContains(t, run(sim.Selection{EveryMonths: 5}), "report every 5 months (want 0 for every reported date, or a multiple of the reporting interval,")
	assert.ErrorContains(t, run(sim.Selection{EveryMonths: -12}), "report every -12 months")
	assert.ErrorContains(t, run(sim.Selection{Metrics: []string{}}), "report metrics is an empty list")
	assert.ErrorContains(t, run(sim.Selection{Groups: []sim.GroupKind{}}), "report groups is an empty list")
	assert.ErrorContains(t, run(sim.Selection{Groups: []sim.GroupKind{9}}), "report group kind GroupKind(9) (want one of system,")
	_, err = sim.ParseGroupKind("profesions")
	assert.EqualError(t, err, `unknown group kind "profesions" (want one of system, organisations, professions, organisation_professions, bands, organisation_bands, profession_bands, cells)`)
	for _, name := range sim.GroupKindNames() {
		k, err := sim.ParseGroupKind(name)
		require.NoError(t, err)
		assert.Equal(t, name, k.String())
	}
}

// TestSelectionString is the canonical form partial results record.
func TestSelectionString(t *testing.T) {
	assert.Equal(t, "", sim.Selection{}.String())
	assert.True(t, sim.Selection{}.IsAll())
	assert.Equal(t, "metrics=vacancy_rate,leavers;groups=system,cells;every_months=12",
		sim.Selection{Metrics: []string{"vacancy_rate", "leavers"}, Groups: []sim.GroupKind{sim.GroupSystem, sim.GroupCells}, EveryMonths: 12}.String())
	assert.False(t, sim.Selection{Metrics: []string{}}.IsAll(), "an empty list selects nothing, not everything")
}
