package scenario

import (
	"strconv"

	"github.com/ahpsim/ahpsim/workforce"
)

// Rotation makes a share of the joiners of one profession and band
// rotational: they rotate every LengthMonths, Rotations times, through the
// same band of each organisation listed in turn (or within their one
// organisation), with their own leaver rate while rotating and a chance of
// leaving when each rotation ends.
type Rotation struct {
	Name       string          `yaml:"name"`
	Profession string          `yaml:"profession"`
	Band       *workforce.Band `yaml:"band"`
	// Organisations lists the organisations rotated through, in order;
	// one organisation means rotations within it. It may be left out when
	// the file has one organisation.
	Organisations  []string `yaml:"organisations,omitempty"`
	ShareOfJoiners *Value   `yaml:"share_of_joiners"`
	LengthMonths   int      `yaml:"length_months"`
	Rotations      int      `yaml:"rotations"`
	// LeaverRate is the annual leaver rate while rotating; nil means the
	// cell's own.
	LeaverRate *Value `yaml:"leaver_rate,omitempty"`
	// LeaveAtEnd is the probability of leaving when a rotation ends; nil
	// means none.
	LeaveAtEnd *Value `yaml:"leave_at_end,omitempty"`
}

// Portability is a staff portability arrangement: staff employed in From
// beyond its own establishment (up to Share of them) cover vacancies in
// To, or in the same profession and band of each of ToOrganisations, for
// up to MaxMonths from Start. It changes effective FTE only.
type Portability struct {
	From CellRef `yaml:"from"`
	// Exactly one of To (fields left out are From's) and ToOrganisations.
	To              *CellRef        `yaml:"to,omitempty"`
	ToOrganisations []string        `yaml:"to_organisations,omitempty"`
	Share           *Value          `yaml:"share"`
	Start           workforce.Month `yaml:"start,omitempty"`      // zero means the simulation start
	MaxMonths       *int            `yaml:"max_months,omitempty"` // nil means 12
}

// checkRotations checks the rotations; a cell may be in one rotation.
func (b *builder) checkRotations() {
	b.rots = make([]resolvedCells, len(b.f.Rotations))
	inRotation := map[cellKey]string{} // path of the rotation that took a cell
	for i := range b.f.Rotations {
		b.checkRotation(&b.f.Rotations[i], i, inRotation)
	}
}

// checkRotation checks rotation i and resolves its cells, one per
// organisation, in order.
func (b *builder) checkRotation(r *Rotation, i int, inRotation map[cellKey]string) {
	p := item("rotations", i)
	b.ruleName(p+".name", r.Name, kindRotation, i)
	prof, okProf := b.profRef(r.Profession, p+".profession")
	ok := b.checkRotationBand(r, p) && okProf
	orgs, okOrgs := b.rotationOrgs(r, p)
	ok = ok && okOrgs
	b.reqValue(r.ShareOfJoiners, p+".share_of_joiners", probability, "the share of joiners who take rotational posts, 0 to 1")
	b.checkRotationLength(r, p)
	b.optValue(r.LeaverRate, p+".leaver_rate", probability)
	b.optValue(r.LeaveAtEnd, p+".leave_at_end", probability)
	if !ok {
		b.incomplete = true
		return
	}
	cells, ok := b.rotationCells(r, p, prof, orgs, inRotation)
	b.rots[i] = b.resolved(ok, cells...)
}

// checkRotationBand checks that a rotation names a known band.
func (b *builder) checkRotationBand(r *Rotation, p string) bool {
	switch {
	case r.Band == nil:
		b.missing(p+".band", "the band that rotates, e.g. 5")
		return false
	case !r.Band.Valid():
		b.errorf(p+".band", "unknown band (got %v)", *r.Band)
		return false
	}
	return true
}

// rotationOrgs resolves the organisations a rotation goes through, in
// order; with none given, the only organisation.
func (b *builder) rotationOrgs(r *Rotation, p string) ([]int, bool) {
	ok := true
	var orgs []int
	switch {
	case len(r.Organisations) == 0 && len(b.orgs) == 1:
		orgs = []int{0}
	case len(r.Organisations) == 0:
		b.missing(p+".organisations", "the organisations rotated through, in order (one for rotations within it)")
		ok = false
	}
	seen := map[int]string{}
	for j, key := range r.Organisations {
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
		case seen[org] != "":
			b.errorf(op, "duplicate organisation %q (first at %s)", key, b.where(seen[org]))
			ok = false
		default:
			seen[org] = op
			orgs = append(orgs, org)
		}
	}
	return orgs, ok
}

// checkRotationLength checks a rotation's length, a whole number of
// steps, and its number of rotations.
func (b *builder) checkRotationLength(r *Rotation, p string) {
	switch step := b.stepMonths; {
	case r.LengthMonths == 0 && !b.src.has(p+".length_months"):
		b.missing(p+".length_months", "the months of one rotation, e.g. 6")
	case r.LengthMonths < 1 || r.LengthMonths > maxRotationMonths:
		b.errorf(p+".length_months", "out of range (got %d, want 1 to %d)", r.LengthMonths, maxRotationMonths)
	case r.LengthMonths%step != 0:
		b.errorf(p+".length_months", "not a whole number of steps (got %d, want a multiple of %d for %v steps)", r.LengthMonths, step, b.f.Simulation.Step)
	}
	switch {
	case r.Rotations == 0 && !b.src.has(p+".rotations"):
		b.missing(p+".rotations", "the number of rotations, e.g. 3")
	case r.Rotations < 1 || r.Rotations > maxRotationMonths:
		b.errorf(p+".rotations", "out of range (got %d, want 1 to %d)", r.Rotations, maxRotationMonths)
	case r.LengthMonths > 0 && r.Rotations*r.LengthMonths > maxRotationMonths:
		b.errorf(p+".rotations", "rotations last too long (got %d x %d months, want at most %d months)", r.Rotations, r.LengthMonths, maxRotationMonths)
	}
}

