package sim

import (
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Pull moves across professions: the same time-in-band and vacancy rules
// as promotion, into a cell of another profession.

// Cells of the pull-move test model, in layout order.
const (
	pSupport4 = iota // support worker, band 4
	pOT5             // occupational therapist, band 5
	pPhysio6         // physiotherapist, band 6
	pPhysio7         // physiotherapist, band 7
	pFCP7            // first contact practitioner (custom role), band 7
	pFCP8a           // first contact practitioner, band 8a
)

const (
	physio = "physiotherapist"
	fcp    = "first_contact_practitioner"
)

// newPullModel has one organisation, the cells above with the given
// heads and funded posts, every flow off, and `steps` steps of stepMonths.
func newPullModel(t *testing.T, stepMonths, steps int, heads [6]int, est [6]float64) testModel {
	t.Helper()
	sw, _ := workforce.LookupProfession(workforce.SupportWorker)
	otp, _ := workforce.LookupProfession(workforce.OccupationalTherapist)
	ph, _ := workforce.LookupProfession(workforce.Physiotherapist)
	role := workforce.Profession{Key: fcp, Name: "First contact practitioner", Custom: true}
	layout, err := workforce.NewLayout([]workforce.Organisation{workforce.DefaultOrganisation},
		[]workforce.Profession{sw, otp, ph, role},
		[]workforce.Cell{{Prof: 0, Band: workforce.Band4}, {Prof: 1, Band: workforce.Band5},
			{Prof: 2, Band: workforce.Band6}, {Prof: 2, Band: workforce.Band7},
			{Prof: 3, Band: workforce.Band7}, {Prof: 3, Band: workforce.Band8a}})
	require.NoError(t, err)
	m := &workforce.Model{Name: "pull", Layout: layout, Start: workforce.NewMonth(2025, 4),
		StepMonths: stepMonths, Steps: steps, ReportEvery: 1}
	for i := range 6 {
		m.Cells = append(m.Cells, workforce.CellSpec{Headcount: heads[i], FTEPerHead: 1, Establishment: est[i],
			LeaverRate: workforce.NoParam, RecruitFill: workforce.NoParam, EstablishmentGrowth: workforce.NoParam,
			Sickness: workforce.NoParam, RampUpEffectiveness: workforce.NoParam, InternationalFirstYearLeaverRate: workforce.NoParam, AgencyShare: workforce.NoParam})
	}
	return testModel{m}
}

func TestPullMoveAtMonthlyRateIntoVacancies(t *testing.T) {
	// 100 Band 7 physiotherapists spread over 24 months in band: 50 have at
	// least 12 months and apply with probability 0.2 in the month.
	m := newPullModel(t, 1, 1, [6]int{0, 0, 0, 100, 0, 0}, [6]float64{0, 0, 0, 100, 0, 1000})
	m.Cells[pPhysio7].InitialSpreadMonths = 24
	m.Promotions = append(m.Promotions, workforce.Promotion{From: pPhysio7, To: pFCP8a, MinMonths: 12, ApplyProb: m.prob(0.2)})
	require.NoError(t, m.Validate())
	require.True(t, m.Promotions[0].Across(m.Layout))
	det, mc := both(t, m, 4000)
	// Ample posts: 50 x 0.2 move, in both modes (in expected-value mode
	// 100/24 heads a month in band, 12 months of them eligible).
	for _, metric := range []string{"moves_in", "promotions", "in_post_hc"} {
		checkBoth(t, det, mc, 1, "system", fcp, "8a", metric, 10)
	}
	checkBoth(t, det, mc, 1, "system", physio, "7", "moves_out", 10)
	checkBoth(t, det, mc, 1, "system", physio, "7", "in_post_hc", 90)
	checkBoth(t, det, mc, 1, "system", physio, "7", "promotions", 0)

	// Only 3 posts: min(applicants, 3).
	m.Cells[pFCP8a].Establishment = 3
	det, mc = both(t, m, 2000)
	want := 0.0
	for k := 0; k <= 50; k++ {
		want += math.Min(float64(k), 3) * binomialPMF(50, 0.2, k)
	}
	got, mcse := mean(t, mc, 1, "system", fcp, "8a", "moves_in")
	assertWithinMCSE(t, want, got, mcse, "pull moves limited by posts")
	got, _ = mean(t, det, 1, "system", fcp, "8a", "moves_in")
	assert.InDelta(t, 3, got, 1e-9, "expected value: min(10, 3)")
}

func TestPullMoveRateOverAQuarter(t *testing.T) {
	// A quarterly step: each eligible head applies with 1 - (1 - p)^3.
	m := newPullModel(t, 3, 1, [6]int{0, 0, 0, 100, 0, 0}, [6]float64{0, 0, 0, 100, 0, 1000})
	m.Cells[pPhysio7].InitialSpreadMonths = 24
	m.Promotions = append(m.Promotions, workforce.Promotion{From: pPhysio7, To: pFCP8a, MinMonths: 12, ApplyProb: m.prob(0.2)})
	det, mc := both(t, m, 4000)
	checkBoth(t, det, mc, 1, "system", fcp, "8a", "moves_in", 50*(1-math.Pow(0.8, 3)))
}

func TestPullMoveNeedsTimeInBand(t *testing.T) {
	// Nobody has 24 months in band yet (spread over 24 months: 0..23), so
	// nobody moves in the first month; after 12 monthly steps half of the
	// starting staff have.
	m := newPullModel(t, 1, 13, [6]int{0, 0, 0, 48, 0, 0}, [6]float64{0, 0, 0, 48, 0, 1000})
	m.Cells[pPhysio7].InitialSpreadMonths = 24
	m.Promotions = append(m.Promotions, workforce.Promotion{From: pPhysio7, To: pFCP8a, MinMonths: 24, ApplyProb: m.prob(1)})
	det, mc := both(t, m, 200)
	for d := 1; d <= 12; d++ {
		// Two heads a month in band 0..23 at the start: none has 24 months
		// in the first step; from then on, each step the two who reached
		// 24 months at the end of the step before move.
		want := 2.0
		if d == 1 {
			want = 0
		}
		checkBoth(t, det, mc, d, "system", fcp, "8a", "moves_in", want)
	}
}

func TestPullChainAcrossProfessions(t *testing.T) {
	// Annual step, everyone applies: the 2 FCP posts are filled from Band 7
	// physiotherapists first (the highest target band), and the 2 Band 7
	// posts that frees are filled from Band 6 in the same step.
	m := newPullModel(t, 12, 1, [6]int{0, 0, 10, 10, 0, 0}, [6]float64{0, 0, 10, 10, 0, 2})
	m.Promotions = append(m.Promotions,
		workforce.Promotion{From: pPhysio6, To: pPhysio7, ApplyProb: m.prob(1)},
		workforce.Promotion{From: pPhysio7, To: pFCP8a, ApplyProb: m.prob(1)})
	det, mc := both(t, m, 20)
	for band, want := range map[string]float64{"6": 8, "7": 10} {
		checkBoth(t, det, mc, 1, "system", physio, band, "in_post_hc", want)
	}
	checkBoth(t, det, mc, 1, "system", fcp, "8a", "in_post_hc", 2)
	checkBoth(t, det, mc, 1, "system", physio, "7", "promotions", 2)
	checkBoth(t, det, mc, 1, "system", physio, "all", "moves_out", 2)
}

func TestPullMovesIntoOneBandInListOrder(t *testing.T) {
	// Two rules into FCP Band 8a: the one listed first takes the 3 posts.
	for _, first := range []int{pPhysio7, pFCP7} {
		m := newPullModel(t, 12, 1, [6]int{0, 0, 0, 10, 10, 0}, [6]float64{0, 0, 0, 10, 10, 3})
		second := pPhysio7 + pFCP7 - first
		m.Promotions = append(m.Promotions,
			workforce.Promotion{From: first, To: pFCP8a, ApplyProb: m.prob(1)},
			workforce.Promotion{From: second, To: pFCP8a, ApplyProb: m.prob(1)})
		det := run(t, m, Settings{Deterministic: true})
		got, _ := mean(t, det, 1, "system", m.Layout.Professions[m.Layout.Cells[first].Prof].Key, "7", "in_post_hc")
		assert.InDelta(t, 7, got, 1e-9, "the first rule's source gives 3")
		got, _ = mean(t, det, 1, "system", m.Layout.Professions[m.Layout.Cells[second].Prof].Key, "7", "in_post_hc")
		assert.InDelta(t, 10, got, 1e-9, "the second rule finds no post")
		// Within FCP, 7 to 8a is a promotion; from physiotherapy a move too.
		got, _ = mean(t, det, 1, "system", fcp, "8a", "promotions")
		assert.InDelta(t, 3, got, 1e-9)
		got, _ = mean(t, det, 1, "system", fcp, "8a", "moves_in")
		assert.InDelta(t, map[int]float64{pPhysio7: 3, pFCP7: 0}[first], got, 1e-9)
	}
}

func TestPullMoveSupportWorkerIntoRegisteredPost(t *testing.T) {
	// A support worker who qualified in another profession takes a Band 5
	// OT post: a move and, Band 5 being above Band 4, a promotion. A move
	// into the same band counts as a move only.
	m := newPullModel(t, 12, 1, [6]int{20, 0, 0, 0, 10, 0}, [6]float64{20, 5, 0, 4, 10, 0})
	m.Promotions = append(m.Promotions,
		workforce.Promotion{From: pSupport4, To: pOT5, ApplyProb: m.prob(1)},
		workforce.Promotion{From: pFCP7, To: pPhysio7, ApplyProb: m.prob(1)})
	det := run(t, m, Settings{Deterministic: true})
	for _, c := range []struct {
		prof, band, metric string
		want               float64
	}{
		{occ, "5", "moves_in", 5}, {occ, "5", "promotions", 5}, {sw, "4", "moves_out", 5},
		{physio, "7", "moves_in", 4}, {physio, "7", "promotions", 0}, {fcp, "7", "moves_out", 4},
		{"all", "all", "promotions", 5},
	} {
		got, _ := mean(t, det, 1, "system", c.prof, c.band, c.metric)
		assert.InDelta(t, c.want, got, 1e-9, "%s/%s %s", c.prof, c.band, c.metric)
	}
}

func TestPullMovesConserveHeadcount(t *testing.T) {
	m := newPullModel(t, 1, 36, [6]int{40, 20, 30, 25, 8, 3}, [6]float64{42, 24, 32, 27, 10, 6})
	for c := range m.Cells {
		m.Cells[c].LeaverRate = m.prob(0.12)
		m.Cells[c].RecruitFill = m.prob(0.1)
	}
	m.Promotions = append(m.Promotions,
		workforce.Promotion{From: pSupport4, To: pOT5, MinMonths: 6, ApplyProb: m.prob(0.05)},
		workforce.Promotion{From: pPhysio6, To: pPhysio7, MinMonths: 12, ApplyProb: m.prob(0.05)},
		workforce.Promotion{From: pPhysio7, To: pFCP8a, MinMonths: 12, ApplyProb: m.prob(0.05)},
		workforce.Promotion{From: pFCP7, To: pFCP8a, MinMonths: 12, ApplyProb: m.prob(0.05)})
	res := run(t, m, Settings{Runs: 200, Seed: 3})
	all := res.GroupIndex("all", "all", "all")
	at := func(d int, metric string) float64 { return res.Stats(d, all, res.MetricIndex(metric)).Mean }
	for d := 1; d < len(res.Dates); d++ {
		assert.InDelta(t, at(d-1, "in_post_hc")+at(d, "joiners")-at(d, "leavers"), at(d, "in_post_hc"), 1e-9, "date %d", d)
		assert.InDelta(t, at(d, "moves_in"), at(d, "moves_out"), 1e-9, "date %d", d)
		// Per profession, moves balance the account; promotions cancel.
		for _, prof := range []string{sw, occ, physio, fcp} {
			g := res.GroupIndex("system", prof, "all")
			pat := func(d int, metric string) float64 { return res.Stats(d, g, res.MetricIndex(metric)).Mean }
			assert.InDelta(t, pat(d-1, "in_post_hc")+pat(d, "joiners")-pat(d, "leavers")+pat(d, "moves_in")-pat(d, "moves_out"),
				pat(d, "in_post_hc"), 1e-9, "%s date %d", prof, d)
		}
	}
	assert.Greater(t, at(len(res.Dates)-1, "moves_in"), 0.0, "some moves happen")
}

func TestValidateRejectsBadPullMoves(t *testing.T) {
	m := newPullModel(t, 1, 1, [6]int{}, [6]float64{})
	m.Promotions = append(m.Promotions,
		workforce.Promotion{From: pPhysio7, To: pPhysio7, ApplyProb: m.prob(0.1)},
		workforce.Promotion{From: pPhysio6, To: pFCP8a + 1, ApplyProb: m.prob(0.1)})
	err := m.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "promotion 0: system/physiotherapist/7 to system/physiotherapist/7 is not a move to the next band")
	assert.Contains(t, err.Error(), "promotion 1: cell 6 out of range")
}
