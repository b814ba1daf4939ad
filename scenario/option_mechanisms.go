package scenario

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// OptionPromotion is a promotion rule an option adds to the staff of a
// workforce entry, named by its profession and (with several
// organisations) its organisation.
type OptionPromotion struct {
	Profession   string `yaml:"profession"`
	Organisation string `yaml:"organisation,omitempty"`
	Promotion    `yaml:",inline"`
}

// OptionGraduates is a graduate cohort an option adds to a workforce
// entry, named as OptionPromotion.
type OptionGraduates struct {
	Profession     string `yaml:"profession"`
	Organisation   string `yaml:"organisation,omitempty"`
	GraduateCohort `yaml:",inline"`
}

// optionKeys are the keys an option may have, for messages.
const optionKeys = "name, title, description, source, interventions, transitions, demand (new_posts), pipelines, rotations, promotions, graduates"

// optionKeyError is the message for a key an option may not have: one of
// the scenario's own (its staff, calendar, costs) or none at all.
func optionKeyError(key string) string {
	names := slices.Collect(maps.Keys(structFields(reflect.TypeFor[File]()).types))
	if slices.Contains(names, key) {
		return "not allowed in an option (an option may have " + optionKeys +
			"; " + key + " is the scenario's and applies to every option)"
	}
	names = strings.Split(strings.ReplaceAll(optionKeys, " (new_posts)", ""), ", ")
	return "unknown key" + suggest(key, names, "an option may have "+optionKeys)
}

// An option may add mechanisms: transitions, new posts, pipelines,
// rotations, promotion rules and graduate cohorts. The builder checks and
// compiles them as part of the scenario, appended after its own (and, for
// promotions and cohorts, after their workforce entry's), so that every
// option's model has the same lists of rules, parameters and random
// streams: the scenario's, then every option's mechanisms in option
// order. In each model the mechanisms of other options are inert
// (workforce.Model.Inert) and their new posts left out. So an option's
// mechanisms draw nothing that the others' draws depend on, and a
// mechanism that does nothing gives exactly the baseline's outputs.

// owners records, for each list of mechanisms of the merged file, which
// list added each entry: 0 the scenario, k option k. Nil lists are the
// scenario's alone.
type owners struct {
	appr, students, intl, rtp, rots, trans, posts []int
	promos, grads                                 map[int][]int // per workforce entry
}

// ownerAt is the owner of entry i of a list (0 past the end of a nil or
// short list: the scenario's).
func ownerAt(list []int, i int) int {
	if i < len(list) {
		return list[i]
	}
	return 0
}

// pathAlias maps the path of a merged entry to its path in the file.
type pathAlias struct{ merged, orig string }

// addsMechanisms reports whether some option adds a mechanism.
func (o *OptionSpec) addsMechanisms() bool {
	p := o.Pipelines
	return len(o.Transitions)+len(o.Demand.NewPosts)+len(p.Apprenticeships)+len(p.Students)+len(p.International)+
		len(p.ReturnToPractice)+len(o.Rotations)+len(o.Promotions)+len(o.Graduates) > 0
}

// mergeOptionMechanisms replaces b.f by a copy of the file with every
// option's mechanisms appended to the scenario's, records their owners,
// and makes the copy's paths find their place in the file.
func (b *builder) mergeOptionMechanisms() {
	f := b.f
	adds := false
	for i := range f.Options {
		adds = adds || f.Options[i].addsMechanisms()
	}
	if !adds {
		return
	}
	mf := *f
	b.f = &mf
	if b.src != nil {
		b.src = b.src.clone()
		mf.src = b.src
	}
	mf.Workforce = slices.Clone(f.Workforce)
	b.owners.promos, b.owners.grads = map[int][]int{}, map[int][]int{}
	for k := range f.Options {
		b.mergeOption(k)
	}
	b.copySources()
}

