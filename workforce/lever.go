package workforce

import (
	"fmt"
	"math"
	"strings"
)

// Lever is the quantity an intervention changes.
type Lever int

// The levers. Cell levers apply to Intervention.Cells; rule levers to
// Intervention.Rules, indices into the model's list named in the comment.
// The numbers are part of the random-number contract (the engine's
// streams and lever slots are laid out in this order): do not renumber.
const (
	LeverLeaverRate                    Lever = iota // cell: annual leaver rate
	LeverRecruitFill                                // cell: monthly fill probability
	LeverEstablishment                              // cell: FTE of posts added (Add) or scaled (Scale)
	LeverSickness                                   // cell: sickness absence share
	LeverAgencyShare                                // cell: share of vacancies covered by agency
	LeverInternationalFirstYearLeaving              // cell: first-year leaver rate of international recruits
	LeverRetirementRate                             // cell: retirement rate (every age group)
	LeverPromotionApply                             // rule (Promotions): monthly apply probability
	LeverGraduateConversion                         // rule (Graduates): conversion share
	LeverGraduateSize                               // rule (Graduates): cohort size
	LeverStudentPlaces                              // rule (Students): commissioned places
	LeverApprenticeIntake                           // rule (Apprenticeships): intake
	LeverInternationalOffers                        // rule (International): offers per month
	LeverReturners                                  // rule (Returners): returners per year
	LeverRotationShare                              // rule (Rotations): share of joiners in rotational posts
	LeverRotationLeaving                            // rule (Rotations): leaver rate while rotating
	LeverTransitionRate                             // rule (Transitions): annual rate of a push move
	LeverRotationLeaveAtEnd                         // rule (Rotations): probability of leaving when a rotation ends
	LeverCampaignOffers                             // rule (Campaigns): offers of a one-off campaign
	LeverStudentConversion                          // rule (Students): share of graduates who would take a local post
	LeverStudentDropout                             // rule (Students): annual drop-out rate
	LeverApprenticeDropout                          // rule (Apprenticeships): annual drop-out rate
	LeverInternationalWithdrawal                    // rule (International): annual withdrawal rate in transit
	LeverReturnerDropout                            // rule (Returners): annual drop-out rate while supervised
	LeverPlacementCapacity                          // rule (Students): placement capacity, students a year
	LeverRampUpEffectiveness                        // cell: share of a full caseload new starters work while ramping up
	LeverPortabilityShare                           // rule (Portability): share of staff beyond establishment who may cover
	NumLevers
)

// RuleList names the list of a Model's rules that a rule lever indexes.
type RuleList int

// The rule lists. Rules in the lists from RuleStudents on have names.
const (
	NoRules             RuleList = iota // a cell lever
	RulePromotions                      // Model.Promotions
	RuleGraduates                       // Model.Graduates
	RuleStudents                        // Model.Students
	RuleApprenticeships                 // Model.Apprenticeships
	RuleInternational                   // Model.International
	RuleReturners                       // Model.Returners
	RuleRotations                       // Model.Rotations
	RuleTransitions                     // Model.Transitions
	// RuleCampaigns is every campaign of Model.International, in order of
	// recruitment then campaign (see Model.Campaign); a campaign is named
	// by its recruitment.
	RuleCampaigns
	RulePortability // Model.Portability
)

// Named reports whether the rules of the list have names (pipelines,
// rotations and campaigns, by their recruitment's name), so that an
// intervention may pick them by name.
func (r RuleList) Named() bool {
	return r >= RuleStudents && r <= RuleRotations || r == RuleCampaigns
}

// levers holds every fact about each lever, indexed by Lever.
var levers = [NumLevers]struct {
	name  string
	rules RuleList // NoRules for a cell lever
	// count marks a count (FTE, heads), in [0, ∞), rather than a
	// probability or share, in [0, 1].
	count bool
	// needs is what a cell or rule must have for the lever to change it,
	// for "matches nothing" messages ("want at least one ...").
	needs string
}{
	LeverLeaverRate:                    {"leaver_rate", NoRules, false, "cell with a leaver_rate"},
	LeverRecruitFill:                   {"recruitment_fill", NoRules, false, "cell with a recruitment.monthly_fill"},
	LeverEstablishment:                 {"establishment", NoRules, true, "cell"},
	LeverSickness:                      {"sickness", NoRules, false, "cell with a sickness_absence"},
	LeverAgencyShare:                   {"agency_share", NoRules, false, "cell with an agency_share"},
	LeverInternationalFirstYearLeaving: {"international_first_year_leaver_rate", NoRules, false, "cell with an international_first_year_leaver_rate"},
	LeverRetirementRate:                {"retirement_rate", NoRules, false, "cell with retirement_rates"},
	LeverPromotionApply:                {"promotion_apply", RulePromotions, false, "promotion into the selected cells"},
	LeverGraduateConversion:            {"graduate_conversion", RuleGraduates, false, "graduate cohort into the selected cells"},
	LeverGraduateSize:                  {"graduate_cohort", RuleGraduates, true, "graduate cohort into the selected cells"},
	LeverStudentPlaces:                 {"student_places", RuleStudents, true, "student programme"},
	LeverApprenticeIntake:              {"apprentice_intake", RuleApprenticeships, true, "apprenticeship"},
	LeverInternationalOffers:           {"international_offers", RuleInternational, true, "international recruitment with offers_per_month"},
	LeverReturners:                     {"returners", RuleReturners, true, "return-to-practice scheme"},
	LeverRotationShare:                 {"rotation_share", RuleRotations, false, "rotation"},
	LeverRotationLeaving:               {"rotation_leaver_rate", RuleRotations, false, "rotation with a leaver_rate"},
	LeverTransitionRate:                {"transition_rate", RuleTransitions, false, "transition into the selected cells"},
	LeverRotationLeaveAtEnd:            {"rotation_leave_at_end", RuleRotations, false, "rotation with a leave_at_end"},
	LeverCampaignOffers:                {"campaign_offers", RuleCampaigns, true, "international recruitment with campaigns"},
	LeverStudentConversion:             {"student_conversion", RuleStudents, false, "student programme"},
	LeverStudentDropout:                {"student_dropout_rate", RuleStudents, false, "student programme with a dropout_rate"},
	LeverApprenticeDropout:             {"apprentice_dropout_rate", RuleApprenticeships, false, "apprenticeship with a dropout_rate"},
	LeverInternationalWithdrawal:       {"international_withdrawal_rate", RuleInternational, false, "international recruitment with a withdrawal_rate"},
	LeverReturnerDropout:               {"returner_dropout_rate", RuleReturners, false, "return-to-practice scheme with a dropout_rate"},
	LeverPlacementCapacity:             {"placement_capacity", RuleStudents, true, "student programme with a placement_capacity"},
	LeverRampUpEffectiveness:           {"ramp_up_effectiveness", NoRules, false, "cell with a ramp_up"},
	LeverPortabilityShare:              {"portability_share", RulePortability, false, "portability into the selected cells"},
}

