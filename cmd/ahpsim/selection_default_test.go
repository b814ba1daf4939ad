package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDefaultSelectionOutputs checks that compare with the default
// selection writes plots/ and report.html, the same bytes as with
// everything (--metrics all --groups all), as is comparison.csv; that its
// summary.csv is the whole one's rows of the default metrics; and that
// the manifest records each selection.
func TestDefaultSelectionOutputs(t *testing.T) {
	dir := t.TempDir()
	job := func(name string, extra ...string) string {
		out := filepath.Join(dir, name)
		args := append([]string{"compare", "bhr-options", "--runs", "8", "--seed", "3", "--workers", "2", "--quiet", "--out", out}, extra...)
		msg, code := runCLI(t, args...)
		require.Equal(t, 0, code, msg)
		assert.NotContains(t, msg, "note:", "nothing is skipped")
		return out
	}
	def, all := job("default"), job("all", "--metrics", "all", "--groups", "all")
	read := func(d, name string) string {
		data, err := os.ReadFile(filepath.Join(d, name))
		require.NoError(t, err)
		return string(data)
	}
	plots, err := filepath.Glob(filepath.Join(all, "plots", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, plots)
	for _, p := range plots {
		name := filepath.Join("plots", filepath.Base(p))
		assert.Equal(t, read(all, name), read(def, name), name)
	}
	assert.Equal(t, read(all, "report.html"), read(def, "report.html"))
	assert.Equal(t, read(all, "comparison.csv"), read(def, "comparison.csv"))

	m := readManifest(t, def)
	require.NotNil(t, m.Report)
	assert.Equal(t, "default", m.Report.Kind)
	assert.Nil(t, m.Report.Groups, "one organisation: every kind")
	assert.Contains(t, m.Report.Metrics, "vacancy_rate")
	wholeLines := strings.Split(strings.TrimSpace(read(all, "summary.csv")), "\n")
	want := wholeLines[:1]
	for _, line := range wholeLines[1:] {
		if slices.Contains(m.Report.Metrics, strings.Split(line, ",")[5]) {
			want = append(want, line)
		}
	}
	assert.Equal(t, want, strings.Split(strings.TrimSpace(read(def, "summary.csv")), "\n"))
	assert.Equal(t, &selection{Kind: "all"}, readManifest(t, all).Report)
}

// TestSelectionSkipNote checks that a selection lacking what the plots
// read writes no plots and says so once, with the flags that would give
// them; that a selection of everything writes them and the manifest says
// "all"; and that merge keeps the parts' selection in its manifest.
func TestSelectionSkipNote(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "small")
	msg, code := runCLI(t, "run", "bhr-baseline", "--runs", "4", "--quiet", "--metrics", "vacancy_rate,leavers", "--groups", "system,professions", "--out", out)
	require.Equal(t, 0, code, msg)
	const note = "ahpsim: note: not writing plots/: they read metrics in_post_fte, joiners_external, joiners_graduate, joiners_international, joiners_return, apprentices_qualified" +
		" and group kinds bands, which the selection leaves out; to write them add" +
		" --metrics vacancy_rate,leavers,in_post_fte,joiners_external,joiners_graduate,joiners_international,joiners_return,apprentices_qualified" +
		" --groups system,professions,bands (or give no --metrics and --groups, for the default selection)\n"
	assert.Equal(t, note, msg)
	_, err := os.Stat(filepath.Join(out, "plots"))
	assert.True(t, os.IsNotExist(err))
	assert.Equal(t, &selection{Kind: "custom", Metrics: []string{"vacancy_rate", "leavers"}, Groups: []string{"system", "professions"}},
		readManifest(t, out).Report)

	// Following the note's advice gives the plots, and no note.
	out = filepath.Join(dir, "advised")
	msg, code = runCLI(t, "run", "bhr-baseline", "--runs", "4", "--quiet", "--metrics", "vacancy_rate,leavers,in_post_fte,joiners_external,joiners_graduate,joiners_international,joiners_return,apprentices_qualified",
		"--groups", "system,professions,bands", "--out", out)
	require.Equal(t, 0, code, msg)
	assert.Empty(t, msg)
	_, err = os.Stat(filepath.Join(out, "plots", "in_post_by_band.svg"))
	assert.NoError(t, err)

	for i := range 2 {
		msg, code = runCLI(t, "run", "bhr-baseline", "--runs", "4", "--quiet", "--shard", []string{"0/2", "1/2"}[i], "--out", filepath.Join(dir, []string{"p0", "p1"}[i]))
		require.Equal(t, 0, code, msg)
		assert.Equal(t, "default", readManifest(t, filepath.Join(dir, []string{"p0", "p1"}[i])).Report.Kind)
	}
	msg, code = runCLI(t, "merge", "--quiet", "--out", filepath.Join(dir, "merged"), filepath.Join(dir, "p0"), filepath.Join(dir, "p1"))
	require.Equal(t, 0, code, msg)
	merged := readManifest(t, filepath.Join(dir, "merged"))
	assert.Equal(t, readManifest(t, filepath.Join(dir, "p0")).Report, merged.Report)
	assert.Equal(t, "default", merged.Report.Kind)
	_, err = os.Stat(filepath.Join(dir, "merged", "plots", "vacancy_rate_all.svg"))
	assert.NoError(t, err, "the merged default job has its plots")
}
