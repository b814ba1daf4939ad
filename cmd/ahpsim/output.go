package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/ahpsim/ahpsim"
	"github.com/ahpsim/ahpsim/sim"
)

// checkOutDir refuses an output directory that exists and is not empty,
// unless force is set.
func checkOutDir(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output directory %s: %w", dir, err)
	case len(entries) > 0 && !force:
		return fmt.Errorf("output directory %s exists and is not empty (use --force to replace it, or --out for another)", dir)
	}
	return nil
}

// writeOutputs writes every output file of a run or comparison, then
// commits them (see commit). It returns the names of the files written.
func writeOutputs(dir string, force bool, j *job, c *sim.Comparison, plots bool) ([]string, error) {
	files := map[string][]byte{}
	var csv bytes.Buffer
	for i, res := range c.Options {
		if err := res.WriteSummaryCSV(&csv, c.Names[i], i == 0); err != nil {
			return nil, err
		}
	}
	files["summary.csv"] = csv.Bytes()
	if j.cmd == "compare" {
		var cmp bytes.Buffer
		if err := c.WriteComparisonCSV(&cmp); err != nil {
			return nil, err
		}
		files["comparison.csv"] = cmp.Bytes()
		html, err := reportHTML(j, c)
		if err != nil {
			return nil, err
		}
		files["report.html"] = html
	}
	if plots {
		if err := renderPlots(c, files); err != nil {
			return nil, err
		}
	}
	return commit(dir, force, j, c, files)
}

// writePartial writes one shard's partial result, with the scenario it ran
// and its manifest, for 'ahpsim merge'.
func writePartial(dir string, force bool, j *job, c *sim.Comparison) ([]string, error) {
	data, err := c.MarshalBinary()
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{partialFile: data, scenarioCopy: j.in.data}
	return commit(dir, force, j, c, files)
}

// commit adds the manifest and writes the files into a new directory
// beside dir, then renames it into place, so that dir never holds a
// half-written set of results.
func commit(dir string, force bool, j *job, c *sim.Comparison, files map[string][]byte) ([]string, error) {
	manifest, err := manifestJSON(j, c, files)
	if err != nil {
		return nil, err
	}
	files["manifest.json"] = manifest
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, ".ahpsim-tmp-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed into place
	names := make([]string, 0, len(files))
	for name, data := range files {
		path := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := replaceDir(tmp, dir, force); err != nil {
		return nil, err
	}
	sort.Strings(names)
	return summariseNames(names), nil
}

// replaceDir renames tmp to dir. An empty dir is removed first; a
// non-empty one only with force, and then only after the new one is in
// place under a temporary name, so that a failure loses nothing.
func replaceDir(tmp, dir string, force bool) error {
	if err := checkOutDir(dir, force); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + "-old"
		if err := os.Rename(dir, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir) // put the previous results back
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// summariseNames lists top-level files and counts files in sub-directories.
func summariseNames(names []string) []string {
	var out, dirs []string
	counts := map[string]int{}
	for _, n := range names {
		d, _, ok := strings.Cut(n, "/")
		if !ok {
			out = append(out, n)
			continue
		}
		if counts[d] == 0 {
			dirs = append(dirs, d)
		}
		counts[d]++
	}
	for _, d := range dirs {
		out = append(out, fmt.Sprintf("%s/ (%d files)", d, counts[d]))
	}
	return out
}

// The files of a shard's partial result.
const (
	partialFile  = "partial.ahpsim"
	scenarioCopy = "scenario.yaml"
)

type manifest struct {
	Tool          string   `json:"tool"`
	Version       string   `json:"version"`
	Command       string   `json:"command"`
	Scenario      string   `json:"scenario"`
	Source        string   `json:"source"`
	SHA256        string   `json:"scenario_sha256"`
	Options       []string `json:"options"`
	Seed          uint64   `json:"seed"`
	Runs          int      `json:"runs"`
	Deterministic bool     `json:"deterministic"`
	Target        *float64 `json:"target_vacancy_rate,omitempty"`
	Shard         *shard   `json:"shard,omitempty"`
	Step          string   `json:"step"`
	Start         string   `json:"start"`
	End           string   `json:"end"`
	GoVersion     string   `json:"go_version"`
	WallSeconds   float64  `json:"wall_seconds"`
	Warnings      []string `json:"warnings"`
	Files         []string `json:"files"`
}

type shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
	Runs  int `json:"runs_in_shard"`
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func manifestJSON(j *job, c *sim.Comparison, files map[string][]byte) ([]byte, error) {
	res := c.Options[0]
	s := c.Settings
	m := manifest{
		Tool: "ahpsim", Version: ahpsim.Version, Command: j.cmd,
		Scenario: res.Model.Name, Source: j.in.path, SHA256: sha256Hex(j.in.data), Options: c.Names,
		Seed: s.Seed, Runs: s.Runs, Deterministic: s.Deterministic,
		Step: stepName(res.Model.StepMonths), Start: res.Dates[0].String(), End: res.Dates[len(res.Dates)-1].String(),
		GoVersion: runtime.Version(), WallSeconds: c.Wall.Seconds(), Warnings: c.Warnings,
	}
	if c.Compare.HasTarget {
		m.Target = &c.Compare.Target
	}
	if s.Shards > 1 {
		m.Shard = &shard{Index: s.Shard, Count: s.Shards, Runs: int(res.Table.Runs())}
	}
	if m.Warnings == nil {
		m.Warnings = []string{}
	}
	for name := range files {
		m.Files = append(m.Files, name)
	}
	m.Files = append(m.Files, "manifest.json")
	sort.Strings(m.Files)
	data, err := json.MarshalIndent(m, "", "  ")
	return append(data, '\n'), err
}
