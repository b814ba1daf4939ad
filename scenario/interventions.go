package scenario

import (
	"fmt"
	"maps"
	"slices"
	"strings"

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
	// Source says where the intervention's figures come from, for the
	// report's assumptions (see (*File).Source); comments next to it
	// serve when it is empty.
	Source string `yaml:"source,omitempty"`
}

// OptionSpec is a named option in a file: interventions applied on top of
// the baseline (the file's own interventions included).
//
// An option may also add mechanisms the baseline lacks: its model is the
// baseline's plus these (see mergeOptionMechanisms for how options stay
// on common random numbers). Names of pipelines and rotations are unique
// across the scenario and every option.
type OptionSpec struct {
	Name string `yaml:"name"`
	// Title is how a report names the option ("Band 6 retention
	// premium"); empty means Name.
	Title         string         `yaml:"title,omitempty"`
	Description   string         `yaml:"description,omitempty"`
	Interventions []Intervention `yaml:"interventions"`
	// Source says where the option's figures come from (see Intervention).
	Source string `yaml:"source,omitempty"`

	Transitions []Transition      `yaml:"transitions,omitempty"`
	Demand      Demand            `yaml:"demand,omitempty"`
	Pipelines   Pipelines         `yaml:"pipelines,omitempty"`
	Rotations   []Rotation        `yaml:"rotations,omitempty"`
	Promotions  []OptionPromotion `yaml:"promotions,omitempty"`
	Graduates   []OptionGraduates `yaml:"graduates,omitempty"`
}

// resolvedIntervention is an intervention with its selection resolved:
// the cells of a cell lever, or the indices of the rules of a rule lever
// (in the order the model lists them). ok is false when it is invalid.
type resolvedIntervention struct {
	ok    bool
	sel   selection
	cells []cellKey
	rules []int
}

// valueBounds is the legal range of an intervention's value (the one
// Validate checks), and what the value means.
func valueBounds(lv workforce.Lever, mode workforce.Mode) (bounds, string) {
	lo, hi := workforce.InterventionRange(lv, mode)
	count := lv.Count()
	switch {
	case mode == workforce.Scale:
		return bounds{lo: lo, hi: hi}, "the factor to multiply by, e.g. 0.9 for 10% less"
	case mode == workforce.Add && count:
		return bounds{lo: lo, hi: hi}, "the amount to add (negative to take away)"
	case mode == workforce.Add:
		return bounds{lo: lo, hi: hi}, "the amount to add to the probability or share, -1 to 1"
	case count:
		return bounds{lo: lo, hi: hi}, "the new value"
	}
	return bounds{lo: lo, hi: hi}, "the new probability or share, 0 to 1"
}

// checkInterventions checks the file's interventions and options, and
// resolves what each intervention applies to.
func (b *builder) checkInterventions() {
	f := b.f
	// "Matches nothing" is only reported when everything else resolved:
	// a selection might have matched what could not be resolved.
	clean := len(b.errs) == 0 && !b.incomplete
	lists := 1 + len(f.Options)
	b.ivs = make([][]resolvedIntervention, lists)
	b.created = make([]map[cellKey]bool, lists)
	base := map[string]string{}
	b.checkInterventionList(f.Interventions, "interventions", 0, base)
	first := map[string]string{}
	for i, o := range f.Options {
		p := item("options", i)
		if b.checkKey(p+".name", o.Name) {
			switch at, dup := first[o.Name]; {
			case o.Name == BaselineName:
				b.errorf(p+".name", "%q is the scenario without options (want another name)", o.Name)
			case dup:
				b.errorf(p+".name", "duplicate option %q (first at %s)", o.Name, b.where(at))
			default:
				first[o.Name] = p + ".name"
			}
		}
		b.checkInterventionList(o.Interventions, p+".interventions", i+1, maps.Clone(base))
	}
	for li := range lists {
		visible := maps.Clone(b.cells)
		maps.Copy(visible, b.created[0])
		maps.Copy(visible, b.created[li])
		list, path := f.Interventions, "interventions"
		if li > 0 {
			list, path = f.Options[li-1].Interventions, item("options", li-1)+".interventions"
		}
		for i := range list {
			if r := &b.ivs[li][i]; r.ok {
				b.match(&list[i], r, item(path, i), li, visible, clean)
			}
		}
	}
}

// checkInterventionList checks one list of interventions: the file's
// (li 0) or an option's (li k). names holds the intervention names
// already used, which a list may not repeat.
func (b *builder) checkInterventionList(list []Intervention, path string, li int, names map[string]string) {
	b.ivs[li] = make([]resolvedIntervention, len(list))
	b.created[li] = map[cellKey]bool{}
	for i := range list {
		b.checkIntervention(&list[i], item(path, i), li, i, names)
	}
}

// checkIntervention checks intervention i of list li and, when it
// resolves, records its selection and the cells it creates.
func (b *builder) checkIntervention(iv *Intervention, p string, li, i int, names map[string]string) {
	if b.checkKey(p+".name", iv.Name) {
		if at, dup := names[iv.Name]; dup {
			b.errorf(p+".name", "duplicate intervention %q (first at %s)", iv.Name, b.where(at))
		} else {
			names[iv.Name] = p + ".name"
		}
	}
	lv, mode, ok := b.checkLeverMode(iv, p)
	if ok {
		r, want := valueBounds(lv, mode)
		b.reqValue(iv.Value, p+".value", r, want)
	} else if iv.Value == nil {
		b.missing(p+".value", "a number or a distribution")
	}
	b.checkInForce(iv, p)
	b.checkProfile(iv, p)
	b.optValue(iv.OneOffCost, p+".one_off_cost", bounds{lo: 0, hi: maxPounds})
	b.optValue(iv.AnnualCost, p+".annual_cost", bounds{lo: 0, hi: maxPounds})
	sel, selOK := b.checkSelection(&iv.AppliesTo, p+".applies_to", lv, ok, li)
	if !ok || !selOK {
		return
	}
	b.ivs[li][i] = resolvedIntervention{ok: true, sel: sel}
	if lv == workforce.LeverEstablishment && mode != workforce.Scale {
		b.createCells(sel, li)
	}
}

