package main

import (
	"testing"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An option that adds a mechanism says so among the report's assumptions;
// the baseline, which carries it inert, does not.
func TestAssumptionsNameTheMechanismsAnOptionAdds(t *testing.T) {
	const yaml = `
name: Options that add mechanisms
simulation: {start: 2025-04, horizon_years: 3, runs: 20, seed: 7}
workforce:
  - profession: occupational_therapist
    leaver_rate: 0.12
    recruitment: {monthly_fill: 0.1}
    bands: {5: {headcount: 30, vacancy_rate: 0.1}, 6: {headcount: 40, vacancy_rate: 0.1}}
options:
  - name: ten_international_ots
    pipelines:
      international:
        - name: ot_campaigns
          to: {profession: occupational_therapist}
          campaigns: [{month: 2025-10, offers: 10}]
          lead_months: 6
    transitions:
      - {from: {profession: occupational_therapist, band: 5}, to: {profession: occupational_therapist, band: 6}, annual_rate: 0.05}
`
	f, err := scenario.Parse("options.yaml", []byte(yaml))
	require.NoError(t, err)
	in := &input{path: "options.yaml", name: "options", data: []byte(yaml), file: f}
	j, err := newJob("compare", in)
	require.NoError(t, err)
	got := addedMechanisms(j.opts[0].Model, j.opts[1].Model)
	assert.Equal(t, []string{"adds international recruitment ot_campaigns",
		"adds moves from Occupational therapist Band 5 to Occupational therapist Band 6"}, got)
	assert.Empty(t, addedMechanisms(j.opts[0].Model, j.opts[0].Model), "the baseline adds nothing")
}
