package sim

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/workforce"
)

// TestRunsKeepPlansBuiltFromTheSameInputs checks that a run which keeps the
// plans of the last build (plansForRun) simulates exactly what a run that
// rebuilds them does: with fixed rates (plans kept every run), with an
// uncertain leaver rate (rebuilt every run) and with interventions that
// rebuild the plans mid-run (so the next run starts from other plans).
func TestRunsKeepPlansBuiltFromTheSameInputs(t *testing.T) {
	for name, uncertain := range map[string]bool{"fixed rates": false, "uncertain leaver rate": true} {
		t.Run(name, func(t *testing.T) {
			m := allMechanismsModel(t)
			if uncertain {
				m.Cells[0].LeaverRate = m.AddParam(workforce.Dist{Kind: workforce.Uniform, A: 0.1, B: 0.3, Min: 0, Max: 1, Name: "leaver_rate"})
			}
			list := metrics([]*workforce.Model{m.Model}, false)
			kept, rebuilt := newEngine(m.Model, false, list), newEngine(m.Model, false, list)
			for run := range 4 {
				kept.beginRun(5, run)
				rebuilt.builtFor.valid = false
				rebuilt.beginRun(5, run)
				for st := range m.Steps {
					kept.step(st)
					rebuilt.step(st)
				}
				require.Equal(t, rebuilt.count, kept.count, "run %d", run)
				require.Equal(t, rebuilt.flow, kept.flow, "run %d", run)
				require.Equal(t, rebuilt.scaledRuns, kept.scaledRuns, "run %d", run)
			}
		})
	}
}

// TestPlansAreKeptOnlyForTheSameInputs checks when plansForRun keeps the
// plans: a mark left in an exit plan survives a run with the same levers
// and parameters, and is overwritten once a parameter changes.
func TestPlansAreKeptOnlyForTheSameInputs(t *testing.T) {
	m := allMechanismsModel(t)
	m.Interventions = nil
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	e.beginRun(5, 0)
	want := e.exits[0].prob[0]
	e.exits[0].prob[0] = -7
	e.beginRun(5, 1)
	require.Equal(t, -7.0, e.exits[0].prob[0], "same inputs: the plans are kept")
	e.builtFor.param[len(e.builtFor.param)-1]++
	e.beginRun(5, 2)
	require.Equal(t, want, e.exits[0].prob[0], "another parameter: the plans are rebuilt")
}

// TestScaledRunsAreReportedWhenPlansAreKept checks that a run keeping the
// plans of a build that scaled exit rates down still reports the scaling.
func TestScaledRunsAreReportedWhenPlansAreKept(t *testing.T) {
	m := allMechanismsModel(t)
	m.Interventions = nil
	for c := range m.Cells {
		m.Cells[c].LeaverRate = m.prob(0.9)
		m.Cells[c].RetirementRate = nil
	}
	for i := range m.Transitions {
		m.Transitions[i].Rate = m.prob(0.5)
	}
	e := newEngine(m.Model, false, metrics([]*workforce.Model{m.Model}, false))
	for run := range 3 {
		e.beginRun(5, run)
		require.True(t, e.scaledRuns, "run %d", run)
	}
}
