package history

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Format is the kind of file a table is read from.
type Format uint8

// The formats a table may come in.
const (
	CSV  Format = iota + 1 // comma-separated values
	XLSX                   // an Excel workbook, of which the first sheet is read
)

// FormatOf says a file's format by its extension (.csv or .xlsx, in any
// case).
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, nil
	case ".xlsx":
		return XLSX, nil
	}
	return 0, fmt.Errorf("%s: unknown kind of table (want a name ending .csv or .xlsx)", path)
}

// ReadOptions are the settings of ReadFile and Read. The zero value reads
// a table with no mapping file.
type ReadOptions struct {
	// Mapping is the path of a mapping file (docs/data-format.md) that
	// says what the table's other spellings of professions, bands and
	// organisations mean; "" for none.
	Mapping string
}

// MaxBytes is the largest table read: 64 MiB, ten years of monthly NHS
// England statistics for every trust's AHPs.
const MaxBytes = 64 << 20

// ReadFile reads a table from a CSV file or the first sheet of an .xlsx
// workbook, by the file's extension. A table with problems returns
// Errors, every problem at once, each with its row and column.
func ReadFile(path string, opts ReadOptions) (*Table, error) {
	format, err := FormatOf(path)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(path, f, format, opts)
}

// Read reads a table in a format from r; name is the file's name, for
// messages and Table.Source.
func Read(name string, r io.Reader, format Format, opts ReadOptions) (*Table, error) {
	var m *Mapping
	if opts.Mapping != "" {
		var err error
		if m, err = ReadMapping(opts.Mapping); err != nil {
			return nil, err
		}
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxBytes {
		return nil, Errors{{File: name, Msg: fmt.Sprintf("file too large (want at most %d MiB)", MaxBytes>>20)}}
	}
	var g *grid
	switch format {
	case CSV:
		g, err = readCSVGrid(name, data)
	case XLSX:
		g, err = readXLSXGrid(name, data)
	default:
		return nil, fmt.Errorf("%s: unknown format %d (want CSV or XLSX)", name, format)
	}
	if err != nil {
		return nil, err
	}
	return readGrid(g, m)
}

// readGrid reads a table from its cells: the header, each row, then the
// checks of the table as a whole.
func readGrid(g *grid, m *Mapping) (*Table, error) {
	headerAt := findHeader(g)
	if headerAt < 0 {
		return nil, g.problem("empty file (want a header row naming the columns month, organisation, profession, band and staff_heads or staff_fte, then a row per month and cell)")
	}
	r := &reader{g: g, mapping: m, headerAt: headerAt}
	if !r.readHeader() {
		return nil, r.errs.err()
	}
	for i := headerAt + 1; i < len(g.rows); i++ {
		r.readRow(i)
	}
	if len(r.rows) == 0 && len(r.errs) == 0 {
		r.errs = append(r.errs, &CellError{File: g.file, Sheet: g.sheet, Row: g.rowAt[headerAt],
			Msg: "no rows under the header (want a row per month, organisation, profession and band; rows mapped to ignore do not count)"})
	}
	r.checkTable()
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	return r.table(), nil
}

// findHeader returns the index of the header row: the first of the first
// 20 rows that names two key columns (so that a title above the table is
// skipped), else the first row that is not blank; -1 when every row is
// blank.
func findHeader(g *grid) int {
	for i := 0; i < len(g.rows) && i < 20; i++ {
		keys := 0
		for _, c := range g.rows[i] {
			if f, ok := lookupHeader(c.text); ok && f.key < numKeyFields {
				keys++
			}
		}
		if keys >= 2 {
			return i
		}
	}
	return slices.IndexFunc(g.rows, func(row []cell) bool { return !blankRow(row) })
}

func blankRow(row []cell) bool {
	for _, c := range row {
		if strings.TrimSpace(c.text) != "" {
			return false
		}
	}
	return true
}
