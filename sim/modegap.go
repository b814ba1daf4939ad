package sim

import (
	"context"
	"math"
	"slices"

	"github.com/ahpsim/ahpsim/workforce"
)

// ModeGap compares, for one option and group at one date, the Monte Carlo
// vacancy rate with the expected-value run of the same model. The model
// is linear in FTE where nothing caps a flow, so the Monte Carlo mean and
// the expected value agree there; where promotion and graduate hiring
// take a minimum (of applicants and posts, of willing graduates and posts)
// or a stock is floored at zero, they differ, and the gap says by how much.
type ModeGap struct {
	Option           string  `json:"option"`
	Date             string  `json:"date"`
	Org              string  `json:"organisation"`
	Profession       string  `json:"profession"`
	Band             string  `json:"band"`
	MonteCarloMean   float64 `json:"monte_carlo_mean"`
	MonteCarloMedian float64 `json:"monte_carlo_median"`
	ExpectedValue    float64 `json:"expected_value"`
	// GapPoints is MonteCarloMean - ExpectedValue, in percentage points.
	GapPoints float64 `json:"gap_points"`
}

// ModeGaps runs every option of a Monte Carlo comparison once in
// expected-value mode and returns the gaps in the vacancy rate of the
// whole system and of each profession, at the last date and five and ten
// years on from the start where those are reported. It returns nothing for
// an expected-value comparison.
func ModeGaps(ctx context.Context, c *Comparison) ([]ModeGap, error) {
	if c.Settings.Deterministic {
		return nil, nil
	}
	// The gaps read only the vacancy rate. Asking for it alone also keeps
	// an option's own metrics out of another option's run: a baseline
	// without costs does not report the costs an option's intervention adds.
	rep := c.Settings.Report
	rep.Metrics = []string{string(VacancyRate)}
	var out []ModeGap
	for i, mc := range c.Options {
		ev, err := Run(ctx, mc.Model, Settings{Deterministic: true, Workers: 1, Report: rep})
		if err != nil {
			return nil, err
		}
		out = append(out, optionGaps(c.Names[i], mc, ev)...)
	}
	return out, nil
}

// optionGaps compares one option's Monte Carlo and expected-value results,
// matching dates, groups and the metric by name, since a selection may
// give the two results different shapes.
func optionGaps(name string, mc, ev *Result) []ModeGap {
	metric, evMetric := mc.MetricIndex(string(VacancyRate)), ev.MetricIndex(string(VacancyRate))
	var out []ModeGap
	for _, d := range gapDates(mc) {
		evDate := slices.Index(ev.Dates, mc.Dates[d])
		for gi, g := range mc.Groups {
			if g.Org != All || g.Band != All {
				continue
			}
			org, prof, band := g.Key(mc.Model.Layout)
			st, det := mc.Stats(d, gi, metric), ev.Stats(evDate, ev.GroupIndex(org, prof, band), evMetric)
			if !st.Defined() || !det.Defined() {
				continue
			}
			out = append(out, ModeGap{Option: name, Date: mc.Dates[d].String(), Org: org, Profession: prof, Band: band,
				MonteCarloMean: roundRate(st.Mean), MonteCarloMedian: roundRate(st.P50), ExpectedValue: roundRate(det.Mean),
				GapPoints: roundPoints(100 * (st.Mean - det.Mean))})
		}
	}
	return out
}

// gapDates lists the dates five and ten years from the start, where
// reported, and the last date.
func gapDates(r *Result) []int {
	var out []int
	for _, years := range []int{5, 10} {
		at := r.Dates[0] + workforce.Month(12*years)
		for d, date := range r.Dates[:len(r.Dates)-1] {
			if date == at {
				out = append(out, d)
			}
		}
	}
	return append(out, len(r.Dates)-1)
}

// roundRate keeps a rate to the resolution the summaries hold it at.
func roundRate(x float64) float64 { return math.Round(1e6*x) / 1e6 }

// roundPoints keeps a gap in points to 0.01, as a planner reads it.
func roundPoints(x float64) float64 { return math.Round(100*x) / 100 }
