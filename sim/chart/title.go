package chart

import (
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// titleMargin is the least space kept clear at each side of the title.
const titleMargin = vg.Length(6)

// punctBreakShare is how full a line must be before the title is broken
// after its last comma, colon or semicolon rather than at its last space:
// "...all professions:" / "BHR AHP baseline" reads better than a line
// that ends "...professions: BHR AHP".
const punctBreakShare = 0.6

// fitTitle returns title wrapped at spaces into lines that each fit in
// width w in style sty (gonum/plot centres the title on the whole canvas,
// clips what runs past its edges, and makes room for every line). Only a
// single word wider than w shrinks the type, so that it too fits.
func fitTitle(title string, sty text.Style, w vg.Length) (string, text.Style) {
	words := strings.Fields(title)
	lines := wrapLines(words, w, sty.Width)
	// Lines of several words fit by construction; a wider line is one word,
	// and text width is proportional to type size.
	widest := vg.Length(0)
	for _, l := range lines {
		widest = max(widest, sty.Width(l))
	}
	if widest > w {
		sty.Font.Size *= 0.98 * w / widest
		lines = wrapLines(words, w, sty.Width)
	}
	return strings.Join(lines, "\n"), sty
}

// wrapLines fills lines of at most width w with words, each line as full
// as it goes (a single word wider than w is a line of its own).
func wrapLines(words []string, w vg.Length, width func(string) vg.Length) []string {
	var lines, cur []string
	for _, word := range words {
		for len(cur) > 0 && width(strings.Join(cur, " ")+" "+word) > w {
			n := breakAt(cur, w, width)
			lines = append(lines, strings.Join(cur[:n], " "))
			cur = cur[n:]
		}
		cur = append(cur, word)
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}

// breakAt returns how many of the words of a full line to keep on it: up
// to the last one that ends a clause, if that line is at least
// punctBreakShare of w, else all of them.
func breakAt(line []string, w vg.Length, width func(string) vg.Length) int {
	for n := len(line) - 1; n >= 1; n-- {
		if endsClause(line[n-1]) && width(strings.Join(line[:n], " ")) >= punctBreakShare*w {
			return n
		}
	}
	return len(line)
}

// endsClause reports whether word ends with a comma, colon or semicolon.
func endsClause(word string) bool { return strings.ContainsAny(word[len(word)-1:], ",:;") }
