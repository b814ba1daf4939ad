package workforce_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
)

// TestLeverTable pins the facts of every lever, as the places that used
// to hold them had them (sim.Lever.CellLever, sim.leverRange,
// scenario.countLever, leverNeeds and leverKind), and the numbering the
// random-number contract depends on.
func TestLeverTable(t *testing.T) {
	counts := []workforce.Lever{workforce.LeverEstablishment, workforce.LeverGraduateSize, workforce.LeverStudentPlaces,
		workforce.LeverApprenticeIntake, workforce.LeverInternationalOffers, workforce.LeverReturners,
		workforce.LeverCampaignOffers, workforce.LeverPlacementCapacity}
	if workforce.LeverRetirementRate != 6 || workforce.LeverRotationLeaving != 15 ||
		workforce.LeverTransitionRate != 16 || workforce.LeverPlacementCapacity != 24 || workforce.LeverPortabilityShare != 26 || workforce.NumLevers != 27 {
		t.Fatal("levers renumbered")
	}
	names := workforce.LeverNames()
	for lv := range workforce.NumLevers {
		if got, ok := workforce.ParseLever(names[lv]); !ok || got != lv || lv.String() != names[lv] {
			t.Errorf("lever %d: name %q does not round-trip", int(lv), names[lv])
		}
		if lv.CellLever() != (lv <= workforce.LeverRetirementRate || lv == workforce.LeverRampUpEffectiveness) {
			t.Errorf("%v: CellLever %v", lv, lv.CellLever())
		}
		if lv.CellLever() != (lv.Rules() == workforce.NoRules) {
			t.Errorf("%v: CellLever %v but Rules %v", lv, lv.CellLever(), lv.Rules())
		}
		count := slices.Contains(counts, lv)
		lo, hi := lv.Range()
		if lv.Count() != count || lo != 0 || (hi == math.Inf(1)) != count || !count && hi != 1 {
			t.Errorf("%v: Count %v, Range [%v, %v]", lv, lv.Count(), lo, hi)
		}
		if lv.Needs() == "" || lv.Needs() == "thing" {
			t.Errorf("%v: no Needs", lv)
		}
	}
	named := map[workforce.Lever]bool{workforce.LeverStudentPlaces: true, workforce.LeverApprenticeIntake: true,
		workforce.LeverInternationalOffers: true, workforce.LeverReturners: true, workforce.LeverRotationShare: true, workforce.LeverRotationLeaving: true,
		workforce.LeverRotationLeaveAtEnd: true, workforce.LeverCampaignOffers: true, workforce.LeverStudentConversion: true,
		workforce.LeverStudentDropout: true, workforce.LeverApprenticeDropout: true, workforce.LeverInternationalWithdrawal: true,
		workforce.LeverReturnerDropout: true, workforce.LeverPlacementCapacity: true}
	for lv := range workforce.NumLevers {
		if lv.Rules().Named() != named[lv] {
			t.Errorf("%v: Named %v", lv, lv.Rules().Named())
		}
	}
	for _, bad := range []workforce.Lever{-1, workforce.NumLevers} {
		if bad.CellLever() || bad.Count() || bad.Rules() != workforce.NoRules || bad.Needs() != "thing" || bad.String() == "" {
			t.Errorf("lever %d out of range answers as a lever", int(bad))
		}
	}
	if names[0] = "changed"; workforce.LeverNames()[0] != "leaver_rate" {
		t.Error("LeverNames shares its table")
	}
}

