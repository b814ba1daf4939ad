package scenario

import (
	"fmt"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// Intervention changes one lever from a month on: a quantity of the cells
// or of the pipelines (and other rules) that AppliesTo selects, scaled,
// added to or set to Value, building up by Profile over RampMonths.
type Intervention struct {
	Name      string    `yaml:"name"`
	Lever     *Lever    `yaml:"lever"`
	AppliesTo Selection `yaml:"applies_to,omitempty"`
	Mode      *Mode     `yaml:"mode"`
	Value     *Value    `yaml:"value"`
	// Start is the first month in force; End, if given, the last.
	Start      workforce.Month `yaml:"start"`
	End        workforce.Month `yaml:"end,omitempty"`
	Profile    Profile         `yaml:"profile,omitempty"` // zero means ProfileStep
	RampMonths int             `yaml:"ramp_months,omitempty"`
	// OneOffCost is charged in the start month; AnnualCost a year while
	// in force, in proportion to how far the effect has built up. Pounds.
	OneOffCost *Value `yaml:"one_off_cost,omitempty"`
	AnnualCost *Value `yaml:"annual_cost,omitempty"`
}

// Selection picks what an intervention applies to. Each list left out
// means "all". For a cell lever it picks cells; for a rule lever it picks
// rules (promotions, graduate cohorts, pipelines, rotations) by the cells
// they lead to and, for pipelines and rotations, by Names.
type Selection struct {
	Organisations []string         `yaml:"organisations,omitempty"`
	Professions   []string         `yaml:"professions,omitempty"`
	Bands         []workforce.Band `yaml:"bands,omitempty"`
	Names         []string         `yaml:"names,omitempty"`
}

// OptionSpec is a named option in a file: interventions applied on top of
// the baseline (the file's own interventions included).
type OptionSpec struct {
	Name          string         `yaml:"name"`
	Description   string         `yaml:"description,omitempty"`
	Interventions []Intervention `yaml:"interventions"`
}

// Option is a compiled option: the baseline (Name "baseline") or a named
// option of the file. Its fields are those of sim.Option, so
// sim.Option(o) converts it.
type Option struct {
	Name, Description string
	Model             *workforce.Model
}

// BaselineName is the name of the first option CompileOptions returns.
const BaselineName = "baseline"

// CompileOptions validates a File and compiles the baseline and every
// named option. The first Option is the baseline, named "baseline", with
// the file's description; it is the model Compile returns. Every option's
// Model has the same layout (the union of the cells the baseline and all
// options use) and starts with the baseline's parameters in the same order,
// its own appended after them, so that run i of every option draws the same
// parameters and the same random streams for the same cells and rules:
// common random numbers, so that options differ by policy, not by luck.
func (f *File) CompileOptions() ([]Option, error) {
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

// Lever is the quantity an intervention changes: one of workforce.LeverNames().
type Lever workforce.Lever

func (l Lever) String() string {
	if l < 0 || int(l) >= int(workforce.NumLevers) {
		return fmt.Sprintf("Lever(%d)", int(l))
	}
	return workforce.Lever(l).String()
}

// MarshalText implements encoding.TextMarshaler.
func (l Lever) MarshalText() ([]byte, error) {
	if l < 0 || int(l) >= int(workforce.NumLevers) {
		return nil, fmt.Errorf("invalid lever %d", int(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (l *Lever) UnmarshalText(text []byte) error {
	lv, ok := workforce.ParseLever(string(text))
	if !ok {
		names := workforce.LeverNames()
		return fmt.Errorf("unknown lever %q%s", text, suggest(string(text), names, "want one of "+strings.Join(names, ", ")))
	}
	*l = Lever(lv)
	return nil
}

// Mode is how an intervention's value changes its lever.
type Mode workforce.Mode

var modeNames = []string{"scale", "add", "set"}

// The modes, as in sim.
const (
	ModeScale = Mode(workforce.Scale) // multiply by the value (0.8: 20% less)
	ModeAdd   = Mode(workforce.Add)   // add the value (establishment: FTE of new posts)
	ModeSet   = Mode(workforce.Set)   // replace by the value
)

func (m Mode) String() string {
	if m >= 0 && int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// MarshalText implements encoding.TextMarshaler.
func (m Mode) MarshalText() ([]byte, error) {
	if m < 0 || int(m) >= len(modeNames) {
		return nil, fmt.Errorf("invalid mode %d", int(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *Mode) UnmarshalText(text []byte) error {
	if i := index(modeNames, string(text)); i >= 0 {
		*m = Mode(i)
		return nil
	}
	return fmt.Errorf("unknown mode %q%s", text, suggest(string(text), modeNames, "want scale, add or set"))
}

// Profile is how an intervention's effect builds up. The zero value is
// ProfileStep.
type Profile workforce.Profile

var profileNames = []string{"step", "linear", "front_loaded", "back_loaded"}

// The profiles, as in sim.
const (
	ProfileStep        = Profile(workforce.Step)        // full effect from the start month
	ProfileLinear      = Profile(workforce.Linear)      // rises evenly over ramp_months
	ProfileFrontLoaded = Profile(workforce.FrontLoaded) // 1 - (1-u)^2: most of the effect early
	ProfileBackLoaded  = Profile(workforce.BackLoaded)  // u^2: most of the effect late
)

func (p Profile) String() string {
	if p >= 0 && int(p) < len(profileNames) {
		return profileNames[p]
	}
	return fmt.Sprintf("Profile(%d)", int(p))
}

// MarshalText implements encoding.TextMarshaler.
func (p Profile) MarshalText() ([]byte, error) {
	if p < 0 || int(p) >= len(profileNames) {
		return nil, fmt.Errorf("invalid profile %d", int(p))
	}
	return []byte(p.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *Profile) UnmarshalText(text []byte) error {
	if i := index(profileNames, string(text)); i >= 0 {
		*p = Profile(i)
		return nil
	}
	return fmt.Errorf("unknown profile %q%s", text, suggest(string(text), profileNames, "want step, linear, front_loaded or back_loaded"))
}