// rotationCells resolves a rotation's cells: each needs a workforce entry
// and may be in no other rotation.
func (b *builder) rotationCells(r *Rotation, p string, prof workforce.Profession, orgs []int, inRotation map[cellKey]string) ([]cellKey, bool) {
	ok := true
	var cells []cellKey
	for j, org := range orgs {
		k := cellKey{org, prof.Key, *r.Band}
		at := p + ".profession"
		if len(r.Organisations) > 0 {
			at = item(p+".organisations", j)
		}
		if _, has := b.groupAt[groupKey{org, prof.Key}]; !has {
			b.errorf(at, "no workforce entry for %s/%s (want one, even with no staff, to give its rates)", b.orgs[org].Key, prof.Key)
			ok = false
			continue
		}
		if first, dup := inRotation[k]; dup {
			b.errorf(at, "%s is already in a rotation (first at %s; a cell may be in one rotation)", b.cellName(k), b.where(first))
			ok = false
			continue
		}
		inRotation[k] = at
		cells = append(cells, k)
	}
	return cells, ok
}

func (b *builder) checkPortability() {
	b.ports = make([]resolvedCells, len(b.f.Portability))
	for i, pt := range b.f.Portability {
		p := item("portability", i)
		from, ok := b.cellRef(pt.From, p+".from", nil)
		var to []cellKey
		switch {
		case pt.To != nil && len(pt.ToOrganisations) > 0:
			b.errorf(p+".to_organisations", "both to and to_organisations given (want one)")
			ok = false
		case pt.To == nil && len(pt.ToOrganisations) == 0:
			b.missing(p+".to", "the cell covered, or to_organisations")
			ok = false
		case !ok:
		case pt.To != nil:
			k, good := b.cellRef(*pt.To, p+".to", &from)
			switch {
			case !good:
				ok = false
			case k == from:
				b.errorf(p+".to", "same cell as from (got %s; want another organisation, profession or band)", b.cellName(k))
				ok = false
			default:
				to = append(to, k)
			}
		default:
			seen := map[int]string{}
			for j, key := range pt.ToOrganisations {
				op := item(p+".to_organisations", j)
				org, good := b.orgRef(key, op)
				if !good {
					ok = false
					continue
				}
				k := cellKey{org, from.prof, from.band}
				switch {
				case org == from.org:
					b.errorf(op, "the organisation staff are employed by (got %s; want another organisation)", key)
					ok = false
				case seen[org] != "":
					b.errorf(op, "duplicate organisation %q (first at %s)", key, b.where(seen[org]))
					ok = false
				default:
					if _, has := b.groupAt[groupKey{org, from.prof}]; !has {
						b.errorf(op, "no workforce entry for %s/%s (want one, even with no staff, to give its rates)", key, from.prof)
						ok = false
						continue
					}
					seen[org] = op
					to = append(to, k)
				}
			}
		}
		b.reqValue(pt.Share, p+".share", probability, "the share of staff beyond establishment who may cover, 0 to 1")
		b.checkMonth(pt.Start, p+".start", true, "")
		if pt.MaxMonths != nil {
			b.checkMonths(pt.MaxMonths, p+".max_months", 1, "")
		}
		if ok {
			b.ports[i] = resolvedCells{ok: true, cells: append([]cellKey{from}, to...)}
			b.addCells(b.ports[i].cells...)
		} else {
			b.incomplete = true
		}
	}
}

// lowerRotations lowers the rotations.
func (c *compiler) lowerRotations() {
	b, m := c.b, c.m
	for i, r := range b.f.Rotations {
		name := "rotations." + r.Name
		sr := workforce.Rotation{
			Share:        c.param(r.ShareOfJoiners, probability, name+".share_of_joiners"),
			LengthMonths: r.LengthMonths,
			Rotations:    r.Rotations,
		}
		sr.LeaverRate = c.param(r.LeaverRate, probability, name+".leaver_rate")
		sr.LeaveAtEnd = c.param(r.LeaveAtEnd, probability, name+".leave_at_end")
		for _, k := range b.rots[i].cells {
			sr.Cells = append(sr.Cells, c.cellIndex(k))
		}
		sr.Cell = sr.Cells[0]
		m.Rotations = append(m.Rotations, sr)
	}
}

// lowerPortability lowers the portability arrangements, one per pair of
// cells.
func (c *compiler) lowerPortability() {
	b, m := c.b, c.m
	for i, pt := range b.f.Portability {
		cells := b.ports[i].cells
		share := c.param(pt.Share, probability, "portability["+strconv.Itoa(i)+"].share")
		start := pt.Start
		if start == 0 {
			start = b.start
		}
		months := defaultMaxMonths
		if pt.MaxMonths != nil {
			months = *pt.MaxMonths
		}
		for _, to := range cells[1:] {
			m.Portability = append(m.Portability, workforce.Portability{
				From: c.cellIndex(cells[0]), To: c.cellIndex(to), Share: share, Start: start, MaxMonths: months,
			})
		}
	}
}
