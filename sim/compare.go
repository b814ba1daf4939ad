package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// Option is one variant of a model, e.g. the baseline or "10 international
// OTs". Options compared together must share a layout and time axis, and
// the parameters they share must come first in each one's Params, in the
// same order (package scenario builds options that way), so that run i of
// every option draws the same random numbers for the same events.
type Option struct {
	Name, Description string
	// Title is how a reader sees the option ("Band 6 retention premium");
	// empty means Name.
	Title string
	Model *workforce.Model
}

// CompareSettings are the settings of a comparison beyond Settings.
type CompareSettings struct {
	// Target is a vacancy rate to reach (e.g. 0.10), used when HasTarget is
	// set: the first month the median vacancy rate is below it, and the
	// probability of being below it.
	Target    float64
	HasTarget bool
}

// Pair is a comparison of option Option against option Reference: every
// paired statistic is of Option's value minus Reference's, run by run.
type Pair struct{ Option, Reference int }

// Paired metrics, in PairMetrics order.
var PairMetrics = []Metric{
	{Name: "vacancy_rate_diff", Kind: Stock, Resolution: 1e-6, Unit: "fraction"},
	{Name: "vacancies_fte_diff", Kind: Stock, Resolution: 1e-4, Unit: "FTE"},
	{Name: "vacancy_fte_years_diff", Kind: Stock, Resolution: 1e-4, Unit: "FTE-years"},
	{Name: "cost_cumulative_total_diff", Kind: Stock, Resolution: 0.01, Unit: "GBP"},
	// prob_better is the share of runs in which the option's vacancy rate
	// is lower than the reference's.
	{Name: "prob_better", Kind: Stock, Resolution: 1, Unit: "probability"},
}

const (
	pmVacancyRate = iota
	pmVacancies
	pmVacancyYears
	pmCost
	pmBetter
	numPairMetrics
)

// Comparison is the result of running several options on common random
// numbers.
type Comparison struct {
	Settings Settings
	Compare  CompareSettings
	Options  []*Result // one per option, as Run would give
	Names    []string
	Descs    []string
	// Titles are the options' titles for readers (Option.Title, or the
	// name when it has none).
	Titles []string
	Pairs  []Pair
	// PairTable holds one series per (pair, date, group, paired metric); see PairSeries.
	PairTable *summary.Table
	// Trace holds, per option, the whole system's vacancy rate at the start
	// and after every step (TraceMonths), for month-by-month statistics.
	Trace       []*summary.Table
	TraceMonths []workforce.Month
	// BelowTarget holds, per option, one series per (date, group): 1 when
	// the vacancy rate is below the target, else 0 (with a target only).
	BelowTarget []*summary.Table
	// Caps holds, per option, what was asked and what happened at each
	// place a lever can be cut short (see CapWarnings).
	Caps     []*summary.Table
	capSites [][]capSite
	// Money holds, per option, its costs by financial year and their
	// totals, run by run (see CostsByYear and CostTotals); tables without
	// series when no option has costs.
	Money    []*summary.Table
	hasCosts bool
	Wall     time.Duration
	Warnings []string
	// merged records the shards merged by MergeBinary, of mergedShards.
	merged       map[int64]bool
	mergedShards int64
}

// PairSeries returns the index in PairTable of a pair, date, group and
// paired metric, which must be in range; Paired checks them.
func (c *Comparison) PairSeries(pair, date, group, metric int) int {
	r := c.Options[0]
	return ((pair*len(r.Dates)+date)*r.Slots+r.Groups[group].Slot)*numPairMetrics + metric
}

// BelowTargetStats returns, for option i at date d and group g, the share
// of runs below the target (the mean of the 0/1 values). The Stats are
// undefined without a target, and for indices out of range.
func (c *Comparison) BelowTargetStats(i, d, g int) summary.Stats {
	r := c.Options[0]
	if !c.Compare.HasTarget || uint(i) >= uint(len(c.BelowTarget)) || !r.inRange(d, g, 0) {
		return summary.Stats{}
	}
	return c.BelowTarget[i].Stats(d*r.Slots + r.Groups[g].Slot)
}

