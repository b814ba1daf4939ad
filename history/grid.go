package history

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// cell is one cell of a sheet.
type cell struct {
	text    string // the value: as CSV writes it, or an xlsx cell's unformatted value
	shown   string // the value as a spreadsheet shows it, for messages
	percent bool   // xlsx: a number formatted as a percentage, so text is already a share
}

// grid is the cells of a CSV file or of a workbook's first sheet.
type grid struct {
	file, sheet string
	rows        [][]cell
	rowAt       []int // the spreadsheet row of rows[i], from 1
	serials     bool  // month cells may be Excel date serials
	date1904    bool  // the workbook counts dates from 1904
}

// at returns a row's cell, blank past the row's end.
func (g *grid) at(row []cell, col int) cell {
	if col < 0 || col >= len(row) {
		return cell{}
	}
	return row[col]
}

// problem is an error about the whole file.
func (g *grid) problem(msg string) error {
	return Errors{{File: g.file, Sheet: g.sheet, Msg: msg}}
}

// readCSVGrid reads the cells of a CSV file.
func readCSVGrid(name string, data []byte) (*grid, error) {
	records, lines, err := readCSVRecords(name, data)
	if err != nil {
		return nil, err
	}
	g := &grid{file: name, rowAt: lines}
	for _, rec := range records {
		row := make([]cell, len(rec))
		for i, s := range rec {
			row[i] = cell{text: s, shown: s}
		}
		g.rows = append(g.rows, row)
	}
	return g, nil
}

// maxUnzipped caps what a workbook may unpack to, against zip bombs.
const maxUnzipped = 1 << 30

// readXLSXGrid reads the cells of a workbook's first sheet.
func readXLSXGrid(name string, data []byte) (*grid, error) {
	g := &grid{file: name, serials: true}
	if len(data) == 0 {
		return g, nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped})
	if err != nil {
		return nil, g.problem(notWorkbook(err))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, g.problem("not an Excel workbook: it has no sheets (want an .xlsx workbook whose first sheet is the table)")
	}
	g.sheet = sheets[0]
	raw, err := f.GetRows(g.sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, g.problem("not a readable Excel workbook: " + err.Error())
	}
	shown, err := f.GetRows(g.sheet)
	if err != nil {
		return nil, g.problem("not a readable Excel workbook: " + err.Error())
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		g.date1904 = *props.Date1904
	}
	for i, rawRow := range raw {
		row := make([]cell, len(rawRow))
		for j, v := range rawRow {
			s := v
			if i < len(shown) && j < len(shown[i]) {
				s = shown[i][j]
			}
			_, numErr := strconv.ParseFloat(v, 64)
			row[j] = cell{text: v, shown: s, percent: numErr == nil && strings.HasSuffix(strings.TrimSpace(s), "%")}
		}
		g.rows = append(g.rows, row)
		g.rowAt = append(g.rowAt, i+1)
	}
	return g, nil
}

// notWorkbook says why a file named .xlsx could not be opened.
func notWorkbook(err error) string {
	if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword) {
		return "not an .xlsx workbook: it is an old .xls workbook or a password-protected one (want it saved from Excel as .xlsx, without a password)"
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "not an .xlsx workbook: a zip file with no workbook in it (want a workbook saved from Excel as .xlsx, or a CSV file named .csv)"
	}
	return fmt.Sprintf("not an .xlsx workbook (%v); want a workbook saved from Excel as .xlsx, or a CSV file named .csv", err)
}

// serialMonth reads an Excel date serial (45382 is 31 March 2024) of the
// years 1950 to 2200.
func (g *grid) serialMonth(c cell) (time.Time, bool) {
	if !g.serials {
		return time.Time{}, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(c.text), 64)
	if err != nil || v < 1 || v > 2958465 {
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(v, g.date1904)
	// A number that is no date of a workforce's history (a year, 2024, is
	// 16 July 1905) is not read as one.
	return t, err == nil && t.Year() >= 1950 && t.Year() <= 2200
}

// decodeText returns data as UTF-8: without a byte-order mark, and read
// as Windows-1252 (what older Excel saves a CSV in) when it is not UTF-8.
func decodeText(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return data
	}
	var b bytes.Buffer
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xa0 && windows1252[c-0x80] != 0:
			b.WriteRune(windows1252[c-0x80])
		default:
			b.WriteRune(rune(c)) // Latin-1 agrees with Windows-1252 from 0xA0
		}
	}
	return b.Bytes()
}

// windows1252 are the characters Windows-1252 puts at 0x80 to 0x9F.
var windows1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}
