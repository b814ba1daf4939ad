package calibrate

import (
	"bytes"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/workforce"
)

// initSpec is the spec ahpsim init makes of smallTableF's last month.
func initSpecF(t *testing.T) ScenarioSpec {
	tab := smallTableF(t)
	at := monthF(t, "2025-02")
	state, err := StartState(tab, at)
	require.NoError(t, err)
	return ScenarioSpec{Name: "Riverside from its history", Source: "history.csv", Start: at + 1, Orgs: tab.Organisations, State: state}
}

func TestWriteScenarioInit(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteScenario(&b, initSpecF(t)))
	f, err := scenario.Parse("init.yaml", b.Bytes())
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	_ = m
	assert.Equal(t, monthF(t, "2025-03"), f.Simulation.Start)
}

// fitF is a fit of smallTableF with every parameter for OT Band 5.
func fitF(t *testing.T) *Fit {
	ot := "occupational_therapist"
	e := func(p Param, a, b, mean, lo, hi float64) Estimate {
		return Estimate{Org: "riverside", Prof: ot, Band: workforce.Band5, Param: p, Exposure: 20.5, Count: 3,
			Alpha: a, Beta: b, Mean: mean, Lower: lo, Upper: hi, Pooling: 0.4, Prior: "occupational_therapist band 5", Source: "leavers / mean heads"}
	}
	return &Fit{From: monthF(t, "2025-01"), To: monthF(t, "2025-02"), Estimates: []Estimate{
		e(LeaverRate, 3.21, 20.456, 0.1356, 0.05, 0.25),
		e(MonthlyFill, 2, 18, 0.1, 0.02, 0.2),
		e(PromotionApply, 1, 49, 0.02, 0.002, 0.05),
		e(FTEPerHead, 0, 0, 0.88, 0.85, 0.91),
		e(EstablishmentGrowth, 0, 0, 0.02, -0.01, 0.04),
	}}
}

func TestWriteScenarioFitted(t *testing.T) {
	spec := initSpecF(t)
	spec.Fit = fitF(t)
	var b bytes.Buffer
	require.NoError(t, WriteScenario(&b, spec))
	out := b.String()
	for _, want := range []string{
		"# fitted from history.csv 2025-01 to 2025-02: 13.6% a year (90%: 5% to 25%); 3 events over 20.5 headcount-years (leavers / mean heads); 40% pooled toward occupational_therapist band 5\n        leaver_rate: {dist: beta, alpha: 3.21, beta: 20.5}\n",
		"recruitment: {monthly_fill: {dist: beta, alpha: 2, beta: 18}}",
		"establishment_growth: {dist: triangular, min: -0.01, mode: 0.03, max: 0.04}",
		"# staff in post 18.9 FTE / 21 heads, end of 2025-02, history.csv; the history's mean 0.88 (90%: 0.85 to 0.91)\n        fte_per_head: 0.9\n",
		"    promotion:\n      # fitted from history.csv",
		"      - {from: 5, monthly_apply: {dist: beta, alpha: 1, beta: 49}}\n",
		// Band 6 has no estimates: the defaults, marked.
		"# ASSUMPTION: the BHR occupational_therapist leaver rate 2022-23 (13.0%)",
	} {
		assert.Contains(t, out, want)
	}
	f, err := scenario.Parse("fitted.yaml", b.Bytes())
	require.NoError(t, err)
	_, err = f.Compile()
	require.NoError(t, err)
}

// An invalid result is never written: a profession key the format cannot
// take (upper case) makes the written scenario fail to parse.
func TestWriteScenarioNeverWritesAnInvalidScenario(t *testing.T) {
	spec := initSpecF(t)
	spec.State[0].Prof = "Bad Key"
	var b bytes.Buffer
	err := WriteScenario(&b, spec)
	require.ErrorContains(t, err, "the scenario written is not valid, so it was not written")
	assert.Zero(t, b.Len())
}

