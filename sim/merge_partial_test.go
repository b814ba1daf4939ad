package sim

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// partsOf runs the shards of one small job and returns the options, the
// job's settings and each shard's encoded partial result.
func partsOf(t *testing.T, s Settings, shards int) ([]Option, CompareSettings, [][]byte) {
	t.Helper()
	base, _, premium := optionModels(t)
	opts := []Option{{Name: "baseline", Model: base.Model}, {Name: "premium", Model: premium.Model}}
	cs := CompareSettings{Target: 0.1, HasTarget: true}
	var parts [][]byte
	for i := range shards {
		ps := s
		ps.Shard, ps.Shards, ps.Workers = i, shards, 1
		c, err := Compare(context.Background(), opts, ps, cs)
		require.NoError(t, err)
		data, err := c.MarshalBinary()
		require.NoError(t, err)
		parts = append(parts, data)
	}
	return opts, cs, parts
}

var testOrigin = Origin{Command: "compare", ScenarioSHA256: sha256.Sum256([]byte("scenario bytes"))}

func TestPartialRecordsItsOrigin(t *testing.T) {
	_, _, parts := partsOf(t, Settings{Runs: 10, Seed: 5, Origin: testOrigin}, 3)
	info, err := ReadPartialInfo(parts[1])
	require.NoError(t, err)
	assert.Equal(t, PartialInfo{Origin: testOrigin, Seed: 5, Runs: 10, Shard: 1, Shards: 3,
		First: 1, Stride: 3, Count: 3, Held: 3, Target: 0.1, HasTarget: true}, info)
}

func TestMergeBinaryRefusesWhatItCannotProve(t *testing.T) {
	s := Settings{Runs: 10, Seed: 5, Origin: testOrigin}
	opts, cs, parts := partsOf(t, s, 3)
	fresh := func(s Settings) *Comparison {
		c, err := NewComparison(opts, s, cs)
		require.NoError(t, err)
		return c
	}
	edited := s
	edited.Origin.ScenarioSHA256[0] ^= 1
	assert.ErrorContains(t, fresh(edited).MergeBinary(parts[0]), "scenario SHA-256")
	run := s
	run.Origin.Command = "run"
	assert.ErrorContains(t, fresh(run).MergeBinary(parts[0]), `command "compare", want "run"`)

	c := fresh(s)
	require.NoError(t, c.MergeBinary(parts[0]))
	assert.ErrorContains(t, c.MergeBinary(parts[0]), "shard 0 of 3, which was merged before")
	_, _, four := partsOf(t, s, 4)
	assert.ErrorContains(t, c.MergeBinary(four[1]), "the parts merged before are of 3 shards")
	require.NoError(t, c.MergeBinary(parts[2]))
	require.NoError(t, c.MergeBinary(parts[1]))
	assert.Equal(t, int64(10), c.Options[0].Table.Runs())
}

// headerField returns the offset in an encoded partial of a header field,
// counted in 8-byte words after the magic.
func headerField(word int) int { return len(partialMagic) + 8*word }

func TestMergeBinaryRefusesATamperedHeader(t *testing.T) {
	s := Settings{Runs: 10, Seed: 5, Origin: testOrigin}
	opts, cs, parts := partsOf(t, s, 3)
	set := func(word int, v int64) []byte {
		data := append([]byte{}, parts[0]...)
		binary.LittleEndian.PutUint64(data[headerField(word):], uint64(v))
		return data
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		// Words: Seed, Runs, Shard, Shards, First, Stride, Count, Held.
		{"relabelled as shard 1", set(2, 1), "runs held are 4 from 0 every 3, want 3 from 1 every 3"},
		{"shard out of range", set(2, 9), "shard is 9 of 3, want 0 to 2"},
		{"negative shard", set(2, -1), "shard is -1 of 3"},
		{"zero shards", set(3, 0), "shard count is 0"},
		{"huge shard count", set(3, 1e15), "shard count is 1000000000000000"},
		{"fewer runs held", set(7, 3), "summaries hold 3 runs, want 4"},
		{"count rewritten", set(6, 3), "runs held are 3 from 0 every 3, want 4"},
		{"another format", append([]byte("AHPSIM-PARTIAL-1\n"), parts[0][len(partialMagic):]...), `format "1" (this build reads 2)`},
		{"not a partial", []byte("junk"), "not an ahpsim partial result"},
		{"truncated header", parts[0][:40], "partial result header"},
	}
	for _, tc := range cases {
		c, err := NewComparison(opts, s, cs)
		require.NoError(t, err)
		assert.ErrorContains(t, c.MergeBinary(tc.data), tc.want, tc.name)
		assert.Zero(t, c.Options[0].Table.Runs(), "%s: a refused part changes nothing", tc.name)
	}
}

func TestMarshalBinaryRefusesAnUnprintableCommand(t *testing.T) {
	base, _, _ := optionModels(t)
	c, err := Compare(context.Background(), []Option{{Name: "baseline", Model: base.Model}},
		Settings{Runs: 2, Origin: Origin{Command: "run\x00"}}, CompareSettings{})
	require.NoError(t, err)
	_, err = c.MarshalBinary()
	assert.ErrorContains(t, err, "want at most 16 printable bytes")
}
