package summary

import "fmt"

// A Stager adds runs to a Table that several goroutines share, one Stager
// each. AddRun stages a run in the Stager's own buffer; every stageRuns
// runs, and on Flush, the staged runs are added to the table under its
// lock. Sharing one table instead of merging one per goroutine saves the
// merge, and the histograms of every series are filled once instead of once
// per goroutine. The table ends in the same state either way, since its
// state depends only on the multiset of values added (doc.go).
//
// While Stagers are in use the table may only be read after every Stager
// has flushed; its own AddRun must not be used meanwhile. A Stager is not
// safe for concurrent use.
type Stager struct {
	t      *Table
	stage  []int64
	staged int
}

// NewStager returns a Stager adding to t.
func (t *Table) NewStager() *Stager { return &Stager{t: t} }

// AddRun stages one run: values[i] for every series of the table. It
// returns a *ValueError, staging nothing, for a value the series cannot
// hold (as Table.AddRun), and an error if adding the runs staged before it
// would take a series beyond MaxCount values. It panics if len(values)
// differs from the table's Len.
func (st *Stager) AddRun(values []float64) error {
	l := len(st.t.res)
	if len(values) != l {
		panic(fmt.Sprintf("summary: Stager.AddRun: got %d values, want %d", len(values), l))
	}
	if st.staged == stageRuns {
		if err := st.Flush(); err != nil {
			return err
		}
	}
	if need := (st.staged + 1) * l; need > len(st.stage) {
		st.stage = growStage(st.stage, st.staged*l, need, stageRuns*l)
	}
	row := st.stage[st.staged*l : (st.staged+1)*l]
	if i, ok := quantizeRow(st.t.res, values, row); !ok {
		return st.t.series[i].badValue(i, values[i])
	}
	st.staged++
	return nil
}

// Flush adds the staged runs to the table. It returns an error, adding
// nothing, if a series would then hold more than MaxCount values.
func (st *Stager) Flush() error {
	k := st.staged
	if k == 0 {
		return nil
	}
	t := st.t
	t.mu.Lock()
	defer t.mu.Unlock()
	t.flush() // runs the table staged itself, if any, first
	if t.maxN > MaxCount-int64(k) {
		return fmt.Errorf("summary: Stager: %d more runs could take a series beyond MaxCount values", k)
	}
	t.flushSeries(st.stage[:k*len(t.series)])
	t.runs += int64(k)
	t.maxN += int64(k)
	st.staged = 0
	return nil
}
