package scenario

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// Limits on values a scenario may hold, beyond those of package sim.
const (
	MaxHorizonYears = workforce.MaxHorizonMonths / 12
	maxHeadcount    = workforce.MaxCellSize // heads in one cell
	maxFTE          = workforce.MaxCellSize // funded posts in one cell, or added by one new-posts entry
	maxDestinations = 100
	shareTolerance  = 1e-6 // how far leaver destination shares may sum from 1
	exitTolerance   = 1e-12
)

// Validate checks a File and returns every problem found as an ErrorList,
// or nil. Parse has already done this for a File it returns; call Validate
// after building or changing a File in Go.
func (f *File) Validate() error {
	_, errs := f.build()
	return errs.Err()
}

// Compile validates a File and builds the model package sim runs. The
// model passes (*workforce.Model).Validate.
func (f *File) Compile() (*workforce.Model, error) {
	m, errs := f.build()
	if len(errs) > 0 {
		return nil, errs
	}
	if err := m.Validate(); err != nil {
		// A scenario that passes our checks must give a valid model.
		return nil, fmt.Errorf("scenario: internal error: compiled model is invalid: %w", err)
	}
	return m, nil
}

// Settings returns the run settings the file asks for: its number of runs
// (sim.DefaultRuns when not given) and its seed. Workers, Deterministic and
// Progress are left for the caller.
func (f *File) Settings() sim.Settings {
	s := sim.Settings{Runs: sim.DefaultRuns, Seed: f.Simulation.Seed}
	if f.Simulation.Runs != nil {
		s.Runs = *f.Simulation.Runs
	}
	return s
}

// bounds is the legal range of a kind of number; note, if any, says where
// the range comes from.
type bounds struct {
	lo, hi float64
	note   string
}

var (
	probability = bounds{lo: 0, hi: 1}
	count       = bounds{lo: 0, hi: maxCount}
)

// growthBounds is the range of establishment growth over the file's
// horizon: at most workforce.MaxGrowthFactor-fold compounded (workforce.MaxGrowth).
func (b *builder) growthBounds() bounds {
	if b.horizonMonths < 1 {
		return bounds{lo: -1, hi: 1} // the horizon is in error
	}
	hi := workforce.MaxGrowth(b.horizonMonths)
	if hi == 1 {
		return bounds{lo: -1, hi: 1, note: "posts may at most double in a year"}
	}
	return bounds{lo: -1, hi: hi,
		note: fmt.Sprintf("compounded over the %s horizon, posts may grow at most %d-fold", monthsText(b.horizonMonths), workforce.MaxGrowthFactor)}
}

// monthsText writes a horizon as people say it: "30-year", "18-month".
func monthsText(months int) string {
	if months%12 == 0 {
		return fmt.Sprintf("%d-year", months/12)
	}
	return fmt.Sprintf("%d-month", months)
}

func (r bounds) String() string {
	var s string
	switch {
	case math.IsInf(r.lo, -1) && math.IsInf(r.hi, 1):
		s = "a finite number"
	case math.IsInf(r.hi, 1):
		s = "at least " + formatFloat(r.lo)
	default:
		s = formatFloat(r.lo) + " to " + formatFloat(r.hi)
	}
	if r.note != "" {
		s += ": " + r.note
	}
	return s
}

func (r bounds) holds(x float64) bool { return x >= r.lo && x <= r.hi }

// cellKey names a cell before the layout exists.
type cellKey struct {
	org  int
	prof string
	band workforce.Band
}

type groupKey struct {
	org  int
	prof string
}

// groupInfo is a workforce entry with its organisation and profession
// resolved; ok is false when either is unknown.
type groupInfo struct {
	ok   bool
	org  int
	prof workforce.Profession
}

// builder validates a File and, when it is valid, compiles it. Validation
// and compilation share one pass over the file so that they cannot
// disagree about what a file means.
type builder struct {
	f    *File
	src  *source
	errs ErrorList

	start         workforce.Month
	stepMonths    int
	horizonMonths int
	reportMonths  int

	orgs    []workforce.Organisation
	roles   []workforce.Profession // custom roles, in file order
	groups  []groupInfo            // one per f.Workforce entry
	groupAt map[groupKey]int       // index into f.Workforce
	cells   map[cellKey]bool
	// Transitions resolved to cells; ok is false when a cell is unknown.
	trans []resolvedTransition
	posts []resolvedPost

	hasAges  bool     // the file has age groups
	ageOK    bool     // and they are all valid
	ageNames []string // the valid age group names, in order

	// Pipelines, rotations and portability resolved to cells, and the
	// names of pipelines and rotations.
	appr, students, intl, rtp []resolvedCells
	rots, ports               []resolvedCells
	names                     map[string]ruleRef
	// incomplete is set when some cell or rule could not be resolved, so
	// that "matches nothing" is not reported for a selection that might
	// have matched it.
	incomplete bool

	// Interventions, per list: 0 is the file's own, k the k-th option's.
	ivs     [][]resolvedIntervention
	created []map[cellKey]bool // cells created by establishment interventions, per list
}

