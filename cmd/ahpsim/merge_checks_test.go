package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const mergeScenario = "testdata/merge-options.yaml"

// shardParts runs the three shards of a small comparison into
// root/parts/0..2 and returns their directories.
func shardParts(t testing.TB, root string) []string {
	t.Helper()
	return shardsOf(t, root, "compare", mergeScenario, 3)
}

// shardsOf runs the n shards of a job of the scenario file scen (in
// testdata) into root/parts/0..n-1 and returns their directories.
func shardsOf(t testing.TB, root, cmd, scen string, n int) []string {
	t.Helper()
	var dirs []string
	for i := range n {
		d := filepath.Join(root, "parts", fmt.Sprint(i))
		out, code := runCLI(t, cmd, filepath.Join(wd, scen), "--shard", fmt.Sprintf("%d/%d", i, n), "--out", d)
		require.Equal(t, 0, code, out)
		dirs = append(dirs, d)
	}
	return dirs
}

// copyTree copies a directory of plain files and directories.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(from, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	}))
}

// editFile rewrites a file with f.
func editFile(t *testing.T, path string, f func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, []byte(f(string(data))), 0o644))
}

// setShard rewrites the "shard" object of a manifest.
func setShard(shard string) func(string) string {
	return func(s string) string {
		i := strings.Index(s, `"shard": {`)
		j := i + strings.Index(s[i:], "}") + 1
		return s[:i] + `"shard": ` + shard + s[j:]
	}
}

