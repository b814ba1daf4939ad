package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/ahpsim/ahpsim/calibrate"
	"github.com/ahpsim/ahpsim/history"
)

func init() {
	commandDocs["init"] = commandDoc{
		usage: "ahpsim init TABLE --out FILE [flags]",
		about: `Init writes a complete scenario from the latest month of a history table
(CSV or .xlsx, docs/data-format.md): one workforce entry per organisation
and profession, each band with its staff in post, FTE per head and
establishment at the end of that month, starting the month after. Every
number's source is in a comment; the rates are defaults marked ASSUMPTION,
which 'ahpsim calibrate' fits instead. It prints the assumptions made.`,
		flags: func() *flag.FlagSet { fs, _ := newInitFlags("init"); return fs },
	}
}

// initFlags are the flags of init (and, with the report flags, calibrate).
type initFlags struct {
	out, mapping, scenario, report string
	horizon                        int
	force, suppress                bool
}

func newInitFlags(cmd string) (*flag.FlagSet, *initFlags) {
	f := &initFlags{}
	fs := newFlagSet(cmd)
	fs.StringVar(&f.out, "out", "", "write the scenario to `FILE` (required)")
	fs.StringVar(&f.mapping, "mapping", "", "read the table's own spellings from mapping `FILE` (docs/data-format.md)")
	fs.BoolVar(&f.force, "force", false, "replace the output files if they exist")
	if cmd == "calibrate" {
		fs.StringVar(&f.scenario, "scenario", "", "keep everything of base scenario `FILE` but the start, the starting state and the fitted rates")
		fs.StringVar(&f.report, "report", "", "write the fit report into directory `DIR` (default: beside --out)")
		fs.BoolVar(&f.suppress, "suppress", false, suppressFitUsage)
	} else {
		fs.IntVar(&f.horizon, "horizon-months", calibrate.DefaultHorizonMonths, "simulate `N` months")
	}
	return fs, f
}

// parseInitFlags parses the flags and the one table of init or calibrate.
func parseInitFlags(cmd string, args []string) (*initFlags, string, error) {
	fs, f := newInitFlags(cmd)
	positional, err := parseFlags(fs, args)
	if err != nil {
		return nil, "", err
	}
	if len(positional) != 1 {
		return nil, "", usagef("%s takes one history table (got %d arguments)", cmd, len(positional))
	}
	if f.out == "" {
		return nil, "", usagef("%s needs --out FILE, the scenario to write", cmd)
	}
	if cmd == "init" && (f.horizon < 1 || f.horizon > 360) {
		return nil, "", usagef("--horizon-months %d: want 1 to 360", f.horizon)
	}
	return f, positional[0], nil
}

func cmdInit(stdout io.Writer, args []string) error {
	f, table, err := parseInitFlags("init", args)
	if err != nil {
		return err
	}
	if err := refuseExisting(f.force, f.out); err != nil {
		return err
	}
	t, err := history.ReadFile(table, history.ReadOptions{Mapping: f.mapping})
	if err != nil {
		return err
	}
	spec, err := startSpec(t, table)
	if err != nil {
		return err
	}
	spec.HorizonMonths = f.horizon
	if err := writeSpec(f.out, spec); err != nil {
		return err
	}
	printWritten(stdout, f.out, spec)
	return nil
}

// startSpec is the spec of a scenario starting the month after the
// table's last.
func startSpec(t *history.Table, table string) (calibrate.ScenarioSpec, error) {
	if len(t.Rows) == 0 {
		return calibrate.ScenarioSpec{}, fmt.Errorf("%s: the table has no rows", table)
	}
	last := t.Rows[len(t.Rows)-1].Month
	state, err := calibrate.StartState(t, last)
	if err != nil {
		return calibrate.ScenarioSpec{}, err
	}
	// The comments name the table's file without its directory: the
	// scenario may be read elsewhere.
	return calibrate.ScenarioSpec{Name: scenarioName(table), Source: filepath.Base(table), Start: last + 1, Orgs: t.Organisations, State: state}, nil
}

// writeSpec writes a spec's scenario, whole or not at all.
func writeSpec(path string, spec calibrate.ScenarioSpec) error {
	var b bytes.Buffer
	if err := calibrate.WriteScenario(&b, spec); err != nil {
		return err
	}
	return writeDataFile(path, func(w io.Writer) error { _, err := w.Write(b.Bytes()); return err })
}

// printWritten says what was written and what it assumes.
func printWritten(w io.Writer, path string, spec calibrate.ScenarioSpec) {
	fmt.Fprintf(w, "wrote %s: %d bands, starting %s from the end of %s in %s\n", path, len(spec.State), spec.Start, spec.Start-1, spec.Source)
	assumptions := calibrate.Assumptions(spec)
	if len(assumptions) == 0 {
		fmt.Fprintln(w, "no assumptions: every number is from the table")
		return
	}
	fmt.Fprintln(w, "assumptions (marked ASSUMPTION in the file; check them):")
	for _, a := range assumptions {
		fmt.Fprintf(w, "  %s\n", a)
	}
}
