package sim

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMetricNamesAreTheReportedNames checks the MetricName constants
// against the metric list of models that use every mechanism: each name
// reported has a constant, and each constant is reported.
func TestMetricNamesAreTheReportedNames(t *testing.T) {
	m := &workforce.Model{
		Destinations: []string{"other_nhs"},
		AgeGroups:    make([]workforce.AgeGroup, 1), International: make([]workforce.InternationalRecruitment, 1),
		Returners: make([]workforce.ReturnToPractice, 1), Apprenticeships: make([]workforce.Apprenticeship, 1),
		Students: make([]workforce.StudentProgramme, 1), Portability: make([]workforce.Portability, 1),
		Costs: workforce.Costs{AgencyPerHour: 1},
	}
	constants := []MetricName{InPostHC, InPostFTE, EstablishmentFTE, VacanciesFTE, VacancyRate, VacancyFTEYears,
		Leavers, LeaverRate, Joiners, JoinersExternal, JoinersGraduate, Promotions, MovesIn, MovesOut, GraduatesLost,
		LeaversTo("other_nhs"),
		Retirements, JoinersInternational, InternationalInPipeline, JoinersReturn, ReturnersInPipeline,
		ApprenticesStarted, ApprenticesQualified, ApprenticesInTraining, StudentsInTraining,
		EffectiveFTE, EffectiveGapFTE, EffectiveGapRate, AgencyFTE,
		CostPay, CostAgency, CostTraining, CostRecruitment, CostInterventions, CostTotal,
		CostCumulativePay, CostCumulativeAgency, CostCumulativeTraining, CostCumulativeRecruitment,
		CostCumulativeInterventions, CostCumulativeTotal,
		CostCumulativeCash, CostCumulativeReal, CostCumulativePV, CostCumulativeAgencyPremium}
	var want, got []string
	for _, c := range constants {
		want = append(want, string(c))
	}
	for _, mt := range metrics([]*workforce.Model{m}, false) {
		got = append(got, mt.Name)
	}
	slices.Sort(want)
	slices.Sort(got)
	assert.Equal(t, want, got)
}

func lookupResult(t *testing.T) *Result {
	m := newTestModel(t, 12, 3, [3]int{30, 20, 10}, [3]float64{32, 22, 11})
	for c := range m.Cells {
		m.Cells[c].LeaverRate = m.prob(0.1)
		m.Cells[c].RecruitFill = m.prob(0.2)
	}
	return run(t, m, Settings{Runs: 50, Seed: 3})
}

// TestOldLookupOfUnknownNameDoesNotPanic is the call of issue 9 that
// panicked with index out of range: a misspelt metric gives -1, and Stats
// of -1 is undefined.
func TestOldLookupOfUnknownNameDoesNotPanic(t *testing.T) {
	res := lookupResult(t)
	var st = res.Stats(1, res.GroupIndex("all", "all", "all"), res.MetricIndex("vacancy-rate"))
	assert.False(t, st.Defined())
	st = res.Stats(1, res.GroupIndex("nowhere", "all", "all"), res.MetricIndex("vacancy_rate"))
	assert.False(t, st.Defined())
	assert.False(t, res.Stats(len(res.Dates), 0, 0).Defined(), "date out of range")
	assert.True(t, res.Stats(1, 0, 0).Defined())
}

func TestMetricAndGroupLookups(t *testing.T) {
	res := lookupResult(t)
	vr, err := res.Metric(VacancyRate)
	require.NoError(t, err)
	assert.Equal(t, res.MetricIndex("vacancy_rate"), vr.Index())
	for _, tc := range []struct {
		sel        Selector
		index      int
		org, prof  string
		band       string
		wantString string
	}{
		{Selector{}, 0, "all", "all", "all", "all/all/all"},
		{Selector{}.Band(workforce.Band6), -1, "all", "all", "6", "all/all/6"},
		{Selector{}.Org("system").Prof(ot).Band(workforce.Band7), -1, "system", ot, "7", "system/occupational_therapist/7"},
		{Selector{}.Prof(ot).Band(workforce.Band7).AllBands(), -1, "all", ot, "all", "all/occupational_therapist/all"},
		{Selector{}.Org("all").Prof(""), 0, "all", "all", "all", "all/all/all"},
	} {
		g, err := res.Group(tc.sel)
		require.NoError(t, err, tc.wantString)
		assert.Equal(t, tc.wantString, tc.sel.String())
		assert.Equal(t, res.GroupIndex(tc.org, tc.prof, tc.band), g.Index(), tc.wantString)
		if tc.index >= 0 {
			assert.Equal(t, tc.index, g.Index())
		}
		for d := range res.Dates {
			assert.Equal(t, res.Stats(d, g.Index(), vr.Index()), res.At(d, g, vr))
		}
	}
	all, _ := res.Group(Selector{})
	assert.Equal(t, GroupID{}, all, "the zero GroupID is the totals")
}

