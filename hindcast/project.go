package hindcast

import (
	"context"
	"fmt"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// Settings say how to project: Runs members (run i being run i of master
// seed Seed, see MemberSeed) over Months months from the model's start (0:
// the model's horizon), on Workers goroutines (0: one per CPU; never
// changes results).
type Settings struct {
	Runs    int
	Seed    uint64
	Months  int
	Workers int
}

// DefaultRuns is the number of members when Settings.Runs is 0.
const DefaultRuns = 200

// MaxValues bounds the values a projection keeps (runs x months x cells x
// 4), so that it holds at most 1 GiB.
const MaxValues = 1 << 27

// Cell is one cell of a projection, by keys.
type Cell struct {
	Org, Prof string
	Band      workforce.Band
}

// Projection is an ensemble of runs of a model with every run's values
// kept, for scoring: per history month (Months) and cell (Cells), the
// value of each run.
type Projection struct {
	Model  *workforce.Model // as projected: monthly, over len(Months) months
	Seed   uint64
	Months []workforce.Month // history months: Model.Start to Model.Start+len-1
	Cells  []Cell            // in layout order
	Runs   int
	// values[q][month*len(Cells)+cell][run]
	values [numQuantities][][]float64
}

// quantity is one cell-level value a projection keeps.
type quantity int

const (
	qHeads quantity = iota
	qFTE
	qEstablishment
	qLeavers
	numQuantities
)

var quantityMetrics = [numQuantities]sim.MetricName{sim.InPostHC, sim.InPostFTE, sim.EstablishmentFTE, sim.Leavers}

// Project runs model m s.Runs times from its start, reporting monthly,
// and keeps every run's staff in post (heads and FTE), establishment and
// leavers per cell and month.
func Project(ctx context.Context, m *workforce.Model, s Settings) (*Projection, error) {
	if s.Runs == 0 {
		s.Runs = DefaultRuns
	}
	if s.Runs < 1 || s.Runs > 100_000 {
		return nil, fmt.Errorf("hindcast: %d runs (want 1 to 100000)", s.Runs)
	}
	mm, err := monthly(m, s.Months)
	if err != nil {
		return nil, err
	}
	if n := s.Runs * mm.Steps * len(mm.Layout.Cells) * int(numQuantities); n > MaxValues {
		return nil, fmt.Errorf("hindcast: %d runs of %d months of %d cells keep %d values (want at most %d: fewer runs or months)",
			s.Runs, mm.Steps, len(mm.Layout.Cells), n, MaxValues)
	}
	p := newProjection(mm, s)
	names := make([]string, numQuantities)
	for q, name := range quantityMetrics {
		names[q] = string(name)
	}
	err = forRuns(ctx, s.Runs, s.Workers, func(i int) error {
		r, err := runOne(ctx, mm, MemberSeed(s.Seed, i), names)
		if err != nil {
			return fmt.Errorf("run %d: %w", i, err)
		}
		p.keep(r, i)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

func newProjection(m *workforce.Model, s Settings) *Projection {
	p := &Projection{Model: m, Seed: s.Seed, Runs: s.Runs}
	for k := range m.Steps {
		p.Months = append(p.Months, m.Start+workforce.Month(k))
	}
	l := m.Layout
	for _, c := range l.Cells {
		p.Cells = append(p.Cells, Cell{l.Organisations[c.Org].Key, l.Professions[c.Prof].Key, c.Band})
	}
	for q := range p.values {
		p.values[q] = make([][]float64, len(p.Months)*len(p.Cells))
		for i := range p.values[q] {
			p.values[q][i] = make([]float64, s.Runs)
		}
	}
	return p
}

// keep stores run i's values: history month k is the result's date k+1
// (see the package doc).
func (p *Projection) keep(r *sim.Result, i int) {
	var mi [numQuantities]int
	for q, name := range quantityMetrics {
		mi[q] = r.MetricIndex(string(name))
	}
	for k := range p.Months {
		for g, grp := range r.Groups {
			at := k*len(p.Cells) + grp.Cells[0]
			for q := range p.values {
				p.values[q][at][i] = cellValue(r, k+1, g, mi[q])
			}
		}
	}
}

// value returns quantity q of cell c in month index k, run by run.
func (p *Projection) value(q quantity, k, c int) []float64 {
	return p.values[q][k*len(p.Cells)+c]
}
