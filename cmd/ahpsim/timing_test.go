package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readManifest(t *testing.T, dir string) manifest {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	require.NoError(t, err)
	var m manifest
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

// A lever cut short is reported on the terminal, in the manifest and in
// the report, with the amounts asked and done; merged shards report it as
// the whole job does.
func TestCappedLeverIsReportedEverywhere(t *testing.T) {
	dir := t.TempDir()
	args := []string{"compare", "testdata/timing-capped.yaml", "--runs", "20", "--seed", "5", "--no-plots"}
	out, code := runCLI(t, append(args, "--out", filepath.Join(dir, "whole"))...)
	require.Equal(t, 0, code, out)
	want := []string{
		`apprenticeship "ot_apprentices" in option "baseline": intake cut short in 20 of 20 runs (by the support staff in post in system/support_worker/3 in 20): 40 apprentices asked and `,
		`apprenticeship "ot_apprentices" in option "more_apprentices": intake cut short in 20 of 20 runs (by the support staff in post in system/support_worker/3 in 20): 60 apprentices asked and `,
	}
	m := readManifest(t, filepath.Join(dir, "whole"))
	require.Len(t, m.Warnings, 2)
	report, err := os.ReadFile(filepath.Join(dir, "whole", "report.html"))
	require.NoError(t, err)
	for i, w := range want {
		assert.True(t, strings.HasPrefix(m.Warnings[i], w), m.Warnings[i])
		assert.Contains(t, out, "ahpsim: warning: "+m.Warnings[i]+"\n")
		assert.Contains(t, string(report), strings.ReplaceAll(m.Warnings[i], `"`, "&#34;"))
	}

	var parts []string
	for _, s := range []string{"0/2", "1/2"} {
		part := filepath.Join(dir, "part"+s[:1])
		o, code := runCLI(t, append(args, "--shard", s, "--out", part)...)
		require.Equal(t, 0, code, o)
		assert.NotContains(t, o, "warning", "a shard's caps are partial")
		parts = append(parts, part)
	}
	o, code := runCLI(t, append([]string{"merge", "--no-plots", "--out", filepath.Join(dir, "merged")}, parts...)...)
	require.Equal(t, 0, code, o)
	assert.Equal(t, m.Warnings, readManifest(t, filepath.Join(dir, "merged")).Warnings)
	for _, w := range m.Warnings {
		assert.Contains(t, o, "ahpsim: warning: "+w+"\n")
	}
}
