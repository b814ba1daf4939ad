package main

import (
	"fmt"
	"os"
	"os/exec"
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

// documentedSlurm returns the array script and the merge command of the
// Slurm section of docs/scale-out.md, as they are printed there.
func documentedSlurm(t *testing.T) (script, merge string) {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(wd, "../../docs/scale-out.md"))
	require.NoError(t, err)
	_, slurm, ok := strings.Cut(string(doc), "## Slurm")
	require.True(t, ok, "docs/scale-out.md has a Slurm section")
	for _, block := range strings.Split(slurm, "```sh\n")[1:] {
		block, _, _ = strings.Cut(block, "```")
		if strings.HasPrefix(block, "#!/bin/bash") && script == "" {
			script = block
		}
		if _, wrap, ok := strings.Cut(block, `--wrap "`); ok && merge == "" {
			merge, _, _ = strings.Cut(wrap, `"`)
		}
	}
	require.NotEmpty(t, script, "the array script")
	require.NotEmpty(t, merge, "the merge command")
	return script, merge
}

// TestSlurmRecoveryAsDocumented runs the documented Slurm array script and
// merge command with bash, as Slurm would: each task with its index in
// SLURM_ARRAY_TASK_ID. Task 2 is killed part-way; the merge then refuses,
// naming shard 2; the whole array is run again as documented, and the
// finished shards are skipped (their outputs are not rewritten); the merge
// then gives the unsharded run's outputs byte for byte.
func TestSlurmRecoveryAsDocumented(t *testing.T) {
	bin := buildBinary(t)
	script, mergeCmd := documentedSlurm(t)
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "ahpsim-array.sh"), []byte(script), 0o755))
	scen := filepath.Join(wd, mergeScenario)
	env := append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"SHARDS=4", "SCENARIO="+scen, "RUNS=40000", "SEED=5", "SLURM_CPUS_PER_TASK=1")
	bash := func(task int, args ...string) *exec.Cmd {
		cmd := exec.Command("bash", args...)
		cmd.Dir = root
		cmd.Env = append(env, fmt.Sprint("SLURM_ARRAY_TASK_ID=", task))
		return cmd
	}
	task := func(i int) string {
		t.Helper()
		out, err := bash(i, "ahpsim-array.sh").CombinedOutput()
		require.NoError(t, err, "task %d: %s", i, out)
		return string(out)
	}
	parts := filepath.Join(root, "parts")
	tmpDirs := func() []string {
		m, _ := filepath.Glob(filepath.Join(parts, ".ahpsim-tmp-*"))
		return m
	}

	// Task 2 is killed (as by a node failure) once it has begun its runs.
	killed := bash(2, "ahpsim-array.sh")
	require.NoError(t, killed.Start())
	begun := waitFor(t, 10*time.Second, func() bool { return len(tmpDirs()) > 0 })
	require.NoError(t, killed.Process.Kill()) // the script execs ahpsim: this is its process
	_ = killed.Wait()
	require.True(t, begun, "task 2 began its runs")
	require.NoDirExists(t, filepath.Join(parts, "2"), "task 2 was killed before it finished; raise RUNS")
	require.Len(t, tmpDirs(), 1, "a killed shard leaves its temporary directory")
	for _, i := range []int{0, 1, 3} {
		assert.Contains(t, task(i), "Wrote parts/")
	}

	// The merge (run after the array whatever its outcome: afterany)
	// refuses, naming the missing shard and writing nothing.
	out, err := bash(0, "-c", mergeCmd).CombinedOutput()
	require.Error(t, err)
	assert.Contains(t, string(out), "1 of 4 shards are missing")
	assert.Contains(t, string(out), fmt.Sprintf("shard 2 of 4 is missing: ahpsim compare %s --shard 2/4 --seed 5 --runs 40000 --out parts/2", scen))
	assert.Contains(t, string(out), "--array=2.")
	assert.NoDirExists(t, filepath.Join(root, "merged"))

	// Recovery: the whole array again, unchanged; then the merge again.
	done := map[int]string{}
	for _, i := range []int{0, 1, 3} {
		done[i] = stamp(t, filepath.Join(parts, fmt.Sprint(i)))
	}
	for i := range 4 {
		out := task(i)
		if i == 2 {
			assert.Contains(t, out, "Wrote parts/2")
			continue
		}
		assert.Contains(t, out, fmt.Sprintf("Shard %d of 4 is already done in parts/%d", i, i))
		assert.Equal(t, done[i], stamp(t, filepath.Join(parts, fmt.Sprint(i))), "shard %d not rerun", i)
	}
	out, err = bash(0, "-c", mergeCmd).CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "Merged 4 shards")

	whole := exec.Command(bin, "compare", scen, "--runs", "40000", "--seed", "5", "--out", filepath.Join(root, "whole"))
	out, err = whole.CombinedOutput()
	require.NoError(t, err, "%s", out)
	files := listFiles(t, filepath.Join(root, "whole"))
	require.Equal(t, files, listFiles(t, filepath.Join(root, "merged")))
	require.Contains(t, files, "comparison.csv")
	for _, f := range files {
		if f != "manifest.json" {
			assertSameFile(t, filepath.Join(root, "whole", f), filepath.Join(root, "merged", f))
		}
	}
}
