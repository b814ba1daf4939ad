package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ahpsim/ahpsim/calibrate"
	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/scenario"
)

func init() {
	commandDocs["calibrate"] = commandDoc{
		usage: "ahpsim calibrate TABLE --out FILE [flags]",
		about: `Calibrate fits the rates a scenario needs to every month of a history
table, per band and with uncertainty (docs/calibration.md), and writes a
scenario that starts the month after the table's last, with the fitted
rates as distributions. With --scenario it keeps everything of a base
scenario (pipelines, options, comments) and replaces only its start, its
bands' starting state and their fitted rates (docs/from-data.md). It also
writes the fit report, NAME.fit.csv and NAME.fit.txt for --out NAME.yaml;
with --suppress its counts of 1 to 4 people (leavers, joiners,
promotions) and the raw rates derived from them are written * (the
fitted scenario itself carries them: it is an input, not for publication).`,
		flags: func() *flag.FlagSet { fs, _ := newInitFlags("calibrate"); return fs },
	}
}

// suppressFitUsage is the help of calibrate's and hindcast's --suppress.
const suppressFitUsage = "suppress small numbers: counts of 1 to 4 people, and the rates derived from them, are written * in the reports"

// reportPaths are the fit report's files for a scenario written to out:
// NAME.fit.csv and NAME.fit.txt beside it, or in dir when given.
func reportPaths(out, dir string) (csv, txt string) {
	base := strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
	if dir == "" {
		dir = filepath.Dir(out)
	}
	return filepath.Join(dir, base+".fit.csv"), filepath.Join(dir, base+".fit.txt")
}

func cmdCalibrate(stdout io.Writer, args []string) error {
	f, table, err := parseInitFlags("calibrate", args)
	if err != nil {
		return err
	}
	csvPath, txtPath := reportPaths(f.out, f.report)
	if err := refuseExisting(f.force, f.out, csvPath, txtPath); err != nil {
		return err
	}
	var base []byte
	if f.scenario != "" {
		if base, err = readLimited(f.scenario); err != nil {
			return err
		}
		if len(base) > scenario.MaxBytes {
			return fmt.Errorf("%s: file is %d bytes (want at most %d)", f.scenario, len(base), scenario.MaxBytes)
		}
	}
	t, err := history.ReadFile(table, history.ReadOptions{Mapping: f.mapping})
	if err != nil {
		return err
	}
	spec, err := startSpec(t, table)
	if err != nil {
		return err
	}
	if spec.Fit, err = calibrate.FitTable(t, calibrate.FitOptions{}); err != nil {
		return err
	}
	spec.Base, spec.BaseName = base, f.scenario
	if f.report != "" {
		if err := os.MkdirAll(f.report, 0o755); err != nil {
			return err
		}
	}
	if err := writeSpec(f.out, spec); err != nil {
		return err
	}
	o := calibrate.ReportOptions{Suppress: f.suppress}
	if err := writeDataFile(csvPath, func(w io.Writer) error { return spec.Fit.WriteReportCSVWith(w, o) }); err != nil {
		return err
	}
	if err := writeDataFile(txtPath, func(w io.Writer) error { return spec.Fit.WriteReportWith(w, o) }); err != nil {
		return err
	}
	printWritten(stdout, f.out, spec)
	fmt.Fprintf(stdout, "wrote the fit report: %s and %s\n", csvPath, txtPath)
	if len(spec.Fit.Notes) > 0 {
		fmt.Fprintln(stdout, "notes from the fit:")
		for _, n := range spec.Fit.Notes {
			fmt.Fprintf(stdout, "  %s\n", n)
		}
	}
	return nil
}
