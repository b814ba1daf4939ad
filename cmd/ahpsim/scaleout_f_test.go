package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// useScenarioCopy copies the merge test scenario to s.yaml in the current
// directory, so that messages name it by a path that is the same on every
// machine.
func useScenarioCopy(t *testing.T) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(wd, mergeScenario))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile("s.yaml", data, 0o644))
}

// stamp is what shows that a directory was not rewritten: its manifest's
// bytes and modification time.
func stamp(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "manifest.json")
	st, err := os.Stat(path)
	require.NoError(t, err)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return fmt.Sprint(st.ModTime().UnixNano(), sha256Hex(data))
}

// TestShardAlreadyDoneIsSkipped runs shard 1 of 3, then runs it again in
// each way below (golden file): the same job is skipped with exit status 0
// and the directory is not rewritten; another job's shard, or an
// incomplete or corrupt one, is refused saying what differs, and the
// directory is left as it was; --force reruns it.
func TestShardAlreadyDoneIsSkipped(t *testing.T) {
	t.Chdir(t.TempDir())
	useScenarioCopy(t)
	job := []string{"compare", "s.yaml", "--shard", "1/3", "--out", "parts/1"}
	out, code := runCLI(t, job...)
	require.Equal(t, 0, code, out)
	out, code = runCLI(t, "compare", "s.yaml", "--out", "whole", "--no-plots")
	require.Equal(t, 0, code, out)
	scen, err := os.ReadFile("s.yaml")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile("edited.yaml", append(scen, "# edited\n"...), 0o644))
	corrupt := func(name string, edit func(dir string)) string {
		dir := filepath.Join("bad", name)
		copyTree(t, "parts/1", dir)
		edit(dir)
		return dir
	}
	truncated := corrupt("truncated", func(d string) {
		editFile(t, filepath.Join(d, partialFile), func(s string) string { return s[:len(s)-100] })
	})
	noScenario := corrupt("no-scenario", func(d string) { require.NoError(t, os.Remove(filepath.Join(d, scenarioCopy))) })
	require.NoError(t, os.MkdirAll("mine", 0o755))
	require.NoError(t, os.WriteFile("mine/notes.txt", []byte("mine"), 0o644))

	with := func(args ...string) []string { return append(append([]string{}, job...), args...) }
	other := func(args ...string) []string {
		return append([]string{"compare", "s.yaml", "--shard", "1/3", "--out"}, args...)
	}
	cases := []struct {
		name string
		args []string
		code int
		dir  string // must not be rewritten
	}{
		{"the same job again", job, 0, "parts/1"},
		{"the same job on other workers, quietly", with("--workers", "3", "--quiet"), 0, "parts/1"},
		{"another seed", with("--seed", "12"), 1, "parts/1"},
		{"other runs", with("--runs", "9"), 1, "parts/1"},
		{"another shard into the folder", []string{"compare", "s.yaml", "--shard", "2/3", "--out", "parts/1"}, 1, "parts/1"},
		{"another shard count", []string{"compare", "s.yaml", "--shard", "1/4", "--out", "parts/1"}, 1, "parts/1"},
		{"run instead of compare", []string{"run", "s.yaml", "--shard", "1/3", "--out", "parts/1"}, 1, "parts/1"},
		{"another target", with("--target", "0.2"), 1, "parts/1"},
		{"expected-value mode", with("--deterministic"), 1, "parts/1"},
		{"the scenario edited", []string{"compare", "edited.yaml", "--shard", "1/3", "--out", "parts/1"}, 1, "parts/1"},
		{"partial.ahpsim truncated", other(truncated), 1, truncated},
		{"scenario.yaml deleted", other(noScenario), 1, ""},
		{"an unsharded output", other("whole"), 1, "whole"},
		{"files that are not an ahpsim output", other("mine"), 1, ""},
		{"an unsharded run into an output: refused as before", []string{"compare", "s.yaml", "--no-plots", "--out", "whole"}, 1, "whole"},
		{"an index variable the shell did not expand", []string{"compare", "s.yaml", "--shard", "$(JOB_COMPLETION_INDEX)/3"}, 2, ""},
	}
	var transcript strings.Builder
	for _, tc := range cases {
		before := ""
		if tc.dir != "" {
			before = stamp(t, tc.dir)
		}
		out, code := runCLI(t, tc.args...)
		fmt.Fprintf(&transcript, "# %s\n$ ahpsim %s\n%s[exit status %d]\n\n", tc.name, strings.Join(tc.args, " "), out, code)
		assert.Equal(t, tc.code, code, "%s: %s", tc.name, out)
		assert.NotContains(t, out, "Wrote", tc.name)
		if tc.dir != "" {
			assert.Equal(t, before, stamp(t, tc.dir), "%s: %s not rewritten", tc.name, tc.dir)
		}
	}
	golden(t, filepath.Join(wd, "testdata/f-shard-skip.golden"), transcript.String())

	// --force runs the shard again and replaces its output.
	before := stamp(t, "parts/1")
	out, code = runCLI(t, with("--force")...)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "Wrote parts/1")
	assert.NotEqual(t, before, stamp(t, "parts/1"))
}

