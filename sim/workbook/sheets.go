package workbook

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ahpsim/ahpsim/sim"
)

// MaxRows is the most rows an Excel sheet holds.
const MaxRows = 1 << 20

// maxRows is MaxRows but in tests.
var maxRows = MaxRows

// table is one sheet written as an Excel table: a frozen header row and
// label columns, filter buttons on every column.
type table struct {
	sw   *excelize.StreamWriter
	name string
	cols int
	rows int // rows written, the header included
}

// newTable adds sheet name with its header, the first frozen columns
// and the column widths (one per header, or the last repeated).
func (b *book) newTable(name, what string, header []string, frozen int, widths ...float64) (*table, error) {
	if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i := range header {
		w := widths[min(i, len(widths)-1)]
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	cell, _ := excelize.CoordinatesToCellName(frozen+1, 2)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: frozen, YSplit: 1, TopLeftCell: cell, ActivePane: "bottomRight"}); err != nil {
		return nil, err
	}
	t := &table{sw: sw, name: name, cols: len(header)}
	row := make([]any, len(header))
	for i, h := range header {
		row[i] = excelize.Cell{StyleID: b.header, Value: h}
	}
	if err := t.add(row); err != nil {
		return nil, err
	}
	b.sheets = append(b.sheets, sheetNote{name, what})
	return t, nil
}

func (t *table) add(row []any) error {
	t.rows++
	cell, _ := excelize.CoordinatesToCellName(1, t.rows)
	return t.sw.SetRow(cell, row)
}

// close makes the rows an Excel table (filter buttons) and ends the sheet.
func (t *table) close() error {
	if t.rows > 1 {
		end, _ := excelize.CoordinatesToCellName(t.cols, t.rows)
		off := false
		if err := t.sw.AddTable(&excelize.Table{Range: "A1:" + end, Name: tableName(t.name),
			StyleName: "TableStyleLight1", ShowRowStripes: &off}); err != nil {
			return err
		}
	}
	return t.sw.Flush()
}

var notWord = regexp.MustCompile(`[^A-Za-z0-9_]+`)

// tableName is an Excel table name for a sheet: letters, digits and _.
func tableName(sheet string) string { return "t_" + notWord.ReplaceAllString(sheet, "_") }

// groupCells are the label cells of group g: organisation, profession,
// band and level (the group kind, as summary.csv's level column).
func groupCells(r *sim.Result, g int) []any {
	grp := r.Groups[g]
	org, prof, band := grp.Key(r.Model.Layout)
	return []any{text(org), text(prof), text(band), text(grp.Kind().String())}
}

// metricSheet writes metric mi in wide form: per option and group three
// rows, the median and the interval's low and high, a column per date.
func (b *book) metricSheet(mi int) error {
	r := b.c.Options[0]
	m := r.Metrics[mi]
	header := []string{"option", "organisation", "profession", "band", "level", "statistic"}
	for _, d := range r.Dates {
		header = append(header, d.String())
	}
	if n := 1 + len(b.c.Options)*len(groups(r))*3; n > maxRows {
		return fmt.Errorf("workbook: sheet %s would have %d rows, more than Excel's %d: summarise fewer kinds of group (the CLI's --groups)", m.Name, n, maxRows)
	}
	lo, hi := b.bounds()
	what := fmt.Sprintf("%s (%s) by option, organisation, profession and band at each date: the median and the interval's low and high (%s), one row each", m.Name, m.Unit, b.intervalWords())
	t, err := b.newTable(m.Name, what, header, 6, 22, 14, 24, 8, 16, 10, 11)
	if err != nil {
		return err
	}
	stats := []struct {
		name string
		p    float64
	}{{"median", 0.5}, {"low", lo}, {"high", hi}}
	for i, res := range b.c.Options {
		for _, g := range groups(res) {
			for _, st := range stats {
				row := append([]any{text(b.c.Titles[i])}, groupCells(res, g)...)
				row = append(row, text(st.name))
				for d := range res.Dates {
					row = append(row, b.metricCell(res, d, g, mi, st.p))
				}
				if err := t.add(row); err != nil {
					return err
				}
			}
		}
	}
	return t.close()
}

// metricCell is percentile p of one series: empty where undefined,
// SuppressMark where suppression hides it.
func (b *book) metricCell(r *sim.Result, d, g, mi int, p float64) any {
	if !r.Stats(d, g, mi).Defined() {
		return nil
	}
	v := r.Table.Percentile(r.Series(d, g, mi), p)
	if b.info.Suppress && r.Hidden(d, g, mi, v) {
		return text(sim.SuppressMark)
	}
	return b.num(v, r.Metrics[mi].Unit, r.Metrics[mi].Decimals())
}

