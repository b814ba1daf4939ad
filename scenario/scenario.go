package scenario

import (
	"fmt"

	"github.com/ahpsim/ahpsim/workforce"
)

// File is a scenario document. It is also the Go way to build a scenario
// without YAML: fill a File and call Compile.
//
// Fields map one to one onto the YAML keys named in their tags; see
// docs/scenario-format.md for units, defaults and ranges. Optional numbers
// are pointers: nil means the key was not given and the default applies.
type File struct {
	Name        string     `yaml:"name"`
	Description string     `yaml:"description,omitempty"`
	Simulation  Simulation `yaml:"simulation"`
	// Organisations lists the employers. When empty the scenario has one
	// organisation, workforce.DefaultOrganisation ("system").
	Organisations []Organisation `yaml:"organisations,omitempty"`
	// CustomRoles declares professions beyond the standard 14 AHPs and
	// support workers (workforce.StandardProfessions).
	CustomRoles []Role `yaml:"custom_roles,omitempty"`
	// LeaverDestinations names where leavers go. When given, every
	// workforce entry says what share of its leavers goes where.
	LeaverDestinations []string `yaml:"leaver_destinations,omitempty"`

	// AgeGroups divides staff into coarse age groups, youngest first (see
	// AgeGroup). Without them age is not modelled and the other age keys
	// may not be given.
	AgeGroups []AgeGroup `yaml:"age_groups,omitempty"`
	// AgeProfile and RetirementRates are the defaults for workforce
	// entries that do not give their own (see CellSettings).
	AgeProfile      map[string]float64 `yaml:"age_profile,omitempty"`
	RetirementRates map[string]*Value  `yaml:"retirement_rates,omitempty"`
	// JoinerAges gives, per source of joiners (external, graduate,
	// international, return, apprentice), the share of joiners in each age
	// group. Sources not given join with the age profile of their cell.
	JoinerAges map[string]map[string]float64 `yaml:"joiner_ages,omitempty"`

	Workforce   []Group      `yaml:"workforce"`
	Transitions []Transition `yaml:"transitions,omitempty"`
	Demand      Demand       `yaml:"demand,omitempty"`

	Pipelines   Pipelines     `yaml:"pipelines,omitempty"`
	Rotations   []Rotation    `yaml:"rotations,omitempty"`
	Portability []Portability `yaml:"portability,omitempty"`
	Costs       Costs         `yaml:"costs,omitempty"`

	// Interventions apply to the baseline and to every option.
	Interventions []Intervention `yaml:"interventions,omitempty"`
	// Options are named sets of interventions applied on top of the
	// baseline, for comparison (see CompileOptions).
	Options []OptionSpec `yaml:"options,omitempty"`

	// src holds the file name and the position of every path, when the
	// File came from Parse; nil for a File built in Go.
	src *source
}

// Simulation says when the simulation starts, how long it runs, in what
// steps, and how many Monte Carlo runs to make.
type Simulation struct {
	Start workforce.Month `yaml:"start"` // first month simulated (YYYY-MM); required
	// Exactly one of HorizonYears (1-30) and HorizonMonths (1-360) gives
	// the length of the simulation.
	HorizonYears  *int `yaml:"horizon_years,omitempty"`
	HorizonMonths *int `yaml:"horizon_months,omitempty"`
	Step          Step `yaml:"step,omitempty"` // zero means Monthly
	// ReportEveryMonths is the interval between reported dates, a multiple
	// of the step; nil means 12.
	ReportEveryMonths *int   `yaml:"report_every_months,omitempty"`
	Runs              *int   `yaml:"runs,omitempty"` // Monte Carlo runs, 1 to sim.MaxRuns; nil means sim.DefaultRuns
	Seed              uint64 `yaml:"seed,omitempty"` // master seed; the same seed gives the same results
	// TargetVacancyRate is the vacancy rate a comparison measures options
	// against (e.g. 0.08): the month the median falls below it and the
	// probability of being below it. Nil means the command's default, 0.10.
	TargetVacancyRate *float64 `yaml:"target_vacancy_rate,omitempty"`
}

// Organisation is an employer. Key is used in files and output; Name, for
// people, defaults to Key.
type Organisation struct {
	Key  string `yaml:"key"`
	Name string `yaml:"name,omitempty"`
}

