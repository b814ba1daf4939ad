package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildBinary builds the command once per test binary run.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "ahpsim")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// TestShardsAsProcessesMergeToTheUnshardedRun runs four shards as separate
// processes, merges them, and compares every output file but the manifest
// (whose wall time differs) byte for byte with one unsharded run.
func TestShardsAsProcessesMergeToTheUnshardedRun(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	args := []string{"compare", "bhr-options", "--runs", "24", "--seed", "9", "--workers", "1"}
	run := func(extra ...string) {
		t.Helper()
		cmd := exec.Command(bin, append(append([]string{}, args...), extra...)...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
	run("--out", filepath.Join(dir, "whole"))
	var procs []*exec.Cmd
	for i := range 4 {
		cmd := exec.Command(bin, append(append([]string{}, args...), "--shard", fmt.Sprintf("%d/4", i), "--out", filepath.Join(dir, fmt.Sprint("part", i)))...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		require.NoError(t, cmd.Start())
		procs = append(procs, cmd)
	}
	for _, p := range procs {
		require.NoError(t, p.Wait())
	}
	merge := exec.Command(bin, "merge", "--out", filepath.Join(dir, "merged"),
		filepath.Join(dir, "part3"), filepath.Join(dir, "part1"), filepath.Join(dir, "part0"), filepath.Join(dir, "part2"))
	out, err := merge.CombinedOutput()
	require.NoError(t, err, "%s", out)

	whole := listFiles(t, filepath.Join(dir, "whole"))
	merged := listFiles(t, filepath.Join(dir, "merged"))
	require.Equal(t, whole, merged)
	require.Contains(t, whole, "comparison.csv")
	for _, f := range whole {
		if f == "manifest.json" {
			continue
		}
		assertSameFile(t, filepath.Join(dir, "whole", f), filepath.Join(dir, "merged", f))
	}

	// A missing shard is refused, and nothing is written.
	merge = exec.Command(bin, "merge", "--out", filepath.Join(dir, "incomplete"), filepath.Join(dir, "part0"), filepath.Join(dir, "part1"))
	out, err = merge.CombinedOutput()
	assert.Error(t, err)
	assert.Contains(t, string(out), "shard 2 of 4 is missing")
	_, statErr := os.Stat(filepath.Join(dir, "incomplete"))
	assert.True(t, os.IsNotExist(statErr))

	// A signal stops the merge, while it merges and while it writes the
	// plots and the report (a whole merge takes seconds), within a second.
	before := listDir(t, dir)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		for _, after := range []time.Duration{300 * time.Millisecond, 1800 * time.Millisecond} {
			merge = exec.Command(bin, "merge", "--out", filepath.Join(dir, "signalled", "merged"),
				filepath.Join(dir, "part0"), filepath.Join(dir, "part1"), filepath.Join(dir, "part2"), filepath.Join(dir, "part3"))
			stopsWithin(t, merge, after, sig)
			assert.Equal(t, before, listDir(t, dir), "%v after %v: nothing left behind", sig, after)
		}
	}
}

// stopsWithin starts cmd, sends sig after the given time, and checks that
// it stops within a second with a non-zero exit status, saying why.
func stopsWithin(t *testing.T, cmd *exec.Cmd, after time.Duration, sig syscall.Signal) {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	time.Sleep(after)
	sent := time.Now()
	require.NoError(t, cmd.Process.Signal(sig), "%v after %v: finished before the signal", sig, after)
	err := cmd.Wait()
	took := time.Since(sent)
	assert.Error(t, err, "%v after %v: exit status must be non-zero", sig, after)
	assert.Less(t, took, time.Second, "%v after %v: stopped in %v", sig, after, took)
	assert.Contains(t, stderr.String(), "cancelled", "%v after %v", sig, after)
}

// listDir lists the names in a directory.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func listFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	require.NoError(t, filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		out = append(out, rel)
		return nil
	}))
	sort.Strings(out)
	return out
}

// TestInterruptStopsQuicklyAndLeavesNothing sends SIGINT and SIGTERM to a
// long run: it must stop within a second, exit non-zero, and leave no
// output directory and no temporary directory behind.
func TestInterruptStopsQuicklyAndLeavesNothing(t *testing.T) {
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		cmd := exec.Command(bin, "run", "bhr-baseline", "--runs", "1000000", "--out", out)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		require.NoError(t, cmd.Start())
		time.Sleep(1500 * time.Millisecond) // well into the runs
		sent := time.Now()
		require.NoError(t, cmd.Process.Signal(sig))
		err := cmd.Wait()
		took := time.Since(sent)
		assert.Error(t, err, "%v: exit status must be non-zero", sig)
		assert.Less(t, took, time.Second, "%v: stopped in %v", sig, took)
		assert.Contains(t, stderr.String(), "cancelled")
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		assert.Empty(t, names, "%v: nothing left in %s: %s", sig, dir, strings.Join(names, ", "))
	}
}
