package scenario

import (
	"encoding"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/ahpsim/ahpsim/workforce"
)

// The walker checks the shape of a YAML node tree against the Go types of
// File before anything is decoded: unknown and duplicate keys, values of
// the wrong type, numbers that are not finite or not whole, bands and
// months that do not parse. It records the position of every path for
// later messages, and prunes what it rejects so that the rest of the file
// can still be decoded and checked: every error is reported at once.
//
// Walking the nodes ourselves, rather than relying on yaml.v3's decoder
// alone, gives each error a column and a path, and keeps strictness for
// the types with custom decoding (Value), where yaml.v3's KnownFields
// setting does not reach.

// maxMapEntries bounds the entries of a YAML mapping that decodes into a Go
// map. yaml.v3 checks mapping keys for duplicates in quadratic time; the
// largest legitimate map (bands) has 11 entries.
const maxMapEntries = 100

// maxWalkErrors bounds the messages the walker writes; past it, it only
// counts. Parse shows MaxErrors of them, and a hostile file could hold
// hundreds of thousands.
const maxWalkErrors = 10 * MaxErrors

type walker struct {
	src     *source
	errs    ErrorList
	dropped int // errors found past maxWalkErrors
}

// full reports whether the walker has written all the messages it will.
func (w *walker) full() bool { return len(w.errs) >= maxWalkErrors }

func (w *walker) errorAt(n *yaml.Node, path, format string, args ...any) {
	w.src.markBad(path)
	if w.full() {
		w.dropped++
		return
	}
	w.errs = append(w.errs, &Error{File: w.src.filename, Line: n.Line, Column: n.Column, Path: path, Msg: fmt.Sprintf(format, args...)})
}

var (
	valueType           = reflect.TypeFor[Value]()
	namesType           = reflect.TypeFor[Names]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// walk checks node n against Go type t at path. It returns false when n
// cannot be decoded into t; the caller then drops or replaces it.
func (w *walker) walk(n *yaml.Node, t reflect.Type, path string) bool {
	if _, seen := w.src.pos[path]; !seen {
		w.src.pos[path] = position{n.Line, n.Column}
	}
	w.src.addComment(path, n.HeadComment, n.LineComment)
	if !w.plain(n, path) {
		return false
	}
	switch {
	case t.Kind() == reflect.Pointer:
		return w.walk(n, t.Elem(), path)
	case t == valueType:
		return w.value(n, path)
	case t == namesType && n.Kind != yaml.SequenceNode:
		if msg := namesProblem(n); msg != "" {
			w.errorAt(n, path, "%s", msg)
			return false
		}
		return true
	case reflect.PointerTo(t).Implements(textUnmarshalerType):
		return w.text(n, t, path)
	}
	switch t.Kind() {
	case reflect.Struct:
		return w.object(n, t, path)
	case reflect.Slice:
		return w.list(n, t, path)
	case reflect.Map:
		return w.dict(n, t, path)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || isNull(n) {
			w.errorAt(n, path, "wrong type (got %s, want text)", describe(n))
			return false
		}
		return w.checkText(n, path)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			w.errorAt(n, path, "wrong type (got %s, want true or false)", describe(n))
			return false
		}
		return true
	case reflect.Float64:
		if _, msg := decodeFloat(n); msg != "" {
			w.errorAt(n, path, "%s", msg)
			return false
		}
		return true
	case reflect.Int, reflect.Uint64:
		return w.integer(n, t, path)
	}
	panic("scenario: walker has no rule for " + t.String())
}

// plain rejects the YAML features a scenario does not use: anchors,
// aliases and custom tags. They make a file harder to read, and aliases
// can expand a small file into a huge one.
func (w *walker) plain(n *yaml.Node, path string) bool {
	switch {
	case n.Kind == yaml.AliasNode:
		w.errorAt(n, path, "aliases are not supported (got *%s; write the value out in full)", n.Value)
		return false
	case n.Anchor != "":
		w.errorAt(n, path, "anchors are not supported (got &%s; write each value out in full)", n.Anchor)
		return false
	case n.Style&yaml.TaggedStyle != 0 && !plainTags[n.ShortTag()]:
		w.errorAt(n, path, "unsupported tag (got %s; want a plain value)", n.Tag)
		return false
	}
	return true
}

// plainTags are the explicit tags a file may use, e.g. !!str 5 to make a
// number text.
var plainTags = map[string]bool{"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true, "!!map": true, "!!seq": true}

func (w *walker) value(n *yaml.Node, path string) bool {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if !w.plain(k, path) || !w.printableKey(k, path) || !w.plain(v, join(path, k.Value)) {
				return false
			}
			p := join(path, k.Value)
			if _, seen := w.src.pos[p]; !seen && k.Kind == yaml.ScalarNode {
				w.src.keyPos[p] = position{k.Line, k.Column}
				w.src.pos[p] = position{v.Line, v.Column}
			}
		}
	}
	_, probs := decodeValue(n)
	for _, p := range probs {
		pp := path
		if p.key != "" {
			pp = join(path, p.key)
		}
		w.errorAt(p.node, pp, "%s", p.msg)
	}
	return len(probs) == 0
}

