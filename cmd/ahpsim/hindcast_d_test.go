package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/hindcast"
	"github.com/ahpsim/ahpsim/scenario"
)

// teachingFile writes the teaching example as t.yaml. Its establishment
// growth is exact, so the history shows it with no noise: calibrate must
// write it as a plain number, not a triangular of zero width.
func teachingFile(t *testing.T) {
	t.Helper()
	text, code := runCLI(t, "examples", "teaching")
	require.Equal(t, 0, code)
	require.Contains(t, text, "establishment_growth:")
	require.NoError(t, os.WriteFile("t.yaml", []byte(text), 0o644))
}

// TestHindcastCommand: a hindcast of the teaching example against its own
// synthetic history writes every output, the fitted scenario starting in
// --from, and the same bytes for any number of workers.
func TestHindcastCommand(t *testing.T) {
	t.Chdir(t.TempDir())
	teachingFile(t)
	out, code := runCLI(t, "synth", "t.yaml", "--months", "25", "--out", "history.csv", "--quiet")
	require.Equal(t, 0, code, out)
	args := []string{"hindcast", "t.yaml", "--data", "history.csv", "--from", "2026-04", "--runs", "30", "--seed", "5"}
	out, code = runCLI(t, append(args, "--out", "a", "--workers", "1")...)
	require.Equal(t, 0, code, out)
	for _, s := range []string{
		"Hindcast of Teaching example (t.yaml) from 2026-04 to 2027-04: 13 months, 30 runs, seed 5\n",
		"fitted on 2025-03 to 2026-03 of history.csv\n",
		"Staff in post (heads)", "Vacancy rate", "Leavers a month (heads)", "  Occupational therapist", "  mean of 5 cells",
		"Wrote a: fit.csv, fit.txt, fitted.yaml, manifest.json, scores.csv, plots/ (4 files)\n",
	} {
		assert.Contains(t, out, s)
	}
	for _, f := range []string{"scores.csv", "fitted.yaml", "fit.csv", "fit.txt", "manifest.json",
		"plots/hindcast-occupational_therapist.png", "plots/hindcast-occupational_therapist.svg",
		"plots/hindcast-support_worker.png", "plots/hindcast-support_worker.svg"} {
		_, err := os.Stat(filepath.Join("a", f))
		assert.NoError(t, err, f)
	}
	fitted, err := scenario.Load(filepath.Join("a", "fitted.yaml"))
	require.NoError(t, err)
	assert.Equal(t, "2026-04", fitted.Simulation.Start.String())
	rows := readCSV(t, filepath.Join("a", "scores.csv"))
	assert.Equal(t, hindcast.ScoreHeader, rows[0])
	assert.Len(t, rows, 1+3*(5+2+1), "a line per measure for 5 cells, 2 professions and the system")

	out, code = runCLI(t, append(args, "--out", "b", "--workers", "3", "--quiet")...)
	require.Equal(t, 0, code, out)
	assert.Empty(t, out)
	for _, f := range []string{"scores.csv", "fitted.yaml", "fit.csv", "manifest.json", "plots/hindcast-support_worker.svg"} {
		a, _ := os.ReadFile(filepath.Join("a", f))
		b, _ := os.ReadFile(filepath.Join("b", f))
		assert.Equal(t, string(a), string(b), "%s differs with 3 workers", f)
	}

	out, code = runCLI(t, append(args, "--out", "a")...)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "output directory a exists and is not empty (use --force")
	out, code = runCLI(t, append(args, "--out", "a", "--force", "--quiet")...)
	assert.Equal(t, 0, code, out)
	leftovers, _ := filepath.Glob(".ahpsim-tmp-*")
	assert.Empty(t, leftovers)

	// --keep-rates: no fit; the scenario's own rates, started from the
	// table's state.
	out, code = runCLI(t, append(args, "--out", "k", "--keep-rates")...)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "the scenario's own rates (--keep-rates), started from the end of 2026-03 in history.csv\n")
	assert.Contains(t, out, "Wrote k: fitted.yaml, manifest.json, scores.csv, plots/ (4 files)\n")
	kept, err := os.ReadFile(filepath.Join("k", "fitted.yaml"))
	require.NoError(t, err)
	assert.NotContains(t, string(kept), "fitted from history.csv")
	assert.Contains(t, string(kept), "monthly_fill: 0.209", "the support workers' own fill is kept")
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return rows
}

func TestHindcastRefuses(t *testing.T) {
	t.Chdir(t.TempDir())
	out, code := runCLI(t, "synth", "teaching", "--months", "13", "--out", "history.csv", "--quiet")
	require.Equal(t, 0, code, out)
	usage := "\nRun 'ahpsim help' for usage.\n"
	for _, tc := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{"--from", "2025-06", "--out", "o"}, "ahpsim: hindcast needs --data TABLE, the history to score against" + usage, 2},
		{[]string{"--data", "history.csv", "--out", "o"}, "ahpsim: hindcast needs --from MONTH, the first month to project (YYYY-MM)" + usage, 2},
		{[]string{"--data", "history.csv", "--from", "2025-06"}, "ahpsim: hindcast needs --out DIR" + usage, 2},
		{[]string{"--data", "history.csv", "--from", "June", "--out", "o"}, "ahpsim: --from: bad month \"June\" (want YYYY-MM, e.g. 2025-04)" + usage, 2},
		{[]string{"--data", "history.csv", "--from", "2025-06", "--out", "o", "--runs", "0"}, "ahpsim: --runs 0: want 1 to 100000" + usage, 2},
		{[]string{"--data", "history.csv", "--from", "2025-03", "--out", "o"}, "ahpsim: --from 2025-03: want a month after the table's first (2025-03), whose end is the starting state, and at most its last (2026-04)\n", 1},
		{[]string{"--data", "history.csv", "--from", "2026-05", "--out", "o"}, "ahpsim: --from 2026-05: want a month after the table's first (2025-03), whose end is the starting state, and at most its last (2026-04)\n", 1},
	} {
		out, code := runCLI(t, append([]string{"hindcast", "teaching"}, tc.args...)...)
		assert.Equal(t, tc.code, code, "%v", tc.args)
		assert.Equal(t, tc.want, out, "%v", tc.args)
	}
	_, err := os.Stat("o")
	assert.True(t, os.IsNotExist(err), "nothing written after a failure")
	out, code = runCLI(t, "hindcast", "teaching", "--data", "missing.csv", "--from", "2025-06", "--out", "o")
	assert.Equal(t, 1, code)
	assert.True(t, strings.Contains(out, "missing.csv"), out)
}

// TestHindcastCancelled: a cancelled hindcast says so and writes nothing.
func TestHindcastCancelled(t *testing.T) {
	t.Chdir(t.TempDir())
	teachingFile(t)
	out, code := runCLI(t, "synth", "t.yaml", "--months", "25", "--out", "history.csv", "--quiet")
	require.Equal(t, 0, code, out)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	err := run(ctx, &buf, &buf, []string{"hindcast", "t.yaml", "--data", "history.csv", "--from", "2026-04", "--runs", "30", "--out", "c"})
	require.ErrorIs(t, err, errCancelled)
	assert.Contains(t, err.Error(), "while projecting")
	_, statErr := os.Stat("c")
	assert.True(t, os.IsNotExist(statErr), "nothing written")
	leftovers, _ := filepath.Glob(".ahpsim-tmp-*")
	assert.Empty(t, leftovers)
}
