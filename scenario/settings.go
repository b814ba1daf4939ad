package scenario

import "github.com/ahpsim/ahpsim/workforce"

// CellSettings are the inputs a workforce entry sets for all its bands and
// a band may override. Rates are annual unless their name says monthly.
type CellSettings struct {
	FTEPerHead *float64 `yaml:"fte_per_head,omitempty"` // mean FTE of one head, in (0, 1]; nil means 1
	// VacancyRate sets the establishment from staff in post:
	// establishment FTE = headcount x FTE per head / (1 - vacancy rate).
	// nil means 0 (establishment equals staff in post) unless the band
	// gives establishment_fte.
	VacancyRate *float64    `yaml:"vacancy_rate,omitempty"`
	LeaverRate  *Value      `yaml:"leaver_rate,omitempty"` // annual leaver rate, NHS published definition; nil means none
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
	// RetirementRates is the annual rate of retiring, by age group
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
	// LeaverRateByTimeInPost gives the leaver rates of the first months in
	// post, shortest first; leaver_rate applies after the last. A band's
	// list replaces the entry's whole.
	LeaverRateByTimeInPost []TimeInPostRate `yaml:"leaver_rate_by_time_in_post,omitempty"`
	// FixedTerm makes a share of joiners take fixed-term posts.
	FixedTerm *FixedTerm `yaml:"fixed_term,omitempty"`
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
	// TimeToFillMonths is the mean months from a post falling vacant to a
	// start, T >= 1, instead of MonthlyFill: monthly_fill = 1/T. A plain
	// number only.
	TimeToFillMonths *Value `yaml:"time_to_fill_months,omitempty"`
}

func (b *builder) checkCellSettings(s *CellSettings, p string) {
	b.checkFloat(s.FTEPerHead, p+".fte_per_head", func(x float64) bool { return x > 0 && x <= 1 }, "above 0 and at most 1")
	b.checkFloat(s.VacancyRate, p+".vacancy_rate", func(x float64) bool { return x >= -1 && x < 1 }, "at least -1 and below 1")
	b.optValue(s.LeaverRate, p+".leaver_rate", probability)
	b.optValue(s.Recruitment.MonthlyFill, p+".recruitment.monthly_fill", probability)
	b.optValue(s.EstablishmentGrowth, p+".establishment_growth", b.growthBounds())
	if n := s.InitialSpreadMonths; n != nil && (*n < 1 || *n > workforce.MaxHorizonMonths) {
		b.errorf(p+".initial_spread_months", "out of range (got %d, want 1 to %d)", *n, workforce.MaxHorizonMonths)
	}
	b.checkDynamicSettings(s, p)
	b.checkEarlyLeaving(s, p)
}

// checkDynamicSettings checks the cell settings of the mechanisms beyond
// leaving, recruitment and growth.
func (b *builder) checkDynamicSettings(s *CellSettings, p string) {
	if s.AgeProfile != nil {
		if b.hasAges {
			b.checkAgeShares(s.AgeProfile, p+".age_profile")
		} else {
			b.noAges(true, p+".age_profile")
		}
	}
	if s.RetirementRates != nil {
		if b.hasAges {
			b.checkRetirement(s.RetirementRates, p+".retirement_rates")
		} else {
			b.noAges(true, p+".retirement_rates")
		}
	}
	b.optValue(s.SicknessAbsence, p+".sickness_absence", probability)
	b.optValue(s.InternationalFirstYearLeaverRate, p+".international_first_year_leaver_rate", probability)
	b.optValue(s.AgencyShare, p+".agency_share", probability)
	if r := s.RampUp; r != nil {
		rp := p + ".ramp_up"
		switch {
		case r.Months == nil:
			b.missing(rp+".months", "the months a new starter takes to hold a full caseload")
		case *r.Months < 0 || *r.Months > workforce.MaxHorizonMonths:
			b.errorf(rp+".months", "out of range (got %d, want 0 to %d)", *r.Months, workforce.MaxHorizonMonths)
		}
		if r.Months == nil || *r.Months > 0 || r.Effectiveness != nil {
			b.reqValue(r.Effectiveness, rp+".effectiveness", probability, "the share of a full caseload a new starter holds meanwhile, 0 to 1")
		}
	}
}

// settingParams are the parameters of one CellSettings.
type settingParams struct {
	leave, fill, growth, sick, ramp, intl, agency workforce.ParamID
	retire                                        []workforce.ParamID
	tip                                           []workforce.TimeInPostRate
	ftShare, ftLeave                              workforce.ParamID
}

// settings adds the parameters of one CellSettings, in the order the
// compile comment gives.
func (c *compiler) settings(s *CellSettings, name string) settingParams {
	sp := settingParams{
		leave:  c.param(s.LeaverRate, probability, name+".leaver_rate"),
		fill:   c.fillParam(&s.Recruitment, name),
		growth: c.param(s.EstablishmentGrowth, c.b.growthBounds(), name+".establishment_growth"),
	}
	if c.b.hasAges {
		sp.retire = c.retirement(s.RetirementRates, name+".")
	}
	sp.sick = c.param(s.SicknessAbsence, probability, name+".sickness_absence")
	if s.RampUp != nil {
		sp.ramp = c.param(s.RampUp.Effectiveness, probability, name+".ramp_up.effectiveness")
	}
	sp.intl = c.param(s.InternationalFirstYearLeaverRate, probability, name+".international_first_year_leaver_rate")
	sp.agency = c.param(s.AgencyShare, probability, name+".agency_share")
	sp.tip = c.timeInPostParams(s, name)
	sp.ftShare, sp.ftLeave = c.fixedTermParams(s, name)
	return sp
}

// orParam is id, or def when id is not given.
func orParam(id, def workforce.ParamID) workforce.ParamID {
	if id == workforce.NoParam {
		return def
	}
	return id
}
