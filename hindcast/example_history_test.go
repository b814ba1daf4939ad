package hindcast

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/ahpsim/ahpsim/history"
)

// TestShippedHistoryRegenerates: examples/history/bhr-baseline.csv is
// what its README says made it, byte for byte.
func TestShippedHistoryRegenerates(t *testing.T) {
	shipped, err := os.ReadFile("../examples/history/bhr-baseline.csv")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := Synth(context.Background(), exampleModel(t, "bhr-baseline"), 20240401, 36)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := history.WriteCSV(&buf, tab); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), shipped) {
		t.Error("examples/history/bhr-baseline.csv is not what `ahpsim synth bhr-baseline --months 36 --out examples/history/bhr-baseline.csv` writes: regenerate it with that command")
	}
}
