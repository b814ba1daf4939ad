package sim

import (
	"github.com/ahpsim/ahpsim/workforce"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each flow is checked against its exact expected value, in Monte Carlo
// mode (within Monte Carlo error) and in expected-value mode (exactly).

func TestLeaversMatchAnnualRateForEveryStep(t *testing.T) {
	for _, step := range []int{1, 3, 12} {
		m := newTestModel(t, step, 12/step, [3]int{400, 0, 0}, [3]float64{0, 0, 0})
		m.Cells[0].LeaverRate = m.prob(0.2)
		m.Destinations = []string{"other_nhs", "retirement"}
		for c := range m.Cells {
			m.Cells[c].DestinationShares = []float64{0.65, 0.35}
		}
		// Nobody replaces them: 400 heads keep (1 - 0.2 step/12) of their
		// number each step.
		leavers := 400 * (1 - math.Pow(1-0.2*float64(step)/12, 12/float64(step)))
		res := run(t, m, Settings{Runs: 3000, Seed: 5})
		got, mcse := mean(t, res, 1, "system", ot, "5", "leavers")
		assertWithinMCSE(t, leavers, got, mcse, "leavers")
		got, mcse = mean(t, res, 1, "system", ot, "5", "leavers_other_nhs")
		assertWithinMCSE(t, leavers*0.65, got, mcse, "leavers to other NHS")
		rate, mcse := mean(t, res, 1, "system", ot, "5", "leaver_rate")
		// NHS leaver rate: leavers / mean(staff at start, staff at end), to first order.
		assert.InDelta(t, leavers/(400-leavers/2), rate, 5*mcse+0.002)

		det := run(t, m, Settings{Deterministic: true})
		got, _ = mean(t, det, 1, "system", ot, "5", "leavers")
		assert.InDelta(t, leavers, got, 1e-6, "step %d", step)
		got, _ = mean(t, det, 1, "system", ot, "5", "in_post_hc")
		assert.InDelta(t, 400-leavers, got, 1e-6)
	}
}

func TestUncertainLeaverRateIsDrawnOncePerRun(t *testing.T) {
	// One annual step, so that the step probability is the drawn rate.
	m := newTestModel(t, 12, 1, [3]int{400, 0, 0}, [3]float64{0, 0, 0})
	m.Cells[0].LeaverRate = m.AddParam(workforce.Dist{Kind: workforce.Uniform, A: 0.1, B: 0.3, Min: 0, Max: 1, Name: "leaver_rate"})
	res := run(t, m, Settings{Runs: 4000, Seed: 9})
	g, mi := res.GroupIndex("system", ot, "5"), res.MetricIndex("leavers")
	st := res.Stats(1, g, mi)
	assertWithinMCSE(t, 400*0.2, st.Mean, st.MCSE, "mean leavers")
	// Var = E[n r (1-r)] + Var(n r) with r ~ U(0.1, 0.3).
	er, er2 := 0.2, (0.1*0.1+0.1*0.3+0.3*0.3)/3
	variance := 400*(er-er2) + 400*400*(er2-er*er)
	// The sample variance of 4000 runs has a relative SE of about sqrt(2/4000) (a bit more with kurtosis): allow 10%.
	assert.InEpsilon(t, variance, st.SD*st.SD, 0.1)
}

func TestPushTransitionsMoveStaff(t *testing.T) {
	m := newTestModel(t, 1, 12, [3]int{0, 500, 0}, [3]float64{0, 0, 0})
	m.Cells[1].LeaverRate = m.prob(0.1)
	m.Transitions = append(m.Transitions, workforce.Transition{From: 1, To: 2, Rate: m.prob(0.3)})
	// Competing exits: 0.4/12 a month in all, split 1:3 between leaving
	// and moving, from 500 heads that nobody replaces.
	gone := 500 * (1 - survive(0.4, 12))
	res := run(t, m, Settings{Runs: 3000, Seed: 2})
	got, mcse := mean(t, res, 1, "system", ot, "7", "moves_in")
	assertWithinMCSE(t, gone*0.75, got, mcse, "moves into band 7")
	got, mcse = mean(t, res, 1, "system", ot, "6", "leavers")
	assertWithinMCSE(t, gone*0.25, got, mcse, "leavers from band 6")
}

func TestRecruitmentFillsVacanciesAtMonthlyRate(t *testing.T) {
	// 100 posts, 50 staff, no leavers: vacancies fall by (1-f) a month, so a
	// year brings 50(1 - 0.9^12) recruits.
	for _, step := range []int{1, 3, 12} {
		m := newTestModel(t, step, 12/step, [3]int{50, 0, 0}, [3]float64{100, 0, 0})
		m.Cells[0].RecruitFill = m.prob(0.1)
		want := 50 * (1 - math.Pow(0.9, 12))
		res := run(t, m, Settings{Runs: 3000, Seed: 3})
		got, mcse := mean(t, res, 1, "system", ot, "5", "joiners_external")
		assertWithinMCSE(t, want, got, mcse, "recruits")
		// Each vacancy survives the year with probability q = 0.9^12, so the
		// vacancies left are Bin(50, q). The sample variance of 3000 runs has
		// a relative SE of about sqrt(2/3000) = 2.6%: allow 4 of them.
		q := math.Pow(0.9, 12)
		sd := res.Stats(1, res.GroupIndex("system", ot, "5"), res.MetricIndex("joiners_external")).SD
		assert.InEpsilon(t, 50*q*(1-q), sd*sd, 0.105, "variance of recruits, step %d", step)
		det := run(t, m, Settings{Deterministic: true})
		got, _ = mean(t, det, 1, "system", ot, "5", "joiners_external")
		assert.InDelta(t, want, got, 1e-6, "step %d", step)
	}
}

func TestRecruitmentFillsWholePostsThenAPartTimePost(t *testing.T) {
	// FTE per head 0.8 and 2 FTE vacant: two whole posts and a part-time
	// post of 0.4 FTE, so 3 heads and no FTE beyond the posts.
	m := newTestModel(t, 1, 12, [3]int{10, 0, 0}, [3]float64{10, 0, 0})
	m.Cells[0].FTEPerHead = 0.8
	m.Cells[0].RecruitFill = m.prob(1)
	res := run(t, m, Settings{Runs: 10, Seed: 1})
	g := res.GroupIndex("system", ot, "5")
	st := res.Stats(1, g, res.MetricIndex("in_post_hc"))
	assert.InDelta(t, 13, st.Mean, 1e-9)
	assert.InDelta(t, 0, st.SD, 1e-9)
	st = res.Stats(1, g, res.MetricIndex("vacancies_fte"))
	assert.InDelta(t, 0, st.Mean, 1e-4, "every post is filled, the last part-time")
	st = res.Stats(1, g, res.MetricIndex("in_post_fte"))
	assert.InDelta(t, 10, st.Mean, 1e-4, "no FTE beyond the posts")
}

func TestPromotionNeedsTimeInBandAndVacancy(t *testing.T) {
	// 100 Band 5s spread over 24 months in band; 50 have at least 12 months.
	// Monthly steps, one month: E[promotions] = 50 * 0.2 when posts are ample.
	m := newTestModel(t, 1, 1, [3]int{100, 0, 0}, [3]float64{0, 1000, 0})
	m.ReportEvery = 1
	m.Cells[0].InitialSpreadMonths = 24
	m.Promotions = append(m.Promotions, workforce.Promotion{From: 0, To: 1, MinMonths: 12, ApplyProb: m.prob(0.2)})
	res := run(t, m, Settings{Runs: 4000, Seed: 4})
	got, mcse := mean(t, res, 1, "system", ot, "6", "promotions")
	assertWithinMCSE(t, 10, got, mcse, "promotions with ample posts")
	det := run(t, m, Settings{Deterministic: true})
	got, _ = mean(t, det, 1, "system", ot, "6", "promotions")
	// In expected-value mode the spread is fractional: 100/24 heads a month, 12 months eligible.
	assert.InDelta(t, 100.0/24*12*0.2, got, 1e-6)

	// Only 3 posts in Band 6: applicants ~ Bin(50, 0.2) exceed 3 almost
	// always, so promotions are min(applicants, 3).
	m.Cells[1].Establishment = 3
	res = run(t, m, Settings{Runs: 2000, Seed: 4})
	want := 0.0
	for k := 0; k <= 50; k++ {
		want += math.Min(float64(k), 3) * binomialPMF(50, 0.2, k)
	}
	got, mcse = mean(t, res, 1, "system", ot, "6", "promotions")
	assertWithinMCSE(t, want, got, mcse, "promotions limited by posts")
}

func TestPromotionChainPullsFromTheTopDown(t *testing.T) {
	// A Band 7 leaver's post is taken by a Band 6 in the same step, and the
	// Band 6 post it frees by a Band 5: all in expected-value mode.
	m := newTestModel(t, 12, 1, [3]int{10, 10, 10}, [3]float64{10, 10, 11})
	m.ReportEvery = 1
	m.Promotions = append(m.Promotions,
		workforce.Promotion{From: 0, To: 1, MinMonths: 0, ApplyProb: m.prob(1)},
		workforce.Promotion{From: 1, To: 2, MinMonths: 0, ApplyProb: m.prob(1)})
	res := run(t, m, Settings{Runs: 5, Seed: 1})
	for band, want := range map[string]float64{"5": 9, "6": 10, "7": 11} {
		got, _ := mean(t, res, 1, "system", ot, band, "in_post_hc")
		assert.InDelta(t, want, got, 1e-9, "band %s", band)
	}
}

func TestGraduatesOnlyIntoVacancies(t *testing.T) {
	m := newTestModel(t, 1, 12, [3]int{20, 0, 0}, [3]float64{25, 0, 0})
	m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: 0, Month: 9, Size: m.param(30, 0, 1e6), Conversion: m.prob(0.4)})
	res := run(t, m, Settings{Runs: 3000, Seed: 6})
	want := 0.0
	for k := 0; k <= 30; k++ {
		want += math.Min(float64(k), 5) * binomialPMF(30, 0.4, k)
	}
	got, mcse := mean(t, res, 1, "system", ot, "5", "joiners_graduate")
	assertWithinMCSE(t, want, got, mcse, "graduates hired")
	got, mcse = mean(t, res, 1, "system", ot, "5", "graduates_lost")
	assertWithinMCSE(t, 30-want, got, mcse, "graduates lost")

	// Ample posts: 30 * 0.4 hired.
	m.Cells[0].Establishment = 1000
	det := run(t, m, Settings{Deterministic: true})
	got, _ = mean(t, det, 1, "system", ot, "5", "joiners_graduate")
	assert.InDelta(t, 12, got, 1e-6)
}

