package calibrate

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/scenario"
)

// TestFittedLeaverRatesSwitchOffTheBaseRetirement calibrates the BHR
// baseline on its shipped synthetic history. A table's leavers count
// retirements too, so every band whose leaver rate is fitted must switch
// the base's retirement rates off (else retirements count twice: the
// hindcast of the shipped history then ran 9 heads low at a year), and
// the bands left alone keep them.
func TestFittedLeaverRatesSwitchOffTheBaseRetirement(t *testing.T) {
	tab, err := history.ReadFile("../examples/history/bhr-baseline.csv",
		history.ReadOptions{Mapping: "../examples/history/bhr-baseline-mapping.csv"})
	require.NoError(t, err)
	base, err := os.ReadFile("../examples/bhr-baseline.yaml")
	require.NoError(t, err)
	fit, err := FitTable(tab, FitOptions{})
	require.NoError(t, err)
	last := tab.Rows[len(tab.Rows)-1].Month
	state, err := StartState(tab, last)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, WriteScenario(&b, ScenarioSpec{Name: "fitted", Source: "bhr-baseline.csv", Start: last + 1,
		Orgs: tab.Organisations, State: state, Fit: fit, Base: base, BaseName: "bhr-baseline.yaml"}))
	out := b.String()

	fitted := regexp.MustCompile(`# fitted from [^\n]*\n +leaver_rate: `).FindAllStringIndex(out, -1)
	off := regexp.MustCompile(`(?m)^ +retirement_rates: \{under_40: 0, age_40_54: 0, age_55_59: 0, age_60_plus: 0\}`).FindAllStringIndex(out, -1)
	require.NotEmpty(t, fitted)
	assert.Len(t, off, len(fitted), "one switch per fitted leaver rate")
	assert.Contains(t, out, "retirement_rates: {age_55_59: 0.06, age_60_plus: 0.22}", "the base's default stays for the rest")
	f, err := scenario.Parse("fitted.yaml", b.Bytes())
	require.NoError(t, err)
	_, err = f.Compile()
	require.NoError(t, err)
}