// PairIndex returns the index of the pair (option, reference), or -1.
func (c *Comparison) PairIndex(option, reference int) int {
	for i, p := range c.Pairs {
		if p.Option == option && p.Reference == reference {
			return i
		}
	}
	return -1
}

// Compare runs every option Settings.Runs times on common random numbers
// and summarises each option and every pair of options. Run i of every
// option uses the random streams of run i, so differences between options
// are differences in policy, not in luck: an option identical to the
// baseline differs by exactly zero in every run.
//
// When ctx ends the job early, Compare returns the runs completed so far
// with an error that wraps both ErrCancelled and ctx.Err(), so that
// errors.Is(err, context.Canceled) or context.DeadlineExceeded holds.
// Workers take runs in order and finish the run they are in, so the runs
// completed are always the first k of the shard (k =
// Options[0].Table.Runs(), possibly 0): without shards, runs 0 to k-1,
// and the summaries are exactly those of Compare with Settings.Runs = k
// (Settings still says the runs asked for). A cancelled shard's partial
// result holds fewer runs than its shard, so MergeBinary refuses it.
func Compare(ctx context.Context, opts []Option, s Settings, cs CompareSettings) (*Comparison, error) {
	c, err := NewComparison(opts, s, cs)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	s = c.Settings
	workers := make([]*Comparison, s.Workers)
	scaled := make([]int, s.Workers)
	failed := make([]*runError, s.Workers)
	// A run that fails stops the others (they finish the run they are in).
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for w := range s.Workers {
		// Worker 0 adds its runs to c's own (empty) tables, so that only
		// the other workers' tables are allocated and merged: one table
		// set and one merge fewer (exact either way, see merge). Every
		// worker adds to the options' result tables, the largest, directly
		// (workerCopy).
		workers[w] = c
		if w > 0 {
			workers[w] = c.workerCopy()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			scaled[w], failed[w] = workers[w].work(wctx, opts, &next, &done)
			if failed[w] != nil {
				stop()
			}
		}()
	}
	waitWithProgress(&wg, &done, s)
	if err := firstRunError(failed); err != nil {
		return nil, err
	}
	// Merging in worker order is not needed for exactness (the sums are
	// integers), but keeps the work deterministic.
	for _, w := range workers[1:] {
		if err := c.merge(w, s.Workers); err != nil {
			return nil, err
		}
	}
	over := 0
	for _, n := range scaled {
		over += n
	}
	if over > 0 {
		c.Warnings = append(c.Warnings, fmt.Sprintf("in %d runs the drawn annual exit rates of some cell summed above 1 and were scaled down to 1", over))
	}
	if s.Shards <= 1 {
		// A shard's caps are partial: merging the shards words them.
		c.Warnings = append(c.Warnings, c.CapWarnings()...)
	}
	c.Wall = time.Since(start)
	for _, r := range c.Options {
		r.Wall, r.Warnings = c.Wall, c.Warnings
	}
	if err := ctx.Err(); err != nil {
		return c, fmt.Errorf("%w after %d of %d runs: %w", ErrCancelled, done.Load(), s.shardRuns(), err)
	}
	return c, nil
}

