// Package examples holds the example scenarios that ship with ahpsim, so
// that the command line tool can run them by name and tests can check that
// every one of them parses, compiles and validates.
//
//   - bhr-baseline: the AHP workforce of Barking & Dagenham, Havering and
//     Redbridge from the BHR workforce interviews report, nothing changed,
//     with age and retirement, apprentices, international recruits,
//     returners, rotations, sickness, ramp-up, agency cover and costs.
//   - bhr-retention-premium, bhr-apprentices, bhr-international-ots: the
//     baseline with one intervention each.
//   - bhr-rotations: BHR as two trusts, with cross-organisation rotations
//     and staff portability, as options.
//   - bhr-acp-posts, bhr-student-places: options for new advanced
//     practitioner posts grown from zero, and for more student placements.
//   - bhr-options: four options compared on common random numbers, with costs.
//   - teaching: a small commented tutorial using every kind of flow once.
package examples

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/scenario"
)

//go:embed *.yaml
var files embed.FS

// Example describes one embedded scenario.
type Example struct {
	Name        string // file name without .yaml, e.g. "bhr-baseline"
	Title       string // the scenario's name
	Description string // the scenario's description
}

// List returns the embedded examples, sorted by name.
func List() []Example {
	var list []Example
	for _, name := range names() {
		e := Example{Name: name}
		data, err := files.ReadFile(name + ".yaml")
		if err == nil {
			// The tests check that every example parses strictly.
			if f, err := scenario.Parse(name+".yaml", data); err == nil {
				e.Title = f.Name
				e.Description = strings.TrimSpace(f.Description)
			}
		}
		list = append(list, e)
	}
	return list
}

// Read returns the YAML source of the example with the given name, with or
// without the .yaml extension.
func Read(name string) ([]byte, error) {
	base := strings.TrimSuffix(name, ".yaml")
	if base != "" && !strings.ContainsAny(base, `/\`) {
		if data, err := files.ReadFile(base + ".yaml"); err == nil {
			return data, nil
		}
	}
	return nil, fmt.Errorf("no example named %q (want one of %s)", name, strings.Join(names(), ", "))
}

// names lists the embedded examples without their extension, sorted.
func names() []string {
	matches, _ := fs.Glob(files, "*.yaml")
	var out []string
	for _, m := range matches {
		out = append(out, strings.TrimSuffix(path.Base(m), ".yaml"))
	}
	slices.Sort(out)
	return out
}
