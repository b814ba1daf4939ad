package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
)

// cmdMerge combines the partial results of the shards of one job into the
// outputs the whole job would have written. It first proves that the parts
// are every shard of one job, once each (see checkPart and checkParts),
// and writes nothing if they are not.
func cmdMerge(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, f := newMergeFlags()
	dirs, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return usagef("merge needs the output directories of the shards")
	}
	parts, err := readParts(ctx, dirs)
	if err != nil {
		return err
	}
	j, err := mergeJob(parts[0])
	if err != nil {
		return err
	}
	j.suppress = j.suppress || f.suppress
	j.xlsx = f.xlsx
	name := f.out
	if name == "" {
		name = "out/" + j.in.name
	}
	d, err := prepareOutDir(name, f.force, dirs)
	if err != nil {
		return err
	}
	defer d.cleanup()
	c, err := mergeParts(ctx, j, parts)
	if err != nil {
		return err
	}
	noteSkipped(stderr, j, f.noPlots)
	files, err := writeOutputs(ctx, d, j, c, !f.noPlots)
	if err != nil {
		return err
	}
	if f.quiet {
		stdout = io.Discard
	}
	printSummary(stdout, j, c)
	fmt.Fprintf(stdout, "\nMerged %d shards. Wrote %s: %s\n", len(parts), name, strings.Join(files, ", "))
	printWarnings(stderr, c)
	return nil
}

// mergeFlags are the flags of merge.
type mergeFlags struct {
	out            string
	force, noPlots bool
	xlsx           bool
	suppress       bool
	quiet          bool
}

func newMergeFlags() (*flag.FlagSet, *mergeFlags) {
	f := &mergeFlags{}
	fs := newFlagSet("merge")
	fs.StringVar(&f.out, "out", "", "write into directory `DIR` (default: out/NAME)")
	fs.BoolVar(&f.force, "force", false, "replace the output directory if it holds a previous ahpsim output")
	fs.BoolVar(&f.noPlots, "no-plots", false, "write the tables and manifest only")
	fs.BoolVar(&f.xlsx, "xlsx", false, xlsxUsage)
	fs.BoolVar(&f.suppress, "suppress", false, suppressUsage)
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing on standard output (errors and warnings still go to standard error)")
	return fs, f
}

// readParts reads and checks the shards' directories. It reports the
// problems of every directory at once, then checks them against each other.
func readParts(ctx context.Context, dirs []string) ([]partial, error) {
	dirs = expandParts(dirs)
	parts := make([]partial, len(dirs))
	var errs []error
	for i, d := range dirs {
		if err := cancelled(ctx, "reading "+d); err != nil {
			return nil, err
		}
		var err error
		if parts[i], err = readPartialDir(d); err == nil {
			err = checkPart(parts[i])
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return parts, checkParts(parts)
}

// mergeJob rebuilds the job the parts are shards of, from the scenario
// copy of the first (checkPart made sure it is the scenario simulated).
func mergeJob(first partial) (*job, error) {
	m := first.manifest
	f, err := scenario.Parse(m.Source, first.scenario)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(first.dir, scenarioCopy), err)
	}
	in := &input{path: m.Source, name: inputName(m.Source), data: first.scenario, file: f}
	j, err := newJob(m.Command, in)
	if err != nil {
		return nil, err
	}
	j.settings.Runs = m.Runs
	j.settings.Seed = m.Seed
	j.settings.Deterministic = m.Deterministic
	j.settings.Report = first.info.Report // the part's, whether from the scenario or flags
	if t := m.Target; t != nil {
		j.compare = sim.CompareSettings{Target: *t, HasTarget: true}
	}
	return j, nil
}

