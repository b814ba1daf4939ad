package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/ahpsim/ahpsim/workforce"
)

// This file holds the checks that make a scenario mean one thing: numbers
// in plain decimal only, no control characters in the file or in its
// text, and whole numbers too large for Go reported against the range of
// their key rather than Go's.

// Numbers. yaml.v3 resolves YAML 1.1 forms: 010 is octal 8, 0x10 is 16,
// 0b10 is 2, and 1_000 is 1000, while a YAML 1.2 reader (or a planner)
// reads 010 as 10. A zero-padded figure pasted from a spreadsheet must not
// silently change, so only plain decimal numbers are accepted: an optional
// sign, digits with no leading zero (0 alone is fine), an optional
// fraction and an optional exponent, as in JSON, plus .5 and 5. which YAML
// 1.2 also reads.
var (
	decimalRe = regexp.MustCompile(`^[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$`)
	// infNaNRe matches the special floats, which decodeFloat reports as
	// not finite.
	infNaNRe  = regexp.MustCompile(`^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)
	prefixRe  = regexp.MustCompile(`^[-+]?0([xXoObB])`)
	leadingRe = regexp.MustCompile(`^([-+]?)0+([0-9])`)
)

var prefixNames = map[byte]string{'x': "hexadecimal", 'o': "octal", 'b': "binary"}

// numberSyntax says what is wrong with the spelling of a number scalar,
// and what to write instead; "" means it is plain decimal (or a special
// float, reported elsewhere).
func numberSyntax(n *yaml.Node) string {
	s := n.Value
	if decimalRe.MatchString(s) || infNaNRe.MatchString(s) {
		return ""
	}
	if m := prefixRe.FindStringSubmatch(s); m != nil {
		kind := prefixNames[strings.ToLower(m[1])[0]]
		if v, ok := new(big.Int).SetString(s, 0); ok {
			return fmt.Sprintf("%s numbers are not allowed (got %s; write %s in decimal)", kind, s, v)
		}
		return fmt.Sprintf("%s numbers are not allowed (got %s; write the number in decimal)", kind, s)
	}
	if strings.Contains(s, "_") {
		if fixed := strings.ReplaceAll(s, "_", ""); decimalRe.MatchString(fixed) {
			return fmt.Sprintf("digit separators are not allowed (got %s; write %s)", s, fixed)
		}
		return fmt.Sprintf("digit separators are not allowed (got %s; write the number in plain decimal digits)", s)
	}
	if leadingRe.MatchString(s) {
		fixed := leadingRe.ReplaceAllString(s, "$1$2")
		if n.ShortTag() == "!!int" {
			var x any
			if n.Decode(&x) == nil && fmt.Sprint(x) != strings.TrimPrefix(fixed, "+") {
				return fmt.Sprintf("leading zeros are not allowed (got %s, which YAML reads as the octal number %v; write %s)", s, x, fixed)
			}
		}
		return fmt.Sprintf("leading zeros are not allowed (got %s; write %s)", s, fixed)
	}
	return fmt.Sprintf("not a plain decimal number (got %s; write digits with an optional sign, point and exponent, e.g. 12, -0.5 or 1e3)", s)
}

// Whole numbers too large for Go's int. The walker does not report them
// itself, with Go's limit as the range: it records the file's text and
// puts the nearest int in its place, so that the key's own range check
// (runs: 1 to 10000000) reports it; reportOverflows then puts the file's
// text back into that message.

// overflow records the whole number at n, too large for an int, and
// replaces it with the int nearest to it.
func (w *walker) overflow(n *yaml.Node, path string, negative bool) bool {
	w.src.overflow[path] = n.Value
	sat := math.MaxInt
	if negative {
		sat = math.MinInt
	}
	n.Value, n.Tag, n.Style = strconv.Itoa(sat), "!!int", 0
	return true
}

// reportOverflows rewrites the messages at overflowed paths to show the
// number the file holds, and reports the overflowed numbers that no range
// check reported (they are never accepted).
func (s *source) reportOverflows(list ErrorList) ErrorList {
	reported := map[string]bool{}
	for _, e := range list {
		raw, ok := s.overflow[e.Path]
		if !ok {
			continue
		}
		reported[e.Path] = true
		for _, sat := range []int{math.MaxInt, math.MinInt} {
			e.Msg = strings.ReplaceAll(e.Msg, strconv.Itoa(sat), raw)
		}
	}
	var paths []string
	for p := range s.overflow {
		if !reported[p] {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		pos := s.pos[p]
		list = append(list, &Error{File: s.filename, Line: pos.line, Column: pos.col, Path: p,
			Msg: fmt.Sprintf("out of range (got %s, far above the range of this key in docs/scenario-format.md)", s.overflow[p])})
	}
	return list
}

// Text. Every text value of a file reaches some output (a terminal, a CSV
// file, an SVG, the report) or a message, so each must be printable:
// workforce.CheckName for names and other one-line text, and
// workforce.CheckDescription, which also allows tab and newline, for the
// description keys, often written as YAML block scalars.

// checkText reports a text value holding characters no output may show.
func (w *walker) checkText(n *yaml.Node, path string) bool {
	check := workforce.CheckName
	if path == "description" || strings.HasSuffix(path, ".description") {
		check = workforce.CheckDescription
	}
	if err := check(n.Value); err != nil {
		w.errorAt(n, path, "%v", err)
		return false
	}
	return true
}

// checkText reports text of a File built in Go that no output may show.
// Parse has already rejected such text in a file, with its position, and
// dropped it.
func (b *builder) checkText() {
	f := b.f
	text := func(path, s string, check func(string) error) {
		if err := check(s); err != nil {
			b.errorf(path, "%v", err)
		}
	}
	text("name", f.Name, workforce.CheckName)
	text("description", f.Description, workforce.CheckDescription)
	for i, o := range f.Organisations {
		text(item("organisations", i)+".name", o.Name, workforce.CheckName)
	}
	for i, r := range f.CustomRoles {
		text(item("custom_roles", i)+".name", r.Name, workforce.CheckName)
	}
	for i, o := range f.Options {
		text(item("options", i)+".description", o.Description, workforce.CheckDescription)
	}
}

// printableKey reports a mapping key holding characters no output may
// show, at the mapping's path (the key's own path would hold them).
func (w *walker) printableKey(k *yaml.Node, path string) bool {
	var te *workforce.TextError
	if err := workforce.CheckName(k.Value); errors.As(err, &te) {
		w.errorAt(k, path, "bad key %s: %s", strconv.Quote(truncate(k.Value, 40)), te.Problem)
		return false
	}
	return true
}

// The file's bytes. yaml.v3 rejects invalid UTF-8 and control characters
// with no position ("yaml: control characters are not allowed"), and
// reads U+0085, U+2028 and U+2029 as line breaks that editors do not
// count, so that its line numbers no longer match. scanBytes finds them
// first and says where they are.

// scanBytes returns the first character of data that YAML does not allow
// in a file, with its line and column (in characters, as yaml.v3 counts),
// or nil. Files with a UTF-16 byte order mark are left to yaml.v3.
func scanBytes(filename string, data []byte) *Error {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		at := func(format string, args ...any) *Error {
			return &Error{File: filename, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
		}
		switch {
		case r == utf8.RuneError && size == 1:
			return at("invalid UTF-8 (byte 0x%02x; save the file as UTF-8)", data[i])
		case r == '\n' || r == '\r' && (i+1 == len(data) || data[i+1] != '\n'):
			line, col = line+1, 1
			i += size
			continue
		case r == '\uFEFF' && i > 0:
			return at("byte order mark U+FEFF inside the file (want it only at the very start, or not at all; remove it)")
		case !yamlPrintable(r):
			return at("control character U+%04X in the file (want printable text: remove it, or write text in words)", r)
		}
		i += size
		col++
	}
	return nil
}

// yamlPrintable reports whether r may appear in a file: the YAML printable
// set, without U+0085, U+2028 and U+2029, which YAML reads as line breaks.
// Tab, line feed and carriage return are allowed (a CR of a CRLF pair
// counts no column).
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF && r != 0x2028 && r != 0x2029:
		return true
	case r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// nullItem reports an empty list item (- ~, or a - with nothing after it)
// of a list of mappings or lists, which would otherwise decode as an empty
// item, or vanish, without a word. It returns false for items of other
// types: walk already reports those as the wrong type.
func (w *walker) nullItem(n *yaml.Node, t reflect.Type, path string) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	want := "a mapping"
	switch {
	case t == valueType || reflect.PointerTo(t).Implements(textUnmarshalerType):
		return false
	case t.Kind() == reflect.Slice:
		want = "a list"
	case t.Kind() != reflect.Struct && t.Kind() != reflect.Map:
		return false
	}
	w.errorAt(n, path, "empty list item (got nothing, want %s; remove the - or fill the item in)", want)
	return true
}
