package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ahpsim/ahpsim/sim"
)

type runFlags struct {
	runs          int
	seed          uint64
	workers       int
	out           string
	deterministic bool
	force         bool
	noPlots       bool
	set           map[string]bool
}

func parseRunFlags(stderr io.Writer, args []string) (*runFlags, []string, error) {
	f := &runFlags{set: map[string]bool{}}
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&f.runs, "runs", 0, "number of Monte Carlo runs (default: the scenario's runs)")
	fs.Uint64Var(&f.seed, "seed", 0, "master random seed (default: the scenario's seed)")
	fs.IntVar(&f.workers, "workers", 0, "parallel workers; results do not depend on it (default: one per CPU)")
	fs.StringVar(&f.out, "out", "", "output directory (default: out/NAME)")
	fs.BoolVar(&f.deterministic, "deterministic", false, "run once on expected values instead of Monte Carlo")
	fs.BoolVar(&f.force, "force", false, "replace the output directory if it exists and is not empty")
	fs.BoolVar(&f.noPlots, "no-plots", false, "write summary.csv and manifest.json only")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: ahpsim run [FILE|EXAMPLE] [flags]")
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
	return f, positional, nil
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

func cmdRun(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	f, positional, err := parseRunFlags(stderr, args)
	if err != nil {
		return err
	}
	if len(positional) > 1 {
		return usagef("run takes one scenario file or example, got %d: %s", len(positional), strings.Join(positional, " "))
	}
	arg := defaultExample
	if len(positional) == 1 {
		arg = positional[0]
	}
	in, err := loadScenario(arg)
	if err != nil {
		return err
	}
	model, err := in.file.Compile()
	if err != nil {
		return err
	}
	settings := in.file.Settings()
	if f.set["runs"] {
		settings.Runs = f.runs
	}
	if f.set["seed"] {
		settings.Seed = f.seed
	}
	settings.Workers = f.workers
	settings.Deterministic = f.deterministic
	outDir := f.out
	if outDir == "" {
		outDir = "out/" + in.name
	}
	// Refuse before spending minutes on a run whose results could not be kept.
	if err := checkOutDir(outDir, f.force); err != nil {
		return err
	}
	if isTerminal(stderr) {
		settings.Progress = progressPrinter(stderr)
	}
	res, err := sim.Run(ctx, model, settings)
	if err != nil {
		return err
	}
	files, err := writeOutputs(outDir, f.force, in, res, !f.noPlots)
	if err != nil {
		return err
	}
	printSummary(stdout, in, res)
	fmt.Fprintf(stdout, "\nWrote %s: %s\n", outDir, strings.Join(files, ", "))
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "ahpsim: warning: %s\n", w)
	}
	return nil
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
// end of the horizon, for the whole system and each profession.
func printSummary(w io.Writer, in *input, res *sim.Result) {
	s := res.Settings
	m := res.Model
	mode := fmt.Sprintf("%d runs, seed %d", s.Runs, s.Seed)
	if s.Deterministic {
		mode = "expected values (deterministic)"
	}
	fmt.Fprintf(w, "%s (%s)\n%s, %s steps from %s to %s\n\n", m.Name, in.path, mode,
		stepName(m.StepMonths), res.Dates[0], res.Dates[len(res.Dates)-1])
	dates := []int{0, len(res.Dates) / 2, len(res.Dates) - 1}
	if len(res.Dates) < 3 {
		dates = []int{0, len(res.Dates) - 1}
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