// mergeParts adds every part into an empty comparison of the job; the
// library checks each part's own header again.
func mergeParts(ctx context.Context, j *job, parts []partial) (*sim.Comparison, error) {
	c, err := sim.NewComparison(j.opts, j.settings, j.compare)
	if err != nil {
		return nil, err
	}
	for _, p := range parts {
		err := untilCancelled(ctx, "merging "+p.dir, func() error {
			if err := c.MergeBinary(p.data); err != nil {
				return fmt.Errorf("%s: %w", filepath.Join(p.dir, partialFile), err)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		c.Warnings = append(c.Warnings, p.manifest.Warnings...)
		c.Wall += secondsDuration(p.manifest.WallSeconds)
	}
	// Levers cut short are counted in the partial results; a shard does
	// not word them, the merge does, over all runs.
	c.Warnings = append(c.Warnings, c.CapWarnings()...)
	return c, nil
}

type partial struct {
	dir      string
	manifest manifest
	scenario []byte
	data     []byte
	info     sim.PartialInfo // what data says about itself
}

func readPartialDir(dir string) (partial, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return partial{}, err
	}
	m, err := parseManifest(dir, raw)
	if err != nil {
		return partial{}, err
	}
	scen, err := os.ReadFile(filepath.Join(dir, scenarioCopy))
	if err != nil {
		return partial{}, err
	}
	data, err := os.ReadFile(filepath.Join(dir, partialFile))
	if err != nil {
		return partial{}, err
	}
	return newPartial(dir, m, scen, data)
}

// parseManifest reads the manifest.json of a shard's directory.
func parseManifest(dir string, raw []byte) (manifest, error) {
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return m, fmt.Errorf("%s: %w", filepath.Join(dir, "manifest.json"), err)
	}
	if m.Shard == nil {
		return m, fmt.Errorf("%s is not the output of a shard (run with --shard I/N)", dir)
	}
	return m, nil
}

// newPartial reads what a shard's partial result says about itself.
func newPartial(dir string, m manifest, scen, data []byte) (partial, error) {
	p := partial{dir: dir, manifest: m, scenario: scen, data: data}
	var err error
	if p.info, err = sim.ReadPartialInfo(data); err != nil {
		return p, fmt.Errorf("%s: %w", filepath.Join(dir, partialFile), err)
	}
	return p, nil
}

// checkPart makes sure a shard's manifest is possible, and that its
// manifest, its partial result and its scenario copy all say the same:
// a partial.ahpsim copied from another shard's folder, or a scenario.yaml
// edited after the run, is refused. Every disagreement is reported, each
// naming the folder and the field.
func checkPart(p partial) error {
	m, mf := p.manifest, filepath.Join(p.dir, "manifest.json")
	switch {
	case m.Tool != "ahpsim":
		return fmt.Errorf("%s: tool is %q, want \"ahpsim\"", mf, m.Tool)
	case m.Command != "run" && m.Command != "compare":
		return fmt.Errorf("%s: command is %q, want run or compare", mf, m.Command)
	case m.Shard.Count < 2 || m.Shard.Count > sim.MaxRuns:
		return fmt.Errorf("%s: shard.count is %d, want 2 to %d", mf, m.Shard.Count, sim.MaxRuns)
	case m.Shard.Index < 0 || m.Shard.Index >= m.Shard.Count:
		return fmt.Errorf("%s: shard.index is %d, want 0 to %d (shard.count is %d)", mf, m.Shard.Index, m.Shard.Count-1, m.Shard.Count)
	}
	in := p.info
	var errs []error
	differ := func(field string, inPartial, inManifest any) {
		if inPartial != inManifest {
			errs = append(errs, fmt.Errorf("%s: %s: %s says %v, %s says %v", p.dir, field, partialFile, inPartial, "manifest.json", inManifest))
		}
	}
	differ("shard.index", in.Shard, m.Shard.Index)
	differ("shard.count", in.Shards, m.Shard.Count)
	differ("shard.runs_in_shard", in.Held, m.Shard.Runs)
	differ("command", in.Origin.Command, m.Command)
	differ("seed", in.Seed, m.Seed)
	differ("runs", in.Runs, m.Runs)
	differ("deterministic", in.Deterministic, m.Deterministic)
	differ("target_vacancy_rate", targetText(in.HasTarget, in.Target), targetText(m.Target != nil, deref(m.Target)))
	simulated := hex.EncodeToString(in.Origin.ScenarioSHA256[:])
	differ("scenario_sha256", simulated, m.SHA256)
	if copied := sha256Hex(p.scenario); copied != simulated {
		errs = append(errs, fmt.Errorf("%s: %s: SHA-256 is %.12s..., but %s was simulated from %.12s... (was it edited after the run?)",
			p.dir, scenarioCopy, copied, partialFile, simulated))
	}
	return errors.Join(errs...)
}

func targetText(has bool, v float64) string {
	if !has {
		return "none"
	}
	return fmt.Sprint(v)
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

// checkParts makes sure the parts, each consistent (checkPart), are every
// shard of one job, once each.
func checkParts(parts []partial) error {
	first := parts[0].manifest
	seen := map[int]string{}
	var errs []error
	for _, p := range parts {
		m := p.manifest
		switch {
		case m.SHA256 != first.SHA256:
			errs = append(errs, fmt.Errorf("%s ran another scenario (SHA-256 %.12s, want %.12s)", p.dir, m.SHA256, first.SHA256))
		case m.Command != first.Command || m.Seed != first.Seed || m.Runs != first.Runs || m.Deterministic != first.Deterministic:
			errs = append(errs, fmt.Errorf("%s ran another job (%s, seed %d, %d runs; want %s, seed %d, %d runs)", p.dir, m.Command, m.Seed, m.Runs, first.Command, first.Seed, first.Runs))
		case targetText(m.Target != nil, deref(m.Target)) != targetText(first.Target != nil, deref(first.Target)):
			errs = append(errs, fmt.Errorf("%s ran another job (target_vacancy_rate %s, want %s)", p.dir,
				targetText(m.Target != nil, deref(m.Target)), targetText(first.Target != nil, deref(first.Target))))
		case m.Shard.Count != first.Shard.Count:
			errs = append(errs, fmt.Errorf("%s is shard %d of %d, want shards of %d", p.dir, m.Shard.Index, m.Shard.Count, first.Shard.Count))
		case seen[m.Shard.Index] != "":
			errs = append(errs, fmt.Errorf("%s and %s are both shard %d", seen[m.Shard.Index], p.dir, m.Shard.Index))
		default:
			seen[m.Shard.Index] = p.dir
		}
	}
	if len(errs) == 0 {
		var missing []int
		for i := range first.Shard.Count {
			if seen[i] == "" {
				missing = append(missing, i)
			}
		}
		if len(missing) > 0 {
			return missingShards(parts, missing)
		}
	}
	return errors.Join(errs...)
}

func secondsDuration(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// expandParts replaces each directory that is not a shard output (it has
// no manifest.json) but holds sub-directories by those sub-directories,
// sorted, skipping hidden ones (such as the .ahpsim-tmp-* a killed shard
// leaves): "merge parts" is "merge parts/*" without needing a shell to
// expand the pattern, as in a Kubernetes Job.
func expandParts(dirs []string) []string {
	var out []string
	for _, d := range dirs {
		subs := subDirs(d)
		if _, err := os.Stat(filepath.Join(d, "manifest.json")); err == nil || len(subs) == 0 {
			out = append(out, d)
			continue
		}
		out = append(out, subs...)
	}
	return out
}

// subDirs lists the non-hidden directories in d, in natural order (2
// before 10).
func subDirs(d string) []string {
	entries, err := os.ReadDir(d)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, filepath.Join(d, e.Name()))
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return naturalLess(out[a], out[b]) })
	return out
}

