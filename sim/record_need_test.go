package sim_test

import (
	"testing"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEachMetricAloneIsTheWholeOutputsRows checks, for every metric of an
// example with money, apprentices, pipelines and portability, that
// selecting that metric alone (so that record fills only the cell sums it
// reads) writes, byte for byte, the whole output's rows of that metric.
func TestEachMetricAloneIsTheWholeOutputsRows(t *testing.T) {
	for _, example := range []string{"bhr-apprentices", "bhr-student-places"} {
		opts := exampleOptions(t, example)[:1]
		base := sim.Settings{Runs: 6, Seed: 5, Workers: 1}
		whole, _, wc := csvLines(t, opts, base, sim.CompareSettings{})
		dates := keptDates(wc.Options[0], 0)
		for _, name := range sim.MetricNames(optionModels(opts)) {
			sel := sim.Selection{Metrics: []string{name}}
			var want []string
			for _, line := range whole {
				if selected(line, sel, sel.Metrics, dates) {
					want = append(want, line)
				}
			}
			require.NotEmpty(t, want, "%s %s", example, name)
			s := base
			s.Report = sel
			got, _, _ := csvLines(t, opts, s, sim.CompareSettings{})
			assert.Equal(t, want, got, "%s %s", example, name)
		}
	}
}
