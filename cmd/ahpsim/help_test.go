package main

import (
	"bytes"
	"context"
	"flag"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runSplit runs the command in-process and returns its standard output,
// its standard error and its exit code.
func runSplit(t testing.TB, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), &stdout, &stderr, args)
	code := exitCode(&stderr, err)
	return stdout.String(), stderr.String(), code
}

// Every command prints its help on standard output and exits 0, for -h,
// -help, --help (before or after other arguments) and 'ahpsim help CMD'.
func TestEveryCommandHasHelp(t *testing.T) {
	t.Chdir(t.TempDir())
	for cmd := range commandDocs {
		var want bytes.Buffer
		require.NoError(t, printHelp(&want, cmd))
		require.True(t, strings.HasPrefix(want.String(), "Usage: ahpsim "+cmd), want.String())
		for _, args := range [][]string{
			{cmd, "-h"}, {cmd, "-help"}, {cmd, "--help"}, {"help", cmd}, {cmd, "teaching", "--help"},
		} {
			stdout, stderr, code := runSplit(t, args...)
			assert.Equal(t, 0, code, "ahpsim %v: %s", args, stderr)
			assert.Empty(t, stderr, "ahpsim %v", args)
			assert.Equal(t, want.String(), stdout, "ahpsim %v", args)
		}
	}
}

func TestGeneralHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"-help"}} {
		stdout, stderr, code := runSplit(t, args...)
		assert.Equal(t, 0, code, "ahpsim %v", args)
		assert.Empty(t, stderr)
		assert.Equal(t, usage, stdout, "ahpsim %v", args)
	}
	for _, args := range [][]string{{"help", "bogus"}, {"help", "run", "compare"}} {
		_, stderr, code := runSplit(t, args...)
		assert.Equal(t, 2, code, "ahpsim %v", args)
		assert.Contains(t, stderr, "Run 'ahpsim help' for usage.")
	}
}

// Help spells every flag with two dashes, as the manual and the README do,
// and names every value.
func TestHelpListsEveryFlagWithTwoDashes(t *testing.T) {
	for cmd, doc := range commandDocs {
		var help bytes.Buffer
		require.NoError(t, printHelp(&help, cmd))
		assert.NotRegexp(t, regexp.MustCompile(`(?m)^\s+-[a-z]{2,}`), help.String(), "%s: a flag with one dash", cmd)
		if doc.flags == nil {
			continue
		}
		doc.flags().VisitAll(func(f *flag.Flag) {
			value, _ := flag.UnquoteUsage(f)
			line := "  --" + f.Name
			if value != "" {
				line += " " + value
				assert.Regexp(t, `^[A-Z/]+$`, value, "%s --%s: the value is named in the usage", cmd, f.Name)
			}
			assert.Contains(t, help.String(), line+" ", cmd)
		})
	}
}

func TestVersionFlag(t *testing.T) {
	want, _, code := runSplit(t, "version")
	require.Equal(t, 0, code)
	require.True(t, strings.HasPrefix(want, "ahpsim "), want)
	for _, v := range []string{"--version", "-version"} {
		got, stderr, code := runSplit(t, v)
		assert.Equal(t, 0, code, stderr)
		assert.Equal(t, want, got, v)
	}
	_, _, code = runSplit(t, "--version", "extra")
	assert.Equal(t, 2, code)
}

// A mistake in the flags is reported once, on standard error, with where
// to find the help, not followed by a list of flags spelled -runs.
func TestBadFlagIsReportedOnce(t *testing.T) {
	for _, cmd := range []string{"run", "compare", "merge"} {
		stdout, stderr, code := runSplit(t, cmd, "--bogus")
		assert.Equal(t, 2, code)
		assert.Empty(t, stdout)
		assert.Equal(t, "ahpsim: flag provided but not defined: -bogus\nRun 'ahpsim help' for usage.\n", stderr, cmd)
	}
}
