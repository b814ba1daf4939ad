package workforce

import (
	"errors"
	"fmt"
	"math"
)

// MaxHorizonMonths is the longest horizon a model may have: 30 years.
const MaxHorizonMonths = 30 * 12

// Validate checks that a model is complete and consistent. Package scenario
// reports problems in a scenario file with their line numbers before it
// builds a Model; Validate is the engine's own guard, for models built in
// Go. It returns every problem found, joined, in the order of the
// mechanisms below.
func (m *Model) Validate() error {
	if m.Layout == nil {
		return errors.New("sim: model has no layout")
	}
	v := &validator{m: m}
	v.validateTiming()
	v.validateParams()
	if !v.validateCells() {
		return errors.Join(v.errs...) // the cell indices below would mean nothing
	}
	v.validateFlows()
	v.validateAges()
	v.validateCellDynamics()
	v.validatePipelines()
	v.validateRotations()
	v.validateCosts()
	v.validateInterventions()
	v.validateInert()
	m.checkNames(v.bad)
	return errors.Join(v.errs...)
}

// validator collects the problems of one model.
type validator struct {
	m    *Model
	errs []error
	// exitMean is each cell's mean annual exit rate (leaving plus
	// transitions), summed by validateCells and validateFlows.
	exitMean []float64
}