// NewComparison checks that options can be compared and returns an empty
// comparison, to be filled by Compare or by merging partial results.
func NewComparison(opts []Option, s Settings, cs CompareSettings) (*Comparison, error) {
	if len(opts) == 0 {
		return nil, errors.New("sim: no options to run")
	}
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	models := make([]*workforce.Model, len(opts))
	for i, o := range opts {
		if o.Model == nil {
			return nil, fmt.Errorf("sim: option %q has no model", o.Name)
		}
		if err := o.Model.Validate(); err != nil {
			return nil, fmt.Errorf("option %q: %w", o.Name, err)
		}
		models[i] = o.Model
	}
	if err := comparable(opts); err != nil {
		return nil, err
	}
	s = s.withDefaults()
	if err := s.check(); err != nil {
		return nil, err
	}
	if cs.HasTarget && !(cs.Target > -1 && cs.Target < 1) {
		return nil, fmt.Errorf("sim: vacancy-rate target %v (want between -1 and 1)", cs.Target)
	}
	c := &Comparison{Settings: s, Compare: cs, hasCosts: slices.ContainsFunc(models, usesCosts)}
	list, err := selectMetrics(metrics(models, s.Deterministic), s.Report, len(opts) > 1 || cs.HasTarget)
	if err != nil {
		return nil, err
	}
	for i, o := range opts {
		plan, err := newReportPlan(o.Model, s.Report, list)
		if err != nil {
			return nil, err
		}
		c.Names = append(c.Names, o.Name)
		c.Descs = append(c.Descs, o.Description)
		title := o.Title
		if title == "" {
			title = o.Name
		}
		c.Titles = append(c.Titles, title)
		c.Options = append(c.Options, newSelectedResult(o.Model, s, plan))
		sites, _ := capSites(o.Model)
		c.capSites = append(c.capSites, sites)
		for r := range i {
			c.Pairs = append(c.Pairs, Pair{Option: i, Reference: r})
		}
	}
	m := opts[0].Model
	for t := 0; t <= m.Steps; t++ {
		c.TraceMonths = append(c.TraceMonths, m.Start+workforce.Month(t*m.StepMonths))
	}
	return c.empty(), nil
}

// comparable checks that options share what common random numbers need.
func comparable(opts []Option) error {
	base := opts[0].Model
	for _, o := range opts[1:] {
		m := o.Model
		switch {
		case !slices.Equal(m.Layout.Cells, base.Layout.Cells) ||
			!slices.Equal(m.Layout.Organisations, base.Layout.Organisations) ||
			!slices.Equal(m.Layout.Professions, base.Layout.Professions):
			return fmt.Errorf("sim: option %q has different cells from option %q; options must share one layout", o.Name, opts[0].Name)
		case m.Start != base.Start || m.StepMonths != base.StepMonths || m.Steps != base.Steps || m.ReportEvery != base.ReportEvery:
			return fmt.Errorf("sim: option %q has a different time axis from option %q", o.Name, opts[0].Name)
		}
		n := min(len(m.Params), len(base.Params))
		if !reflect.DeepEqual(m.Params[:n], base.Params[:n]) {
			return fmt.Errorf("sim: option %q's parameters do not start with option %q's; common random numbers need shared parameters first", o.Name, opts[0].Name)
		}
	}
	return nil
}

// empty returns a copy of c's shape with fresh, empty tables.
func (c *Comparison) empty() *Comparison {
	e := *c
	e.Options = nil
	for _, r := range c.Options {
		rc := *r
		rc.Table = summary.NewTable(resolutions(r.Dates, r.Slots, r.Metrics))
		e.Options = append(e.Options, &rc)
	}
	r := c.Options[0]
	res := make([]float64, 0, len(c.Pairs)*len(r.Dates)*r.Slots*numPairMetrics)
	for range len(c.Pairs) * len(r.Dates) * r.Slots {
		for _, m := range PairMetrics {
			res = append(res, m.Resolution)
		}
	}
	e.PairTable = summary.NewTable(res)
	e.Trace, e.BelowTarget, e.Caps, e.Money = nil, nil, nil, nil
	for i := range c.Options {
		e.Caps = append(e.Caps, newCapTable(len(c.capSites[i])))
		e.Money = append(e.Money, newMoneyTable(c.Options[i].Model, c.hasCosts))
		e.Trace = append(e.Trace, summary.NewTable(slices.Repeat([]float64{1e-6}, len(c.TraceMonths))))
		if c.Compare.HasTarget {
			e.BelowTarget = append(e.BelowTarget, summary.NewTable(slices.Repeat([]float64{1}, len(r.Dates)*r.Slots)))
		}
	}
	return &e
}

// workerCopy returns a copy of c's shape for another worker: fresh, empty
// tables, except the options' result tables, which it shares with c. The
// workers add to those through Stagers, so that their histograms are
// filled once, not once per worker, and are not merged (merge leaves them
// out). Results are the same (sim/summary's Stager).
func (c *Comparison) workerCopy() *Comparison {
	w := c.empty()
	for i, r := range w.Options {
		r.Table = c.Options[i].Table
	}
	return w
}

