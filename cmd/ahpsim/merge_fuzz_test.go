package main

import (
	"encoding/json"
	"testing"

	"github.com/ahpsim/ahpsim/sim"
)

// Bounds on the fuzzer's inputs: it grows them without limit, and
// minimising a new input of n bytes takes about n*n/2 executions, during
// which the fuzzer stands still.
const (
	maxFuzzManifest = 400
	maxFuzzPatch    = 64
)

// FuzzMergeInputs feeds a shard's manifest.json and partial.ahpsim, as
// found in its folder, to every check merge makes and to the library's
// MergeBinary: whatever the bytes, the answer is an error or a merge,
// never a panic. The manifest is fuzzed whole, seeded with two real ones
// cut to the fields merge reads; the partial is a real part of the smallest
// job with a patch written over it at offset at and cut to cut bytes.
// (sim.FuzzMergeBinary fuzzes partial results alone, faster.)
func FuzzMergeInputs(f *testing.F) {
	// No Chdir: the fuzzing engine needs the package directory.
	parts := shardsOf(f, f.TempDir(), "run", "testdata/merge-tiny.yaml", 3)
	var good []partial
	for _, d := range parts {
		p, err := readPartialDir(d)
		if err != nil {
			f.Fatal(err)
		}
		good = append(good, p)
	}
	j, err := mergeJob(good[0])
	if err != nil {
		f.Fatal(err)
	}
	f.Add(compactManifest(f, good[0].manifest), uint16(0), []byte{}, uint16(0))
	f.Add(compactManifest(f, good[1].manifest), uint16(0), []byte{}, uint16(0))
	f.Add([]byte(`{"tool": "ahpsim", "shard": {"index": 9, "count": 4}}`), uint16(17+16), []byte{1}, uint16(0))
	f.Add([]byte(`{"shard": {"index": "x"}}`), uint16(0), []byte("AHPSIM-PARTIAL-1"), uint16(40))
	// A refused part leaves the comparison unchanged (MergeBinary's
	// contract), so one serves until a part is merged: executions stay
	// cheap.
	fresh := func() *sim.Comparison {
		c, err := sim.NewComparison(j.opts, j.settings, j.compare)
		if err != nil {
			f.Fatal(err)
		}
		return c
	}
	c := fresh()
	f.Fuzz(func(t *testing.T, rawManifest []byte, at uint16, patch []byte, cut uint16) {
		if len(rawManifest) > maxFuzzManifest || len(patch) > maxFuzzPatch {
			return // see maxFuzzManifest
		}
		data := patchedBytes(good[0].data, int(at), patch, int(cut))
		if c.MergeBinary(data) == nil {
			if c.MergeBinary(data) == nil {
				t.Fatal("the same part merged twice")
			}
			c = fresh()
		}
		m, err := parseManifest("fuzz", rawManifest)
		if err != nil {
			return
		}
		p, err := newPartial("fuzz", m, good[0].scenario, data)
		if err != nil {
			return
		}
		if checkPart(p) == nil {
			_ = checkParts([]partial{good[1], p, good[2]})
		}
	})
}

// patchedBytes returns a copy of base with patch written over it at
// offset at (wrapped to base's length, extending it if need be), cut to
// cut bytes if 0 < cut < its length.
func patchedBytes(base []byte, at int, patch []byte, cut int) []byte {
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

// compactManifest is a manifest with only the fields merge reads, as
// compact JSON.
func compactManifest(f *testing.F, m manifest) []byte {
	data, err := json.Marshal(map[string]any{"tool": m.Tool, "command": m.Command, "scenario_sha256": m.SHA256,
		"seed": m.Seed, "runs": m.Runs, "deterministic": m.Deterministic, "shard": m.Shard})
	if err != nil {
		f.Fatal(err)
	}
	return data
}
