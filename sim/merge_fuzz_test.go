package sim

import (
	"context"
	"testing"
)

// patched returns a copy of base with patch written over it at offset at
// (wrapped to base's length, extending it if need be), cut to cut bytes if
// 0 < cut < its length.
func patched(base []byte, at int, patch []byte, cut int) []byte {
	at %= len(base) + 1
	data := append([]byte{}, base[:at]...)
	data = append(data, patch...)
	if end := at + len(patch); end < len(base) {
		data = append(data, base[end:]...)
	}
	if cut > 0 && cut < len(data) {
		data = data[:cut]
	}
	return data
}

// maxPatch bounds the fuzzer's patches: it grows them without limit, and
// minimising a new input of n bytes takes about n*n/2 executions, during
// which the fuzzer stands still.
const maxPatch = 64

// FuzzMergeBinary feeds MergeBinary partial results: real shards of a small
// job with bytes written over them and cut short, or (which >= 128) the
// patch bytes alone. Whatever they are, the answer is an error (leaving
// the comparison unchanged) or a merge, never a panic. The input is a patch
// rather than a whole part because the fuzzer's minimisation of a new
// input costs executions in the square of its length, and the fuzzer waits
// for it: whole parts (2 kB) stalled it for the whole run.
func FuzzMergeBinary(f *testing.F) {
	m := newTestModel(f, 12, 1, [3]int{2, 1, 1}, [3]float64{2, 1, 1})
	opts := []Option{{Name: "baseline", Model: m.Model}}
	s := Settings{Runs: 2, Seed: 1, Origin: Origin{Command: "run"}}
	var parts [][]byte
	for shard := range 2 {
		ps := s
		ps.Shard, ps.Shards = shard, 2
		c, err := Compare(context.Background(), opts, ps, CompareSettings{})
		if err != nil {
			f.Fatal(err)
		}
		data, err := c.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		parts = append(parts, data)
	}
	f.Add(uint8(0), uint16(0), []byte{}, uint16(0))
	f.Add(uint8(1), uint16(0), []byte{}, uint16(0))
	f.Add(uint8(0), uint16(headerField(2)), []byte{1}, uint16(0)) // relabelled as shard 1
	f.Add(uint8(1), uint16(0), []byte{}, uint16(300))             // cut in a table
	f.Add(uint8(200), uint16(0), []byte(partialMagic), uint16(0))
	fresh := func() *Comparison {
		c, err := NewComparison(opts, s, CompareSettings{})
		if err != nil {
			f.Fatal(err)
		}
		return c
	}
	// A refused part changes nothing, so one comparison serves until a
	// part is merged; that keeps each execution cheap.
	c := fresh()
	f.Fuzz(func(t *testing.T, which uint8, at uint16, patch []byte, cut uint16) {
		if len(patch) > maxPatch {
			return // see maxPatch
		}
		data := patch
		if which < 128 {
			data = patched(parts[int(which)%len(parts)], int(at), patch, int(cut))
		}
		_, infoErr := ReadPartialInfo(data)
		if err := c.MergeBinary(data); err != nil {
			if c.Options[0].Table.Runs() != 0 {
				t.Fatalf("a refused part (%v) changed the comparison", err)
			}
			return
		}
		if infoErr != nil {
			t.Fatalf("merged a part whose header ReadPartialInfo refuses: %v", infoErr)
		}
		if c.MergeBinary(data) == nil {
			t.Fatal("the same part merged twice")
		}
		c = fresh()
	})
}