type resolvedTransition struct {
	ok       bool
	from, to cellKey
}

type resolvedPost struct {
	ok   bool
	cell cellKey
}

func (b *builder) errorf(path, format string, args ...any) {
	pos := b.src.position(path)
	e := &Error{Line: pos.line, Column: pos.col, Path: path, Msg: fmt.Sprintf(format, args...)}
	if b.src != nil {
		e.File = b.src.filename
	}
	b.errs = append(b.errs, e)
}

// where says where another path is, for "first at ..." in messages.
func (b *builder) where(path string) string {
	if p := b.src.position(path); p.line > 0 {
		return fmt.Sprintf("line %d", p.line)
	}
	return path
}

// missing reports a required key that is absent.
func (b *builder) missing(path, want string) {
	b.errorf(path, "missing (want %s)", want)
}

// build checks the whole file and, if it is valid, returns the baseline
// model.
func (f *File) build() (*workforce.Model, ErrorList) {
	opts, errs := f.buildOptions()
	if len(errs) > 0 {
		return nil, errs
	}
	return opts[0].Model, nil
}

// buildOptions checks the whole file and, if it is valid, compiles the
// baseline and every option.
func (f *File) buildOptions() ([]sim.Option, ErrorList) {
	b := &builder{f: f, src: f.src, groupAt: map[groupKey]int{}, cells: map[cellKey]bool{}, names: map[string]ruleRef{}}
	b.checkSimulation()
	b.checkText()
	b.checkOrganisations()
	b.checkRoles()
	b.checkDestinations()
	b.checkAge()
	b.checkWorkforce()
	b.checkTransitions()
	b.checkNewPosts()
	b.checkPipelines()
	b.checkRotations()
	b.checkPortability()
	b.checkCosts()
	b.checkExits()
	b.checkInterventions()
	if len(b.cells) == 0 && len(f.Workforce) > 0 && len(b.errs) == 0 {
		b.errorf("workforce", "no cells (want at least one band, or a flow or new posts into one)")
	}
	if len(b.errs) > 0 {
		b.errs.Sort()
		return nil, b.errs
	}
	opts, err := b.compileOptions()
	if err != nil {
		return nil, ErrorList{{Msg: err.Error()}}
	}
	return opts, nil
}

func (b *builder) checkSimulation() {
	f := b.f
	if strings.TrimSpace(f.Name) == "" {
		b.missing("name", "a short title for reports")
	}
	s := f.Simulation
	const p = "simulation"
	switch {
	case s.Start == 0:
		b.missing(p+".start", "the first month simulated, YYYY-MM")
	case s.Start < workforce.NewMonth(1900, 1) || s.Start > workforce.NewMonth(2200, 12):
		b.errorf(p+".start", "out of range (got %v, want 1900-01 to 2200-12)", s.Start)
	}
	b.start = s.Start

	b.stepMonths = s.Step.Months()
	switch s.Step {
	case 0, Monthly, Quarterly, Annual:
	default:
		b.errorf(p+".step", "unknown step (got %d months, want monthly, quarterly or annual)", int(s.Step))
		b.stepMonths = 1
	}

	switch {
	case s.HorizonYears != nil && s.HorizonMonths != nil:
		b.errorf(p+".horizon_months", "horizon given twice (want horizon_years or horizon_months, not both)")
	case s.HorizonYears != nil:
		y := *s.HorizonYears
		if y < 1 || y > MaxHorizonYears {
			b.errorf(p+".horizon_years", "out of range (got %d, want 1 to %d)", y, MaxHorizonYears)
		} else {
			b.horizonMonths = 12 * y
		}
	case s.HorizonMonths != nil:
		mo := *s.HorizonMonths
		switch {
		case mo < 1 || mo > workforce.MaxHorizonMonths:
			b.errorf(p+".horizon_months", "out of range (got %d, want 1 to %d)", mo, workforce.MaxHorizonMonths)
		case mo%b.stepMonths != 0:
			b.errorf(p+".horizon_months", "not a whole number of steps (got %d, want a multiple of %d for %v steps)", mo, b.stepMonths, s.Step)
		default:
			b.horizonMonths = mo
		}
	default:
		b.missing(p+".horizon_years", fmt.Sprintf("the years to simulate, 1 to %d, or horizon_months", MaxHorizonYears))
	}

	b.reportMonths = max(12, b.stepMonths)
	if r := s.ReportEveryMonths; r != nil {
		switch {
		case *r < 1 || *r > workforce.MaxHorizonMonths:
			b.errorf(p+".report_every_months", "out of range (got %d, want 1 to %d)", *r, workforce.MaxHorizonMonths)
		case *r%b.stepMonths != 0:
			b.errorf(p+".report_every_months", "not a multiple of the step (got %d, want a multiple of %d for %v steps)", *r, b.stepMonths, s.Step)
		default:
			b.reportMonths = *r
		}
	}

	if r := s.Runs; r != nil && (*r < 1 || *r > sim.MaxRuns) {
		b.errorf(p+".runs", "out of range (got %d, want 1 to %d)", *r, sim.MaxRuns)
	}
	if t := s.TargetVacancyRate; t != nil && !(*t > -1 && *t < 1) {
		b.errorf(p+".target_vacancy_rate", "out of range (got %v, want a vacancy rate above -1 and below 1, e.g. 0.08)", *t)
	}
}