// mergeOption appends option k's mechanisms to the merged file.
func (b *builder) mergeOption(k int) {
	mf, o, li := b.f, &b.f.Options[k], k+1
	op := item("options", k)
	own := &b.owners
	at := func(path string) func(int) string { return func(j int) string { return item(op+"."+path, j) } }
	appendAll(b, &mf.Transitions, &own.trans, o.Transitions, "transitions", at("transitions"), li)
	appendAll(b, &mf.Demand.NewPosts, &own.posts, o.Demand.NewPosts, "demand.new_posts", at("demand.new_posts"), li)
	p, mp := &o.Pipelines, &mf.Pipelines
	appendAll(b, &mp.Apprenticeships, &own.appr, p.Apprenticeships, "pipelines.apprenticeships", at("pipelines.apprenticeships"), li)
	appendAll(b, &mp.Students, &own.students, p.Students, "pipelines.students", at("pipelines.students"), li)
	appendAll(b, &mp.International, &own.intl, p.International, "pipelines.international", at("pipelines.international"), li)
	appendAll(b, &mp.ReturnToPractice, &own.rtp, p.ReturnToPractice, "pipelines.return_to_practice", at("pipelines.return_to_practice"), li)
	appendAll(b, &mf.Rotations, &own.rots, o.Rotations, "rotations", at("rotations"), li)
	for j, pr := range o.Promotions {
		path := item(op+".promotions", j)
		if gi := b.optionGroup(pr.Profession, pr.Organisation, path); gi >= 0 {
			owned := own.promos[gi]
			appendAll(b, &mf.Workforce[gi].Promotion, &owned, []Promotion{pr.Promotion}, item("workforce", gi)+".promotion",
				func(int) string { return path }, li)
			own.promos[gi] = owned
		}
	}
	for j, gc := range o.Graduates {
		path := item(op+".graduates", j)
		if gi := b.optionGroup(gc.Profession, gc.Organisation, path); gi >= 0 {
			owned := own.grads[gi]
			appendAll(b, &mf.Workforce[gi].Graduates, &owned, []GraduateCohort{gc.GraduateCohort}, item("workforce", gi)+".graduates",
				func(int) string { return path }, li)
			own.grads[gi] = owned
		}
	}
}

// appendAll appends an option's entries (entry j at path orig(j) in the
// file) to a merged list (at path merged), owned by list li, and aliases
// their paths. It never writes into the file's own lists.
func appendAll[T any](b *builder, list *[]T, owned *[]int, add []T, merged string, orig func(int) string, li int) {
	if len(add) == 0 {
		return
	}
	for len(*owned) < len(*list) {
		*owned = append(*owned, 0)
	}
	n := len(*list)
	*list = append((*list)[:n:n], add...)
	for j := range add {
		*owned = append(*owned, li)
		b.alias(item(merged, n+j), orig(j))
	}
}

// optionGroup finds the workforce entry an option's promotion or cohort
// adds to: the entry of the profession, in the organisation when given
// (it may be left out when the profession has one entry). It reports an
// error and returns -1 when there is none, or more than one.
func (b *builder) optionGroup(prof, org, path string) int {
	if prof == "" {
		b.missing(path+".profession", "the profession of a workforce entry")
		return -1
	}
	found, n := -1, 0
	for gi, g := range b.f.Workforce {
		if g.Profession == prof && (org == "" || g.Organisation == org || g.Organisation == "" && len(b.f.Organisations) <= 1) {
			found, n = gi, n+1
		}
	}
	switch {
	case n == 0 && org != "":
		b.errorf(path+".organisation", "no workforce entry for %s in %s (want the profession and organisation of a workforce entry: an option adds rules to the scenario's staff)", prof, org)
	case n == 0:
		b.errorf(path+".profession", "no workforce entry for %s (want the profession of a workforce entry: an option adds rules to the scenario's staff)", prof)
	case n > 1:
		b.missing(path+".organisation", "the organisation: "+prof+" has workforce entries in several")
	default:
		return found
	}
	return -1
}

// alias records that merged is orig in the file.
func (b *builder) alias(merged, orig string) {
	b.aliases = append(b.aliases, pathAlias{merged: merged, orig: orig})
}

