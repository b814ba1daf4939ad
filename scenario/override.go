package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ahpsim/ahpsim/workforce"
)

// Edit is one change Override makes to a scenario file: it sets (or
// deletes) one key of a workforce entry, of one of its bands, or of the
// top of the file.
type Edit struct {
	// Org and Prof pick the workforce entry (an entry that leaves out
	// organisation belongs to the file's only organisation). Both empty:
	// Key is a path from the top of the file.
	Org, Prof string
	Band      workforce.Band
	Entry     bool // the key is the entry's own, not one of its bands'
	// Key is a dotted path below the band, the entry or the top:
	// "headcount", "recruitment.monthly_fill", "simulation.start". A
	// segment name[k=v] picks the first item of list name whose key k is
	// v (bands compared as bands); name[k=v,j=] also wants no key j:
	// "promotion[from=5,to=].monthly_apply".
	Key     string
	Value   string // a YAML fragment, e.g. "12" or "{dist: beta, alpha: 3, beta: 20}"
	Delete  bool   // remove the key instead (nothing happens if it is not there)
	Comment string // the new value's line comment, without the #
}

// Override applies edits to a scenario file and returns the file written
// out again, with its comments and the order of its keys kept (blank
// lines are not kept, and indentation becomes two spaces). An edit sets
// a key that is there, or adds it at the end of its mapping:
//
//   - a band the entry does not list is added under its bands;
//   - a list item that a segment name[k=v,...] does not find is added,
//     as {k: v, ...}, at the end of the list;
//   - an organisation and profession with no workforce entry is an error:
//     an entry needs choices (leaver destinations, pipelines) that only
//     the file's author can make.
//
// A comment longer than 60 characters goes on the line above the key,
// after the key's own comment. Every problem is reported, each with the
// file's name. Override does not
// check the result: parse it (Parse) to do so.
func Override(filename string, src []byte, edits []Edit) ([]byte, error) {
	if _, errs := parseNode(filename, src); len(errs) > 0 {
		return nil, errs
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, yamlErrors(filename, nil, err)
	}
	root := doc.Content[0]
	var errs ErrorList
	missing := map[[2]string]bool{} // entries reported missing, once each
	for _, e := range edits {
		err := applyEdit(root, e)
		var noEntry noEntryError
		switch {
		case err == nil:
		case errors.As(err, &noEntry):
			if !missing[[2]string{e.Org, e.Prof}] {
				missing[[2]string{e.Org, e.Prof}] = true
				errs = append(errs, &Error{File: filename, Path: "workforce", Msg: err.Error()})
			}
		default:
			errs = append(errs, &Error{File: filename, Path: editPath(e), Msg: err.Error()})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, &Error{File: filename, Msg: "cannot write the file again: " + err.Error()}
	}
	if err := enc.Close(); err != nil {
		return nil, &Error{File: filename, Msg: "cannot write the file again: " + err.Error()}
	}
	return out.Bytes(), nil
}

// editPath names what an edit changes, for messages.
func editPath(e Edit) string {
	switch {
	case e.Prof == "":
		return e.Key
	case e.Entry:
		return fmt.Sprintf("workforce[%s/%s].%s", e.Org, e.Prof, e.Key)
	}
	return fmt.Sprintf("workforce[%s/%s].bands.%s.%s", e.Org, e.Prof, e.Band, e.Key)
}

// applyEdit makes one edit to the file's top mapping.
func applyEdit(root *yaml.Node, e Edit) error {
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("the file is not a mapping")
	}
	target := root
	if e.Prof != "" {
		entry, err := findEntry(root, e.Org, e.Prof)
		if err != nil {
			return err
		}
		target = entry
		if !e.Entry {
			if target, err = bandOf(entry, e.Band); err != nil {
				return err
			}
		}
	}
	segs := strings.Split(e.Key, ".")
	for _, seg := range segs[:len(segs)-1] {
		toBlock(target)
		next, err := descend(target, seg)
		if err != nil {
			return err
		}
		target = next
	}
	last := segs[len(segs)-1]
	toBlock(target)
	if e.Delete {
		deleteKey(target, last)
		return nil
	}
	var frag yaml.Node
	if err := yaml.Unmarshal([]byte(e.Value), &frag); err != nil || len(frag.Content) != 1 {
		return fmt.Errorf("bad value %q (want a YAML value)", e.Value)
	}
	value := frag.Content[0]
	key := setKey(target, last, value)
	if len(e.Comment) <= maxLineComment {
		value.LineComment = e.Comment
	} else if key.HeadComment == "" {
		key.HeadComment = "# " + e.Comment
	} else {
		key.HeadComment += "\n# " + e.Comment
	}
	return nil
}

// maxLineComment is the longest comment Override writes after its value;
// a longer one goes on the line above the key, below the key's own.
const maxLineComment = 60

// toBlock writes a flow mapping the edits change ({headcount: 20}) as a
// block, so that each of its values can have its own comment; the
// mapping's own line comment moves to its first key.
func toBlock(m *yaml.Node) {
	if m.Style&yaml.FlowStyle == 0 {
		return
	}
	m.Style &^= yaml.FlowStyle
	if m.LineComment != "" && len(m.Content) > 0 {
		m.Content[0].LineComment, m.LineComment = m.LineComment, ""
	}
}