var digits = regexp.MustCompile(`[0-9]+`)

// naturalLess orders names by their text, with runs of digits compared as
// numbers.
func naturalLess(a, b string) bool {
	pad := func(s string) string {
		return digits.ReplaceAllStringFunc(s, func(n string) string { return fmt.Sprintf("%020s", n) })
	}
	return pad(a) < pad(b)
}

// missingShards words the refusal of an incomplete set of parts: every
// missing shard, with the command that reruns it, and the Slurm array
// indices to resubmit.
func missingShards(parts []partial, missing []int) error {
	m := parts[0].manifest
	n := m.Shard.Count
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d shards are missing (%d given); nothing was written. Run the missing ones, then merge again:", len(missing), n, len(parts))
	tmpl := outTemplate(parts)
	for _, i := range missing {
		out := "DIR"
		if tmpl != "" {
			out = strings.ReplaceAll(tmpl, "\x00", strconv.Itoa(i))
		}
		fmt.Fprintf(&b, "\nshard %d of %d is missing: %s --out %s", i, n, rerunCommand(parts[0], i), shellQuote(out))
	}
	fmt.Fprintf(&b, "\nOn Slurm, resubmit the whole array unchanged (finished shards are skipped), or only --array=%s.", arrayList(missing))
	return errors.New(b.String())
}

