package workforce

// ParamID refers to an entry of Model.Params: ParamID i is Params[i-1],
// so that the zero value, NoParam, means "this flow is switched off"
// wherever a ParamID is optional. Use AddParam to add one.
type ParamID int

// NoParam marks an absent optional parameter. It is the zero value.
const NoParam ParamID = 0

// AddParam appends a parameter and returns its ParamID.
func (m *Model) AddParam(d Dist) ParamID {
	m.Params = append(m.Params, d)
	return ParamID(len(m.Params))
}

// Param returns the parameter id refers to; id must not be NoParam.
func (m *Model) Param(id ParamID) Dist { return m.Params[id-1] }

// Model is a compiled scenario: everything the engine needs, already
// validated, with every quantity indexed by cell. Build one with package
// scenario (from YAML or from Go), or by hand and check it with Validate.
//
// Rates are annual fractions unless a field says otherwise; the engine
// converts them to the step exactly (see docs/model.md).
type Model struct {
	Name        string
	Description string
	Layout      *Layout

	Start       Month // first month simulated
	StepMonths  int   // 1 (monthly), 3 (quarterly) or 12 (annual)
	Steps       int   // horizon in steps
	ReportEvery int   // steps between reported dates (>= 1)

	// Params holds every numeric input that may be uncertain. Each is drawn
	// once per run (or replaced by its mean in expected-value mode).
	Params []Dist

	// Cells has one entry per Layout.Cells entry, in the same order.
	Cells []CellSpec

	// Destinations names where leavers go, for reporting (e.g. "other_nhs",
	// "outside_nhs", "retirement"). Empty means leavers are not split.
	Destinations []string

	Transitions []Transition
	Promotions  []Promotion
	Graduates   []GraduateCohort
	NewPosts    []NewPosts

	// The supply pipelines: stocks in training or in transit that are not
	// yet staff in post of the cell they lead to (docs/model.md).
	Apprenticeships []Apprenticeship
	Students        []StudentProgramme
	International   []InternationalRecruitment
	Returners       []ReturnToPractice

	// AgeGroups divides staff into coarse age groups, youngest first. Empty
	// means age is not modelled (no retirement by age).
	AgeGroups []AgeGroup
	// JoinerAges gives, per source of joiners, the share of joiners in
	// each age group (len(AgeGroups) each; nil rows mean "like the cell's
	// starting staff").
	JoinerAges [NumSources][]float64

	Rotations   []Rotation
	Portability []Portability
	Costs       Costs

	// Interventions change parameters and posts over time.
	Interventions []Intervention

	// Inert lists rules that are in the model only so that its lists of
	// rules, parameters and random streams are those of the models it is
	// compared with: the mechanisms other options add (see package
	// scenario, options). An inert rule acts as if its quantity were 0
	// (InertLever), and an inert pipeline starts empty; no intervention may
	// change it.
	Inert []RuleRef
}

// CellSpec is the starting state and the per-cell flows of one cell.
type CellSpec struct {
	Headcount     int     // staff in post at the start (heads)
	FTEPerHead    float64 // mean FTE of one head (1.0 = 37.5 hours a week), in (0, 1]
	Establishment float64 // funded posts at the start, FTE (>= 0)
	// InitialSpreadMonths spreads the starting staff evenly over months in
	// band 0 .. InitialSpreadMonths-1 (0 means the engine default, 36).
	InitialSpreadMonths int

	LeaverRate ParamID // annual leaver rate (NHS published definition: docs/model.md); NoParam for none
	// DestinationShares splits leavers across Model.Destinations (sums to 1);
	// nil when the model has no destinations.
	DestinationShares []float64
	// RecruitFill is the monthly probability that each vacancy (in heads) is
	// filled by an external recruit; NoParam for no external recruitment.
	RecruitFill ParamID
	// EstablishmentGrowth is the annual fractional growth of funded posts
	// (compounded each step); NoParam for none.
	EstablishmentGrowth ParamID

	// AgeShares splits the starting staff over Model.AgeGroups (sums to 1);
	// nil when age is not modelled.
	AgeShares []float64
	// RetirementRate is the annual rate of retiring, per age group;
	// NoParam entries (or a nil slice) mean none.
	RetirementRate []ParamID
	// Sickness is the share of in-post FTE lost to sickness absence; it
	// reduces effective FTE without creating a vacancy. NoParam for none.
	Sickness ParamID
	// RampUpMonths is how long a new starter from outside the system takes
	// to hold a full caseload, during which they work at RampUpEffectiveness
	// (a share of a full caseload). 0 for no ramp-up.
	RampUpMonths        int
	RampUpEffectiveness ParamID
	// InternationalFirstYearLeaverRate replaces LeaverRate for international
	// recruits in their first 12 months in post (annual rate); NoParam means
	// they leave like everyone else.
	InternationalFirstYearLeaverRate ParamID
	// AgencyShare is the share of vacant FTE covered by agency and bank
	// staff (reported as agency_fte and costed); NoParam for none.
	AgencyShare ParamID
	// TimeInPostLeaverRates replaces LeaverRate in the first months in
	// post (months in the cell's band: promotion or a move to another cell
	// restarts the clock), shortest first: band j applies while time in
	// post is under its UnderMonths and at least the band before's. After
	// the last band LeaverRate applies (none when it is NoParam). Nil for
	// a leaver rate that does not depend on time in post.
	TimeInPostLeaverRates []TimeInPostRate
}

// TimeInPostRate is the annual leaver rate of staff whose time in post is
// under UnderMonths months (and at least the previous band's).
type TimeInPostRate struct {
	UnderMonths int
	Rate        ParamID
}

// Transition is a "push" move at an annual rate from one cell to another:
// regrading, moves between professions or organisations. It competes with
// leaving and other transitions out of the same cell.
type Transition struct {
	From, To int     // cell indices
	Rate     ParamID // annual rate of the move (published definition)
}

// Promotion is a "pull" move into vacancies: staff who have been in From
// for at least MinMonths apply with a monthly probability, and as many
// move as there are vacant posts (in heads) in To. Within a profession To
// is the next band of the same organisation; a pull move across
// professions (a Band 7 physiotherapist into a Band 8a first contact
// practitioner post, a support worker into a registered post) goes to any
// band of another profession in the same organisation (see Across).
// Both are taken together, by target band (see docs/model.md).
type Promotion struct {
	From, To  int
	MinMonths int
	ApplyProb ParamID // monthly probability that an eligible head applies
}

// GraduateCohort is an annual cohort of newly qualified graduates of one
// profession arriving in a given month. A share of them would take a local
// post (Conversion); Posts says whether they are hired only into the
// vacancies of Cell (the rest are lost to the system) or all of them.
type GraduateCohort struct {
	Cell       int     // the cell graduates join, usually Band 5 of their profession
	Month      int     // month of the year they arrive, 1-12
	Size       ParamID // graduates per year (heads; rounded to whole heads per run)
	Conversion ParamID // share who would take a local post, in [0, 1]
	// FirstYear and LastYear bound the years with a cohort (0 = no bound).
	FirstYear, LastYear int
	// Posts says which posts the willing graduates take (zero: vacancies only).
	Posts Posts
}

// NewPosts adds funded posts to a cell from a month on (demand growth or
// new services). A cell may start with no establishment at all.
type NewPosts struct {
	Cell int
	From Month
	FTE  ParamID // FTE added (may be negative to remove posts)
}
