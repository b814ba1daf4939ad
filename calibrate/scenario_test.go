package calibrate

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
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
	t.Log(b.String())
	f, err := scenario.Parse("init.yaml", b.Bytes())
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	_ = m
	assert.Equal(t, monthF(t, "2025-03"), f.Simulation.Start)
}