func TestGraduateCohortYears(t *testing.T) {
	m := newTestModel(t, 1, 36, [3]int{0, 0, 0}, [3]float64{1000, 0, 0})
	m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: 0, Month: 9, Size: m.param(10, 0, 1e6), Conversion: m.prob(1), FirstYear: 2026, LastYear: 2026})
	det := run(t, m, Settings{Deterministic: true})
	for d, want := range []float64{0, 0, 10, 0} {
		if d == 0 {
			continue
		}
		got, _ := mean(t, det, d, "system", ot, "5", "joiners_graduate")
		assert.InDelta(t, want, got, 1e-9, "year ending %v", det.Dates[d])
	}
}

func TestEstablishmentGrowthAndNewPosts(t *testing.T) {
	m := newTestModel(t, 1, 36, [3]int{0, 0, 0}, [3]float64{100, 0, 0})
	m.Cells[0].EstablishmentGrowth = m.param(0.03, -1, 0.5)
	m.NewPosts = append(m.NewPosts, workforce.NewPosts{Cell: 2, From: m.Start + 14, FTE: m.param(4, -1e6, 1e6)})
	det := run(t, m, Settings{Deterministic: true})
	for d := range det.Dates {
		got, _ := mean(t, det, d, "system", ot, "5", "establishment_fte")
		assert.InDelta(t, 100*math.Pow(1.03, float64(d)), got, 1e-4)
		got, _ = mean(t, det, d, "system", ot, "7", "establishment_fte")
		assert.InDelta(t, map[bool]float64{true: 4, false: 0}[d >= 2], got, 1e-9, "date %d", d)
	}
}

