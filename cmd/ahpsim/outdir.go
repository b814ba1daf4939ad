package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	slashpath "path"
	"path/filepath"
	"strings"

	"github.com/ahpsim/ahpsim/sim"
)

// outputDir is where a command writes its outputs. prepareOutDir checks it
// and makes a temporary directory beside it before any work starts, so
// that a directory that cannot be written is found at once, not after
// minutes of runs; commit fills the temporary directory and renames it
// into place.
type outputDir struct {
	name    string   // as the user gave it, for messages
	path    string   // absolute; a symlink is replaced by its target
	force   bool     // --force: a previous ahpsim output may be replaced
	inputs  []string // files and directories the command reads
	tmp     string   // the temporary directory beside path
	created []string // parents that prepareOutDir made, outermost first
	done    bool     // committed: keep what was made
}

// prepareOutDir checks an output directory (see check), creates its
// parent and a temporary directory beside it. The caller must call
// cleanup when done, committed or not.
func prepareOutDir(name string, force bool, inputs []string) (*outputDir, error) {
	path, err := followLink(name)
	if err != nil {
		return nil, fmt.Errorf("output directory %s: %w", name, err)
	}
	d := &outputDir{name: name, path: path, force: force, inputs: inputs}
	if err := d.check(); err != nil {
		return nil, err
	}
	parent := filepath.Dir(path)
	d.created = missingDirs(parent)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		d.cleanup()
		return nil, fmt.Errorf("output directory %s: cannot create its parent: %w", name, err)
	}
	if d.tmp, err = os.MkdirTemp(parent, ".ahpsim-tmp-*"); err != nil {
		d.cleanup()
		return nil, fmt.Errorf("output directory %s: cannot write beside it: %w", name, err)
	}
	return d, nil
}

// cleanup removes the temporary directory and, unless the outputs were
// committed, the parents prepareOutDir made (if still empty).
func (d *outputDir) cleanup() {
	if d.tmp != "" {
		os.RemoveAll(d.tmp) // a no-op once renamed into place
	}
	if d.done {
		return
	}
	for i := len(d.created) - 1; i >= 0; i-- {
		os.Remove(d.created[i]) // fails, harmlessly, if something else was put there
	}
}

// followLink returns the absolute path of dir, following dir itself if it
// is a symlink (to a directory that may not exist yet), so that outputs go
// into the link's target and the link stays.
func followLink(dir string) (string, error) {
	path, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for range 40 { // as many links as Linux follows
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = filepath.Clean(target)
	}
	return "", errors.New("too many levels of symbolic links")
}

// missingDirs lists dir and its ancestors that do not exist, outermost
// first.
func missingDirs(dir string) []string {
	var out []string
	for {
		if _, err := os.Lstat(dir); err == nil {
			break
		}
		out = append([]string{dir}, out...)
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return out
}

// check refuses an output directory that exists and is not empty, unless
// force is set; with force, it must hold a previous ahpsim output and
// nothing else, and none of the command's inputs.
func (d *outputDir) check() error {
	entries, err := os.ReadDir(d.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output directory %s: %w", d.name, err)
	case len(entries) == 0:
		return nil
	case !d.force:
		return fmt.Errorf("output directory %s exists and is not empty (use --force to replace it, or --out for another)", d.name)
	}
	if in := d.heldInput(); in == d.name {
		return fmt.Errorf("output directory %s is an input of this command; --force never replaces an input (use another --out)", d.name)
	} else if in != "" {
		return fmt.Errorf("output directory %s holds %s, an input of this command; --force never replaces an input (use another --out)", d.name, in)
	}
	return d.checkPreviousOutput()
}

// heldInput returns the first input that is d or inside it, or "".
func (d *outputDir) heldInput() string {
	out, err := filepath.EvalSymlinks(d.path)
	if err != nil {
		return ""
	}
	for _, in := range d.inputs {
		abs, err := filepath.Abs(in)
		if err != nil {
			continue
		}
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			continue // not a file, e.g. an embedded example
		}
		if rel, err := filepath.Rel(out, real); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return in
		}
	}
	return ""
}

