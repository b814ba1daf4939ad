package hindcast

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// monthly returns a copy of m that reports every month, over the given
// number of months (0: m's own horizon). Only the copy's time axis
// changes; the model's cells, flows and parameters are shared.
func monthly(m *workforce.Model, months int) (*workforce.Model, error) {
	if m.StepMonths != 1 {
		return nil, fmt.Errorf("hindcast: the model steps %d months at a time (want a monthly step: a history has a row a month)", m.StepMonths)
	}
	if months == 0 {
		months = m.Steps
	}
	if months < 1 || months > workforce.MaxHorizonMonths {
		return nil, fmt.Errorf("hindcast: %d months (want 1 to %d)", months, workforce.MaxHorizonMonths)
	}
	c := *m
	c.Steps, c.ReportEvery = months, 1
	return &c, nil
}

// splitmix64 is the SplitMix64 finaliser, as in sim's seed-to-stream rule
// (package sim's doc).
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// MemberSeed is the seed of a one-run job whose run is run i of a job of
// master seed seed. sim seeds run r's streams with
// splitmix64(seed XOR splitmix64(r)) and nothing else of the run, so run
// 0 of seed XOR splitmix64(i) XOR splitmix64(0) draws exactly what run i
// of seed draws: an ensemble of one-run jobs is the runs of `ahpsim run
// --seed seed`, each kept whole.
func MemberSeed(seed uint64, i int) uint64 {
	return seed ^ splitmix64(uint64(i)) ^ splitmix64(0)
}

// runOne runs one member of model m (reporting monthly) and returns its
// cell-level values of the named metrics.
func runOne(ctx context.Context, m *workforce.Model, seed uint64, metrics []string) (*sim.Result, error) {
	s := sim.Settings{Runs: 1, Seed: seed, Workers: 1, Report: sim.Selection{Metrics: metrics, Groups: []sim.GroupKind{sim.GroupCells}}}
	return sim.Run(ctx, m, s)
}

// forRuns calls do(i) for i in [0, n) on up to workers goroutines (0: one
// per CPU) and returns the error of the lowest i that failed. do writes
// only into run i's places, so the results do not depend on workers.
func forRuns(ctx context.Context, n, workers int, do func(i int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = do(i)
			}
		}()
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// cellValue returns a cell's value of metric mi at date d of a one-run
// result, NaN when undefined (a flow at the start date).
func cellValue(r *sim.Result, d, cell, mi int) float64 {
	st := r.Stats(d, cell, mi)
	if !st.Defined() {
		return nan
	}
	return st.Mean
}