// pairColumns are the paired metrics of the comparison sheet and their
// headings.
var pairColumns = []struct {
	m     sim.PairMetric
	label string
}{
	{sim.VacancyRateDiff, "vacancy rate difference"},
	{sim.VacanciesFTEDiff, "vacancies FTE difference"},
	{sim.VacancyFTEYearsDiff, "vacancy FTE-years difference"},
	{sim.CostCumulativeTotalDiff, "cumulative cost difference"},
}

// comparisonSheet writes each option against the baseline at the
// horizon, per group, from the paired statistics: the mean of the
// run-by-run differences and the interval's low and high of them.
func (b *book) comparisonSheet() error {
	c := b.c
	if len(c.Options) < 2 {
		b.absent = append(b.absent, sheetNote{ComparisonSheet, "not written: one option, nothing to compare it with"})
		return nil
	}
	r := c.Options[0]
	last := len(r.Dates) - 1
	header := []string{"option", "baseline", "organisation", "profession", "band", "level"}
	for _, pc := range pairColumns {
		header = append(header, pc.label+" (mean)", pc.label+" (low)", pc.label+" (high)")
	}
	header = append(header, "probability of a lower vacancy rate", "probability below target",
		"cost per vacancy FTE-year avoided", "a year of agency cover for one FTE")
	what := fmt.Sprintf("each option against the baseline at %s, by organisation, profession and band: the mean run-by-run difference (option minus baseline) and the interval's low and high of the differences (%s); the share of runs in which the option's vacancy rate is lower; the share below the target; the cost per vacancy FTE-year avoided beside a year of agency cover for one FTE", r.Dates[last], b.intervalWords())
	t, err := b.newTable(ComparisonSheet, what, header, 6, 22, 14, 14, 24, 8, 16, 14)
	if err != nil {
		return err
	}
	lo, hi := b.bounds()
	for p, pair := range c.Pairs {
		if pair.Reference != 0 {
			continue
		}
		for _, g := range groups(r) {
			row := append([]any{text(c.Titles[pair.Option]), text(c.Titles[0])}, groupCells(r, g)...)
			for _, pc := range pairColumns {
				s := c.PairSeries(p, last, g, int(pc.m))
				unit, dec := sim.PairMetrics[pc.m].Unit, sim.PairMetrics[pc.m].Decimals()
				st := c.PairTable.Stats(s)
				if !st.Defined() {
					row = append(row, nil, nil, nil)
					continue
				}
				row = append(row, b.num(st.Mean, unit, dec), b.num(c.PairTable.Percentile(s, lo), unit, dec), b.num(c.PairTable.Percentile(s, hi), unit, dec))
			}
			row = append(row, b.num(c.PairTable.Stats(c.PairSeries(p, last, g, int(sim.ProbBetter))).Mean, "probability", probability))
			row = append(row, b.belowTarget(pair.Option, last, g))
			cost := any(nil)
			if v, ok := c.CostPerVacancyYearAvoided(p, g); ok {
				cost = b.num(v, "GBP per FTE-year", pennies)
			}
			row = append(row, cost, b.agencyYear(c.Options[pair.Option]))
			if err := t.add(row); err != nil {
				return err
			}
		}
	}
	return t.close()
}

func (b *book) belowTarget(i, d, g int) any {
	st := b.c.BelowTargetStats(i, d, g)
	if !st.Defined() {
		return nil
	}
	return b.num(st.Mean, "probability", probability)
}

func (b *book) agencyYear(r *sim.Result) any {
	if v := sim.AgencyYearPerFTE(r.Model); v > 0 {
		return b.num(v, "GBP", pennies)
	}
	return nil
}

