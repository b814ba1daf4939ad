package chart

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// observedFan is a fan chart with an observed line that starts two years
// before the fans and rises above them, with a gap.
func observedFan() FanChart {
	c := sampleFan()
	o := &Line{Name: "What happened", Months: months(start-24, 60)}
	for i := range o.Months {
		o.Values = append(o.Values, 0.10+0.003*float64(i))
	}
	o.Values[30] = math.NaN()
	c.Observed = o
	return c
}

func TestFanObservedLine(t *testing.T) {
	c := observedFan()
	p, err := c.Plot()
	require.NoError(t, err)
	// The axes take in the observed line: its first month and its top.
	assert.LessOrEqual(t, p.X.Min, float64(start-24))
	assert.GreaterOrEqual(t, p.Y.Max, 0.10+0.003*59)
	svg := render(t, c, "svg")
	assert.Contains(t, svgText(t, svg), "What happened")
	var without bytes.Buffer
	plain := sampleFan()
	pp, err := plain.Plot()
	require.NoError(t, err)
	require.NoError(t, Render(pp, "svg", &without))
	assert.NotContains(t, svgText(t, without.Bytes()), "What happened")
	assert.Greater(t, pp.X.Min, float64(start-24), "without the observed line the axis starts with the fans")
}

func TestFanObservedLineErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(o *Line)
		want string
	}{
		{"no name", func(o *Line) { o.Name = "" }, `the observed line has no Name`},
		{"short values", func(o *Line) { o.Values = o.Values[:3] }, `observed line "What happened": Values has 3 values, want 60`},
		{"infinite", func(o *Line) { o.Values[2] = math.Inf(1) }, `observed line "What happened": Values at`},
		{"months out of order", func(o *Line) { o.Months[3] = o.Months[2] }, "not strictly increasing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := observedFan()
			tc.mod(c.Observed)
			_, err := c.Plot()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
