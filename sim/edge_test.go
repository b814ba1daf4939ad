package sim

import (
	"bytes"
	"context"
	"math"
	"runtime"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEdgeCasesRunCleanly(t *testing.T) {
	cases := map[string]func(m testModel){
		"empty cells and no establishment": func(m testModel) {
			for c := range m.Cells {
				m.Cells[c].Headcount = 0
				m.Cells[c].Establishment = 0
				m.Cells[c].LeaverRate = m.prob(0.1)
				m.Cells[c].RecruitFill = m.prob(0.1)
			}
		},
		"rates of exactly 0 and 1": func(m testModel) {
			m.Cells[0].LeaverRate = m.prob(1)
			m.Cells[1].LeaverRate = m.prob(0)
			m.Cells[1].RecruitFill = m.prob(1)
			m.Cells[2].RecruitFill = m.prob(0)
			m.Promotions = append(m.Promotions, workforce.Promotion{From: 1, To: 2, ApplyProb: m.prob(1)})
			m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: 0, Month: 9, Size: m.count(0), Conversion: m.prob(1)})
		},
		"30-year horizon": func(m testModel) {
			m.Steps = 360
			m.Cells[0].LeaverRate = m.prob(0.12)
			m.Cells[0].RecruitFill = m.prob(0.1)
		},
	}
	for name, set := range cases {
		t.Run(name, func(t *testing.T) {
			m := newTestModel(t, 1, 24, [3]int{20, 10, 5}, [3]float64{22, 10, 5})
			set(m)
			require.NoError(t, m.Validate())
			for _, s := range []Settings{{Runs: 1, Seed: 1}, {Runs: 50, Seed: 2}, {Deterministic: true}} {
				res := run(t, m, s)
				var buf bytes.Buffer
				require.NoError(t, res.WriteSummaryCSV(&buf, "baseline", true))
				assert.NotContains(t, buf.String(), "NaN")
				assert.NotContains(t, buf.String(), "Inf")
			}
		})
	}
}

func TestRatesOfOneAndZeroAreExact(t *testing.T) {
	// Annual steps: a rate of 1 is a step probability of 1. (With monthly
	// steps it is 1/12 a month: see TestMeasuredLeaverRateIsTheInputRate.)
	m := newTestModel(t, 12, 1, [3]int{20, 10, 5}, [3]float64{22, 10, 5})
	m.Cells[0].LeaverRate = m.prob(1)
	m.Cells[1].LeaverRate = m.prob(0)
	res := run(t, m, Settings{Runs: 20, Seed: 3})
	got, _ := mean(t, res, 1, "system", ot, "5", "in_post_hc")
	assert.Equal(t, 0.0, got, "a leaver rate of 1 empties the band within the year")
	got, _ = mean(t, res, 1, "system", ot, "6", "in_post_hc")
	assert.Equal(t, 10.0, got, "a leaver rate of 0 keeps everyone")
}

func TestProfessionWithNoStaff(t *testing.T) {
	otp, _ := workforce.LookupProfession(workforce.OccupationalTherapist)
	slt, _ := workforce.LookupProfession(workforce.SpeechAndLanguageTherapist)
	layout, err := workforce.NewLayout([]workforce.Organisation{workforce.DefaultOrganisation},
		[]workforce.Profession{otp, slt}, []workforce.Cell{{Prof: 0, Band: workforce.Band5}, {Prof: 1, Band: workforce.Band5}})
	require.NoError(t, err)
	m := &workforce.Model{Name: "empty profession", Layout: layout, Start: workforce.NewMonth(2025, 1), StepMonths: 1, Steps: 12, ReportEvery: 12,
		Cells: []workforce.CellSpec{{Headcount: 5, FTEPerHead: 1, Establishment: 5}, {Headcount: 0, FTEPerHead: 1}}}
	res, err := Run(context.Background(), m, Settings{Runs: 5, Seed: 1})
	require.NoError(t, err)
	st := res.Stats(1, res.GroupIndex("system", workforce.SpeechAndLanguageTherapist, "all"), res.MetricIndex("vacancy_rate"))
	assert.False(t, st.Defined(), "no posts: no vacancy rate")
	st = res.Stats(1, res.GroupIndex("system", workforce.SpeechAndLanguageTherapist, "all"), res.MetricIndex("leaver_rate"))
	assert.False(t, st.Defined(), "no staff: no leaver rate")
}

// TestMemoryDoesNotGrowWithRuns runs a small model 10,000 and 1,000,000
// times and compares the live heap of the results.
func TestMemoryDoesNotGrowWithRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("a million runs; skipped with -short")
	}
	m := newTestModel(t, 12, 2, [3]int{30, 20, 10}, [3]float64{33, 22, 11})
	for c := range m.Cells {
		m.Cells[c].LeaverRate = m.prob(0.15)
		m.Cells[c].RecruitFill = m.prob(0.2)
	}
	heap := func(runs int) (uint64, *Result) {
		res := run(t, m, Settings{Runs: runs, Seed: 1})
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc, res
	}
	small, r1 := heap(10_000)
	big, r2 := heap(1_000_000)
	runtime.KeepAlive(r1)
	runtime.KeepAlive(r2)
	assert.Equal(t, int64(1_000_000), r2.Table.Runs())
	// Both results are alive at the second reading; the million-run one
	// may not take more than twice the space of the first reading.
	assert.Less(t, float64(big), 2*float64(small)+float64(1<<20), "heap %d after 1e4 runs, %d after 1e6", small, big)
	st := r2.Stats(1, r2.GroupIndex("all", "all", "all"), r2.MetricIndex("in_post_hc"))
	assert.False(t, math.IsNaN(st.P50))
}
