package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// runCLI runs the command in-process and returns its combined output and
// exit code.
func runCLI(t testing.TB, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), &out, &out, args)
	code := exitCode(&out, err)
	return out.String(), code
}

// transcript is one "$ ahpsim ..." block of the package documentation.
type transcript struct {
	args []string
	want string
	code int
}

// transcripts reads the examples in doc.go: a "$ ahpsim" line, then its
// output up to a blank line that is followed by the next "$" (or the end),
// with an optional "[exit status N]" last line.
func transcripts(t *testing.T) []transcript {
	t.Helper()
	src, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	var lines []string
	for _, l := range strings.Split(string(src), "\n") {
		if rest, ok := strings.CutPrefix(l, "//\t"); ok {
			lines = append(lines, rest)
		} else if l == "//" {
			lines = append(lines, "")
		} else {
			lines = append(lines, "\x00") // not part of a code block
		}
	}
	var out []transcript
	status := regexp.MustCompile(`^\[exit status (\d)\]$`)
	for i := 0; i < len(lines); i++ {
		cmd, ok := strings.CutPrefix(lines[i], "$ ahpsim")
		if !ok {
			continue
		}
		tr := transcript{args: strings.Fields(cmd)}
		var body []string
		for i++; i < len(lines) && lines[i] != "\x00" && !strings.HasPrefix(lines[i], "$ ahpsim"); i++ {
			body = append(body, lines[i])
		}
		i--
		for len(body) > 0 && body[len(body)-1] == "" {
			body = body[:len(body)-1]
		}
		if n := len(body); n > 0 && status.MatchString(body[n-1]) {
			tr.code = int(body[n-1][len("[exit status ")] - '0')
			body = body[:n-1]
		}
		tr.want = strings.Join(body, "\n") + "\n"
		out = append(out, tr)
	}
	return out
}

func TestManualTranscripts(t *testing.T) {
	misspelt, err := os.ReadFile("testdata/misspelt.yaml")
	require.NoError(t, err)
	trs := transcripts(t)
	t.Chdir(t.TempDir())
	require.NoError(t, os.WriteFile("misspelt.yaml", misspelt, 0o644))
	require.GreaterOrEqual(t, len(trs), 5, "doc.go transcripts")
	for _, tr := range trs {
		got, code := runCLI(t, tr.args...)
		assert.Equal(t, tr.want, got, "$ ahpsim %s", strings.Join(tr.args, " "))
		assert.Equal(t, tr.code, code, "$ ahpsim %s: exit status", strings.Join(tr.args, " "))
	}
}

func TestExitCodes(t *testing.T) {
	t.Chdir(t.TempDir())
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"help"}, 0},
		{[]string{"version"}, 0},
		{[]string{"bogus"}, 2},
		{[]string{"run", "--bogus"}, 2},
		{[]string{"run", "a.yaml", "b.yaml"}, 2},
		{[]string{"validate"}, 2},
		{[]string{"version", "extra"}, 2},
		{[]string{"run", "no-such-file.yaml"}, 1},
		{[]string{"run", "no-such-example"}, 1},
		{[]string{"examples", "no-such-example"}, 1},
		{[]string{"validate", "no-such-file.yaml"}, 1},
	}
	for _, c := range cases {
		out, code := runCLI(t, c.args...)
		assert.Equal(t, c.code, code, "ahpsim %v: %s", c.args, out)
	}
}

func TestRunOutputsAndGoldenSummary(t *testing.T) {
	dir := t.TempDir()
	out, code := runCLI(t, "run", "teaching", "--runs", "40", "--seed", "3", "--out", filepath.Join(dir, "a"))
	require.Equal(t, 0, code, out)
	for _, f := range []string{"summary.csv", "manifest.json", "plots/vacancy_rate_all.png", "plots/vacancy_rate_all.svg",
		"plots/vacancy_rate_by_profession.svg", "plots/in_post_by_band.png"} {
		st, err := os.Stat(filepath.Join(dir, "a", f))
		require.NoError(t, err, f)
		assert.Positive(t, st.Size(), f)
	}
	stdout := strings.ReplaceAll(out, dir, "$DIR")
	golden(t, "testdata/run-teaching.golden", stdout)

	// The summary depends on the seed and runs only, not on the workers.
	for _, w := range []string{"1", "3"} {
		o, code := runCLI(t, "run", "teaching", "--runs", "40", "--seed", "3", "--workers", w, "--no-plots", "--out", filepath.Join(dir, "w"+w))
		require.Equal(t, 0, code, o)
		assertSameFile(t, filepath.Join(dir, "a", "summary.csv"), filepath.Join(dir, "w"+w, "summary.csv"))
	}
	manifest, err := os.ReadFile(filepath.Join(dir, "a", "manifest.json"))
	require.NoError(t, err)
	for _, want := range []string{`"scenario": "Teaching example"`, `"seed": 3`, `"runs": 40`, `"step": "monthly"`, `"scenario_sha256": "`} {
		assert.Contains(t, string(manifest), want)
	}
}

func TestRunNeverOverwritesWithoutForce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	precious := filepath.Join(dir, "precious.txt")
	require.NoError(t, os.WriteFile(precious, []byte("keep me"), 0o644))
	out, code := runCLI(t, "run", "teaching", "--deterministic", "--out", dir)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "exists and is not empty")
	data, err := os.ReadFile(precious)
	require.NoError(t, err)
	assert.Equal(t, "keep me", string(data))

	// --force replaces only a previous ahpsim output, never files it did not write.
	out, code = runCLI(t, "run", "teaching", "--deterministic", "--no-plots", "--force", "--out", dir)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "is not an ahpsim output (it has no manifest.json); --force only replaces a previous ahpsim output")
	data, err = os.ReadFile(precious)
	require.NoError(t, err)
	assert.Equal(t, "keep me", string(data))

	require.NoError(t, os.Remove(precious))
	out, code = runCLI(t, "run", "teaching", "--deterministic", "--no-plots", "--out", dir)
	require.Equal(t, 0, code, out)
	out, code = runCLI(t, "run", "teaching", "--deterministic", "--force", "--out", dir)
	require.Equal(t, 0, code, out)
	_, err = os.Stat(filepath.Join(dir, "plots", "vacancy_rate_all.svg"))
	assert.NoError(t, err, "--force replaced the previous output")
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".ahpsim-tmp-*"))
	assert.Empty(t, leftovers, "no temporary directories left behind")
}

func TestCancelledRunWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	err := run(ctx, &buf, &buf, []string{"run", "teaching", "--out", dir})
	require.Error(t, err)
	assert.Equal(t, 1, exitCode(&buf, err))
	_, statErr := os.Stat(dir)
	assert.True(t, os.IsNotExist(statErr), "no output directory after cancellation")
}

func TestValidateGolden(t *testing.T) {
	out, code := runCLI(t, "validate", "testdata/misspelt.yaml", "../../examples/teaching.yaml")
	assert.Equal(t, 1, code)
	golden(t, "testdata/validate.golden", out)
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), got, "golden file %s (go test -update rewrites it)", path)
}

func assertSameFile(t *testing.T, a, b string) {
	t.Helper()
	da, err := os.ReadFile(a)
	require.NoError(t, err)
	db, err := os.ReadFile(b)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(da, db), "%s and %s differ", a, b)
}
