package workforce

import "fmt"

// RuleRef names one rule of a model: its list and its index there.
type RuleRef struct {
	List  RuleList
	Index int
}

// inertLists are the lists whose rules may be inert, each with the lever
// that inertness sets to zero.
var inertLists = map[RuleList]Lever{
	RulePromotions:      LeverPromotionApply,
	RuleGraduates:       LeverGraduateSize,
	RuleStudents:        LeverStudentPlaces,
	RuleApprenticeships: LeverApprenticeIntake,
	RuleInternational:   LeverInternationalOffers, // and every campaign's offers
	RuleReturners:       LeverReturners,
	RuleRotations:       LeverRotationShare,
	RuleTransitions:     LeverTransitionRate,
}

// InertLever is the lever that an inert rule of list l holds at zero
// (for international recruitment, its campaigns' offers too), and false
// for a list whose rules cannot be inert.
func InertLever(l RuleList) (Lever, bool) {
	lv, ok := inertLists[l]
	return lv, ok
}

// IsInert reports whether rule i of list l is listed in m.Inert, and so
// does nothing.
func (m *Model) IsInert(l RuleList, i int) bool {
	for _, r := range m.Inert {
		if r.List == l && r.Index == i {
			return true
		}
	}
	return false
}

// validateInert checks the inert rules, and that no intervention changes
// one (which could bring it to life).
func (v *validator) validateInert() {
	m := v.m
	for _, r := range m.Inert {
		lv, ok := InertLever(r.List)
		if !ok || r.Index < 0 || r.Index >= m.RuleCount(lv) {
			v.bad("inert rule %d of list %d: no such rule", r.Index, int(r.List))
		}
	}
	if len(m.Inert) == 0 {
		return
	}
	for i, iv := range m.Interventions {
		if iv.Lever.CellLever() || iv.Lever == LeverEstablishment {
			continue
		}
		for _, r := range iv.Rules {
			if r < 0 || r >= m.RuleCount(iv.Lever) {
				continue // reported by validateInterventions
			}
			list, idx := iv.Lever.Rules(), r
			if list == RuleCampaigns {
				list = RuleInternational
				idx, _ = m.Campaign(r)
			}
			if m.IsInert(list, idx) {
				v.bad("%s", fmt.Sprintf("intervention %d (%s): changes rule %d, which is inert", i, iv.Name, r))
			}
		}
	}
}
