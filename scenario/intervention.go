package scenario

import (
	"fmt"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// Intervention changes one lever from a month on: a quantity of the cells
// or of the pipelines (and other rules) that AppliesTo selects, scaled,
// added to or set to Value, building up by Profile over RampMonths.
type Intervention struct {
	Name      string           `yaml:"name"`
	Lever     *workforce.Lever `yaml:"lever"`
	AppliesTo Selection        `yaml:"applies_to,omitempty"`
	Mode      *workforce.Mode  `yaml:"mode"`
	Value     *Value           `yaml:"value"`
	// Start is the first month in force; End, if given, the last.
	Start      workforce.Month   `yaml:"start"`
	End        workforce.Month   `yaml:"end,omitempty"`
	Profile    workforce.Profile `yaml:"profile,omitempty"` // zero means workforce.Step
	RampMonths int               `yaml:"ramp_months,omitempty"`
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
