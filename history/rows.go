package history

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// reader reads one table's cells into rows, gathering every problem.
type reader struct {
	g        *grid
	mapping  *Mapping
	headerAt int // index of the header row in g.rows
	errs     Errors
	keyErrs  bool // some row's key cells could not be read

	header  []cell
	keyCol  [numKeyFields]int // -1 when the table has no such column
	figCol  [NumColumns]int
	percent bool // the sickness header says its figures are percentages
	ages    []ageColumn
	ignored []string

	rows []sourceRow
}

// ageColumn is an age-group column of the table.
type ageColumn struct {
	group AgeGroup
	col   int
}

// sourceRow is one row as the file gives it, before rows naming the same
// cell in different words are added up.
type sourceRow struct {
	at       int    // spreadsheet row
	row      Row    // Org and Prof are keys
	orgName  string // the organisation's name, for Table.Organisations
	written  string // organisation and profession as written, folded: rows of one source series
	describe string // the row's organisation, profession and band as written, for messages
	monthAt  string // the month cell as shown
}

// bad records a problem with a cell of row index i and column col.
func (r *reader) bad(i, col int, msg string) {
	e := &CellError{File: r.g.file, Sheet: r.g.sheet, Row: r.g.rowAt[i], Msg: msg, Found: foundIn(msg)}
	if col >= 0 {
		e.Col = col + 1
		e.Header = strings.TrimSpace(r.g.at(r.header, col).shown)
	}
	r.errs = append(r.errs, e)
}

// readHeader finds what each column of the header row is. It reports
// whether the rows can be read: not when a required column is missing.
func (r *reader) readHeader() bool {
	r.header = r.g.rows[r.headerAt]
	for k := range r.keyCol {
		r.keyCol[k] = -1
	}
	for c := range r.figCol {
		r.figCol[c] = -1
	}
	seen := map[string]int{}
	for col, c := range r.header {
		h := strings.TrimSpace(c.text)
		if h == "" {
			continue
		}
		f, ok := lookupHeader(h)
		if !ok {
			if near := closeHeader(h); near != "" {
				r.bad(r.headerAt, col, fmt.Sprintf("%s, an unknown column (want %s, if that is what it is; docs/data-format.md lists the headers read)", found(h), near))
			} else {
				r.ignored = append(r.ignored, h)
			}
			continue
		}
		id := fieldID(f)
		if first, dup := seen[id]; dup {
			r.bad(r.headerAt, col, fmt.Sprintf("%s, the same column as column %s (%s) (want each column once)", found(h), ColumnLetter(first+1), strings.TrimSpace(r.header[first].shown)))
			continue
		}
		seen[id] = col
		switch {
		case f.isAge:
			r.ages = append(r.ages, ageColumn{f.age, col})
		case f.column < NumColumns:
			r.figCol[f.column] = col
		default:
			r.keyCol[f.key] = col
		}
		if f.column == SicknessRate {
			low := strings.ToLower(h)
			r.percent = strings.Contains(low, "%") || strings.Contains(low, "percent")
		}
	}
	r.checkAges()
	return r.checkRequired()
}

// fieldID names a header's field, to find a column given twice.
func fieldID(f headerField) string {
	switch {
	case f.isAge:
		return f.age.Header()
	case f.column < NumColumns:
		return f.column.String()
	}
	return keyHeaders[f.key][0]
}

// checkRequired reports, in one message, every required column missing,
// and whether there were none.
func (r *reader) checkRequired() bool {
	var missing []string
	if r.keyCol[fieldMonth] < 0 {
		missing = append(missing, "month")
	}
	if r.keyCol[fieldOrg] < 0 && r.keyCol[fieldOrgCode] < 0 {
		missing = append(missing, "organisation")
	}
	if r.keyCol[fieldProf] < 0 {
		missing = append(missing, "profession")
	}
	if r.keyCol[fieldBand] < 0 {
		missing = append(missing, "band")
	}
	if r.figCol[StaffHeads] < 0 && r.figCol[StaffFTE] < 0 {
		missing = append(missing, "staff_heads or staff_fte")
	}
	if len(missing) == 0 {
		return true
	}
	var headers []string
	for _, c := range r.header {
		if h := strings.TrimSpace(c.shown); h != "" {
			headers = append(headers, h)
		}
	}
	r.bad(r.headerAt, -1, fmt.Sprintf("missing columns: %s (want month, organisation, profession, band and staff_heads or staff_fte; found the headers %s; docs/data-format.md lists the spellings read)",
		strings.Join(missing, ", "), quoteList(headers)))
	return false
}

// checkAges puts the age groups youngest first and reports gaps and
// overlaps.
func (r *reader) checkAges() {
	slices.SortStableFunc(r.ages, func(a, b ageColumn) int { return a.group.From - b.group.From })
	for i := 1; i < len(r.ages); i++ {
		prev, g := r.ages[i-1].group, r.ages[i].group
		switch {
		case prev.To == 0:
			r.bad(r.headerAt, r.ages[i-1].col, fmt.Sprintf("%s, an open age group that is not the oldest (want only the oldest group open, e.g. heads_age_60_plus)", found(r.header[r.ages[i-1].col].shown)))
			return
		case g.From != prev.To:
			r.bad(r.headerAt, r.ages[i].col, fmt.Sprintf("%s, an age group from age %d (want it to start where the group before it ends, at %d: no gaps or overlaps)", found(r.header[r.ages[i].col].shown), g.From, prev.To))
			return
		}
	}
}

