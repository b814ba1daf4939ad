package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/report"
	"github.com/ahpsim/ahpsim/workforce"
)

// jobFlags are the flags of run and compare.
type jobFlags struct {
	runs          int
	seed          uint64
	workers       int
	out           string
	deterministic bool
	force         bool
	noPlots       bool
	xlsx          bool
	quiet         bool
	shard         string
	target        float64
	report        reportFlags
	set           map[string]bool
}

// newJobFlags defines the flags of run or compare. A `NAME` in a usage
// string is the value's name in the help (see printFlags).
func newJobFlags(cmd string) (*flag.FlagSet, *jobFlags) {
	f := &jobFlags{set: map[string]bool{}}
	fs := newFlagSet(cmd)
	fs.IntVar(&f.runs, "runs", 0, "do `N` Monte Carlo runs (default: the scenario's runs)")
	fs.Uint64Var(&f.seed, "seed", 0, "derive every random stream from master seed `S` (default: the scenario's seed)")
	fs.IntVar(&f.workers, "workers", 0, "run on `W` parallel workers; results do not depend on it (default: one per CPU)")
	fs.StringVar(&f.out, "out", "", "write into directory `DIR` (default: out/NAME)")
	fs.BoolVar(&f.deterministic, "deterministic", false, "run once on expected values instead of Monte Carlo")
	fs.BoolVar(&f.force, "force", false, "replace the output directory if it holds a previous ahpsim output")
	fs.BoolVar(&f.noPlots, "no-plots", false, "write the tables and manifest only")
	fs.BoolVar(&f.xlsx, "xlsx", false, xlsxUsage)
	fs.BoolVar(&f.quiet, "quiet", false, quietUsage)
	f.report.define(fs)
	fs.StringVar(&f.shard, "shard", "", "run only shard `I/N` (I from 0) and write a partial result for 'ahpsim merge'")
	if cmd == "compare" {
		fs.Float64Var(&f.target, "target", 0.10, "compare against vacancy-rate target `RATE` (default: the scenario's target_vacancy_rate, else 0.10)")
	}
	return fs, f
}

const quietUsage = "print nothing on standard output and no progress (errors and warnings still go to standard error)"

// newFlagSet returns a flag set that prints nothing itself: errors are
// returned, and -h and --help print the command's help (see help.go).
func newFlagSet(cmd string) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args with fs. It returns errHelp for -h or --help,
// and a usage error for any other mistake.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	positional, err := parseInterleaved(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, errHelp
	case err != nil:
		return nil, usageError{err.Error()}
	}
	return positional, nil
}

func parseJobFlags(cmd string, args []string) (*jobFlags, []string, error) {
	fs, f := newJobFlags(cmd)
	positional, err := parseFlags(fs, args)
	if err != nil {
		return nil, nil, err
	}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	if f.set["runs"] && (f.runs < 1 || f.runs > sim.MaxRuns) {
		return nil, nil, usagef("--runs %d: want 1 to %d", f.runs, sim.MaxRuns)
	}
	if f.workers < 0 {
		return nil, nil, usagef("--workers %d: want 0 (one per CPU) or more", f.workers)
	}
	if cmd == "compare" && !(f.target > -1 && f.target < 1) {
		return nil, nil, usagef("--target %v: want a vacancy rate between -1 and 1, e.g. 0.10", f.target)
	}
	if f.shard != "" {
		if _, _, err := parseShard(f.shard); err != nil {
			return nil, nil, usageError{err.Error()}
		}
		if f.xlsx {
			return nil, nil, usagef("--xlsx with --shard: a shard writes only its partial result; give --xlsx to 'ahpsim merge'")
		}
	}
	if err := f.report.check(f.set); err != nil {
		return nil, nil, err
	}
	return f, positional, nil
}

// parseShard reads "I/N" with 0 <= I < N.
func parseShard(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		hint := ""
		if strings.Contains(s, "$") {
			hint = " (a variable was not expanded: is it set in this shell or pod?)"
		}
		return 0, 0, fmt.Errorf("--shard %q: want I/N with 0 <= I < N, e.g. 0/4%s", s, hint)
	}
	return i, n, nil
}

// parseInterleaved parses flags that may come before or after positional
// arguments: "ahpsim run file.yaml --runs 10".
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// job is one run or compare command, ready to go.
type job struct {
	cmd      string // "run" or "compare"
	in       *input
	opts     []sim.Option
	settings sim.Settings
	compare  sim.CompareSettings
	suppress bool // hide small counts in the outputs (--suppress)
	// interval is the share of runs in every range shown (--interval,
	// report.interval): 0.8 or 0.9.
	interval float64
	xlsx     bool // also write results.xlsx (--xlsx)
}

// models are the job's options' models, the baseline first.
func (j *job) models() []*workforce.Model {
	models := make([]*workforce.Model, len(j.opts))
	for i, o := range j.opts {
		models[i] = o.Model
	}
	return models
}