// text checks a scalar that decodes through encoding.TextUnmarshaler (a
// band, a month, a step) by decoding it.
func (w *walker) text(n *yaml.Node, t reflect.Type, path string) bool {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		w.errorAt(n, path, "wrong type (got %s, want %s)", describe(n), textWant(t))
		return false
	}
	u := reflect.New(t).Interface().(encoding.TextUnmarshaler)
	if err := u.UnmarshalText([]byte(n.Value)); err != nil {
		w.errorAt(n, path, "%s", textError(err))
		return false
	}
	return true
}

// textError is the message for a scalar UnmarshalText rejected. A name
// outside a closed vocabulary of package workforce (a lever, a mode, a
// profile) gets a spelling suggestion: suggestions are the front end's.
func textError(err error) string {
	var u *workforce.UnknownNameError
	if errors.As(err, &u) {
		hint := suggest(u.Text, u.Names, u.Want)
		if best := closest(u.Text, u.Names); best != "" && u.What == "lever" {
			// The levers are many: list them even with a suggestion.
			hint = " (did you mean " + best + "? " + u.Want + ")"
		}
		return fmt.Sprintf("unknown %s %q%s", u.What, u.Text, hint)
	}
	return err.Error()
}

func textWant(t reflect.Type) string {
	switch t.Name() {
	case "Band":
		return "a band such as 5 or 8a"
	case "Month":
		return "a month, YYYY-MM"
	case "Step":
		return "monthly, quarterly or annual"
	case "Lever":
		return "a lever such as leaver_rate"
	case "Mode":
		return "scale, add or set"
	case "Profile":
		return "step, linear, front_loaded or back_loaded"
	case "Backfill":
		return "vacancy or registered_post"
	}
	return "text"
}

func (w *walker) integer(n *yaml.Node, t reflect.Type, path string) bool {
	want := "a whole number"
	if t.Kind() == reflect.Uint64 {
		want = "a whole number from 0 to " + strconv.FormatUint(math.MaxUint64, 10)
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" && n.ShortTag() != "!!float" {
		w.errorAt(n, path, "wrong type (got %s, want %s)", describe(n), want)
		return false
	}
	if msg := numberSyntax(n); msg != "" {
		w.errorAt(n, path, "%s", msg)
		return false
	}
	var x any
	if err := n.Decode(&x); err != nil {
		w.errorAt(n, path, "wrong type (got %s, want %s)", describe(n), want)
		return false
	}
	var f float64
	switch x := x.(type) {
	case int:
		if t.Kind() == reflect.Uint64 && x < 0 {
			w.errorAt(n, path, "out of range (got %s, want %s)", n.Value, want)
			return false
		}
		return true
	case int64:
		if t.Kind() == reflect.Uint64 && x < 0 {
			w.errorAt(n, path, "out of range (got %s, want %s)", n.Value, want)
			return false
		}
		return true
	case uint64:
		if t.Kind() == reflect.Int {
			return w.overflow(n, path, false)
		}
		return true
	case float64:
		f = x
	}
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		w.errorAt(n, path, "not a finite number (got %s)", n.Value)
	case f != math.Trunc(f):
		w.errorAt(n, path, "not a whole number (got %s)", n.Value)
	case t.Kind() == reflect.Uint64 && (f < 0 || f >= 1<<64):
		w.errorAt(n, path, "out of range (got %s, want %s)", n.Value, want)
	case t.Kind() == reflect.Int && (f <= math.MinInt || f >= math.MaxInt):
		return w.overflow(n, path, f < 0)
	default:
		return true
	}
	return false
}

// object checks a mapping that decodes into a struct.
func (w *walker) object(n *yaml.Node, t reflect.Type, path string) bool {
	if isNull(n) {
		return true
	}
	if n.Kind != yaml.MappingNode {
		want := "a mapping"
		if path == "" {
			want = "a mapping with name, simulation and workforce"
		}
		w.errorAt(n, path, "wrong type (got %s, want %s)", describe(n), want)
		return false
	}
	fields := structFields(t)
	seen := map[string]*yaml.Node{}
	kept := make([]*yaml.Node, 0, len(n.Content))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !w.key(k, path) {
			continue
		}
		p := join(path, k.Value)
		ft, ok := fields.types[k.Value]
		if !ok {
			if n.Style&yaml.FlowStyle != 0 && isNull(v) && v.Value == "" && i > 0 {
				// {key: a, b} reads b as a key: most likely a value
				// with a comma in it, such as an organisation's name.
				w.errorAt(k, p, "unknown key (a comma ends a value inside { }: if this is part of the value before it, quote that value, e.g. name: \"A, B\")")
				continue
			}
			if w.full() {
				w.errorAt(k, p, "unknown key")
				continue
			}
			if t == reflect.TypeFor[OptionSpec]() {
				w.errorAt(k, p, "%s", optionKeyError(k.Value))
				continue
			}
			w.errorAt(k, p, "unknown key%s", suggest(k.Value, fields.names, "want one of "+strings.Join(fields.names, ", ")))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			w.errorAt(k, p, "duplicate key (first at line %d)", first.Line)
			continue
		}
		seen[k.Value] = k
		w.src.keyPos[p] = position{k.Line, k.Column}
		w.src.addComment(p, k.HeadComment, k.LineComment)
		if w.walk(v, ft, p) {
			kept = append(kept, k, v)
		}
	}
	n.Content = kept
	return true
}

