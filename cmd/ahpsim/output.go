package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/ahpsim/ahpsim"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/report"
	"github.com/ahpsim/ahpsim/workforce"
)

// writeOutputs writes every output file of a run or comparison, then
// commits them (see commit). It returns the names of the files written.
func writeOutputs(ctx context.Context, d *outputDir, j *job, c *sim.Comparison, plots bool) ([]string, error) {
	files := map[string][]byte{}
	// The tables can be tens of megabytes: they go straight to the
	// temporary directory rather than through a buffer that grows.
	err := streamFile(ctx, d, "summary.csv", func(w io.Writer) error {
		for i, res := range c.Options {
			if err := res.WriteSummaryCSVWith(w, c.Names[i], sim.CSVOptions{Header: i == 0, Suppress: j.suppress}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	streamed := []string{"summary.csv"}
	if j.cmd == "compare" {
		if err := streamFile(ctx, d, "comparison.csv", c.WriteComparisonCSV); err != nil {
			return nil, err
		}
		streamed = append(streamed, "comparison.csv")
	}
	// The report and plots are written when the selection keeps what they
	// read (see skippedOutputs).
	skip := skippedOutputs(j, c.Settings.Report)
	plots = plots && skip == nil
	if j.cmd == "compare" && skip == nil {
		var html []byte
		err := untilCancelled(ctx, "writing report.html", func() (err error) {
			html, err = reportHTML(j, c)
			return err
		})
		if err != nil {
			return nil, err
		}
		files["report.html"] = html
	}
	if j.xlsx {
		if err := addWorkbook(ctx, j, c, files); err != nil {
			return nil, err
		}
	}
	if plots {
		if err := renderPlots(ctx, c, files, report.Options{Suppress: j.suppress, Interval: j.interval}); err != nil {
			return nil, err
		}
	}
	return commit(ctx, d, j, c, files, streamed...)
}

// streamFile writes one file into d's temporary directory through a
// buffer. The writer stops at its next buffered write once ctx is
// cancelled, so a long table does not delay a signal.
func streamFile(ctx context.Context, d *outputDir, name string, write func(io.Writer) error) error {
	doing := "writing " + name
	if err := cancelled(ctx, doing); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(d.tmp, name))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(cancellableWriter{ctx: ctx, w: f, doing: doing}, 64<<10)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = cancelled(ctx, doing)
	}
	return err
}

// renderPlots draws every chart as PNG and SVG under plots/, as
// report.WriteFigures does, but stops between charts once ctx is done.
func renderPlots(ctx context.Context, c *sim.Comparison, files map[string][]byte, o report.Options) error {
	figs, err := report.FiguresWith(c, o)
	if err != nil {
		return err
	}
	for _, f := range figs {
		for _, format := range []string{"png", "svg"} {
			if err := cancelled(ctx, "writing plots"); err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := f.Render(format, &buf); err != nil {
				return err
			}
			files["plots/"+f.Name+"."+format] = buf.Bytes()
		}
	}
	return report.WriteGrids(figs, files)
}

// writePartial writes one shard's partial result, with the scenario it ran
// and its manifest, for 'ahpsim merge'.
func writePartial(ctx context.Context, d *outputDir, j *job, c *sim.Comparison) ([]string, error) {
	data, err := c.MarshalBinary()
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{partialFile: data, scenarioCopy: j.in.data}
	return commit(ctx, d, j, c, files)
}

// commit adds the manifest and writes the files into the temporary
// directory beside d, then renames it into place, so that d never holds a
// half-written set of results. Streamed names files already written
// there (see streamFile). It stops, having written nothing in d, as soon
// as ctx is cancelled.
func commit(ctx context.Context, d *outputDir, j *job, c *sim.Comparison, files map[string][]byte, streamed ...string) ([]string, error) {
	var gaps []sim.ModeGap
	if c.Settings.Shards <= 1 {
		if err := cancelled(ctx, "comparing with expected-value mode"); err != nil {
			return nil, err
		}
		var err error
		if gaps, err = sim.ModeGaps(ctx, c); err != nil {
			if stop := cancelled(ctx, "comparing with expected-value mode"); stop != nil {
				return nil, stop
			}
			return nil, err
		}
	}
	names := slices.Clone(streamed)
	for name := range files {
		names = append(names, name)
	}
	names = append(names, "manifest.json")
	sort.Strings(names)
	manifest, err := manifestJSON(j, c, gaps, names)
	if err != nil {
		return nil, err
	}
	files["manifest.json"] = manifest
	for _, name := range names {
		if slices.Contains(streamed, name) {
			continue
		}
		if err := cancelled(ctx, "writing "+d.name); err != nil {
			return nil, err
		}
		path := filepath.Join(d.tmp, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return nil, err
		}
	}
	if err := os.Chmod(d.tmp, 0o755); err != nil {
		return nil, err
	}
	if err := cancelled(ctx, "writing "+d.name); err != nil {
		return nil, err
	}
	if err := d.replace(); err != nil {
		return nil, err
	}
	return summariseNames(names), nil
}

// errCancelled is returned (wrapped) when a signal stops a command after
// its runs, while it merges or writes.
var errCancelled = errors.New("cancelled")

// cancelled returns an error naming what was being done if ctx is done.
func cancelled(ctx context.Context, doing string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w while %s: %v", errCancelled, doing, err)
	}
	return nil
}

// untilCancelled runs f, and returns as soon as f does or ctx is
// cancelled, whichever is first. A cancelled f carries on in the
// background, so its results must not be used: the command is stopping.
func untilCancelled(ctx context.Context, doing string, f func() error) error {
	if err := cancelled(ctx, doing); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return cancelled(ctx, doing)
	}
}

