package scenario

import (
	"strconv"
	"strings"
)

// source is what a parsed File remembers about its file: its name and the
// position of every path, for messages.
type source struct {
	filename string
	pos      map[string]position // position of the value at each path
	keyPos   map[string]position // position of the key naming each path
	bad      map[string]bool     // paths the walker rejected
	badUnder map[string]bool     // ancestors of rejected paths
	// overflow holds, by path, the text of whole numbers too large for an
	// int, which the walker replaced by the nearest int (see overflow).
	overflow map[string]string
	// comments holds, by path, the comments written next to the value
	// there (see (*File).Comment).
	comments map[string]string
}

type position struct{ line, col int }

func newSource(filename string) *source {
	return &source{filename: filename, pos: map[string]position{}, keyPos: map[string]position{},
		bad: map[string]bool{}, badUnder: map[string]bool{}, overflow: map[string]string{}, comments: map[string]string{}}
}

// markBad records that the walker rejected the value at path.
func (s *source) markBad(path string) {
	s.bad[path] = true
	for p := path; p != ""; {
		p = parent(p)
		s.badUnder[p] = true
	}
}

// rejected reports whether the walker rejected the value at path.
func (s *source) rejected(path string) bool { return s != nil && s.bad[path] }

// suppressed reports whether a later (semantic) error at path should be
// left out because the walker rejected the same value, a value above it
// or a value below it: the rejected value was dropped before decoding, so
// errors that depend on it would be noise.
func (s *source) suppressed(path string) bool {
	if s.bad[path] || s.badUnder[path] {
		return true
	}
	for p := path; p != ""; {
		p = parent(p)
		if s.bad[p] {
			return true
		}
	}
	return false
}

// position returns the position of a path: of its value if the file has
// it, else of the key of its nearest ancestor that the file has (so that
// "missing" points at the mapping that lacks the key).
func (s *source) position(path string) position {
	if s == nil {
		return position{}
	}
	if p, ok := s.pos[path]; ok {
		return p
	}
	for path != "" {
		path = parent(path)
		if p, ok := s.keyPos[path]; ok {
			return p
		}
		if p, ok := s.pos[path]; ok {
			return p
		}
	}
	return position{}
}

// has reports whether the file holds a value at path.
func (s *source) has(path string) bool {
	if s == nil {
		return false
	}
	_, ok := s.pos[path]
	return ok
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

// parent strips the last element of a path: a.b[2] -> a.b, a.b -> a.
func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// join appends a key to a path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func item(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
