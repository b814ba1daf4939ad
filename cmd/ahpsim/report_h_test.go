package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReportFlags checks that --metrics, --groups and --every-months
// write exactly the selected rows of the whole summary.csv, byte for byte,
// and no plots; and that unknown names are refused with the valid ones.
func TestReportFlags(t *testing.T) {
	dir := t.TempDir()
	run := func(name string, extra ...string) []string {
		out := filepath.Join(dir, name)
		args := append([]string{"run", "bhr-baseline", "--runs", "6", "--seed", "2", "--workers", "2", "--out", out}, extra...)
		msg, code := runCLI(t, args...)
		require.Equal(t, 0, code, msg)
		data, err := os.ReadFile(filepath.Join(out, "summary.csv"))
		require.NoError(t, err)
		_, err = os.Stat(filepath.Join(out, "plots"))
		assert.True(t, os.IsNotExist(err), "no plots (the whole run has --no-plots, a selection makes none)")
		return strings.Split(strings.TrimSpace(string(data)), "\n")
	}
	whole := run("whole", "--no-plots", "--metrics", "all", "--groups", "all")
	got := run("selected", "--metrics", "vacancy_rate,leavers", "--groups", "system,professions", "--every-months", "24")
	start := strings.Split(whole[1], ",")[1]
	last := strings.Split(whole[len(whole)-1], ",")[1]
	keepDate := func(d string) bool { // every 24 months from the start, and the last
		return d == last || d[4:] == start[4:] && (atoi(t, d[:4])-atoi(t, start[:4]))%2 == 0
	}
	want := whole[:1]
	for _, line := range whole[1:] {
		f := strings.Split(line, ",")
		if keepDate(f[1]) && f[2] == "all" && f[4] == "all" && (f[5] == "vacancy_rate" || f[5] == "leavers") {
			want = append(want, line)
		}
	}
	assert.Equal(t, want, got)

	msg, code := runCLI(t, "run", "bhr-baseline", "--runs", "2", "--groups", "system,profesion", "--out", filepath.Join(dir, "bad"))
	assert.Equal(t, 2, code)
	assert.Contains(t, msg, `--groups: unknown group kind "profesion" (want one of system, organisations, professions,`)
	msg, code = runCLI(t, "run", "bhr-baseline", "--runs", "2", "--metrics", "vacancy_rat", "--out", filepath.Join(dir, "bad2"))
	assert.Equal(t, 1, code)
	assert.Contains(t, msg, `report metric "vacancy_rat" is not reported for these models (want one of in_post_hc,`)
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}

// TestReportFlagsShardsMerge checks that the shards of a job run with
// --metrics and --groups merge into the summary.csv of the unsharded job,
// byte for byte: merge takes the selection from the parts.
func TestReportFlagsShardsMerge(t *testing.T) {
	dir := t.TempDir()
	sel := []string{"--runs", "6", "--seed", "2", "--metrics", "vacancy_rate,leaver_rate", "--groups", "system,bands", "--quiet"}
	job := func(out string, extra ...string) {
		msg, code := runCLI(t, append(append([]string{"run", "bhr-baseline", "--out", filepath.Join(dir, out)}, sel...), extra...)...)
		require.Equal(t, 0, code, msg)
	}
	job("whole")
	job("part0", "--shard", "0/2")
	job("part1", "--shard", "1/2")
	msg, code := runCLI(t, "merge", "--quiet", "--out", filepath.Join(dir, "merged"), filepath.Join(dir, "part0"), filepath.Join(dir, "part1"))
	require.Equal(t, 0, code, msg)
	want, err := os.ReadFile(filepath.Join(dir, "whole", "summary.csv"))
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(dir, "merged", "summary.csv"))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
}

// TestReportFlagsDefaultWord checks that --metrics default and --groups
// default undo a scenario's report section: the job writes the summary.csv
// of the same scenario without the section, and its manifest says the
// selection is the default one.
func TestReportFlagsDefaultWord(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "teaching.yaml"))
	require.NoError(t, err)
	plain := filepath.Join(dir, "plain.yaml")
	narrowed := filepath.Join(dir, "narrowed.yaml")
	require.NoError(t, os.WriteFile(plain, src, 0o644))
	section := "\nreport:\n  metrics: [vacancy_rate]\n  groups: [system]\n"
	require.NoError(t, os.WriteFile(narrowed, append(append([]byte{}, src...), section...), 0o644))
	run := func(name, scenario string, extra ...string) (summary, manifest string) {
		out := filepath.Join(dir, name)
		args := append([]string{"run", scenario, "--runs", "4", "--seed", "3", "--no-plots", "--out", out}, extra...)
		msg, code := runCLI(t, args...)
		require.Equal(t, 0, code, msg)
		s, err := os.ReadFile(filepath.Join(out, "summary.csv"))
		require.NoError(t, err)
		m, err := os.ReadFile(filepath.Join(out, "manifest.json"))
		require.NoError(t, err)
		return string(s), string(m)
	}
	want, _ := run("plain", plain)
	narrow, narrowManifest := run("narrowed", narrowed)
	require.Less(t, len(narrow), len(want), "the section narrows the output")
	assert.Contains(t, narrowManifest, `"kind": "custom"`)
	got, manifest := run("undone", narrowed, "--metrics", "default", "--groups", "default")
	assert.Equal(t, want, got)
	assert.Contains(t, manifest, `"kind": "default"`)
}