// costsSheet writes each option's mean costs by NHS financial year, and
// its payback year against the baseline.
func (b *book) costsSheet() error {
	c := b.c
	if len(c.CostsByYear(0)) == 0 {
		b.absent = append(b.absent, sheetNote{CostsSheet, "not written: the scenario has no costs, or the selection leaves out cost_cumulative_total"})
		return nil
	}
	header := []string{"option", "financial year", "from", "to", "months", "cash", "real terms", "present value",
		"agency and bank", "agency FTE at substantive cost", "payback year (cash, against the baseline)"}
	what := "each option's mean cost by NHS financial year (April to March): in cash, in real terms and as a present value; agency and bank cover and what the same FTE would cost as substantive staff; the year by which the option's cumulative cash cost is back at or below the baseline's"
	t, err := b.newTable(CostsSheet, what, header, 2, 22, 10, 9, 9, 8, 15)
	if err != nil {
		return err
	}
	base := c.CostsByYear(0)
	for i := range c.Options {
		years := c.CostsByYear(i)
		payback := any(nil)
		if label, ok := sim.Payback(base, years); ok && i > 0 {
			payback = text(label)
		}
		for _, y := range years {
			row := []any{text(c.Titles[i]), text(y.Label), text(y.From.String()), text(y.To.String()),
				excelize.Cell{StyleID: b.format["months"], Value: y.Months},
				b.num(y.Cash, "GBP", pennies), b.num(y.Real, "GBP", pennies), b.num(y.PresentValue, "GBP", pennies),
				b.num(y.Agency, "GBP", pennies), b.num(y.AgencySubstantive, "GBP", pennies), payback}
			if err := t.add(row); err != nil {
				return err
			}
		}
	}
	return t.close()
}

// assumptionsSheet writes the assumptions given in Info.
func (b *book) assumptionsSheet() error {
	if len(b.info.Assumptions) == 0 {
		b.absent = append(b.absent, sheetNote{AssumptionsSheet, "not written: no assumptions were given"})
		return nil
	}
	t, err := b.newTable(AssumptionsSheet, "what the numbers rest on, and where each figure comes from",
		[]string{"assumption", "value", "source"}, 1, 30, 90, 40)
	if err != nil {
		return err
	}
	for _, a := range b.info.Assumptions {
		if err := t.add([]any{text(a.Label), text(a.Value), text(a.Source)}); err != nil {
			return err
		}
	}
	return t.close()
}

// contentsSheet writes the first sheet: the scenario and settings, then
// what each sheet holds, with a link to it.
func (b *book) contentsSheet() error {
	f, c := b.f, b.c
	r := c.Options[0]
	s := c.Settings
	if err := f.SetSheetName("Sheet1", ContentsSheet); err != nil {
		return err
	}
	mode := "Monte Carlo"
	if s.Deterministic {
		mode = "expected values (deterministic): one run, no ranges"
	}
	suppress := "no"
	if b.info.Suppress {
		suppress = "yes: counts of people from 1 to 4, and leaver rates derived from them, are shown as " + sim.SuppressMark
	}
	facts := [][2]string{
		{"scenario", r.Model.Name},
		{"source", b.info.Source},
		{"options", strings.Join(c.Titles, "; ")},
		{"dates", r.Dates[0].String() + " to " + r.Dates[len(r.Dates)-1].String()},
		{"runs", fmt.Sprint(s.Runs)},
		{"seed", fmt.Sprint(s.Seed)},
		{"mode", mode},
		{"interval", b.intervalWords()},
		{"small counts suppressed", suppress},
		{"written by", "ahpsim " + b.info.ToolVersion},
	}
	if c.Compare.HasTarget {
		facts = append(facts, [2]string{"target vacancy rate", pct(c.Compare.Target)})
	}
	row := 1
	set := func(col int, v string, style int) error {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.SetCellStr(ContentsSheet, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(ContentsSheet, cell, cell, style)
	}
	if err := set(1, "ahpsim results", b.header); err != nil {
		return err
	}
	for _, fact := range facts {
		row++
		if err := set(1, fact[0], b.header); err != nil {
			return err
		}
		if err := set(2, fact[1], 0); err != nil {
			return err
		}
	}
	row += 2
	if err := set(1, "sheet", b.header); err != nil {
		return err
	}
	if err := set(2, "what it holds", b.header); err != nil {
		return err
	}
	for _, sh := range b.sheets {
		row++
		if err := set(1, sh.name, 0); err != nil {
			return err
		}
		if err := set(2, sh.what, 0); err != nil {
			return err
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetCellHyperLink(ContentsSheet, cell, "'"+sh.name+"'!A1", "Location"); err != nil {
			return err
		}
	}
	for _, sh := range b.absent {
		row++
		if err := set(1, sh.name, 0); err != nil {
			return err
		}
		if err := set(2, sh.what, 0); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(ContentsSheet, "A", "A", 24); err != nil {
		return err
	}
	if err := f.SetColWidth(ContentsSheet, "B", "B", 110); err != nil {
		return err
	}
	return f.SetPanes(ContentsSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