// TestMergeRefusesWhatItCannotProve tampers with a copy of the parts in
// each way below, merges, and checks (golden file) that merge refuses with
// a message naming the folder and the field, writes nothing and never
// panics; the untouched parts merge to the unsharded job's outputs.
func TestMergeRefusesWhatItCannotProve(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	good := shardParts(t, ".")
	whole := "whole"
	out, code := runCLI(t, "compare", filepath.Join(wd, mergeScenario), "--out", whole)
	require.Equal(t, 0, code, out)
	out, code = runCLI(t, "merge", "--out", "merged", good[0], good[1], good[2])
	require.Equal(t, 0, code, out)
	for _, f := range []string{"summary.csv", "comparison.csv", "report.html", "plots/vacancy_rate_difference.svg"} {
		assertSameFile(t, filepath.Join(whole, f), filepath.Join("merged", f))
	}

	copyPartial := func(dir string) {
		data, err := os.ReadFile(filepath.Join(dir, "..", "0", partialFile))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, partialFile), data, 0o644))
	}
	cases := []struct {
		name  string
		shard int // the part to tamper with
		edit  func(dir string)
	}{
		{"partial.ahpsim copied from shard 0 into shard 1's folder", 1, copyPartial},
		{"scenario.yaml edited after the run", 0, func(d string) {
			editFile(t, filepath.Join(d, scenarioCopy), func(s string) string { return strings.Replace(s, "runs: 6", "runs: 6 ", 1) })
		}},
		{"scenario.yaml and the manifest's hash edited", 2, func(d string) {
			editFile(t, filepath.Join(d, scenarioCopy), func(s string) string { return s + "# edited\n" })
			data, _ := os.ReadFile(filepath.Join(d, scenarioCopy))
			editFile(t, filepath.Join(d, "manifest.json"), func(s string) string {
				i := strings.Index(s, `"scenario_sha256": "`) + len(`"scenario_sha256": "`)
				return s[:i] + sha256Hex(data) + s[i+64:]
			})
		}},
		{"seed edited in one manifest", 1, func(d string) {
			editFile(t, filepath.Join(d, "manifest.json"), func(s string) string { return strings.Replace(s, `"seed": 11`, `"seed": 12`, 1) })
		}},
		{"shard index 9 of 3", 1, func(d string) { editFile(t, filepath.Join(d, "manifest.json"), setShard(`{"index": 9, "count": 3}`)) }},
		{"shard index -1", 1, func(d string) { editFile(t, filepath.Join(d, "manifest.json"), setShard(`{"index": -1, "count": 3}`)) }},
		{"shard count 0", 1, func(d string) { editFile(t, filepath.Join(d, "manifest.json"), setShard(`{"index": 1, "count": 0}`)) }},
		{"shard count -3", 1, func(d string) { editFile(t, filepath.Join(d, "manifest.json"), setShard(`{"index": 1, "count": -3}`)) }},
		{"shard count 10^15", 1, func(d string) {
			editFile(t, filepath.Join(d, "manifest.json"), setShard(`{"index": 1, "count": 1000000000000000}`))
		}},
		{"shard index 10^15 of 10^15+1", 1, func(d string) {
			editFile(t, filepath.Join(d, "manifest.json"), setShard(`{"index": 1000000000000000, "count": 1000000000000001}`))
		}},
		{"shard index a string", 1, func(d string) { editFile(t, filepath.Join(d, "manifest.json"), setShard(`{"index": "1", "count": 3}`)) }},
		{"shard index a fraction", 1, func(d string) { editFile(t, filepath.Join(d, "manifest.json"), setShard(`{"index": 1.5, "count": 3}`)) }},
		{"shard count 1e20", 1, func(d string) {
			editFile(t, filepath.Join(d, "manifest.json"), setShard(`{"index": 1, "count": 1e20}`))
		}},
		{"shard a number", 1, func(d string) { editFile(t, filepath.Join(d, "manifest.json"), setShard(`5`)) }},
		{"shard null", 1, func(d string) { editFile(t, filepath.Join(d, "manifest.json"), setShard(`null`)) }},
		{"tool not ahpsim", 1, func(d string) {
			editFile(t, filepath.Join(d, "manifest.json"), func(s string) string { return strings.Replace(s, `"tool": "ahpsim"`, `"tool": "other"`, 1) })
		}},
		{"command validate", 1, func(d string) {
			editFile(t, filepath.Join(d, "manifest.json"), func(s string) string {
				return strings.Replace(s, `"command": "compare"`, `"command": "validate"`, 1)
			})
		}},
		{"partial.ahpsim truncated", 1, func(d string) {
			editFile(t, filepath.Join(d, partialFile), func(s string) string { return s[:len(s)/2] })
		}},
		{"scenario.yaml edited in two folders: both are named", 0, func(d string) {
			for _, dir := range []string{d, filepath.Join(d, "..", "2")} {
				editFile(t, filepath.Join(dir, scenarioCopy), func(s string) string { return s + "# edited\n" })
			}
		}},
		{"manifest.json not JSON", 1, func(d string) { editFile(t, filepath.Join(d, "manifest.json"), func(string) string { return "{" }) }},
	}
	var transcript strings.Builder
	for i, tc := range cases {
		set := fmt.Sprint("case", i)
		var dirs []string
		for s := range 3 {
			d := filepath.Join(set, "parts", fmt.Sprint(s))
			copyTree(t, good[s], d)
			dirs = append(dirs, d)
		}
		tc.edit(dirs[tc.shard])
		out, code := runCLI(t, append([]string{"merge", "--out", filepath.Join(set, "merged")}, dirs...)...)
		fmt.Fprintf(&transcript, "# %s\n%s[exit status %d]\n\n", tc.name, out, code)
		assert.Equal(t, 1, code, "%s: %s", tc.name, out)
		assert.NotContains(t, out, "panic", tc.name)
		entries, err := os.ReadDir(set)
		require.NoError(t, err)
		assert.Len(t, entries, 1, "%s: nothing written beside the parts", tc.name)
	}
	golden(t, filepath.Join(wd, "testdata/merge-refusals.golden"), transcript.String())
}

// wd is the package directory, saved before tests change directory.
var wd, _ = os.Getwd()

