package scenario_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// stockYAML has people in each kind of pipeline on the start date.
const stockYAML = `
name: Starting stocks
simulation: {start: 2025-04, horizon_years: 2}
workforce:
  - profession: support_worker
    bands: {4: {headcount: 40, establishment_fte: 40}}
  - profession: occupational_therapist
    bands: {5: {headcount: 10, establishment_fte: 100}}
pipelines:
  apprenticeships:
    - name: ot_apprentices
      from: {profession: support_worker, band: 4}
      to: {profession: occupational_therapist}
      intake_per_year: 0
      intake_month: 9
      duration_months: 36
      study_share: 0.5
      in_training_by_year: [4, 3, 2]
  students:
    - name: bsc
      to: {profession: occupational_therapist}
      places_per_year: 0
      intake_month: 9
      duration_months: 36
      conversion: 1
      in_training: 12
  international:
    - name: overseas
      to: {profession: occupational_therapist}
      campaigns: [{month: 2025-04, offers: 0}]
      lead_months: 6
      in_transit_by_month: [0, 0, 5]
  return_to_practice:
    - name: rtp
      to: {profession: occupational_therapist}
      per_year: 0
      supervised_months: 3
      in_supervision: 3
`

func TestStartingStocksCompileAndRun(t *testing.T) {
	f, err := scenario.Parse("stock.yaml", []byte(stockYAML))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	assert.Equal(t, workforce.StartingStock{ByStage: []int{4, 3, 2}}, m.Apprenticeships[0].InTraining)
	assert.Equal(t, workforce.StartingStock{Heads: 12}, m.Students[0].InTraining)
	assert.Equal(t, workforce.StartingStock{ByStage: []int{0, 0, 5}}, m.International[0].InTransit)
	assert.Equal(t, workforce.StartingStock{Heads: 3}, m.Returners[0].InSupervision)

	res, err := sim.Run(context.Background(), m, sim.Settings{Deterministic: true})
	require.NoError(t, err)
	at := func(d int, prof, metric string) float64 {
		t.Helper()
		g := res.GroupIndex("all", prof, "all")
		require.GreaterOrEqual(t, g, 0)
		mi := res.MetricIndex(metric)
		require.GreaterOrEqual(t, mi, 0, metric)
		return res.Stats(d, g, mi).Mean
	}
	const sw, ot = "support_worker", "occupational_therapist"
	assert.InDelta(t, 9, at(0, sw, "apprentices_in_training"), 1e-9)
	assert.InDelta(t, 40, at(0, sw, "in_post_hc"), 1e-9, "apprentices are among the headcount")
	assert.InDelta(t, 40-9*0.5, at(0, sw, "in_post_fte"), 1e-9, "their study share is off the FTE")
	assert.InDelta(t, 12, at(0, ot, "students_in_training"), 1e-9)
	assert.InDelta(t, 5, at(0, ot, "international_in_pipeline"), 1e-9)
	assert.InDelta(t, 3, at(0, ot, "returners_in_pipeline"), 1e-9)
	// In the first year: year 3 apprentices qualify (September 2025), a
	// third of the students graduate, and everyone in transit or under
	// supervision joins.
	assert.InDelta(t, 2, at(1, ot, "apprentices_qualified"), 1e-9)
	assert.InDelta(t, 4, at(1, ot, "joiners_graduate"), 1e-9)
	assert.InDelta(t, 5, at(1, ot, "joiners_international"), 1e-9)
	assert.InDelta(t, 3, at(1, ot, "joiners_return"), 1e-9)
}
