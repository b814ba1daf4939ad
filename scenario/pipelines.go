package scenario

import "github.com/ahpsim/ahpsim/workforce"

// Pipelines are the supply pipelines: stocks in training or in transit
// that are not yet staff in post of the cell they lead to. Every pipeline
// has a name, unique among pipelines and rotations, by which interventions
// can pick it.
type Pipelines struct {
	Apprenticeships  []Apprenticeship           `yaml:"apprenticeships,omitempty"`
	Students         []StudentProgramme         `yaml:"students,omitempty"`
	International    []InternationalRecruitment `yaml:"international,omitempty"`
	ReturnToPractice []ReturnToPractice         `yaml:"return_to_practice,omitempty"`
}

// Apprenticeship is a degree apprenticeship ("grow our own"): support
// workers in From (a support role at band 2, 3 or 4) start training each
// year or each month, stay employed in From while they train, and qualify
// into the Band 5 cell To after DurationMonths.
type Apprenticeship struct {
	Name string  `yaml:"name"`
	From CellRef `yaml:"from"`
	// To is the registered Band 5 cell apprentices qualify into; its
	// organisation defaults to From's and its band to 5.
	To CellRef `yaml:"to"`
	// Exactly one of IntakePerYear (with IntakeMonth, 1-12) and
	// IntakePerMonth gives the starters, in heads.
	IntakePerYear  *Value `yaml:"intake_per_year,omitempty"`
	IntakeMonth    int    `yaml:"intake_month,omitempty"`
	IntakePerMonth *Value `yaml:"intake_per_month,omitempty"`
	// FundedPlaces caps the apprentices in training at once (0: no cap).
	FundedPlaces   int  `yaml:"funded_places,omitempty"`
	DurationMonths *int `yaml:"duration_months"`
	// DropoutRate is the annual probability of leaving the programme;
	// drop-outs go back to their support post unless DropoutsStay is
	// false (nil means true), when they leave the system.
	DropoutRate  *Value `yaml:"dropout_rate,omitempty"`
	DropoutsStay *bool  `yaml:"dropouts_stay,omitempty"`
	// StudyShare is the share of the apprentice's post given to study,
	// 0 to 1 (nil means 0.2), backfilled as Backfill says.
	StudyShare *float64           `yaml:"study_share,omitempty"`
	Backfill   workforce.Backfill `yaml:"backfill,omitempty"`
	// FundedFrom is the cell whose funded posts pay for the backfill, with
	// backfill: registered_post (required then, and only then).
	FundedFrom *CellRef `yaml:"funded_from,omitempty"`
	// FirstYear and LastYear bound the calendar years with intakes (0: no bound).
	FirstYear int `yaml:"first_year,omitempty"`
	LastYear  int `yaml:"last_year,omitempty"`
}

// StudentProgramme is pre-registration education: places commissioned a
// year, drop-out during the course, and graduates who take Band 5 posts in
// To by the rules of a graduate cohort (Conversion, vacancies).
type StudentProgramme struct {
	Name string `yaml:"name"`
	// To is the registered Band 5 cell graduates join (band defaults to 5).
	To             CellRef `yaml:"to"`
	PlacesPerYear  *Value  `yaml:"places_per_year"`
	IntakeMonth    int     `yaml:"intake_month"`
	DurationMonths *int    `yaml:"duration_months"`
	DropoutRate    *Value  `yaml:"dropout_rate,omitempty"` // annual
	Conversion     *Value  `yaml:"conversion"`
	// PlacementCapacity caps the intake (students a year) by the
	// placements the host services can offer. With
	// PlacementVacancyThreshold and PlacementSensitivity, services short of
	// staff take fewer students: the capacity is multiplied by
	// max(0, 1 - sensitivity x (vacancy rate of To - threshold)) when the
	// vacancy rate is above the threshold.
	PlacementCapacity         *Value   `yaml:"placement_capacity,omitempty"`
	PlacementVacancyThreshold *float64 `yaml:"placement_vacancy_threshold,omitempty"`
	PlacementSensitivity      *float64 `yaml:"placement_sensitivity,omitempty"`
	FirstYear                 int      `yaml:"first_year,omitempty"`
	LastYear                  int      `yaml:"last_year,omitempty"`
}