// Target returns the scenario's target vacancy rate for comparisons, and
// false when it names none.
func (f *File) Target() (float64, bool) {
	if t := f.Simulation.TargetVacancyRate; t != nil {
		return *t, true
	}
	return 0, false
}

// checkKey reports a key that cannot be used in files and output.
func (b *builder) checkKey(path, key string) bool {
	if key == "" {
		b.missing(path, "a key of lower case letters, digits and _")
		return false
	}
	if err := workforce.CheckKey(key); err != nil {
		b.errorf(path, "%v", err)
		return false
	}
	return true
}

func (b *builder) checkOrganisations() {
	if len(b.f.Organisations) == 0 {
		b.orgs = []workforce.Organisation{workforce.DefaultOrganisation}
		return
	}
	first := map[string]string{}
	for i, o := range b.f.Organisations {
		p := item("organisations", i)
		if !b.checkKey(p+".key", o.Key) {
			continue
		}
		if at, dup := first[o.Key]; dup {
			b.errorf(p+".key", "duplicate organisation %q (first at %s)", o.Key, b.where(at))
			continue
		}
		first[o.Key] = p + ".key"
		name := o.Name
		if name == "" {
			name = o.Key
		}
		b.orgs = append(b.orgs, workforce.Organisation{Key: o.Key, Name: name})
	}
}

func (b *builder) checkRoles() {
	first := map[string]string{}
	for i, r := range b.f.CustomRoles {
		p := item("custom_roles", i) + ".key"
		if !b.checkKey(p, r.Key) {
			continue
		}
		if _, std := workforce.LookupProfession(r.Key); std {
			b.errorf(p, "%q is a standard profession (want a new key; standard professions need no declaring)", r.Key)
			continue
		}
		if at, dup := first[r.Key]; dup {
			b.errorf(p, "duplicate custom role %q (first at %s)", r.Key, b.where(at))
			continue
		}
		first[r.Key] = p
		name := r.Name
		if name == "" {
			name = r.Key
		}
		b.roles = append(b.roles, workforce.Profession{Key: r.Key, Name: name, Support: r.Support, Custom: true})
	}
}

func (b *builder) checkDestinations() {
	dests := b.f.LeaverDestinations
	if len(dests) > maxDestinations {
		b.errorf("leaver_destinations", "too many destinations (got %d, want at most %d)", len(dests), maxDestinations)
		return
	}
	first := map[string]string{}
	for i, d := range dests {
		p := item("leaver_destinations", i)
		if !b.checkKey(p, d) {
			continue
		}
		if at, dup := first[d]; dup {
			b.errorf(p, "duplicate leaver destination %q (first at %s)", d, b.where(at))
			continue
		}
		first[d] = p
	}
}