// valid reports whether l is one of the levers.
func (l Lever) valid() bool { return l >= 0 && l < NumLevers }

func (l Lever) String() string {
	if !l.valid() {
		return fmt.Sprintf("Lever(%d)", int(l))
	}
	return levers[l].name
}

// CellLever reports whether the lever applies to cells (else to rules).
func (l Lever) CellLever() bool { return l.valid() && levers[l].rules == NoRules }

// Rules is the list of rules a rule lever indexes (NoRules for a cell lever).
func (l Lever) Rules() RuleList {
	if !l.valid() {
		return NoRules
	}
	return levers[l].rules
}

// Count reports whether the lever is a count (FTE, heads) rather than a
// probability or share.
func (l Lever) Count() bool { return l.valid() && levers[l].count }

// Range is the legal range of the lever's value after interventions:
// [0, ∞) for a count, [0, 1] for a probability or share.
func (l Lever) Range() (lo, hi float64) {
	if l.Count() {
		return 0, math.Inf(1)
	}
	return 0, 1
}

// Needs says what a cell or rule must have for the lever to change it.
func (l Lever) Needs() string {
	if !l.valid() {
		return "thing"
	}
	return levers[l].needs
}

// ParseLever reads a lever name.
func ParseLever(s string) (Lever, bool) {
	for i, lv := range levers {
		if lv.name == s {
			return Lever(i), true
		}
	}
	return 0, false
}

// LeverNames lists every lever name, for messages.
func LeverNames() []string {
	names := make([]string, NumLevers)
	for i, lv := range levers {
		names[i] = lv.name
	}
	return names
}

// MarshalText implements encoding.TextMarshaler.
func (l Lever) MarshalText() ([]byte, error) {
	if !l.valid() {
		return nil, fmt.Errorf("invalid lever %d", int(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. An unknown name is
// an *UnknownNameError.
func (l *Lever) UnmarshalText(text []byte) error {
	lv, ok := ParseLever(string(text))
	if !ok {
		names := LeverNames()
		return &UnknownNameError{What: "lever", Text: string(text), Names: names, Want: "want one of " + strings.Join(names, ", ")}
	}
	*l = lv
	return nil
}

// RuleCount returns how many rules a rule lever can index (0 for cell levers).
func (m *Model) RuleCount(lv Lever) int {
	switch lv.Rules() {
	case RulePromotions:
		return len(m.Promotions)
	case RuleGraduates:
		return len(m.Graduates)
	case RuleStudents:
		return len(m.Students)
	case RuleApprenticeships:
		return len(m.Apprenticeships)
	case RuleInternational:
		return len(m.International)
	case RuleReturners:
		return len(m.Returners)
	case RuleRotations:
		return len(m.Rotations)
	case RuleTransitions:
		return len(m.Transitions)
	case RulePortability:
		return len(m.Portability)
	case RuleCampaigns:
		n := 0
		for _, r := range m.International {
			n += len(r.Campaigns)
		}
		return n
	}
	return 0
}

// Campaign returns the recruitment and the campaign within it of rule r
// of RuleCampaigns (campaigns are numbered through the recruitments in
// order); -1, -1 when there is no such campaign.
func (m *Model) Campaign(r int) (recruitment, campaign int) {
	for i, rec := range m.International {
		if r >= 0 && r < len(rec.Campaigns) {
			return i, r
		}
		r -= len(rec.Campaigns)
	}
	return -1, -1
}

// RuleTarget returns the cell that rule r of a rule lever leads to (-1
// for a cell lever).
func (m *Model) RuleTarget(lv Lever, r int) int {
	switch lv.Rules() {
	case RulePromotions:
		return m.Promotions[r].To
	case RuleGraduates:
		return m.Graduates[r].Cell
	case RuleStudents:
		return m.Students[r].To
	case RuleApprenticeships:
		return m.Apprenticeships[r].To
	case RuleInternational:
		return m.International[r].To
	case RuleReturners:
		return m.Returners[r].To
	case RuleRotations:
		return m.Rotations[r].Cells[0]
	case RuleTransitions:
		return m.Transitions[r].To
	case RuleCampaigns:
		i, _ := m.Campaign(r)
		return m.International[i].To
	case RulePortability:
		return m.Portability[r].To
	}
	return -1
}
