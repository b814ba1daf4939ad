package scenario

import (
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

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

// selection is a Selection with its names resolved; nil sets mean "all".
type selection struct {
	orgs  map[int]bool
	profs map[string]bool
	bands map[workforce.Band]bool
	names map[string]bool
}

func (s *selection) cell(k cellKey) bool {
	return (s.orgs == nil || s.orgs[k.org]) && (s.profs == nil || s.profs[k.prof]) && (s.bands == nil || s.bands[k.band])
}

// ruleInfo is one rule of a rule lever: the cells it leads to (a
// rotation's cells), its name if it has one, and whether it has the
// quantity the lever changes.
type ruleInfo struct {
	cells []cellKey
	name  string
	has   bool
	owner int // the list that added it: 0 the scenario, k option k
}

// leverKind is the kind of named rule a lever applies to, if any.
// Campaigns are named by their international recruitment.
func leverKind(lv workforce.Lever) (ruleKind, bool) {
	if lv.Rules() == workforce.RuleCampaigns {
		return kindInternational, true
	}
	return lv.Rules(), lv.Rules().Named()
}

// checkSelection checks the names in a selection and resolves them.
// leverOK says whether lv is known.
func (b *builder) checkSelection(s *Selection, p string, lv workforce.Lever, leverOK bool, li int) (selection, bool) {
	var sel selection
	okOrgs := b.selectOrgs(s, p, &sel)
	okProfs := b.selectProfs(s, p, &sel)
	okBands := b.selectBands(s, p, &sel)
	ok := okOrgs && okProfs && okBands
	if len(s.Names) == 0 || !leverOK {
		return sel, ok
	}
	okNames := b.selectNames(s, p, lv, li, &sel)
	return sel, ok && okNames
}

// selectOrgs resolves the organisations of a selection.
func (b *builder) selectOrgs(s *Selection, p string, sel *selection) bool {
	if len(s.Organisations) == 0 {
		return true
	}
	ok := true
	sel.orgs = map[int]bool{}
	for j, key := range s.Organisations {
		op := item(p+".organisations", j)
		if key == "" {
			b.missing(op, "an organisation key")
			ok = false
			continue
		}
		org, good := b.orgRef(key, op)
		switch {
		case !good:
			ok = false
		case sel.orgs[org]:
			b.errorf(op, "duplicate organisation %q", key)
			ok = false
		default:
			sel.orgs[org] = true
		}
	}
	return ok
}

// selectProfs resolves the professions of a selection.
func (b *builder) selectProfs(s *Selection, p string, sel *selection) bool {
	if len(s.Professions) == 0 {
		return true
	}
	ok := true
	sel.profs = map[string]bool{}
	for j, key := range s.Professions {
		pp := item(p+".professions", j)
		prof, good := b.profRef(key, pp)
		switch {
		case !good:
			ok = false
		case sel.profs[prof.Key]:
			b.errorf(pp, "duplicate profession %q", key)
			ok = false
		default:
			sel.profs[prof.Key] = true
		}
	}
	return ok
}

// selectBands checks the bands of a selection.
func (b *builder) selectBands(s *Selection, p string, sel *selection) bool {
	if len(s.Bands) == 0 {
		return true
	}
	ok := true
	sel.bands = map[workforce.Band]bool{}
	for j, band := range s.Bands {
		bp := item(p+".bands", j)
		switch {
		case !band.Valid():
			b.errorf(bp, "unknown band (got %v)", band)
			ok = false
		case sel.bands[band]:
			b.errorf(bp, "duplicate band %v", band)
			ok = false
		default:
			sel.bands[band] = true
		}
	}
	return ok
}

// selectNames resolves the rule names of a selection: pipelines or
// rotations of the kind lever lv applies to.
func (b *builder) selectNames(s *Selection, p string, lv workforce.Lever, li int, sel *selection) bool {
	kind, named := leverKind(lv)
	if !named {
		what := "names pick pipelines and rotations; " + lv.String() + " applies to cells (want organisations, professions and bands)"
		if !lv.CellLever() && lv != workforce.LeverEstablishment {
			what = "promotions, graduate cohorts, transitions and portability have no names (want organisations, professions and bands of the cells they lead to)"
		}
		b.errorf(p+".names", "%s", what)
		return false
	}
	var candidates []string
	for name, r := range b.names {
		if r.kind == kind {
			candidates = append(candidates, name)
		}
	}
	slices.Sort(candidates)
	ok := true
	sel.names = map[string]bool{}
	for j, name := range s.Names {
		np := item(p+".names", j)
		r, known := b.names[name]
		switch {
		case !known:
			want := "want the name of " + ruleKindNames[kind]
			if len(candidates) > 0 {
				want = "want one of " + strings.Join(candidates, ", ")
			}
			b.errorf(np, "unknown name %q%s", name, suggest(name, candidates, want))
			ok = false
		case r.kind != kind:
			b.errorf(np, "%q is %s (want the name of %s: the lever %v applies to those)", name, ruleKindNames[r.kind], ruleKindNames[kind], lv)
			ok = false
		case sel.names[name]:
			b.errorf(np, "duplicate name %q", name)
			ok = false
		case b.nameOwner(r) != 0 && b.nameOwner(r) != li:
			b.errorf(np, "%q is added by option %s (want a name of the scenario's or, in an option, of that option's own: an intervention acts only where its option is in force)", name, b.optionName(b.nameOwner(r)))
			ok = false
		default:
			sel.names[name] = true
		}
	}
	return ok
}

// match resolves what an intervention applies to, among the visible
// cells, and reports a selection that matches nothing.
//
// The interventions of list li apply to the scenario's rules and, for an
// option, to the rules it adds; never to those of another option.
func (b *builder) match(iv *Intervention, r *resolvedIntervention, p string, li int, visible map[cellKey]bool, report bool) {
	lv := workforce.Lever(*iv.Lever)
	found := false
	if lv.CellLever() || lv == workforce.LeverEstablishment {
		for _, k := range sortedCells(visible) {
			if r.sel.cell(k) && b.cellHas(lv, k) {
				r.cells = append(r.cells, k)
			}
		}
		found = len(r.cells) > 0
	} else {
		for i, rule := range b.rulesOf(lv) {
			if !rule.has || rule.owner != 0 && rule.owner != li || r.sel.names != nil && !r.sel.names[rule.name] {
				continue
			}
			for _, k := range rule.cells {
				if r.sel.cell(k) {
					r.rules = append(r.rules, i)
					break
				}
			}
		}
		found = len(r.rules) > 0
	}
	if found || !report {
		r.ok = found
		return
	}
	r.ok = false
	at := p + ".applies_to"
	if !b.src.has(at) {
		at = p
	}
	b.errorf(at, "intervention %q matches nothing (got %s; want at least one %s)", iv.Name, describeSelection(&iv.AppliesTo), lv.Needs())
}

// describeSelection writes a selection for messages.
func describeSelection(s *Selection) string {
	list := func(key string, xs []string) string {
		if len(xs) == 0 {
			return key + " all"
		}
		return key + " " + strings.Join(xs, ", ")
	}
	bands := make([]string, len(s.Bands))
	for i, band := range s.Bands {
		bands[i] = band.String()
	}
	out := list("organisations", s.Organisations) + "; " + list("professions", s.Professions) + "; " + list("bands", bands)
	if len(s.Names) > 0 {
		out += "; " + list("names", s.Names)
	}
	return out
}

// cellHas reports whether a cell has the quantity a cell lever changes.
func (b *builder) cellHas(lv workforce.Lever, k cellKey) bool {
	gi := b.groupAt[groupKey{k.org, k.prof}]
	g := &b.f.Workforce[gi]
	bs, listed := g.Bands[k.band]
	has := func(get func(*CellSettings) bool) bool {
		return listed && get(&bs.CellSettings) || get(&g.CellSettings)
	}
	switch lv {
	case workforce.LeverLeaverRate:
		return g.leaverRate(k.band) != nil
	case workforce.LeverRecruitFill:
		return has(func(s *CellSettings) bool {
			return s.Recruitment.MonthlyFill != nil || s.Recruitment.TimeToFillMonths != nil
		})
	case workforce.LeverSickness:
		return has(func(s *CellSettings) bool { return s.SicknessAbsence != nil })
	case workforce.LeverAgencyShare:
		return has(func(s *CellSettings) bool { return s.AgencyShare != nil })
	case workforce.LeverInternationalFirstYearLeaving:
		return has(func(s *CellSettings) bool { return s.InternationalFirstYearLeaverRate != nil })
	case workforce.LeverRetirementRate:
		rates, _ := b.retirementOf(gi, k.band)
		return b.hasAges && len(rates) > 0
	case workforce.LeverRampUpEffectiveness:
		return has(func(s *CellSettings) bool { return s.RampUp != nil })
	}
	return true // establishment
}

// appendPipelineRules appends a rule per pipeline: the cell at index to of
// its resolved cells (none when they did not resolve), its name, whether
// it has the lever's quantity, and its owner.
func appendPipelineRules(rules []ruleInfo, res []resolvedCells, owned []int, to int, name func(int) string, has func(int) bool) []ruleInfo {
	for i, r := range res {
		if !r.ok {
			rules = append(rules, ruleInfo{})
			continue
		}
		rules = append(rules, ruleInfo{cells: r.cells[to : to+1], name: name(i), has: has(i), owner: ownerAt(owned, i)})
	}
	return rules
}

// rulesOf lists the rules of a rule lever in the order the model lists
// them (see compile).
func (b *builder) rulesOf(lv workforce.Lever) []ruleInfo {
	f := b.f
	var rules []ruleInfo
	pipeline := func(res []resolvedCells, owned []int, to int, name func(int) string, has func(int) bool) {
		rules = appendPipelineRules(rules, res, owned, to, name, has)
	}
	always := func(int) bool { return true }
	switch lv {
	case workforce.LeverPromotionApply:
		for gi, g := range f.Workforce {
			info := b.groups[gi]
			for j, pr := range g.Promotion {
				if pr.From == nil {
					rules = append(rules, ruleInfo{})
					continue
				}
				rules = append(rules, ruleInfo{cells: []cellKey{promotionTarget(info, pr)}, has: true, owner: ownerAt(b.owners.promos[gi], j)})
			}
		}
	case workforce.LeverGraduateConversion, workforce.LeverGraduateSize:
		for gi, g := range f.Workforce {
			info := b.groups[gi]
			for j, gc := range g.Graduates {
				rules = append(rules, ruleInfo{cells: []cellKey{{info.org, info.prof.Key, cohortBand(gc)}}, has: true, owner: ownerAt(b.owners.grads[gi], j)})
			}
		}
	case workforce.LeverStudentPlaces:
		pipeline(b.students, b.owners.students, 0, func(i int) string { return f.Pipelines.Students[i].Name }, always)
	case workforce.LeverApprenticeIntake:
		pipeline(b.appr, b.owners.appr, 1, func(i int) string { return f.Pipelines.Apprenticeships[i].Name }, always)
	case workforce.LeverInternationalOffers:
		pipeline(b.intl, b.owners.intl, 0, func(i int) string { return f.Pipelines.International[i].Name },
			func(i int) bool { return f.Pipelines.International[i].OffersPerMonth != nil })
	case workforce.LeverReturners:
		pipeline(b.rtp, b.owners.rtp, 0, func(i int) string { return f.Pipelines.ReturnToPractice[i].Name }, always)
	case workforce.LeverRotationShare, workforce.LeverRotationLeaving, workforce.LeverRotationLeaveAtEnd:
		for i, r := range b.rots {
			rot := f.Rotations[i]
			has := lv == workforce.LeverRotationShare || lv == workforce.LeverRotationLeaving && rot.LeaverRate != nil ||
				lv == workforce.LeverRotationLeaveAtEnd && rot.LeaveAtEnd != nil
			rules = append(rules, ruleInfo{cells: r.cells, name: rot.Name, has: has, owner: ownerAt(b.owners.rots, i)})
		}
	default:
		rules = b.rateRulesOf(lv)
	}
	return rules
}

// rateRulesOf lists the rules of the levers on transitions, campaigns and
// the pipelines' conversion, attrition and capacity, as rulesOf does.
func (b *builder) rateRulesOf(lv workforce.Lever) []ruleInfo {
	f := b.f
	var rules []ruleInfo
	pipeline := func(res []resolvedCells, owned []int, to int, name func(int) string, has func(int) bool) {
		rules = appendPipelineRules(rules, res, owned, to, name, has)
	}
	students := func(i int) string { return f.Pipelines.Students[i].Name }
	intl := func(i int) string { return f.Pipelines.International[i].Name }
	switch lv {
	case workforce.LeverTransitionRate:
		for i, t := range b.trans {
			rules = append(rules, ruleInfo{cells: []cellKey{t.to}, has: t.ok, owner: ownerAt(b.owners.trans, i)})
		}
	case workforce.LeverCampaignOffers:
		// One rule per campaign, numbered through the recruitments.
		for i, r := range b.intl {
			for range f.Pipelines.International[i].Campaigns {
				info := ruleInfo{}
				if r.ok {
					info = ruleInfo{cells: r.cells[:1], name: intl(i), has: true, owner: ownerAt(b.owners.intl, i)}
				}
				rules = append(rules, info)
			}
		}
	case workforce.LeverStudentConversion:
		pipeline(b.students, b.owners.students, 0, students, func(int) bool { return true })
	case workforce.LeverStudentDropout:
		pipeline(b.students, b.owners.students, 0, students, func(i int) bool { return f.Pipelines.Students[i].DropoutRate != nil })
	case workforce.LeverPlacementCapacity:
		pipeline(b.students, b.owners.students, 0, students, func(i int) bool { return f.Pipelines.Students[i].PlacementCapacity != nil })
	case workforce.LeverApprenticeDropout:
		pipeline(b.appr, b.owners.appr, 1, func(i int) string { return f.Pipelines.Apprenticeships[i].Name },
			func(i int) bool { return f.Pipelines.Apprenticeships[i].DropoutRate != nil })
	case workforce.LeverInternationalWithdrawal:
		pipeline(b.intl, b.owners.intl, 0, intl, func(i int) bool { return f.Pipelines.International[i].WithdrawalRate != nil })
	case workforce.LeverPortabilityShare:
		// One rule per cell covered, as compile lowers them.
		for _, r := range b.ports {
			if !r.ok {
				rules = append(rules, ruleInfo{})
				continue
			}
			for _, to := range r.cells[1:] {
				rules = append(rules, ruleInfo{cells: []cellKey{to}, has: true})
			}
		}
	case workforce.LeverReturnerDropout:
		pipeline(b.rtp, b.owners.rtp, 0, func(i int) string { return f.Pipelines.ReturnToPractice[i].Name },
			func(i int) bool { return f.Pipelines.ReturnToPractice[i].DropoutRate != nil })
	}
	return rules
}
