package calibrate

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// ReportHeader is the header row of the fit report CSV.
var ReportHeader = []string{"organisation", "profession", "band", "parameter", "exposure", "exposure_unit",
	"count", "raw", "estimate", "lower_90", "upper_90", "pooling", "prior", "assumed", "source"}

// num writes a number rounded for reading; NaN (no figure) is empty.
func num(v float64, dec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return sim.FormatNumber(v, dec)
}

// ReportOptions are the choices of a fit report; the zero value writes
// every figure.
type ReportOptions struct {
	// Suppress writes sim.SuppressMark for the counts of people the NHS
	// disclosure convention does not publish (sim.SmallCount: 1 to 4) and
	// for the raw rates derived from them. The fitted estimates, their
	// intervals and pooling are modelled figures and are kept.
	Suppress bool
}

// smallTeamYears is the exposure, in headcount-years, under which a
// leaver rate comes from a team of fewer than 5: its raw rate is
// suppressed whatever its count, as the rate reveals the team's leavers.
const smallTeamYears = 5

// countsHeads says whether a parameter's Count is a count of people:
// leavers, joiners, promotions. FTE per head counts FTE, and growth has
// no count.
func (p Param) countsHeads() bool {
	return p == LeaverRate || p == MonthlyFill || p == PromotionApply
}

// suppressed says which of an estimate's observed figures o masks: its
// count, and its raw rate.
func (o ReportOptions) suppressed(e Estimate) (count, raw bool) {
	if !o.Suppress || !e.Param.countsHeads() {
		return false, false
	}
	count = sim.SmallCount(e.Count)
	raw = count || (e.Param == LeaverRate && e.Exposure < smallTeamYears)
	return count, raw
}

// masked writes s, or sim.SuppressMark when hide (and s is a figure).
func masked(s string, hide bool) string {
	if hide && s != "" {
		return sim.SuppressMark
	}
	return s
}

// WriteReportCSV writes one row per estimate (ReportHeader): exposures
// and counts to 4 decimals, rates and FTE to 6, pooling to 4.
func (f *Fit) WriteReportCSV(w io.Writer) error { return f.WriteReportCSVWith(w, ReportOptions{}) }

