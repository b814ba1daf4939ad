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

// writeOutputs writes every output file into a new directory beside dir
// and then renames it into place, so that dir never holds a half-written
// set of results. It returns the names of the files written.
func writeOutputs(dir string, force bool, in *input, res *sim.Result, plots bool) ([]string, error) {
	files := map[string][]byte{}
	var csv bytes.Buffer
	if err := res.WriteSummaryCSV(&csv, "baseline", true); err != nil {
		return nil, err
	}
	files["summary.csv"] = csv.Bytes()
	if plots {
		if err := renderPlots(res, files); err != nil {
			return nil, err
		}
	}
	manifest, err := manifestJSON(in, res, files)
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

type manifest struct {
	Tool          string   `json:"tool"`
	Version       string   `json:"version"`
	Scenario      string   `json:"scenario"`
	Source        string   `json:"source"`
	SHA256        string   `json:"scenario_sha256"`
	Seed          uint64   `json:"seed"`
	Runs          int      `json:"runs"`
	Deterministic bool     `json:"deterministic"`
	Step          string   `json:"step"`
	Start         string   `json:"start"`
	End           string   `json:"end"`
	GoVersion     string   `json:"go_version"`
	WallSeconds   float64  `json:"wall_seconds"`
	Warnings      []string `json:"warnings"`
	Files         []string `json:"files"`
}

func manifestJSON(in *input, res *sim.Result, files map[string][]byte) ([]byte, error) {
	sum := sha256.Sum256(in.data)
	m := manifest{
		Tool: "ahpsim", Version: ahpsim.Version,
		Scenario: res.Model.Name, Source: in.path, SHA256: hex.EncodeToString(sum[:]),
		Seed: res.Settings.Seed, Runs: res.Settings.Runs, Deterministic: res.Settings.Deterministic,
		Step: stepName(res.Model.StepMonths), Start: res.Dates[0].String(), End: res.Dates[len(res.Dates)-1].String(),
		GoVersion: runtime.Version(), WallSeconds: res.Wall.Seconds(), Warnings: res.Warnings,
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
