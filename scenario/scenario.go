package scenario

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// MaxBytes is the largest scenario file Parse and Load accept: 1 MiB. Real
// scenarios are a few kilobytes; the limit bounds the time and memory an
// accidental or hostile input can take.
const MaxBytes = 1 << 20

// MaxErrors is the most problems Parse reports; a final line counts the
// rest.
const MaxErrors = 50

// Load reads a scenario file and parses it. Files over MaxBytes are
// refused before they are decoded.
func Load(path string) (*File, error) {
	fd, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	data, err := io.ReadAll(io.LimitReader(fd, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, tooLarge(path, fmt.Sprintf("more than %d bytes", MaxBytes))
	}
	return Parse(path, data)
}

// Parse decodes a scenario strictly and validates it. filename is used in
// messages only. The error, if any, is an ErrorList holding every problem
// found, sorted by position.
func Parse(filename string, data []byte) (*File, error) {
	if len(data) > MaxBytes {
		return nil, tooLarge(filename, strconv.Itoa(len(data))+" bytes")
	}
	src := newSource(filename)
	if e := scanBytes(filename, data); e != nil {
		return nil, ErrorList{e}
	}
	root, errs := parseNode(filename, data)
	if len(errs) > 0 {
		return nil, errs
	}
	w := &walker{src: src}
	w.walk(root, reflect.TypeFor[File](), "")

	f := new(File)
	if len(w.errs) == 0 && len(src.overflow) == 0 {
		// The walker found nothing wrong, so yaml.v3's strict decoder
		// should not either; if it does, its messages are still reported.
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(f); err != nil {
			return nil, limit(yamlErrors(filename, src, err), 0)
		}
	} else {
		// Decode what the walker kept (and the numbers it replaced), so
		// that the rest of the file is still checked. The walker has already enforced strictness on
		// this tree (Node.Decode cannot).
		_ = root.Decode(f)
	}
	f.src = src
	_, semantic := f.build()
	all := w.errs
	for _, e := range semantic {
		if !src.suppressed(e.Path) {
			all = append(all, e)
		}
	}
	all = src.reportOverflows(all)
	if len(all) > 0 {
		return nil, limit(all, w.dropped)
	}
	return f, nil
}

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

// BaselineName is the name of the first option CompileOptions returns.
const BaselineName = "baseline"

// CompileOptions validates a File and compiles the baseline and every
// named option. The first option is the baseline, named "baseline", with
// the file's description; it is the model Compile returns. Every option's
// Model has the same layout (the union of the cells the baseline and all
// options use) and starts with the baseline's parameters in the same order,
// its own appended after them, so that run i of every option draws the same
// parameters and the same random streams for the same cells and rules:
// common random numbers, so that options differ by policy, not by luck.
func (f *File) CompileOptions() ([]sim.Option, error) {
	opts, errs := f.buildOptions()
	if len(errs) > 0 {
		return nil, errs
	}
	for _, o := range opts {
		if err := o.Model.Validate(); err != nil {
			return nil, fmt.Errorf("scenario: internal error: compiled model of option %q is invalid: %w", o.Name, err)
		}
	}
	return opts, nil
}

// Settings returns the run settings the file asks for: its number of runs
// (sim.DefaultRuns when not given), its seed and its report selection
// (Selection; the default one without a report section). Workers,
// Deterministic and Progress are left for the caller. It compiles the
// file for the metrics its models report; a file that does not compile
// gets the zero selection (its runs would fail anyway). SettingsFor, given
// the compiled options, does not compile again.
func (f *File) Settings() sim.Settings {
	opts, _ := f.CompileOptions()
	return f.SettingsFor(opts)
}

// SettingsFor is Settings for the file's compiled options (CompileOptions).
func (f *File) SettingsFor(opts []sim.Option) sim.Settings {
	s := sim.Settings{Runs: sim.DefaultRuns, Seed: f.Simulation.Seed}
	if len(opts) > 0 {
		s.Report = f.Selection(opts)
	}
	if f.Simulation.Runs != nil {
		s.Runs = *f.Simulation.Runs
	}
	return s
}

// Target returns the scenario's target vacancy rate for comparisons, and
// false when it names none.
func (f *File) Target() (float64, bool) {
	if t := f.Simulation.TargetVacancyRate; t != nil {
		return *t, true
	}
	return 0, false
}

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

	// Report selects the series summarised; nil means the default
	// selection (see Report).
	Report *Report `yaml:"report,omitempty"`

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
