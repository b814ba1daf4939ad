package sim

import (
	"bytes"
	"context"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// progressCalls records the calls of Settings.Progress and fails if two
// ever overlap.
type progressCalls struct {
	t      *testing.T
	inside atomic.Int32
	done   []int
	totals []int
}

func (p *progressCalls) record(done, total int) {
	if p.inside.Add(1) != 1 {
		p.t.Error("Progress called concurrently with itself")
	}
	defer p.inside.Add(-1)
	p.done = append(p.done, done)
	p.totals = append(p.totals, total)
}

// check asserts that the calls start at 0, strictly increase and end at
// total, and always say the same total.
func (p *progressCalls) check(total int) {
	p.t.Helper()
	require.NotEmpty(p.t, p.done)
	assert.Equal(p.t, 0, p.done[0], "the first call says no run is done")
	assert.Equal(p.t, total, p.done[len(p.done)-1], "the last call says every run is done")
	for i := 1; i < len(p.done); i++ {
		assert.Greater(p.t, p.done[i], p.done[i-1], "done strictly increases: %v", p.done)
	}
	for _, n := range p.totals {
		assert.Equal(p.t, total, n)
	}
}

func TestProgressCountsEveryRunOnce(t *testing.T) {
	base, _, premium := optionModels(t)
	p := &progressCalls{t: t}
	c := compareOptions(t, Settings{Runs: 400, Seed: 2, Workers: 3, Progress: p.record}, base, premium)
	p.check(400)

	// Progress never changes results.
	quiet := compareOptions(t, Settings{Runs: 400, Seed: 2, Workers: 3}, base, premium)
	a, err := c.MarshalBinary()
	require.NoError(t, err)
	b, err := quiet.MarshalBinary()
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, b), "the same results with and without Progress")
}

func TestProgressTotalIsTheShardsRuns(t *testing.T) {
	base, _, _ := optionModels(t)
	// Runs 1, 4 and 7 of 10 are shard 1 of 3.
	p := &progressCalls{t: t}
	compareOptions(t, Settings{Runs: 10, Seed: 2, Shard: 1, Shards: 3, Progress: p.record}, base)
	p.check(3)
}

func TestProgressDeterministic(t *testing.T) {
	base, _, _ := optionModels(t)
	p := &progressCalls{t: t}
	compareOptions(t, Settings{Runs: 50, Deterministic: true, Progress: p.record}, base)
	p.check(1)
}

// A job cut short after a few ticks reports while it runs, and its last
// call says how many runs finished.
func TestProgressReportsWhileRunning(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a third of a second")
	}
	base, _, _ := optionModels(t)
	p := &progressCalls{t: t}
	ctx, cancel := context.WithTimeout(context.Background(), 3*progressEvery+progressEvery/2)
	defer cancel()
	_, err := Run(ctx, base.Model, Settings{Runs: MaxRuns, Seed: 2, Workers: 2, Progress: p.record})
	require.ErrorIs(t, err, ErrCancelled)
	require.GreaterOrEqual(t, len(p.done), 3, "calls while running: %v", p.done)
	assert.Equal(t, 0, p.done[0])
	for i := 1; i < len(p.done); i++ {
		assert.Greater(t, p.done[i], p.done[i-1], "done strictly increases: %v", p.done)
	}
	assert.Less(t, p.done[len(p.done)-1], MaxRuns)
	for _, n := range p.totals {
		assert.Equal(t, MaxRuns, n)
	}
}
