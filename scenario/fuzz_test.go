package scenario_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
)

// FuzzParse checks that Parse never panics, that it fails only with an
// ErrorList, and that whatever it accepts compiles to a valid model. The
// seed corpus is every invalid test file (none over about 1 kB) and two
// small valid files: the examples, of 10 to 40 kB, would stall the fuzzer
// while it minimises each new input (84 executions in 4 minutes).
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/invalid/*.yaml"} {
		paths, err := filepath.Glob(pattern)
		require.NoError(f, err)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			require.NoError(f, err)
			f.Add(data)
		}
	}
	f.Add([]byte(smallYAML))
	f.Add([]byte(dynamicsYAML))
	f.Fuzz(func(t *testing.T, data []byte) {
		// A slow input is a bug too: crash the worker so that the fuzzer
		// saves the input.
		watchdog := time.AfterFunc(fuzzDeadline, func() {
			panic(fmt.Sprintf("Parse took over %v on %d bytes: %q", fuzzDeadline, len(data), truncate(data, 500)))
		})
		defer watchdog.Stop()
		file, err := scenario.Parse("fuzz.yaml", data)
		if err != nil {
			var list scenario.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("Parse error is not a non-empty ErrorList: %#v", err)
			}
			if file != nil {
				t.Fatal("Parse returned a File with an error")
			}
			return
		}
		m, err := file.Compile()
		if err != nil {
			t.Fatalf("Parse accepted a file that does not compile: %v", err)
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("compiled model is invalid: %v", err)
		}
	})
}

// fuzzDeadline is how long one Parse may take under the fuzzer. Inputs
// are far below MaxBytes, which TestHostileInputs covers, so this is
// generous even on a loaded machine.
const fuzzDeadline = 10 * time.Second

func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// TestHostileInputs parses large inputs built to be slow (deep nesting,
// huge mappings, many errors) and checks that each is rejected quickly.
// The bound is loose; it catches quadratic behaviour, which would take
// minutes on inputs this size, not ordinary slowness.
func TestHostileInputs(t *testing.T) {
	head := "name: x\nsimulation: {start: 2024-04, horizon_years: 1}\n"
	fill := func(prefix, unit string) []byte {
		n := (scenario.MaxBytes - len(prefix)) / len(unit)
		return []byte(prefix + strings.Repeat(unit, n))
	}
	var bandKeys strings.Builder
	bandKeys.WriteString(head + "workforce:\n  - profession: dietitian\n    bands:\n")
	for i := 0; bandKeys.Len() < scenario.MaxBytes-40; i++ {
		fmt.Fprintf(&bandKeys, "      k%d: {}\n", i)
	}
	var shares strings.Builder
	shares.WriteString(head + "leaver_destinations: [a]\nworkforce:\n  - profession: dietitian\n    leaver_destinations:\n")
	for i := 0; shares.Len() < scenario.MaxBytes-40; i++ {
		fmt.Fprintf(&shares, "      d%d: 0\n", i)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"deep flow nesting", fill("name: ", "[")},
		{"deep block nesting", fill("", "- ")},
		{"many unknown keys", fill(head, "k: 1\n")},
		{"many band keys", []byte(bandKeys.String())},
		{"many destination shares", []byte(shares.String())},
		{"many workforce entries", fill(head+"workforce:\n", "  - {profession: nope, bands: {5: {headcount: -1}}}\n")},
		{"long string", fill("name: ", "x")},
		{"many documents", fill(head, "---\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.LessOrEqual(t, len(tt.data), scenario.MaxBytes)
			start := time.Now()
			_, err := scenario.Parse("hostile.yaml", tt.data)
			elapsed := time.Since(start)
			require.Error(t, err)
			var list scenario.ErrorList
			require.ErrorAs(t, err, &list)
			assert.LessOrEqual(t, len(list), scenario.MaxErrors)
			assert.Less(t, elapsed, 10*time.Second)
			t.Logf("%v, %d errors; first: %v", elapsed, len(list), list[0])
		})
	}
}

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("../examples/bhr-baseline.yaml")
	require.NoError(b, err)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := scenario.Parse("bhr-baseline.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
