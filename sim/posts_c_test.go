package sim

import (
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Graduates hired beyond the vacancies, into new funded posts or over the
// establishment, and into bands other than 5.

// graduatePostsModel has 20 Band 5 OTs in 25 funded posts (5 vacancies),
// no other flow, and one September cohort of 30 graduates of whom 0.4
// would take a post, hired as posts says. One year, monthly steps.
func graduatePostsModel(t *testing.T, posts workforce.Posts) testModel {
	m := newTestModel(t, 1, 12, [3]int{20, 0, 0}, [3]float64{25, 0, 0})
	m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: 0, Month: 9,
		Size: m.param(30, 0, 1e6), Conversion: m.prob(0.4), Posts: posts})
	require.NoError(t, m.Validate())
	return m
}

func TestGraduatesSupernumeraryAllWillingHired(t *testing.T) {
	m := graduatePostsModel(t, workforce.PostsSupernumerary)
	det, mc := both(t, m, 3000)
	// Every willing graduate is hired, not only the 5 vacancies' worth:
	// E[hired] = 30 x 0.4 = 12, lost 18; funded posts stay at 25, so the
	// vacancies fall to 25 - 32 = -7 (in expectation).
	checkBoth(t, det, mc, 1, "system", ot, "5", "joiners_graduate", 12)
	checkBoth(t, det, mc, 1, "system", ot, "5", "graduates_lost", 18)
	checkBoth(t, det, mc, 1, "system", ot, "5", "in_post_hc", 32)
	checkBoth(t, det, mc, 1, "system", ot, "5", "establishment_fte", 25)
	checkBoth(t, det, mc, 1, "system", ot, "5", "vacancies_fte", -7)
}

func TestGraduatesIntoNewPostsKeepTheVacancies(t *testing.T) {
	m := graduatePostsModel(t, workforce.PostsNewPosts)
	det, mc := both(t, m, 3000)
	checkBoth(t, det, mc, 1, "system", ot, "5", "joiners_graduate", 12)
	checkBoth(t, det, mc, 1, "system", ot, "5", "establishment_fte", 25+12)
	// Each hire brings its own post: the 5 vacancies are there in every run.
	for _, res := range []*Result{det, mc} {
		got, mcse := mean(t, res, 1, "system", ot, "5", "vacancies_fte")
		assert.InDelta(t, 5, got, 1e-9)
		assert.InDelta(t, 0, mcse, 1e-9, "the same in every run")
	}
}

func TestNewPostsAreAtTheCellsFTEPerHead(t *testing.T) {
	m := graduatePostsModel(t, workforce.PostsNewPosts)
	m.Cells[0].FTEPerHead = 0.8
	m.Cells[0].Establishment = 16 // 20 heads x 0.8: no vacancy
	det := run(t, m, Settings{Deterministic: true})
	got, _ := mean(t, det, 1, "system", ot, "5", "establishment_fte")
	assert.InDelta(t, 16+12*0.8, got, 1e-9)
	got, _ = mean(t, det, 1, "system", ot, "5", "vacancies_fte")
	assert.InDelta(t, 0, got, 1e-9)
}

func TestGraduatesIntoVacanciesByDefault(t *testing.T) {
	// The default is unchanged: at most the 5 vacancies are filled.
	det := run(t, graduatePostsModel(t, workforce.PostsVacancies), Settings{Deterministic: true})
	got, _ := mean(t, det, 1, "system", ot, "5", "joiners_graduate")
	assert.InDelta(t, 5, got, 1e-9)
}

func TestGraduateCohortIntoBand6(t *testing.T) {
	// A profession whose graduates start at Band 6: the cohort's cell is
	// Band 6, whose 4 vacancies are filled; Band 5 is untouched.
	m := newTestModel(t, 1, 12, [3]int{10, 10, 0}, [3]float64{20, 14, 0})
	m.Graduates = append(m.Graduates, workforce.GraduateCohort{Cell: 1, Month: 9,
		Size: m.param(30, 0, 1e6), Conversion: m.prob(0.15)})
	det, mc := both(t, m, 2000)
	want := 0.0
	for k := 0; k <= 30; k++ {
		want += math.Min(float64(k), 4) * binomialPMF(30, 0.15, k)
	}
	got, _ := mean(t, det, 1, "system", ot, "6", "joiners_graduate")
	assert.InDelta(t, 4, got, 1e-9, "expected value: min(4.5, 4)")
	got, mcse := mean(t, mc, 1, "system", ot, "6", "joiners_graduate")
	assertWithinMCSE(t, want, got, mcse, "Band 6 graduates hired")
	checkBoth(t, det, mc, 1, "system", ot, "5", "joiners_graduate", 0)
	checkBoth(t, det, mc, 1, "system", ot, "5", "in_post_hc", 10)
}

func TestStudentGraduatesSupernumerary(t *testing.T) {
	// No posts at all, a supply-only projection: all the willing graduates
	// of the 2025 intake of 20 (no drop-out) join Band 6 in September 2028.
	m := newDynamicsModel(t, 4, [4]int{0, 0, 0, 0})
	m.Students = append(m.Students, workforce.StudentProgramme{Name: "BSc OT", To: cA6, Places: m.count(20),
		IntakeMonth: 9, DurationMonths: 36, DropoutRate: workforce.NoParam, Conversion: m.prob(0.5),
		PlacementCapacity: workforce.NoParam, Posts: workforce.PostsSupernumerary})
	det, mc := both(t, m, 2000)
	checkBoth(t, det, mc, 4, "a", occ, "6", "joiners_graduate", 10)
	checkBoth(t, det, mc, 4, "a", occ, "6", "graduates_lost", 10)
	checkBoth(t, det, mc, 4, "a", occ, "6", "establishment_fte", 0)
	checkBoth(t, det, mc, 4, "a", occ, "5", "joiners_graduate", 0)
}

func TestQualifiedApprenticesIntoNewPosts(t *testing.T) {
	// Apprentices qualify whatever the vacancies; with NewPosts each brings
	// a funded post, so the registered cell's vacancies stay at 0.
	for _, newPosts := range []bool{false, true} {
		m := newDynamicsModel(t, 2, [4]int{100, 10, 0, 0})
		m.Cells[cA5].Establishment = 10
		m.Apprenticeships = append(m.Apprenticeships, workforce.Apprenticeship{Name: "OT degree apprenticeship",
			From: cSupport, To: cA5, Intake: m.count(6), Month: 3, DurationMonths: 12,
			DropoutRate: workforce.NoParam, StudyShare: 0.2, NewPosts: newPosts})
		det, mc := both(t, m, 500)
		// The March 2025 intake of 6 qualifies in March 2026.
		checkBoth(t, det, mc, 2, "a", occ, "5", "in_post_hc", 16)
		est, vac := 10.0, -6.0
		if newPosts {
			est, vac = 16, 0
		}
		checkBoth(t, det, mc, 2, "a", occ, "5", "establishment_fte", est)
		checkBoth(t, det, mc, 2, "a", occ, "5", "vacancies_fte", vac)
	}
}
