package report

import (
	"fmt"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/chart"
	"github.com/ahpsim/ahpsim/workforce"
)

// table is one table of the page: a caption, a header row and rows whose
// first cell names the row. Every cell naming an option carries the
// option's colour (chart.OptionHex), as in the charts.
type table struct {
	ID, Caption, Note string
	Head              []tcell
	Rows              [][]tcell
	// Wide tables get a smaller type; Stack tables turn into one block per
	// row on a phone.
	Wide bool
}

// tcell is a table cell: its text, a second line (a range) and, for a cell
// naming an option, the option's colour.
type tcell struct {
	Text, Sub, Swatch string
}

const dash = "–"

// optionCell names option i with its colour.
func (w *words) optionCell(i int) tcell {
	t := w.title(i)
	if i == 0 && t == "baseline" {
		t = "Baseline"
	}
	return tcell{Text: t, Swatch: chart.OptionHex(i)}
}

// rangeCell is a median (or mean) with its range below it.
func (w *words) rateCell(i, d, g int) tcell {
	st := w.stat(i, d, g, "vacancy_rate")
	switch {
	case !st.Defined():
		return tcell{Text: dash}
	case w.suppressedRate(i, d, g):
		return tcell{Text: sim.SuppressMark}
	case !w.montecarlo():
		return tcell{Text: pct(st.Mean)}
	}
	return tcell{Text: pct(st.P50), Sub: pct(st.P05) + " to " + pct(st.P95)}
}

// suppressedRate reports whether a rate rests on a small count of staff
// that the report hides.
func (w *words) suppressedRate(i, d, g int) bool {
	if !w.suppress {
		return false
	}
	hc := w.view.stat(i, d, g, "in_post_hc")
	return hc.Defined() && sim.SmallCount(hc.Mean)
}

