package sim

import "runtime"

// Settings says how to run a model. The zero value is usable: 1,000 runs,
// seed 0, one worker per CPU, Monte Carlo mode.
type Settings struct {
	Runs    int    // number of Monte Carlo runs; 0 means DefaultRuns
	Seed    uint64 // master seed; every random stream derives from it (see package doc)
	Workers int    // goroutines; 0 means runtime.GOMAXPROCS(0). Never changes results.
	// Deterministic runs the same equations once on expected values: every
	// draw is replaced by its mean and every uncertain parameter by its mean.
	Deterministic bool
	// Progress, if set, is called now and then with the number of runs
	// finished, from the goroutine that called Run.
	Progress func(done, total int)
}

// DefaultRuns is the number of runs when Settings.Runs is zero.
const DefaultRuns = 1000

// MaxRuns bounds Settings.Runs.
const MaxRuns = 10_000_000

func (s Settings) withDefaults() Settings {
	if s.Runs == 0 {
		s.Runs = DefaultRuns
	}
	if s.Deterministic {
		s.Runs = 1
	}
	if s.Workers <= 0 {
		s.Workers = runtime.GOMAXPROCS(0)
	}
	if s.Workers > s.Runs {
		s.Workers = s.Runs
	}
	return s
}