// TestRuleCountAndTarget checks that each rule lever reads its own list.
func TestRuleCountAndTarget(t *testing.T) {
	m := &workforce.Model{
		Promotions:      []workforce.Promotion{{To: 1}},
		Graduates:       []workforce.GraduateCohort{{Cell: 2}, {Cell: 2}},
		Students:        []workforce.StudentProgramme{{To: 3}, {To: 3}, {To: 3}},
		Apprenticeships: []workforce.Apprenticeship{{To: 4}},
		International: []workforce.InternationalRecruitment{{To: 5},
			{To: 9, Campaigns: []workforce.Campaign{{Month: 1}, {Month: 2}}}},
		Returners:   []workforce.ReturnToPractice{{To: 6}},
		Rotations:   []workforce.Rotation{{Cells: []int{7, 8}}},
		Transitions: []workforce.Transition{{From: 0, To: 10}, {From: 1, To: 2}},
		Portability: []workforce.Portability{{From: 0, To: 11}},
	}
	tests := []struct {
		lv            workforce.Lever
		count, target int
	}{
		{workforce.LeverLeaverRate, 0, -1},
		{workforce.LeverPromotionApply, 1, 1},
		{workforce.LeverGraduateConversion, 2, 2},
		{workforce.LeverGraduateSize, 2, 2},
		{workforce.LeverStudentPlaces, 3, 3},
		{workforce.LeverApprenticeIntake, 1, 4},
		{workforce.LeverInternationalOffers, 2, 5},
		{workforce.LeverReturners, 1, 6},
		{workforce.LeverRotationShare, 1, 7},
		{workforce.LeverRotationLeaving, 1, 7},
		{workforce.LeverTransitionRate, 2, 10},
		{workforce.LeverRotationLeaveAtEnd, 1, 7},
		{workforce.LeverCampaignOffers, 2, 9},
		{workforce.LeverStudentConversion, 3, 3},
		{workforce.LeverStudentDropout, 3, 3},
		{workforce.LeverApprenticeDropout, 1, 4},
		{workforce.LeverInternationalWithdrawal, 2, 5},
		{workforce.LeverReturnerDropout, 1, 6},
		{workforce.LeverPlacementCapacity, 3, 3},
		{workforce.LeverRampUpEffectiveness, 0, -1},
		{workforce.LeverPortabilityShare, 1, 11},
	}
	for _, c := range tests {
		if got := m.RuleCount(c.lv); got != c.count {
			t.Errorf("RuleCount(%v) = %d, want %d", c.lv, got, c.count)
		}
		if got := m.RuleTarget(c.lv, 0); got != c.target {
			t.Errorf("RuleTarget(%v, 0) = %d, want %d", c.lv, got, c.target)
		}
	}
	for r, want := range [][2]int{{1, 0}, {1, 1}, {-1, -1}} {
		if i, j := m.Campaign(r); i != want[0] || j != want[1] {
			t.Errorf("Campaign(%d) = %d, %d, want %v", r, i, j, want)
		}
	}
}

// TestUnknownNames checks that the closed vocabularies reject unknown
// names with an *UnknownNameError that lists the valid ones, and leave
// the value unchanged.
func TestUnknownNames(t *testing.T) {
	lever, mode, profile, backfill := workforce.LeverSickness, workforce.Set, workforce.BackLoaded, workforce.BackfillRegisteredPost
	tests := []struct {
		u    interface{ UnmarshalText([]byte) error }
		what string
		msg  string
	}{
		{&lever, "lever", `unknown lever "x" (want one of leaver_rate, recruitment_fill, establishment, sickness, agency_share, international_first_year_leaver_rate, retirement_rate, promotion_apply, graduate_conversion, graduate_cohort, student_places, apprentice_intake, international_offers, returners, rotation_share, rotation_leaver_rate, transition_rate, rotation_leave_at_end, campaign_offers, student_conversion, student_dropout_rate, apprentice_dropout_rate, international_withdrawal_rate, returner_dropout_rate, placement_capacity, ramp_up_effectiveness, portability_share)`},
		{&mode, "mode", `unknown mode "x" (want scale, add or set)`},
		{&profile, "profile", `unknown profile "x" (want step, linear, front_loaded or back_loaded)`},
		{&backfill, "backfill", `unknown backfill "x" (want vacancy or registered_post)`},
	}
	for _, c := range tests {
		err := c.u.UnmarshalText([]byte("x"))
		var u *workforce.UnknownNameError
		if !errors.As(err, &u) || u.What != c.what || u.Text != "x" || len(u.Names) == 0 || err.Error() != c.msg {
			t.Errorf("%s: got %v", c.what, err)
		}
	}
	if lever != workforce.LeverSickness || mode != workforce.Set || profile != workforce.BackLoaded || backfill != workforce.BackfillRegisteredPost {
		t.Error("a failed UnmarshalText changed the value")
	}
	for _, name := range []string{"scale", "add", "set"} {
		var m workforce.Mode
		if err := m.UnmarshalText([]byte(name)); err != nil || m.String() != name {
			t.Errorf("mode %q: %v, %v", name, m, err)
		}
	}
	if workforce.Mode(3).Valid() || workforce.Profile(4).Valid() || workforce.Backfill(2).Valid() || workforce.Mode(-1).Valid() {
		t.Error("a value out of range is valid")
	}
}

