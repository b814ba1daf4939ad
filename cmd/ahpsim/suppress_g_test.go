package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/sim"
)

// suppressTable writes a year of two trusts' Band 5 occupational
// therapists: Small loses 3 people in the year (and hires 3), Large 40
// (and hires 40), so that --suppress masks Small's counts and not Large's.
func suppressTable(t *testing.T, dir string) string {
	t.Helper()
	lines := []string{"month,organisation,profession,band,staff_heads,staff_fte,establishment_fte,leavers,joiners"}
	for m := 1; m <= 12; m++ {
		small := 0
		if m%3 == 0 && m < 12 { // months 3, 6, 9
			small = 1
		}
		large := 0
		if m >= 2 && m <= 11 { // 10 months of 4
			large = 4
		}
		lines = append(lines,
			fmt.Sprintf("2024-%02d,Large,Occupational Therapist,Band 5,200,180,190,%d,%d", m, large, large),
			fmt.Sprintf("2024-%02d,Small,Occupational Therapist,Band 5,20,18,19,%d,%d", m, small, small))
	}
	path := filepath.Join(dir, "history.csv")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	return path
}

// fitCells reads a fit report CSV's count and raw cells by organisation
// and parameter.
func fitCells(t *testing.T, path string) map[string][2]string {
	t.Helper()
	out := map[string][2]string{}
	for _, r := range readCSV(t, path)[1:] {
		out[r[0]+" "+r[3]] = [2]string{r[6], r[7]}
	}
	return out
}

// TestCalibrateSuppress: with --suppress, Small's 3 leavers and 3 joiners
// and their raw rates are *, Large's 40 are not; without it nothing is.
func TestCalibrateSuppress(t *testing.T) {
	dir := t.TempDir()
	table := suppressTable(t, dir)
	out, code := runCLI(t, "calibrate", table, "--out", filepath.Join(dir, "s.yaml"), "--suppress")
	require.Equal(t, 0, code, out)
	got := fitCells(t, filepath.Join(dir, "s.fit.csv"))
	assert.Equal(t, [2]string{sim.SuppressMark, sim.SuppressMark}, got["small leaver_rate"])
	assert.Equal(t, [2]string{sim.SuppressMark, sim.SuppressMark}, got["small recruitment.monthly_fill"])
	assert.Equal(t, "40", got["large leaver_rate"][0])
	assert.NotEqual(t, sim.SuppressMark, got["large leaver_rate"][1])
	assert.Equal(t, "40", got["large recruitment.monthly_fill"][0])
	txt, err := os.ReadFile(filepath.Join(dir, "s.fit.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(txt), "counts of 1 to 4 people, and the raw rates derived from them, are shown as `*` alone")

	out, code = runCLI(t, "calibrate", table, "--out", filepath.Join(dir, "p.yaml"))
	require.Equal(t, 0, code, out)
	plain := fitCells(t, filepath.Join(dir, "p.fit.csv"))
	assert.Equal(t, "3", plain["small leaver_rate"][0])
	assert.Equal(t, "3", plain["small recruitment.monthly_fill"][0])
	assert.Equal(t, got["large leaver_rate"], plain["large leaver_rate"])
	for k, v := range plain {
		assert.NotContains(t, v, sim.SuppressMark, k)
	}
}

// TestHindcastSuppress: with --suppress, exactly the staff in post and
// leavers scores whose observed mean is 1 to 4 have observed_mean, bias
// and mae *, every other cell is as without it, and the summary says so.
func TestHindcastSuppress(t *testing.T) {
	t.Chdir(t.TempDir())
	teachingFile(t)
	out, code := runCLI(t, "synth", "t.yaml", "--months", "25", "--out", "history.csv", "--quiet")
	require.Equal(t, 0, code, out)
	args := []string{"hindcast", "t.yaml", "--data", "history.csv", "--from", "2026-04", "--runs", "10", "--seed", "5"}
	out, code = runCLI(t, append(args, "--out", "p", "--quiet")...)
	require.Equal(t, 0, code, out)
	out, code = runCLI(t, append(args, "--out", "s", "--suppress")...)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "Small numbers suppressed: where 1 to 4 people were observed, bias and MAE are shown as *.")
	plain, masked := readCSV(t, filepath.Join("p", "scores.csv")), readCSV(t, filepath.Join("s", "scores.csv"))
	require.Equal(t, len(plain), len(masked))
	hidden, shown := 0, 0
	for i := 1; i < len(plain); i++ {
		p, s := plain[i], masked[i]
		var obs float64
		fmt.Sscan(p[6], &obs)
		small := (p[4] == "staff_heads" || p[4] == "leavers") && p[6] != "" && sim.SmallCount(obs)
		for col := range p {
			want := p[col]
			if small && (col == 6 || col == 9 || col == 10) {
				want = sim.SuppressMark
			}
			assert.Equal(t, want, s[col], "row %d (%v) column %s", i, p[:5], plain[0][col])
		}
		if small {
			hidden++
		} else if p[4] == "leavers" || p[4] == "staff_heads" {
			shown++
		}
	}
	assert.Positive(t, hidden, "the teaching history has cells of 1 to 4 leavers a month")
	assert.Positive(t, shown, "and larger counts")
}