// Role is a custom profession: a staff group beyond the standard list
// (e.g. first contact practitioners, or a combined group a data source
// reports together). Support marks a support-worker line.
type Role struct {
	Key     string `yaml:"key"`
	Name    string `yaml:"name,omitempty"`
	Support bool   `yaml:"support,omitempty"`
}

// Group is one workforce entry: one profession in one organisation, with
// its bands and its flows. CellSettings apply to every band of the group
// unless the band overrides them.
type Group struct {
	Profession   string `yaml:"profession"`
	Organisation string `yaml:"organisation,omitempty"` // may be omitted when there is one organisation
	CellSettings `yaml:",inline"`
	// LeaverDestinations gives the share of leavers going to each of the
	// file's leaver destinations (plain numbers that sum to 1; destinations
	// not named get 0).
	LeaverDestinations map[string]float64          `yaml:"leaver_destinations,omitempty"`
	Bands              map[workforce.Band]BandSpec `yaml:"bands,omitempty"`
	Promotion          []Promotion                 `yaml:"promotion,omitempty"`
	Graduates          []GraduateCohort            `yaml:"graduates,omitempty"`
}

// CellSettings are the inputs a workforce entry sets for all its bands and
// a band may override. Rates are annual unless their name says monthly.
type CellSettings struct {
	FTEPerHead *float64 `yaml:"fte_per_head,omitempty"` // mean FTE of one head, in (0, 1]; nil means 1
	// VacancyRate sets the establishment from staff in post:
	// establishment FTE = headcount x FTE per head / (1 - vacancy rate).
	// nil means 0 (establishment equals staff in post) unless the band
	// gives establishment_fte.
	VacancyRate *float64    `yaml:"vacancy_rate,omitempty"`
	LeaverRate  *Value      `yaml:"leaver_rate,omitempty"` // annual probability of leaving; nil means none
	Recruitment Recruitment `yaml:"recruitment,omitempty"`
	// EstablishmentGrowth is the annual fractional growth of funded posts.
	EstablishmentGrowth *Value `yaml:"establishment_growth,omitempty"`
	// InitialSpreadMonths spreads the starting staff evenly over 1 to this
	// many months in band; nil means the engine's default.
	InitialSpreadMonths *int `yaml:"initial_spread_months,omitempty"`

	// AgeProfile is the share of the starting staff in each age group,
	// by group name (plain numbers summing to 1; groups not named get 0).
	// nil means the file's top-level age_profile.
	AgeProfile map[string]float64 `yaml:"age_profile,omitempty"`
	// RetirementRates is the annual probability of retiring, by age group
	// name; groups not named have no retirement. A map given here replaces
	// the one above it (band over entry over the file's default) whole; an
	// empty map is the same as none (give rates of 0 to switch retirement
	// off).
	RetirementRates map[string]*Value `yaml:"retirement_rates,omitempty"`
	// SicknessAbsence is the share of in-post FTE lost to sickness: it
	// reduces effective FTE without creating a vacancy.
	SicknessAbsence *Value `yaml:"sickness_absence,omitempty"`
	// RampUp is how long new starters from outside the system take to
	// hold a full caseload, and how effective they are meanwhile.
	RampUp *RampUp `yaml:"ramp_up,omitempty"`
	// InternationalFirstYearLeaverRate is the annual leaver rate of
	// international recruits in their first 12 months in post; nil means
	// they leave like everyone else.
	InternationalFirstYearLeaverRate *Value `yaml:"international_first_year_leaver_rate,omitempty"`
	// AgencyShare is the share of vacant FTE covered by agency and bank
	// staff: reported and costed, but it does not reduce vacancies.
	AgencyShare *Value `yaml:"agency_share,omitempty"`
}

// AgeGroup is a coarse age band: ages FromAge up to, not including, ToAge.
// Groups are listed youngest first, each starting where the one before
// ends; the last may leave ToAge out (open).
type AgeGroup struct {
	Name    string `yaml:"name"`
	FromAge *int   `yaml:"from_age"`
	ToAge   *int   `yaml:"to_age,omitempty"`
}