// TestDistTable checks the one table of distributions: names, parameter
// names, parsing.
func TestDistTable(t *testing.T) {
	want := map[workforce.DistKind][]string{
		workforce.Fixed: {"value"}, workforce.Uniform: {"min", "max"}, workforce.Triangular: {"min", "mode", "max"},
		workforce.Normal: {"mean", "sd"}, workforce.Beta: {"alpha", "beta"}, workforce.LogNormal: {"mu", "sigma"},
	}
	names := workforce.DistNames()
	if !slices.Equal(names, []string{"fixed", "uniform", "triangular", "normal", "beta", "lognormal"}) {
		t.Fatalf("DistNames %v", names)
	}
	for k, params := range want {
		if !slices.Equal(k.Params(), params) || !k.Valid() {
			t.Errorf("%v: params %v, want %v", k, k.Params(), params)
		}
		if got, err := workforce.ParseDistKind(k.String()); err != nil || got != k {
			t.Errorf("%v does not round-trip: %v, %v", k, got, err)
		}
	}
	bad := workforce.DistKind(6)
	if bad.Valid() || bad.Params() != nil || bad.String() != "DistKind(6)" {
		t.Errorf("DistKind(6): %v %v", bad.Valid(), bad.Params())
	}
	if _, err := workforce.ParseDistKind("gauss"); err == nil || err.Error() != `unknown distribution "gauss" (want fixed, uniform, triangular, normal, beta or lognormal)` {
		t.Errorf("ParseDistKind(gauss): %v", err)
	}
}

// TestInterventionRange pins the range of an intervention's value, which
// Validate and package scenario both check.
func TestInterventionRange(t *testing.T) {
	tests := []struct {
		lv     workforce.Lever
		mode   workforce.Mode
		lo, hi float64
	}{
		{workforce.LeverLeaverRate, workforce.Scale, 0, workforce.MaxScale},
		{workforce.LeverLeaverRate, workforce.Add, -1, 1},
		{workforce.LeverLeaverRate, workforce.Set, 0, 1},
		{workforce.LeverEstablishment, workforce.Add, -workforce.MaxCellSize, workforce.MaxCellSize},
		{workforce.LeverEstablishment, workforce.Set, 0, workforce.MaxCellSize},
		{workforce.LeverReturners, workforce.Add, -workforce.MaxHeadsPerPeriod, workforce.MaxHeadsPerPeriod},
		{workforce.LeverStudentPlaces, workforce.Set, 0, workforce.MaxHeadsPerPeriod},
		{workforce.LeverRotationShare, workforce.Scale, 0, workforce.MaxScale},
	}
	for _, c := range tests {
		if lo, hi := workforce.InterventionRange(c.lv, c.mode); lo != c.lo || hi != c.hi {
			t.Errorf("InterventionRange(%v, %v) = [%v, %v], want [%v, %v]", c.lv, c.mode, lo, hi, c.lo, c.hi)
		}
	}
}