// orgRef resolves an organisation key; "" means the only organisation.
func (b *builder) orgRef(key, path string) (int, bool) {
	if len(b.orgs) == 0 {
		return 0, false // every declared organisation was bad, and reported
	}
	keys := make([]string, len(b.orgs))
	for i, o := range b.orgs {
		keys[i] = o.Key
	}
	if key == "" {
		if len(b.orgs) == 1 {
			return 0, true
		}
		b.missing(path, "one of "+strings.Join(keys, ", ")+": the file has several organisations")
		return 0, false
	}
	if i := slices.Index(keys, key); i >= 0 {
		return i, true
	}
	want := "want one of " + strings.Join(keys, ", ")
	if len(b.f.Organisations) == 0 {
		want = "want system, or declare organisations"
	}
	b.errorf(path, "unknown organisation %q%s", key, suggest(key, keys, want))
	return 0, false
}

// profRef resolves a profession key: a standard profession or a custom role.
func (b *builder) profRef(key, path string) (workforce.Profession, bool) {
	if key == "" {
		b.missing(path, "a profession such as occupational_therapist")
		return workforce.Profession{}, false
	}
	if p, ok := workforce.LookupProfession(key); ok {
		return p, true
	}
	var keys []string
	for _, p := range b.roles {
		if p.Key == key {
			return p, true
		}
	}
	for _, p := range workforce.StandardProfessions() {
		keys = append(keys, p.Key)
	}
	for _, p := range b.roles {
		keys = append(keys, p.Key)
	}
	b.errorf(path, "unknown profession %q%s", key, suggest(key, keys, "want one of "+strings.Join(keys, ", ")+", or declare it under custom_roles"))
	return workforce.Profession{}, false
}

// checkValue checks an uncertain number against the range of the quantity
// it stands for. It mirrors the checks of sim's Dist, so that a valid file
// always compiles to a valid model, and reports each problem at the
// parameter at fault.
func (b *builder) checkValue(v *Value, path string, r bounds) bool {
	if !v.Dist.Valid() {
		b.errorf(path, "unknown distribution (got %v, want one of %s)", v.Dist, strings.Join(distNames, ", "))
		return false
	}
	names := v.Dist.Params()
	at := func(i int) string {
		if v.Dist == workforce.Fixed && !b.src.has(join(path, "value")) {
			return path
		}
		return join(path, names[i])
	}
	ok := true
	for i, x := range v.params() {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			b.errorf(at(i), "not a finite number (got %v)", x)
			ok = false
		}
	}
	if !ok {
		return false
	}
	inRange := func(i int) bool {
		if x := v.params()[i]; !r.holds(x) {
			b.errorf(at(i), "out of range (got %s, want %v)", formatFloat(x), r)
			return false
		}
		return true
	}
	positive := func(i int) bool {
		if x := v.params()[i]; x <= 0 {
			b.errorf(at(i), "out of range (got %s, want above 0)", formatFloat(x))
			return false
		}
		return true
	}
	switch v.Dist {
	case workforce.Fixed:
		return inRange(0)
	case workforce.Uniform:
		if v.A > v.B {
			b.errorf(path, "uniform min is above max (got min %s, max %s)", formatFloat(v.A), formatFloat(v.B))
			return false
		}
		return inRange(0) && inRange(1)
	case workforce.Triangular:
		if !(v.A <= v.B && v.B <= v.C) || v.A == v.C {
			b.errorf(path, "triangular needs min <= mode <= max with min < max (got min %s, mode %s, max %s)", formatFloat(v.A), formatFloat(v.B), formatFloat(v.C))
			return false
		}
		return inRange(0) && inRange(2)
	case workforce.Normal:
		return positive(1) && inRange(0)
	case workforce.Beta:
		if !positive(0) || !positive(1) {
			return false
		}
		if r.lo > 0 || r.hi < 1 {
			b.errorf(path, "a beta distribution lies in 0 to 1 (want %v: use another distribution)", r)
			return false
		}
		return true
	case workforce.LogNormal:
		if !positive(1) {
			return false
		}
		if med := math.Exp(v.A); !r.holds(med) {
			b.errorf(at(0), "lognormal median exp(mu) is out of range (got %s, want %v)", formatFloat(roundTo(med, 6)), r)
			return false
		}
	}
	return true
}

// optValue checks an optional uncertain number.
func (b *builder) optValue(v *Value, path string, r bounds) {
	if v != nil {
		b.checkValue(v, path, r)
	}
}

// reqValue checks a required uncertain number.
func (b *builder) reqValue(v *Value, path string, r bounds, want string) {
	if v == nil {
		b.missing(path, want)
		return
	}
	b.checkValue(v, path, r)
}

