package sim

import (
	"context"
	"github.com/ahpsim/ahpsim/workforce"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apprenticeModel asks for 20 apprentices a year from a support cell of
// `support` staff, over one annual step.
func apprenticeModel(t *testing.T, support, funded int) testModel {
	t.Helper()
	m := annualModel(t, 1)
	m.Cells[cSupport].Headcount = support
	m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "appr", From: cSupport, To: cA5,
		Intake: m.count(20), Month: 9, DurationMonths: 24, DropoutRate: workforce.NoParam, StudyShare: 0.2, FundedPlaces: funded})
	return m
}

func capWarnings(r *Result) []string {
	var out []string
	for _, w := range r.Warnings {
		if !strings.HasPrefix(w, "in ") { // not the exit-rate warning
			out = append(out, w)
		}
	}
	return out
}

func TestCappedApprenticeIntakeIsReported(t *testing.T) {
	// 20 asked, 15 support staff: 15 start.
	r := run(t, apprenticeModel(t, 15, 0), Settings{Deterministic: true})
	assert.Equal(t, []string{`apprenticeship "appr": intake cut short in 1 of 1 runs (by the support staff in post in a/support_worker/4 in 1): ` +
		`20 apprentices asked and 15 started over the horizon (5 fewer; means over all runs)`}, capWarnings(r))

	// 12 funded places.
	r = run(t, apprenticeModel(t, 100, 12), Settings{Deterministic: true})
	assert.Equal(t, []string{`apprenticeship "appr": intake cut short in 1 of 1 runs (by its 12 funded places in 1): ` +
		`20 apprentices asked and 12 started over the horizon (8 fewer; means over all runs)`}, capWarnings(r))

	// Enough of both: no warning.
	r = run(t, apprenticeModel(t, 100, 30), Settings{Deterministic: true})
	assert.Empty(t, r.Warnings)
}

// In Monte Carlo mode the warning gives the runs capped and the mean
// started, which is the mean of the apprentices_started metric.
func TestCappedApprenticeIntakeMonteCarlo(t *testing.T) {
	m := apprenticeModel(t, 21, 0)
	m.Cells[cSupport].LeaverRate = m.prob(0.1) // leavers before September: sometimes fewer than 20 left
	r := run(t, m, Settings{Runs: 200, Seed: 7})
	started, _ := mean(t, r, 1, "a", sw, "4", "apprentices_started")
	w := capWarnings(r)
	require.Len(t, w, 1)
	assert.Regexp(t, `^apprenticeship "appr": intake cut short in \d+ of 200 runs \(by the support staff in post in a/support_worker/4 in \d+\): 20 apprentices asked and `+
		strings.ReplaceAll(FormatNumber(started, 1), ".", `\.`)+` started over the horizon`, w[0])
	assert.NotContains(t, w[0], "in 200 of 200 runs")
	assert.NotContains(t, w[0], "in 0 of 200 runs")
}

func TestCappedStudentPlacesAreReported(t *testing.T) {
	m := annualModel(t, 1)
	m.Students = append(m.Students, workforce.StudentProgramme{Name: "ot_degree", To: cA5, Places: m.count(30), IntakeMonth: 9,
		DurationMonths: 36, DropoutRate: workforce.NoParam, Conversion: m.prob(0.8), PlacementCapacity: m.count(24)})
	r := run(t, m, Settings{Deterministic: true})
	assert.Equal(t, []string{`student programme "ot_degree": places cut short by placement capacity in 1 of 1 runs: ` +
		`30 places asked and 24 taken up over the horizon (6 fewer; means over all runs)`}, capWarnings(r))
}

func TestClampedInterventionIsReported(t *testing.T) {
	m := annualModel(t, 1)
	m.Cells[cA5].LeaverRate = m.prob(0.6)
	m.Interventions = append(m.Interventions, workforce.Intervention{Name: "double", Lever: workforce.LeverLeaverRate, Cells: []int{cA5},
		Mode: workforce.Scale, Value: m.param(2, 0, 10), Start: m.Start, OneOffCost: workforce.NoParam, AnnualCost: workforce.NoParam})
	r := run(t, m, Settings{Deterministic: true})
	assert.Equal(t, []string{`intervention "double": leaver_rate of a/occupational_therapist/5 was clamped to its range in 1 of 1 runs: ` +
		`1.2 asked, 1 applied (at the furthest, mean over the runs clamped)`}, capWarnings(r))
}

// Shards' partial results merge into the warnings of the whole job.
func TestCapWarningsMergeAcrossShards(t *testing.T) {
	m := apprenticeModel(t, 21, 0)
	m.Cells[cSupport].LeaverRate = m.prob(0.1)
	opts := []Option{{Name: "baseline", Model: m.Model}}
	s := Settings{Runs: 60, Seed: 3}
	whole, err := Compare(context.Background(), opts, s, CompareSettings{})
	require.NoError(t, err)
	require.Len(t, whole.Warnings, 1)

	merged, err := NewComparison(opts, s, CompareSettings{})
	require.NoError(t, err)
	for shard := range 3 {
		ss := s
		ss.Shard, ss.Shards = shard, 3
		part, err := Compare(context.Background(), opts, ss, CompareSettings{})
		require.NoError(t, err)
		assert.Empty(t, part.Warnings, "a shard's caps are partial")
		data, err := part.MarshalBinary()
		require.NoError(t, err)
		require.NoError(t, merged.MergeBinary(data))
	}
	assert.Equal(t, whole.Warnings, merged.CapWarnings())
}

// With several options, each warning names its option.
func TestCapWarningsNameTheOption(t *testing.T) {
	base := apprenticeModel(t, 100, 0)
	more := apprenticeModel(t, 15, 0)
	c, err := Compare(context.Background(), []Option{{Name: "baseline", Model: base.Model}, {Name: "few_staff", Model: more.Model}},
		Settings{Deterministic: true}, CompareSettings{})
	require.NoError(t, err)
	require.Len(t, c.Warnings, 1)
	assert.True(t, strings.HasPrefix(c.Warnings[0], `apprenticeship "appr" in option "few_staff": intake cut short`), c.Warnings[0])
}
