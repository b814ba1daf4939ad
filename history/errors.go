package history

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// MaxListed is how many problems Errors.Error lists before it says how
// many more there are: enough to show every kind of mistake in a table,
// few enough to read.
const MaxListed = 50

// CellError is one problem of a table (or of its mapping file): where it
// is, as a planner finds it in a spreadsheet, and what is wrong.
type CellError struct {
	File   string // the file, as given to ReadFile or Read
	Sheet  string // the sheet of an .xlsx workbook; "" for CSV
	Row    int    // the spreadsheet row, from 1; 0 when about the whole table
	Col    int    // the column, from 1 (A is 1); 0 when about a whole row
	Header string // the column's header as the file writes it
	Found  string // the cell as written, when the problem is one cell
	Msg    string // what is wrong and what is wanted
}

// Error formats the problem as `file: sheet S, row R, column F (header):
// msg`, leaving out the parts that are not known.
func (e *CellError) Error() string {
	parts := []string{}
	if e.Sheet != "" {
		parts = append(parts, "sheet "+e.Sheet)
	}
	if e.Row > 0 {
		parts = append(parts, "row "+strconv.Itoa(e.Row))
	}
	if e.Col > 0 {
		col := "column " + ColumnLetter(e.Col)
		if e.Header != "" {
			col += " (" + e.Header + ")"
		}
		parts = append(parts, col)
	}
	pos := e.File
	if len(parts) > 0 {
		pos += ": " + strings.Join(parts, ", ")
	}
	return pos + ": " + e.Msg
}

// Errors is every problem found in a table, in the order of the file:
// by file, row and column, problems about the whole table last.
type Errors []*CellError

// Error lists the problems, one a line, at most MaxListed of them.
func (l Errors) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i == MaxListed {
			fmt.Fprintf(&b, "\nand %d more", len(l)-MaxListed)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the problems, for errors.As.
func (l Errors) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// err sorts the list and returns it as an error, or nil when it is empty.
func (l Errors) err() error {
	if len(l) == 0 {
		return nil
	}
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if (a.Row == 0) != (b.Row == 0) {
			return b.Row == 0
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return a.Col < b.Col
	})
	return l
}

// ColumnLetter returns a spreadsheet's name of column n (from 1): A, B,
// ..., Z, AA, AB.
func ColumnLetter(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// found quotes a cell's text for a message.
func found(s string) string { return "found " + strconv.Quote(s) }

// foundIn returns the cell a message quotes, when it starts with found().
func foundIn(msg string) string {
	rest, ok := strings.CutPrefix(msg, "found ")
	if !ok {
		return ""
	}
	q, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return ""
	}
	s, _ := strconv.Unquote(q)
	return s
}
