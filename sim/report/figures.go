package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/chart"
	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// Figure is one chart of a comparison, built and checked, ready to render.
type Figure struct {
	// Name is the file name without extension, e.g. "vacancy_rate_all".
	Name string
	// Title is the chart's title; Caption says in a sentence or two how to
	// read it.
	Title, Caption string
	// Alt is the chart's text alternative: what it shows, in words and
	// numbers, for a reader who cannot see it.
	Alt string
	// Group names the small multiple a figure is a panel of (one panel per
	// option); panels of one group are laid out together. Empty for a
	// chart that stands alone.
	Group string
	// render draws the chart. The plot it closes over is built once by
	// Figures (which is where bad data is reported); this package never
	// names gonum/plot's types, so that only sim/chart imports it.
	render func(format string, w io.Writer) error
}

// Render writes the figure as "png" or "svg" (see chart.Render).
func (f Figure) Render(format string, w io.Writer) error {
	if f.render == nil {
		return fmt.Errorf("report: figure %q was not made by Figures", f.Name)
	}
	if err := f.render(format, w); err != nil {
		return fmt.Errorf("report: figure %s: %w", f.Name, err)
	}
	return nil
}

// WriteFigures renders every figure of c as PNG and SVG into
// files["plots/NAME.png"] and files["plots/NAME.svg"].
func WriteFigures(c *sim.Comparison, files map[string][]byte) error {
	return WriteFiguresWith(c, files, Options{})
}

// Options are the choices of the figures and the report.
type Options struct {
	// Suppress leaves out of the charts each mean count of people from 1
	// to 4 (sim.SmallCount), by the NHS disclosure convention.
	Suppress bool
	// Interval is the share of runs in every range shown (0.8 or 0.9: the
	// 10th to 90th or the 5th to 95th percentile); 0 means DefaultInterval.
	Interval float64
}

// DefaultInterval is the share of runs in a range when Options gives none.
const DefaultInterval = 0.9

// WriteFiguresWith is WriteFigures with options.
func WriteFiguresWith(c *sim.Comparison, files map[string][]byte, o Options) error {
	figs, err := FiguresWith(c, o)
	if err != nil {
		return err
	}
	for _, f := range figs {
		for _, format := range []string{"png", "svg"} {
			var buf bytes.Buffer
			if err := f.Render(format, &buf); err != nil {
				return err
			}
			files["plots/"+f.Name+"."+format] = buf.Bytes()
		}
	}
	return nil
}

// Figures returns every chart of c, in the order the package documentation
// lists them.
func Figures(c *sim.Comparison) ([]Figure, error) { return FiguresWith(c, Options{}) }

// FiguresWith is Figures with options.
func FiguresWith(c *sim.Comparison, o Options) ([]Figure, error) {
	if err := check(c); err != nil {
		return nil, err
	}
	v := newView(c)
	v.suppress = o.Suppress
	var figs []Figure
	var errs []error
	add := func(f Figure, ok bool, err error) {
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("report: figure %s: %w", f.Name, err))
		case ok:
			figs = append(figs, f)
		}
	}
	add(v.systemFan())
	if len(c.Options) > 1 {
		add(v.differenceChart())
		add(v.costChart())
	}
	for p := range v.layout.Professions {
		add(v.professionFan(p))
	}
	for i := range c.Options {
		add(v.stackedByBand(i))
	}
	for i := range c.Options {
		add(v.joinersLeavers(i))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	// A custom role's key could repeat another chart's name (a role keyed
	// "difference"); the later chart gets a suffix rather than overwrite.
	names := make([]string, len(figs))
	for i, f := range figs {
		names[i] = f.Name
	}
	for i, n := range uniqueNames(names, func(s string) string { return s }) {
		figs[i].Name = n
	}
	return figs, nil
}

