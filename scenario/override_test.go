package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/workforce"
)

const overrideBase = `# The base.
name: Base
simulation:
  start: 2024-04   # planned start
  horizon_years: 5
organisations:
  - {key: riverside, name: Riverside}
workforce:
  # Occupational therapists.
  - profession: occupational_therapist
    fte_per_head: 0.9
    vacancy_rate: 0.1       # entry default
    recruitment: {time_to_fill_months: 4}
    bands:
      5: {headcount: 20}
      6:
        headcount: 30       # from the 2023 report
        vacancy_rate: 0.2
    promotion:
      - {from: 5, min_months: 12, monthly_apply: 0.08}   # keep min_months
options:
  - name: more
    description: More recruitment.
    interventions:
      - {name: fill, lever: recruitment_fill, mode: scale, value: 1.5, start: 2025-04}
`

func TestOverrideKeepsTheRestOfTheFile(t *testing.T) {
	ot := "occupational_therapist"
	out, err := Override("base.yaml", []byte(overrideBase), []Edit{
		{Key: "simulation.start", Value: "2025-04", Comment: "the month after history.csv"},
		{Org: "riverside", Prof: ot, Band: workforce.Band6, Key: "headcount", Value: "28", Comment: "staff in post"},
		{Org: "riverside", Prof: ot, Band: workforce.Band6, Key: "vacancy_rate", Delete: true},
		{Org: "riverside", Prof: ot, Band: workforce.Band6, Key: "establishment_fte", Value: "31.5"},
		{Org: "riverside", Prof: ot, Band: workforce.Band5, Key: "recruitment.monthly_fill", Value: "{dist: beta, alpha: 2, beta: 20}"},
		{Org: "riverside", Prof: ot, Band: workforce.Band5, Key: "recruitment.time_to_fill_months", Delete: true},
		{Org: "riverside", Prof: ot, Band: workforce.Band7, Key: "headcount", Value: "4"},
		{Org: "riverside", Prof: ot, Entry: true, Key: "promotion[from=5,to=].monthly_apply", Value: "0.05", Comment: "fitted"},
		{Org: "riverside", Prof: ot, Entry: true, Key: "promotion[from=6].monthly_apply", Value: "0.01"},
	})
	require.NoError(t, err)
	assert.Equal(t, `# The base.
name: Base
simulation:
  start: 2025-04 # the month after history.csv
  horizon_years: 5
organisations:
  - {key: riverside, name: Riverside}
workforce:
  # Occupational therapists.
  - profession: occupational_therapist
    fte_per_head: 0.9
    vacancy_rate: 0.1 # entry default
    recruitment: {time_to_fill_months: 4}
    bands:
      5:
        headcount: 20
        recruitment:
          monthly_fill: {dist: beta, alpha: 2, beta: 20}
      6:
        headcount: 28 # staff in post
        establishment_fte: 31.5
      7:
        headcount: 4
    promotion:
      - from: 5 # keep min_months
        min_months: 12
        monthly_apply: 0.05 # fitted
      - from: 6
        monthly_apply: 0.01
options:
  - name: more
    description: More recruitment.
    interventions:
      - {name: fill, lever: recruitment_fill, mode: scale, value: 1.5, start: 2025-04}
`, string(out))
	_, err = Parse("out.yaml", out)
	require.NoError(t, err)
}

func TestOverrideErrors(t *testing.T) {
	_, err := Override("base.yaml", []byte(overrideBase), []Edit{
		{Org: "riverside", Prof: "physiotherapist", Band: workforce.Band6, Key: "headcount", Value: "3"},
		{Org: "riverside", Prof: "physiotherapist", Band: workforce.Band5, Key: "headcount", Value: "3"},
		{Org: "elsewhere", Prof: "occupational_therapist", Band: workforce.Band6, Key: "headcount", Value: "3"},
		{Org: "riverside", Prof: "occupational_therapist", Band: workforce.Band6, Key: "headcount.x", Value: "3"},
		{Org: "riverside", Prof: "occupational_therapist", Band: workforce.Band6, Key: "leaver_rate", Value: "{a: "},
	})
	require.Error(t, err)
	assert.Equal(t, "base.yaml: workforce: no workforce entry for organisation riverside and profession physiotherapist (add one: an entry needs choices only the file's author can make)\n"+
		"base.yaml: workforce: no workforce entry for organisation elsewhere and profession occupational_therapist (add one: an entry needs choices only the file's author can make)\n"+
		"base.yaml: workforce[riverside/occupational_therapist].bands.6.headcount.x: headcount is not a mapping\n"+
		`base.yaml: workforce[riverside/occupational_therapist].bands.6.leaver_rate: bad value "{a: " (want a YAML value)`, err.Error())

	_, err = Override("bad.yaml", []byte("name: [\n"), nil)
	assert.ErrorContains(t, err, "bad.yaml:")
}

// A long comment goes above the key, after the key's own comment.
func TestOverrideLongComment(t *testing.T) {
	long := "fitted from history.csv 2023-04 to 2025-03: 13.4% a year (90%: 6.77% to 21.6%)"
	out, err := Override("base.yaml", []byte(overrideBase), []Edit{
		{Org: "riverside", Prof: "occupational_therapist", Band: workforce.Band6, Key: "headcount", Value: "28", Comment: long},
		{Org: "riverside", Prof: "occupational_therapist", Band: workforce.Band6, Key: "leaver_rate", Value: "0.1", Comment: long},
	})
	require.NoError(t, err)
	assert.Contains(t, string(out), "      6:\n        # "+long+"\n        headcount: 28\n        vacancy_rate: 0.2\n        # "+long+"\n        leaver_rate: 0.1\n")
}

// A selector picks the first item meeting every condition; "to=" wants no
// 'to', so a pull move from the same band is left alone.
func TestOverrideSelectorSkipsPullMoves(t *testing.T) {
	src := `name: S
simulation: {start: 2024-04, horizon_years: 1}
custom_roles: [{key: fcp}]
workforce:
  - profession: physiotherapist
    bands: {6: {headcount: 4}, 7: {headcount: 2}}
    promotion:
      - {from: 7, to: {profession: fcp, band: 8a}, monthly_apply: 0.01}
      - {from: 7, monthly_apply: 0.02}
  - profession: fcp
    bands: {8a: {headcount: 1}}
`
	out, err := Override("s.yaml", []byte(src), []Edit{
		{Org: "system", Prof: "physiotherapist", Entry: true, Key: "promotion[from=7,to=].monthly_apply", Value: "0.03"},
		{Org: "system", Prof: "physiotherapist", Entry: true, Key: "promotion[from=6,to=].monthly_apply", Value: "0.04"},
	})
	require.NoError(t, err)
	assert.Contains(t, string(out), `    promotion:
      - {from: 7, to: {profession: fcp, band: 8a}, monthly_apply: 0.01}
      - from: 7
        monthly_apply: 0.03
      - from: 6
        monthly_apply: 0.04
`)
	_, err = Parse("out.yaml", out)
	require.NoError(t, err)
	_, err = Override("s.yaml", []byte(src), []Edit{{Prof: "physiotherapist", Org: "system", Entry: true, Key: "promotion[from].x", Value: "1"}})
	assert.ErrorContains(t, err, `bad path segment "promotion[from]" (want name[key=value,...])`)
}