// cancellableWriter writes to w until ctx is cancelled, then fails every
// write with the error cancelled gives.
type cancellableWriter struct {
	ctx   context.Context
	w     io.Writer
	doing string
}

func (c cancellableWriter) Write(p []byte) (int, error) {
	if err := cancelled(c.ctx, c.doing); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// summariseNames lists top-level files and counts files in sub-directories.
func summariseNames(names []string) []string {
	var out, dirs []string
	counts := map[string]int{}
	for _, n := range names {
		d, _, ok := strings.Cut(n, "/")
		if !ok {
			out = append(out, n)
			continue
		}
		if counts[d] == 0 {
			dirs = append(dirs, d)
		}
		counts[d]++
	}
	for _, d := range dirs {
		out = append(out, fmt.Sprintf("%s/ (%d files)", d, counts[d]))
	}
	return out
}

// The files of a shard's partial result.
const (
	partialFile  = "partial.ahpsim"
	scenarioCopy = "scenario.yaml"
)

type manifest struct {
	Tool          string   `json:"tool"`
	Version       string   `json:"version"`
	Command       string   `json:"command"`
	Scenario      string   `json:"scenario"`
	Source        string   `json:"source"`
	SHA256        string   `json:"scenario_sha256"`
	Options       []string `json:"options"`
	Seed          uint64   `json:"seed"`
	Runs          int      `json:"runs"`
	Deterministic bool     `json:"deterministic"`
	Target        *float64 `json:"target_vacancy_rate,omitempty"`
	Shard         *shard   `json:"shard,omitempty"`
	Step          string   `json:"step"`
	Start         string   `json:"start"`
	End           string   `json:"end"`
	GoVersion     string   `json:"go_version"`
	WallSeconds   float64  `json:"wall_seconds"`
	Warnings      []string `json:"warnings"`
	// ModeGap compares the Monte Carlo vacancy rates with an expected-value
	// run of each option (docs/model.md, "Monte Carlo and expected-value mode").
	ModeGap []sim.ModeGap `json:"mode_gap,omitempty"`
	// Report is the selection of series summarised.
	Report *selection `json:"report"`
	// SuppressedSmallCounts says counts of 1 to 4 were written as *.
	SuppressedSmallCounts bool `json:"suppressed_small_counts,omitempty"`
	// Interval is the percentage of runs in every range of the tables,
	// findings, charts and report (--interval, report.interval).
	Interval int      `json:"interval_percent"`
	Files    []string `json:"files"`
}

// selection is the manifest's record of the series summarised
// (sim.Selection): the metric names and group kinds, null for every one,
// the months between kept dates (0: every reported date), and its kind:
// "default" (sim.DefaultSelection), "all" (everything) or "custom".
type selection struct {
	Kind        string   `json:"kind"`
	Metrics     []string `json:"metrics"`
	Groups      []string `json:"groups"`
	EveryMonths int      `json:"every_months"`
}

func newSelection(s sim.Selection, models []*workforce.Model) *selection {
	out := &selection{Kind: s.Kind(models), Metrics: s.Metrics, EveryMonths: s.EveryMonths}
	for _, k := range s.Groups {
		out.Groups = append(out.Groups, k.String())
	}
	return out
}

// skippedOutputs says which of plots/ and report.html (for compare) the
// job's selection cannot serve, because it leaves out series they read
// (report.Missing), and the flags that would give them; nil when it
// serves them all.
func skippedOutputs(j *job, sel sim.Selection) *skipped {
	models := j.models()
	compare := len(j.opts) > 1 || j.compare.HasTarget
	metrics, groups := report.Missing(models, sel, compare, j.cmd == "compare")
	if len(metrics) == 0 && len(groups) == 0 {
		return nil
	}
	s := &skipped{outputs: "plots/"}
	if j.cmd == "compare" {
		s.outputs = "plots/ and report.html"
	}
	var what, flags []string
	if len(metrics) > 0 {
		what = append(what, "metrics "+strings.Join(metrics, ", "))
		flags = append(flags, "--metrics "+strings.Join(append(slices.Clone(sel.Metrics), metrics...), ","))
	}
	if len(groups) > 0 {
		var names, all []string
		for _, k := range groups {
			names = append(names, k.String())
		}
		for _, k := range sel.Groups {
			all = append(all, k.String())
		}
		what = append(what, "group kinds "+strings.Join(names, ", "))
		flags = append(flags, "--groups "+strings.Join(append(all, names...), ","))
	}
	s.missing, s.flags = strings.Join(what, " and "), strings.Join(flags, " ")
	return s
}

// skipped is what skippedOutputs found.
type skipped struct{ outputs, missing, flags string }

// noteSkipped tells, once, which outputs a job leaves out for its
// selection and how to get them (nothing when plots are off anyway, or
// for a shard, which writes neither).
func noteSkipped(w io.Writer, j *job, noPlots bool) {
	if noPlots || j.settings.Shards > 1 {
		return
	}
	if s := skippedOutputs(j, j.settings.Report); s != nil {
		fmt.Fprintf(w, "ahpsim: note: not writing %s: they read %s, which the selection leaves out; "+
			"to write them add %s (or give no --metrics and --groups, for the default selection)\n", s.outputs, s.missing, s.flags)
	}
}

type shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
	Runs  int `json:"runs_in_shard"`
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// manifestJSON describes the job; files lists every file written,
// manifest.json included, in order.
func manifestJSON(j *job, c *sim.Comparison, gaps []sim.ModeGap, files []string) ([]byte, error) {
	res := c.Options[0]
	s := c.Settings
	m := manifest{
		Tool: "ahpsim", Version: ahpsim.Version, Command: j.cmd,
		Scenario: res.Model.Name, Source: j.in.path, SHA256: sha256Hex(j.in.data), Options: c.Names,
		Files: files, Seed: s.Seed, Runs: s.Runs, Deterministic: s.Deterministic,
		Step: stepName(res.Model.StepMonths), Start: res.Dates[0].String(), End: res.Dates[len(res.Dates)-1].String(),
		GoVersion: runtime.Version(), WallSeconds: c.Wall.Seconds(), Warnings: c.Warnings, ModeGap: gaps,
	}
	if c.Compare.HasTarget {
		m.Target = &c.Compare.Target
	}
	models := make([]*workforce.Model, len(c.Options))
	for i, r := range c.Options {
		models[i] = r.Model
	}
	m.Report = newSelection(s.Report, models)
	m.SuppressedSmallCounts = j.suppress
	m.Interval = int(math.Round(100 * j.interval))
	if s.Shards > 1 {
		m.Shard = &shard{Index: s.Shard, Count: s.Shards, Runs: int(res.Table.Runs())}
	}
	if m.Warnings == nil {
		m.Warnings = []string{}
	}
	data, err := json.MarshalIndent(m, "", "  ")
	return append(data, '\n'), err
}
