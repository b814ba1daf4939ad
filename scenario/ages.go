package scenario

import (
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// AgeGroup is a coarse age band: ages FromAge up to, not including, ToAge.
// Groups are listed youngest first, each starting where the one before
// ends; the last may leave ToAge out (open).
type AgeGroup struct {
	Name    string `yaml:"name"`
	FromAge *int   `yaml:"from_age"`
	ToAge   *int   `yaml:"to_age,omitempty"`
}

// sourceNames are the sources of joiners, as written in files.
var sourceNames = func() []string {
	names := make([]string, workforce.NumSources)
	for s := range workforce.NumSources {
		names[s] = s.String()
	}
	return names
}()

// checkAge checks the age groups and the top-level age keys.
func (b *builder) checkAge() {
	f := b.f
	if len(f.AgeGroups) == 0 {
		b.noAges(f.AgeProfile != nil, "age_profile")
		b.noAges(f.RetirementRates != nil, "retirement_rates")
		b.noAges(f.JoinerAges != nil, "joiner_ages")
		return
	}
	b.hasAges = true
	if len(f.AgeGroups) > maxAgeGroups {
		b.errorf("age_groups", "too many age groups (got %d, want at most %d)", len(f.AgeGroups), maxAgeGroups)
	}
	first := map[string]string{}
	prevTo, prevOpen := -1, false
	for i, g := range f.AgeGroups {
		p := item("age_groups", i)
		if b.checkKey(p+".name", g.Name) {
			if at, dup := first[g.Name]; dup {
				b.errorf(p+".name", "duplicate age group %q (first at %s)", g.Name, b.where(at))
			} else {
				first[g.Name] = p + ".name"
				b.ageNames = append(b.ageNames, g.Name)
			}
		}
		if prevOpen {
			b.errorf(item("age_groups", i-1)+".to_age", "missing (only the last age group may be open; want the age the next group starts at)")
			prevOpen = false
		}
		if g.FromAge == nil {
			b.missing(p+".from_age", "the youngest age in the group, in years")
			prevTo = -1
			continue
		}
		from := *g.FromAge
		switch {
		case from < 0 || from > maxAge:
			b.errorf(p+".from_age", "out of range (got %d, want 0 to %d)", from, maxAge)
		case prevTo >= 0 && from != prevTo:
			b.errorf(p+".from_age", "not where the group before ends (got %d, want %d: groups are listed youngest first, without gaps or overlaps)", from, prevTo)
		}
		prevTo = -1
		if g.ToAge == nil {
			prevOpen = i < len(f.AgeGroups)-1
			continue
		}
		switch to := *g.ToAge; {
		case to <= from || to > maxAge+1:
			b.errorf(p+".to_age", "out of range (got %d, want above from_age %d, at most %d; to_age is the age the next group starts at)", to, from, maxAge+1)
		default:
			prevTo = to
		}
	}
	b.ageOK = len(b.ageNames) == len(f.AgeGroups)
	if f.AgeProfile != nil {
		b.checkAgeShares(f.AgeProfile, "age_profile")
	}
	if f.RetirementRates != nil {
		b.checkRetirement(f.RetirementRates, "retirement_rates")
	}
	for _, src := range slices.Sorted(maps.Keys(f.JoinerAges)) {
		p := join("joiner_ages", src)
		if !slices.Contains(sourceNames, src) {
			b.errorf(p, "unknown source of joiners %q%s", src, suggest(src, sourceNames, "want one of "+strings.Join(sourceNames, ", ")))
			continue
		}
		b.checkAgeShares(f.JoinerAges[src], p)
	}
}

// noAges reports an age key given in a file without age groups.
func (b *builder) noAges(given bool, path string) {
	if given {
		b.errorf(path, "given, but the file has no age_groups (want a top-level list of age groups first)")
	}
}

// checkAgeShares checks shares by age group name: known groups, 0 to 1,
// summing to 1.
func (b *builder) checkAgeShares(shares map[string]float64, p string) {
	b.checkShareMap(shares, p, b.knownAgeGroup)
}

// checkShareMap checks a map of shares: each key known (known reports an
// unknown one), each share 0 to 1, and, when all are good, their sum 1.
func (b *builder) checkShareMap(shares map[string]float64, p string, known func(name, path string) bool) {
	sum, ok := 0.0, true
	for _, name := range slices.Sorted(maps.Keys(shares)) {
		x := shares[name]
		sp := join(p, name)
		if !known(name, sp) {
			ok = false
			continue
		}
		if math.IsNaN(x) || x < 0 || x > 1 {
			b.errorf(sp, "out of range (got %s, want 0 to 1)", formatFloat(x))
			ok = false
			continue
		}
		sum += x
	}
	if ok && math.Abs(sum-1) > shareTolerance {
		b.errorf(p, "shares sum to %s (want 1)", formatFloat(roundTo(sum, 9)))
	}
}

// knownAgeGroup reports whether name is an age group, and says so if not.
func (b *builder) knownAgeGroup(name, path string) bool {
	if slices.Contains(b.ageNames, name) {
		return true
	}
	if !b.ageOK {
		return false // the groups themselves are wrong, and reported
	}
	b.errorf(path, "unknown age group %q%s", name, suggest(name, b.ageNames, "want one of "+strings.Join(b.ageNames, ", ")))
	return false
}

// checkRetirement checks retirement rates by age group name.
func (b *builder) checkRetirement(rates map[string]*Value, p string) {
	for _, name := range slices.Sorted(maps.Keys(rates)) {
		rp := join(p, name)
		if b.knownAgeGroup(name, rp) {
			b.reqValue(rates[name], rp, probability, "the annual rate of retiring, 0 to 1")
		}
	}
}

// ageShares turns shares by age group name into shares in group order,
// rescaled to sum to 1 exactly when they sum to 1 only within tolerance.
func (b *builder) ageShares(byName map[string]float64) []float64 {
	if byName == nil {
		return nil
	}
	shares := make([]float64, len(b.ageNames))
	for i, name := range b.ageNames {
		shares[i] = byName[name]
	}
	return rescale(shares)
}

// lowerAgeGroups copies the age groups and the joiners' age shares by
// source.
func (c *compiler) lowerAgeGroups() {
	b, f, m := c.b, c.b.f, c.m
	if !b.hasAges {
		return
	}
	for i, g := range f.AgeGroups {
		ag := workforce.AgeGroup{Name: b.ageNames[i], FromAge: *g.FromAge}
		if g.ToAge != nil {
			ag.ToAge = *g.ToAge
		}
		m.AgeGroups = append(m.AgeGroups, ag)
	}
	for s, name := range sourceNames {
		m.JoinerAges[s] = b.ageShares(f.JoinerAges[name])
	}
}

// retirement gives the parameters of retirement rates by age group,
// named prefix + "retirement_rates." + group.
func (c *compiler) retirement(rates map[string]*Value, prefix string) []workforce.ParamID {
	if len(rates) == 0 {
		return nil
	}
	ids := make([]workforce.ParamID, len(c.b.ageNames))
	for i, g := range c.b.ageNames {
		ids[i] = c.param(rates[g], probability, prefix+"retirement_rates."+g)
	}
	return ids
}