// findEntry finds the workforce entry of an organisation and profession.
func findEntry(root *yaml.Node, org, prof string) (*yaml.Node, error) {
	only := onlyOrganisation(root)
	wf := valueOf(root, "workforce")
	if wf != nil && wf.Kind == yaml.SequenceNode {
		for _, item := range wf.Content {
			p, o := valueOf(item, "profession"), valueOf(item, "organisation")
			entryOrg := only
			if o != nil {
				entryOrg = o.Value
			}
			if p != nil && p.Value == prof && entryOrg == org {
				return item, nil
			}
		}
	}
	return nil, noEntryError{org, prof}
}

// noEntryError is an edit of an organisation and profession the file has
// no workforce entry for.
type noEntryError struct{ org, prof string }

func (e noEntryError) Error() string {
	return fmt.Sprintf("no workforce entry for organisation %s and profession %s (add one: an entry needs choices only the file's author can make)", e.org, e.prof)
}

// onlyOrganisation is the key of the file's only organisation
// (workforce.DefaultOrganisation without organisations), or "" when there
// are several.
func onlyOrganisation(root *yaml.Node) string {
	orgs := valueOf(root, "organisations")
	if orgs == nil || orgs.Kind != yaml.SequenceNode || len(orgs.Content) == 0 {
		return workforce.DefaultOrganisation.Key
	}
	if len(orgs.Content) == 1 {
		if k := valueOf(orgs.Content[0], "key"); k != nil {
			return k.Value
		}
	}
	return ""
}

// bandOf finds (or adds) a band's mapping under an entry's bands.
func bandOf(entry *yaml.Node, band workforce.Band) (*yaml.Node, error) {
	bands, err := descend(entry, "bands")
	if err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(bands.Content); i += 2 {
		if b, err := workforce.ParseBand(bands.Content[i].Value); err == nil && b == band {
			v := bands.Content[i+1]
			if v.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("band %s is not a mapping", band)
			}
			return v, nil
		}
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	bands.Content = append(bands.Content, scalar(band.String()), m)
	return m, nil
}

// descend returns the mapping a path segment names, adding it (or, for
// name[k=v], the list item) when absent.
func descend(m *yaml.Node, seg string) (*yaml.Node, error) {
	name, sel, isItem := strings.Cut(seg, "[")
	child := valueOf(m, name)
	if !isItem {
		if child == nil {
			child = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
			setKey(m, name, child)
		}
		if child.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s is not a mapping", name)
		}
		return child, nil
	}
	conds, ok := parseSelector(sel)
	if !ok {
		return nil, fmt.Errorf("bad path segment %q (want name[key=value,...])", seg)
	}
	if child == nil {
		child = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		setKey(m, name, child)
	}
	if child.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s is not a list", name)
	}
	for _, item := range child.Content {
		if matches(item, conds) {
			return item, nil
		}
	}
	item := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
	for _, c := range conds {
		if c[1] != "" {
			setKey(item, c[0], scalar(c[1]))
		}
	}
	child.Content = append(child.Content, item)
	return item, nil
}

// parseSelector reads "k=v,k2=" (the text inside the brackets, with the
// closing one): pairs of key and value, an empty value meaning the key is
// absent.
func parseSelector(sel string) ([][2]string, bool) {
	body, ok := strings.CutSuffix(sel, "]")
	if !ok || body == "" {
		return nil, false
	}
	var conds [][2]string
	for _, part := range strings.Split(body, ",") {
		k, v, ok := strings.Cut(part, "=")
		if !ok || k == "" {
			return nil, false
		}
		conds = append(conds, [2]string{k, v})
	}
	return conds, true
}

// matches says whether a list item meets every condition of a selector.
func matches(item *yaml.Node, conds [][2]string) bool {
	for _, c := range conds {
		got := valueOf(item, c[0])
		if c[1] == "" {
			if got != nil {
				return false
			}
		} else if got == nil || !sameScalar(got.Value, c[1]) {
			return false
		}
	}
	return true
}

// sameScalar compares two scalars, as bands when both are bands.
func sameScalar(a, b string) bool {
	ba, err1 := workforce.ParseBand(a)
	bb, err2 := workforce.ParseBand(b)
	if err1 == nil && err2 == nil {
		return ba == bb
	}
	return a == b
}

// scalar is a plain scalar: the reader gives it its type (5 a number,
// 8a text).
func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

// valueOf returns the value of a mapping's key, or nil.
func valueOf(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// setKey replaces a key's value (keeping the key and its comments), or
// adds the key at the end of the mapping. It returns the key's node.
func setKey(m *yaml.Node, key string, v *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			v.HeadComment, v.FootComment = m.Content[i+1].HeadComment, m.Content[i+1].FootComment
			m.Content[i+1] = v
			return m.Content[i]
		}
	}
	k := scalar(key)
	m.Content = append(m.Content, k, v)
	return k
}

// deleteKey removes a key and its value, if there.
func deleteKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}