// rerunCommand is the ahpsim command line, without --out, that runs shard
// i of the job p is a shard of.
func rerunCommand(p partial, i int) string {
	m := p.manifest
	src := strings.TrimPrefix(m.Source, "example:")
	args := []string{"ahpsim", m.Command, shellQuote(src), "--shard", fmt.Sprintf("%d/%d", i, m.Shard.Count),
		"--seed", fmt.Sprint(m.Seed), "--runs", fmt.Sprint(m.Runs)}
	if m.Deterministic {
		args = append(args, "--deterministic")
	}
	if m.Target != nil && !defaultTarget(p, *m.Target) {
		args = append(args, "--target", fmt.Sprint(*m.Target))
	}
	return strings.Join(args, " ")
}

// defaultTarget reports whether compare, run on p's scenario, would take
// target t without --target.
func defaultTarget(p partial, t float64) bool {
	f, err := scenario.Parse(p.manifest.Source, p.scenario)
	if err != nil {
		return false
	}
	want, ok := f.Target()
	if !ok {
		want = 0.10
	}
	return want == t
}

// outTemplate finds where the shard index sits in the parts' directory
// names ("parts/3", "out/x-shard-3-of-4"): the template has a NUL there.
// It returns "" if no one place fits every part.
func outTemplate(parts []partial) string {
	first := parts[0]
	idx := strconv.Itoa(first.manifest.Shard.Index)
	locs := digits.FindAllStringIndex(first.dir, -1)
	for k := len(locs) - 1; k >= 0; k-- {
		l := locs[k]
		if first.dir[l[0]:l[1]] != idx {
			continue
		}
		tmpl := first.dir[:l[0]] + "\x00" + first.dir[l[1]:]
		if fitsAll(tmpl, parts) {
			return tmpl
		}
	}
	return ""
}

func fitsAll(tmpl string, parts []partial) bool {
	for _, p := range parts {
		if strings.ReplaceAll(tmpl, "\x00", strconv.Itoa(p.manifest.Shard.Index)) != p.dir {
			return false
		}
	}
	return true
}

// arrayList writes indices as a Slurm --array list: "1,3-5".
func arrayList(ix []int) string {
	var out []string
	for a := 0; a < len(ix); {
		b := a
		for b+1 < len(ix) && ix[b+1] == ix[b]+1 {
			b++
		}
		if b == a {
			out = append(out, strconv.Itoa(ix[a]))
		} else {
			out = append(out, fmt.Sprintf("%d-%d", ix[a], ix[b]))
		}
		a = b + 1
	}
	return strings.Join(out, ",")
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:=@%+-]+$`)

// shellQuote quotes s for a POSIX shell if it needs it.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
