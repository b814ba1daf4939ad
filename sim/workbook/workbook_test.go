package workbook_test

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/workbook"
)

// compare runs an example's options (the first k, 0 for all) with the
// default selection.
func compare(t *testing.T, name string, k int, cs sim.CompareSettings) *sim.Comparison {
	t.Helper()
	data, err := examples.Read(name)
	require.NoError(t, err)
	f, err := scenario.Parse(name+".yaml", data)
	require.NoError(t, err)
	opts, err := f.CompileOptions()
	require.NoError(t, err)
	if k > 0 {
		opts = opts[:k]
	}
	s := f.SettingsFor(opts)
	s.Runs, s.Seed, s.Workers = 24, 7, 1
	c, err := sim.Compare(context.Background(), opts, s, cs)
	require.NoError(t, err)
	return c
}

func write(t *testing.T, c *sim.Comparison, info workbook.Info) (*excelize.File, []byte) {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, workbook.Write(&b, c, info))
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f, b.Bytes()
}

// cell reads a cell by column and row numbers.
func cell(t *testing.T, f *excelize.File, sheet string, col, row int) string {
	t.Helper()
	name, err := excelize.CoordinatesToCellName(col, row)
	require.NoError(t, err)
	v, err := f.GetCellValue(sheet, name, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	return v
}

func numFmt(t *testing.T, f *excelize.File, sheet string, col, row int) string {
	t.Helper()
	name, _ := excelize.CoordinatesToCellName(col, row)
	id, err := f.GetCellStyle(sheet, name)
	require.NoError(t, err)
	st, err := f.GetStyle(id)
	require.NoError(t, err)
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

// findRow is the first row of sheet whose first cells are want.
func findRow(t *testing.T, f *excelize.File, sheet string, want ...string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	for i, row := range rows {
		if len(row) >= len(want) && fmt.Sprint(row[:len(want)]) == fmt.Sprint(want) {
			return i + 1
		}
	}
	t.Fatalf("%s has no row %v", sheet, want)
	return 0
}

func number(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, "want a number, got %q", s)
	return v
}

// TestWorkbookOfAComparison reads the workbook of the options example
// back: its sheets, headers, numbers equal to the comparison's own
// statistics, number formats, frozen panes, and the same bytes twice.
func TestWorkbookOfAComparison(t *testing.T) {
	c := compare(t, "bhr-options", 3, sim.CompareSettings{Target: 0.1, HasTarget: true})
	info := workbook.Info{ToolVersion: "test", Source: "examples/bhr-options.yaml", Interval: 0.8,
		Assumptions: []workbook.Assumption{{Label: "Physiotherapist", Value: "120 heads", Source: "scenario"}}}
	f, data := write(t, c, info)
	r := c.Options[0]
	var metricSheets []string
	for _, name := range workbook.KeyMetrics {
		if r.MetricIndex(name) >= 0 {
			metricSheets = append(metricSheets, name)
		}
	}
	require.Contains(t, metricSheets, "vacancy_rate")
	want := append(append([]string{workbook.ContentsSheet}, metricSheets...),
		workbook.ComparisonSheet, workbook.CostsSheet, workbook.AssumptionsSheet)
	assert.Equal(t, want, f.GetSheetList())

	// The vacancy rate sheet: header, the 10th and 90th percentiles and
	// the median of option 1's whole system at the horizon.
	sh := "vacancy_rate"
	last := len(r.Dates) - 1
	assert.Equal(t, []string{"option", "organisation", "profession", "band", "level", "statistic", r.Dates[0].String()},
		[]string{cell(t, f, sh, 1, 1), cell(t, f, sh, 2, 1), cell(t, f, sh, 3, 1), cell(t, f, sh, 4, 1), cell(t, f, sh, 5, 1), cell(t, f, sh, 6, 1), cell(t, f, sh, 7, 1)})
	assert.Equal(t, r.Dates[last].String(), cell(t, f, sh, 7+last, 1))
	o1 := c.Options[1]
	g := o1.GroupIndex("all", "all", "all")
	vr := o1.MetricIndex("vacancy_rate")
	s := o1.Series(last, g, vr)
	for _, st := range []struct {
		name string
		p    float64
	}{{"median", 0.5}, {"low", 0.1}, {"high", 0.9}} {
		row := findRow(t, f, sh, c.Titles[1], "all", "all", "all", "system", st.name)
		assert.Equal(t, workbook.Round(o1.Table.Percentile(s, st.p), 8), number(t, cell(t, f, sh, 7+last, row)), st.name)
		assert.Equal(t, "0.0%", numFmt(t, f, sh, 7+last, row))
	}
	median := findRow(t, f, sh, c.Titles[1], "all", "all", "all", "system", "median")
	assert.Equal(t, workbook.Round(o1.Stats(last, g, vr).P50, 8), number(t, cell(t, f, sh, 7+last, median)), "the median is summary.csv's p50")
	panes, err := f.GetPanes(sh)
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit, "header row frozen")
	assert.Equal(t, 6, panes.XSplit, "label columns frozen")
	width, err := f.GetColWidth(sh, "C")
	require.NoError(t, err)
	assert.Equal(t, 24.0, width)
	if r.MetricIndex("vacancies_fte") >= 0 {
		row := findRow(t, f, "vacancies_fte", c.Titles[0], "all", "all", "all", "system", "median")
		assert.Equal(t, `#,##0.0 "FTE"`, numFmt(t, f, "vacancies_fte", 7, row))
	}

	// The comparison: option 1 against the baseline at the horizon.
	cs := workbook.ComparisonSheet
	assert.Equal(t, "vacancy rate difference (mean)", cell(t, f, cs, 7, 1))
	row := findRow(t, f, cs, c.Titles[1], c.Titles[0], "all", "all", "all", "system")
	p := c.PairIndex(1, 0)
	gid, err := r.Group(sim.Selector{})
	require.NoError(t, err)
	pid, err := c.Pair(c.Names[1], c.Names[0])
	require.NoError(t, err)
	assert.Equal(t, workbook.Round(c.Paired(pid, last, gid, sim.VacancyRateDiff).Mean, 8), number(t, cell(t, f, cs, 7, row)))
	assert.Equal(t, workbook.Round(c.PairTable.Percentile(c.PairSeries(p, last, g, int(sim.CostCumulativeTotalDiff)), 0.9), 4), number(t, cell(t, f, cs, 18, row)))
	assert.Equal(t, "£#,##0", numFmt(t, f, cs, 18, row))
	assert.Equal(t, workbook.Round(c.BelowTargetStats(1, last, g).Mean, 4), number(t, cell(t, f, cs, 20, row)))

	// Costs by financial year, and the assumptions.
	years := c.CostsByYear(1)
	require.NotEmpty(t, years)
	row = findRow(t, f, workbook.CostsSheet, c.Titles[1], years[0].Label)
	assert.Equal(t, workbook.Round(years[0].Cash, 2), number(t, cell(t, f, workbook.CostsSheet, 6, row)))
	assert.Equal(t, "£#,##0", numFmt(t, f, workbook.CostsSheet, 6, row))
	assert.Equal(t, "120 heads", cell(t, f, workbook.AssumptionsSheet, 2, 2))

	// The contents name the interval and every sheet.
	findRow(t, f, workbook.ContentsSheet, "interval", "80% of runs, 10th to 90th percentile")
	findRow(t, f, workbook.ContentsSheet, "seed", "7")
	for _, name := range want[1:] {
		findRow(t, f, workbook.ContentsSheet, name)
	}

	// excelize writes streamed sheets in map order: five writes would
	// almost surely differ without the sorted zip writer.
	for range 4 {
		_, again := write(t, c, info)
		require.Equal(t, data, again, "the same inputs give the same bytes")
	}
}