func (b *builder) checkFloat(x *float64, path string, ok func(float64) bool, want string) {
	if x == nil {
		return
	}
	if math.IsNaN(*x) || math.IsInf(*x, 0) {
		b.errorf(path, "not a finite number (got %v)", *x)
	} else if !ok(*x) {
		b.errorf(path, "out of range (got %s, want %s)", formatFloat(*x), want)
	}
}

// checkDerivedEstablishment checks that the establishment a band derives
// from its headcount and vacancy rate (headcount x fte_per_head /
// (1 - vacancy_rate)) is within the range establishment_fte has: a
// vacancy rate of 0.9999 would multiply the posts by 10,000.
func (b *builder) checkDerivedEstablishment(g *Group, bs BandSpec, bp string) {
	if bs.EstablishmentFTE != nil {
		return
	}
	fte, vacancy, at := 1.0, 0.0, ""
	for _, s := range []*CellSettings{&g.CellSettings, &bs.CellSettings} {
		if s.FTEPerHead != nil {
			fte = *s.FTEPerHead
		}
		if s.VacancyRate != nil {
			vacancy = *s.VacancyRate
			at = ".vacancy_rate"
			if s == &g.CellSettings {
				at = "" // the entry's rate: the band is where it goes wrong
			}
		}
	}
	if !(vacancy < 1) || !(fte > 0 && fte <= 1) || bs.Headcount < 0 || bs.Headcount > maxHeadcount {
		return // reported by checkCellSettings or as the headcount's range
	}
	if est := float64(bs.Headcount) * fte / (1 - vacancy); est > maxFTE {
		b.errorf(bp+at, "establishment derived from headcount %d and vacancy_rate %s is out of range (got %.6g FTE, want 0 to %d: give establishment_fte, or a lower vacancy_rate)",
			bs.Headcount, formatFloat(vacancy), est, maxFTE)
	}
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
}

func (b *builder) checkWorkforce() {
	f := b.f
	if len(f.Workforce) == 0 {
		if b.src.has("workforce") {
			b.errorf("workforce", "empty (want at least one entry: a profession in an organisation)")
		} else {
			b.missing("workforce", "a list of entries, each a profession in an organisation")
		}
	}
	b.groups = make([]groupInfo, len(f.Workforce))
	for i := range f.Workforce {
		g := &f.Workforce[i]
		p := item("workforce", i)
		prof, okProf := b.checkGroupKey(g, i, p)
		b.checkCellSettings(&g.CellSettings, p)
		b.checkShares(g, p)
		if b.hasAges && g.AgeProfile == nil && b.f.AgeProfile == nil {
			b.missing(p+".age_profile", "the share of staff in each age group, or a top-level age_profile for every entry")
		}
		b.checkBands(g, i, p)
		b.checkPromotions(g, i, p)
		b.checkGraduates(g, i, p, prof, okProf)
	}
}

// checkGroupKey resolves workforce entry i's organisation and profession
// and records the entry, unless another entry has the same pair.
func (b *builder) checkGroupKey(g *Group, i int, p string) (workforce.Profession, bool) {
	org, okOrg := b.orgRef(g.Organisation, p+".organisation")
	prof, okProf := b.profRef(g.Profession, p+".profession")
	if !okOrg || !okProf {
		b.incomplete = true
	}
	if okOrg && okProf {
		k := groupKey{org, prof.Key}
		if j, dup := b.groupAt[k]; dup {
			b.errorf(p+".profession", "duplicate entry for %s/%s (first at %s)", b.orgs[org].Key, prof.Key, b.where(item("workforce", j)))
		} else {
			b.groupAt[k] = i
			b.groups[i] = groupInfo{ok: true, org: org, prof: prof}
		}
	}
	return prof, okProf
}

// checkBands checks workforce entry i's bands, lowest first.
func (b *builder) checkBands(g *Group, i int, p string) {
	for _, band := range slices.Sorted(maps.Keys(g.Bands)) {
		bs := g.Bands[band]
		bp := p + ".bands." + band.String()
		if !band.Valid() {
			b.errorf(bp, "unknown band (got %v)", band)
			continue
		}
		if bs.Headcount < 0 || bs.Headcount > maxHeadcount {
			b.errorf(bp+".headcount", "out of range (got %d, want 0 to %d)", bs.Headcount, maxHeadcount)
		}
		b.checkFloat(bs.EstablishmentFTE, bp+".establishment_fte", func(x float64) bool { return x >= 0 && x <= maxFTE }, fmt.Sprintf("0 to %d", maxFTE))
		if bs.EstablishmentFTE != nil && bs.VacancyRate != nil {
			b.errorf(bp+".vacancy_rate", "both establishment_fte and vacancy_rate given (want one: establishment_fte sets the posts, vacancy_rate derives them from staff in post)")
		}
		b.checkCellSettings(&bs.CellSettings, bp)
		b.checkDerivedEstablishment(g, bs, bp)
		b.addCell(i, band)
	}
}

