package hindcast

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/chart"
	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// ScoreHeader is the header of the score table WriteScoresCSV writes.
var ScoreHeader = []string{"level", "organisation", "profession", "band", "measure", "months",
	"observed_mean", "coverage_50", "coverage_90", "bias", "mae", "crps"}

// OutputOptions are the choices of a hindcast's published outputs; the
// zero value writes every figure.
type OutputOptions struct {
	// Suppress masks the observations that are small counts of people
	// (sim.SmallCount: 1 to 4): see GroupScore.Suppressed and Figures.
	Suppress bool
}

// Suppressed says whether the score's observation is a small count of
// people (staff in post or leavers whose observed mean is 1 to 4), which
// its observed mean, bias and MAE reveal. Coverage and CRPS do not, and
// the vacancy rate is a rate of FTE, not a count.
func (s GroupScore) Suppressed() bool {
	return (s.Measure == StaffHeads || s.Measure == Leavers) && s.Months > 0 && sim.SmallCount(s.Observed)
}

// WriteScoresCSV writes scores as a table, one line per score in the
// order given; figures that are undefined (no month scored) are blank.
func WriteScoresCSV(w io.Writer, scores []GroupScore) error {
	return WriteScoresCSVWith(w, scores, OutputOptions{})
}

// WriteScoresCSVWith is WriteScoresCSV with options o: with o.Suppress,
// a suppressed score's observed_mean, bias and mae are sim.SuppressMark.
func WriteScoresCSVWith(w io.Writer, scores []GroupScore, o OutputOptions) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ScoreHeader); err != nil {
		return err
	}
	for _, s := range scores {
		line := []string{string(s.Level), s.Org, s.Prof, s.Band, string(s.Measure), fmt.Sprint(s.Months)}
		for _, v := range []float64{s.Observed, s.Cover50, s.Cover90, s.Bias, s.MAE, s.CRPS} {
			line = append(line, history.FormatFigure(v))
		}
		if o.Suppress && s.Suppressed() {
			for _, i := range []int{6, 9, 10} { // observed_mean, bias, mae
				line[i] = sim.SuppressMark
			}
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Figure is one chart of a hindcast.
type Figure struct {
	Name  string // file name without extension: hindcast-PROFESSION
	Title string
	chart chart.FanChart
}

// Render writes the figure as "png" or "svg" (see chart.Render).
func (f Figure) Render(format string, w io.Writer) error {
	p, err := f.chart.Plot()
	if err != nil {
		return fmt.Errorf("hindcast: figure %s: %w", f.Name, err)
	}
	if err := chart.Render(p, format, w); err != nil {
		return fmt.Errorf("hindcast: figure %s: %w", f.Name, err)
	}
	return nil
}

// Figures draws, per profession, the projection's staff in post (heads)
// as a fan (the 5th to 95th and 25th to 75th percentiles of the runs and
// their median), from the table's staff at the end of the month before
// the projection starts (its starting state, when the projection was
// started from t), with the observed staff in post of every month of t
// over it, before the projection's start as well as after. A month where
// a cell of the profession is missing from t is a gap in the line.
func Figures(p *Projection, t *history.Table) ([]Figure, error) {
	return FiguresWith(p, t, OutputOptions{})
}

// suppressedLegend is the observed line's legend when small counts were
// left out of it.
const suppressedLegend = "Observed (counts of 1 to 4 not shown)"

// FiguresWith is Figures with options o: with o.Suppress, observed
// months whose staff in post is a small count are gaps in the observed
// line, and its legend says so when any were. (The fan's starting point
// is the table's staff too: a small count there is left out as well.)
func FiguresWith(p *Projection, t *history.Table, o OutputOptions) ([]Figure, error) {
	hide := func(y float64) bool { return o.Suppress && sim.SmallCount(y) }
	obs := indexRows(t)
	first, last := tableMonths(t)
	var figs []Figure
	for _, g := range p.groups(obs) {
		if g.level != LevelProfession {
			continue
		}
		cells := make([]Cell, len(g.cells))
		for i, c := range g.cells {
			cells[i] = p.Cells[c]
		}
		name := p.Model.Layout.Professions[p.Model.Layout.ProfIndex(g.prof)].Name
		fan := chart.Fan{Name: "Projection from " + p.Months[0].String()}
		// The fan starts from the state it started from, the end of
		// the month before, where every run has the table's staff.
		if y := obs.sum(cells, p.Months[0]-1, history.StaffHeads); !math.IsNaN(y) && !hide(y) {
			fan.Months = append(fan.Months, chart.Month(p.Months[0]-1))
			for _, q := range []*[]float64{&fan.P05, &fan.P25, &fan.P50, &fan.P75, &fan.P95} {
				*q = append(*q, y)
			}
		}
		buf := make([]float64, p.Runs)
		for k, month := range p.Months {
			xs := p.ensemble(g.cells, k, StaffHeads, buf)
			slices.Sort(xs)
			fan.Months = append(fan.Months, chart.Month(month))
			fan.P05 = append(fan.P05, summary.PercentileInc(xs, 0.05))
			fan.P25 = append(fan.P25, summary.PercentileInc(xs, 0.25))
			fan.P50 = append(fan.P50, summary.PercentileInc(xs, 0.50))
			fan.P75 = append(fan.P75, summary.PercentileInc(xs, 0.75))
			fan.P95 = append(fan.P95, summary.PercentileInc(xs, 0.95))
		}
		line := &chart.Line{Name: "Observed"}
		for m := first; m <= last; m++ {
			y := obs.sum(cells, m, history.StaffHeads)
			if hide(y) {
				y, line.Name = math.NaN(), suppressedLegend
			}
			line.Months = append(line.Months, chart.Month(m))
			line.Values = append(line.Values, y)
		}
		title := fmt.Sprintf("Staff in post, %s: hindcast from %s", name, p.Months[0])
		fig := Figure{Name: "hindcast-" + g.prof, Title: title, chart: chart.FanChart{
			Title: title, YLabel: "Staff in post (heads)", Fans: []chart.Fan{fan}, Observed: line}}
		if _, err := fig.chart.Plot(); err != nil {
			return nil, fmt.Errorf("hindcast: figure %s: %w", fig.Name, err)
		}
		figs = append(figs, fig)
	}
	return figs, nil
}

// tableMonths returns the first and last months of t's rows.
func tableMonths(t *history.Table) (first, last workforce.Month) {
	first, last = math.MaxInt32, math.MinInt32
	for _, r := range t.Rows {
		first, last = min(first, r.Month), max(last, r.Month)
	}
	return first, last
}
