package schemadoc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, dir, name, src string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
}

// TestRead checks what is read: type and field comments as one
// paragraph without code blocks, line comments, no unexported or test
// types, and the MetricName constants only.
func TestRead(t *testing.T) {
	scen, sim := t.TempDir(), t.TempDir()
	write(t, scen, "a.go", `package scenario

// Thing is a thing. It is written:
//
//	{a: 1}
//
// and read back.
type Thing struct {
	// A is the first
	// key.
	A int `+"`yaml:\"a\"`"+`
	B int `+"`yaml:\"b\"`"+` // the second key
	C int
}

type hidden struct{ X int }
`)
	write(t, scen, "a_test.go", "package scenario\n\n// Test is not read.\ntype Test struct{}\n")
	write(t, sim, "m.go", `package sim

type MetricName string

const (
	Leavers MetricName = "leavers"
	Joiners MetricName = "joiners"
	Other   string     = "other"
)
`)
	d, err := Read(scen, sim)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"Thing":   "Thing is a thing. It is written: and read back.",
		"Thing.A": "A is the first key.",
		"Thing.B": "the second key",
	}, d.Text)
	assert.Equal(t, []string{"joiners", "leavers"}, d.Metrics)

	src, err := d.Source()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(src), "// Code generated"), "%s", src)
	assert.Contains(t, string(src), `"Thing.A": "A is the first key.",`)

	_, err = Read(t.TempDir(), sim)
	assert.ErrorContains(t, err, "no Go files")
}

// TestWriteFile checks that a write replaces the file whole.
func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.json")
	require.NoError(t, WriteFile(path, []byte("one")))
	require.NoError(t, WriteFile(path, []byte("two")))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "two", string(got))
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")
	assert.Error(t, WriteFile(filepath.Join(path, "x", "y"), []byte("z")))
}
