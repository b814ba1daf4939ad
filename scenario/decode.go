package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// MaxBytes is the largest scenario file Parse and Load accept: 1 MiB. Real
// scenarios are a few kilobytes; the limit bounds the time and memory an
// accidental or hostile input can take.
const MaxBytes = 1 << 20

// MaxErrors is the most problems Parse reports; a final line counts the
// rest.
const MaxErrors = 50

// Load reads a scenario file and parses it. Files over MaxBytes are
// refused before they are decoded.
func Load(path string) (*File, error) {
	fd, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	data, err := io.ReadAll(io.LimitReader(fd, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, tooLarge(path, fmt.Sprintf("more than %d bytes", MaxBytes))
	}
	return Parse(path, data)
}

func tooLarge(filename, got string) ErrorList {
	return ErrorList{{File: filename, Msg: fmt.Sprintf("file too large (got %s, want at most %d bytes, 1 MiB)", got, MaxBytes), err: ErrTooLarge}}
}

// Parse decodes a scenario strictly and validates it. filename is used in
// messages only. The error, if any, is an ErrorList holding every problem
// found, sorted by position.
func Parse(filename string, data []byte) (*File, error) {
	if len(data) > MaxBytes {
		return nil, tooLarge(filename, strconv.Itoa(len(data))+" bytes")
	}
	src := newSource(filename)
	if e := scanBytes(filename, data); e != nil {
		return nil, ErrorList{e}
	}
	root, errs := parseNode(filename, data)
	if len(errs) > 0 {
		return nil, errs
	}
	w := &walker{src: src}
	w.walk(root, reflect.TypeFor[File](), "")

	f := new(File)
	if len(w.errs) == 0 && len(src.overflow) == 0 {
		// The walker found nothing wrong, so yaml.v3's strict decoder
		// should not either; if it does, its messages are still reported.
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(f); err != nil {
			return nil, limit(yamlErrors(filename, src, err), 0)
		}
	} else {
		// Decode what the walker kept (and the numbers it replaced), so
		// that the rest of the file is still checked. The walker has already enforced strictness on
		// this tree (Node.Decode cannot).
		_ = root.Decode(f)
	}
	f.src = src
	_, semantic := f.build()
	all := w.errs
	for _, e := range semantic {
		if !src.suppressed(e.Path) {
			all = append(all, e)
		}
	}
	all = src.reportOverflows(all)
	if len(all) > 0 {
		return nil, limit(all, w.dropped)
	}
	return f, nil
}

// limit sorts a list and cuts it to MaxErrors, the last line counting the
// errors left out (dropped more were found but not written).
func limit(errs ErrorList, dropped int) ErrorList {
	errs.Sort()
	if len(errs) > MaxErrors || dropped > 0 {
		n := min(len(errs), MaxErrors-1)
		last := errs[n-1]
		rest := len(errs) - n + dropped
		errs = append(errs[:n:n], &Error{File: last.File, Line: last.Line, Msg: fmt.Sprintf("too many errors (%d more not shown)", rest)})
	}
	return errs
}

// parseNode reads the single YAML document of a scenario into a node tree.
func parseNode(filename string, data []byte) (*yaml.Node, ErrorList) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if err == io.EOF {
		return nil, ErrorList{{File: filename, Msg: "empty scenario (want a mapping with name, simulation and workforce)"}}
	}
	if err != nil {
		return nil, yamlErrors(filename, nil, err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		return nil, yamlErrors(filename, nil, err)
	default:
		return nil, ErrorList{{File: filename, Line: next.Line, Column: next.Column, Msg: "a second YAML document (want one scenario per file; remove the ---)"}}
	}
	if len(doc.Content) != 1 || isNull(doc.Content[0]) {
		return nil, ErrorList{{File: filename, Line: doc.Line, Column: doc.Column, Msg: "empty scenario (want a mapping with name, simulation and workforce)"}}
	}
	return doc.Content[0], nil
}

var (
	yamlLineRe    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlUnknownRe = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
)

// yamlErrors rewrites the errors of yaml.v3 (syntax errors, and the type
// errors of its strict decoder) into our format. src, when not nil, gives
// the path and column of an unknown key.
func yamlErrors(filename string, src *source, err error) ErrorList {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var list ErrorList
	for _, m := range msgs {
		e := &Error{File: filename}
		if sm := yamlLineRe.FindStringSubmatch(m); sm != nil {
			e.Line, _ = strconv.Atoi(sm[1])
			m = sm[2]
		}
		if um := yamlUnknownRe.FindStringSubmatch(m); um != nil {
			m = "unknown key"
			e.Path, e.Column = src.keyAt(e.Line, um[1])
		} else if te == nil {
			m = "syntax error: " + trimYAML(m)
		}
		e.Msg = m
		list = append(list, e)
	}
	return list
}

func trimYAML(m string) string {
	if len(m) > 6 && m[:6] == "yaml: " {
		return m[6:]
	}
	return m
}

// keyAt finds the path of the key named name on a line, for messages from
// yaml.v3, which give only the line.
func (s *source) keyAt(line int, name string) (path string, col int) {
	if s == nil {
		return "", 0
	}
	for p, pos := range s.keyPos {
		if pos.line == line && (p == name || len(p) > len(name) && p[len(p)-len(name)-1:] == "."+name) {
			if path == "" || p < path { // deterministic choice
				path, col = p, pos.col
			}
		}
	}
	return path, col
}
