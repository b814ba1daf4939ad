package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/chart"
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
	// GroupTitle is the heading of the figure's group (the same for every
	// panel of a group; empty without a group). The panels of a group
	// also share their Caption.
	GroupTitle string
	// WidthCm and HeightCm are the size the figure is drawn at (its SVG's
	// viewBox, in points, is this size): 9 cm wide for a panel, 11 cm for
	// a chart standing alone. Its text is sized to read at 11 CSS pixels
	// or more when shown 350 pixels wide.
	WidthCm, HeightCm float64
	// render draws the chart. The plot it closes over is built once by
	// Figures (which is where bad data is reported); this package never
	// names gonum/plot's types, so that only sim/chart imports it.
	render func(format string, w io.Writer) error
	// spec is the chart drawn (a chart.FanChart, LineChart, ...), for tests.
	spec any
	pic  chart.Picture
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
	return WriteGrids(figs, files)
}

// gridColumns is how many panels a row of a grid PNG holds.
const gridColumns = 3

// WriteGrids draws the panels of each group of figs together, three to a
// row, into files["plots/GROUP_panels.png"]: one picture of a small
// multiple to paste into a slide or a paper.
func WriteGrids(figs []Figure, files map[string][]byte) error {
	var order []string
	panels := map[string][]chart.Picture{}
	for _, f := range figs {
		if f.Group == "" {
			continue
		}
		if _, ok := panels[f.Group]; !ok {
			order = append(order, f.Group)
		}
		panels[f.Group] = append(panels[f.Group], f.pic)
	}
	for _, g := range order {
		var buf bytes.Buffer
		if err := chart.RenderGrid(panels[g], gridColumns, "png", &buf); err != nil {
			return fmt.Errorf("report: panels of %s: %w", g, err)
		}
		files["plots/"+g+"_panels.png"] = buf.Bytes()
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
	if o.Interval != 0 && !(o.Interval > 0 && o.Interval < 1) {
		return nil, fmt.Errorf("report: interval %v: want the share of runs in a range, above 0 and below 1 (0.8 or 0.9)", o.Interval)
	}
	v := newView(c)
	v.suppress = o.Suppress
	v.interval = o.Interval
	if v.interval == 0 {
		v.interval = DefaultInterval
	}
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
	for _, f := range v.systemFans() {
		add(f.fig, f.ok, f.err)
	}
	if len(c.Options) > 1 {
		add(v.differenceChart())
		add(v.costChart())
	}
	add(v.byProfession())
	add(v.byBand())
	add(v.byOrganisation())
	for _, f := range v.stackedByBand() {
		add(f.fig, f.ok, f.err)
	}
	for _, f := range v.joinersLeavers() {
		add(f.fig, f.ok, f.err)
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
	names   []string // option names, unique
	titles  []string // option titles, unique, for legends and panels
	files   []string // option names as file-name suffixes, unique
	scen    string   // scenario name ("" if none)
	horizon workforce.Month
	// suppress hides small counts of people (Options.Suppress).
	suppress bool
	// interval is the share of runs in every range the figures show
	// (Options.Interval, or DefaultInterval).
	interval float64
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
	v.titles = v.names
	if len(c.Titles) == len(c.Names) {
		v.titles = uniqueNames(c.Titles, func(s string) string { return s })
	}
	v.interval = DefaultInterval
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

func months(ms []workforce.Month) []chart.Month {
	out := make([]chart.Month, len(ms))
	for i, m := range ms {
		out[i] = chart.Month(m)
	}
	return out
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
// Pictures are built by Figures, so that bad data is reported there, and
// kept for Render.
func finish(f Figure, spec any, pic chart.Picture, err error) (Figure, bool, error) {
	if err != nil {
		return f, false, err
	}
	f.spec, f.pic, f.render = spec, pic, pic.Render
	f.WidthCm, f.HeightCm = pic.WidthCm(), pic.HeightCm()
	return f, true, nil
}

// built is one figure made, skipped (ok false) or failed.
type built struct {
	fig Figure
	ok  bool
	err error
}