func TestLookupErrors(t *testing.T) {
	res := lookupResult(t)
	_, err := res.Metric("vacancy-rate")
	assert.EqualError(t, err, `sim: no metric "vacancy-rate" (did you mean "vacancy_rate"?)`)
	_, err = res.Metric(Retirements)
	assert.EqualError(t, err, `sim: no metric "retirements" in this result (want one of in_post_hc, in_post_fte, `+
		`establishment_fte, vacancies_fte, vacancy_rate, vacancy_fte_years, leavers, leaver_rate, joiners, joiners_external, `+
		`joiners_graduate, promotions, moves_in, moves_out, graduates_lost)`)
	for sel, want := range map[Selector]string{
		Selector{}.Org("trust"):                      `sim: group trust/all/all: no organisation "trust" (want one of system)`,
		Selector{}.Prof("physio"):                    `sim: group all/physio/all: no profession "physio" (want one of occupational_therapist)`,
		Selector{}.Band(workforce.Band8a):            `sim: group all/all/8a: the layout has no cell in it`,
		Selector{}.Prof(ot).Band(workforce.Band(40)): `sim: group all/occupational_therapist/Band(40): no band Band(40) (want 2 to 9)`,
	} {
		g, err := res.Group(sel)
		assert.EqualError(t, err, want)
		assert.Equal(t, GroupID{}, g)
	}
}

// TestAtOutOfRangeIsUndefined: handles of a result with more groups and
// dates out of range give undefined Stats, not a panic.
func TestAtOutOfRangeIsUndefined(t *testing.T) {
	res := lookupResult(t)
	assert.False(t, res.At(-1, GroupID{}, MetricID{}).Defined())
	assert.False(t, res.At(len(res.Dates), GroupID{}, MetricID{}).Defined())
	assert.False(t, res.At(1, GroupID{len(res.Groups)}, MetricID{}).Defined())
	assert.False(t, res.At(1, GroupID{}, MetricID{len(res.Metrics)}).Defined())
	assert.True(t, res.At(1, GroupID{}, MetricID{}).Defined())
}

// TestPairedIsComparisonCSV checks that Paired gives, for every pair,
// date, group and paired metric, the numbers comparison.csv writes.
func TestPairedIsComparisonCSV(t *testing.T) {
	base, same, premium := optionModels(t)
	c := compareOptions(t, Settings{Runs: 200, Seed: 5}, base, same, premium)
	var buf bytes.Buffer
	require.NoError(t, c.WriteComparisonCSV(&buf))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	r := c.Options[0]
	checked := 0
	for _, row := range rows[1:] {
		pm := slices.IndexFunc(PairMetrics, func(m Metric) bool { return m.Name == row[6] })
		if pm < 0 {
			continue
		}
		p, err := c.Pair(row[0], row[1])
		require.NoError(t, err)
		d := slices.IndexFunc(r.Dates, func(m workforce.Month) bool { return m.String() == row[2] })
		g := GroupID{r.GroupIndex(row[3], row[4], row[5])}
		st := c.Paired(p, d, g, PairMetric(pm))
		res := PairMetrics[pm].Resolution
		if pm == pmBetter {
			res = 1e-4
		}
		var got []string
		for _, v := range []float64{st.Mean, st.SD, st.MCSE, st.CI90Low, st.CI90High, st.P05, st.P50, st.P95} {
			if st.Defined() {
				got = append(got, FormatNumber(v, decimals(res)))
			} else {
				got = append(got, "")
			}
		}
		require.Equal(t, row[7:15], got, "%v", row[:7]) // the numbers, not the unit and level
		checked++
	}
	assert.Equal(t, len(c.Pairs)*len(r.Dates)*len(r.Groups)*int(numPairMetrics), checked)
	assert.Equal(t, "prob_better", ProbBetter.String())
}

func TestPairAndOptionErrors(t *testing.T) {
	base, same, premium := optionModels(t)
	c := compareOptions(t, Settings{Runs: 20, Seed: 5}, base, same, premium)
	p, err := c.Pair("premium", "same")
	require.NoError(t, err)
	assert.Equal(t, Pair{Option: 2, Reference: 1}, c.Pairs[p.Index()])
	_, err = c.Pair("baseline", "premium")
	assert.EqualError(t, err, `sim: no pair of option "baseline" against reference "premium": the reference must come before the option in Options (try option "premium" against "baseline")`)
	_, err = c.Pair("premium", "premium")
	assert.Error(t, err)
	_, err = c.Pair("bonus", "baseline")
	assert.EqualError(t, err, `sim: no option "bonus" (want one of baseline, same, premium)`)
	assert.False(t, c.Paired(PairID{len(c.Pairs)}, 1, GroupID{}, VacancyRateDiff).Defined())
	assert.False(t, c.Paired(p, 1, GroupID{}, PairMetric(numPairMetrics)).Defined())
	assert.Equal(t, "PairMetric(5)", PairMetric(numPairMetrics).String())
	assert.True(t, c.Paired(p, 1, GroupID{}, VacancyRateDiff).Defined())
}

