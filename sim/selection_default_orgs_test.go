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

// TestDefaultSelectionWithSeveralOrganisations checks that with two
// organisations the default keeps DefaultGroups only, and that its rows
// are byte for byte the whole output's rows of those kinds and metrics.
func TestDefaultSelectionWithSeveralOrganisations(t *testing.T) {
	m := newDynamicsModel(t, 2, [4]int{50, 300, 200, 40})
	m.Cells[cA5].LeaverRate = m.prob(0.1)
	m.Transitions = append(m.Transitions, workforce.Transition{From: cA5, To: cB5, Rate: m.prob(0.2)})
	opts := []Option{{Name: "x", Model: m.Model}}
	def := DefaultSelection([]*workforce.Model{m.Model})
	require.Equal(t, DefaultGroups, def.Groups)
	lines := func(s Settings) []string {
		c, err := Compare(context.Background(), opts, s, CompareSettings{})
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, c.Options[0].WriteSummaryCSV(&b, "x", false))
		return strings.Split(strings.TrimSpace(b.String()), "\n")
	}
	var want []string
	for _, line := range lines(Settings{Runs: 20, Seed: 2, Workers: 1}) {
		f := strings.Split(line, ",")
		var k GroupKind
		for i, bit := range []GroupKind{GroupOrganisations, GroupProfessions, GroupBands} {
			if f[2+i] != "all" {
				k |= bit
			}
		}
		if slices.Contains(DefaultGroups, k) && slices.Contains(def.Metrics, f[5]) {
			want = append(want, line)
		}
	}
	require.NotEmpty(t, want)
	assert.Equal(t, want, lines(Settings{Runs: 20, Seed: 2, Workers: 2, Report: def}))
}
