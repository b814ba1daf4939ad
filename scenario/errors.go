package scenario

import (
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// ErrTooLarge is wrapped by the error for input over MaxBytes.
var ErrTooLarge = errors.New("scenario file too large")

// Error is one problem in a scenario, with its position when it came from
// a file. Line and Column count from 1; zero means unknown.
type Error struct {
	File   string // file name as given to Parse or Load
	Line   int
	Column int
	Path   string // the value at fault, e.g. workforce[2].bands.5.headcount
	Msg    string // what is wrong, e.g. "out of range (got -3, want at least 0)"

	err error // a sentinel to wrap, if any
}

// Error formats the problem as file:line:col: path: msg, leaving out the
// parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	pos := e.File
	if e.Line > 0 {
		if pos != "" {
			pos += ":"
		}
		pos += strconv.Itoa(e.Line)
		if e.Column > 0 {
			pos += ":" + strconv.Itoa(e.Column)
		}
	}
	if pos != "" {
		b.WriteString(pos)
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the sentinel the error wraps (ErrTooLarge), or nil.
func (e *Error) Unwrap() error { return e.err }

// ErrorList is every problem found in a scenario, like go/scanner's
// ErrorList. Parse, Load, Validate and Compile return it sorted by
// position.
type ErrorList []*Error

func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }

// Less orders errors by file, line, column, path and message. Errors with
// no position (from a File built in Go) keep the order they were found in.
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i], l[j]
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	if a.Line == 0 {
		return false
	}
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	return a.Msg < b.Msg
}

// Sort sorts the list by position.
func (l ErrorList) Sort() { sort.Stable(l) }

// Error returns one line per problem.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// suggest returns " (did you mean X?)" when s is close to one of the
// candidates, and " (fallback)" otherwise.
func suggest(s string, candidates []string, fallback string) string {
	if best := closest(s, candidates); best != "" {
		return " (did you mean " + best + "?)"
	}
	if fallback == "" {
		return ""
	}
	return " (" + fallback + ")"
}

// closest returns the candidate nearest to s by edit distance, if it is
// near enough to be a likely typo, or the only candidate that s is a
// prefix of (horizon -> horizon_years is ambiguous, so no suggestion).
func closest(s string, candidates []string) string {
	if s == "" || len(s) > 100 {
		return ""
	}
	ls := strings.ToLower(s)
	best, bestD := "", math.MaxInt
	for _, c := range candidates {
		d := workforce.EditDistance(ls, c)
		if d < bestD {
			best, bestD = c, d
		}
	}
	limit := 1 + len(s)/4
	if bestD <= limit && bestD < len(s) {
		return best
	}
	var prefixed []string
	for _, c := range candidates {
		if len(ls) >= 3 && (strings.HasPrefix(c, ls) || strings.HasPrefix(ls, c)) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return ""
}
