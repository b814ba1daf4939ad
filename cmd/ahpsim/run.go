package main

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ahpsim/ahpsim/sim"
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
	shard         string
	target        float64
	set           map[string]bool
}

func parseJobFlags(cmd string, stderr io.Writer, args []string) (*jobFlags, []string, error) {
	f := &jobFlags{set: map[string]bool{}}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&f.runs, "runs", 0, "number of Monte Carlo runs (default: the scenario's runs)")
	fs.Uint64Var(&f.seed, "seed", 0, "master random seed (default: the scenario's seed)")
	fs.IntVar(&f.workers, "workers", 0, "parallel workers; results do not depend on it (default: one per CPU)")
	fs.StringVar(&f.out, "out", "", "output directory (default: out/NAME)")
	fs.BoolVar(&f.deterministic, "deterministic", false, "run once on expected values instead of Monte Carlo")
	fs.BoolVar(&f.force, "force", false, "replace the output directory if it holds a previous ahpsim output")
	fs.BoolVar(&f.noPlots, "no-plots", false, "write the tables and manifest only")
	fs.StringVar(&f.shard, "shard", "", "run only shard I of N (I/N, I from 0) and write a partial result for 'ahpsim merge'")
	if cmd == "compare" {
		fs.Float64Var(&f.target, "target", 0.10, "vacancy-rate target for the comparison (default: the scenario's target_vacancy_rate, else 0.10)")
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: ahpsim %s [FILE|EXAMPLE] [flags]\n", cmd)
		fs.PrintDefaults()
	}
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, nil, usageError{err.Error()}
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
	}
	return f, positional, nil
}

// parseShard reads "I/N" with 0 <= I < N.
func parseShard(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("--shard %q: want I/N with 0 <= I < N, e.g. 0/4", s)
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
}

func cmdRun(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	return runJob(ctx, "run", stdout, stderr, args)
}

func cmdCompare(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	return runJob(ctx, "compare", stdout, stderr, args)
}

func runJob(ctx context.Context, cmd string, stdout, stderr io.Writer, args []string) error {
	f, positional, err := parseJobFlags(cmd, stderr, args)
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
	outDir := f.out
	if outDir == "" {
		outDir = "out/" + in.name
		if j.settings.Shards > 1 {
			outDir += fmt.Sprintf("-shard-%d-of-%d", j.settings.Shard, j.settings.Shards)
		}
	}
	// Refuse before spending minutes on a run whose results could not be kept.
	d, err := prepareOutDir(outDir, f.force, []string{in.path})
	if err != nil {
		return err
	}
	defer d.cleanup()
	if isTerminal(stderr) {
		j.settings.Progress = progressPrinter(stderr)
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
	j := &job{cmd: cmd, in: in, opts: opts, settings: in.file.Settings()}
	j.settings.Origin = sim.Origin{Command: cmd, ScenarioSHA256: sha256.Sum256(in.data)}
	return j, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func progressPrinter(w io.Writer) func(done, total int) {
	start := time.Now()
	return func(done, total int) {
		fmt.Fprintf(w, "\rahpsim: %d/%d runs (%.0fs)", done, total, time.Since(start).Seconds())
		if done == total {
			fmt.Fprintln(w)
		}
	}
}

// printSummary writes the vacancy rate at the start, the middle and the
// end of the horizon, for the whole system and each profession, for each
// option, and the key findings of a comparison.
func printSummary(w io.Writer, j *job, c *sim.Comparison) {
	s := c.Settings
	first := c.Options[0]
	m := first.Model
	mode := fmt.Sprintf("%d runs, seed %d", s.Runs, s.Seed)
	if s.Deterministic {
		mode = "expected values (deterministic)"
	}
	fmt.Fprintf(w, "%s (%s)\n%s, %s steps from %s to %s\n", m.Name, j.in.path, mode,
		stepName(m.StepMonths), first.Dates[0], first.Dates[len(first.Dates)-1])
	dates := []int{0, len(first.Dates) / 2, len(first.Dates) - 1}
	if len(first.Dates) < 3 {
		dates = []int{0, len(first.Dates) - 1}
	}
	for i, res := range c.Options {
		fmt.Fprintln(w)
		if len(c.Options) > 1 {
			fmt.Fprintf(w, "Option %s\n", c.Names[i])
		}
		tw := tabwriter.NewWriter(w, 0, 4, 3, ' ', 0)
		fmt.Fprint(tw, "Vacancy rate, median (90% range)")
		for _, d := range dates {
			fmt.Fprintf(tw, "\t%s", res.Dates[d])
		}
		fmt.Fprintln(tw)
		vr := res.MetricIndex("vacancy_rate")
		for g, grp := range res.Groups {
			if grp.Org != sim.All || grp.Band != sim.All {
				continue
			}
			label := "all professions"
			if grp.Prof != sim.All {
				label = "  " + m.Layout.Professions[grp.Prof].Name
			}
			fmt.Fprint(tw, label)
			for _, d := range dates {
				st := res.Stats(d, g, vr)
				switch {
				case !st.Defined():
					fmt.Fprint(tw, "\t-")
				case d == 0 || st.P05 == st.P95:
					fmt.Fprintf(tw, "\t%s", percent(st.P50))
				default:
					fmt.Fprintf(tw, "\t%s (%s to %s)", percent(st.P50), percent(st.P05), percent(st.P95))
				}
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	if j.cmd == "compare" {
		fmt.Fprintln(w, "\nKey findings")
		for _, f := range findings(c) {
			fmt.Fprintf(w, "- %s\n", f)
		}
	}
}

func percent(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }

func stepName(months int) string {
	switch months {
	case 1:
		return "monthly"
	case 3:
		return "quarterly"
	}
	return "annual"
}