func TestVacancyRateUndefinedWithoutEstablishment(t *testing.T) {
	m := newTestModel(t, 12, 1, [3]int{5, 0, 0}, [3]float64{4, 0, 0})
	res := run(t, m, Settings{Runs: 3, Seed: 1})
	mi := res.MetricIndex("vacancy_rate")
	st := res.Stats(0, res.GroupIndex("system", ot, "6"), mi)
	assert.False(t, st.Defined())
	st = res.Stats(0, res.GroupIndex("system", ot, "5"), mi)
	// Overstaffed: 5 in post against 4 funded posts gives -25%.
	assert.InDelta(t, -0.25, st.Mean, 1e-9)
}

func TestValidateRejectsBadModels(t *testing.T) {
	cases := map[string]func(m testModel){
		"exits above 1": func(m testModel) {
			m.Cells[0].LeaverRate = m.prob(0.7)
			m.Transitions = append(m.Transitions, workforce.Transition{From: 0, To: 1, Rate: m.prob(0.5)})
		},
		"negative headcount": func(m testModel) { m.Cells[0].Headcount = -1 },
		"fte per head":       func(m testModel) { m.Cells[1].FTEPerHead = 1.2 },
		"promotion skips a band": func(m testModel) {
			m.Promotions = append(m.Promotions, workforce.Promotion{From: 0, To: 2, ApplyProb: m.prob(0.1)})
		},
		"probability range": func(m testModel) { m.Cells[0].RecruitFill = m.param(0.5, 0, 2) },
		"bad step":          func(m testModel) { m.StepMonths = 2 },
		"horizon":           func(m testModel) { m.Steps = 31 },
		"graduate month": func(m testModel) {
			m.Graduates = append(m.Graduates, workforce.GraduateCohort{Month: 13, Size: m.param(1, 0, 9), Conversion: m.prob(1)})
		},
	}
	for name, breakIt := range cases {
		t.Run(name, func(t *testing.T) {
			m := newTestModel(t, 12, 5, [3]int{1, 1, 1}, [3]float64{1, 1, 1})
			require.NoError(t, m.Validate())
			breakIt(m)
			assert.Error(t, m.Validate())
		})
	}
}

func binomialPMF(n int, p float64, k int) float64 {
	lg := func(x int) float64 { v, _ := math.Lgamma(float64(x) + 1); return v }
	return math.Exp(lg(n) - lg(k) - lg(n-k) + float64(k)*math.Log(p) + float64(n-k)*math.Log1p(-p))
}
