package workforce_test

import (
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
)

// pullLayout is two organisations with occupational therapists and
// physiotherapists in bands 5 and 7: cells 0-3 in organisation a
// (OT 5, OT 7, physio 5, physio 7), 4-7 likewise in b.
func pullLayout(t *testing.T) *workforce.Layout {
	t.Helper()
	ot, _ := workforce.LookupProfession(workforce.OccupationalTherapist)
	ph, _ := workforce.LookupProfession(workforce.Physiotherapist)
	var cells []workforce.Cell
	for org := range 2 {
		for prof := range 2 {
			for _, b := range []workforce.Band{workforce.Band5, workforce.Band7} {
				cells = append(cells, workforce.Cell{Org: org, Prof: prof, Band: b})
			}
		}
	}
	l, err := workforce.NewLayout([]workforce.Organisation{{Key: "a"}, {Key: "b"}}, []workforce.Profession{ot, ph}, cells)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func pullModel(t *testing.T) *workforce.Model {
	m := &workforce.Model{Name: "pull", Layout: pullLayout(t), Start: workforce.NewMonth(2026, 4), StepMonths: 1, Steps: 12, ReportEvery: 12}
	for range m.Layout.Cells {
		m.Cells = append(m.Cells, workforce.CellSpec{Headcount: 5, FTEPerHead: 1, Establishment: 5})
	}
	return m
}

func TestValidatePullMoves(t *testing.T) {
	m := pullModel(t)
	apply := m.AddParam(workforce.FixedValue(0.1, 0, 1, "apply"))
	m.Promotions = []workforce.Promotion{
		{From: 3, To: 1, MinMonths: 24, ApplyProb: apply}, // physio 7 to OT 7: a lateral pull move
		{From: 2, To: 1, ApplyProb: apply},                // physio 5 to OT 7: skips bands, another profession
	}
	if err := m.Validate(); err != nil {
		t.Fatalf("pull moves across professions are valid: %v", err)
	}
	if !m.Promotions[0].Across(m.Layout) {
		t.Error("physio to OT is across professions")
	}
	m.Promotions = append(m.Promotions,
		workforce.Promotion{From: 3, To: 5, ApplyProb: apply}, // to organisation b
		workforce.Promotion{From: 0, To: 0, ApplyProb: apply}, // from == to
		workforce.Promotion{From: 2, To: 8, ApplyProb: apply}) // no such cell
	want := []string{
		"promotion 2: a/physiotherapist/7 to b/occupational_therapist/7 moves between organisations (want the same organisation: pull moves stay within one)",
		"promotion 3: a/occupational_therapist/5 to a/occupational_therapist/5 is not a move to the next band of the same profession and organisation",
		"promotion 4: cell 8 out of range",
	}
	got := m.Validate()
	if got == nil || got.Error() != strings.Join(want, "\n") {
		t.Errorf("got\n%v\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

func TestValidateGraduatePosts(t *testing.T) {
	m := pullModel(t)
	size := m.AddParam(workforce.FixedValue(10, 0, 100, "size"))
	share := m.AddParam(workforce.FixedValue(0.5, 0, 1, "share"))
	m.Graduates = []workforce.GraduateCohort{{Cell: 1, Month: 9, Size: size, Conversion: share, Posts: workforce.PostsSupernumerary}}
	m.Students = []workforce.StudentProgramme{{Name: "s", To: 3, Places: size, IntakeMonth: 9, DurationMonths: 36,
		Conversion: share, Posts: workforce.PostsNewPosts}}
	if err := m.Validate(); err != nil {
		t.Fatalf("graduates into Band 7, beyond vacancies, are valid: %v", err)
	}
	m.Graduates[0].Posts = 7
	m.Students[0].Posts = -1
	want := "graduate cohort 0: unknown posts 7 (want vacancies, new_posts or supernumerary)\n" +
		"student programme 0 (s): unknown posts -1 (want vacancies, new_posts or supernumerary)"
	if err := m.Validate(); err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestPostsText(t *testing.T) {
	for _, p := range []workforce.Posts{workforce.PostsVacancies, workforce.PostsNewPosts, workforce.PostsSupernumerary} {
		text, err := p.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back workforce.Posts
		if err := back.UnmarshalText(text); err != nil || back != p {
			t.Errorf("%v: round trip gave %v, %v", p, back, err)
		}
	}
	var p workforce.Posts
	if err := p.UnmarshalText([]byte("all_willing")); err == nil || !strings.Contains(err.Error(), "want vacancies, new_posts or supernumerary") {
		t.Errorf("unknown name: %v", err)
	}
	if _, err := workforce.Posts(9).MarshalText(); err == nil {
		t.Error("invalid posts marshalled")
	}
}
