package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRunSuppress: --suppress, or report.suppress_small_counts in the
// scenario, writes the headcount of a band of 3 as * in summary.csv and
// says so in the manifest; without either, nothing is hidden.
func TestRunSuppress(t *testing.T) {
	t.Chdir(t.TempDir())
	text, code := runCLI(t, "examples", "teaching")
	require.Equal(t, 0, code)
	require.Contains(t, text, "        headcount: 12\n")
	small := strings.Replace(text, "        headcount: 12\n", "        headcount: 3\n", 1)
	require.NoError(t, os.WriteFile("small.yaml", []byte(small), 0o644))
	require.NoError(t, os.WriteFile("setting.yaml", []byte(small+"\nreport: {suppress_small_counts: true}\n"), 0o644))

	band7 := "baseline,2025-04,all,occupational_therapist,7,in_post_hc,"
	for _, c := range []struct {
		args   []string
		hidden bool
	}{
		{[]string{"small.yaml", "--suppress"}, true},
		{[]string{"setting.yaml"}, true},
		{[]string{"small.yaml"}, false},
	} {
		dir := filepath.Join("out", strings.Join(c.args, "_"))
		out, code := runCLI(t, append(append([]string{"run"}, c.args...), "--runs", "4", "--no-plots", "--quiet", "--out", dir)...)
		require.Equal(t, 0, code, out)
		csv, err := os.ReadFile(filepath.Join(dir, "summary.csv"))
		require.NoError(t, err)
		manifest, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
		require.NoError(t, err)
		if c.hidden {
			assert.Contains(t, string(csv), band7+"*,*,*,*,*,*,*,*,heads,profession_bands\n", c.args)
			assert.Contains(t, string(manifest), `"suppressed_small_counts": true`, c.args)
		} else {
			assert.Contains(t, string(csv), band7+"3,0,0,3,3,3,3,3,heads,profession_bands\n", c.args)
			assert.NotContains(t, string(csv), "*", c.args)
			assert.NotContains(t, string(manifest), "suppressed_small_counts", c.args)
		}
	}
}
