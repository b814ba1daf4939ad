package scenario

import (
	"maps"
	"math"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// compileOptions builds the models of a file that build has checked: the
// baseline, then each option. Every model has the same layout, the union
// of the cells of the baseline and of every option, and starts with the
// baseline's parameters.
func (b *builder) compileOptions() ([]sim.Option, error) {
	f := b.f
	// Professions with cells: the standard ones in their usual order, then
	// custom roles in file order.
	all := maps.Clone(b.cells)
	for _, created := range b.created {
		maps.Copy(all, created)
	}
	used := map[string]bool{}
	for c := range all {
		used[c.prof] = true
	}
	var profs []workforce.Profession
	for _, p := range append(workforce.StandardProfessions(), b.roles...) {
		if used[p.Key] {
			profs = append(profs, p)
		}
	}
	profIndex := map[string]int{}
	for i, p := range profs {
		profIndex[p.Key] = i
	}
	cells := make([]workforce.Cell, 0, len(all))
	for c := range all {
		cells = append(cells, workforce.Cell{Org: c.org, Prof: profIndex[c.prof], Band: c.band})
	}
	layout, err := workforce.NewLayout(b.orgs, profs, cells) // sorts the cells
	if err != nil {
		return nil, err
	}
	opts := []sim.Option{{Name: BaselineName, Title: "Baseline", Description: f.Description, Model: b.compile(layout, profIndex, 0)}}
	for i, o := range f.Options {
		opts = append(opts, sim.Option{Name: o.Name, Title: o.Title, Description: o.Description, Model: b.compile(layout, profIndex, i+1)})
	}
	return opts, nil
}

// compiler holds what compile needs while it builds one model.
type compiler struct {
	b         *builder
	m         *workforce.Model
	profIndex map[string]int
	// defaultRetirement are the parameters of the file's retirement rates,
	// used by entries that give none.
	defaultRetirement []workforce.ParamID
	// fixedTerms are the cells' fixed-term posts, as rotations within a
	// cell (see noteFixedTerm).
	fixedTerms []workforce.Rotation
}

func (c *compiler) cellIndex(k cellKey) int {
	return c.m.Layout.Index(workforce.Cell{Org: k.org, Prof: c.profIndex[k.prof], Band: k.band})
}

func (c *compiler) param(v *Value, r bounds, name string) workforce.ParamID {
	if v == nil {
		return workforce.NoParam
	}
	return c.m.AddParam(c.b.dist(v, r, name))
}

// compile builds the model of list li (0: the baseline; k: the baseline
// with option k's interventions) on a layout.
//
// The steps run in a fixed order because that order numbers the
// parameters, and common random numbers pair the draws of two options by
// parameter number. Parameters are numbered in file order: the file's
// default retirement rates; for each workforce entry, its own settings
// (leaver rate, monthly fill, establishment growth, retirement rates by
// age group, sickness absence, ramp-up effectiveness, international
// first-year leaver rate, agency share, leaver rates by time in post,
// fixed-term shares), then those of its bands from
// lowest to highest, then its promotions and graduate cohorts; then the
// transitions; the new posts; the apprenticeships, student programmes,
// international recruitment and return to practice; the rotations; the
// portability arrangements; the file's interventions; and last the
// option's interventions. The mechanisms options add are in those lists
// already (mergeOptionMechanisms), after the scenario's own, so they take
// their place there in every model; those of other options are inert. Each value written in the file is one
// parameter, shared by every cell it applies to, so that every option's
// parameters start with the baseline's. Steps that add no parameter
// (ages, costs) keep their place so the list reads as the file does.
func (b *builder) compile(layout *workforce.Layout, profIndex map[string]int, li int) *workforce.Model {
	c := b.newCompiler(layout, profIndex, li)
	c.lowerDestinations()
	c.lowerAgeGroups()
	c.defaultRetirement = c.retirement(b.f.RetirementRates, "")
	c.lowerWorkforce()
	c.lowerTransitions()
	c.lowerNewPosts()
	c.lowerApprenticeships()
	c.lowerStudents()
	c.lowerInternational()
	c.lowerReturnToPractice()
	c.lowerRotations()
	c.lowerFixedTerms()
	c.lowerPortability()
	c.lowerCosts()
	c.lowerInterventions(b.f.Interventions, b.ivs[0], "interventions.")
	if li > 0 {
		o := b.f.Options[li-1]
		c.lowerInterventions(o.Interventions, b.ivs[li], "options."+o.Name+".")
	}
	c.m.Inert = b.inertRules(li)
	b.dropOtherPosts(c.m, li)
	return c.m
}

// newCompiler starts the model of list li: its name, layout and calendar,
// with no parameters yet.
func (b *builder) newCompiler(layout *workforce.Layout, profIndex map[string]int, li int) *compiler {
	f := b.f
	m := &workforce.Model{
		Name:        f.Name,
		Description: f.Description,
		Layout:      layout,
		Start:       b.start,
		StepMonths:  b.stepMonths,
		Steps:       b.horizonMonths / b.stepMonths,
		ReportEvery: b.reportMonths / b.stepMonths,
	}
	if li > 0 {
		m.Description = f.Options[li-1].Description
	}
	return &compiler{b: b, m: m, profIndex: profIndex}
}

// rescale divides shares by their sum when they sum to 1 only within the
// tolerance of the check, and leaves exact ones as written.
func rescale(shares []float64) []float64 {
	sum := 0.0
	for _, x := range shares {
		sum += x
	}
	if math.Abs(sum-1) > 1e-12 {
		for i := range shares {
			shares[i] /= sum
		}
	}
	return shares
}

// untilMonth turns an inclusive last month into the exclusive bound sim
// uses (0 stays "no bound").
func untilMonth(last workforce.Month) workforce.Month {
	if last == 0 {
		return 0
	}
	return last + 1
}