// checkPromotions checks workforce entry i's promotion rules: at most one
// from each band, into a band that exists.
func (b *builder) checkPromotions(g *Group, i int, p string) {
	fromSeen := map[workforce.Band]string{}
	for j, pr := range g.Promotion {
		pp := item(p+".promotion", j)
		b.reqValue(pr.MonthlyApply, pp+".monthly_apply", probability, "the monthly probability that an eligible head applies, 0 to 1")
		if pr.MinMonths < 0 || pr.MinMonths > workforce.MaxHorizonMonths {
			b.errorf(pp+".min_months", "out of range (got %d, want 0 to %d)", pr.MinMonths, workforce.MaxHorizonMonths)
		}
		if pr.From == nil {
			b.missing(pp+".from", "the band promoted from, e.g. 5")
			continue
		}
		from := *pr.From
		next, ok := from.Next()
		switch {
		case !from.Valid():
			b.errorf(pp+".from", "unknown band (got %v)", from)
		case !ok:
			b.errorf(pp+".from", "no band above %v to promote into", from)
		case fromSeen[from] != "":
			b.errorf(pp+".from", "duplicate promotion from band %v (first at %s)", from, b.where(fromSeen[from]))
		default:
			fromSeen[from] = pp + ".from"
			b.addCell(i, from)
			b.addCell(i, next)
		}
	}
}

// checkGraduates checks workforce entry i's graduate cohorts; okProf
// says whether the entry's profession prof is known.
func (b *builder) checkGraduates(g *Group, i int, p string, prof workforce.Profession, okProf bool) {
	for j, gc := range g.Graduates {
		gp := item(p+".graduates", j)
		if okProf && prof.Support {
			b.errorf(gp, "graduates join Band 5 of a registered profession (got %s, a support role)", prof.Key)
		}
		b.checkMonthOfYear(gc.Month, gp+".month", "the month of the year the cohort arrives, 1-12")
		b.reqValue(gc.Cohort, gp+".cohort", count, "the number of graduates a year")
		b.reqValue(gc.Conversion, gp+".conversion", probability, "the share who would take a local post, 0 to 1")
		b.checkYears(gc.FirstYear, gc.LastYear, gp)
		b.addCell(i, workforce.Band5)
	}
}

// checkMonthOfYear checks a month of the year, 1 to 12; want says what a
// missing one means.
func (b *builder) checkMonthOfYear(month int, path, want string) {
	if month >= 1 && month <= 12 {
		return
	}
	if month == 0 && !b.src.has(path) {
		b.missing(path, want)
	} else {
		b.errorf(path, "out of range (got %d, want 1 to 12)", month)
	}
}

// addCell records that workforce entry i has a cell in band.
func (b *builder) addCell(i int, band workforce.Band) {
	if g := b.groups[i]; g.ok {
		b.cells[cellKey{g.org, g.prof.Key, band}] = true
	}
}

// checkShares checks a workforce entry's leaver destination shares.
func (b *builder) checkShares(g *Group, p string) {
	dests := b.f.LeaverDestinations
	p += ".leaver_destinations"
	if len(dests) == 0 {
		if len(g.LeaverDestinations) > 0 {
			b.errorf(p, "shares given, but the file has no leaver_destinations (want a top-level list naming them)")
		}
		return
	}
	if g.LeaverDestinations == nil {
		b.missing(p, "the share of leavers going to each of "+strings.Join(dests, ", "))
		return
	}
	sum := 0.0
	ok := true
	for _, d := range slices.Sorted(maps.Keys(g.LeaverDestinations)) {
		x := g.LeaverDestinations[d]
		dp := join(p, d)
		if !slices.Contains(dests, d) {
			b.errorf(dp, "unknown leaver destination %q%s", d, suggest(d, dests, "want one of "+strings.Join(dests, ", ")))
			ok = false
			continue
		}
		if math.IsNaN(x) || x < 0 || x > 1 {
			b.errorf(dp, "out of range (got %s, want 0 to 1)", formatFloat(x))
			ok = false
			continue
		}
		sum += x
	}
	if ok && math.Abs(sum-1) > shareTolerance {
		b.errorf(p, "shares sum to %s (want 1)", formatFloat(roundTo(sum, 9)))
	}
}

