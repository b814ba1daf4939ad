package main

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/hindcast"
	"github.com/ahpsim/ahpsim/history"
)

// TestSynthWritesTheHistory: the file is hindcast.Synth's table, seed
// defaulting to the scenario's, written whole and only once without
// --force.
func TestSynthWritesTheHistory(t *testing.T) {
	t.Chdir(t.TempDir())
	out, code := runCLI(t, "synth", "teaching", "--months", "13", "--out", "h/history.csv")
	require.Equal(t, 0, code, out)
	assert.Equal(t, "Wrote h/history.csv: 5 cells, 2025-03 (the starting state) to 2026-04, seed 42.\n", out)
	got, err := os.ReadFile("h/history.csv")
	require.NoError(t, err)
	in, err := loadScenario("teaching")
	require.NoError(t, err)
	m, err := in.file.Compile()
	require.NoError(t, err)
	tab, err := hindcast.Synth(context.Background(), m, 42, 13)
	require.NoError(t, err)
	var want bytes.Buffer
	require.NoError(t, history.WriteCSV(&want, tab))
	assert.Equal(t, want.String(), string(got))

	out, code = runCLI(t, "synth", "teaching", "--months", "13", "--out", "h/history.csv", "--seed", "43")
	assert.Equal(t, 1, code)
	assert.Equal(t, "ahpsim: h/history.csv exists (use --force to replace it, or --out for another file)\n", out)
	out, code = runCLI(t, "synth", "teaching", "--months", "13", "--out", "h/history.csv", "--seed", "43", "--force", "--quiet")
	require.Equal(t, 0, code, out)
	assert.Empty(t, out)
	other, err := os.ReadFile("h/history.csv")
	require.NoError(t, err)
	assert.NotEqual(t, string(got), string(other), "another seed, another history")
	entries, err := os.ReadDir("h")
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left beside the history")
}

func TestSynthRefuses(t *testing.T) {
	t.Chdir(t.TempDir())
	scen, code := runCLI(t, "examples", "teaching")
	require.Equal(t, 0, code)
	require.NoError(t, os.WriteFile("t.yaml", []byte(scen), 0o644))
	require.NoError(t, os.Mkdir("dir", 0o755))
	for _, tc := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{"synth", "teaching", "--out", "x.csv"}, "ahpsim: synth needs --months N, from 1 to 360\nRun 'ahpsim help' for usage.\n", 2},
		{[]string{"synth", "teaching", "--months", "0", "--out", "x.csv"}, "ahpsim: synth needs --months N, from 1 to 360\nRun 'ahpsim help' for usage.\n", 2},
		{[]string{"synth", "teaching", "--months", "12"}, "ahpsim: synth needs --out FILE, e.g. --out history.csv\nRun 'ahpsim help' for usage.\n", 2},
		{[]string{"synth", "--months", "12", "--out", "x.csv"}, "ahpsim: synth needs one scenario (a file or an example name), got 0\nRun 'ahpsim help' for usage.\n", 2},
		{[]string{"synth", "t.yaml", "--months", "13", "--out", "t.yaml", "--force"}, "ahpsim: t.yaml is an input of this command; --force never replaces an input (use another --out)\n", 1},
		{[]string{"synth", "t.yaml", "--months", "13", "--out", "dir"}, "ahpsim: dir is a directory (want a file name, e.g. dir/history.csv)\n", 1},
		{[]string{"synth", "teaching", "--months", "12", "--out", "x.csv"}, "ahpsim: option \"baseline\": new posts 0: starts in 2026-04, after the last month simulated (2026-03)\n", 1},
	} {
		out, code := runCLI(t, tc.args...)
		assert.Equal(t, tc.code, code, "%v", tc.args)
		assert.Equal(t, tc.want, out, "%v", tc.args)
	}
	_, err := os.Stat("x.csv")
	assert.True(t, os.IsNotExist(err), "nothing written after a failure")
}