// WriteReportCSVWith is WriteReportCSV with options o.
func (f *Fit) WriteReportCSVWith(w io.Writer, o ReportOptions) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ReportHeader); err != nil {
		return err
	}
	for _, e := range f.Estimates {
		// Text cells are neutralised against spreadsheet formulas (numbers
		// are not: a negative growth must stay a number).
		hideCount, hideRaw := o.suppressed(e)
		row := []string{sim.CSVText(e.Org), sim.CSVText(e.Prof), e.Band.String(), string(e.Param), num(e.Exposure, 4),
			e.Param.ExposureUnit(), masked(num(e.Count, 4), hideCount), masked(num(e.Raw, 6), hideRaw), num(e.Mean, 6), num(e.Lower, 6), num(e.Upper, 6),
			num(e.Pooling, 4), sim.CSVText(e.Prior), strconv.FormatBool(e.Assumed), sim.CSVText(e.Source)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// reportColumns are the summary's columns per profession, and how each
// parameter's figures are written.
var reportColumns = []struct {
	p     Param
	title string
	show  func(float64) string
}{
	{LeaverRate, "leaver rate (annual)", percent(1)},
	{MonthlyFill, "monthly fill", percent(1)},
	{PromotionApply, "promotion (monthly apply)", percent(2)},
	{FTEPerHead, "FTE per head", func(v float64) string { return sim.FormatNumber(v, 2) }},
	{EstablishmentGrowth, "establishment growth (annual)", percent(1)},
}

func percent(dec int) func(float64) string {
	return func(v float64) string {
		s := strconv.FormatFloat(100*v, 'f', dec, 64)
		if strings.Trim(s, "-0.") == "" { // -0.0%: rounding, not a sign
			s = strings.TrimPrefix(s, "-")
		}
		return s + "%"
	}
}

// WriteReport writes the readable summary of a fit, in Markdown: the
// months fitted, per profession each cell's estimates with their 90%
// intervals, the cells that borrowed most from their group, and what was
// assumed.
func (f *Fit) WriteReport(w io.Writer) error { return f.WriteReportWith(w, ReportOptions{}) }

// WriteReportWith is WriteReport with options o.
func (f *Fit) WriteReportWith(w io.Writer, o ReportOptions) error {
	bw := bufio.NewWriter(w)
	source := "history"
	if f.Table != nil && f.Table.Source != "" {
		source = f.Table.Source
	}
	fmt.Fprintf(bw, "# Calibration of %s\n\n", source)
	fmt.Fprintf(bw, "Months fitted: %s to %s (%d months), %s. Each figure is the estimate and its 90%% interval;\n",
		f.From, f.To, int(f.To-f.From)+1, f.cellCount())
	fmt.Fprintf(bw, "`*` marks an assumption (no data in the cell: its group's value). docs/calibration.md gives the equations.\n")
	if o.Suppress {
		fmt.Fprintf(bw, "Small numbers are suppressed: counts of 1 to 4 people, and the raw rates derived from them, are shown as `%s` alone.\n", sim.SuppressMark)
	}
	for _, prof := range f.professions() {
		f.writeProfession(bw, prof)
	}
	f.writeBorrowed(bw, o)
	fmt.Fprintf(bw, "\n## Assumed\n\n")
	if len(f.Notes) == 0 && f.assumedCount() == 0 {
		fmt.Fprintf(bw, "Nothing: every parameter of every cell was fitted from its own data.\n")
	}
	for _, n := range f.Notes {
		fmt.Fprintf(bw, "- %s\n", n)
	}
	if n := f.assumedCount(); n > 0 {
		fmt.Fprintf(bw, "- %d estimates had no data in their cell and take their group's value (marked `*`).\n", n)
	}
	return bw.Flush()
}

func (f *Fit) professions() []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range f.Estimates {
		if !seen[e.Prof] {
			seen[e.Prof] = true
			out = append(out, e.Prof)
		}
	}
	sort.Strings(out)
	return out
}

// cellCount says how many organisations and cells the fit has estimates for.
func (f *Fit) cellCount() string {
	orgs, cells := map[string]bool{}, map[cellKey]bool{}
	for _, e := range f.Estimates {
		orgs[e.Org] = true
		cells[cellKey{e.Org, e.Prof, e.Band}] = true
	}
	return fmt.Sprintf("%d cells in %d organisations", len(cells), len(orgs))
}

func (f *Fit) assumedCount() int {
	n := 0
	for _, e := range f.Estimates {
		if e.Assumed {
			n++
		}
	}
	return n
}

// writeProfession writes a table of the profession's cells: a row per
// organisation and band, a column per parameter fitted.
func (f *Fit) writeProfession(w io.Writer, prof string) {
	type row struct {
		org, band string
		cells     map[Param]Estimate
	}
	var rows []*row
	has := map[Param]bool{}
	for _, e := range f.Estimates {
		if e.Prof != prof {
			continue
		}
		if len(rows) == 0 || rows[len(rows)-1].org != e.Org || rows[len(rows)-1].band != e.Band.String() {
			rows = append(rows, &row{e.Org, e.Band.String(), map[Param]Estimate{}})
		}
		rows[len(rows)-1].cells[e.Param] = e
		has[e.Param] = true
	}
	title := prof
	if p, ok := workforce.LookupProfession(prof); ok {
		title = p.Name
	}
	fmt.Fprintf(w, "\n## %s\n\n| organisation | band |", title)
	sep := "| --- | --- |"
	for _, c := range reportColumns {
		if has[c.p] {
			fmt.Fprintf(w, " %s |", c.title)
			sep += " --- |"
		}
	}
	fmt.Fprintf(w, "\n%s\n", sep)
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %s |", r.org, r.band)
		for _, c := range reportColumns {
			if !has[c.p] {
				continue
			}
			e, ok := r.cells[c.p]
			switch {
			case !ok:
				fmt.Fprintf(w, " |")
			default:
				mark := ""
				if e.Assumed {
					mark = "*"
				}
				fmt.Fprintf(w, " %s%s (%s to %s) |", c.show(e.Mean), mark, c.show(e.Lower), c.show(e.Upper))
			}
		}
		fmt.Fprintln(w)
	}
}

// borrowedShown is how many of the most pooled estimates the summary lists.
const borrowedShown = 10

// writeBorrowed lists the fitted (not assumed) estimates that took most
// from their group's prior.
func (f *Fit) writeBorrowed(w io.Writer, o ReportOptions) {
	var fitted []Estimate
	for _, e := range f.Estimates {
		if !e.Assumed && e.Alpha > 0 {
			fitted = append(fitted, e)
		}
	}
	if len(fitted) == 0 {
		return
	}
	sort.SliceStable(fitted, func(i, j int) bool { return fitted[i].Pooling > fitted[j].Pooling })
	fitted = fitted[:min(len(fitted), borrowedShown)]
	fmt.Fprintf(w, "\n## Cells that borrowed most\n\n")
	fmt.Fprintf(w, "Pooling is the share of the estimate that comes from the group's prior: strength / (strength + exposure).\n\n")
	fmt.Fprintf(w, "| organisation | profession | band | parameter | exposure | count | raw | estimate | pooling |\n")
	fmt.Fprintf(w, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, e := range fitted {
		hideCount, hideRaw := o.suppressed(e)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s %s | %s | %s | %s | %s%% |\n", e.Org, e.Prof, e.Band, e.Param,
			sim.FormatNumber(e.Exposure, 2), e.Param.ExposureUnit(), masked(sim.FormatNumber(e.Count, 2), hideCount),
			masked(num(e.Raw, 4), hideRaw), sim.FormatNumber(e.Mean, 4), strconv.FormatFloat(100*e.Pooling, 'f', 0, 64))
	}
}
