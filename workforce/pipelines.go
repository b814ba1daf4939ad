package workforce

import "fmt"

// Source is where joiners of a cell come from.
type Source int

// The sources of joiners. SourceApprentice joiners (qualified apprentices)
// come from inside the system; the others from outside it.
const (
	SourceExternal Source = iota
	SourceGraduate
	SourceInternational
	SourceReturn
	SourceApprentice
	NumSources
)

var sourceNames = [NumSources]string{"external", "graduate", "international", "return", "apprentice"}

func (s Source) String() string { return sourceNames[s] }

// AgeGroup is a coarse age band, e.g. 55 to 59 (FromAge 55, ToAge 60).
// The last group may be open (ToAge 0).
type AgeGroup struct {
	Name           string
	FromAge, ToAge int
}

// Apprenticeship is a degree-apprenticeship programme ("grow our own"):
// support workers in cell From (bands 2-4 of a support line) start
// training, stay employed in From while they train, and qualify into the
// cell To (usually Band 5 of a registered profession) after
// DurationMonths. Qualified apprentices always take a post in To: over its
// establishment if it has no vacancy, or, with NewPosts, each in a new
// funded post (To's establishment grows by their FTE).
type Apprenticeship struct {
	Name     string
	From, To int
	// Intake is the number who start per year (Month set) or per month
	// (Month 0). Starters are limited by FundedPlaces (places in training
	// at once; 0 means no cap) and by the staff in From.
	Intake       ParamID
	Month        int
	FundedPlaces int
	// DurationMonths of training; DropoutRate is the annual rate of
	// leaving the programme. Drop-outs return to their support post when
	// DropoutsStay is true, and leave the system otherwise.
	DurationMonths int
	DropoutRate    ParamID
	DropoutsStay   bool
	// StudyShare is the share of the apprentice's post given to study (1
	// for the whole post): that part is backfilled. With Backfill
	// BackfillVacancy the support post's freed FTE is simply a vacancy to
	// recruit to; with BackfillRegisteredPost an equal FTE of funded posts
	// is given up in cell FundedFrom while the apprentice trains.
	StudyShare float64
	Backfill   Backfill
	FundedFrom int
	// FirstYear and LastYear bound the years with intakes (0 = no bound).
	FirstYear, LastYear int
	// NewPosts adds a funded post in To for each apprentice who qualifies.
	NewPosts bool
	// InTraining is the apprentices in training on the start date, by
	// year of the course (see StartingStock). They are among From's
	// Headcount: employed there, with their study share off its FTE and
	// backfilled from the start.
	InTraining StartingStock
}

// StartingStock is the people already in a pipeline on the start date,
// given one of two ways: Heads, spread evenly over the pipeline, or
// ByStage, one count per stage: per year of the course for students and
// apprentices (year 1 first), per month left for international recruits
// in transit and returners under supervision (arriving in 1 month first).
// The zero value is an empty pipeline.
type StartingStock struct {
	Heads   int
	ByStage []int
}

// Total is the heads in the stock.
func (s StartingStock) Total() int {
	n := s.Heads
	for _, x := range s.ByStage {
		n += x
	}
	return n
}

// Empty reports whether the stock holds nobody.
func (s StartingStock) Empty() bool { return s.Total() == 0 }

// CohortSteps is the number of steps that the cohort in year `year` (1
// for the latest intake) of a course with a yearly intake in month
// intakeMonth has completed on the start date, with steps of stepMonths
// months. The cohort started in the year-th intake month before start (an
// intake in the start month itself is made in the first step) and, as
// every pipeline entry, entered the pipeline at the end of the step that
// holds that month. A course of n steps still holds the cohort if the
// result is at most n-1.
func CohortSteps(start Month, stepMonths, intakeMonth, year int) int {
	latest := NewMonth(start.Year(), intakeMonth)
	if latest >= start {
		latest -= 12
	}
	intake := latest - Month(12*(year-1))
	months := int(start - intake) // > 0
	// The intake's step, counted back from the first: -ceil(months/step).
	return ceilDiv(months, max(1, stepMonths)) - 1
}

// StartYears is the number of years of the course whose cohorts can be
// in training on the start date: for a yearly intake, the cohorts that
// have not finished by then; for a monthly intake, the years the
// course's months span.
func (a *Apprenticeship) StartYears(start Month, stepMonths int) int {
	if a.Month == 0 {
		return ceilDiv(a.DurationMonths, 12)
	}
	return cohortsInTraining(start, stepMonths, a.Month, a.DurationMonths)
}

// StartYears is the number of years of the course whose cohorts are still
// in training on the start date.
func (s *StudentProgramme) StartYears(start Month, stepMonths int) int {
	return cohortsInTraining(start, stepMonths, s.IntakeMonth, s.DurationMonths)
}

