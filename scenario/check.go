package scenario

import (
	"fmt"
	"math"

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

// Limits of the mechanisms beyond the workforce itself.
const (
	maxAgeGroups      = 20 // each multiplies the engine's strata
	maxAge            = 120
	maxCount          = workforce.MaxHeadsPerPeriod   // heads a year or a month in one cohort or pipeline, or added by an intervention
	maxPounds         = workforce.MaxInterventionCost // an intervention's one-off or annual cost
	maxHoursPerYear   = workforce.MaxHoursPerFTE
	defaultHours      = 1950 // 37.5 hours x 52 weeks
	defaultStudy      = 0.2  // share of an apprentice's post given to study
	defaultMaxMonths  = 12   // staff portability: "for up to one year" (Leeds)
	durationsNeedOne  = 1    // a course or programme lasts at least a month
	maxRotationMonths = workforce.MaxHorizonMonths
)

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

// monthsText writes a horizon as people say it: "30-year", "18-month".
func monthsText(months int) string {
	if months%12 == 0 {
		return fmt.Sprintf("%d-year", months/12)
	}
	return fmt.Sprintf("%d-month", months)
}

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

	// The mechanisms options add (see mergeOptionMechanisms): who added
	// each entry of the merged lists, and where in the file it is.
	owners  owners
	aliases []pathAlias

	// Interventions, per list: 0 is the file's own, k the k-th option's.
	ivs     [][]resolvedIntervention
	created []map[cellKey]bool // cells created by establishment interventions, per list
}

// resolvedCells is a rule's cells (pipelines: from, to and funded_from;
// rotations: the cells rotated through; portability: from, then the cells
// covered); ok is false when one could not be resolved.
type resolvedCells struct {
	ok    bool
	cells []cellKey
}

// ruleKind is a kind of named rule: a pipeline or a rotation (the rule
// lists whose rules have names).
type ruleKind = workforce.RuleList

const (
	kindApprenticeship = workforce.RuleApprenticeships
	kindStudents       = workforce.RuleStudents
	kindInternational  = workforce.RuleInternational
	kindReturn         = workforce.RuleReturners
	kindRotation       = workforce.RuleRotations
)

var ruleKindNames = [...]string{
	kindApprenticeship: "an apprenticeship",
	kindStudents:       "a student programme",
	kindInternational:  "an international recruitment",
	kindReturn:         "a return-to-practice scheme",
	kindRotation:       "a rotation",
}

// ruleRef is where a named rule is.
type ruleRef struct {
	kind  ruleKind
	index int
	path  string
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
//
// The checks run in this order because each reads what the ones before it
// resolved: organisations and roles before the workforce entries that name
// them, the entries' cells before the flows and pipelines into them, the
// names of pipelines and rotations before the interventions that pick
// them. checkInterventions runs last: it reports a selection that matches
// nothing only when everything before it resolved.
func (f *File) buildOptions() ([]sim.Option, ErrorList) {
	b := &builder{f: f, src: f.src, groupAt: map[groupKey]int{}, cells: map[cellKey]bool{}, names: map[string]ruleRef{}}
	b.mergeOptionMechanisms()
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
	b.checkFixedTerms()
	b.checkPortability()
	b.checkCosts()
	b.checkExits()
	b.checkInterventions()
	b.checkReport()
	if len(b.cells) == 0 && len(f.Workforce) > 0 && len(b.errs) == 0 {
		b.errorf("workforce", "no cells (want at least one band, or a flow or new posts into one)")
	}
	if len(b.errs) > 0 {
		b.unmergePaths()
		b.errs.Sort()
		return nil, b.errs
	}
	opts, err := b.compileOptions()
	if err != nil {
		return nil, ErrorList{{Msg: err.Error()}}
	}
	// Which metrics exist depends on the mechanisms the compiled options use.
	if b.checkReportMetrics(opts); len(b.errs) > 0 {
		return nil, b.errs
	}
	return opts, nil
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

// checkMonth checks an optional month; before the start is an error when
// notBeforeStart is set.
func (b *builder) checkMonth(m workforce.Month, path string, notBeforeStart bool, why string) bool {
	switch {
	case m == 0:
		return true
	case m < workforce.NewMonth(1900, 1) || m > workforce.NewMonth(2200, 12):
		b.errorf(path, "out of range (got %v, want 1900-01 to 2200-12)", m)
	case notBeforeStart && b.start != 0 && m < b.start:
		b.errorf(path, "before the simulation starts (got %v, want %v or later%s)", m, b.start, why)
	default:
		return true
	}
	return false
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

// checkWindow checks first and last months, both optional, inclusive.
func (b *builder) checkWindow(first, last workforce.Month, p string) {
	okFirst := b.checkMonth(first, p+".first_month", false, "")
	okLast := b.checkMonth(last, p+".last_month", false, "")
	if okFirst && okLast && first != 0 && last != 0 && last < first {
		b.errorf(p+".last_month", "before first_month (got %v, want %v or later)", last, first)
	}
}

// checkYears checks first and last calendar years, both optional.
func (b *builder) checkYears(first, last int, p string) {
	years := func(y int, key string) {
		if y != 0 && (y < 1900 || y > 2200) {
			b.errorf(p+"."+key, "out of range (got %d, want a year from 1900 to 2200, or 0 for no bound)", y)
		}
	}
	years(first, "first_year")
	years(last, "last_year")
	if first != 0 && last != 0 && first > last {
		b.errorf(p+".last_year", "before first_year (got %d, want %d or later)", last, first)
	}
}

// checkMonths checks a required whole number of months.
func (b *builder) checkMonths(m *int, path string, lo int, want string) {
	switch {
	case m == nil:
		b.missing(path, want)
	case *m < lo || *m > workforce.MaxHorizonMonths:
		b.errorf(path, "out of range (got %d, want %d to %d)", *m, lo, workforce.MaxHorizonMonths)
	}
}

// checkShare checks an optional plain share.
func (b *builder) checkShare(x *float64, path string) {
	b.checkFloat(x, path, func(x float64) bool { return x >= 0 && x <= 1 }, "0 to 1")
}

// ruleName checks the name of a pipeline or rotation: a key, unique among
// them all.
func (b *builder) ruleName(path, name string, kind ruleKind, i int) {
	if !b.checkKey(path, name) {
		return
	}
	if at, dup := b.names[name]; dup {
		b.errorf(path, "duplicate name %q (first at %s; pipelines and rotations need distinct names)", name, b.where(at.path))
		return
	}
	b.names[name] = ruleRef{kind: kind, index: i, path: path}
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