// check rejects a comparison this package cannot read.
func check(c *sim.Comparison) error {
	switch {
	case c == nil:
		return errors.New("report: nil comparison")
	case len(c.Options) == 0 || c.Options[0] == nil || c.Options[0].Model == nil:
		return errors.New("report: comparison has no options")
	case len(c.Options[0].Dates) == 0 || len(c.TraceMonths) == 0:
		return errors.New("report: comparison has no reported dates")
	case len(c.Options) > 1 && c.PairTable == nil:
		return errors.New("report: comparison has no paired statistics")
	case len(c.Names) != len(c.Options) || len(c.Descs) != len(c.Options) || len(c.Trace) != len(c.Options):
		return errors.New("report: comparison's names, descriptions or traces do not match its options")
	case c.Compare.HasTarget && len(c.BelowTarget) != len(c.Options):
		return errors.New("report: comparison has a target but no below-target tables")
	}
	for i, r := range c.Options {
		if r == nil || r.Table == nil || c.Trace[i] == nil {
			return fmt.Errorf("report: option %q has no results", c.Names[i])
		}
		if i > 0 && c.PairIndex(i, 0) < 0 {
			return fmt.Errorf("report: comparison has no pair of option %q against the baseline", c.Names[i])
		}
	}
	return nil
}

// view holds what every figure and finding of one comparison needs.
type view struct {
	c       *sim.Comparison
	base    *sim.Result
	layout  *workforce.Layout
	all     int      // whole-system group; -1 if the selection left it out
	last    int      // horizon: last reported date
	names   []string // option names, unique, for legends
	files   []string // option names as file-name suffixes, unique
	scen    string   // scenario name ("" if none)
	horizon workforce.Month
	// suppress hides small counts of people (Options.Suppress).
	suppress bool
}

func newView(c *sim.Comparison) *view {
	r := c.Options[0]
	v := &view{
		c: c, base: r, layout: r.Model.Layout,
		all:  r.GroupIndex("all", "all", "all"),
		last: len(r.Dates) - 1,
		scen: r.Model.Name,
	}
	v.horizon = r.Dates[v.last]
	v.names = uniqueNames(c.Names, func(s string) string { return s })
	v.files = uniqueNames(c.Names, fileName)
	return v
}

// uniqueNames maps names through f and makes the results unique and
// non-empty by appending "_2", "_3", ... in order.
func uniqueNames(names []string, f func(string) string) []string {
	out := make([]string, len(names))
	seen := map[string]bool{}
	for i, n := range names {
		s := f(n)
		if s == "" {
			s = fmt.Sprintf("option_%d", i)
		}
		base := s
		for k := 2; seen[s]; k++ {
			s = fmt.Sprintf("%s_%d", base, k)
		}
		seen[s] = true
		out[i] = s
	}
	return out
}

// fileName keeps lower-case letters, digits, '-' and '_' of a name (scenario
// option names are keys already) and replaces anything else by '_'.
func fileName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// suffix is the file-name suffix of option i's per-option charts: none for
// the baseline, "_NAME" for the others.
func (v *view) suffix(i int) string {
	if i == 0 {
		return ""
	}
	return "_" + v.files[i]
}

// with is "with the baseline" or "with OPTION".
func (v *view) with(i int) string {
	if i == 0 && v.names[0] == "baseline" {
		return "with the baseline"
	}
	return "with " + v.names[i]
}

// about ends a chart title: the scenario for a single option, else the option.
func (v *view) about(i int) string {
	if len(v.c.Options) == 1 {
		if v.scen != "" {
			return ": " + v.scen
		}
		return ""
	}
	return ": " + v.names[i]
}

func months(ms []workforce.Month) []chart.Month {
	out := make([]chart.Month, len(ms))
	for i, m := range ms {
		out[i] = chart.Month(m)
	}
	return out
}

// appendStats appends one date's percentiles to a fan, NaN when undefined.
func appendStats(f *chart.Fan, st summary.Stats) bool {
	if !st.Defined() {
		nan := math.NaN()
		st.P05, st.P25, st.P50, st.P75, st.P95 = nan, nan, nan, nan, nan
	}
	f.P05 = append(f.P05, st.P05)
	f.P25 = append(f.P25, st.P25)
	f.P50 = append(f.P50, st.P50)
	f.P75 = append(f.P75, st.P75)
	f.P95 = append(f.P95, st.P95)
	return st.Defined()
}

const (
	vacancyYLabel = "Vacancy rate (% of funded posts, FTE)"
	fanCaption    = "Each colour is one option. The line is the median of the simulated runs, the darker band the middle 50% of runs and the lighter band the middle 90%."
)