// work runs the runs it takes from next (in this shard) for every option
// and adds them to c's tables. It returns the number of runs whose exit
// rates were scaled, and the error of the run it stopped at, if any.
func (c *Comparison) work(ctx context.Context, opts []Option, next, done *atomic.Int64) (scaled int, failed *runError) {
	stagers := make([]*summary.Stager, len(c.Options))
	for i, r := range c.Options {
		stagers[i] = r.Table.NewStager()
	}
	scaled, failed = c.workOn(ctx, opts, stagers, next, done)
	for _, st := range stagers {
		// Only a count beyond summary.MaxCount fails here, never a value
		// (AddRun checked those); it sorts after every run's error.
		if err := st.Flush(); err != nil && failed == nil {
			failed = &runError{c.Settings.Runs, err}
		}
	}
	return scaled, failed
}

// workOn is work, adding the runs' results through stagers.
func (c *Comparison) workOn(ctx context.Context, opts []Option, stagers []*summary.Stager, next, done *atomic.Int64) (scaled int, failed *runError) {
	s := c.Settings
	list := c.Options[0].Metrics
	engines := make([]*engine, len(opts))
	values := make([][]float64, len(opts))
	traces := make([][]float64, len(opts))
	below := make([]float64, len(c.Options[0].Dates)*c.Options[0].Slots)
	pairValues := make([]float64, c.PairTable.Len())
	for i, o := range opts {
		engines[i] = newEngine(o.Model, s.Deterministic, list)
		engines[i].useReport(c.Options[i].plan)
		if c.hasCosts {
			engines[i].money = newMoneyState(o.Model)
		}
		values[i] = make([]float64, c.Options[i].Table.Len())
		traces[i] = make([]float64, len(c.TraceMonths))
	}
	for ctx.Err() == nil {
		k := int(next.Add(1)) - 1
		run := k*s.Shards + s.Shard
		if run >= s.Runs {
			return scaled, nil
		}
		fail := func(err error, table, option int) (int, *runError) {
			return scaled, &runError{run, c.summaryError(err, table, option, run, values[option])}
		}
		for i := range opts {
			engines[i].money.reset()
			if engines[i].simulate(s.Seed, run, values[i], traces[i]) {
				scaled++
			}
			if err := stagers[i].AddRun(values[i]); err != nil {
				return fail(err, tableResult, i)
			}
			// After the result, whose errors name the metric, group and date.
			if c.hasCosts {
				if err := c.addMoney(engines, i); err != nil {
					return fail(err, tableMoney, i)
				}
			}
			if len(engines[i].caps) > 0 {
				if err := c.Caps[i].AddRun(engines[i].caps); err != nil {
					return fail(err, tableCaps, i)
				}
			}
			if err := c.Trace[i].AddRun(traces[i]); err != nil {
				return fail(err, tableTrace, i)
			}
			if c.Compare.HasTarget {
				c.belowTarget(values[i], below)
				if err := c.BelowTarget[i].AddRun(below); err != nil {
					return fail(err, tableBelow, i)
				}
			}
		}
		if len(c.Pairs) > 0 {
			c.pairDiffs(values, pairValues)
			if err := c.PairTable.AddRun(pairValues); err != nil {
				return fail(err, tablePairs, 0)
			}
		}
		done.Add(1)
	}
	return scaled, nil
}

// belowTarget writes 1 where the vacancy rate is below the target, 0 where
// it is not, and NaN where it is undefined.
func (c *Comparison) belowTarget(values, out []float64) {
	r := c.Options[0]
	vr := r.MetricIndex(string(VacancyRate))
	for d := range r.Dates {
		for g, grp := range r.Groups {
			v := values[r.Series(d, g, vr)]
			i := d*r.Slots + grp.Slot
			switch {
			case math.IsNaN(v):
				out[i] = math.NaN()
			case v < c.Compare.Target:
				out[i] = 1
			default:
				out[i] = 0
			}
		}
	}
}

