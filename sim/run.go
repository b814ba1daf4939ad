package sim

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// Result is the summary of every run of a model: of the series
// Settings.Report selects (by default every series), so Dates, Groups and
// Metrics list the selected ones only.
type Result struct {
	Model    *workforce.Model
	Settings Settings // as run, with defaults filled in
	Dates    []workforce.Month
	Groups   []Group
	Slots    int // distinct groups (see Group.Slot)
	Metrics  []Metric
	// Table holds one series per (date, group, metric); see Series.
	Table    *summary.Table
	Wall     time.Duration
	Warnings []string
	plan     reportPlan // what the engine computes for Table
}

// Series returns the index in Table of a date, group and metric, which
// must be in range; Stats and At check them.
func (r *Result) Series(date, group, metric int) int {
	return (date*r.Slots+r.Groups[group].Slot)*len(r.Metrics) + metric
}

// Stats returns the summary of one date, group and metric, by index into
// Dates, Groups and Metrics. Indices out of range (such as the -1 of
// MetricIndex or GroupIndex for a name that matches nothing) give
// undefined Stats (Defined is false). At, with the handles of Metric and
// Group, is the checked way to the same numbers.
func (r *Result) Stats(date, group, metric int) summary.Stats {
	if !r.inRange(date, group, metric) {
		return summary.Stats{}
	}
	return r.Table.Stats(r.Series(date, group, metric))
}

// MetricIndex returns the index of a metric by name, or -1. Metric says
// why a name matches nothing, and returns a handle for At.
func (r *Result) MetricIndex(name string) int {
	return slices.IndexFunc(r.Metrics, func(m Metric) bool { return m.Name == name })
}

// GroupIndex returns the index of the group with the given organisation,
// profession and band keys ("all" for totals), or -1. Group, with a
// Selector, says why a selection matches nothing, and returns a handle
// for At.
func (r *Result) GroupIndex(org, prof, band string) int {
	return slices.IndexFunc(r.Groups, func(g Group) bool {
		o, p, b := g.Key(r.Model.Layout)
		return o == org && p == prof && b == band
	})
}

// ErrCancelled is returned (wrapped) when the context ends a run early.
var ErrCancelled = errors.New("sim: run cancelled")

// Run simulates a model Settings.Runs times and summarises the results.
// Runs are spread over Settings.Workers goroutines; run i always uses the
// random streams of run i, and the summaries are exact integer sums, so
// the result is the same for any number of workers. When ctx ends the job
// early, Run returns the runs completed so far and an error, as Compare
// does.
func Run(ctx context.Context, m *workforce.Model, s Settings) (*Result, error) {
	c, err := Compare(ctx, []Option{{Name: "baseline", Model: m}}, s, CompareSettings{})
	if c == nil {
		return nil, err
	}
	return c.Options[0], err
}

// newResult is the empty result of every series of m.
func newResult(m *workforce.Model, s Settings, list []Metric) *Result {
	plan, _ := newReportPlan(m, Selection{}, list) // everything: cannot fail
	return newSelectedResult(m, s, plan)
}

// newSelectedResult is the empty result of the series of plan.
func newSelectedResult(m *workforce.Model, s Settings, plan reportPlan) *Result {
	res := &Result{Model: m, Settings: s, Metrics: plan.metrics, Groups: plan.groups, Slots: plan.slots, plan: plan}
	steps := reportSteps(m)
	for _, d := range plan.dates {
		res.Dates = append(res.Dates, m.Start+workforce.Month(steps[d]*m.StepMonths))
	}
	return res
}

func resolutions(dates []workforce.Month, slots int, list []Metric) []float64 {
	out := make([]float64, 0, len(dates)*slots*len(list))
	for range dates {
		for range slots {
			for _, m := range list {
				out = append(out, m.Resolution)
			}
		}
	}
	return out
}

// progressEvery is how often Settings.Progress is called while runs go on.
const progressEvery = 100 * time.Millisecond

// waitWithProgress waits for the workers, calling s.Progress from this
// goroutine only (so never concurrently with itself): once at the start,
// then every progressEvery while the count of finished runs has grown, and
// once at the end. done only grows, so the calls see it strictly
// increasing; when every run finished, the last call has done == total.
func waitWithProgress(wg *sync.WaitGroup, done *atomic.Int64, s Settings) {
	if s.Progress == nil {
		wg.Wait()
		return
	}
	total, last := s.shardRuns(), 0
	report := func() {
		if n := int(done.Load()); n > last {
			last = n
			s.Progress(n, total)
		}
	}
	// The first call says the job has started, whatever the workers
	// (already running) have finished by now.
	s.Progress(0, total)
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	for {
		select {
		case <-finished:
			report()
			return
		case <-tick.C:
			report()
		}
	}
}