// copySources gives each merged path what the source knows of its path
// in the file (positions, rejected values, overflows), in one pass over
// the source: a path is under an alias when it or one of its ancestors
// is an aliased path of the file.
func (b *builder) copySources() {
	s := b.src
	if s == nil || len(b.aliases) == 0 {
		return
	}
	byOrig := map[string]string{}
	for _, a := range b.aliases {
		byOrig[a.orig] = a.merged
	}
	moved := func(p string) (string, bool) {
		for q := p; q != ""; q = parent(q) {
			if m, ok := byOrig[q]; ok {
				return m + p[len(q):], true
			}
		}
		return "", false
	}
	for _, m := range []map[string]position{s.pos, s.keyPos} {
		for p, v := range maps.Clone(m) {
			if q, ok := moved(p); ok {
				m[q] = v
			}
		}
	}
	for _, m := range []map[string]bool{s.bad, s.badUnder} {
		for p, v := range maps.Clone(m) {
			if q, ok := moved(p); ok {
				m[q] = v
			}
		}
	}
	for p, v := range maps.Clone(s.overflow) {
		if q, ok := moved(p); ok {
			s.overflow[q] = v
		}
	}
}

// rebase moves path p from under prefix from to under prefix to, and
// reports whether p was at or under from.
func rebase(p, from, to string) (string, bool) {
	rest, ok := strings.CutPrefix(p, from)
	if !ok || rest != "" && rest[0] != '.' && rest[0] != '[' {
		return "", false
	}
	return to + rest, true
}

// unmergePaths names each error by the path of the file, not of the
// merged copy.
func (b *builder) unmergePaths() {
	for _, e := range b.errs {
		for i := len(b.aliases) - 1; i >= 0; i-- {
			a := b.aliases[i]
			if q, ok := rebase(e.Path, a.merged, a.orig); ok {
				e.Path = q
				break
			}
		}
	}
}

// clone copies a source, so that aliases do not change the file's.
func (s *source) clone() *source {
	return &source{filename: s.filename, pos: maps.Clone(s.pos), keyPos: maps.Clone(s.keyPos),
		bad: maps.Clone(s.bad), badUnder: maps.Clone(s.badUnder), overflow: maps.Clone(s.overflow)}
}

// nameOwner is the list that added the pipeline or rotation a name refers to.
func (b *builder) nameOwner(r ruleRef) int {
	switch r.kind {
	case kindApprenticeship:
		return ownerAt(b.owners.appr, r.index)
	case kindStudents:
		return ownerAt(b.owners.students, r.index)
	case kindInternational:
		return ownerAt(b.owners.intl, r.index)
	case kindReturn:
		return ownerAt(b.owners.rtp, r.index)
	case kindRotation:
		return ownerAt(b.owners.rots, r.index)
	}
	return 0
}

// optionName is the name of list li's option, for messages.
func (b *builder) optionName(li int) string { return strconv.Quote(b.f.Options[li-1].Name) }

// inertRules lists the rules of model li that other options add.
func (b *builder) inertRules(li int) []workforce.RuleRef {
	var out []workforce.RuleRef
	other := func(owner int) bool { return owner != 0 && owner != li }
	flat := func(list workforce.RuleList, owned []int) {
		for i, o := range owned {
			if other(o) {
				out = append(out, workforce.RuleRef{List: list, Index: i})
			}
		}
	}
	perGroup := func(list workforce.RuleList, owned map[int][]int, size func(g *Group) int) {
		idx := 0
		for gi := range b.f.Workforce {
			for j := range size(&b.f.Workforce[gi]) {
				if other(ownerAt(owned[gi], j)) {
					out = append(out, workforce.RuleRef{List: list, Index: idx})
				}
				idx++
			}
		}
	}
	perGroup(workforce.RulePromotions, b.owners.promos, func(g *Group) int { return len(g.Promotion) })
	perGroup(workforce.RuleGraduates, b.owners.grads, func(g *Group) int { return len(g.Graduates) })
	flat(workforce.RuleStudents, b.owners.students)
	flat(workforce.RuleApprenticeships, b.owners.appr)
	flat(workforce.RuleInternational, b.owners.intl)
	flat(workforce.RuleReturners, b.owners.rtp)
	flat(workforce.RuleRotations, b.owners.rots)
	flat(workforce.RuleTransitions, b.owners.trans)
	return out
}

// dropOtherPosts leaves out of model li the new posts other options add
// (their parameters stay, in their place).
func (b *builder) dropOtherPosts(m *workforce.Model, li int) {
	if b.owners.posts == nil {
		return
	}
	kept := m.NewPosts[:0]
	for i, p := range m.NewPosts {
		if o := ownerAt(b.owners.posts, i); o == 0 || o == li {
			kept = append(kept, p)
		}
	}
	m.NewPosts = kept
}
