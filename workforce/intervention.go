package sim

import "github.com/ahpsim/ahpsim/workforce"

// Lever is the quantity an intervention changes.
type Lever int

// The levers. Cell levers apply to Intervention.Cells; rule levers to
// Intervention.Rules, indices into the model's list named in the comment.
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
	NumLevers
)

var leverNames = [NumLevers]string{
	"leaver_rate", "recruitment_fill", "establishment", "sickness", "agency_share",
	"international_first_year_leaver_rate", "retirement_rate", "promotion_apply",
	"graduate_conversion", "graduate_cohort", "student_places", "apprentice_intake",
	"international_offers", "returners", "rotation_share", "rotation_leaver_rate",
}

func (l Lever) String() string { return leverNames[l] }

// CellLever reports whether the lever applies to cells (else to rules).
func (l Lever) CellLever() bool { return l <= LeverRetirementRate }

// ParseLever reads a lever name.
func ParseLever(s string) (Lever, bool) {
	for i, n := range leverNames {
		if n == s {
			return Lever(i), true
		}
	}
	return 0, false
}

// LeverNames lists every lever name, for messages.
func LeverNames() []string { return append([]string(nil), leverNames[:]...) }

// Mode says how an intervention's Value changes its lever.
type Mode int

const (
	// Scale multiplies the lever by Value (0.8 = 20% less).
	Scale Mode = iota
	// Add adds Value (for LeverEstablishment: FTE of new posts, which may
	// grow a role from zero).
	Add
	// Set replaces the lever by Value.
	Set
)

// Profile is how an intervention's effect builds up from its start.
type Profile int

const (
	// Step: full effect from the start month.
	Step Profile = iota
	// Linear: rises evenly to full effect over RampMonths.
	Linear
	// FrontLoaded: most of the effect early: 1 - (1-u)^2 over RampMonths.
	FrontLoaded
	// BackLoaded: most of the effect late: u^2 over RampMonths.
	BackLoaded
)

// Intervention changes one lever, for some cells or rules, from Start
// (to End, exclusive; 0 for no end), building up by Profile. It may carry
// costs: OneOffCost when it starts and AnnualCost a year while active
// (scaled by how far the effect has built up).
type Intervention struct {
	Name       string
	Lever      Lever
	Cells      []int
	Rules      []int
	Mode       Mode
	Value      ParamID
	Start, End workforce.Month
	Profile    Profile
	RampMonths int
	OneOffCost ParamID // pounds; NoParam for none
	AnnualCost ParamID // pounds a year; NoParam for none
}

// effect returns how much of the intervention's change applies in the
// step that starts in month m: 0 before Start and from End, then rising
// to 1 by its profile. u counts the months of the step's start since Start,
// plus one, over RampMonths.
func (iv *Intervention) effect(m workforce.Month) float64 {
	if m < iv.Start || iv.End != 0 && m >= iv.End {
		return 0
	}
	if iv.Profile == Step || iv.RampMonths <= 0 {
		return 1
	}
	u := min(1, float64(m-iv.Start+1)/float64(iv.RampMonths))
	switch iv.Profile {
	case FrontLoaded:
		return 1 - (1-u)*(1-u)
	case BackLoaded:
		return u * u
	}
	return u
}

// stepEffect is the mean effect over the n months of the step that
// starts in month first: the share of the step an intervention is in
// force for, weighted by its profile. It is effect(first) for a monthly
// step.
func (iv *Intervention) stepEffect(first workforce.Month, n int) float64 {
	if n == 1 {
		return iv.effect(first)
	}
	sum := 0.0
	for k := range n {
		sum += iv.effect(first + workforce.Month(k))
	}
	return sum / float64(n)
}

// apply changes a base value by the intervention's value x at effect f.
func (iv *Intervention) apply(base, x, f float64) float64 {
	switch iv.Mode {
	case Scale:
		return base * (1 + f*(x-1))
	case Add:
		return base + f*x
	}
	return base + f*(x-base)
}

// ruleTarget returns the cell that rule r of a rule lever leads to.
func (m *Model) ruleTarget(lv Lever, r int) int {
	switch lv {
	case LeverPromotionApply:
		return m.Promotions[r].To
	case LeverGraduateConversion, LeverGraduateSize:
		return m.Graduates[r].Cell
	case LeverStudentPlaces:
		return m.Students[r].To
	case LeverApprenticeIntake:
		return m.Apprenticeships[r].To
	case LeverInternationalOffers:
		return m.International[r].To
	case LeverReturners:
		return m.Returners[r].To
	case LeverRotationShare, LeverRotationLeaving:
		return m.Rotations[r].Cells[0]
	}
	return -1
}

// ruleCount returns how many rules a rule lever can index (0 for cell levers).
func (m *Model) ruleCount(lv Lever) int {
	switch lv {
	case LeverPromotionApply:
		return len(m.Promotions)
	case LeverGraduateConversion, LeverGraduateSize:
		return len(m.Graduates)
	case LeverStudentPlaces:
		return len(m.Students)
	case LeverApprenticeIntake:
		return len(m.Apprenticeships)
	case LeverInternationalOffers:
		return len(m.International)
	case LeverReturners:
		return len(m.Returners)
	case LeverRotationShare, LeverRotationLeaving:
		return len(m.Rotations)
	}
	return 0
}
