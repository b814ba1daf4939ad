package sim

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSmallCount(t *testing.T) {
	for v, want := range map[float64]bool{0: false, 0.49: false, 0.5: true, 1: true, 4: true, 4.49: true, 4.5: false, 5: false, 120: false, -3: false} {
		if got := SmallCount(v); got != want {
			t.Errorf("SmallCount(%v) = %v, want %v", v, got, want)
		}
	}
}

// TestSummaryCSVSuppressesSmallCounts: with Suppress, a band of 3 heads
// shows its headcount, and the leaver rate derived from it, as *; a band
// of 200 heads and the totals show every figure; without Suppress nothing
// is hidden.
func TestSummaryCSVSuppressesSmallCounts(t *testing.T) {
	m := newTestModel(t, 1, 12, [3]int{3, 200, 0}, [3]float64{3, 200, 0})
	rate := m.prob(0.12)
	m.Cells[0].LeaverRate, m.Cells[1].LeaverRate = rate, rate
	res, err := Run(context.Background(), m.Model, Settings{Deterministic: true})
	require.NoError(t, err)
	rows := func(suppress bool) map[string][]string {
		var b bytes.Buffer
		require.NoError(t, res.WriteSummaryCSVWith(&b, "baseline", CSVOptions{Header: true, Suppress: suppress}))
		recs, err := csv.NewReader(&b).ReadAll()
		require.NoError(t, err)
		out := map[string][]string{}
		for _, r := range recs[1:] {
			out[strings.Join(r[1:6], " ")] = r[6:14] // the numbers, not the unit and level
		}
		return out
	}
	hidden := []string{"*", "*", "*", "*", "*", "*", "*", "*"}
	got := rows(true)
	assert.Equal(t, hidden, got["2026-04 system occupational_therapist 5 in_post_hc"])
	assert.Equal(t, hidden, got["2026-04 system occupational_therapist 5 leaver_rate"])
	assert.NotContains(t, got["2026-04 system occupational_therapist 6 in_post_hc"], "*")
	assert.NotContains(t, got["2026-04 system occupational_therapist 6 leaver_rate"], "*")
	assert.NotContains(t, got["2026-04 all all all in_post_hc"], "*")
	assert.Equal(t, "0", got["2026-04 system occupational_therapist 7 in_post_hc"][0], "zero is published")
	for key, cells := range rows(false) {
		assert.NotContains(t, cells, "*", key)
	}
}