// InternationalRecruitment is offers to internationally educated staff:
// OffersPerMonth in the months FirstMonth to LastMonth, and one-off
// Campaigns. Accepted offers arrive in To after LeadMonths (visas,
// registration) unless withdrawn on the way.
type InternationalRecruitment struct {
	Name           string          `yaml:"name"`
	To             CellRef         `yaml:"to"`
	OffersPerMonth *Value          `yaml:"offers_per_month,omitempty"`
	FirstMonth     workforce.Month `yaml:"first_month,omitempty"`
	LastMonth      workforce.Month `yaml:"last_month,omitempty"`
	Campaigns      []Campaign      `yaml:"campaigns,omitempty"`
	LeadMonths     *int            `yaml:"lead_months"`
	WithdrawalRate *Value          `yaml:"withdrawal_rate,omitempty"` // annual, while in transit
}

// Campaign is a one-off batch of international offers, e.g. 10 OTs at once.
type Campaign struct {
	Month  workforce.Month `yaml:"month"`
	Offers *Value          `yaml:"offers"`
}

// ReturnToPractice is a small inflow of returners a year into To, after a
// supervised period, in the months FirstMonth to LastMonth.
type ReturnToPractice struct {
	Name             string          `yaml:"name"`
	To               CellRef         `yaml:"to"`
	PerYear          *Value          `yaml:"per_year"`
	SupervisedMonths *int            `yaml:"supervised_months"`
	DropoutRate      *Value          `yaml:"dropout_rate,omitempty"` // annual, while supervised
	FirstMonth       workforce.Month `yaml:"first_month,omitempty"`
	LastMonth        workforce.Month `yaml:"last_month,omitempty"`
}

// Rotation makes a share of the joiners of one profession and band
// rotational: they rotate every LengthMonths, Rotations times, through the
// same band of each organisation listed in turn (or within their one
// organisation), with their own leaver rate while rotating and a chance of
// leaving when each rotation ends.
type Rotation struct {
	Name       string          `yaml:"name"`
	Profession string          `yaml:"profession"`
	Band       *workforce.Band `yaml:"band"`
	// Organisations lists the organisations rotated through, in order;
	// one organisation means rotations within it. It may be left out when
	// the file has one organisation.
	Organisations  []string `yaml:"organisations,omitempty"`
	ShareOfJoiners *Value   `yaml:"share_of_joiners"`
	LengthMonths   int      `yaml:"length_months"`
	Rotations      int      `yaml:"rotations"`
	// LeaverRate is the annual leaver rate while rotating; nil means the
	// cell's own.
	LeaverRate *Value `yaml:"leaver_rate,omitempty"`
	// LeaveAtEnd is the probability of leaving when a rotation ends; nil
	// means none.
	LeaveAtEnd *Value `yaml:"leave_at_end,omitempty"`
}

// Portability is a staff portability arrangement: staff employed in From
// beyond its own establishment (up to Share of them) cover vacancies in
// To, or in the same profession and band of each of ToOrganisations, for
// up to MaxMonths from Start. It changes effective FTE only.
type Portability struct {
	From CellRef `yaml:"from"`
	// Exactly one of To (fields left out are From's) and ToOrganisations.
	To              *CellRef        `yaml:"to,omitempty"`
	ToOrganisations []string        `yaml:"to_organisations,omitempty"`
	Share           *Value          `yaml:"share"`
	Start           workforce.Month `yaml:"start,omitempty"`      // zero means the simulation start
	MaxMonths       *int            `yaml:"max_months,omitempty"` // nil means 12
}

// Costs are unit costs in pounds. Anything not given costs nothing.
type Costs struct {
	// AnnualPayPerFTE is the annual employer cost of one FTE (pay with
	// on-costs), by band.
	AnnualPayPerFTE map[workforce.Band]float64 `yaml:"annual_pay_per_fte,omitempty"`
	// AgencyPerHour is the cost of an hour of agency or bank cover, and
	// AnnualHoursPerFTE the hours one FTE works a year (nil means 1950,
	// 37.5 x 52).
	AgencyPerHour     *float64 `yaml:"agency_per_hour,omitempty"`
	AnnualHoursPerFTE *float64 `yaml:"annual_hours_per_fte,omitempty"`
	// RecruitmentPerHead is the cost of recruiting one joiner, by source
	// (external, graduate, international, return, apprentice).
	RecruitmentPerHead map[string]float64 `yaml:"recruitment_per_head,omitempty"`
	// StudentPerYear and ApprenticePerYear are training costs per head in
	// training a year.
	StudentPerYear    *float64 `yaml:"student_per_year,omitempty"`
	ApprenticePerYear *float64 `yaml:"apprentice_per_year,omitempty"`
}
