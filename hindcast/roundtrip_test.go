package hindcast

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/ahpsim/ahpsim/history"
)

// TestSynthReadsBack: a synthetic history written by history.WriteCSV
// reads back with history.ReadFile to the same rows and figures (to the
// six decimals written), so synth's output is a table init, calibrate and
// hindcast take.
func TestSynthReadsBack(t *testing.T) {
	tab, err := Synth(context.Background(), exampleModel(t, "teaching"), 11, 25)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "history.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := history.WriteCSV(f, tab); err != nil {
		t.Fatal(err)
	}
	f.Close()
	back, err := history.ReadFile(path, history.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Rows) != len(tab.Rows) || len(back.Columns) != len(tab.Columns) {
		t.Fatalf("read %d rows of %d columns, wrote %d of %d", len(back.Rows), len(back.Columns), len(tab.Rows), len(tab.Columns))
	}
	for i, c := range tab.Columns {
		if back.Columns[i] != c {
			t.Errorf("column %d read as %s, written %s", i, back.Columns[i], c)
		}
	}
	for i, w := range tab.Rows {
		r := back.Rows[i]
		if r.Month != w.Month || r.Org != w.Org || r.Prof != w.Prof || r.Band != w.Band {
			t.Fatalf("row %d read as %s %s %s %s, written %s %s %s %s", i, r.Month, r.Org, r.Prof, r.Band, w.Month, w.Org, w.Prof, w.Band)
		}
		for _, c := range tab.Columns {
			a, b := w.Figures[c], r.Figures[c]
			if math.IsNaN(a) != math.IsNaN(b) || math.Abs(a-b) > 5e-7 {
				t.Errorf("row %d (%s %s %s) %s: wrote %v, read %v", i, w.Month, w.Prof, w.Band, c, a, b)
			}
		}
	}
}