// RampUp is the ramp-up of new starters: for Months months they work at
// Effectiveness (a share of a full caseload).
type RampUp struct {
	Months        *int   `yaml:"months"`
	Effectiveness *Value `yaml:"effectiveness"`
}

// Recruitment is external recruitment into vacancies.
type Recruitment struct {
	// MonthlyFill is the monthly probability that each vacancy (in heads)
	// is filled by an external recruit.
	MonthlyFill *Value `yaml:"monthly_fill,omitempty"`
}

// BandSpec is the starting state of one band of a workforce entry, and
// any settings that differ from the entry's.
type BandSpec struct {
	Headcount int `yaml:"headcount"` // staff in post at the start, heads
	// EstablishmentFTE is the funded posts at the start, FTE. nil means it
	// follows from the vacancy rate.
	EstablishmentFTE *float64 `yaml:"establishment_fte,omitempty"`
	CellSettings     `yaml:",inline"`
}

// Promotion is a "pull" move into vacancies of the next band up: staff who
// have spent at least MinMonths in band From apply with probability
// MonthlyApply each month, and as many are promoted as there are vacancies.
type Promotion struct {
	From         *workforce.Band `yaml:"from"`
	MinMonths    int             `yaml:"min_months,omitempty"`
	MonthlyApply *Value          `yaml:"monthly_apply"`
}

// GraduateCohort is an annual cohort of newly qualified graduates who may
// join Band 5 vacancies of the entry's profession and organisation.
type GraduateCohort struct {
	Month      int    `yaml:"month"`      // month of the year they arrive, 1-12
	Cohort     *Value `yaml:"cohort"`     // graduates per year, heads
	Conversion *Value `yaml:"conversion"` // share who would take a local post, 0-1
	// FirstYear and LastYear bound the calendar years with a cohort (0
	// means no bound).
	FirstYear int `yaml:"first_year,omitempty"`
	LastYear  int `yaml:"last_year,omitempty"`
}

// CellRef names a cell: an organisation, a profession and a band. In a
// transition's To, empty fields default to the From cell's.
type CellRef struct {
	Organisation string          `yaml:"organisation,omitempty"`
	Profession   string          `yaml:"profession,omitempty"`
	Band         *workforce.Band `yaml:"band,omitempty"`
}

// Transition is a "push" move from one cell to another at an annual rate
// (moves between organisations, professions or bands). It competes with
// leaving: a cell's leaver rate and transition rates sum to at most 1.
type Transition struct {
	From       CellRef `yaml:"from"`
	To         CellRef `yaml:"to"`
	AnnualRate *Value  `yaml:"annual_rate"`
}

// Demand is what changes the funded posts over time.
type Demand struct {
	NewPosts []NewPost `yaml:"new_posts,omitempty"`
}

// NewPost adds funded posts (FTE, negative to remove) to a cell from a
// month on.
type NewPost struct {
	CellRef `yaml:",inline"`
	From    workforce.Month `yaml:"from"`
	FTE     *Value          `yaml:"fte"`
}

// Step is the length of a simulation step. The zero value means Monthly.
type Step int

// The steps a simulation may take.
const (
	Monthly   Step = 1
	Quarterly Step = 3
	Annual    Step = 12
)

// Months returns the step length in months (1 for the zero value).
func (s Step) Months() int {
	if s == 0 {
		return 1
	}
	return int(s)
}

func (s Step) String() string {
	switch s {
	case 0, Monthly:
		return "monthly"
	case Quarterly:
		return "quarterly"
	case Annual:
		return "annual"
	}
	return fmt.Sprintf("Step(%d)", int(s))
}

var stepNames = []string{"monthly", "quarterly", "annual"}

// MarshalText implements encoding.TextMarshaler.
func (s Step) MarshalText() ([]byte, error) {
	switch s {
	case 0, Monthly, Quarterly, Annual:
		return []byte(s.String()), nil
	}
	return nil, fmt.Errorf("invalid step %d", int(s))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Step) UnmarshalText(text []byte) error {
	switch string(text) {
	case "monthly":
		*s = Monthly
	case "quarterly":
		*s = Quarterly
	case "annual":
		*s = Annual
	default:
		return fmt.Errorf("unknown step %q%s", text, suggest(string(text), stepNames, "want monthly, quarterly or annual"))
	}
	return nil
}