// TestForceReplacesOnlyAPreviousOutput checks that --force never deletes
// files ahpsim did not write or an input of the same command (golden
// file), and does replace a previous output.
func TestForceReplacesOnlyAPreviousOutput(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	scen, err := os.ReadFile(filepath.Join(wd, mergeScenario))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile("s.yaml", scen, 0o644))
	parts := shardParts(t, ".")
	require.NoError(t, os.MkdirAll("prev", 0o755))
	out, code := runCLI(t, "run", "s.yaml", "--no-plots", "--force", "--out", "prev")
	require.Equal(t, 0, code, "an empty directory may be replaced: %s", out)

	cases := []struct {
		name  string
		setup func()
		args  []string
		keep  string // a file that must survive
	}{
		{"run s.yaml --out . --force", nil, []string{"run", "s.yaml", "--out", ".", "--force"}, "s.yaml"},
		{"merge --force --out parts/0 parts/0 parts/1 parts/2", nil,
			append([]string{"merge", "--force", "--out", parts[0]}, parts...), filepath.Join(parts[0], partialFile)},
		{"a previous output with a file added", func() { require.NoError(t, os.WriteFile("prev/notes.txt", []byte("mine"), 0o644)) },
			[]string{"run", "s.yaml", "--out", "prev", "--force"}, "prev/notes.txt"},
		{"a previous output with a directory added", func() {
			require.NoError(t, os.Remove("prev/notes.txt"))
			require.NoError(t, os.MkdirAll("prev/mine", 0o755))
		}, []string{"run", "s.yaml", "--out", "prev", "--force"}, "prev/mine"},
		{"a previous output holding its scenario", func() {
			require.NoError(t, os.Remove("prev/mine"))
			copyTree(t, parts[1], "prev1")
		}, []string{"run", "prev1/scenario.yaml", "--out", "prev1", "--force"}, "prev1/scenario.yaml"},
		{"a manifest of another tool", func() {
			editFile(t, "prev/manifest.json", func(s string) string { return strings.Replace(s, `"tool": "ahpsim"`, `"tool": "other"`, 1) })
		}, []string{"run", "s.yaml", "--out", "prev", "--force"}, "prev/summary.csv"},
	}
	var transcript strings.Builder
	for _, tc := range cases {
		if tc.setup != nil {
			tc.setup()
		}
		out, code := runCLI(t, tc.args...)
		fmt.Fprintf(&transcript, "$ ahpsim %s\n%s[exit status %d]\n\n", strings.Join(tc.args, " "), out, code)
		assert.Equal(t, 1, code, "%s: %s", tc.name, out)
		_, err := os.Stat(tc.keep)
		assert.NoError(t, err, "%s: %s survives", tc.name, tc.keep)
	}
	golden(t, filepath.Join(wd, "testdata/merge-force.golden"), transcript.String())

	// A previous output is replaced.
	editFile(t, "prev/manifest.json", func(s string) string { return strings.Replace(s, `"tool": "other"`, `"tool": "ahpsim"`, 1) })
	out, code = runCLI(t, "compare", "s.yaml", "--out", "prev", "--force")
	require.Equal(t, 0, code, out)
	_, err = os.Stat("prev/comparison.csv")
	assert.NoError(t, err)
	out, code = runCLI(t, "merge", "--force", "--out", "prev", parts[0], parts[1], parts[2])
	require.Equal(t, 0, code, out)
}

// TestOutSymlinkIsFollowed checks that outputs go into a symlink's target
// and the link stays.
func TestOutSymlinkIsFollowed(t *testing.T) {
	root := t.TempDir()
	link := filepath.Join(root, "link")
	target := filepath.Join(root, "real", "results")
	require.NoError(t, os.MkdirAll(filepath.Dir(target), 0o755))
	require.NoError(t, os.Symlink("real/results", link)) // a relative link, to a directory not yet made
	for _, extra := range [][]string{nil, {"--force"}} {
		out, code := runCLI(t, append([]string{"run", "teaching", "--deterministic", "--no-plots", "--out", link}, extra...)...)
		require.Equal(t, 0, code, out)
		st, err := os.Lstat(link)
		require.NoError(t, err)
		assert.NotZero(t, st.Mode()&os.ModeSymlink, "the link stays a link")
		_, err = os.Stat(filepath.Join(target, "summary.csv"))
		assert.NoError(t, err, "outputs are in the link's target")
	}
}

