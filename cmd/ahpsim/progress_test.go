package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProgressLine(t *testing.T) {
	assert.Equal(t, "ahpsim: 0 of 1000 runs", progressLine(0, 1000, 0))
	assert.Equal(t, "ahpsim: 250 of 1000 runs, about 30s left", progressLine(250, 1000, 10*time.Second))
	assert.Equal(t, "ahpsim: 10 of 1000 runs, about 16m30s left", progressLine(10, 1000, 10*time.Second))
	assert.Equal(t, "ahpsim: 999 of 1000 runs, about 1s left", progressLine(999, 1000, time.Second))
}

// The line is rewritten in place, a shorter line rubs out a longer one,
// and the last call leaves a clean line with the cursor at its start.
func TestProgressRewritesOneLineAndClearsIt(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Unix(0, 0)
	p := &progress{w: &buf, start: clock, now: func() time.Time { return clock }}
	p.update(0, 100)
	clock = clock.Add(10 * time.Second)
	p.update(50, 100)
	clock = clock.Add(5 * time.Second)
	p.update(99, 100)
	p.update(100, 100)
	want := "\rahpsim: 0 of 100 runs" +
		"\rahpsim: 50 of 100 runs, about 10s left" +
		"\rahpsim: 99 of 100 runs, about 1s left " +
		"\r" + strings.Repeat(" ", len("ahpsim: 50 of 100 runs, about 10s left")) + "\r"
	assert.Equal(t, want, buf.String())
	assert.NotContains(t, buf.String(), "\n", "never a new line")
	p.clear()
	assert.Equal(t, want, buf.String(), "clearing twice writes nothing more")
}

// Progress goes to a terminal only, and never with --quiet.
func TestProgressOnlyOnATerminal(t *testing.T) {
	assert.Nil(t, newProgress(&bytes.Buffer{}, false), "a buffer")
	file, err := os.Create(filepath.Join(t.TempDir(), "log"))
	require.NoError(t, err)
	defer file.Close()
	assert.Nil(t, newProgress(file, false), "a file")
	tty, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no", os.DevNull)
	}
	defer tty.Close()
	assert.NotNil(t, newProgress(tty, false), "a character device, as a terminal is")
	assert.Nil(t, newProgress(tty, true), "--quiet")
}

// With --quiet, run, compare and merge print nothing on standard output;
// warnings still go to standard error.
func TestQuiet(t *testing.T) {
	dir := t.TempDir()
	args := []string{"compare", "testdata/timing-capped.yaml", "--runs", "20", "--seed", "5", "--no-plots", "--quiet"}
	stdout, stderr, code := runSplit(t, append(args, "--out", filepath.Join(dir, "whole"))...)
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "ahpsim: warning: ")
	assert.FileExists(t, filepath.Join(dir, "whole", "comparison.csv"))

	var parts []string
	for _, s := range []string{"0/2", "1/2"} {
		part := filepath.Join(dir, "part"+s[:1])
		stdout, stderr, code := runSplit(t, append(args, "--shard", s, "--out", part)...)
		require.Equal(t, 0, code, stderr)
		assert.Empty(t, stdout, "a shard")
		parts = append(parts, part)
	}
	stdout, stderr, code = runSplit(t, append([]string{"merge", "--quiet", "--no-plots", "--out", filepath.Join(dir, "merged")}, parts...)...)
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stdout, "merge")
	assert.Contains(t, stderr, "ahpsim: warning: ")

	stdout, stderr, code = runSplit(t, "run", "teaching", "--deterministic", "--no-plots", "--quiet", "--out", filepath.Join(dir, "run"))
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stdout+stderr, "run")
	assert.FileExists(t, filepath.Join(dir, "run", "summary.csv"))

	// Errors still go to standard error.
	_, stderr, code = runSplit(t, "run", "teaching", "--quiet", "--out", filepath.Join(dir, "run"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "exists and is not empty")
}
