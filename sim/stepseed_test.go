package sim

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/workforce"
)

// TestStepSeedTableIsTheSeedRule checks the table of step seeds against the
// rule it caches, stepSeed(streamBase(kind, index), step+1), for every
// stream and step, so a table laid out wrongly (or shifted a step) fails.
func TestStepSeedTableIsTheSeedRule(t *testing.T) {
	m := allMechanismsModel(t)
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	require.NotNil(t, e.stepSeeds)
	n := len(e.streams)
	require.Len(t, e.stepSeeds, n*m.Steps)
	for k := streamKind(1); k < numStreamKinds; k++ {
		for i := range e.streamCount(k) {
			for st := range m.Steps {
				require.Equal(t, stepSeed(streamBase(k, i), st+1), e.stepSeeds[st*n+e.stream(k, i)], "kind %d stream %d step %d", k, i, st)
			}
		}
	}
}

// TestRunsWithoutStepSeedTable checks that a model too large for the table
// (stepSeeds nil: each seed computed as reseed goes) draws exactly what
// the table gives: the whole state after every step is the same.
func TestRunsWithoutStepSeedTable(t *testing.T) {
	m := allMechanismsModel(t)
	list := metrics([]*workforce.Model{m.Model}, false)
	table, computed := newEngine(m.Model, false, list), newEngine(m.Model, false, list)
	computed.stepSeeds = nil
	for run := range 3 {
		table.beginRun(11, run)
		computed.beginRun(11, run)
		for st := range m.Steps {
			table.step(st)
			computed.step(st)
			require.Equal(t, table.count, computed.count, "run %d step %d", run, st)
			require.Equal(t, table.flow, computed.flow, "run %d step %d", run, st)
		}
	}
}
