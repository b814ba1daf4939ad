package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeCommands returns the README's `go run ./cmd/ahpsim` commands, in
// order, with a shell loop "for i in 0 1; do CMD & done" expanded.
func readmeCommands(t *testing.T) [][]string {
	t.Helper()
	src, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	loop := regexp.MustCompile(`^for i in ([0-9 ]+); do (.*) & done; wait$`)
	var out [][]string
	for _, line := range strings.Split(string(src), "\n") {
		line, _, _ = strings.Cut(line, "#")
		line = strings.TrimSpace(line)
		lines := []string{line}
		if m := loop.FindStringSubmatch(line); m != nil {
			lines = nil
			for _, i := range strings.Fields(m[1]) {
				lines = append(lines, strings.ReplaceAll(m[2], "$i", i))
			}
		}
		for _, l := range lines {
			if rest, ok := strings.CutPrefix(l, "go run ./cmd/ahpsim"); ok {
				out = append(out, strings.Fields(rest))
			}
		}
	}
	require.GreaterOrEqual(t, len(out), 10, "README commands")
	return out
}

// The README's commands work as written, one after the other in a fresh
// directory (with fewer runs, and no plots, to be quick; about 6 s, most
// of it drawing the charts of the comparison reports).
func TestReadmeCommandsWork(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every command of the README")
	}
	cmds := readmeCommands(t)
	history, err := filepath.Abs("../../examples/history")
	require.NoError(t, err)
	t.Chdir(t.TempDir())
	require.NoError(t, os.CopyFS("examples/history", os.DirFS(history)))
	for _, args := range cmds {
		for _, a := range args {
			assert.NotRegexp(t, `^-[a-z]`, a, "ahpsim %v: flags are spelled --flag", args)
		}
		var redirect string
		if n := len(args); n > 2 && args[n-2] == ">" {
			args, redirect = args[:n-2], args[n-1]
		}
		if len(args) == 0 {
			args = []string{"run"} // what ahpsim does with no arguments
		}
		switch args[0] {
		case "run", "compare":
			args = append(args, "--runs", "8", "--no-plots")
		case "hindcast":
			args = append(args, "--runs", "8")
		case "merge":
			args = append(args[:1:1], append([]string{"--no-plots"}, args[1:]...)...)
		}
		stdout, stderr, code := runSplit(t, args...)
		require.Equal(t, 0, code, "ahpsim %s: %s", strings.Join(args, " "), stderr)
		if redirect != "" {
			require.NoError(t, os.WriteFile(redirect, []byte(stdout), 0o644))
		}
	}
	for _, f := range []string{"out/bhr-baseline", "out/bhr-options", "out/options", "results/my", "out/my", "results/bhr-options", "out/hindcast", "out/fitted"} {
		assert.FileExists(t, filepath.Join(f, "manifest.json"))
	}
}