func runJob(ctx context.Context, cmd string, stdout, stderr io.Writer, args []string) error {
	f, positional, err := parseJobFlags(cmd, args)
	if err != nil {
		return err
	}
	if len(positional) > 1 {
		return usagef("%s takes one scenario file or example, got %d: %s", cmd, len(positional), strings.Join(positional, " "))
	}
	arg := defaultExample
	if cmd == "compare" {
		arg = defaultCompareExample
	}
	if len(positional) == 1 {
		arg = positional[0]
	}
	in, err := loadScenario(arg)
	if err != nil {
		return err
	}
	j, err := newJob(cmd, in)
	if err != nil {
		return err
	}
	if f.set["runs"] {
		j.settings.Runs = f.runs
	}
	if f.set["seed"] {
		j.settings.Seed = f.seed
	}
	j.settings.Workers = f.workers
	j.settings.Deterministic = f.deterministic
	f.report.apply(&j.settings.Report, f.set, j.models())
	j.suppress = j.suppress || f.report.suppress
	if f.set["interval"] {
		j.interval = float64(f.report.interval) / 100
	}
	j.xlsx = f.xlsx
	if cmd == "compare" {
		target := f.target
		if t, ok := in.file.Target(); ok && !f.set["target"] {
			target = t
		}
		j.compare = sim.CompareSettings{Target: target, HasTarget: true}
	}
	if f.shard != "" {
		j.settings.Shard, j.settings.Shards, _ = parseShard(f.shard)
	}
	noteSkipped(stderr, j, f.noPlots)
	outDir := f.out
	if outDir == "" {
		outDir = "out/" + in.name
		if j.settings.Shards > 1 {
			outDir += fmt.Sprintf("-shard-%d-of-%d", j.settings.Shard, j.settings.Shards)
		}
	}
	if j.settings.Shards > 1 && !f.force {
		if done, err := shardDone(outDir, j); err != nil || done {
			if done && !f.quiet {
				fmt.Fprintf(stdout, "Shard %d of %d is already done in %s (same scenario, seed, runs and mode): skipped; --force runs it again.\n",
					j.settings.Shard, j.settings.Shards, outDir)
			}
			return err
		}
	}
	// Refuse before spending minutes on a run whose results could not be kept.
	d, err := prepareOutDir(outDir, f.force, []string{in.path})
	if err != nil {
		return err
	}
	defer d.cleanup()
	if p := newProgress(stderr, f.quiet); p != nil {
		j.settings.Progress = p.update
		defer p.clear()
	}
	c, err := sim.Compare(ctx, j.opts, j.settings, j.compare)
	if err != nil {
		return err
	}
	var files []string
	if j.settings.Shards > 1 {
		files, err = writePartial(ctx, d, j, c)
	} else {
		files, err = writeOutputs(ctx, d, j, c, !f.noPlots)
	}
	if err != nil {
		return err
	}
	if f.quiet {
		stdout = io.Discard
	}
	if j.settings.Shards > 1 {
		fmt.Fprintf(stdout, "%s (%s): shard %d of %d, %d of %d runs\n", c.Options[0].Model.Name, in.path,
			j.settings.Shard, j.settings.Shards, c.Options[0].Table.Runs(), j.settings.Runs)
	} else {
		printSummary(stdout, j, c)
	}
	fmt.Fprintf(stdout, "\nWrote %s: %s\n", outDir, strings.Join(files, ", "))
	printWarnings(stderr, c)
	return nil
}

// printWarnings writes the comparison's warnings, one a line.
func printWarnings(stderr io.Writer, c *sim.Comparison) {
	for _, w := range c.Warnings {
		fmt.Fprintf(stderr, "ahpsim: warning: %s\n", w)
	}
}

// newJob compiles a scenario's options and takes its run settings.
func newJob(cmd string, in *input) (*job, error) {
	opts, err := compileOptions(in)
	if err != nil {
		return nil, err
	}
	if cmd == "compare" && len(opts) < 2 {
		return nil, fmt.Errorf("%s: compare needs a scenario with options (it has none); use 'ahpsim run' for a single scenario", in.path)
	}
	j := &job{cmd: cmd, in: in, opts: opts, settings: in.file.SettingsFor(opts), suppress: in.file.Suppress(), interval: report.DefaultInterval}
	if iv, ok := in.file.Interval(); ok {
		j.interval = iv
	}
	j.settings.Origin = sim.Origin{Command: cmd, ScenarioSHA256: sha256.Sum256(in.data)}
	return j, nil
}

// compileOptions compiles the baseline and every option of a scenario.
func compileOptions(in *input) ([]sim.Option, error) {
	opts, err := in.file.CompileOptions()
	if err != nil {
		return nil, err
	}
	out := make([]sim.Option, len(opts))
	for i, o := range opts {
		out[i] = sim.Option{Name: o.Name, Title: o.Title, Description: o.Description, Model: o.Model}
	}
	return out, nil
}