// roundTo rounds x to digits decimals; numbers too large for that (x*10^digits
// would overflow) are already whole and are returned as they are.
func roundTo(x float64, digits int) float64 {
	s := math.Pow(10, float64(digits))
	if math.Abs(x) > 1e15 {
		return x
	}
	return math.Round(x*s) / s
}

// cellRef resolves a cell reference; def fills in empty fields (for a
// transition's To). It reports problems at path.
func (b *builder) cellRef(r CellRef, path string, def *cellKey) (cellKey, bool) {
	var k cellKey
	ok := true
	switch {
	case r.Organisation == "" && def != nil:
		k.org = def.org
	default:
		org, good := b.orgRef(r.Organisation, path+".organisation")
		k.org, ok = org, ok && good
	}
	switch {
	case r.Profession == "" && def != nil:
		k.prof = def.prof
	default:
		prof, good := b.profRef(r.Profession, path+".profession")
		k.prof, ok = prof.Key, ok && good
	}
	var defBand *workforce.Band
	if def != nil {
		defBand = &def.band
	}
	return b.finishCell(k, ok, r.Band, defBand, path)
}

// finishCell resolves the band of a cell reference (def, when not nil, fills
// it in when absent) and checks that the cell's organisation and profession
// have a workforce entry. ok says whether the fields before were good.
func (b *builder) finishCell(k cellKey, ok bool, band, def *workforce.Band, path string) (cellKey, bool) {
	switch {
	case band == nil && def != nil:
		k.band = *def
	case band == nil:
		b.missing(path+".band", "a band such as 5 or 8a")
		ok = false
	case !band.Valid():
		b.errorf(path+".band", "unknown band (got %v)", *band)
		ok = false
	default:
		k.band = *band
	}
	if !ok {
		return k, false
	}
	if _, has := b.groupAt[groupKey{k.org, k.prof}]; !has {
		b.errorf(path, "no workforce entry for %s/%s (want one, even with no staff, to give its rates)", b.orgs[k.org].Key, k.prof)
		return k, false
	}
	return k, true
}

func (b *builder) cellName(k cellKey) string {
	return fmt.Sprintf("%s/%s/%v", b.orgs[k.org].Key, k.prof, k.band)
}

func (b *builder) checkTransitions() {
	first := map[[2]cellKey]string{}
	b.trans = make([]resolvedTransition, len(b.f.Transitions))
	for i, t := range b.f.Transitions {
		p := item("transitions", i)
		b.reqValue(t.AnnualRate, p+".annual_rate", probability, "the annual probability of the move, 0 to 1")
		from, okFrom := b.cellRef(t.From, p+".from", nil)
		if !okFrom {
			b.incomplete = true
			continue
		}
		to, okTo := b.cellRef(t.To, p+".to", &from)
		if !okTo {
			b.incomplete = true
			continue
		}
		if from == to {
			b.errorf(p+".to", "same cell as from (got %s; want a different organisation, profession or band)", b.cellName(to))
			continue
		}
		if at, dup := first[[2]cellKey{from, to}]; dup {
			b.errorf(p, "duplicate transition from %s to %s (first at %s)", b.cellName(from), b.cellName(to), b.where(at))
			continue
		}
		first[[2]cellKey{from, to}] = p
		b.trans[i] = resolvedTransition{ok: true, from: from, to: to}
		b.cells[from] = true
		b.cells[to] = true
	}
}

func (b *builder) checkNewPosts() {
	b.posts = make([]resolvedPost, len(b.f.Demand.NewPosts))
	for i, n := range b.f.Demand.NewPosts {
		p := item("demand.new_posts", i)
		switch {
		case n.From == 0:
			b.missing(p+".from", "the first month with the posts, YYYY-MM")
		case n.From < workforce.NewMonth(1900, 1) || n.From > workforce.NewMonth(2200, 12):
			b.errorf(p+".from", "out of range (got %v, want 1900-01 to 2200-12)", n.From)
		case b.start != 0 && n.From < b.start:
			b.errorf(p+".from", "before the simulation starts (got %v, want %v or later: count posts that exist at the start in establishment_fte)", n.From, b.start)
		default:
			b.checkNotAfterHorizon(n.From, p+".from", "the posts would never be funded")
		}
		b.reqValue(n.FTE, p+".fte", bounds{lo: -maxFTE, hi: maxFTE}, "the FTE of funded posts to add, negative to remove")
		cell, ok := b.cellRef(n.CellRef, p, nil)
		if !ok {
			b.incomplete = true
			continue
		}
		b.posts[i] = resolvedPost{ok: true, cell: cell}
		b.cells[cell] = true
	}
}

