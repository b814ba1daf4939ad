// Command gensystem writes a scenario of K copies of the BHR baseline
// example as K organisations, for measuring how time and memory grow with
// the size of a system (bench/scale.sh):
//
//	go run ./bench/gensystem -k 100 -o /tmp/bhr-100.yaml
//
// Copy i is organisation bhr_i (bhr_001 .. bhr_100 for K = 100), with every
// workforce entry of the example, and every pipeline and rotation renamed
// name_i and pointed at its own organisation. Everything else (simulation
// settings, custom roles, leaver destinations, age groups and retirement
// rates, costs) is the example's, once. The copies' uncertain parameters
// are drawn separately: the organisations are alike, not identical.
//
// It rewrites the example's text rather than its YAML tree, because only
// package scenario may import YAML (doc.go): it relies on the layout of
// bhr-baseline.yaml (top-level sections, workforce entries starting
// "  - profession:", pipeline cells written "{profession: ...}", one
// organisation), and the tests check that one copy compiles to the
// example's model and K copies to K organisations. Comments are dropped, so
// that 100 copies stay within the 1 MiB a scenario file may hold.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/ahpsim/ahpsim/examples"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gensystem:", err)
		os.Exit(1)
	}
}

func run(stdout io.Writer, args []string) error {
	fs := flag.NewFlagSet("gensystem", flag.ContinueOnError)
	k := fs.Int("k", 10, "number of organisations (copies of the BHR baseline), 1 to 999")
	out := fs.String("o", "", "write to this file (default: standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *k < 1 || *k > 999 {
		return fmt.Errorf("-k: want 1 to 999 organisations, got %d", *k)
	}
	src, err := examples.Read("bhr-baseline")
	if err != nil {
		return err
	}
	data, err := Generate(string(src), *k)
	if err != nil {
		return fmt.Errorf("bhr-baseline: %w", err)
	}
	if *out == "" {
		_, err = io.WriteString(stdout, data)
		return err
	}
	return os.WriteFile(*out, []byte(data), 0o644)
}

// section is a top-level key of the scenario with the lines under it.
type section struct {
	key   string
	lines []string // the key's own line first
}

// copied are the top-level keys kept once, as they are: shared by every
// organisation.
var copied = map[string]bool{
	"simulation": true, "custom_roles": true, "leaver_destinations": true, "age_groups": true,
	"age_profile": true, "retirement_rates": true, "joiner_ages": true, "costs": true,
}

// Generate returns k copies of the one-organisation scenario src.
func Generate(src string, k int) (string, error) {
	orgs := make([]string, k)
	for i := range orgs {
		orgs[i] = fmt.Sprintf("bhr_%03d", i+1)
	}
	var b strings.Builder
	for _, s := range sections(src) {
		switch {
		case s.key == "name":
			fmt.Fprintf(&b, "%s, %d organisations\n", s.lines[0], k)
		case s.key == "description":
			fmt.Fprintf(&b, "description: %d copies of the BHR baseline as %d organisations, written by bench/gensystem.\n", k, k)
		case s.key == "organisations":
			if len(s.lines) != 3 || !strings.HasPrefix(s.lines[1], "  - key: ") {
				return "", errors.New("organisations: want exactly one, written \"  - key: ...\" and \"    name: ...\"")
			}
			b.WriteString("organisations:\n")
			for i, o := range orgs {
				fmt.Fprintf(&b, "  - {key: %s, name: BHR copy %d}\n", o, i+1)
			}
		case s.key == "workforce":
			writeCopies(&b, s, orgs, workforceEntry)
		case s.key == "pipelines":
			b.WriteString(s.lines[0] + "\n")
			for _, kind := range subsections(s.lines[1:]) {
				writeCopies(&b, kind, orgs, rule)
			}
		case s.key == "rotations":
			writeCopies(&b, s, orgs, rule)
		case copied[s.key]:
			b.WriteString(strings.Join(s.lines, "\n") + "\n")
		default:
			return "", fmt.Errorf("%s: copying this key is not supported", s.key)
		}
	}
	return b.String(), nil
}

// comment is a YAML comment: a # at the start of a line or after a space
// (the example has no # inside quotes).
var comment = regexp.MustCompile(`(^|\s+)#.*$`)

// sections splits src into its top-level keys, without comments and blank
// lines.
func sections(src string) []section {
	var out []section
	for line := range strings.SplitSeq(src, "\n") {
		line = comment.ReplaceAllString(line, "")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] != ' ' && line[0] != '-' {
			key, _, _ := strings.Cut(line, ":")
			out = append(out, section{key: key})
		}
		if len(out) > 0 {
			out[len(out)-1].lines = append(out[len(out)-1].lines, line)
		}
	}
	return out
}

// subsections splits the lines under pipelines into its kinds
// (apprenticeships, international, ...), each a key indented by two spaces.
func subsections(lines []string) []section {
	var out []section
	for _, line := range lines {
		if len(line) > 2 && line[:2] == "  " && line[2] != ' ' && line[2] != '-' {
			out = append(out, section{key: strings.TrimSpace(line)})
		}
		if len(out) > 0 {
			out[len(out)-1].lines = append(out[len(out)-1].lines, line)
		}
	}
	return out
}

// writeCopies writes the section's key, then its body once per
// organisation, each line changed by edit.
func writeCopies(b *strings.Builder, s section, orgs []string, edit func(line, org string) string) {
	b.WriteString(s.lines[0] + "\n")
	for _, org := range orgs {
		for _, line := range s.lines[1:] {
			b.WriteString(edit(line, org) + "\n")
		}
	}
}

// workforceEntry gives each workforce entry its organisation.
func workforceEntry(line, org string) string {
	if rest, ok := strings.CutPrefix(line, "  - profession:"); ok {
		return "  - organisation: " + org + "\n    profession:" + rest
	}
	return line
}

var (
	ruleName = regexp.MustCompile(`(^\s*-?\s*\{?name: )([a-z0-9_]+)`)
	cellRef  = regexp.MustCompile(`\{profession: `)
	rotation = regexp.MustCompile(`^(\s*- \{)(name: )`)
)

// rule renames a pipeline or rotation after its organisation, and points
// the cells it names at that organisation.
func rule(line, org string) string {
	suffix := strings.TrimPrefix(org, "bhr")
	line = ruleName.ReplaceAllString(line, "${1}${2}"+suffix)
	line = cellRef.ReplaceAllString(line, "{organisation: "+org+", profession: ")
	if strings.Contains(line, "length_months:") { // a rotation, written on one line
		line = rotation.ReplaceAllString(line, "${1}organisations: ["+org+"], ${2}")
	}
	return line
}