func (v *validator) bad(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

// param checks that id refers to a parameter whose range lies in [lo, hi];
// NoParam is allowed when the parameter is optional.
func (v *validator) param(id ParamID, optional bool, what string, lo, hi float64) {
	m := v.m
	if id == NoParam && optional {
		return
	}
	if id < 1 || int(id) > len(m.Params) {
		v.bad("%s: param %d out of range", what, id)
		return
	}
	if d := m.Param(id); d.Min < lo || d.Max > hi {
		v.bad("%s: parameter range [%v, %v] is outside [%v, %v]", what, d.Min, d.Max, lo, hi)
	}
}

// cell reports whether i is a cell index, and a problem if not.
func (v *validator) cell(i int, what string) bool {
	if i < 0 || i >= len(v.m.Cells) {
		v.bad("%s: cell %d out of range", what, i)
		return false
	}
	return true
}

// months checks a number of months in [lo, MaxHorizonMonths].
func (v *validator) months(what string, n, lo int) {
	if n < lo || n > MaxHorizonMonths {
		v.bad("%s: %d months (want %d to %d)", what, n, lo, MaxHorizonMonths)
	}
}

// shares checks n shares that sum to 1, one per age group.
func (v *validator) shares(what string, s []float64, n int) {
	if len(s) != n {
		v.bad("%s: %d shares for %d age groups", what, len(s), n)
		return
	}
	sum := 0.0
	for _, x := range s {
		if !(x >= 0 && x <= 1) {
			v.bad("%s: share %v is outside [0, 1]", what, x)
		}
		sum += x
	}
	if math.Abs(sum-1) > 1e-9 {
		v.bad("%s: shares sum to %v (want 1)", what, sum)
	}
}

// validateTiming checks the step, the horizon and the reporting interval.
func (v *validator) validateTiming() {
	m := v.m
	switch m.StepMonths {
	case 1, 3, 12:
	default:
		v.bad("step is %d months (want 1, 3 or 12)", m.StepMonths)
	}
	if m.Steps < 1 || m.StepMonths > 0 && m.Steps*m.StepMonths > MaxHorizonMonths {
		v.bad("horizon is %d steps of %d months (want 1 step to %d months)", m.Steps, m.StepMonths, MaxHorizonMonths)
	}
	if m.ReportEvery < 1 {
		v.bad("report every %d steps (want >= 1)", m.ReportEvery)
	}
}

// validateParams checks every parameter's distribution.
func (v *validator) validateParams() {
	for i, d := range v.m.Params {
		if err := d.check(); err != nil {
			v.bad("param %d: %v", i, err)
		}
	}
}

// validateCells checks the starting state and the flows of each cell. It
// reports false when the cells do not match the layout's, when nothing
// else can be checked.
func (v *validator) validateCells() bool {
	m := v.m
	if len(m.Cells) != len(m.Layout.Cells) {
		v.bad("model has %d cell specs for %d layout cells", len(m.Cells), len(m.Layout.Cells))
		return false
	}
	v.exitMean = make([]float64, len(m.Cells))
	for i, c := range m.Cells {
		name := m.Layout.CellName(i)
		if c.Headcount < 0 || c.Headcount > MaxCellSize {
			v.bad("%s: headcount %d is outside [0, %d]", name, c.Headcount, MaxCellSize)
		}
		if !(c.FTEPerHead > 0 && c.FTEPerHead <= 1) {
			v.bad("%s: FTE per head %v is outside (0, 1]", name, c.FTEPerHead)
		}
		if !(c.Establishment >= 0 && c.Establishment <= MaxCellSize) {
			v.bad("%s: establishment %v is not a number in [0, %d]", name, c.Establishment, MaxCellSize)
		}
		if c.InitialSpreadMonths < 0 {
			v.bad("%s: initial spread %d months is negative", name, c.InitialSpreadMonths)
		}
		v.param(c.LeaverRate, true, name+" leaver rate", 0, 1)
		v.param(c.RecruitFill, true, name+" recruitment fill probability", 0, 1)
		v.param(c.EstablishmentGrowth, true, name+" establishment growth", -1, MaxGrowth(m.Steps*m.StepMonths))
		leave := 0.0
		if c.LeaverRate > 0 && int(c.LeaverRate) <= len(m.Params) {
			leave = m.Param(c.LeaverRate).Mean()
		}
		v.exitMean[i] += max(leave, v.timeInPost(c, name))
		if len(m.Destinations) > 0 {
			if len(c.DestinationShares) != len(m.Destinations) {
				v.bad("%s: %d destination shares for %d destinations", name, len(c.DestinationShares), len(m.Destinations))
			} else {
				sum := 0.0
				for _, s := range c.DestinationShares {
					if !(s >= 0 && s <= 1) {
						v.bad("%s: destination share %v is outside [0, 1]", name, s)
					}
					sum += s
				}
				if math.Abs(sum-1) > 1e-9 {
					v.bad("%s: destination shares sum to %v (want 1)", name, sum)
				}
			}
		}
	}
	return true
}

// timeInPost checks a cell's leaver rates by time in post and returns the
// highest of their means (0 for none): the leaver rate that, with the
// transitions, may not sum above 1.
func (v *validator) timeInPost(c CellSpec, name string) float64 {
	highest, prev := 0.0, 0
	for j, r := range c.TimeInPostLeaverRates {
		what := fmt.Sprintf("%s leaver rate by time in post %d", name, j)
		if r.UnderMonths <= prev || r.UnderMonths > MaxHorizonMonths {
			v.bad("%s: under %d months (want more than %d and at most %d)", what, r.UnderMonths, prev, MaxHorizonMonths)
		}
		prev = max(prev, r.UnderMonths)
		v.param(r.Rate, false, what, 0, 1)
		if r.Rate > 0 && int(r.Rate) <= len(v.m.Params) {
			highest = max(highest, v.m.Param(r.Rate).Mean())
		}
	}
	return highest
}

// validateFlows checks transitions (and the exit rates they add up to
// with leaving), promotions, graduate cohorts and new posts.
func (v *validator) validateFlows() {
	m := v.m
	for i, t := range m.Transitions {
		what := fmt.Sprintf("transition %d", i)
		if v.cell(t.From, what) && v.cell(t.To, what) {
			if t.From == t.To {
				v.bad("%s: from and to are the same cell %s", what, m.Layout.CellName(t.From))
			}
			v.param(t.Rate, false, what+" rate", 0, 1)
			if t.Rate > 0 && int(t.Rate) <= len(m.Params) {
				v.exitMean[t.From] += m.Param(t.Rate).Mean()
			}
		}
	}
	for i, s := range v.exitMean {
		if s > 1+1e-12 {
			v.bad("%s: annual exit rates (leaving plus transitions) sum to %v (want at most 1)", m.Layout.CellName(i), s)
		}
	}
	for i, p := range m.Promotions {
		what := fmt.Sprintf("promotion %d", i)
		if v.cell(p.From, what) && v.cell(p.To, what) {
			v.promotionCells(what, p)
		}
		if p.MinMonths < 0 || p.MinMonths > MaxHorizonMonths {
			v.bad("%s: minimum time in band %d months is outside [0, %d]", what, p.MinMonths, MaxHorizonMonths)
		}
		v.param(p.ApplyProb, false, what+" monthly apply probability", 0, 1)
	}
	for i, g := range m.Graduates {
		what := fmt.Sprintf("graduate cohort %d", i)
		v.cell(g.Cell, what)
		if g.Month < 1 || g.Month > 12 {
			v.bad("%s: month %d (want 1-12)", what, g.Month)
		}
		v.param(g.Size, false, what+" size", 0, MaxHeadsPerPeriod)
		v.param(g.Conversion, false, what+" conversion", 0, 1)
		v.posts(what, g.Posts)
	}
	for i, n := range m.NewPosts {
		what := fmt.Sprintf("new posts %d", i)
		v.cell(n.Cell, what)
		v.param(n.FTE, false, what+" FTE", -MaxCellSize, MaxCellSize)
		v.notAfterHorizon(what, n.From)
	}
}

// validateAges checks the age groups and the ages of joiners.
func (v *validator) validateAges() {
	m := v.m
	for i, g := range m.AgeGroups {
		if g.FromAge < 0 || g.ToAge != 0 && g.ToAge <= g.FromAge {
			v.bad("age group %d (%s): ages %d to %d", i, g.Name, g.FromAge, g.ToAge)
		}
		if g.ToAge == 0 && i != len(m.AgeGroups)-1 {
			v.bad("age group %d (%s): only the last group may be open", i, g.Name)
		}
		if i > 0 && g.FromAge != m.AgeGroups[i-1].ToAge {
			v.bad("age group %d (%s) starts at %d, but the group before ends at %d", i, g.Name, g.FromAge, m.AgeGroups[i-1].ToAge)
		}
	}
	for src, s := range m.JoinerAges {
		if s != nil {
			v.shares(fmt.Sprintf("joiner ages of %s", Source(src)), s, len(m.AgeGroups))
		}
	}
}

// validateCellDynamics checks each cell's age shares and retirement, and
// what changes its effective capacity: sickness, agency cover, ramp-up.
func (v *validator) validateCellDynamics() {
	m := v.m
	for c, spec := range m.Cells {
		name := m.Layout.CellName(c)
		if len(m.AgeGroups) > 0 {
			v.shares(name+" age shares", spec.AgeShares, len(m.AgeGroups))
			if spec.RetirementRate != nil && len(spec.RetirementRate) != len(m.AgeGroups) {
				v.bad("%s: %d retirement rates for %d age groups", name, len(spec.RetirementRate), len(m.AgeGroups))
			}
		} else if len(spec.AgeShares) > 0 || len(spec.RetirementRate) > 0 {
			v.bad("%s: age shares or retirement rates given, but the model has no age groups", name)
		}
		for a, id := range spec.RetirementRate {
			v.param(id, true, fmt.Sprintf("%s retirement rate %d", name, a), 0, 1)
		}
		v.param(spec.Sickness, true, name+" sickness", 0, 1)
		v.param(spec.AgencyShare, true, name+" agency share", 0, 1)
		v.param(spec.InternationalFirstYearLeaverRate, true, name+" international first-year leaver rate", 0, 1)
		v.months(name+" ramp-up", spec.RampUpMonths, 0)
		if spec.RampUpMonths > 0 {
			v.param(spec.RampUpEffectiveness, false, name+" ramp-up effectiveness", 0, 1)
		}
	}
}

// validatePipelines checks apprenticeships, student programmes,
// international recruitment and return to practice.
func (v *validator) validatePipelines() {
	m := v.m
	for i, a := range m.Apprenticeships {
		what := fmt.Sprintf("apprenticeship %d (%s)", i, a.Name)
		if v.cell(a.From, what) && v.cell(a.To, what) {
			if !m.Layout.Cells[a.From].Band.Support() {
				v.bad("%s: apprentices come from support bands 2-4, not %s", what, m.Layout.CellName(a.From))
			}
		}
		v.param(a.Intake, false, what+" intake", 0, MaxHeadsPerPeriod)
		v.param(a.DropoutRate, true, what+" drop-out rate", 0, 1)
		v.months(what+" duration", a.DurationMonths, 0)
		if a.Month < 0 || a.Month > 12 {
			v.bad("%s: intake month %d (want 1-12, or 0 for every month)", what, a.Month)
		}
		if a.FundedPlaces < 0 {
			v.bad("%s: funded places %d is negative", what, a.FundedPlaces)
		}
		if !(a.StudyShare >= 0 && a.StudyShare <= 1) {
			v.bad("%s: study share %v is outside [0, 1]", what, a.StudyShare)
		}
		if a.Backfill == BackfillRegisteredPost {
			v.cell(a.FundedFrom, what+" funded from")
		}
	}
	for i, s := range m.Students {
		what := fmt.Sprintf("student programme %d (%s)", i, s.Name)
		v.cell(s.To, what)
		v.param(s.Places, false, what+" places", 0, MaxHeadsPerPeriod)
		v.param(s.DropoutRate, true, what+" drop-out rate", 0, 1)
		v.param(s.Conversion, false, what+" conversion", 0, 1)
		v.posts(what, s.Posts)
		v.param(s.PlacementCapacity, true, what+" placement capacity", 0, MaxHeadsPerPeriod)
		v.months(what+" duration", s.DurationMonths, 0)
		if s.IntakeMonth < 1 || s.IntakeMonth > 12 {
			v.bad("%s: intake month %d (want 1-12)", what, s.IntakeMonth)
		}
		if s.PlacementVacancyThreshold < 0 || s.PlacementSensitivity < 0 {
			v.bad("%s: placement threshold and sensitivity must be >= 0", what)
		}
	}
	for i, r := range m.International {
		what := fmt.Sprintf("international recruitment %d (%s)", i, r.Name)
		v.cell(r.To, what)
		v.param(r.OffersPerMonth, true, what+" offers per month", 0, MaxHeadsPerPeriod)
		v.param(r.WithdrawalRate, true, what+" withdrawal rate", 0, 1)
		v.months(what+" lead time", r.LeadMonths, 0)
		for j, c := range r.Campaigns {
			v.param(c.Offers, false, fmt.Sprintf("%s campaign %d offers", what, j), 0, MaxHeadsPerPeriod)
			v.notAfterHorizon(fmt.Sprintf("%s campaign %d", what, j), c.Month)
		}
	}
	for i, r := range m.Returners {
		what := fmt.Sprintf("return to practice %d (%s)", i, r.Name)
		v.cell(r.To, what)
		v.param(r.PerYear, false, what+" returners per year", 0, MaxHeadsPerPeriod)
		v.param(r.DropoutRate, true, what+" drop-out rate", 0, 1)
		v.months(what+" supervised period", r.SupervisedMonths, 0)
	}
	v.validateStartingStocks()
}

// validateStartingStocks checks the people in each pipeline on the start
// date: whole heads, given one way, no more stages than the pipeline
// has, and apprentices no more than their funded places and their
// support cell's headcount.
func (v *validator) validateStartingStocks() {
	m := v.m
	inCell := make(map[int]int) // apprentices at the start, per support cell
	for i, a := range m.Apprenticeships {
		what := fmt.Sprintf("apprenticeship %d (%s) in training at the start", i, a.Name)
		v.stock(what, a.InTraining, a.StartYears(m.Start, m.StepMonths), "years of the course")
		n := a.InTraining.Total()
		if a.FundedPlaces > 0 && n > a.FundedPlaces {
			v.bad("%s: %d apprentices is more than the %d funded places", what, n, a.FundedPlaces)
		}
		if n > 0 && a.From >= 0 && a.From < len(m.Cells) {
			inCell[a.From] += n
		}
	}
	for c := range m.Cells {
		if n := inCell[c]; n > 0 && n > m.Cells[c].Headcount {
			v.bad("%s: %d apprentices in training at the start is more than its headcount %d (apprentices are among it)",
				m.Layout.CellName(c), n, m.Cells[c].Headcount)
		}
	}
	for i, s := range m.Students {
		what := fmt.Sprintf("student programme %d (%s) in training at the start", i, s.Name)
		v.stock(what, s.InTraining, s.StartYears(m.Start, m.StepMonths), "years of the course")
	}
	for i, r := range m.International {
		what := fmt.Sprintf("international recruitment %d (%s) in transit at the start", i, r.Name)
		v.stock(what, r.InTransit, r.LeadMonths, "months of lead time")
	}
	for i, r := range m.Returners {
		what := fmt.Sprintf("return to practice %d (%s) under supervision at the start", i, r.Name)
		v.stock(what, r.InSupervision, r.SupervisedMonths, "months of supervision")
	}
}

// stock checks one starting stock against the `stages` stages (years or
// months, named by unit) it may be given for.
func (v *validator) stock(what string, s StartingStock, stages int, unit string) {
	if s.Heads < 0 || s.Heads > MaxCellSize {
		v.bad("%s: %d heads (want 0 to %d)", what, s.Heads, MaxCellSize)
	}
	for j, x := range s.ByStage {
		if x < 0 || x > MaxCellSize {
			v.bad("%s: stage %d holds %d heads (want 0 to %d)", what, j+1, x, MaxCellSize)
		}
	}
	switch {
	case s.Heads != 0 && len(s.ByStage) > 0:
		v.bad("%s: given both as a number and by stage (want one)", what)
	case len(s.ByStage) > max(0, stages):
		v.bad("%s: %d stages given, but the pipeline has %d %s at the start", what, len(s.ByStage), stages, unit)
	case s.Heads > 0 && stages <= 0:
		v.bad("%s: %d heads, but the pipeline has no %s at the start", what, s.Heads, unit)
	}
}

// validateRotations checks rotations and portability.
func (v *validator) validateRotations() {
	m := v.m
	inRotation := map[int]int{}
	for i, r := range m.Rotations {
		what := fmt.Sprintf("rotation %d", i)
		if len(r.Cells) == 0 {
			v.bad("%s: no cells", what)
		}
		for _, c := range r.Cells {
			if !v.cell(c, what) {
				continue
			}
			if j, dup := inRotation[c]; dup {
				v.bad("%s: cell %s is already in rotation %d", what, m.Layout.CellName(c), j)
			}
			inRotation[c] = i
			if from := r.Cells[0]; from >= 0 && from < len(m.Cells) {
				a, b := m.Layout.Cells[from], m.Layout.Cells[c]
				if a.Prof != b.Prof || a.Band != b.Band {
					v.bad("%s: %s is not the same profession and band as %s", what, m.Layout.CellName(c), m.Layout.CellName(from))
				}
			}
		}
		v.param(r.Share, false, what+" share", 0, 1)
		v.param(r.LeaverRate, true, what+" leaver rate", 0, 1)
		v.param(r.LeaveAtEnd, true, what+" leaving at rotation end", 0, 1)
		// A step of 0 months is reported already (and would divide by zero).
		if m.StepMonths != 0 && (r.LengthMonths < m.StepMonths || r.LengthMonths%m.StepMonths != 0) {
			v.bad("%s: rotation length %d months is not a whole number of %d-month steps", what, r.LengthMonths, m.StepMonths)
		}
		if r.Rotations < 1 || r.Rotations*r.LengthMonths > MaxHorizonMonths {
			v.bad("%s: %d rotations (want at least 1, lasting at most %d months)", what, r.Rotations, MaxHorizonMonths)
		}
	}
	for i, p := range m.Portability {
		what := fmt.Sprintf("portability %d", i)
		v.cell(p.From, what)
		v.cell(p.To, what)
		v.param(p.Share, false, what+" share", 0, 1)
		v.months(what+" duration", p.MaxMonths, 0)
	}
}

// validateCosts checks the unit costs.
func (v *validator) validateCosts() {
	c := v.m.Costs
	costs := func(what string, max float64, vs ...float64) {
		for _, x := range vs {
			if !(x >= 0 && x <= max) {
				v.bad("costs: %s %v is outside [0, %v]", what, x, max)
			}
		}
	}
	costs("pay or training cost", MaxUnitCost, append([]float64{c.StudentPerYear, c.ApprenticePerYear}, c.PayPerFTE[:]...)...)
	costs("recruitment cost", MaxRecruitmentCost, c.RecruitPerHead[:]...)
	costs("agency cost per hour", MaxAgencyPerHour, c.AgencyPerHour)
	costs("hours per FTE", MaxHoursPerFTE, c.HoursPerFTE)
	if c.AgencyPerHour > 0 && c.HoursPerFTE == 0 {
		v.bad("costs: agency cost per hour given without hours per FTE")
	}
	v.validateMoney()
}

// validateInterventions checks each intervention's lever, targets, value,
// costs and timing.
func (v *validator) validateInterventions() {
	m := v.m
	for i, iv := range m.Interventions {
		what := fmt.Sprintf("intervention %d (%s)", i, iv.Name)
		if iv.Lever < 0 || iv.Lever >= NumLevers {
			v.bad("%s: unknown lever %d", what, iv.Lever)
			continue
		}
		if iv.Lever.CellLever() || iv.Lever == LeverEstablishment {
			if len(iv.Cells) == 0 {
				v.bad("%s: applies to no cells", what)
			}
			for _, c := range iv.Cells {
				v.cell(c, what)
			}
		} else {
			if len(iv.Rules) == 0 {
				v.bad("%s: applies to no %s rules", what, iv.Lever)
			}
			for _, r := range iv.Rules {
				if r < 0 || r >= m.RuleCount(iv.Lever) {
					v.bad("%s: rule %d out of range", what, r)
				}
			}
		}
		lo, hi := InterventionRange(iv.Lever, iv.Mode)
		v.param(iv.Value, false, what+" value", lo, hi)
		v.param(iv.OneOffCost, true, what+" one-off cost", 0, MaxInterventionCost)
		v.param(iv.AnnualCost, true, what+" annual cost", 0, MaxInterventionCost)
		v.notAfterHorizon(what, iv.Start)
		if iv.End != 0 && iv.End <= iv.Start {
			v.bad("%s: ends (%v) before it starts (%v)", what, iv.End, iv.Start)
		}
		if iv.Profile != Step && iv.RampMonths < 1 {
			v.bad("%s: a %d profile needs ramp months >= 1", what, int(iv.Profile)) // %d: the message predates Profile.String
		}
	}
}

// notAfterHorizon reports something that starts after the last month
// simulated, which would never happen.
func (v *validator) notAfterHorizon(what string, start Month) {
	m := v.m
	if m.Steps < 1 || m.StepMonths < 1 {
		return // reported already
	}
	if last := m.Start + Month(m.Steps*m.StepMonths-1); start > last {
		v.bad("%s: starts in %v, after the last month simulated (%v)", what, start, last)
	}
}

// promotionCells checks where a promotion rule goes: the next band of the
// same profession and organisation, or, for a pull move across
// professions, any band of another profession in the same organisation.
func (v *validator) promotionCells(what string, p Promotion) {
	l := v.m.Layout
	from, to := l.Cells[p.From], l.Cells[p.To]
	switch {
	case from.Org != to.Org:
		v.bad("%s: %s to %s moves between organisations (want the same organisation: pull moves stay within one)", what, l.CellName(p.From), l.CellName(p.To))
	case from.Prof != to.Prof:
		// A pull move across professions: any band.
	default:
		if next, ok := from.Band.Next(); !ok || next != to.Band {
			v.bad("%s: %s to %s is not a move to the next band of the same profession and organisation", what, l.CellName(p.From), l.CellName(p.To))
		}
	}
}

// posts checks that graduates take a known kind of posts.
func (v *validator) posts(what string, p Posts) {
	if !p.Valid() {
		v.bad("%s: unknown posts %d (want vacancies, new_posts or supernumerary)", what, int(p))
	}
}
