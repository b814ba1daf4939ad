// Package workbook writes the results of a run or a comparison as one
// Excel workbook (results.xlsx) for planners: a contents sheet, a sheet
// per key metric in wide form (a row per option, group and statistic, a
// column per date), the comparison of each option with the baseline at
// the horizon, the costs by NHS financial year and the assumptions.
// Numbers are numbers with number formats; every text is a string cell,
// so a name such as "=HYPERLINK(...)" is never a formula.
package workbook

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/ahpsim/ahpsim/sim"
)

// Info is what the workbook shows that the comparison does not hold.
type Info struct {
	ToolVersion string // e.g. "0.2.0"
	Source      string // where the scenario was read from
	// Interval is the share of runs between each range's low and high
	// (0.8 or 0.9); 0 means DefaultInterval.
	Interval    float64
	Suppress    bool // hide small counts as summary.csv does (sim.SmallCount)
	Assumptions []Assumption
}

// Assumption is one row of the assumptions sheet.
type Assumption struct{ Label, Value, Source string }

// DefaultInterval is the interval when Info gives none, as the report's.
const DefaultInterval = 0.9

// KeyMetrics are the metrics given a sheet each, those of them the
// result summarises, in this order.
var KeyMetrics = []string{"vacancy_rate", "vacancies_fte", "in_post_fte", "leaver_rate", "agency_fte"}

// The sheets besides the metrics'.
const (
	ContentsSheet    = "Contents"
	ComparisonSheet  = "Comparison"
	CostsSheet       = "Costs by year"
	AssumptionsSheet = "Assumptions"
)

// Write writes the workbook of c to w. The bytes depend only on c and
// info, so the same inputs and seed give the same file.
func Write(w io.Writer, c *sim.Comparison, info Info) error {
	if info.Interval == 0 {
		info.Interval = DefaultInterval
	}
	if !(info.Interval > 0 && info.Interval < 1) {
		return fmt.Errorf("workbook: interval %v: want a share of runs between 0 and 1, e.g. 0.9", info.Interval)
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newSortedZip)
	b := &book{f: f, c: c, info: info}
	if err := b.styles(); err != nil {
		return err
	}
	if err := b.write(); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

// book is a workbook being written.
type book struct {
	f      *excelize.File
	c      *sim.Comparison
	info   Info
	header int
	format map[string]int // unit -> number style
	sheets []sheetNote    // the sheets after Contents, in order
	absent []sheetNote    // the sheets left out, and why
}

type sheetNote struct{ name, what string }

func (b *book) write() error {
	r := b.c.Options[0]
	for _, name := range KeyMetrics {
		if mi := r.MetricIndex(name); mi >= 0 {
			if err := b.metricSheet(mi); err != nil {
				return err
			}
		}
	}
	steps := []func() error{b.comparisonSheet, b.costsSheet, b.assumptionsSheet, b.contentsSheet}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// styles makes the header style and a number style per unit.
func (b *book) styles() error {
	var err error
	if b.header, err = b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return err
	}
	b.format = map[string]int{}
	// In a fixed order, so the style numbers, hence the bytes, are the same
	// every time.
	for _, unit := range slices.Sorted(maps.Keys(numberFormats)) {
		code := numberFormats[unit]
		id, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			return err
		}
		b.format[unit] = id
	}
	return nil
}

// numberFormats are the number formats of the units (sim.Metric.Unit).
var numberFormats = map[string]string{
	"fraction":         "0.0%",
	"probability":      "0.0%",
	"FTE":              `#,##0.0 "FTE"`,
	"FTE-years":        `#,##0.0 "FTE-years"`,
	"heads":            "#,##0",
	"GBP":              "£#,##0",
	"GBP per FTE-year": "£#,##0",
	"months":           "0",
}

// num is a number cell in unit's format, rounded to dec decimal places
// as summary.csv and comparison.csv round it (so the workbook shows their
// numbers, without float noise), or an empty cell for a value that is not
// a number (undefined).
func (b *book) num(v float64, unit string, dec int) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return excelize.Cell{StyleID: b.format[unit], Value: Round(v, dec)}
}

// Round is v as summary.csv writes it with dec decimal places
// (sim.FormatNumber), read back.
func Round(v float64, dec int) float64 {
	r, err := strconv.ParseFloat(sim.FormatNumber(v, dec), 64)
	if err != nil {
		return v
	}
	return r
}

// Decimal places of the figures that are not a metric's: pounds to the
// penny, probabilities as comparison.csv writes them.
const (
	pennies     = 2
	probability = 4
)

// text is a string cell: never a formula, whatever it starts with.
func text(s string) any { return excelize.Cell{Value: s} }

// groups are the indices of the groups shown: each of the result's
// groups but those holding the same staff as one before (with one
// organisation, "all organisations" is that organisation), which would
// repeat its rows.
func groups(r *sim.Result) []int {
	seen := map[int]bool{}
	var out []int
	for g, grp := range r.Groups {
		if !seen[grp.Slot] {
			seen[grp.Slot] = true
			out = append(out, g)
		}
	}
	return out
}

// bounds are the percentiles of the interval's low and high.
func (b *book) bounds() (lo, hi float64) {
	return (1 - b.info.Interval) / 2, (1 + b.info.Interval) / 2
}

// intervalWords describes the interval: "90% of runs, 5th to 95th percentile".
func (b *book) intervalWords() string {
	lo, hi := b.bounds()
	return fmt.Sprintf("%s of runs, %s to %s percentile", pct(b.info.Interval), ordinal(100*lo), ordinal(100*hi))
}

func pct(v float64) string { return sim.FormatNumber(100*v, 1) + "%" }

func ordinal(p float64) string {
	s := sim.FormatNumber(p, 1)
	switch {
	case s == "11" || s == "12" || s == "13":
	case s[len(s)-1] == '1':
		return s + "st"
	case s[len(s)-1] == '2':
		return s + "nd"
	case s[len(s)-1] == '3':
		return s + "rd"
	}
	return s + "th"
}
