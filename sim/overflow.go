package sim

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/ahpsim/ahpsim/sim/summary"
)

// ErrTooLarge is wrapped by the error of a run that meets a value its
// summaries cannot hold (an infinity, or a magnitude beyond 2^53 times the
// metric's resolution: for example 9.0e13 pounds or, in expected-value
// mode, 9.0e9 heads). Scenarios within the documented ranges stay far
// below these limits; a model built in Go, or one stacking many extremes,
// may not, and then the run stops with this error instead of a wrong
// number.
var ErrTooLarge = errors.New("sim: value too large to summarise")

// runError is the error of one run, kept with the run's index so that,
// whichever worker met it first, Compare reports the lowest failing run.
type runError struct {
	run int
	err error
}

// Which table of a Comparison a value was added to.
const (
	tableResult = iota
	tableTrace
	tableBelow
	tablePairs
	tableCaps
	tableMoney
)

// summaryError turns the error of adding option's run (values, for the
// result table) to one of c's tables into a message naming the run, the
// metric, the group of cells (organisation/profession/band, "all" for
// totals) and the date.
func (c *Comparison) summaryError(err error, table, option, run int, values []float64) error {
	var found *summary.ValueError
	if !errors.As(err, &found) {
		return err
	}
	ve := *found // its value may be replaced by a cell's below
	r := c.Options[0]
	var what, unit string
	switch table {
	case tableResult:
		nm := len(r.Metrics)
		mi, rest := ve.Series%nm, ve.Series/nm
		met, d := r.Metrics[mi], rest/r.Slots
		slot := rest % r.Slots
		// Name the smallest group of cells whose value is too large: the
		// first series met is often a total that includes it.
		best := -1
		for g, grp := range r.Groups {
			v := values[r.Series(d, g, mi)]
			if math.IsInf(v, 0) || math.Abs(v) > summary.MaxQuantized*ve.Resolution {
				if best < 0 || len(grp.Cells) < len(r.Groups[best].Cells) {
					best = g
				}
			}
		}
		if best >= 0 {
			slot, ve.Value = r.Groups[best].Slot, values[r.Series(d, best, mi)]
		}
		what = fmt.Sprintf("%s of %s at %v", met.Name, c.slotName(slot), r.Dates[d])
		unit = " " + met.Unit
	case tableTrace:
		what = fmt.Sprintf("the whole system's vacancy_rate in %v", c.TraceMonths[ve.Series])
	case tableCaps:
		what = fmt.Sprintf("record %d of the levers cut short", ve.Series)
	case tableMoney:
		what, unit = c.moneySeriesName(option, ve.Series), " GBP"

	case tableBelow:
		what = fmt.Sprintf("below-target indicator of %s at %v", c.slotName(ve.Series%r.Slots), r.Dates[ve.Series/r.Slots])
	case tablePairs:
		met, rest := PairMetrics[ve.Series%numPairMetrics], ve.Series/numPairMetrics
		slot, rest := rest%r.Slots, rest/r.Slots
		p := c.Pairs[rest/len(r.Dates)]
		what = fmt.Sprintf("%s of option %q against %q for %s at %v", met.Name, c.Names[p.Option], c.Names[p.Reference], c.slotName(slot), r.Dates[rest%len(r.Dates)])
		unit = " " + met.Unit
		return fmt.Errorf("%w: run %d: %s", ErrTooLarge, run, tooLarge(&ve, what, unit))
	}
	return fmt.Errorf("%w: run %d of option %q: %s", ErrTooLarge, run, c.Names[option], tooLarge(&ve, what, unit))
}

// tooLarge says what value was met and what a summary holds.
func tooLarge(ve *summary.ValueError, what, unit string) string {
	limit := summary.MaxQuantized * ve.Resolution
	if math.IsInf(ve.Value, 0) || math.Abs(ve.Value) > limit {
		return fmt.Sprintf("%s is %.6g%s (a summary holds at most ±%.4g%s)", what, ve.Value, unit, limit, unit)
	}
	return fmt.Sprintf("%s: %v", what, ve)
}

// slotName names the cells of a slot as organisation/profession/band
// ("all" for totals), by the most specific group that has the slot (groups
// are listed totals first).
func (c *Comparison) slotName(slot int) string {
	r := c.Options[0]
	for _, g := range slices.Backward(r.Groups) {
		if g.Slot == slot {
			org, prof, band := g.Key(r.Model.Layout)
			return org + "/" + prof + "/" + band
		}
	}
	return fmt.Sprintf("slot %d", slot)
}

// firstRunError returns the error of the lowest failing run, or nil. Runs
// are taken in increasing order and a worker finishes the run it is in, so
// every run below a failing one has been simulated: the error reported
// does not depend on the number of workers.
func firstRunError(failed []*runError) error {
	var first *runError
	for _, f := range failed {
		if f != nil && (first == nil || f.run < first.run) {
			first = f
		}
	}
	if first == nil {
		return nil
	}
	return first.err
}
