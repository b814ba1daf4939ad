package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
)

// frozenRuns is the number of runs of each frozen job: enough for every
// mechanism to act in some run, few enough to run every example quickly.
const frozenRuns = "20"

// frozenJob is a job whose outputs are frozen for every embedded example.
type frozenJob struct {
	name  string
	args  []string // without the example
	files []string
}

// frozenJobs are a Monte Carlo run, one run on expected values, and the
// partial result of one shard; for an example with options, also a
// comparison, whose shard is then the one frozen.
func frozenJobs(options bool) []frozenJob {
	mc := []string{"--runs", frozenRuns, "--seed", "5"}
	jobs := []frozenJob{
		{"run", append([]string{"run"}, mc...), []string{"summary.csv"}},
		{"deterministic", []string{"run", "--deterministic"}, []string{"summary.csv"}},
	}
	shard := "run"
	if options {
		jobs = append(jobs, frozenJob{"compare", append([]string{"compare"}, mc...), []string{"summary.csv", "comparison.csv"}})
		shard = "compare"
	}
	return append(jobs, frozenJob{"shard", append(append([]string{shard}, mc...), "--shard", "1/2"), []string{partialFile}})
}

// hasOptions reports whether an embedded example defines options.
func hasOptions(t *testing.T, name string) bool {
	data, err := examples.Read(name)
	require.NoError(t, err)
	f, err := scenario.Parse(name+".yaml", data)
	require.NoError(t, err)
	return len(f.Options) > 0
}

// TestFrozenOutputs checks the SHA-256 of the outputs of every embedded
// example against testdata/frozen-outputs.golden. A change in any number
// of any output shows here: a refactor must leave the file unchanged, and
// a change of behaviour rewrites it (go test -update) in the same commit,
// saying why.
func TestFrozenOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every example four times")
	}
	root := t.TempDir()
	var b strings.Builder
	for _, ex := range examples.List() {
		for _, job := range frozenJobs(hasOptions(t, ex.Name)) {
			dir := filepath.Join(root, ex.Name, job.name)
			args := append([]string{job.args[0], ex.Name}, job.args[1:]...)
			args = append(args, "--no-plots", "--workers", "2", "--out", dir)
			out, code := runCLI(t, args...)
			require.Equal(t, 0, code, "%v: %s", args, out)
			for _, f := range job.files {
				data, err := os.ReadFile(filepath.Join(dir, f))
				require.NoError(t, err)
				fmt.Fprintf(&b, "%s  %s %s %s\n", sha256Hex(data), ex.Name, job.name, f)
			}
		}
	}
	golden(t, filepath.Join(wd, "testdata/frozen-outputs.golden"), b.String())
}