// readRow reads data row index i.
func (r *reader) readRow(i int) {
	cells := r.g.rows[i]
	if blankRow(cells) {
		return
	}
	errsBefore := len(r.errs)
	src, ok := r.readKey(i, cells)
	if !ok && len(r.errs) == errsBefore {
		return // the mapping file ignores the row
	}
	r.readFigures(i, cells, &src)
	if !ok {
		r.keyErrs = true
		return
	}
	r.rows = append(r.rows, src)
}

// keyCell returns the text of a key column's cell, and the cell.
func (r *reader) keyCell(cells []cell, k keyField) (string, cell) {
	c := r.g.at(cells, r.keyCol[k])
	return strings.TrimSpace(c.text), c
}

// readKey reads a row's month, organisation, profession and band. A row
// that the mapping file ignores is not ok and has no problems.
func (r *reader) readKey(i int, cells []cell) (sourceRow, bool) {
	orgText, orgCell := r.keyCell(cells, fieldOrg)
	orgCol := r.keyCol[fieldOrg]
	codeText, _ := r.keyCell(cells, fieldOrgCode)
	if orgCol < 0 || orgText == "" && codeText != "" {
		orgText, orgCol = codeText, r.keyCol[fieldOrgCode]
		orgCell = r.g.at(cells, orgCol)
	}
	profText, profCell := r.keyCell(cells, fieldProf)
	bandText, bandCell := r.keyCell(cells, fieldBand)
	orgMap, orgMapped := r.mapping.lookup(mapOrganisation, orgText)
	if !orgMapped && codeText != "" {
		orgMap, orgMapped = r.mapping.lookup(mapOrganisation, codeText)
	}
	profMap, profMapped := r.mapping.lookup(mapProfession, profText)
	bandMap, bandMapped := r.mapping.lookup(mapBand, bandText)
	if orgMap.ignore || profMap.ignore || bandMap.ignore {
		return sourceRow{}, false
	}

	month, okMonth := r.readMonth(i, cells)
	name, key, okOrg := r.readOrg(i, orgCol, orgCell, orgText, codeText, orgMap, orgMapped)
	prof, okProf := r.readProfession(i, profCell, profMap, profMapped)
	band, okBand := r.readBand(i, bandCell, bandMap, bandMapped)
	src := sourceRow{at: r.g.rowAt[i], orgName: name}
	src.row.Month, src.row.Org, src.row.Prof, src.row.Band = month, key, prof, band
	src.written = fold(orgText) + "\x00" + fold(codeText) + "\x00" + foldName(profText) + "\x00" + src.row.Band.String()
	src.describe = fmt.Sprintf("%s, %s, %s", cmp.Or(orgText, codeText), profText, bandName(src.row.Band))
	src.monthAt = strings.TrimSpace(r.g.at(cells, r.keyCol[fieldMonth]).shown)
	return src, okMonth && okOrg && okProf && okBand
}

// readMonth reads a row's month cell.
func (r *reader) readMonth(i int, cells []cell) (workforce.Month, bool) {
	c := r.g.at(cells, r.keyCol[fieldMonth])
	if t, ok := r.g.serialMonth(c); ok {
		return workforce.NewMonth(t.Year(), int(t.Month())), true
	}
	if m, ok := parseMonth(c.text); ok {
		return m, true
	}
	r.bad(i, r.keyCol[fieldMonth], found(c.shown)+", "+monthHelp)
	return 0, false
}

// readOrg returns the organisation's name (the mapping's, the name
// column's, or the code's) and key.
func (r *reader) readOrg(i, col int, c cell, text, code string, m mapped, mapped bool) (name, key string, ok bool) {
	name = text
	if mapped {
		name = m.org
	}
	if name == "" {
		r.bad(i, col, found(c.shown)+", want the organisation's name or code (blank)")
		return "", "", false
	}
	if !mapped && r.keyCol[fieldOrgCode] >= 0 && code != "" {
		key, ok = orgKey(code)
	} else {
		key, ok = orgKey(name)
	}
	if !ok {
		r.bad(i, col, found(c.shown)+", want an organisation's name or code with a letter or digit in it")
	}
	return name, key, ok
}

// readProfession reads a row's profession: by the mapping file, else by
// the spellings known.
func (r *reader) readProfession(i int, c cell, m mapped, mapped bool) (string, bool) {
	if mapped {
		return m.prof, true
	}
	text := strings.TrimSpace(c.text)
	if prof, ok := parseProfession(text); ok {
		return prof, true
	}
	msg := found(c.shown) + ", want a profession (blank)"
	if text != "" {
		msg = fmt.Sprintf("%s, want an AHP profession, e.g. %s (map other names to a profession, or to ignore, in a mapping file)",
			found(c.shown), strings.Join(closestProfessions(text), ", "))
	}
	r.bad(i, r.keyCol[fieldProf], msg)
	return "", false
}