// cancelAfter returns a context that ends by cancel or by deadline after d.
func cancelAfter(t *testing.T, d time.Duration, deadline bool) context.Context {
	if deadline {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		t.Cleanup(cancel)
		return ctx
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	time.AfterFunc(d, cancel)
	return ctx
}

// TestCancelledCompareKeepsTheFirstRuns: a job cut short by its context
// returns an error wrapping ctx.Err(), and the runs done, which are runs 0
// to k-1: the same summaries as a job of k runs.
func TestCancelledCompareKeepsTheFirstRuns(t *testing.T) {
	base, _, premium := optionModels(t)
	opts := []Option{{Name: "baseline", Model: base.Model}, {Name: "premium", Model: premium.Model}}
	cs := CompareSettings{Target: 0.1, HasTarget: true}
	const runs = 1_000_000 // far more than 30 ms allow
	for _, tc := range []struct {
		deadline bool
		want     error
	}{{false, context.Canceled}, {true, context.DeadlineExceeded}} {
		c, err := Compare(cancelAfter(t, 30*time.Millisecond, tc.deadline), opts, Settings{Runs: runs, Seed: 9, Workers: 3}, cs)
		require.Error(t, err)
		assert.ErrorIs(t, err, tc.want)
		assert.ErrorIs(t, err, ErrCancelled)
		require.NotNil(t, c, "the runs done are returned")
		k := int(c.Options[0].Table.Runs())
		assert.EqualError(t, err, "sim: run cancelled after "+itoa(k)+" of 1000000 runs: "+tc.want.Error())
		require.Less(t, k, runs)
		assert.Equal(t, runs, c.Settings.Runs, "Settings says the runs asked for")
		if k == 0 {
			t.Logf("%v: cancelled before any run", tc.want)
			assert.False(t, c.Options[0].Stats(0, 0, 0).Defined())
			continue
		}
		whole, err := Compare(context.Background(), opts, Settings{Runs: k, Seed: 9, Workers: 1}, cs)
		require.NoError(t, err)
		assert.Equal(t, comparisonCSVs(t, whole), comparisonCSVs(t, c), "%v after %d runs", tc.want, k)
		t.Logf("%v after %d runs", tc.want, k)
	}
}

// comparisonCSVs returns summary.csv and comparison.csv of a comparison.
func comparisonCSVs(t *testing.T, c *Comparison) string {
	var buf bytes.Buffer
	for i, r := range c.Options {
		require.NoError(t, r.WriteSummaryCSV(&buf, c.Names[i], i == 0))
	}
	require.NoError(t, c.WriteComparisonCSV(&buf))
	return buf.String()
}

func itoa(n int) string { return FormatNumber(float64(n), 0) }

// TestCancelledRunAndShard: Run returns its partial result too, and a
// cancelled shard's partial result cannot be merged as if it were whole.
func TestCancelledRunAndShard(t *testing.T) {
	base, _, _ := optionModels(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Run(ctx, base.Model, Settings{Runs: 100, Seed: 9})
	assert.True(t, errors.Is(err, context.Canceled) && errors.Is(err, ErrCancelled), "%v", err)
	require.NotNil(t, res)
	assert.Zero(t, res.Table.Runs(), "cancelled before the first run")

	c, err := Compare(cancelAfter(t, 30*time.Millisecond, true), []Option{{Name: "baseline", Model: base.Model}},
		Settings{Runs: 1_000_000, Seed: 9, Shard: 1, Shards: 2}, CompareSettings{})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	data, err := c.MarshalBinary()
	require.NoError(t, err)
	_, err = ReadPartialInfo(data)
	assert.ErrorContains(t, err, "summaries hold "+itoa(int(c.Options[0].Table.Runs()))+" runs, want 500000")
}

// TestComparisonLookupsOutOfRange: the int-indexed lookups of a
// comparison give undefined or false, not a panic, for indices out of
// range (such as PairIndex's -1) and without a target.
func TestComparisonLookupsOutOfRange(t *testing.T) {
	base, _, premium := optionModels(t)
	c := compareOptions(t, Settings{Runs: 20, Seed: 5}, base, premium)
	assert.Equal(t, -1, c.PairIndex(0, 1))
	_, ok := c.CostPerVacancyYearAvoided(c.PairIndex(0, 1), 0)
	assert.False(t, ok)
	_, ok = c.CostPerVacancyYearAvoided(0, len(c.Options[0].Groups))
	assert.False(t, ok)
	assert.False(t, c.BelowTargetStats(2, 1, 0).Defined(), "no option 2")
	assert.False(t, c.BelowTargetStats(1, 1, -1).Defined())
	assert.True(t, c.BelowTargetStats(1, 1, 0).Defined())

	noTarget, err := Compare(context.Background(), []Option{{Name: "baseline", Model: base.Model}}, Settings{Runs: 20, Seed: 5}, CompareSettings{})
	require.NoError(t, err)
	assert.False(t, noTarget.BelowTargetStats(0, 1, 0).Defined(), "no target")
}
