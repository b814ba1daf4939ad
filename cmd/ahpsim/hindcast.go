package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ahpsim/ahpsim"
	"github.com/ahpsim/ahpsim/calibrate"
	"github.com/ahpsim/ahpsim/hindcast"
	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

func init() {
	commandDocs["hindcast"] = commandDoc{
		usage: "ahpsim hindcast SCENARIO --data TABLE --from MONTH --out DIR [flags]",
		about: `Hindcast tests a scenario against a history: it fits the rates on the
months of TABLE before --from, starts SCENARIO in --from from the table's
state at the end of the month before, with the fitted rates, runs it to the
table's last month, and scores the runs against what the table recorded,
per cell, profession and system: coverage of the 50% and 90% intervals,
bias, mean absolute error and CRPS, for staff in post, vacancy rate and
leavers (docs/hindcast.md). With --keep-rates nothing is fitted: the
scenario keeps its own rates, to hindcast it as written. It writes scores.csv, fitted.yaml, the fit
report (fit.csv, fit.txt), plots/hindcast-PROFESSION.png and .svg (the fan
with the observed line) and manifest.json into DIR. With --suppress, a
staff in post or leavers score whose observed mean is 1 to 4 people has
its observed mean, bias and MAE written *, observed months of 1 to 4
staff are gaps in the fan charts' line, and the fit report is suppressed
as calibrate's (docs/hindcast.md).`,
		flags: func() *flag.FlagSet { fs, _ := newHindcastFlags(); return fs },
	}
}

type hindcastFlags struct {
	data, from, out, mapping string
	runs, workers            int
	seed                     uint64
	force, quiet, keepRates  bool
	suppress                 bool
	set                      map[string]bool
}

func newHindcastFlags() (*flag.FlagSet, *hindcastFlags) {
	fs := newFlagSet("hindcast")
	f := &hindcastFlags{set: map[string]bool{}}
	fs.StringVar(&f.data, "data", "", "read the history from `TABLE`, a CSV or .xlsx file (required)")
	fs.StringVar(&f.from, "from", "", "start the projection in `MONTH` (YYYY-MM, required); the fit uses the months before it")
	fs.StringVar(&f.out, "out", "", "write into directory `DIR` (required)")
	fs.StringVar(&f.mapping, "mapping", "", "read the table's own spellings from mapping `FILE` (docs/data-format.md)")
	fs.IntVar(&f.runs, "runs", hindcast.DefaultRuns, "project `N` runs")
	fs.Uint64Var(&f.seed, "seed", 0, "use master seed `S` (default: the scenario's seed)")
	fs.IntVar(&f.workers, "workers", 0, "run `W` runs at a time (default: one per CPU); never changes the results")
	fs.BoolVar(&f.keepRates, "keep-rates", false, "fit nothing: keep SCENARIO's rates, replacing only its start and starting state")
	fs.BoolVar(&f.suppress, "suppress", false, suppressFitUsage)
	fs.BoolVar(&f.force, "force", false, "replace the output directory if it holds a previous ahpsim output")
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing on standard output")
	return fs, f
}

func parseHindcastFlags(args []string) (*hindcastFlags, string, workforce.Month, error) {
	fs, f := newHindcastFlags()
	positional, err := parseFlags(fs, args)
	if err != nil {
		return nil, "", 0, err
	}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	switch {
	case len(positional) != 1:
		return nil, "", 0, usagef("hindcast needs one scenario (a file or an example name), got %d", len(positional))
	case f.data == "":
		return nil, "", 0, usagef("hindcast needs --data TABLE, the history to score against")
	case f.from == "":
		return nil, "", 0, usagef("hindcast needs --from MONTH, the first month to project (YYYY-MM)")
	case f.out == "":
		return nil, "", 0, usagef("hindcast needs --out DIR")
	case f.runs < 1 || f.runs > 100_000:
		return nil, "", 0, usagef("--runs %d: want 1 to 100000", f.runs)
	case f.workers < 0:
		return nil, "", 0, usagef("--workers %d: want 0 (one per CPU) or more", f.workers)
	}
	from, err := workforce.ParseMonth(f.from)
	if err != nil {
		return nil, "", 0, usagef("--from: %v", err)
	}
	return f, positional[0], from, nil
}

