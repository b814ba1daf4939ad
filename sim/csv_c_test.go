package sim

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSummaryCSVUnitAndLevel checks, on two organisations with every
// group kind, that each summary.csv row ends with its metric's unit and
// its group's kind as level, and that the rows of any one level count
// each cell once: their mean FTE in post adds up to the whole system's.
func TestSummaryCSVUnitAndLevel(t *testing.T) {
	m := newDynamicsModel(t, 2, [4]int{50, 300, 200, 40})
	c, err := Compare(context.Background(), []Option{{Name: "x", Model: m.Model}}, Settings{Runs: 8, Seed: 2, Workers: 1}, CompareSettings{})
	require.NoError(t, err)
	r := c.Options[0]
	var b bytes.Buffer
	require.NoError(t, r.WriteSummaryCSV(&b, "x", true))
	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Equal(t, SummaryHeader, rows[0])
	assert.Equal(t, []string{"unit", "level"}, rows[0][14:], "new columns go at the end")
	units := map[string]string{}
	for _, mt := range r.Metrics {
		units[mt.Name] = mt.Unit
	}
	last := r.Dates[len(r.Dates)-1].String()
	sums := map[string]float64{} // level -> sum of in_post_fte means at the horizon
	levels := map[string]bool{}
	for _, row := range rows[1:] {
		require.Len(t, row, len(SummaryHeader))
		assert.Equal(t, units[row[5]], row[14], "unit of %v", row[:6])
		g := r.Groups[r.GroupIndex(row[2], row[3], row[4])]
		assert.Equal(t, g.Kind().String(), row[15], "level of %v", row[:6])
		levels[row[15]] = true
		if row[1] == last && row[5] == string(InPostFTE) {
			v, err := strconv.ParseFloat(row[6], 64)
			require.NoError(t, err)
			sums[row[15]] += v
		}
	}
	assert.Len(t, levels, len(GroupKindNames()), "every kind is a level")
	system := sums[GroupSystem.String()]
	require.Greater(t, system, 0.0)
	for lvl, sum := range sums {
		// Means are printed to 1e-6 FTE: the sum of up to ~40 rows is
		// within 1e-4 of the total.
		assert.InDelta(t, system, sum, 1e-4, "level %s double counts or leaves out cells", lvl)
	}
}

// TestComparisonCSVUnitAndLevel checks the unit and level of every
// comparison.csv row, the paired metrics' from PairMetrics.
func TestComparisonCSVUnitAndLevel(t *testing.T) {
	base, _, premium := optionModels(t)
	c := compareOptions(t, Settings{Runs: 6, Seed: 3}, base, premium)
	c.Compare = CompareSettings{Target: 0.1, HasTarget: true}
	var b bytes.Buffer
	require.NoError(t, c.WriteComparisonCSV(&b))
	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Equal(t, ComparisonHeader, rows[0])
	want := map[string]string{"prob_below_target": "probability", "median_below_target_month": "months",
		"cost_per_vacancy_fte_year_avoided": "GBP per FTE-year"}
	for _, m := range PairMetrics {
		want[m.Name] = m.Unit
	}
	r := c.Options[0]
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		require.Len(t, row, len(ComparisonHeader))
		assert.Equal(t, want[row[6]], row[15], "unit of %v", row[:7])
		g := r.Groups[r.GroupIndex(row[3], row[4], row[5])]
		assert.Equal(t, g.Kind().String(), row[16], "level of %v", row[:7])
		seen[row[6]] = true
	}
	assert.Len(t, seen, len(want), "every kind of row is written")
}
