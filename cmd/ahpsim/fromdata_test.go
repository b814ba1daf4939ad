package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
)

// fromDataTable copies the small history of testdata into dir.
func fromDataTable(t *testing.T, dir string) string {
	data, err := os.ReadFile("testdata/from-data-history.csv")
	require.NoError(t, err)
	path := filepath.Join(dir, "history.csv")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

// loadCompiled loads a written scenario and compiles it with its options.
func loadCompiled(t *testing.T, path string) *scenario.File {
	f, err := scenario.Load(path)
	require.NoError(t, err, path)
	_, err = f.CompileOptions()
	require.NoError(t, err, path)
	return f
}

func TestInitWritesARunnableScenario(t *testing.T) {
	dir := t.TempDir()
	table := fromDataTable(t, dir)
	out := filepath.Join(dir, "s.yaml")
	stdout, code := runCLI(t, "init", table, "--out", out)
	require.Equal(t, 0, code, stdout)
	assert.Contains(t, stdout, "wrote "+out+": 5 bands, starting 2025-04 from the end of 2025-03 in history.csv")
	assert.Contains(t, stdout, "assumptions (marked ASSUMPTION in the file; check them):\n  leaver_rate in 5 of 5 bands")
	f := loadCompiled(t, out)
	assert.Equal(t, "2025-04", f.Simulation.Start.String())
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(data), "headcount: 23              # staff in post, heads, end of 2025-03, history.csv")

	// It runs.
	stdout, code = runCLI(t, "run", out, "--runs", "4", "--no-plots", "--quiet", "--out", filepath.Join(dir, "run"))
	require.Equal(t, 0, code, stdout)

	// Nothing is overwritten without --force, and the file is unchanged.
	require.NoError(t, os.WriteFile(out, []byte("mine"), 0o644))
	stdout, code = runCLI(t, "init", table, "--out", out)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "ahpsim: "+out+" already exists (give --force to replace it)")
	mine, _ := os.ReadFile(out)
	assert.Equal(t, "mine", string(mine))
	stdout, code = runCLI(t, "init", table, "--out", out, "--force")
	require.Equal(t, 0, code, stdout)
	loadCompiled(t, out)
	assertNoTemporaries(t, dir)
}

func TestCalibrateWritesFittedScenarioAndReport(t *testing.T) {
	dir := t.TempDir()
	table := fromDataTable(t, dir)
	out := filepath.Join(dir, "fitted.yaml")
	stdout, code := runCLI(t, "calibrate", table, "--out", out)
	require.Equal(t, 0, code, stdout)
	csv, txt := filepath.Join(dir, "fitted.fit.csv"), filepath.Join(dir, "fitted.fit.txt")
	assert.Contains(t, stdout, "wrote the fit report: "+csv+" and "+txt)
	for _, p := range []string{csv, txt} {
		st, err := os.Stat(p)
		require.NoError(t, err)
		assert.Positive(t, st.Size(), p)
	}
	loadCompiled(t, out)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(data), "# fitted from history.csv 2023-04 to 2025-03: ")
	assert.Contains(t, string(data), "leaver_rate: {dist: beta, alpha: ")

	// --report DIR puts the report there; an existing report is refused.
	rep := filepath.Join(dir, "report")
	stdout, code = runCLI(t, "calibrate", table, "--out", filepath.Join(dir, "b.yaml"), "--report", rep)
	require.Equal(t, 0, code, stdout)
	assert.FileExists(t, filepath.Join(rep, "b.fit.csv"))
	stdout, code = runCLI(t, "calibrate", table, "--out", filepath.Join(dir, "c.yaml"), "--report", rep)
	require.Equal(t, 0, code, stdout)
	require.NoError(t, os.Remove(filepath.Join(dir, "c.yaml")))
	stdout, code = runCLI(t, "calibrate", table, "--out", filepath.Join(dir, "c.yaml"), "--report", rep)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, filepath.Join(rep, "c.fit.csv")+" already exists")
	assert.NoFileExists(t, filepath.Join(dir, "c.yaml"), "nothing is written when any output exists")
	assertNoTemporaries(t, dir)

	// A table without promotions_in: the fit says what it did not fit.
	data, err = os.ReadFile(table)
	require.NoError(t, err)
	var lines []string
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		lines = append(lines, line[:strings.LastIndexByte(line, ',')])
	}
	short := filepath.Join(dir, "short.csv")
	require.NoError(t, os.WriteFile(short, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	stdout, code = runCLI(t, "calibrate", short, "--out", filepath.Join(dir, "short.yaml"))
	require.Equal(t, 0, code, stdout)
	assert.Contains(t, stdout, "notes from the fit:\n")
	assert.Contains(t, stdout, "\n  no promotions_in column: promotion.monthly_apply not fitted\n")
	loadCompiled(t, filepath.Join(dir, "short.yaml"))
}

func TestCalibrateOverABaseScenario(t *testing.T) {
	dir := t.TempDir()
	table := fromDataTable(t, dir)
	base := filepath.Join(dir, "base.yaml")
	stdout, code := runCLI(t, "examples", "teaching")
	require.Equal(t, 0, code)
	require.NoError(t, os.WriteFile(base, []byte(stdout), 0o644))
	out := filepath.Join(dir, "fitted.yaml")
	stdout, code = runCLI(t, "calibrate", table, "--scenario", base, "--out", out)
	require.Equal(t, 0, code, stdout)
	f := loadCompiled(t, out)
	assert.Equal(t, "Teaching example", f.Name)
	assert.Equal(t, "2025-04", f.Simulation.Start.String())
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	text := string(data)
	for _, want := range []string{
		"# An annual cohort of graduates arrives each September", // the base's comments
		"transitions:", "new_posts:", // and flows
		"headcount: 23 # staff in post, heads, end of 2025-03, history.csv",
	} {
		assert.Contains(t, text, want)
	}
}

func TestFromDataUsage(t *testing.T) {
	dir := t.TempDir()
	table := fromDataTable(t, dir)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"init", "--out", "x.yaml"}, "init takes one history table (got 0 arguments)"},
		{[]string{"init", table}, "init needs --out FILE"},
		{[]string{"calibrate", table, table, "--out", "x.yaml"}, "calibrate takes one history table (got 2 arguments)"},
		{[]string{"init", table, "--out", "x.yaml", "--horizon-months", "0"}, "--horizon-months 0: want 1 to 360"},
	} {
		stdout, code := runCLI(t, c.args...)
		assert.Equal(t, 2, code, "%v", c.args)
		assert.Contains(t, stdout, c.want, "%v", c.args)
	}
	stdout, code := runCLI(t, "init", filepath.Join(dir, "missing.csv"), "--out", filepath.Join(dir, "x.yaml"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "missing.csv")

	// A file that cannot be written is named, and nothing is left behind.
	bad := filepath.Join(dir, "no-such-dir", "x.yaml")
	stdout, code = runCLI(t, "init", table, "--out", bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "ahpsim: "+bad+": ")
	assertNoTemporaries(t, dir)
}

// assertNoTemporaries checks that no temporary file is left in dir.
func assertNoTemporaries(t *testing.T, dir string) {
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasSuffix(e.Name(), ".tmp"), e.Name())
	}
}