// hindcastJob is a hindcast ready to write: what was read, fitted,
// projected and scored.
type hindcastJob struct {
	in      *input
	flags   *hindcastFlags
	table   *history.Table
	from    workforce.Month
	last    workforce.Month
	fit     *calibrate.Fit
	fitted  []byte // the fitted scenario
	proj    *hindcast.Projection
	scores  []hindcast.GroupScore
	figures []hindcast.Figure
}

func cmdHindcast(ctx context.Context, stdout, _ io.Writer, args []string) error {
	f, scen, from, err := parseHindcastFlags(args)
	if err != nil {
		return err
	}
	in, err := loadScenario(scen)
	if err != nil {
		return err
	}
	inputs := []string{in.path, f.data}
	if f.mapping != "" {
		inputs = append(inputs, f.mapping)
	}
	d, err := prepareOutDir(f.out, f.force, inputs)
	if err != nil {
		return err
	}
	defer d.cleanup()
	j := &hindcastJob{in: in, flags: f, from: from}
	if err := j.prepare(ctx); err != nil {
		return err
	}
	if err := cancelled(ctx, "scoring"); err != nil {
		return err
	}
	names, err := j.write(d)
	if err != nil {
		return err
	}
	if !f.quiet {
		j.summary(stdout, names)
	}
	return nil
}

// prepare reads the table, fits it, writes and compiles the fitted
// scenario, projects and scores.
func (j *hindcastJob) prepare(ctx context.Context) error {
	t, err := history.ReadFile(j.flags.data, history.ReadOptions{Mapping: j.flags.mapping})
	if err != nil {
		return err
	}
	if len(t.Rows) == 0 {
		return fmt.Errorf("%s: the table has no rows", j.flags.data)
	}
	first, last := t.Rows[0].Month, t.Rows[len(t.Rows)-1].Month
	if j.from <= first || j.from > last {
		return fmt.Errorf("--from %s: want a month after the table's first (%s), whose end is the starting state, and at most its last (%s)", j.from, first, last)
	}
	j.table, j.last = t, last
	if !j.flags.keepRates {
		if j.fit, err = calibrate.FitTable(t, calibrate.FitOptions{Before: j.from}); err != nil {
			return err
		}
	}
	state, err := calibrate.StartState(t, j.from-1)
	if err != nil {
		return err
	}
	spec := calibrate.ScenarioSpec{
		Source: filepath.Base(j.flags.data), Start: j.from, HorizonMonths: int(last-j.from) + 1,
		Orgs: t.Organisations, State: state, Fit: j.fit, Base: j.in.data, BaseName: j.in.path,
	}
	var buf bytes.Buffer
	if err := calibrate.WriteScenario(&buf, spec); err != nil {
		return err
	}
	j.fitted = buf.Bytes()
	return j.project(ctx)
}

// project runs the fitted scenario to the table's last month and scores
// the runs.
func (j *hindcastJob) project(ctx context.Context) error {
	file, err := scenario.Parse("fitted.yaml", j.fitted)
	if err != nil {
		return err
	}
	m, err := file.Compile()
	if err != nil {
		return err
	}
	seed := j.in.file.Settings().Seed
	if j.flags.set["seed"] {
		seed = j.flags.seed
	}
	s := hindcast.Settings{Runs: j.flags.runs, Seed: seed, Months: int(j.last-j.from) + 1, Workers: j.flags.workers}
	if j.proj, err = hindcast.Project(ctx, m, s); err != nil {
		if stop := cancelled(ctx, "projecting"); stop != nil {
			return stop
		}
		return err
	}
	if j.scores, err = hindcast.Score(j.proj, j.table); err != nil {
		return err
	}
	j.figures, err = hindcast.FiguresWith(j.proj, j.table, j.outputOptions())
	return err
}

func (j *hindcastJob) outputOptions() hindcast.OutputOptions {
	return hindcast.OutputOptions{Suppress: j.flags.suppress}
}

