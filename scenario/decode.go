package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

func tooLarge(filename, got string) ErrorList {
	return ErrorList{{File: filename, Msg: fmt.Sprintf("file too large (got %s, want at most %d bytes, 1 MiB)", got, MaxBytes), err: ErrTooLarge}}
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
