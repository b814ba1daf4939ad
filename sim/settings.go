package sim

import (
	"fmt"
	"runtime"
)

// Settings says how to run a model. The zero value is usable: 1,000 runs,
// seed 0, one worker per CPU, Monte Carlo mode.
type Settings struct {
	Runs    int    // number of Monte Carlo runs; 0 means DefaultRuns
	Seed    uint64 // master seed; every random stream derives from it (see package doc)
	Workers int    // goroutines; 0 means runtime.GOMAXPROCS(0). Never changes results.
	// Deterministic runs the same equations once on expected values: every
	// draw is replaced by its mean and every uncertain parameter by its mean.
	Deterministic bool
	// Progress, if set, is called with the number of runs finished and the
	// number to do (in this shard, with Shards > 1): once at the start,
	// then about every 100 ms while the count grows, and once at the end,
	// always from the goroutine that called Run or Compare, so never
	// concurrently with itself. done strictly increases from call to call;
	// when every run finished, the last call has done == total (a failed
	// or cancelled job ends with done < total). It never changes results.
	Progress func(done, total int)
	// Shard and Shards split a job across processes or machines: with
	// Shards > 1, only the runs i with i % Shards == Shard are run, with the
	// same random streams as in the whole job, and the partial results merge
	// exactly (Comparison.MarshalBinary and MergeBinary).
	Shard, Shards int
	// Origin says what the models were built from. It never changes
	// results: a partial result records it (Comparison.MarshalBinary) and
	// MergeBinary refuses a part whose Origin differs from its own.
	Origin Origin
}

// Origin identifies what a job was simulated from, so that partial results
// of different inputs are never merged. The zero value means "unknown" and
// matches only itself.
type Origin struct {
	// Command is the program's command, e.g. "run" or "compare"; at most
	// 16 bytes, printable.
	Command string
	// ScenarioSHA256 is the SHA-256 of the exact scenario bytes the models
	// were compiled from.
	ScenarioSHA256 [32]byte
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
	if s.Shards <= 1 {
		s.Shard, s.Shards = 0, 1
	}
	if n := s.shardRuns(); s.Workers > n {
		s.Workers = max(1, n)
	}
	return s
}

// shardRuns is the number of runs in this shard.
func (s Settings) shardRuns() int {
	if s.Shards <= 1 {
		return s.Runs
	}
	n := s.Runs / s.Shards
	if s.Shard < s.Runs%s.Shards {
		n++
	}
	return n
}

func (s Settings) check() error {
	if s.Runs < 1 || s.Runs > MaxRuns {
		return fmt.Errorf("sim: %d runs (want 1 to %d)", s.Runs, MaxRuns)
	}
	if s.Shards > 1 && (s.Shard < 0 || s.Shard >= s.Shards) {
		return fmt.Errorf("sim: shard %d of %d (want 0 to %d)", s.Shard, s.Shards, s.Shards-1)
	}
	return nil
}