// systemFan is the whole-system vacancy rate after every step, from the
// comparison's trace, so that it shows the month the text names.
func (v *view) systemFan() (Figure, bool, error) {
	f := Figure{Name: "vacancy_rate_all", Title: "Vacancy rate, all professions" + v.about(0)}
	if len(v.c.Options) > 1 && v.scen != "" {
		f.Title = "Vacancy rate, all professions: " + v.scen
	}
	fc := chart.FanChart{Title: f.Title, YLabel: vacancyYLabel, Percent: true}
	for i, tr := range v.c.Trace {
		fan := chart.Fan{Name: v.names[i], Months: months(v.c.TraceMonths)}
		defined := false
		for t := range v.c.TraceMonths {
			if appendStats(&fan, tr.Stats(t)) {
				defined = true
			}
		}
		if defined {
			fc.Fans = append(fc.Fans, fan)
		}
	}
	if len(fc.Fans) == 0 {
		return f, false, nil // no establishment anywhere: no rate to draw
	}
	f.Caption = "The whole system's vacancy rate (vacancies over funded posts) at the start of every step. " + fanCaption
	if len(v.c.Options) == 1 {
		f.Caption = "The whole system's vacancy rate (vacancies over funded posts) at the start of every step. The line is the median of the simulated runs, the darker band the middle 50% of runs and the lighter band the middle 90%."
	}
	if v.c.Compare.HasTarget {
		t := v.c.Compare.Target
		fc.Target = &t
		f.Caption += " The dashed line is the target of " + shortPct(t) + "."
	}
	f.Caption += coinciding(fc.Fans)
	pl, err := fc.Plot()
	return finish(f, err, func(format string, w io.Writer) error { return chart.Render(pl, format, w) })
}

// coinciding says which fans are the same as the first (the baseline's),
// so that a reader who sees one colour knows the others are beneath it.
func coinciding(fans []chart.Fan) string {
	first := fans[0].Name
	if first == "baseline" {
		first = "the baseline"
	}
	var same []string
	for _, f := range fans[1:] {
		if sameFan(fans[0], f) {
			same = append(same, f.Name)
		}
	}
	switch len(same) {
	case 0:
		return ""
	case 1:
		return " " + same[0] + " gives the same results as " + first + " here, so its fan is hidden beneath it."
	}
	return " " + strings.Join(same[:len(same)-1], ", ") + " and " + same[len(same)-1] +
		" give the same results as " + first + " here, so their fans are hidden beneath it."
}

func sameFan(a, b chart.Fan) bool {
	same := func(x, y []float64) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] && !(math.IsNaN(x[i]) && math.IsNaN(y[i])) {
				return false
			}
		}
		return true
	}
	return slices.Equal(a.Months, b.Months) && same(a.P05, b.P05) && same(a.P25, b.P25) &&
		same(a.P50, b.P50) && same(a.P75, b.P75) && same(a.P95, b.P95)
}

// professionFan is one profession's vacancy rate at the reported dates.
func (v *view) professionFan(p int) (Figure, bool, error) {
	prof := v.layout.Professions[p]
	f := Figure{Name: "vacancy_rate_" + fileName(prof.Key), Title: "Vacancy rate, " + prof.Name}
	if v.scen != "" {
		f.Title += ": " + v.scen
	}
	g := v.base.GroupIndex("all", prof.Key, "all")
	vr := v.base.MetricIndex("vacancy_rate")
	if g < 0 || vr < 0 {
		return f, false, nil
	}
	fc := chart.FanChart{Title: f.Title, YLabel: vacancyYLabel, Percent: true}
	for i, r := range v.c.Options {
		fan := chart.Fan{Name: v.names[i], Months: months(r.Dates)}
		defined := false
		for d := range r.Dates {
			if appendStats(&fan, r.Stats(d, g, vr)) {
				defined = true
			}
		}
		if defined {
			fc.Fans = append(fc.Fans, fan)
		}
	}
	if len(fc.Fans) == 0 {
		return f, false, nil
	}
	f.Caption = prof.Name + " vacancy rate, all organisations and bands, at each reported date. "
	if len(v.c.Options) > 1 {
		f.Caption += fanCaption
	} else {
		f.Caption += "The line is the median of the simulated runs, the darker band the middle 50% of runs and the lighter band the middle 90%."
	}
	f.Caption += coinciding(fc.Fans)
	pl, err := fc.Plot()
	return finish(f, err, func(format string, w io.Writer) error { return chart.Render(pl, format, w) })
}

