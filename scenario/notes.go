package scenario

import (
	"fmt"
	"strings"
)

// Notes: where a figure in a scenario comes from. A planner writes it in
// one of two ways, and a report shows it in its source column:
//
//   - a comment next to the value, as the examples do: the comment lines
//     just above a key or a list item, and the comment at the end of its
//     line (yaml.v3 keeps both on the nodes);
//   - a `source:` key on a workforce entry, an intervention or an option,
//     when the scenario wants to say it explicitly.
//
// Source prefers the explicit key; Comment gives only comments.

// addComment records the comments written at path, in file order. A
// comment line of decoration alone ("# ----") is dropped, and decoration
// around text ("# ---- Occupational therapists ----") is trimmed.
func (s *source) addComment(path string, comments ...string) {
	var words []string
	for _, c := range comments {
		for _, line := range strings.Split(c, "\n") {
			line = strings.Trim(strings.TrimSpace(line), "#-= \t")
			if line != "" {
				words = append(words, line)
			}
		}
	}
	if len(words) == 0 {
		return
	}
	text := strings.Join(words, " ")
	if old := s.comments[path]; old != "" && old != text {
		text = old + " " + text
	}
	s.comments[path] = text
}

// Comment returns the comments written next to the value at path (a key
// path as in error messages: "workforce[0].leaver_rate",
// "options[1].interventions[0]"), joined into one line without the #
// marks; "" if there are none or the File was not parsed from YAML.
func (f *File) Comment(path string) string {
	if f == nil || f.src == nil {
		return ""
	}
	return f.src.comments[path]
}

// Source says where the figures at path come from: the `source:` key of
// the entry at path (a workforce entry, an intervention or an option)
// when it has one, else the comments written there (Comment).
func (f *File) Source(path string) string {
	if s := f.explicitSource(path); s != "" {
		return s
	}
	return f.Comment(path)
}

// explicitSource is the `source:` key of the entry at path, or "".
func (f *File) explicitSource(path string) string {
	if f == nil {
		return ""
	}
	var opt, iv, wf = -1, -1, -1
	switch {
	case scan(path, "options[%d].interventions[%d]", &opt, &iv):
		if opt < len(f.Options) && iv < len(f.Options[opt].Interventions) {
			return f.Options[opt].Interventions[iv].Source
		}
	case scan(path, "options[%d]", &opt):
		if opt < len(f.Options) {
			return f.Options[opt].Source
		}
	case scan(path, "interventions[%d]", &iv):
		if iv < len(f.Interventions) {
			return f.Interventions[iv].Source
		}
	case scan(path, "workforce[%d]", &wf):
		if wf < len(f.Workforce) {
			return f.Workforce[wf].Source
		}
	}
	return ""
}

// scan reports whether path is exactly format with its %d filled in,
// storing the numbers.
func scan(path, format string, idx ...*int) bool {
	args := make([]any, len(idx))
	for i, p := range idx {
		args[i] = p
	}
	if n, err := fmt.Sscanf(path, format, args...); err != nil || n != len(idx) {
		return false
	}
	vals := make([]any, len(idx))
	for i, p := range idx {
		if *p < 0 {
			return false
		}
		vals[i] = *p
	}
	return fmt.Sprintf(format, vals...) == path
}