// pairDiffs writes the paired differences of one run.
func (c *Comparison) pairDiffs(values [][]float64, out []float64) {
	r := c.Options[0]
	idx := [numPairMetrics]int{
		pmVacancyRate:  r.MetricIndex(string(VacancyRate)),
		pmVacancies:    r.MetricIndex(string(VacanciesFTE)),
		pmVacancyYears: r.MetricIndex(string(VacancyFTEYears)),
		pmCost:         r.MetricIndex(string(CostCumulativeTotal)),
		pmBetter:       r.MetricIndex(string(VacancyRate)),
	}
	for p, pair := range c.Pairs {
		a, b := values[pair.Option], values[pair.Reference]
		for d := range r.Dates {
			for g := range r.Groups {
				for pm := range numPairMetrics {
					i := c.PairSeries(p, d, g, pm)
					if idx[pm] < 0 {
						out[i] = 0 // no costs in any option
						continue
					}
					s := r.Series(d, g, idx[pm])
					diff := a[s] - b[s]
					if pm == pmBetter && !math.IsNaN(diff) {
						diff = 0
						if a[s] < b[s] {
							diff = 1
						}
					}
					out[i] = diff
				}
			}
		}
	}
}

// merge adds another worker's comparison of the same options (see
// workerCopy) into c, in up to `workers` goroutines. The result tables,
// which the workers share, are already complete.
func (c *Comparison) merge(o *Comparison, workers int) error {
	if len(o.Options) != len(c.Options) || len(o.Pairs) != len(c.Pairs) {
		return errors.New("sim: merging comparisons of different options")
	}
	for i := range c.Options {
		if o.Options[i].Table != c.Options[i].Table {
			return errors.New("sim: merging a worker that does not share the result tables")
		}
		if err := c.Trace[i].MergeParallel(o.Trace[i], workers); err != nil {
			return err
		}
		if c.Compare.HasTarget {
			if err := c.BelowTarget[i].MergeParallel(o.BelowTarget[i], workers); err != nil {
				return err
			}
		}
		if err := c.Caps[i].MergeParallel(o.Caps[i], workers); err != nil {
			return err
		}
		if err := c.Money[i].Merge(o.Money[i]); err != nil {
			return err
		}
	}
	return c.PairTable.MergeParallel(o.PairTable, workers)
}

// tables lists every table of the comparison in a fixed order.
func (c *Comparison) tables() []*summary.Table {
	var ts []*summary.Table
	for i := range c.Options {
		ts = append(ts, c.Options[i].Table, c.Trace[i])
		if c.Compare.HasTarget {
			ts = append(ts, c.BelowTarget[i])
		}
	}
	ts = append(ts, c.PairTable)
	// The cap tables come last, and only where there are cap sites, so
	// that partial results of models without any are as before.
	for _, t := range c.Caps {
		if t.Len() > 0 {
			ts = append(ts, t)
		}
	}
	// The money tables likewise, only where an option has costs.
	for _, t := range c.Money {
		if t.Len() > 0 {
			ts = append(ts, t)
		}
	}
	return ts
}

// FirstMonthMedianBelow returns the first month in which option i's median
// whole-system vacancy rate is below the target, and false if it never is.
func (c *Comparison) FirstMonthMedianBelow(i int) (workforce.Month, bool) {
	for t, month := range c.TraceMonths {
		st := c.Trace[i].Stats(t)
		if st.Defined() && st.P50 < c.Compare.Target {
			return month, true
		}
	}
	return 0, false
}

// CostPerVacancyYearAvoided is, for pair p and group g at the horizon, the
// mean incremental cost over the mean vacancy FTE-years avoided (the
// reference's minus the option's). It reports false when nothing is
// avoided, and for a pair or group out of range.
func (c *Comparison) CostPerVacancyYearAvoided(p, g int) (float64, bool) {
	last := len(c.Options[0].Dates) - 1
	if uint(p) >= uint(len(c.Pairs)) || !c.Options[0].inRange(last, g, 0) {
		return 0, false
	}
	cost := c.PairTable.Stats(c.PairSeries(p, last, g, pmCost))
	years := c.PairTable.Stats(c.PairSeries(p, last, g, pmVacancyYears))
	if !cost.Defined() || !years.Defined() || years.Mean >= 0 {
		return 0, false
	}
	return cost.Mean / -years.Mean, true
}