// vacancyTable is every option's vacancies at the horizon.
func (w *words) vacancyTable() table {
	t := table{ID: "results-vacancies", Caption: "Vacancies in " + monthWords(w.horizon) + ", whole system",
		Head: []tcell{{Text: "Option"}, {Text: "Vacancy rate"}, {Text: "Vacancies (FTE)"}, {Text: "Staff in post (FTE)"}, {Text: "Funded posts (FTE)"}}}
	if w.montecarlo() {
		t.Head[1].Sub = "median, " + w.ofRuns()
		t.Head[2].Sub = "mean, " + w.ofRuns()
		t.Head[3].Sub, t.Head[4].Sub = "mean", "mean"
	}
	if w.c.Compare.HasTarget {
		t.Head = append(t.Head, tcell{Text: "Chance of being below the " + shortPct(w.c.Compare.Target) + " target"})
	}
	for i := range w.c.Options {
		row := []tcell{w.optionCell(i), w.rateCell(i, w.last, w.all)}
		for k, m := range []string{"vacancies_fte", "in_post_fte", "establishment_fte"} {
			st := w.stat(i, w.last, w.all, m)
			c := tcell{Text: dash}
			if st.Defined() {
				c.Text = number(st.Mean, 1)
				if k == 0 && w.montecarlo() {
					c.Sub = number(st.P05, 1) + " to " + number(st.P95, 1)
				}
			}
			row = append(row, c)
		}
		if w.c.Compare.HasTarget {
			c := tcell{Text: dash}
			if st := w.c.BelowTargetStats(i, w.last, w.all); st.Defined() {
				c.Text = prob(st.Mean)
			}
			row = append(row, c)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// moneyTable is every option's costs to the horizon against the
// baseline's, and what they buy.
func (w *words) moneyTable() (table, bool) {
	if w.base.MetricIndex("cost_cumulative_total") < 0 {
		return table{}, false
	}
	t := table{ID: "results-money", Caption: "Costs to " + monthWords(w.horizon) + ", whole system",
		Head: []tcell{{Text: "Option"}, {Text: "Total cost", Sub: "at " + w.priceBase() + " prices, mean"}}}
	multi := len(w.c.Options) > 1
	if multi {
		t.Head = append(t.Head, tcell{Text: "Extra cost against the baseline", Sub: "mean, " + w.ofRuns()},
			tcell{Text: "Vacancy FTE-years avoided", Sub: "mean, " + w.ofRuns()},
			tcell{Text: "Cost per vacancy FTE-year avoided"})
	}
	for i := range w.c.Options {
		row := []tcell{w.optionCell(i), {Text: money(w.stat(i, w.last, w.all, "cost_cumulative_total").Mean)}}
		if multi {
			row = append(row, w.againstBaseline(i)...)
		}
		t.Rows = append(t.Rows, row)
	}
	return t, true
}

// againstBaseline is option i's extra cost, vacancy FTE-years avoided and
// cost per vacancy FTE-year avoided, with ranges.
func (w *words) againstBaseline(i int) []tcell {
	if i == 0 {
		return []tcell{{Text: dash}, {Text: dash}, {Text: dash}}
	}
	p := w.c.PairIndex(i, 0)
	extra := w.pair(p, w.last, w.all, "cost_cumulative_total_diff")
	years := w.pair(p, w.last, w.all, "vacancy_fte_years_diff")
	out := []tcell{{Text: signedMoney(extra.Mean)}, {Text: number(-years.Mean, 1)}, {Text: "none avoided"}}
	if w.montecarlo() {
		lo, hi := bracket(extra.P05, extra.P95, extra.Mean)
		out[0].Sub = signedMoney(lo) + " to " + signedMoney(hi)
		lo, hi = bracket(-years.P95, -years.P05, -years.Mean)
		out[1].Sub = number(lo, 1) + " to " + number(hi, 1)
	}
	if per, ok := w.c.CostPerVacancyYearAvoided(p, w.all); ok {
		out[2].Text = signedMoney(per)
	}
	return out
}

// byTable is the vacancy rate at the horizon of each group in gs (rows
// named by name) for every option (columns).
func (w *words) byTable(id, caption string, gs []int, name func(g int) string) table {
	t := table{ID: id, Caption: caption, Head: []tcell{{}}, Wide: len(w.c.Options) > 4}
	for i := range w.c.Options {
		t.Head = append(t.Head, w.optionCell(i))
	}
	for _, g := range gs {
		row := []tcell{{Text: name(g)}}
		for i := range w.c.Options {
			row = append(row, w.rateCell(i, w.last, g))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// bandTables are the vacancy rate by band (all organisations and
// professions) and, with several organisations, by organisation.
func (w *words) bandTables() []table {
	var bands, orgs []int
	for g, grp := range w.base.Groups {
		switch {
		case grp.Org == sim.All && grp.Prof == sim.All && grp.Band != sim.All:
			bands = append(bands, g)
		case grp.Org != sim.All && grp.Prof == sim.All && grp.Band == sim.All && len(w.layout.Organisations) > 1:
			orgs = append(orgs, g)
		}
	}
	when := monthWords(w.horizon)
	note := "Median"
	if w.montecarlo() {
		note += ", with the middle " + w.ofRuns() + " below it"
	} else {
		note = "Expected values"
	}
	var out []table
	if len(bands) > 0 {
		t := w.byTable("by-band", "Vacancy rate by band in "+when+", all organisations and professions", bands,
			func(g int) string { return "Band " + workforce.Band(w.base.Groups[g].Band).String() })
		t.Head[0].Text, t.Note = "Band", note+"."
		out = append(out, t)
	}
	if len(orgs) > 0 {
		t := w.byTable("by-organisation", "Vacancy rate by organisation in "+when+", all professions and bands", orgs,
			func(g int) string { return w.layout.Organisations[w.base.Groups[g].Org].Name })
		t.Head[0].Text, t.Note = "Organisation", note+"."
		out = append(out, t)
	}
	return out
}

// costTables are each option's costs by NHS financial year: cash, real
// terms and present value (sim.Comparison.CostsByYear), years as rows and
// options as columns, with a total row.
func (w *words) costTables() []table {
	years := make([][]sim.YearCost, len(w.c.Options))
	for i := range w.c.Options {
		years[i] = w.c.CostsByYear(i)
		if len(years[i]) == 0 {
			return nil
		}
	}
	kinds := []struct {
		id, caption string
		get         func(sim.YearCost) float64
	}{
		{"costs-cash", "Cost by financial year, cash (each year's prices)", func(y sim.YearCost) float64 { return y.Cash }},
		{"costs-real", "Cost by financial year, real terms (prices of the first year)", func(y sim.YearCost) float64 { return y.Real }},
		{"costs-pv", "Cost by financial year, present value (discounted to the first year)", func(y sim.YearCost) float64 { return y.PresentValue }},
	}
	var out []table
	for _, k := range kinds {
		t := table{ID: k.id, Caption: k.caption, Head: []tcell{{Text: "Financial year"}}, Wide: len(w.c.Options) > 4}
		for i := range w.c.Options {
			t.Head = append(t.Head, w.optionCell(i))
		}
		totals := make([]float64, len(w.c.Options))
		for y, yc := range years[0] {
			label := yc.Label
			if yc.Months < 12 {
				label += fmt.Sprintf(" (%d months)", yc.Months)
			}
			row := []tcell{{Text: label}}
			for i := range w.c.Options {
				v := 0.0
				if y < len(years[i]) {
					v = k.get(years[i][y])
				}
				totals[i] += v
				row = append(row, tcell{Text: money(v)})
			}
			t.Rows = append(t.Rows, row)
		}
		row := []tcell{{Text: "Total"}}
		for _, v := range totals {
			row = append(row, tcell{Text: money(v)})
		}
		t.Rows = append(t.Rows, row)
		out = append(out, t)
	}
	return out
}

// valueTable is, for each option against the baseline, the saving on
// agency cover, the payback year and the cost per vacancy FTE-year avoided
// beside a year of agency cover for one FTE.
func (w *words) valueTable() (table, bool) {
	if len(w.c.Options) < 2 {
		return table{}, false
	}
	base := w.c.CostsByYear(0)
	if len(base) == 0 {
		return table{}, false
	}
	agencyYear := sim.AgencyYearPerFTE(w.base.Model)
	t := table{ID: "value", Caption: "Value for money against the baseline, to " + monthWords(w.horizon),
		Head: []tcell{{Text: "Option"}, {Text: "Saving on agency cover", Sub: "premium over substantive pay, cash"},
			{Text: "Payback year", Sub: "present value"}, {Text: "Cost per vacancy FTE-year avoided"}}}
	if agencyYear > 0 {
		t.Note = "For comparison, a year of agency cover for one FTE costs " + money(agencyYear) +
			": an option whose cost per vacancy FTE-year avoided is below this costs less than covering the same vacancies with agency staff."
	}
	for i := 1; i < len(w.c.Options); i++ {
		opt := w.c.CostsByYear(i)
		saving := premium(base) - premium(opt)
		row := []tcell{w.optionCell(i), {Text: signedMoney(saving)}, {Text: "not within the horizon"}, {Text: "none avoided"}}
		if premium(base) == 0 && premium(opt) == 0 {
			row[1].Text = "no agency cover costed"
		}
		if y, ok := sim.Payback(base, opt); ok {
			row[2].Text = y
		}
		if per, ok := w.c.CostPerVacancyYearAvoided(w.c.PairIndex(i, 0), w.all); ok {
			row[3].Text = signedMoney(per)
			if agencyYear > 0 {
				row[3].Sub = fmt.Sprintf("%.1f times a year of agency cover", per/agencyYear)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, true
}

// premium is the agency premium over the years: agency cost above the
// substantive cost of the same FTE.
func premium(ys []sim.YearCost) float64 {
	var s float64
	for _, y := range ys {
		s += y.Agency - y.AgencySubstantive
	}
	return s
}
