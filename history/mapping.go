package history

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// Ignore is what a mapping file writes, instead of a profession, band or
// organisation, for rows the table should drop (staff who are not AHPs).
const Ignore = "ignore"

// mappingKind is what a mapping row maps.
type mappingKind uint8

const (
	mapProfession mappingKind = iota
	mapBand
	mapOrganisation
	numMappingKinds
)

var mappingKinds = [numMappingKinds]string{"profession", "band", "organisation"}

// mapped is what a name of a table means, by a mapping file.
type mapped struct {
	ignore bool
	prof   string         // mapProfession: the profession key
	band   workforce.Band // mapBand
	org    string         // mapOrganisation: the organisation's name
}

// Mapping is a mapping file read: the table's names that it gives a
// meaning, by kind and folded name.
type Mapping struct {
	names [numMappingKinds]map[string]mapped
}

// lookup finds what a name means, by the mapping.
func (m *Mapping) lookup(kind mappingKind, name string) (mapped, bool) {
	if m == nil {
		return mapped{}, false
	}
	v, ok := m.names[kind][mappingFold(kind, name)]
	return v, ok
}

func mappingFold(kind mappingKind, name string) string {
	if kind == mapProfession {
		return foldName(name)
	}
	return fold(name)
}

// ReadMapping reads a mapping file: a CSV whose header is either
// `found,profession` (or `found,band`, `found,organisation`), mapping one
// kind of name, or `column,found,means`, whose column says the kind of
// each row. docs/data-format.md describes it.
func ReadMapping(path string) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mapping file: %w", err)
	}
	return ParseMapping(path, data)
}

// ParseMapping reads a mapping file from memory; name is for messages.
func ParseMapping(name string, data []byte) (*Mapping, error) {
	records, lines, err := readCSVRecords(name, data)
	if err != nil {
		return nil, err
	}
	var errs Errors
	bad := func(line, col int, header, msg string) {
		errs = append(errs, &CellError{File: name, Row: line, Col: col, Header: header, Msg: msg})
	}
	if len(records) == 0 {
		bad(0, 0, "", "empty mapping file (want a header `found,profession` or `column,found,means`, then one name a row)")
		return nil, errs.err()
	}
	header := records[0]
	fixed, general := mappingKind(0), false
	switch h := strings.Join(foldAll(header), ","); {
	case h == "column,found,means":
		general = true
	case len(header) == 2 && fold(header[0]) == "found" && kindOf(header[1]) < numMappingKinds:
		fixed = kindOf(header[1])
	default:
		bad(lines[0], 0, "", fmt.Sprintf("found header %q, want `found,profession`, `found,band`, `found,organisation` or `column,found,means`", strings.Join(header, ",")))
		return nil, errs.err()
	}
	m := &Mapping{}
	for k := range m.names {
		m.names[k] = map[string]mapped{}
	}
	firstAt := map[string]int{}
	for i, rec := range records[1:] {
		line := lines[i+1]
		kind, cells := fixed, rec
		if general {
			if len(rec) != 3 {
				bad(line, 0, "", fmt.Sprintf("found %d cells, want 3 (column, found, means)", len(rec)))
				continue
			}
			if kind = kindOf(rec[0]); kind == numMappingKinds {
				bad(line, 1, header[0], found(rec[0])+", want profession, band or organisation")
				continue
			}
			cells = rec[1:]
		} else if len(rec) != 2 {
			bad(line, 0, "", fmt.Sprintf("found %d cells, want 2 (found, %s)", len(rec), mappingKinds[fixed]))
			continue
		}
		col := len(rec) - 1
		v, msg := parseMeaning(kind, cells[1])
		if msg != "" {
			bad(line, col+1, header[col], msg)
			continue
		}
		f := mappingFold(kind, cells[0])
		if f == "" {
			bad(line, col, header[col-1], found(cells[0])+", want the name as the table writes it")
			continue
		}
		id := mappingKinds[kind] + "\x00" + f
		if at, dup := firstAt[id]; dup {
			bad(line, col, header[col-1], found(cells[0])+fmt.Sprintf(", want each name once (first at row %d)", at))
			continue
		}
		firstAt[id] = line
		m.names[kind][f] = v
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return m, nil
}

// customPrefix marks a mapping's profession as a custom role: custom:KEY.
const customPrefix = "custom:"

// parseMeaning reads what a mapping row says a name means; msg says what
// is wrong with it.
func parseMeaning(kind mappingKind, s string) (mapped, string) {
	if fold(s) == Ignore {
		return mapped{ignore: true}, ""
	}
	switch kind {
	case mapProfession:
		if p, ok := parseProfession(s); ok {
			return mapped{prof: p}, ""
		}
		// A role that is not a standard AHP (a scenario's custom role) is
		// named with a prefix, so a misspelt profession is never taken for one.
		if key, ok := strings.CutPrefix(strings.TrimSpace(s), customPrefix); ok {
			if err := workforce.CheckKey(key); err != nil {
				return mapped{}, found(s) + ", want " + customPrefix + "KEY with a key of lower-case letters, digits and underscores"
			}
			return mapped{prof: key}, ""
		}
		return mapped{}, found(s) + ", want a profession, e.g. " + strings.Join(closestProfessions(s), ", ") + ", " + customPrefix + "KEY for a custom role, or ignore"
	case mapBand:
		if b, ok := parseBand(s); ok {
			return mapped{band: b}, ""
		}
		return mapped{}, found(s) + ", " + strings.TrimSuffix(bandHelp, " (map other names in a mapping file)") + ", or ignore"
	default:
		if _, ok := orgKey(s); ok {
			return mapped{org: strings.TrimSpace(s)}, ""
		}
		return mapped{}, found(s) + ", want the organisation's name (with a letter or digit in it), or ignore"
	}
}

func kindOf(s string) mappingKind {
	for k, name := range mappingKinds {
		if fold(s) == name {
			return mappingKind(k)
		}
	}
	return numMappingKinds
}

func foldAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = fold(c)
	}
	return out
}

// readCSVRecords reads a whole CSV file (UTF-8, with or without a
// byte-order mark, or Windows-1252 as older Excel saves it), with the line
// each record starts on.
func readCSVRecords(name string, data []byte) ([][]string, []int, error) {
	r := csv.NewReader(bytes.NewReader(decodeText(data)))
	r.FieldsPerRecord = -1
	var records [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return records, lines, nil
			}
			if pe, ok := err.(*csv.ParseError); ok {
				return nil, nil, Errors{{File: name, Row: pe.Line, Msg: "not a readable CSV file: " + pe.Err.Error() + " (want cells separated by commas, with any quote marks in pairs)"}}
			}
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		records = append(records, rec)
		lines = append(lines, line)
	}
}

// quoteList quotes names for a message.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
