package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ahpsim/ahpsim/hindcast"
	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/workforce"
)

func init() {
	commandDocs["synth"] = commandDoc{
		usage: "ahpsim synth SCENARIO --months N --out FILE [flags]",
		about: `Synth simulates the monthly history a trust would have recorded if the
scenario (a file, or an embedded example) had played out: one Monte Carlo
run, run 0 of 'ahpsim run --seed S', observed every month in every cell, in
the table shape that init, calibrate and hindcast read (docs/hindcast.md).
The first row of each cell is the starting state, the end of the month
before the scenario starts; then one row per month.`,
		flags: func() *flag.FlagSet { fs, _ := newSynthFlags(); return fs },
	}
}

type synthFlags struct {
	months int
	out    string
	seed   uint64
	force  bool
	quiet  bool
}

func newSynthFlags() (*flag.FlagSet, *synthFlags) {
	fs := newFlagSet("synth")
	f := &synthFlags{}
	fs.IntVar(&f.months, "months", 0, "simulate `N` months from the scenario's start (required)")
	fs.StringVar(&f.out, "out", "", "write the history to `FILE` (required), e.g. history.csv")
	fs.Uint64Var(&f.seed, "seed", 0, "use master seed `S` (default: the scenario's seed)")
	fs.BoolVar(&f.force, "force", false, "replace FILE if it exists")
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing on standard output")
	return fs, f
}

func cmdSynth(ctx context.Context, stdout, _ io.Writer, args []string) error {
	fs, f := newSynthFlags()
	positional, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	switch {
	case len(positional) != 1:
		return usagef("synth needs one scenario (a file or an example name), got %d", len(positional))
	case !set["months"] || f.months < 1 || f.months > workforce.MaxHorizonMonths:
		return usagef("synth needs --months N, from 1 to %d", workforce.MaxHorizonMonths)
	case f.out == "":
		return usagef("synth needs --out FILE, e.g. --out history.csv")
	}
	in, err := loadScenario(positional[0])
	if err != nil {
		return err
	}
	if err := checkOutFile(f.out, f.force, in.path); err != nil {
		return err
	}
	m, err := in.file.Compile()
	if err != nil {
		return err
	}
	seed := in.file.Settings().Seed
	if set["seed"] {
		seed = f.seed
	}
	t, err := hindcast.Synth(ctx, m, seed, f.months)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(f.out), 0o755); err != nil {
		return err
	}
	write := func(w io.Writer) error {
		b := bufio.NewWriter(w)
		if err := history.WriteCSV(b, t); err != nil {
			return err
		}
		return b.Flush()
	}
	if err := writeDataFile(f.out, write); err != nil {
		return err
	}
	if !f.quiet {
		first, last := t.Rows[0].Month, t.Rows[len(t.Rows)-1].Month
		fmt.Fprintf(stdout, "Wrote %s: %d cells, %s (the starting state) to %s, seed %d.\n",
			f.out, len(m.Layout.Cells), first, last, seed)
	}
	return nil
}

// checkOutFile refuses to write over an existing file without force, and
// over an input of the command ever.
func checkOutFile(out string, force bool, inputs ...string) error {
	st, err := os.Stat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", out, err)
	case st.IsDir():
		return fmt.Errorf("%s is a directory (want a file name, e.g. %s)", out, filepath.Join(out, "history.csv"))
	}
	for _, in := range inputs {
		if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
			return fmt.Errorf("%s is an input of this command; --force never replaces an input (use another --out)", out)
		}
	}
	if !force {
		return fmt.Errorf("%s exists (use --force to replace it, or --out for another file)", out)
	}
	return nil
}
