package workforce

import (
	"fmt"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// CheckName returns an error if s cannot be shown as one line of text in a
// terminal, a CSV file, an SVG or a report: it must be valid UTF-8 with no
// control characters (C0, DEL and C1, tab and newline included), no line
// or paragraph separators (U+2028, U+2029) and no bidirectional embedding,
// override or isolate characters (U+202A to U+202E, U+2066 to U+2069),
// which make text display in another order than it is stored. Names of
// scenarios, organisations, professions, options, interventions,
// pipelines and age groups follow this rule; package scenario and package
// sim both check it, so that a name a file may not hold cannot reach an
// output through the library either.
func CheckName(s string) error { return checkText(s, false) }

// CheckDescription is CheckName for text that may run over several lines
// (scenario and option descriptions, often YAML block scalars): tab and
// newline are allowed as well.
func CheckDescription(s string) error { return checkText(s, true) }

func checkText(s string, multiline bool) error {
	char := 0
	for i, r := range s {
		char++
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return &TextError{Text: s, Problem: fmt.Sprintf("invalid UTF-8 (byte 0x%02x at character %d)", s[i], char)}
			}
		}
		if multiline && (r == '\t' || r == '\n') {
			continue
		}
		if what := badRune(r); what != "" {
			return &TextError{Text: s, Problem: fmt.Sprintf("%s U+%04X at character %d (want printable text)", what, r, char)}
		}
	}
	return nil
}

// TextError is the error of CheckName and CheckDescription.
type TextError struct {
	Text    string // the text checked
	Problem string // what is wrong with it, and where
}

func (e *TextError) Error() string { return "bad text " + quoteShort(e.Text) + ": " + e.Problem }

// badRune says what kind of character r is if text may not hold it.
func badRune(r rune) string {
	switch {
	case unicode.IsControl(r):
		return "control character"
	case r == '\u2028' || r == '\u2029':
		return "line separator"
	case r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069':
		return "bidirectional control"
	}
	return ""
}

// quoteShort quotes s, cut to 40 characters, for messages: Go quoting
// writes control characters as escapes, so the message itself is safe to
// print.
func quoteShort(s string) string {
	const n = 40
	if utf8.RuneCountInString(s) > n {
		r := []rune(s)
		return strconv.Quote(string(r[:n-3])) + "..."
	}
	return strconv.Quote(s)
}

// UnknownNameError is the error of UnmarshalText for a name that is not
// one of a closed vocabulary (levers, modes, profiles). It carries the
// valid names, so that a front end can suggest the nearest one; Error
// says only what Want says.
type UnknownNameError struct {
	What  string   // the kind of name: "lever", "mode", "profile"
	Text  string   // the name given
	Names []string // the valid names
	Want  string   // what is wanted, e.g. "want scale, add or set"
}

func (e *UnknownNameError) Error() string {
	return fmt.Sprintf("unknown %s %q (%s)", e.What, e.Text, e.Want)
}

// parseName returns the index of text in names, or an *UnknownNameError
// (and 0) if it is not there.
func parseName(what string, names []string, text []byte, want string) (int, error) {
	for i, n := range names {
		if n == string(text) {
			return i, nil
		}
	}
	return 0, &UnknownNameError{What: what, Text: string(text), Names: slices.Clone(names), Want: want}
}

// EditDistance is the Levenshtein distance between a and b, in runes: the
// fewest insertions, deletions and substitutions that turn one into the
// other. Messages use it to suggest the closest known name.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
