package scenario

import (
	"maps"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// Where graduates, qualified apprentices and pull moves go: the band of a
// graduate cohort, the target of a promotion or pull move, and the posts
// newly qualified staff take.

// cohortBand is the band a graduate cohort joins: Band 5 unless it says.
func cohortBand(gc GraduateCohort) workforce.Band {
	if gc.Band != nil {
		return *gc.Band
	}
	return workforce.Band5
}

// promotionTarget is the cell a promotion rule of an entry moves staff
// into: To's profession and band, defaulting to the entry's profession and
// the band above From. The rule must have been checked.
func promotionTarget(info groupInfo, pr Promotion) cellKey {
	k := cellKey{info.org, info.prof.Key, 0}
	k.band, _ = pr.From.Next()
	if pr.To != nil {
		if pr.To.Profession != "" {
			k.prof = pr.To.Profession
		}
		if pr.To.Band != nil {
			k.band = *pr.To.Band
		}
	}
	return k
}

// promotionName is the parameter name of a promotion rule's monthly apply
// probability: by its from band, and for a pull move by its target too.
func (c *compiler) promotionName(e *entry, pr Promotion) string {
	name := e.name + "/" + pr.From.String() + ".promotion"
	if to := promotionTarget(e.info, pr); to.prof != e.info.prof.Key {
		name += "." + c.b.cellName(to)
	}
	return name + ".monthly_apply"
}

// checkPromotionTarget resolves and checks where promotion rule pr of
// workforce entry i goes (From is a valid band): the band above, within
// the entry; or, with To naming another profession, a band of that
// profession's entry that the entry lists, in the same organisation.
func (b *builder) checkPromotionTarget(i int, pr Promotion, pp string) (cellKey, bool) {
	info := b.groups[i]
	from := *pr.From
	tp := pp + ".to"
	if pr.To != nil && pr.To.Organisation != "" && info.ok {
		org, ok := b.orgRef(pr.To.Organisation, tp+".organisation")
		if ok && org != info.org {
			b.errorf(tp+".organisation", "promotions and pull moves stay within the entry's organisation (got %s, want %s or none: use a transition to move between organisations)", b.orgs[org].Key, b.orgs[info.org].Key)
		}
		if !ok || org != info.org {
			return cellKey{}, false
		}
	}
	if pr.To == nil || pr.To.Profession == "" || pr.To.Profession == info.prof.Key {
		// Within the profession: the band above.
		next, hasNext := from.Next()
		switch {
		case !hasNext:
			b.errorf(pp+".from", "no band above %v to promote into", from)
			return cellKey{}, false
		case pr.To != nil && pr.To.Band != nil && *pr.To.Band != next:
			b.errorf(tp+".band", "a promotion within %s goes to the band above (got %v, want %v, or to.profession for a pull move into another profession)", info.prof.Key, *pr.To.Band, next)
			return cellKey{}, false
		}
		return cellKey{info.org, info.prof.Key, next}, info.ok
	}
	if !info.ok {
		return cellKey{}, false
	}
	if _, ok := b.profRef(pr.To.Profession, tp+".profession"); !ok {
		b.incomplete = true
		return cellKey{}, false
	}
	if pr.To.Band == nil {
		b.missing(tp+".band", "the band of "+pr.To.Profession+" moved into, e.g. 8a")
		return cellKey{}, false
	}
	to, ok := b.finishCell(cellKey{org: info.org, prof: pr.To.Profession}, true, pr.To.Band, nil, tp)
	if !ok {
		b.incomplete = true
		return to, false
	}
	return to, b.listedBand(to, tp+".band", "pull moves")
}

// checkCohortBand checks the band of a graduate cohort of workforce entry
// i: 5 when not given, else a valid band, and one the entry lists unless
// it is 5.
func (b *builder) checkCohortBand(g *Group, i int, band *workforce.Band, path string) bool {
	switch {
	case band == nil:
		return true
	case !band.Valid():
		b.errorf(path, "unknown band (got %v)", *band)
		return false
	case !b.groups[i].ok:
		return false
	}
	return b.listedBand(cellKey{b.groups[i].org, b.groups[i].prof.Key, *band}, path, "graduates")
}

// listedBand reports whether the workforce entry of cell k lists k's band
// under bands, and a problem at path if not. A band other than 5 that
// graduates, qualified apprentices or pull moves go into must be listed:
// a cell with no staff and no posts would take none of them.
func (b *builder) listedBand(k cellKey, path, who string) bool {
	gi := b.groupAt[groupKey{k.org, k.prof}]
	g := &b.f.Workforce[gi]
	if _, ok := g.Bands[k.band]; ok {
		return true
	}
	var have []string
	for _, band := range slices.Sorted(maps.Keys(g.Bands)) {
		have = append(have, band.String())
	}
	listed := "it lists no bands"
	if len(have) > 0 {
		listed = "it lists " + strings.Join(have, ", ")
	}
	b.errorf(path, "%s go into band %v of %s, which %s does not list under bands (%s; want one of those, or add band %v under bands, with headcount 0 if it starts empty)",
		who, k.band, k.prof, item("workforce", gi), listed, k.band)
	return false
}

// registeredTarget checks the cell graduates or qualified apprentices
// join: a registered profession, at Band 5 or at a band its entry lists.
func (b *builder) registeredTarget(k cellKey, path, who string) bool {
	if b.profOf(k).Support {
		b.errorf(path+".profession", "%s join a registered profession (got %s, a support role)", who, k.prof)
		return false
	}
	return k.band == workforce.Band5 || b.listedBand(k, path+".band", who)
}

// checkPosts checks the posts graduates take.
func (b *builder) checkPosts(p workforce.Posts, path string) {
	if !p.Valid() {
		b.errorf(path, "unknown posts (got %d, want vacancies, new_posts or supernumerary)", int(p))
	}
}

// checkApprenticePosts checks the posts qualified apprentices take: they
// always take one, so vacancies is not a choice.
func (b *builder) checkApprenticePosts(p *workforce.Posts, path string) {
	switch {
	case p == nil || *p == workforce.PostsSupernumerary || *p == workforce.PostsNewPosts:
	case *p == workforce.PostsVacancies:
		b.errorf(path, "qualified apprentices always take a post (got vacancies, want supernumerary, the default: over the establishment if there is no vacancy, or new_posts: each with a new funded post)")
	default:
		b.errorf(path, "unknown posts (got %d, want supernumerary or new_posts)", int(*p))
	}
}