// band returns the settings of a band of a workforce entry, and whether
// the entry lists it.
func (g *Group) band(band workforce.Band) (BandSpec, bool) {
	bs, ok := g.Bands[band]
	return bs, ok
}

// leaverRate returns the leaver rate that applies to a cell: the band's,
// else the entry's, else nil.
func (g *Group) leaverRate(band workforce.Band) *Value {
	if bs, ok := g.band(band); ok && bs.LeaverRate != nil {
		return bs.LeaverRate
	}
	return g.LeaverRate
}

// checkExits reports cells whose leaver rate, highest retirement rate and
// transition rates sum above 1: they cannot all happen within a year.
func (b *builder) checkExits() {
	type exits struct {
		sum  float64
		last int // the last transition out of the cell
	}
	out := map[cellKey]*exits{}
	var order []cellKey
	for i, t := range b.trans {
		rate := b.f.Transitions[i].AnnualRate
		if !t.ok || rate == nil || !b.quietValue(rate, probability) {
			continue
		}
		e := out[t.from]
		if e == nil {
			e = &exits{}
			out[t.from] = e
			order = append(order, t.from)
		}
		e.sum += b.dist(rate, probability, "").Mean()
		e.last = i
	}
	// Cells with retirement rates but no transitions, in a fixed order.
	if b.hasAges {
		for _, c := range sortedCells(b.cells) {
			if out[c] == nil {
				order = append(order, c)
			}
		}
	}
	reported := map[string]bool{}
	for _, c := range order {
		gi, has := b.groupAt[groupKey{c.org, c.prof}]
		if !has {
			continue
		}
		g := &b.f.Workforce[gi]
		leave := 0.0
		if lr := g.leaverRate(c.band); lr != nil && b.quietValue(lr, probability) {
			leave = b.dist(lr, probability, "").Mean()
		}
		retire, retirePath := 0.0, ""
		if b.hasAges {
			rates, p := b.retirementOf(gi, c.band)
			for _, name := range slices.Sorted(maps.Keys(rates)) {
				if v := rates[name]; v != nil && slices.Contains(b.ageNames, name) && b.quietValue(v, probability) {
					if r := b.dist(v, probability, "").Mean(); r > retire {
						retire, retirePath = r, join(p, name)
					}
				}
			}
		}
		e := out[c]
		if e == nil {
			e = &exits{last: -1}
		}
		total := leave + retire + e.sum
		if total <= 1+exitTolerance {
			continue
		}
		switch {
		case e.last >= 0 && retire == 0:
			b.errorf(item("transitions", e.last)+".annual_rate",
				"exit rates from %s sum above 1 (got leaver rate %s plus transitions %s = %s, want at most 1)",
				b.cellName(c), formatFloat(roundTo(leave, 9)), formatFloat(roundTo(e.sum, 9)), formatFloat(roundTo(total, 9)))
		case e.last >= 0:
			b.errorf(item("transitions", e.last)+".annual_rate",
				"exit rates from %s sum above 1 (got leaver rate %s plus retirement %s plus transitions %s = %s, want at most 1)",
				b.cellName(c), formatFloat(roundTo(leave, 9)), formatFloat(roundTo(retire, 9)), formatFloat(roundTo(e.sum, 9)), formatFloat(roundTo(total, 9)))
		case !reported[retirePath]:
			reported[retirePath] = true
			b.errorf(retirePath,
				"exit rates from %s sum above 1 (got leaver rate %s plus retirement %s = %s, want at most 1)",
				b.cellName(c), formatFloat(roundTo(leave, 9)), formatFloat(roundTo(retire, 9)), formatFloat(roundTo(total, 9)))
		}
	}
}

// quietValue reports whether a value is valid, without reporting anything
// (its own check reports it).
func (b *builder) quietValue(v *Value, r bounds) bool {
	saved := b.errs
	ok := b.checkValue(v, "", r)
	b.errs = saved
	return ok
}

// dist converts a checked Value to a workforce.Dist with the range r.
func (b *builder) dist(v *Value, r bounds, name string) workforce.Dist {
	return workforce.Dist{Kind: v.Dist, A: v.A, B: v.B, C: v.C, Min: r.lo, Max: r.hi, Name: name}
}