// readBand reads a row's band: by the mapping file, else by the
// spellings known.
func (r *reader) readBand(i int, c cell, m mapped, mapped bool) (workforce.Band, bool) {
	if mapped {
		return m.band, true
	}
	if b, ok := parseBand(c.text); ok {
		return b, true
	}
	r.bad(i, r.keyCol[fieldBand], found(c.shown)+", "+bandHelp)
	return 0, false
}

// figureKind is what a figure counts, for reading and checking it.
type figureKind uint8

const (
	kindHeads figureKind = iota
	kindFTE
	kindShare
)

func kindOfColumn(c Column) figureKind {
	switch c {
	case StaffFTE, EstablishmentFTE, VacanciesFTE, AgencyFTE:
		return kindFTE
	case SicknessRate:
		return kindShare
	}
	return kindHeads
}

// readFigures reads a row's figures and checks them against each other.
func (r *reader) readFigures(i int, cells []cell, src *sourceRow) {
	for c := range src.row.Figures {
		src.row.Figures[c] = math.NaN()
		if col := r.figCol[c]; col >= 0 {
			src.row.Figures[c] = r.readFigure(i, col, r.g.at(cells, col), kindOfColumn(Column(c)))
		}
	}
	if len(r.ages) > 0 {
		src.row.Ages = make([]float64, len(r.ages))
		for a, ac := range r.ages {
			src.row.Ages[a] = r.readFigure(i, ac.col, r.g.at(cells, ac.col), kindHeads)
		}
	}
	r.checkFigures(i, &src.row)
}

// readFigure reads one figure; NaN when not known or bad.
func (r *reader) readFigure(i, col int, c cell, kind figureKind) float64 {
	if isSuppressed(c.text) {
		return math.NaN()
	}
	v, percent, ok := parseNumber(c.text, kind == kindShare)
	switch kind {
	case kindHeads:
		ok = ok && v >= 0 && v == math.Trunc(v)
		if !ok {
			r.bad(i, col, found(c.shown)+", want a whole number of heads at least 0")
		}
	case kindFTE:
		ok = ok && v >= 0
		if !ok {
			r.bad(i, col, found(c.shown)+", want a number of FTE at least 0")
		}
	case kindShare:
		if ok && r.percent && !percent && !c.percent {
			v /= 100 // the header says its figures are percentages
		}
		ok = ok && v >= 0 && v <= 1
		if !ok {
			want := "want a share from 0 to 1 (e.g. 0.045) or a percentage (e.g. 4.5%)"
			if r.percent {
				want = "want a percentage from 0 to 100 (e.g. 4.5)"
			}
			r.bad(i, col, found(c.shown)+", "+want)
		}
	}
	if !ok {
		return math.NaN()
	}
	return v
}

// checkFigures reports figures of a row that cannot all be true.
func (r *reader) checkFigures(i int, row *Row) {
	f := &row.Figures
	if f[StaffFTE] > f[StaffHeads] {
		r.bad(i, r.figCol[StaffFTE], fmt.Sprintf("%s, more FTE than the %s heads of staff in post (want at most %s: a head works at most 1 FTE)",
			found(r.shownAt(i, r.figCol[StaffFTE])), countText(f[StaffHeads]), countText(f[StaffHeads])))
	}
	if f[VacanciesFTE] > f[EstablishmentFTE] {
		r.bad(i, r.figCol[VacanciesFTE], fmt.Sprintf("%s, more vacant FTE than the establishment's %s (want at most %s)",
			found(r.shownAt(i, r.figCol[VacanciesFTE])), countText(f[EstablishmentFTE]), countText(f[EstablishmentFTE])))
	}
	if Known(f[Joiners]) {
		sum := 0.0
		for _, c := range []Column{JoinersExternal, JoinersGraduate, JoinersInternational, JoinersReturn} {
			if Known(f[c]) {
				sum += f[c]
			}
		}
		if sum > f[Joiners] {
			r.bad(i, r.figCol[Joiners], fmt.Sprintf("%s, fewer than the %s joiners by source in this row (want at least %s: joiners counts every source)",
				found(r.shownAt(i, r.figCol[Joiners])), countText(sum), countText(sum)))
		}
	}
	if row.Ages != nil && Known(f[StaffHeads]) {
		sum := 0.0
		for _, v := range row.Ages {
			sum += v
		}
		if Known(sum) && sum != f[StaffHeads] {
			r.bad(i, r.figCol[StaffHeads], fmt.Sprintf("%s, but the age groups add up to %s heads (want the same staff in post in both)",
				found(r.shownAt(i, r.figCol[StaffHeads])), countText(sum)))
		}
	}
}

// shownAt is a cell of row index i as shown.
func (r *reader) shownAt(i, col int) string { return strings.TrimSpace(r.g.at(r.g.rows[i], col).shown) }

// countText writes a figure for a message: at most 2 decimals, no
// trailing zeros.
func countText(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}
