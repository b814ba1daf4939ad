package scenario_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// targetsYAML sends graduates beyond the vacancies and into other bands,
// apprentices into new posts, and staff across professions by pull moves.
const targetsYAML = `
name: Targets
simulation: {start: 2025-04, horizon_years: 1, runs: 20, seed: 3}
custom_roles:
  - {key: first_contact_practitioner, name: First contact practitioner}
workforce:
  - profession: support_worker
    bands: {4: {headcount: 30}}
    promotion:
      - {from: 4, to: {profession: paramedic, band: 5}, min_months: 6, monthly_apply: 0.01}
  - profession: paramedic
    bands:
      5: {headcount: 10, vacancy_rate: 0}
      6: {headcount: 20, vacancy_rate: 0}
    graduates:
      - {month: 9, cohort: 12, conversion: 0.5, band: 6, posts: supernumerary}
      - {month: 9, cohort: 5, conversion: 1, posts: new_posts}
  - profession: physiotherapist
    bands:
      6: {headcount: 10}
      7: {headcount: 10}
    promotion:
      - {from: 6, min_months: 12, monthly_apply: 0.02}
      - {from: 7, to: {profession: first_contact_practitioner, band: 8a}, min_months: 24, monthly_apply: 0.03}
  - profession: first_contact_practitioner
    bands: {8a: {headcount: 0, establishment_fte: 3}}
pipelines:
  apprenticeships:
    - {name: paramedic_apprentices, from: {profession: support_worker, band: 4}, to: {profession: paramedic}, posts: new_posts,
       intake_per_year: 2, intake_month: 9, duration_months: 24}
  students:
    - {name: paramedic_science, to: {profession: paramedic, band: 6}, posts: supernumerary,
       places_per_year: 10, intake_month: 9, duration_months: 36, conversion: 0.6}
interventions:
  - {name: fcp_push, lever: promotion_apply, applies_to: {professions: [first_contact_practitioner]}, mode: scale, value: 2, start: 2025-04}
  - {name: band6_cohorts, lever: graduate_conversion, applies_to: {bands: [6]}, mode: set, value: 0.7, start: 2025-04}
`

func TestGraduateTargetsAndPullMovesCompile(t *testing.T) {
	f, err := scenario.Parse("targets.yaml", []byte(targetsYAML))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	l := m.Layout
	cell := func(prof string, band workforce.Band) int {
		return l.Index(workforce.Cell{Prof: l.ProfIndex(prof), Band: band})
	}
	para5, para6 := cell(workforce.Paramedic, workforce.Band5), cell(workforce.Paramedic, workforce.Band6)
	require.Len(t, m.Graduates, 2)
	assert.Equal(t, para6, m.Graduates[0].Cell, "the first cohort joins Band 6")
	assert.Equal(t, workforce.PostsSupernumerary, m.Graduates[0].Posts)
	assert.Equal(t, para5, m.Graduates[1].Cell, "Band 5 by default")
	assert.Equal(t, workforce.PostsNewPosts, m.Graduates[1].Posts)
	require.Len(t, m.Students, 1)
	assert.Equal(t, para6, m.Students[0].To)
	assert.Equal(t, workforce.PostsSupernumerary, m.Students[0].Posts)
	require.Len(t, m.Apprenticeships, 1)
	assert.Equal(t, para5, m.Apprenticeships[0].To)
	assert.True(t, m.Apprenticeships[0].NewPosts)

	// Promotions in entry order: the support worker's pull move, the
	// physiotherapists' promotion, then their pull move.
	require.Len(t, m.Promotions, 3)
	sw4 := cell(workforce.SupportWorker, workforce.Band4)
	ph6, ph7 := cell(workforce.Physiotherapist, workforce.Band6), cell(workforce.Physiotherapist, workforce.Band7)
	fcp8a := cell("first_contact_practitioner", workforce.Band8a)
	assert.Equal(t, [][2]int{{sw4, para5}, {ph6, ph7}, {ph7, fcp8a}},
		[][2]int{{m.Promotions[0].From, m.Promotions[0].To}, {m.Promotions[1].From, m.Promotions[1].To}, {m.Promotions[2].From, m.Promotions[2].To}})
	assert.Equal(t, []bool{true, false, true}, []bool{m.Promotions[0].Across(l), m.Promotions[1].Across(l), m.Promotions[2].Across(l)})
	assert.Equal(t, 24, m.Promotions[2].MinMonths)
	assert.Equal(t, "system/physiotherapist/7.promotion.system/first_contact_practitioner/8a.monthly_apply", m.Param(m.Promotions[2].ApplyProb).Name)

	// Rule levers select pull moves by their target and cohorts by their band.
	assert.Equal(t, []int{2}, m.Interventions[0].Rules, "the pull move into first contact practice")
	assert.Equal(t, []int{0}, m.Interventions[1].Rules, "the Band 6 cohort")

	// And it runs, conserving heads.
	res, err := sim.Run(context.Background(), m, sim.Settings{Runs: 20, Seed: 3})
	require.NoError(t, err)
	all := res.GroupIndex("all", "all", "all")
	st := func(metric string) float64 { return res.Stats(1, all, res.MetricIndex(metric)).Mean }
	assert.InDelta(t, st("moves_in"), st("moves_out"), 1e-9)
	assert.Greater(t, st("moves_in"), 0.0)
}

func TestPromotionWithToOfTheSameProfession(t *testing.T) {
	// to naming the entry's own profession and the band above is a plain
	// promotion.
	src := `
name: Same
simulation: {start: 2025-04, horizon_years: 1}
workforce:
  - profession: dietitian
    bands: {5: {headcount: 4}, 6: {headcount: 4}}
    promotion:
      - {from: 5, to: {profession: dietitian, band: 6}, monthly_apply: 0.1}
`
	f, err := scenario.Parse("same.yaml", []byte(src))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	require.Len(t, m.Promotions, 1)
	assert.False(t, m.Promotions[0].Across(m.Layout))
	assert.Equal(t, "system/dietitian/5.promotion.monthly_apply", m.Param(m.Promotions[0].ApplyProb).Name)
}

func TestGraduatePostsInGo(t *testing.T) {
	// A File built in Go may hold posts numbers the YAML cannot.
	f, err := scenario.Parse("targets.yaml", []byte(targetsYAML))
	require.NoError(t, err)
	f.Workforce[1].Graduates[0].Posts = 9
	bad := workforce.Posts(7)
	f.Pipelines.Apprenticeships[0].Posts = &bad
	err = f.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "workforce[1].graduates[0].posts: unknown posts (got 9, want vacancies, new_posts or supernumerary)")
	assert.Contains(t, err.Error(), "pipelines.apprenticeships[0].posts: unknown posts (got 7, want supernumerary or new_posts)")
}