// TestUnwritableOutFoundBeforeTheRuns gives a job far too long to finish
// an --out that cannot be made: the error must come at once.
func TestUnwritableOutFoundBeforeTheRuns(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	long := []string{"run", "bhr-baseline", "--runs", "10000000", "--out"}
	cases := []struct{ out, want string }{
		{filepath.Join(file, "sub", "out"), "not a directory"},
	}
	if st, err := os.Stat("/proc/self"); err == nil && st.IsDir() {
		// Nobody, not even root, may make directories in /proc.
		cases = append(cases,
			struct{ out, want string }{"/proc/ahpsim-test-out", "cannot write beside it"},
			struct{ out, want string }{"/proc/ahpsim-test/sub/out", "cannot create its parent"})
	}
	var buf bytes.Buffer
	for _, c := range cases {
		err := run(ctx, &buf, &buf, append(long, c.out))
		require.Error(t, err, c.out)
		assert.Contains(t, err.Error(), c.want, c.out)
		assert.NotContains(t, err.Error(), "cancelled", "%s: found before the runs, not after", c.out)
	}

	// A missing parent is made, and removed again when the run fails.
	deep := filepath.Join(root, "a", "b", "out")
	cancel()
	err := run(ctx, &buf, &buf, []string{"run", "teaching", "--out", deep})
	require.ErrorContains(t, err, "cancelled")
	_, statErr := os.Stat(filepath.Join(root, "a"))
	assert.True(t, os.IsNotExist(statErr), "the parents made for the run are removed")
}

// countdown is a context that reports cancellation from its n-th Err call
// on, to stop a command at each place it checks.
type countdown struct {
	context.Context
	n, calls atomic.Int64
}

func (c *countdown) Err() error {
	if c.calls.Add(1) > c.n.Load() {
		return context.Canceled
	}
	return nil
}

// mergeUntil runs a merge that is cancelled at its n-th check (never if n
// is negative) and returns the number of checks made and its error.
func mergeUntil(t *testing.T, n int64, args []string) (int64, error) {
	t.Helper()
	ctx := &countdown{Context: context.Background()}
	if n < 0 {
		n = 1 << 62
	}
	ctx.n.Store(n)
	var buf bytes.Buffer
	err := run(ctx, &buf, &buf, args)
	return ctx.calls.Load(), err
}

// phase is what a cancelled command says it was doing.
func phase(t *testing.T, err error) string {
	t.Helper()
	require.ErrorIs(t, err, errCancelled)
	msg := err.Error()
	return msg[len("cancelled while "):strings.Index(msg, ":")]
}

// TestMergeStopsAtEveryCheck cancels a merge at each place it checks for
// a signal in turn: each time it must stop with a "cancelled" error and
// leave nothing behind (not even the parent directory it made), and there
// must be checks in every phase, between the plots among them.
func TestMergeStopsAtEveryCheck(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	parts := shardParts(t, ".")
	args := append([]string{"merge", "--no-plots", "--out", "out/merged"}, parts...)
	leavesNothing := func(n int64, err error) {
		t.Helper()
		entries, _ := os.ReadDir(".")
		assert.Len(t, entries, 1, "check %d (%v): only the parts remain", n, err)
	}
	checks, err := mergeUntil(t, -1, args)
	require.NoError(t, err)
	require.NoError(t, os.RemoveAll("out"))
	var phases []string
	for n := range checks {
		_, err := mergeUntil(t, n, args)
		phases = append(phases, phase(t, err))
		leavesNothing(n, err)
	}
	for _, p := range []string{"reading parts/0", "merging parts/2", "writing summary.csv", "writing comparison.csv",
		"writing report.html", "comparing with expected-value mode", "writing out/merged"} {
		assert.Contains(t, phases, p, "a check while %s", p)
	}

	// With plots, there is a check before each plot file (the grids of
	// panels drawn after them are not checked one by one).
	args = append([]string{"merge", "--out", "out/merged"}, parts...)
	_, err = mergeUntil(t, -1, args)
	require.NoError(t, err)
	written, err := os.ReadDir("out/merged/plots")
	require.NoError(t, err)
	files := int64(0)
	for _, e := range written {
		if !strings.HasSuffix(e.Name(), "_panels.png") {
			files++
		}
	}
	require.NoError(t, os.RemoveAll("out"))
	plots := int64(slices.Index(phases, "writing report.html") + 1)
	for _, n := range []int64{plots, plots + files - 1} {
		_, err := mergeUntil(t, n, args)
		assert.Equal(t, "writing plots", phase(t, err), "check %d", n)
		leavesNothing(n, err)
	}
	// Then the expected-value runs, checked before and within each, and
	// the rename into place.
	n := plots + files
	for ; n < plots+files+100; n++ {
		_, err = mergeUntil(t, n, args)
		if phase(t, err) != "comparing with expected-value mode" {
			break
		}
	}
	assert.Greater(t, n-(plots+files), int64(1), "checks within the expected-value runs")
	assert.Equal(t, "writing out/merged", phase(t, err))
}
