package history_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/history"
)

var update = flag.Bool("update", false, "rewrite the golden files (and the generated .xlsx fixtures) in testdata")

// badXLSX is the workbook testdata/bad/xlsx-cells.xlsx, written by
// TestBadTablesGolden -update: bad cells on a named sheet, to show the
// sheet and the column letters in messages.
var badXLSX = [][]any{
	{"AHP staffing, April 2024"},
	{},
	{"Month", "Organisation", "Profession", "Band", "Staff in post headcount", "Leavers"},
	{date(2024, 4, 30), "Trust A", "Physiotherapist", "Band 5", 12, "twelve"},
	{date(2024, 4, 30), "Trust A", "Physiotherapist", "Band 10", -1, 1},
	{"Apr-24", "Trust A", "Medical", "Band 6", 12.5, 1},
	{2024, "Trust A", "Dietitian", "Band 6", 3, 0},
}

// TestBadTablesGolden reads every table in testdata/bad (with
// NAME.mapping.csv as its mapping file, when there is one) and compares
// the error text with NAME.golden.
func TestBadTablesGolden(t *testing.T) {
	dir := filepath.Join("testdata", "bad")
	if *update {
		writeXLSX(t, filepath.Join(dir, "xlsx-cells.xlsx"), "Staffing", badXLSX)
	}
	files, err := os.ReadDir(dir)
	require.NoError(t, err)
	cases := map[string]bool{}
	for _, f := range files {
		name := f.Name()
		ext := filepath.Ext(name)
		if ext == ".golden" || strings.HasSuffix(name, ".mapping.csv") {
			continue
		}
		base := strings.TrimSuffix(name, ext)
		require.False(t, cases[base], "two tables share the golden file %s.golden", base)
		cases[base] = true
		t.Run(base, func(t *testing.T) {
			var opts history.ReadOptions
			if m := filepath.Join(dir, base+".mapping.csv"); fileExists(m) {
				opts.Mapping = filepath.ToSlash(m)
			}
			format, err := history.FormatOf(name)
			require.NoError(t, err)
			data, err := os.Open(filepath.Join(dir, name))
			require.NoError(t, err)
			defer data.Close()
			table, err := history.Read(name, data, format, opts)
			require.Error(t, err)
			assert.Nil(t, table)
			var list history.Errors
			require.ErrorAs(t, err, &list)
			require.NotEmpty(t, list)
			for _, e := range list {
				assert.NotEmpty(t, e.Msg)
				if opts.Mapping == "" {
					assert.Equal(t, name, e.File)
				}
			}
			checkGolden(t, filepath.Join(dir, base+".golden"), err.Error()+"\n")
		})
	}
	require.GreaterOrEqual(t, len(cases), 25)
}

// checkGolden compares got with the golden file at path, or rewrites the
// file when -update is set.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test -update")
	assert.Equal(t, string(want), got)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
