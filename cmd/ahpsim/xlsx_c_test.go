package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/ahpsim/ahpsim/sim/workbook"
)

// TestXLSXFlag checks that --xlsx writes results.xlsx with the others
// (listed in the manifest), with the scenario's assumptions, that it is
// not written without the flag, that an existing output is not
// overwritten without --force, that a shard refuses it and merge
// writes it.
func TestXLSXFlag(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	out, code := runCLI(t, "compare", "bhr-options", "--runs", "8", "--seed", "3", "--no-plots", "--xlsx", "--out", a)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "results.xlsx")
	manifest, err := os.ReadFile(filepath.Join(a, "manifest.json"))
	require.NoError(t, err)
	assert.Contains(t, string(manifest), `"results.xlsx"`)
	f, err := excelize.OpenFile(filepath.Join(a, workbookFile))
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	assert.Equal(t, workbook.ContentsSheet, sheets[0])
	for _, want := range []string{"vacancy_rate", workbook.ComparisonSheet, workbook.CostsSheet, workbook.AssumptionsSheet} {
		assert.Contains(t, sheets, want)
	}
	v, err := f.GetCellValue(workbook.AssumptionsSheet, "C2")
	require.NoError(t, err)
	// The first assumption is the podiatrists', whose source is the
	// scenario's own comment beside them (the report's source column).
	assert.Contains(t, v, "Podiatrists Figure 4")

	b := filepath.Join(dir, "b")
	out, code = runCLI(t, "run", "teaching", "--deterministic", "--no-plots", "--out", b)
	require.Equal(t, 0, code, out)
	_, err = os.Stat(filepath.Join(b, workbookFile))
	assert.True(t, os.IsNotExist(err), "no workbook without --xlsx")

	before, err := os.ReadFile(filepath.Join(a, workbookFile))
	require.NoError(t, err)
	out, code = runCLI(t, "run", "teaching", "--deterministic", "--xlsx", "--out", a)
	assert.Equal(t, 1, code, out)
	after, err := os.ReadFile(filepath.Join(a, workbookFile))
	require.NoError(t, err)
	assert.Equal(t, before, after, "not overwritten without --force")

	out, code = runCLI(t, "run", "teaching", "--xlsx", "--shard", "0/2", "--out", filepath.Join(dir, "s"))
	assert.Equal(t, 2, code, out)
	assert.Contains(t, out, "--xlsx with --shard")

	// merge writes the workbook of the whole job.
	var parts []string
	for _, shard := range []string{"0/2", "1/2"} {
		p := filepath.Join(dir, "part"+shard[:1])
		out, code = runCLI(t, "run", "teaching", "--runs", "4", "--shard", shard, "--out", p)
		require.Equal(t, 0, code, out)
		parts = append(parts, p)
	}
	m := filepath.Join(dir, "merged")
	out, code = runCLI(t, append([]string{"merge", "--xlsx", "--no-plots", "--out", m}, parts...)...)
	require.Equal(t, 0, code, out)
	g, err := excelize.OpenFile(filepath.Join(m, workbookFile))
	require.NoError(t, err)
	defer g.Close()
	runs, err := g.GetCellValue(workbook.ContentsSheet, "B6")
	require.NoError(t, err)
	assert.Equal(t, "4", runs, "the merged job's runs")
}
