package hindcast

import (
	"context"
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/sim"
)

// TestProjectMembersAreRuns: member i of a projection is run i of the
// same job in sim, so the members' mean is the job's mean exactly, for
// any number of workers.
func TestProjectMembersAreRuns(t *testing.T) {
	ctx := context.Background()
	m := exampleModel(t, "teaching")
	const runs, seed, months = 9, 42, 14
	p, err := Project(ctx, m, Settings{Runs: runs, Seed: seed, Months: months, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	mm, _ := monthly(m, months)
	r, err := sim.Run(ctx, mm, sim.Settings{Runs: runs, Seed: seed, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for q, name := range quantityMetrics {
		mi := r.MetricIndex(string(name))
		for k := range p.Months {
			for c, cell := range p.Cells {
				g := r.GroupIndex(cell.Org, cell.Prof, cell.Band.String())
				want := r.Stats(k+1, g, mi).Mean
				if got := mean(p.value(quantity(q), k, c)); math.Abs(got-want) > 1e-9*(1+math.Abs(want)) {
					t.Fatalf("%s %s/%s %s: members' mean %v, sim's %v", p.Months[k], cell.Prof, cell.Band, name, got, want)
				}
			}
		}
	}
	p1, err := Project(ctx, m, Settings{Runs: runs, Seed: seed, Months: months, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for q := range p.values {
		for i := range p.values[q] {
			for run := range runs {
				if p.values[q][i][run] != p1.values[q][i][run] {
					t.Fatal("one worker and three differ")
				}
			}
		}
	}
}

func TestProjectRefusesTooMuch(t *testing.T) {
	m := exampleModel(t, "bhr-baseline")
	_, err := Project(context.Background(), m, Settings{Runs: 100_000, Months: 120})
	if err == nil || err.Error() != "hindcast: 100000 runs of 120 months of 39 cells keep 1872000000 values (want at most 134217728: fewer runs or months)" {
		t.Errorf("error %v", err)
	}
	if _, err := Project(context.Background(), m, Settings{Runs: -1}); err == nil {
		t.Error("-1 runs accepted")
	}
}
