package sim

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// Result is the summary of every run of a model.
type Result struct {
	Model    *Model
	Settings Settings // as run, with defaults filled in
	Dates    []workforce.Month
	Groups   []Group
	Metrics  []Metric
	// Table holds one series per (date, group, metric); see Series.
	Table    *summary.Table
	Wall     time.Duration
	Warnings []string
}

// Series returns the index in Table of a date, group and metric.
func (r *Result) Series(date, group, metric int) int {
	return (date*len(r.Groups)+group)*len(r.Metrics) + metric
}

// Stats returns the summary of one date, group and metric.
func (r *Result) Stats(date, group, metric int) summary.Stats {
	return r.Table.Stats(r.Series(date, group, metric))
}

// MetricIndex returns the index of a metric by name, or -1.
func (r *Result) MetricIndex(name string) int {
	for i, m := range r.Metrics {
		if m.Name == name {
			return i
		}
	}
	return -1
}

// GroupIndex returns the index of the group with the given organisation,
// profession and band keys ("all" for totals), or -1.
func (r *Result) GroupIndex(org, prof, band string) int {
	for i, g := range r.Groups {
		o, p, b := g.Key(r.Model.Layout)
		if o == org && p == prof && b == band {
			return i
		}
	}
	return -1
}

// ErrCancelled is returned (wrapped) when the context ends a run early.
var ErrCancelled = errors.New("sim: run cancelled")

// Run simulates a model Settings.Runs times and summarises the results.
// Runs are spread over Settings.Workers goroutines; run i always uses the
// random streams of run i, and the summaries are exact integer sums, so
// the result is the same for any number of workers.
func Run(ctx context.Context, m *Model, s Settings) (*Result, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	s = s.withDefaults()
	if s.Runs < 1 || s.Runs > MaxRuns {
		return nil, fmt.Errorf("sim: %d runs (want 1 to %d)", s.Runs, MaxRuns)
	}
	start := time.Now()
	res := newResult(m, s)
	tables := make([]*summary.Table, s.Workers)
	warnings := make([]int, s.Workers) // runs whose drawn exit rates summed above 1
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for w := range s.Workers {
		tables[w] = summary.NewTable(resolutions(res))
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := newEngine(m, s.Deterministic)
			values := make([]float64, tables[w].Len())
			for ctx.Err() == nil {
				run := int(next.Add(1)) - 1
				if run >= s.Runs {
					return
				}
				if e.simulate(s.Seed, run, values) {
					warnings[w]++
				}
				tables[w].AddRun(values)
				done.Add(1)
			}
		}()
	}
	waitWithProgress(&wg, &done, s)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%w after %d of %d runs: %v", ErrCancelled, done.Load(), s.Runs, err)
	}
	res.Table = tables[0]
	for _, t := range tables[1:] {
		if err := res.Table.Merge(t); err != nil {
			return nil, err
		}
	}
	over := 0
	for _, n := range warnings {
		over += n
	}
	if over > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("in %d of %d runs the drawn annual exit rates of some cell summed above 1 and were scaled down to 1", over, s.Runs))
	}
	res.Wall = time.Since(start)
	return res, nil
}

func newResult(m *Model, s Settings) *Result {
	res := &Result{Model: m, Settings: s, Metrics: metrics(m, s.Deterministic), Groups: groups(m.Layout)}
	for _, st := range reportSteps(m) {
		res.Dates = append(res.Dates, m.Start+workforce.Month(st*m.StepMonths))
	}
	return res
}

func resolutions(r *Result) []float64 {
	out := make([]float64, 0, len(r.Dates)*len(r.Groups)*len(r.Metrics))
	for range r.Dates {
		for range r.Groups {
			for _, m := range r.Metrics {
				out = append(out, m.Resolution)
			}
		}
	}
	return out
}

func waitWithProgress(wg *sync.WaitGroup, done *atomic.Int64, s Settings) {
	if s.Progress == nil {
		wg.Wait()
		return
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-finished:
			s.Progress(int(done.Load()), s.Runs)
			return
		case <-tick.C:
			s.Progress(int(done.Load()), s.Runs)
		}
	}
}