// differenceChart is each option's paired difference in the whole-system
// vacancy rate against the baseline, in percentage points.
func (v *view) differenceChart() (Figure, bool, error) {
	f := Figure{Name: "vacancy_rate_difference", Title: "Change in vacancy rate against the baseline, all professions"}
	lc := chart.LineChart{
		Title:     f.Title,
		YLabel:    "Option minus baseline (percentage points)",
		ZeroLine:  true,
		BandLabel: "Shaded: middle 90% of runs",
	}
	for i := 1; i < len(v.c.Options); i++ {
		p := v.c.PairIndex(i, 0)
		line := chart.Line{Name: v.names[i], Months: months(v.base.Dates)}
		defined := false
		for d := range v.base.Dates {
			st := v.pair(p, d, v.all, "vacancy_rate_diff")
			if !st.Defined() {
				line.Values = append(line.Values, math.NaN())
				line.Lower = append(line.Lower, math.NaN())
				line.Upper = append(line.Upper, math.NaN())
				continue
			}
			defined = true
			line.Values = append(line.Values, 100*st.Mean)
			lo, hi := bracket(st.P05, st.P95, st.Mean)
			line.Lower = append(line.Lower, 100*lo)
			line.Upper = append(line.Upper, 100*hi)
		}
		if defined {
			lc.Lines = append(lc.Lines, line)
		}
	}
	if len(lc.Lines) == 0 {
		return f, false, nil
	}
	f.Caption = "Below zero, the option has a lower whole-system vacancy rate than the baseline. " +
		"Options are compared run by run on the same random numbers; the line is the mean difference and the shaded band holds the middle 90% of the run-by-run differences (5th to 95th percentile)."
	pl, err := lc.Plot()
	return finish(f, err, func(format string, w io.Writer) error { return chart.Render(pl, format, w) })
}

// bracket returns [lo, hi] widened to contain mean: a mean outside the 5th
// to 95th percentiles is possible with very skewed runs or coarse
// percentile bins, and the charts require the interval to contain it.
func bracket(lo, hi, mean float64) (float64, float64) {
	return math.Min(lo, mean), math.Max(hi, mean)
}

// costChart is each option's extra cost against the vacancy FTE-years it
// avoids, by the horizon.
func (v *view) costChart() (Figure, bool, error) {
	f := Figure{Name: "cost_effectiveness",
		Title: "Extra cost against vacancy FTE-years avoided, to " + monthWords(v.horizon)}
	if v.base.MetricIndex("cost_cumulative_total") < 0 {
		return f, false, nil
	}
	sc := chart.ScatterChart{
		Title:  f.Title,
		XLabel: "Vacancy FTE-years avoided compared with the baseline (FTE-years)",
		YLabel: "Extra cost compared with the baseline (£)",
	}
	for i := 1; i < len(v.c.Options); i++ {
		p := v.c.PairIndex(i, 0)
		years := v.pair(p, v.last, v.all, "vacancy_fte_years_diff")
		cost := v.pair(p, v.last, v.all, "cost_cumulative_total_diff")
		if !years.Defined() || !cost.Defined() {
			continue
		}
		pt := chart.Point{Name: v.names[i], X: -years.Mean, Y: cost.Mean}
		xlo, xhi := bracket(-years.P95, -years.P05, pt.X)
		ylo, yhi := bracket(cost.P05, cost.P95, pt.Y)
		if xlo < xhi {
			pt.XErr = [2]float64{xlo, xhi}
		}
		if ylo < yhi {
			pt.YErr = [2]float64{ylo, yhi}
		}
		sc.Points = append(sc.Points, pt)
	}
	if len(sc.Points) == 0 {
		return f, false, nil
	}
	f.Caption = "One point per option: the mean over runs of the vacancy FTE-years it avoids and of what it costs beyond the baseline, both added up from the start to " +
		monthWords(v.horizon) + ". Further right avoids more vacancies; lower costs less. The bars span the middle 90% of the run-by-run differences."
	pl, err := sc.Plot()
	return finish(f, err, func(format string, w io.Writer) error { return chart.Render(pl, format, w) })
}