// checkPreviousOutput makes sure d holds an ahpsim output and nothing
// else: a manifest.json of tool "ahpsim" that lists every file in it.
func (d *outputDir) checkPreviousOutput() error {
	const only = "--force only replaces a previous ahpsim output"
	raw, err := os.ReadFile(filepath.Join(d.path, "manifest.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output directory %s is not an ahpsim output (it has no manifest.json); %s", d.name, only)
	}
	if err != nil {
		return fmt.Errorf("output directory %s: %w", d.name, err)
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil || m.Tool != "ahpsim" {
		return fmt.Errorf("output directory %s: manifest.json is not an ahpsim manifest; %s", d.name, only)
	}
	listed := map[string]bool{}
	for _, f := range m.Files {
		for p := f; p != "." && p != "/"; p = slashpath.Dir(p) {
			listed[p] = true // the file and the directories it is in
		}
	}
	return filepath.WalkDir(d.path, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(d.path, path)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if !listed[rel] || !(e.Type().IsRegular() || e.IsDir()) {
			return fmt.Errorf("output directory %s holds %s, which its manifest.json does not list; %s", d.name, rel, only)
		}
		return nil
	})
}

// replace renames the committed temporary directory to d. An empty d is
// removed first; a non-empty one only if check allows it, and then only
// after the new one is in place under a temporary name, so that a failure
// loses nothing.
func (d *outputDir) replace() error {
	if err := d.check(); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(d.path); err == nil {
		old = d.tmp + "-old"
		if err := os.Rename(d.path, old); err != nil {
			return err
		}
	}
	if err := os.Rename(d.tmp, d.path); err != nil {
		if old != "" {
			os.Rename(old, d.path) // put the previous results back
		}
		return err
	}
	d.done = true
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// shardDone reports whether directory name already holds the complete
// output of this very shard of this job (see sameShard), so that
// re-submitting a whole job array after a failure reruns only the shards
// that failed. A directory that is empty, missing or without a
// manifest.json is not done (prepareOutDir then decides as for any other
// directory); one holding another job's shard, or a shard output that is
// incomplete or corrupt, is refused with what differs.
func shardDone(name string, j *job) (bool, error) {
	entries, err := os.ReadDir(name)
	if err != nil || len(entries) == 0 {
		return false, nil
	}
	if _, err := os.Stat(filepath.Join(name, "manifest.json")); err != nil {
		return false, nil
	}
	refuse := func(what string, err error) error {
		return fmt.Errorf("output directory %s exists and %s: %v (use --force to replace it, or --out for another)", name, what, err)
	}
	p, err := readPartialDir(name)
	if err == nil {
		err = checkPart(p)
	}
	if err != nil {
		return false, refuse("is not a complete shard output", oneLine(err))
	}
	c, err := sameShard(p, j)
	if err != nil {
		return false, refuse("holds another job's shard", err)
	}
	if err := c.MergeBinary(p.data); err != nil {
		return false, refuse("is not a complete shard output", fmt.Errorf("%s: %w", partialFile, err))
	}
	return true, nil
}

// sameShard checks that a shard output p, consistent in itself
// (checkPart), is shard j.settings.Shard of j: same scenario bytes,
// command, seed, runs, mode, target and shard count. It returns an empty
// comparison of the whole job, to decode p's summaries into.
func sameShard(p partial, j *job) (*sim.Comparison, error) {
	whole := j.settings
	whole.Shard, whole.Shards = 0, 0
	c, err := sim.NewComparison(j.opts, whole, j.compare)
	if err != nil {
		return nil, err
	}
	s, m := c.Settings, p.manifest
	var diffs []string
	differ := func(field string, got, want any) {
		if got != want {
			diffs = append(diffs, fmt.Sprintf("%s %v, want %v", field, got, want))
		}
	}
	differ("scenario SHA-256", short(m.SHA256), short(sha256Hex(j.in.data)))
	differ("command", m.Command, j.cmd)
	differ("seed", m.Seed, s.Seed)
	differ("runs", m.Runs, s.Runs)
	differ("deterministic", m.Deterministic, s.Deterministic)
	differ("target_vacancy_rate", targetText(m.Target != nil, deref(m.Target)), targetText(j.compare.HasTarget, j.compare.Target))
	differ("shard", fmt.Sprintf("%d/%d", m.Shard.Index, m.Shard.Count), fmt.Sprintf("%d/%d", j.settings.Shard, j.settings.Shards))
	if len(diffs) > 0 {
		return nil, errors.New(strings.Join(diffs, "; "))
	}
	return c, nil
}

func short(sha string) string { return fmt.Sprintf("%.12s...", sha) }

// oneLine joins the lines of a multi-line error with "; ".
func oneLine(err error) error {
	return errors.New(strings.ReplaceAll(err.Error(), "\n", "; "))
}