func TestWriteScenarioOverBase(t *testing.T) {
	base, err := os.ReadFile("../examples/teaching.yaml")
	require.NoError(t, err)
	spec := initSpecF(t)
	spec.Fit = fitF(t)
	spec.Base, spec.BaseName = base, "teaching.yaml"

	// The physios have no entry in the base.
	var b bytes.Buffer
	err = WriteScenario(&b, spec)
	require.ErrorContains(t, err, "teaching.yaml: workforce: no workforce entry for organisation riverside and profession physiotherapist")
	assert.Zero(t, b.Len())

	spec.State = spec.State[:2]
	require.NoError(t, WriteScenario(&b, spec))
	out := b.String()
	for _, want := range []string{
		"start: 2025-03 # the month after the starting state (2025-02, history.csv)",
		"# Band keys may be written 5, \"5\" or \"8a\". A band may override any", // the base's comments
		"headcount: 21 # staff in post, heads, end of 2025-02, history.csv",
		"        # fitted from history.csv 2025-01 to 2025-02: 13.6% a year (90%: 5% to 25%); 3 events over 20.5 headcount-years (leavers / mean heads); 40% pooled toward occupational_therapist band 5\n        leaver_rate: {dist: beta, alpha: 3.21, beta: 20.5}\n",
		"graduates:", "transitions:", // the base's flows
		"leaver_rate: {dist: triangular, min: 0.10, mode: 0.13, max: 0.16}", // the entry's rate stays, for Band 6
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "ASSUMPTION", "over a base, the base's rates stand where the fit has none")
	f, err := scenario.Parse("fitted.yaml", b.Bytes())
	require.NoError(t, err)
	_, err = f.Compile()
	require.NoError(t, err)
}

func TestAssumptionsSummarisesTheDefaults(t *testing.T) {
	spec := initSpecF(t)
	assert.Equal(t, []string{
		"leaver_rate in 3 of 3 bands; first, riverside/occupational_therapist band 5: the BHR occupational_therapist leaver rate 2022-23 (13.0%), as uncertain as 20 staff-years of data; run ahpsim calibrate to fit it",
		"recruitment.monthly_fill in 3 of 3 bands; first, riverside/occupational_therapist band 5: the fill that holds the starting vacancy rate 10.0% steady against leaving at 13.0% a year: (0.1301 / 12) x (1 - 0.100) / 0.100",
		"fte_per_head in 1 of 3 bands; first, riverside/physiotherapist band 6: no staff_fte in history.csv for 2025-02: one FTE a head",
	}, Assumptions(spec))
	spec.Fit = fitF(t)
	assert.Len(t, Assumptions(spec), 3, "Band 5 OTs are fitted; the other bands are not")
	assert.Contains(t, Assumptions(spec)[0], "leaver_rate in 2 of 3 bands; first, riverside/occupational_therapist band 6")
}

// Edge cells still give a valid scenario: an empty band with posts, a
// fractional headcount with more FTE than heads, a custom role, and a
// growth interval beyond what the format allows over the horizon.
func TestWriteScenarioEdgeCells(t *testing.T) {
	feb := monthF(t, "2025-02")
	spec := ScenarioSpec{Name: "Edges", Source: "h.csv", Start: feb + 1, State: []CellState{
		{Org: "north", Prof: "physiotherapist", Band: workforce.Band7, Month: feb, Heads: 0, FTE: 0, EstablishmentFTE: 2},
		{Org: "north", Prof: "physiotherapist", Band: workforce.Band6, Month: feb, Heads: 10.4, FTE: 11, EstablishmentFTE: 12},
		{Org: "north", Prof: "first_contact_practitioner", Band: workforce.Band8a, Month: feb, Heads: 2, FTE: 2, EstablishmentFTE: 3},
	}, Fit: &Fit{From: feb - 11, To: feb, Estimates: []Estimate{
		{Org: "north", Prof: "physiotherapist", Band: workforce.Band6, Param: EstablishmentGrowth, Count: math.NaN(), Mean: 0.3, Lower: 0.1, Upper: 0.9, Prior: "none"},
	}}}
	var b bytes.Buffer
	require.NoError(t, WriteScenario(&b, spec))
	out := b.String()
	for _, want := range []string{
		"custom_roles:               # professions of the table that are not standard AHPs\n  - {key: first_contact_practitioner, support: false}\n",
		"organisations:              # as h.csv names them\n  - {key: north, name: \"north\"}\n",
		"headcount: 10              # staff in post, heads, end of 2025-02, h.csv, rounded from 10.4\n",
		"fte_per_head: 1            # staff in post 11 FTE / 10.4 heads, end of 2025-02, h.csv, capped at 1\n",
		"establishment_fte: 12      # establishment FTE, end of 2025-02, h.csv (vacancy rate 16.7%)\n", // 10 heads of 1 FTE
		"establishment_growth: {dist: triangular, min: 0.1, mode: 0.216, max: 0.584}",
		"      7:\n        headcount: 0               # staff in post, heads, end of 2025-02, h.csv\n        establishment_fte: 2",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "events over", "no count for growth")
	f, err := scenario.Parse("edges.yaml", b.Bytes())
	require.NoError(t, err)
	_, err = f.Compile()
	require.NoError(t, err)
}