// write puts every output into d's temporary directory, then renames it
// into place. It returns the files written.
func (j *hindcastJob) write(d *outputDir) ([]string, error) {
	files := map[string][]byte{"fitted.yaml": j.fitted}
	add := func(name string, write func(io.Writer) error) error {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		files[name] = buf.Bytes()
		return nil
	}
	if err := add("scores.csv", func(w io.Writer) error {
		return hindcast.WriteScoresCSVWith(w, j.scores, j.outputOptions())
	}); err != nil {
		return nil, err
	}
	if j.fit != nil {
		o := calibrate.ReportOptions{Suppress: j.flags.suppress}
		if err := add("fit.csv", func(w io.Writer) error { return j.fit.WriteReportCSVWith(w, o) }); err != nil {
			return nil, err
		}
		if err := add("fit.txt", func(w io.Writer) error { return j.fit.WriteReportWith(w, o) }); err != nil {
			return nil, err
		}
	}
	for _, fig := range j.figures {
		for _, format := range []string{"png", "svg"} {
			if err := add("plots/"+fig.Name+"."+format, func(w io.Writer) error { return fig.Render(format, w) }); err != nil {
				return nil, err
			}
		}
	}
	names := []string{"manifest.json"}
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	manifest, err := j.manifest(names)
	if err != nil {
		return nil, err
	}
	files["manifest.json"] = manifest
	for _, name := range names {
		path := filepath.Join(d.tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return nil, err
		}
	}
	return names, d.replace()
}

// hindcastManifest says what a hindcast was made from; like every ahpsim
// manifest it lists the files, so that --force knows a previous output.
type hindcastManifest struct {
	Tool       string   `json:"tool"`
	Version    string   `json:"version"`
	Command    string   `json:"command"`
	Scenario   string   `json:"scenario"`
	Source     string   `json:"source"`
	SHA256     string   `json:"scenario_sha256"`
	Data       string   `json:"data"`
	DataSHA256 string   `json:"data_sha256"`
	Mapping    string   `json:"mapping,omitempty"`
	FitFrom    string   `json:"fit_from,omitempty"` // none with --keep-rates
	FitTo      string   `json:"fit_to,omitempty"`
	From       string   `json:"from"`
	To         string   `json:"to"`
	Seed       uint64   `json:"seed"`
	Runs       int      `json:"runs"`
	Unscored   []string `json:"unscored_cells"`
	Suppressed bool     `json:"suppressed,omitempty"` // --suppress
	GoVersion  string   `json:"go_version"`
	Files      []string `json:"files"`
}

func (j *hindcastJob) manifest(files []string) ([]byte, error) {
	data, err := os.ReadFile(j.flags.data)
	if err != nil {
		return nil, err
	}
	m := hindcastManifest{
		Tool: "ahpsim", Version: ahpsim.Version, Command: "hindcast",
		Scenario: j.in.file.Name, Source: j.in.path, SHA256: sha256Hex(j.in.data),
		Data: j.flags.data, DataSHA256: sha256Hex(data), Mapping: j.flags.mapping,
		From: j.from.String(), To: j.last.String(),
		Seed: j.proj.Seed, Runs: j.proj.Runs, Unscored: []string{}, Suppressed: j.flags.suppress, GoVersion: runtime.Version(), Files: files,
	}
	if j.fit != nil {
		m.FitFrom, m.FitTo = j.fit.From.String(), j.fit.To.String()
	}
	for _, c := range j.proj.Unscored(j.table) {
		m.Unscored = append(m.Unscored, c.Org+"/"+c.Prof+"/"+c.Band.String())
	}
	out, err := json.MarshalIndent(m, "", "  ")
	return append(out, '\n'), err
}

