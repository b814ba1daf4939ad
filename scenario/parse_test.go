package scenario_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

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

// TestInvalidGolden parses every file in testdata/invalid and compares the
// error text with the matching .golden file.
func TestInvalidGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "invalid", "*.yaml"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 60)
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			f, err := scenario.Parse(name, data)
			require.Error(t, err)
			assert.Nil(t, f)

			var list scenario.ErrorList
			require.ErrorAs(t, err, &list)
			require.NotEmpty(t, list)
			assert.True(t, sort.IsSorted(list), "errors not in position order")
			for _, e := range list {
				assert.Equal(t, name, e.File)
				assert.NotEmpty(t, e.Msg)
			}
			checkGolden(t, strings.TrimSuffix(path, ".yaml")+".golden", err.Error()+"\n")
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	data := []byte("name: big\n" + strings.Repeat("#", scenario.MaxBytes))
	_, err := scenario.Parse("big.yaml", data)
	require.Error(t, err)
	assert.True(t, errors.Is(err, scenario.ErrTooLarge))
	assert.Equal(t, "big.yaml: file too large (got 1048586 bytes, want at most 1048576 bytes, 1 MiB)", err.Error())

	path := filepath.Join(t.TempDir(), "big.yaml")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	_, err = scenario.Load(path)
	require.Error(t, err)
	assert.True(t, errors.Is(err, scenario.ErrTooLarge))
	assert.Contains(t, err.Error(), "file too large (got more than 1048576 bytes")
}

func TestLoadMissingFile(t *testing.T) {
	_, err := scenario.Load(filepath.Join(t.TempDir(), "nope.yaml"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  scenario.Error
		want string
	}{
		{scenario.Error{File: "a.yaml", Line: 3, Column: 7, Path: "simulation.runs", Msg: "out of range"}, "a.yaml:3:7: simulation.runs: out of range"},
		{scenario.Error{File: "a.yaml", Line: 3, Msg: "syntax error: x"}, "a.yaml:3: syntax error: x"},
		{scenario.Error{File: "a.yaml", Msg: "empty scenario"}, "a.yaml: empty scenario"},
		{scenario.Error{Path: "workforce[0].profession", Msg: "missing"}, "workforce[0].profession: missing"},
		{scenario.Error{Line: 2, Column: 1, Path: "name", Msg: "missing"}, "2:1: name: missing"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.err.Error())
	}
	assert.NoError(t, scenario.ErrorList(nil).Err())
	list := scenario.ErrorList{&tests[0].err, &tests[1].err}
	assert.Equal(t, "a.yaml:3:7: simulation.runs: out of range\na.yaml:3: syntax error: x", list.Error())
}

// TestAliasBomb checks that a "billion laughs" document is rejected at
// once, without expanding its aliases.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("k" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	_, err := scenario.Parse("bomb.yaml", []byte(b.String()))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "anchors are not supported")
}

// TestDocsErrors checks that the error example in docs/scenario-format.md
// is what the parser prints.
func TestDocsErrors(t *testing.T) {
	doc, err := os.ReadFile("../docs/scenario-format.md")
	require.NoError(t, err)
	golden, err := os.ReadFile("testdata/invalid/several-errors.golden")
	require.NoError(t, err)
	assert.Contains(t, string(doc), "```\n"+string(golden)+"```\n")
}