// TestWorkbookTextIsNeverAFormula gives the scenario and an option names
// a spreadsheet would read as formulas, and checks they come back as
// text cells, with no formula anywhere.
func TestWorkbookTextIsNeverAFormula(t *testing.T) {
	c := compare(t, "bhr-options", 2, sim.CompareSettings{})
	formula := `=HYPERLINK("http://example.com","click")`
	c.Titles[1] = formula
	c.Options[0].Model.Name = "+1-2"
	f, _ := write(t, c, workbook.Info{Source: "@SUM(A1)", Assumptions: []workbook.Assumption{{Label: "-3+4", Value: "=1", Source: "x"}}})
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		require.NoError(t, err)
		for i, row := range rows {
			for j := range row {
				name, _ := excelize.CoordinatesToCellName(j+1, i+1)
				fo, err := f.GetCellFormula(sh, name)
				require.NoError(t, err)
				require.Empty(t, fo, "%s!%s is a formula", sh, name)
			}
		}
	}
	row := findRow(t, f, "vacancy_rate", formula)
	typ, err := f.GetCellType("vacancy_rate", "A"+strconv.Itoa(row))
	require.NoError(t, err)
	assert.NotEqual(t, excelize.CellTypeFormula, typ)
	findRow(t, f, workbook.ContentsSheet, "scenario", "+1-2")
	findRow(t, f, workbook.ContentsSheet, "source", "@SUM(A1)")
	assert.Equal(t, "=1", cell(t, f, workbook.AssumptionsSheet, 2, 2))
}

// TestWorkbookOfARunSuppresses writes one option with suppression: no
// comparison sheet, and every figure of a small count shown as *.
func TestWorkbookOfARunSuppresses(t *testing.T) {
	c := compare(t, "bhr-baseline", 1, sim.CompareSettings{})
	r := c.Options[0]
	f, _ := write(t, c, workbook.Info{Suppress: true})
	assert.NotContains(t, f.GetSheetList(), workbook.ComparisonSheet)
	findRow(t, f, workbook.ContentsSheet, workbook.ComparisonSheet, "not written: one option, nothing to compare it with")
	findRow(t, f, workbook.ContentsSheet, workbook.AssumptionsSheet, "not written: no assumptions were given")
	lr := r.MetricIndex("leaver_rate")
	require.GreaterOrEqual(t, lr, 0)
	rows, err := f.GetRows("leaver_rate")
	require.NoError(t, err)
	hidden, shown := 0, 0
	for _, row := range rows[1:] {
		if row[5] != "median" {
			continue
		}
		g := r.GroupIndex(row[1], row[2], row[3])
		for d := 1; d < len(r.Dates); d++ {
			v := r.Table.Percentile(r.Series(d, g, lr), 0.5)
			if r.Hidden(d, g, lr, v) {
				assert.Equal(t, sim.SuppressMark, row[6+d], "%v %s", row[:4], r.Dates[d])
				hidden++
			} else if 6+d < len(row) && row[6+d] != "" {
				assert.NotEqual(t, sim.SuppressMark, row[6+d])
				shown++
			}
		}
	}
	assert.Positive(t, hidden, "some leaver rates of few staff are hidden")
	assert.Positive(t, shown)
}

// TestWorkbookRefusesABadInterval checks the interval is a share.
func TestWorkbookRefusesABadInterval(t *testing.T) {
	c := compare(t, "bhr-baseline", 1, sim.CompareSettings{})
	err := workbook.Write(&bytes.Buffer{}, c, workbook.Info{Interval: 90})
	require.ErrorContains(t, err, "interval 90")
}