// summary prints, per measure, the system's and each profession's scores
// and the mean over the cells, then the files written.
func (j *hindcastJob) summary(w io.Writer, files []string) {
	p := j.proj
	fmt.Fprintf(w, "Hindcast of %s (%s) from %s to %s: %d months, %d runs, seed %d\n",
		j.in.file.Name, j.in.path, j.from, j.last, len(p.Months), p.Runs, p.Seed)
	if j.fit != nil {
		fmt.Fprintf(w, "fitted on %s to %s of %s\n", j.fit.From, j.fit.To, j.flags.data)
	} else {
		fmt.Fprintf(w, "the scenario's own rates (--keep-rates), started from the end of %s in %s\n", j.from-1, j.flags.data)
	}
	if u := p.Unscored(j.table); len(u) > 0 {
		fmt.Fprintf(w, "not scored (no rows in the table): %d cells\n", len(u))
	}
	for _, m := range hindcast.Measures {
		fmt.Fprintln(w)
		j.measureTable(w, m)
	}
	fmt.Fprintf(w, "\nCoverage should be near 50%% and 90%%; bias and MAE are in the measure's units\n(percentage points for the vacancy rate); lower CRPS is better. See docs/hindcast.md.\n")
	if j.flags.suppress {
		fmt.Fprintf(w, "Small numbers suppressed: where 1 to 4 people were observed, bias and MAE are shown as %s.\n", sim.SuppressMark)
	}
	fmt.Fprintf(w, "\nWrote %s: %s\n", j.flags.out, strings.Join(shortList(files), ", "))
}

var measureTitles = map[hindcast.Measure]string{
	hindcast.StaffHeads:  "Staff in post (heads)",
	hindcast.VacancyRate: "Vacancy rate",
	hindcast.Leavers:     "Leavers a month (heads)",
}

func (j *hindcastJob) measureTable(w io.Writer, m hindcast.Measure) {
	scale, unit := 1.0, ""
	if m == hindcast.VacancyRate {
		scale, unit = 100, " pt"
	}
	rows := [][]string{{measureTitles[m], "in 50%", "in 90%", "bias", "MAE", "CRPS"}}
	row := func(name string, s hindcast.GroupScore) {
		if s.Months == 0 {
			rows = append(rows, []string{name, "-", "-", "-", "-", "-"})
			return
		}
		bias, mae := fmt.Sprintf("%+.1f%s", scale*s.Bias, unit), fmt.Sprintf("%.1f%s", scale*s.MAE, unit)
		if j.flags.suppress && s.Suppressed() { // they reveal the observation
			bias, mae = sim.SuppressMark, sim.SuppressMark
		}
		rows = append(rows, []string{name, fmt.Sprintf("%.0f%%", 100*s.Cover50), fmt.Sprintf("%.0f%%", 100*s.Cover90),
			bias, mae, fmt.Sprintf("%.2f%s", scale*s.CRPS, unit)})
	}
	var c50, c90 []float64
	l := j.proj.Model.Layout
	for _, level := range []hindcast.Level{hindcast.LevelSystem, hindcast.LevelProfession, hindcast.LevelCell} {
		for _, s := range j.scores {
			switch {
			case s.Measure != m || s.Level != level:
			case level == hindcast.LevelSystem:
				row("all professions", s)
			case level == hindcast.LevelProfession:
				row("  "+l.Professions[l.ProfIndex(s.Prof)].Name, s)
			case s.Months > 0:
				c50, c90 = append(c50, s.Cover50), append(c90, s.Cover90)
			}
		}
	}
	if len(c50) > 0 {
		rows = append(rows, []string{fmt.Sprintf("  mean of %d cells", len(c50)),
			fmt.Sprintf("%.0f%%", 100*meanOf(c50)), fmt.Sprintf("%.0f%%", 100*meanOf(c90)), "", "", ""})
	}
	writeColumns(w, rows)
}

// writeColumns prints rows as a table: the first column left-aligned, the
// others right-aligned, two spaces apart.
func writeColumns(w io.Writer, rows [][]string) {
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		line := fmt.Sprintf("%-*s", width[0], r[0])
		for i, c := range r[1:] {
			line += fmt.Sprintf("  %*s", width[i+1], c)
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
}

func meanOf(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// shortList names the files written, the plots as one entry.
func shortList(files []string) []string {
	var out []string
	plots := 0
	for _, f := range files {
		if strings.HasPrefix(f, "plots/") {
			plots++
			continue
		}
		out = append(out, f)
	}
	if plots > 0 {
		out = append(out, fmt.Sprintf("plots/ (%d files)", plots))
	}
	return slices.Clip(out)
}