// stackedByBand is option i's mean staff in post (FTE) by band.
func (v *view) stackedByBand(i int) (Figure, bool, error) {
	r := v.c.Options[i]
	f := Figure{Name: "in_post_by_band" + v.suffix(i), Title: "Staff in post by band, all professions" + v.about(i)}
	mi := r.MetricIndex("in_post_fte")
	if mi < 0 {
		return f, false, nil
	}
	sc := chart.StackedChart{Title: f.Title, YLabel: "Staff in post (FTE, mean over runs)", Months: months(r.Dates)}
	for g, grp := range r.Groups {
		if grp.Org != sim.All || grp.Prof != sim.All || grp.Band == sim.All {
			continue
		}
		layer := chart.Layer{Name: "Band " + workforce.Band(grp.Band).String()}
		for d := range r.Dates {
			st := r.Stats(d, g, mi)
			val := 0.0
			if st.Defined() {
				val = math.Max(0, st.Mean)
			}
			layer.Values = append(layer.Values, val)
		}
		sc.Layers = append(sc.Layers, layer)
	}
	if len(sc.Layers) == 0 {
		return f, false, nil
	}
	f.Caption = "Mean staff in post (FTE) of all organisations and professions, by Agenda for Change band, stacked from the lowest band up"
	if len(v.c.Options) > 1 {
		f.Caption += ", with " + v.names[i]
	}
	f.Caption += "."
	pl, err := sc.Plot()
	return finish(f, err, func(format string, w io.Writer) error { return chart.Render(pl, format, w) })
}

// flowLines are the joiners and leavers drawn, in order, with their
// legend labels; metrics a model does not report are left out.
var flowLines = []struct{ metric, label string }{
	{"joiners_external", "External recruits"},
	{"joiners_graduate", "Graduates"},
	{"joiners_international", "International recruits"},
	{"joiners_return", "Return to practice"},
	{"apprentices_qualified", "Apprentices qualified"},
	{"leavers", "Leavers"},
}

// joinersLeavers is option i's mean joiners by source and leavers per
// reporting interval.
func (v *view) joinersLeavers(i int) (Figure, bool, error) {
	r := v.c.Options[i]
	f := Figure{Name: "joiners_leavers" + v.suffix(i), Title: "Joiners by source and leavers, all professions" + v.about(i)}
	if len(r.Dates) < 2 || v.all < 0 {
		return f, false, nil // flows are over intervals: none without a second date
	}
	lc := chart.LineChart{Title: f.Title, YLabel: "Heads " + v.perInterval() + " (mean over runs)"}
	hidden := false
	for _, fl := range flowLines {
		mi := r.MetricIndex(fl.metric)
		if mi < 0 {
			continue
		}
		line := chart.Line{Name: fl.label, Months: months(r.Dates[1:])}
		for d := 1; d < len(r.Dates); d++ {
			st := r.Stats(d, v.all, mi)
			val := math.NaN()
			if st.Defined() {
				val = st.Mean
			}
			if v.suppress && sim.SmallCount(val) {
				val, hidden = math.NaN(), true
			}
			line.Values = append(line.Values, val)
		}
		lc.Lines = append(lc.Lines, line)
	}
	if len(lc.Lines) == 0 {
		return f, false, nil
	}
	f.Caption = "Mean heads joining the whole system by source, apprentices qualifying into registered posts (who were already staff), and leavers, " +
		v.perInterval() + " up to each date"
	if len(v.c.Options) > 1 {
		f.Caption += ", " + v.with(i)
	}
	f.Caption += "."
	if hidden {
		f.Caption += " Means of 1 to 4 heads are left out (small numbers are suppressed)."
	}
	if n := len(r.Dates); r.Dates[n-1]-r.Dates[n-2] != workforce.Month(v.intervalMonths()) {
		f.Caption += " The last point covers a shorter interval, to the horizon."
	}
	pl, err := lc.Plot()
	return finish(f, err, func(format string, w io.Writer) error { return chart.Render(pl, format, w) })
}

func (v *view) intervalMonths() int {
	m := v.base.Model
	return m.ReportEvery * m.StepMonths
}

// perInterval names the reporting interval: "per 12 months".
func (v *view) perInterval() string {
	if n := v.intervalMonths(); n != 1 {
		return fmt.Sprintf("per %d months", n)
	}
	return "per month"
}

// finish returns f with its renderer, or the error of building its plot.
// Plots are built by Figures, so that bad data is reported there, and
// kept for Render; their type is gonum/plot's, which only the closures
// passed here hold, without naming it.
func finish(f Figure, err error, render func(format string, w io.Writer) error) (Figure, bool, error) {
	if err != nil {
		return f, false, err
	}
	f.render = render
	return f, true, nil
}