// key checks a mapping key: a plain scalar name.
func (w *walker) key(k *yaml.Node, path string) bool {
	switch {
	case k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge":
		w.errorAt(k, path, "merge keys (<<) are not supported; write the keys out in full")
		return false
	case k.Kind != yaml.ScalarNode:
		w.errorAt(k, path, "wrong type for a key (got %s, want a name)", describe(k))
		return false
	}
	return w.printableKey(k, path) && w.plain(k, join(path, k.Value))
}

// list checks a sequence that decodes into a slice. Rejected items are
// replaced by empty ones rather than removed, so that the paths of the
// items after them (workforce[3]) still name the right item.
func (w *walker) list(n *yaml.Node, t reflect.Type, path string) bool {
	if isNull(n) {
		return true
	}
	if n.Kind != yaml.SequenceNode {
		w.errorAt(n, path, "wrong type (got %s, want a list)", describe(n))
		return false
	}
	for i, c := range n.Content {
		if isNull(c) && w.nullItem(c, t.Elem(), item(path, i)) || !w.walk(c, t.Elem(), item(path, i)) {
			n.Content[i] = emptyNode(t.Elem())
		}
	}
	return true
}

// emptyNode is a node that decodes into the zero value of t.
func emptyNode(t reflect.Type) *yaml.Node {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct && t != valueType && !reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: ""}
}

// dict checks a mapping that decodes into a Go map. Keys that decode
// through encoding.TextUnmarshaler (bands) are checked, and paths use
// their canonical spelling, so that "Band 5" and 5 both give bands.5.
func (w *walker) dict(n *yaml.Node, t reflect.Type, path string) bool {
	if isNull(n) {
		return true
	}
	if n.Kind != yaml.MappingNode {
		w.errorAt(n, path, "wrong type (got %s, want a mapping)", describe(n))
		return false
	}
	if len(n.Content)/2 > maxMapEntries {
		w.errorAt(n, path, "too many entries (got %d, want at most %d)", len(n.Content)/2, maxMapEntries)
		return false
	}
	kt := t.Key()
	seen := map[string]*yaml.Node{}
	kept := make([]*yaml.Node, 0, len(n.Content))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !w.key(k, path) {
			continue
		}
		name := k.Value
		if reflect.PointerTo(kt).Implements(textUnmarshalerType) {
			kv := reflect.New(kt)
			if err := kv.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(k.Value)); err != nil {
				w.errorAt(k, join(path, k.Value), "%s", textError(err))
				continue
			}
			if m, ok := kv.Elem().Interface().(encoding.TextMarshaler); ok {
				if b, err := m.MarshalText(); err == nil {
					name = string(b)
				}
			}
		}
		p := join(path, name)
		if first, dup := seen[name]; dup {
			if first.Value != k.Value {
				w.errorAt(k, p, "duplicate key (%q is the same as %q at line %d)", k.Value, first.Value, first.Line)
			} else {
				w.errorAt(k, p, "duplicate key (first at line %d)", first.Line)
			}
			continue
		}
		seen[name] = k
		w.src.keyPos[p] = position{k.Line, k.Column}
		if w.walk(v, t.Elem(), p) {
			kept = append(kept, k, v)
		}
	}
	n.Content = kept
	return true
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe says what a node holds, for "got X" in messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	switch n.ShortTag() {
	case "!!null":
		return "nothing"
	case "!!str":
		return strconv.Quote(truncate(n.Value, 40))
	}
	return truncate(n.Value, 40)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-3]) + "..."
}

// fieldSet is the YAML keys of a struct type, with embedded ",inline"
// structs flattened, in declaration order.
type fieldSet struct {
	names []string
	types map[string]reflect.Type
}

var fieldCache sync.Map // reflect.Type -> *fieldSet

func structFields(t reflect.Type) *fieldSet {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(*fieldSet)
	}
	fs := &fieldSet{types: map[string]reflect.Type{}}
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" {
				continue
			}
			if strings.Contains(opts, "inline") {
				add(f.Type)
				continue
			}
			if name == "" {
				panic("scenario: field " + t.String() + "." + f.Name + " has no yaml tag")
			}
			fs.names = append(fs.names, name)
			fs.types[name] = f.Type
		}
	}
	add(t)
	fieldCache.Store(t, fs)
	return fs
}
