package sim

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/workforce"
)

// TestSelectionRowsWithSeveralOrganisations checks, on a model of two
// organisations with moves between them (where a group's leavers depend
// on whether it names an organisation), that every selected row is the
// row of the whole output, byte for byte, and that exactly those are
// written, with monthly dates thinned to quarterly.
func TestSelectionRowsWithSeveralOrganisations(t *testing.T) {
	m := newDynamicsModel(t, 2, [4]int{50, 300, 200, 40})
	m.ReportEvery = 1
	m.Cells[cA5].LeaverRate = m.prob(0.1)
	m.Transitions = append(m.Transitions,
		workforce.Transition{From: cA5, To: cB5, Rate: m.prob(0.2)},
		workforce.Transition{From: cA6, To: cB5, Rate: m.prob(0.1)})
	opts := []Option{{Name: "x", Model: m.Model}}
	lines := func(s Settings) []string {
		c, err := Compare(context.Background(), opts, s, CompareSettings{})
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, c.Options[0].WriteSummaryCSV(&b, "x", false))
		return strings.Split(strings.TrimSpace(b.String()), "\n")
	}
	whole := lines(Settings{Runs: 30, Seed: 2, Workers: 1})
	quarterly := map[string]bool{}
	for mo := m.Start; mo <= m.Start+workforce.Month(m.Steps); mo += 3 {
		quarterly[mo.String()] = true
	}
	kinds := [][]GroupKind{
		{GroupOrganisations, GroupSystem},
		{GroupOrganisationBands, GroupProfessionBands},
		{GroupCells, GroupProfessions},
	}
	metrics := []string{string(Leavers), string(LeaverRate), string(LeaversToOtherOrganisations), string(MovesIn)}
	for _, ks := range kinds {
		sel := Selection{Metrics: metrics, Groups: ks, EveryMonths: 3}
		var want []string
		for _, line := range whole {
			f := strings.Split(line, ",")
			var k GroupKind
			for i, bit := range []GroupKind{GroupOrganisations, GroupProfessions, GroupBands} {
				if f[2+i] != "all" {
					k |= bit
				}
			}
			if quarterly[f[1]] && slices.Contains(ks, k) && slices.Contains(metrics, f[5]) {
				want = append(want, line)
			}
		}
		require.NotEmpty(t, want)
		for _, w := range []int{1, 2} {
			assert.Equal(t, want, lines(Settings{Runs: 30, Seed: 2, Workers: w, Report: sel}), "%s, %d workers", sel, w)
		}
	}
}