func cohortsInTraining(start Month, stepMonths, intakeMonth, durationMonths int) int {
	if stepMonths < 1 || intakeMonth < 1 || intakeMonth > 12 || durationMonths < 1 {
		return 0
	}
	stages := ceilDiv(durationMonths, stepMonths)
	n := 0
	for CohortSteps(start, stepMonths, intakeMonth, n+1) <= stages-1 {
		n++
	}
	return n
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// Backfill says how an apprentice's study time is backfilled.
type Backfill int

const (
	// BackfillVacancy: the study time is a vacancy in the support cell,
	// recruited to like any other (the default).
	BackfillVacancy Backfill = iota
	// BackfillRegisteredPost: an equal FTE of funded registered posts (in
	// the apprenticeship's FundedFrom cell) is given up while apprentices
	// train ("I gave up an OT post so we could backfill").
	BackfillRegisteredPost
)

var backfillNames = []string{"vacancy", "registered_post"}

func (b Backfill) String() string {
	if b.Valid() {
		return backfillNames[b]
	}
	return fmt.Sprintf("Backfill(%d)", int(b))
}

// Valid reports whether b is one of the ways of backfilling.
func (b Backfill) Valid() bool { return b >= 0 && int(b) < len(backfillNames) }

// MarshalText implements encoding.TextMarshaler.
func (b Backfill) MarshalText() ([]byte, error) {
	if !b.Valid() {
		return nil, fmt.Errorf("invalid backfill %d", int(b))
	}
	return []byte(b.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. An unknown name is
// an *UnknownNameError.
func (b *Backfill) UnmarshalText(text []byte) error {
	i, err := parseName("backfill", backfillNames, text, "want vacancy or registered_post")
	if err == nil {
		*b = Backfill(i)
	}
	return err
}

// StudentProgramme is pre-registration education: commissioned places a
// year, drop-out during training, and a graduating cohort that joins the
// cell To (usually Band 5) through the usual graduate rules (Conversion,
// Posts).
type StudentProgramme struct {
	Name           string
	To             int
	Places         ParamID // commissioned places per year
	IntakeMonth    int     // 1-12
	DurationMonths int
	DropoutRate    ParamID // annual
	Conversion     ParamID // share of graduates who would take a local post
	// PlacementCapacity caps intakes (students per year; NoParam for no
	// cap). With PlacementVacancyThreshold > 0, the capacity shrinks by
	// PlacementSensitivity for each unit of the host cell's vacancy rate
	// above the threshold (host services short of staff take fewer students).
	PlacementCapacity         ParamID
	PlacementVacancyThreshold float64
	PlacementSensitivity      float64
	FirstYear, LastYear       int
	// Posts says which posts the willing graduates take (zero: vacancies only).
	Posts Posts
	// InTraining is the students on the course on the start date, by
	// year of the course (see StartingStock).
	InTraining StartingStock
}

// InternationalRecruitment is offers to internationally educated staff:
// OffersPerMonth every month (NoParam for none) and one-off Campaigns;
// each offer is accepted and arrives in cell To after LeadMonths (visa,
// registration), unless withdrawn on the way (WithdrawalRate, annual).
type InternationalRecruitment struct {
	Name           string
	To             int
	OffersPerMonth ParamID
	Campaigns      []Campaign
	LeadMonths     int
	WithdrawalRate ParamID
	From, Until    Month // months with monthly offers (0 = no bound)
	// InTransit is the accepted offers on their way on the start date,
	// by months until arrival (see StartingStock).
	InTransit StartingStock
}

// Campaign is a one-off batch of offers, e.g. 10 OTs at once.
type Campaign struct {
	Month  Month
	Offers ParamID
}

// ReturnToPractice is a small inflow of returners a year, who join cell To
// after a supervised period.
type ReturnToPractice struct {
	Name             string
	To               int
	PerYear          ParamID
	SupervisedMonths int
	DropoutRate      ParamID // annual, during the supervised period
	From, Until      Month
	// InSupervision is the returners in their supervised period on the
	// start date, by months of it left (see StartingStock).
	InSupervision StartingStock
}

// Rotation makes a share of a cell's new starters rotational: they rotate
// every LengthMonths for Rotations rotations, with their own leaver rate
// while rotating and a chance of leaving at the end of each rotation.
// With Orgs set, each rotation moves them to the same profession and band
// in the next organisation of the list (cross-organisation rotation).
type Rotation struct {
	Cell         int     // the cell whose joiners may take rotational posts
	Share        ParamID // share of joiners into rotational posts
	LengthMonths int
	Rotations    int
	LeaverRate   ParamID // annual, while rotating; NoParam: the cell's rate
	LeaveAtEnd   ParamID // probability of leaving when a rotation ends
	Cells        []int   // the rotation's cells in order (Cell first); one cell for rotations within an organisation
}

// Portability lets staff employed in cell From cover vacancies in cell To
// (a staff portability framework) for up to MaxMonths from Start: up to
// Share of From's staff beyond its own establishment. It changes effective
// FTE only, never employment or vacancies.
type Portability struct {
	From, To  int
	Share     ParamID
	Start     Month
	MaxMonths int
}

// Costs holds unit costs, in pounds. Zero values cost nothing.
type Costs struct {
	// PayPerFTE is the annual employer cost of one FTE per band (with
	// on-costs), by band.
	PayPerFTE [NumBands]float64
	// AgencyPerHour is what an hour of agency or bank cover costs, and
	// HoursPerFTE the hours one FTE works a year (37.5 x 52 = 1950).
	AgencyPerHour, HoursPerFTE float64
	// Recruitment costs per head, by source of joiner.
	RecruitPerHead [NumSources]float64
	// Training costs per head in training per year.
	StudentPerYear, ApprenticePerYear float64
	// Money turns these costs, at the prices of its price base year, into
	// cash, real terms and present values.
	Money Money
}