// checkLeverMode checks an intervention's lever and mode; ok is false
// when either is missing or unknown.
func (b *builder) checkLeverMode(iv *Intervention, p string) (lv workforce.Lever, mode workforce.Mode, ok bool) {
	ok = true
	switch {
	case iv.Lever == nil:
		b.missing(p+".lever", "one of "+strings.Join(workforce.LeverNames(), ", "))
		ok = false
	case *iv.Lever < 0 || int(*iv.Lever) >= int(workforce.NumLevers):
		b.errorf(p+".lever", "unknown lever (got %d, want one of %s)", int(*iv.Lever), strings.Join(workforce.LeverNames(), ", "))
		ok = false
	default:
		lv = workforce.Lever(*iv.Lever)
	}
	switch {
	case iv.Mode == nil:
		b.missing(p+".mode", "scale, add or set")
		ok = false
	case !iv.Mode.Valid():
		b.errorf(p+".mode", "unknown mode (got %d, want scale, add or set)", int(*iv.Mode))
		ok = false
	default:
		mode = *iv.Mode
	}
	return lv, mode, ok
}

// checkInForce checks an intervention's start and end months.
func (b *builder) checkInForce(iv *Intervention, p string) {
	if iv.Start == 0 {
		b.missing(p+".start", "the first month in force, YYYY-MM")
	} else if b.checkMonth(iv.Start, p+".start", true, "") && b.checkMonth(iv.End, p+".end", false, "") &&
		iv.End != 0 && iv.End < iv.Start {
		b.errorf(p+".end", "before start (got %v, want %v or later: end is the last month in force)", iv.End, iv.Start)
	} else {
		b.checkNotAfterHorizon(iv.Start, p+".start", "it would never be in force")
	}
}

// checkProfile checks an intervention's profile and that ramp_months is
// given exactly when the profile ramps.
func (b *builder) checkProfile(iv *Intervention, p string) {
	switch {
	case b.src.rejected(p + ".profile"):
		// The walker rejected the profile; whether ramp_months fits
		// it cannot be told.
	case !iv.Profile.Valid():
		b.errorf(p+".profile", "unknown profile (got %d, want step, linear, front_loaded or back_loaded)", int(iv.Profile))
	case iv.RampMonths < 0 || iv.RampMonths > workforce.MaxHorizonMonths:
		b.errorf(p+".ramp_months", "out of range (got %d, want 1 to %d)", iv.RampMonths, workforce.MaxHorizonMonths)
	case iv.Profile != workforce.Step && iv.RampMonths == 0:
		b.missing(p+".ramp_months", fmt.Sprintf("the months a %v profile takes to reach full effect", iv.Profile))
	case iv.Profile == workforce.Step && iv.RampMonths != 0:
		b.errorf(p+".ramp_months", "given with a step profile (got %d; want profile linear, front_loaded or back_loaded to ramp up)", iv.RampMonths)
	}
}

// checkNotAfterHorizon reports a month after the last month simulated
// (when the start and horizon are known): what starts then never happens.
func (b *builder) checkNotAfterHorizon(m workforce.Month, path, why string) {
	if b.start == 0 || b.horizonMonths == 0 || m == 0 {
		return
	}
	if last := b.start + workforce.Month(b.horizonMonths-1); m > last {
		b.errorf(path, "after the simulation ends (got %v, want %v or earlier, the last month simulated: %s)", m, last, why)
	}
}

// createCells records the cells that posts added to (or set in) named
// cells create for list li: such an intervention may grow a role from
// zero in a band its workforce entry does not list. It needs professions
// and bands named.
func (b *builder) createCells(sel selection, li int) {
	if sel.profs == nil || sel.bands == nil {
		return
	}
	for org := range b.orgs {
		if sel.orgs != nil && !sel.orgs[org] {
			continue
		}
		for prof := range sel.profs {
			if _, has := b.groupAt[groupKey{org, prof}]; !has {
				continue
			}
			for band := range sel.bands {
				b.created[li][cellKey{org, prof, band}] = true
			}
		}
	}
}

// lowerInterventions lowers one list of interventions.
func (c *compiler) lowerInterventions(list []Intervention, res []resolvedIntervention, prefix string) {
	for i, iv := range list {
		lv := workforce.Lever(*iv.Lever)
		r, _ := valueBounds(lv, *iv.Mode)
		name := prefix + iv.Name
		si := workforce.Intervention{
			Name:       iv.Name,
			Lever:      lv,
			Mode:       workforce.Mode(*iv.Mode),
			Value:      c.param(iv.Value, r, name+".value"),
			Start:      iv.Start,
			End:        untilMonth(iv.End),
			Profile:    workforce.Profile(iv.Profile),
			RampMonths: iv.RampMonths,
		}
		si.OneOffCost = c.param(iv.OneOffCost, bounds{lo: 0, hi: maxPounds}, name+".one_off_cost")
		si.AnnualCost = c.param(iv.AnnualCost, bounds{lo: 0, hi: maxPounds}, name+".annual_cost")
		for _, k := range res[i].cells {
			si.Cells = append(si.Cells, c.cellIndex(k))
		}
		slices.Sort(si.Cells)
		si.Rules = slices.Clone(res[i].rules)
		c.m.Interventions = append(c.m.Interventions, si)
	}
}
