package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
)

// cmdMerge combines the partial results of the shards of one job into the
// outputs the whole job would have written.
func cmdMerge(stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "output directory (default: out/NAME)")
	force := fs.Bool("force", false, "replace the output directory if it exists and is not empty")
	noPlots := fs.Bool("no-plots", false, "write the tables and manifest only")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: ahpsim merge [--out DIR] [--force] SHARD_DIR...")
		fs.PrintDefaults()
	}
	dirs, err := parseInterleaved(fs, args)
	if err != nil {
		return usageError{err.Error()}
	}
	if len(dirs) == 0 {
		return usagef("merge needs the output directories of the shards")
	}
	parts := make([]partial, len(dirs))
	for i, d := range dirs {
		if parts[i], err = readPartialDir(d); err != nil {
			return err
		}
	}
	if err := checkParts(parts); err != nil {
		return err
	}
	first := parts[0]
	f, err := scenario.Parse(first.manifest.Source, first.scenario)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(first.dir, scenarioCopy), err)
	}
	in := &input{path: first.manifest.Source, name: inputName(first.manifest.Source), data: first.scenario, file: f}
	j, err := newJob(first.manifest.Command, in)
	if err != nil {
		return err
	}
	j.settings.Runs = first.manifest.Runs
	j.settings.Seed = first.manifest.Seed
	j.settings.Deterministic = first.manifest.Deterministic
	if t := first.manifest.Target; t != nil {
		j.compare = sim.CompareSettings{Target: *t, HasTarget: true}
	}
	c, err := sim.NewComparison(j.opts, j.settings, j.compare)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if err := c.MergeBinary(p.data); err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(p.dir, partialFile), err)
		}
		c.Warnings = append(c.Warnings, p.manifest.Warnings...)
		c.Wall += secondsDuration(p.manifest.WallSeconds)
	}
	// Levers cut short are counted in the partial results; a shard does
	// not word them, the merge does, over all runs.
	c.Warnings = append(c.Warnings, c.CapWarnings()...)
	outDir := *out
	if outDir == "" {
		outDir = "out/" + in.name
	}
	if err := checkOutDir(outDir, *force); err != nil {
		return err
	}
	files, err := writeOutputs(outDir, *force, j, c, !*noPlots)
	if err != nil {
		return err
	}
	printSummary(stdout, j, c)
	fmt.Fprintf(stdout, "\nMerged %d shards. Wrote %s: %s\n", len(parts), outDir, strings.Join(files, ", "))
	printWarnings(stderr, c)
	return nil
}

type partial struct {
	dir      string
	manifest manifest
	scenario []byte
	data     []byte
}

func readPartialDir(dir string) (partial, error) {
	p := partial{dir: dir}
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(raw, &p.manifest); err != nil {
		return p, fmt.Errorf("%s: %w", filepath.Join(dir, "manifest.json"), err)
	}
	if p.manifest.Shard == nil {
		return p, fmt.Errorf("%s is not the output of a shard (run with --shard I/N)", dir)
	}
	if p.scenario, err = os.ReadFile(filepath.Join(dir, scenarioCopy)); err != nil {
		return p, err
	}
	if p.data, err = os.ReadFile(filepath.Join(dir, partialFile)); err != nil {
		return p, err
	}
	return p, nil
}

// checkParts makes sure the parts are every shard of one job, once each.
func checkParts(parts []partial) error {
	first := parts[0].manifest
	seen := make([]string, first.Shard.Count)
	var errs []error
	for _, p := range parts {
		m := p.manifest
		switch {
		case m.SHA256 != first.SHA256:
			errs = append(errs, fmt.Errorf("%s ran another scenario (SHA-256 %.12s, want %.12s)", p.dir, m.SHA256, first.SHA256))
		case m.Command != first.Command || m.Seed != first.Seed || m.Runs != first.Runs || m.Deterministic != first.Deterministic:
			errs = append(errs, fmt.Errorf("%s ran another job (%s, seed %d, %d runs; want %s, seed %d, %d runs)", p.dir, m.Command, m.Seed, m.Runs, first.Command, first.Seed, first.Runs))
		case m.Shard.Count != first.Shard.Count:
			errs = append(errs, fmt.Errorf("%s is shard %d of %d, want shards of %d", p.dir, m.Shard.Index, m.Shard.Count, first.Shard.Count))
		case seen[m.Shard.Index] != "":
			errs = append(errs, fmt.Errorf("%s and %s are both shard %d", seen[m.Shard.Index], p.dir, m.Shard.Index))
		default:
			seen[m.Shard.Index] = p.dir
		}
	}
	for i, d := range seen {
		if d == "" && len(errs) == 0 {
			errs = append(errs, fmt.Errorf("shard %d of %d is missing", i, first.Shard.Count))
		}
	}
	return errors.Join(errs...)
}

func inputName(source string) string {
	base := filepath.Base(strings.TrimPrefix(source, "example:"))
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func secondsDuration(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