// shardCopies runs the shards of s.yaml (compare, seed 3, 8 runs) that
// are listed into root/I, or into the default directories if root is "".
func shardCopies(t *testing.T, root string, n int, shards ...int) {
	t.Helper()
	for _, i := range shards {
		args := []string{"compare", "s.yaml", "--seed", "3", "--runs", "8", "--shard", fmt.Sprintf("%d/%d", i, n)}
		if root != "" {
			args = append(args, "--out", filepath.Join(root, fmt.Sprint(i)))
		}
		out, code := runCLI(t, args...)
		require.Equal(t, 0, code, out)
	}
}

// TestMergeListsEveryMissingShard merges incomplete sets of parts (golden
// file): merge names every missing shard with the command that runs it
// into the directory the other parts' names imply, and the Slurm array
// indices, and writes nothing. Given a directory of parts, it merges its
// sub-directories, skipping hidden ones.
func TestMergeListsEveryMissingShard(t *testing.T) {
	t.Chdir(t.TempDir())
	useScenarioCopy(t)
	shardCopies(t, "parts", 5, 0, 2, 3)
	shardCopies(t, "", 4, 0, 1)
	copyTree(t, "parts/0", "a/x")
	copyTree(t, "parts/3", "b/y")
	out, code := runCLI(t, "compare", "s.yaml", "--seed", "3", "--runs", "8", "--target", "0.2", "--shard", "0/4", "--out", "t/0")
	require.Equal(t, 0, code, out)
	require.NoError(t, os.MkdirAll("parts/.ahpsim-tmp-123", 0o755)) // as a killed shard leaves it

	cases := [][]string{
		{"parts/0", "parts/2", "parts/3"},
		{"parts"},
		{"out/s-shard-0-of-4", "out/s-shard-1-of-4"},
		{"a/x", "b/y"},
		{"t/0"},
	}
	var transcript strings.Builder
	for _, dirs := range cases {
		args := append([]string{"merge", "--out", "merged"}, dirs...)
		out, code := runCLI(t, args...)
		fmt.Fprintf(&transcript, "$ ahpsim %s\n%s[exit status %d]\n\n", strings.Join(args, " "), out, code)
		assert.Equal(t, 1, code, out)
		assert.NoDirExists(t, "merged")
	}
	golden(t, filepath.Join(wd, "testdata/f-merge-missing.golden"), transcript.String())

	// The commands printed complete the set, and "merge parts" then merges it.
	shardCopies(t, "parts", 5, 1, 4)
	out, code = runCLI(t, "merge", "--no-plots", "--out", "merged", "parts")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "Merged 5 shards")
	out, code = runCLI(t, "compare", "s.yaml", "--seed", "3", "--runs", "8", "--no-plots", "--out", "whole")
	require.Equal(t, 0, code, out)
	for _, f := range []string{"summary.csv", "comparison.csv", "report.html"} {
		assertSameFile(t, filepath.Join("whole", f), filepath.Join("merged", f))
	}
}

func TestArrayList(t *testing.T) {
	assert.Equal(t, "3", arrayList([]int{3}))
	assert.Equal(t, "0-2,5,7-8", arrayList([]int{0, 1, 2, 5, 7, 8}))
	assert.True(t, naturalLess("parts/2", "parts/10"))
	assert.Equal(t, "'a b'", shellQuote("a b"))
	assert.Equal(t, `'it'\''s'`, shellQuote("it's"))
	assert.Equal(t, "parts/1", shellQuote("parts/1"))
}

// waitFor polls until cond holds, for at most the given time.
func waitFor(t *testing.T, within time.Duration, cond func() bool) bool {
	t.Helper()
	for end := time.Now().Add(within); time.Now().Before(end); time.Sleep(time.Millisecond) {
		if cond() {
			return true
		}
	}
	return false
}
