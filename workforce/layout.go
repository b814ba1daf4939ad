package workforce

import (
	"cmp"
	"fmt"
	"slices"
)

// Organisation is an employer: a trust, a primary care network, a local
// authority. Key is the stable identifier used in files.
type Organisation struct {
	Key  string
	Name string
}

// DefaultOrganisation is used when a scenario names none.
var DefaultOrganisation = Organisation{Key: "system", Name: "Whole system"}

// Cell is one organisation x profession x band, given by indices into a
// Layout's Organisations and Professions.
type Cell struct {
	Org, Prof int
	Band      Band
}

// Layout lists the organisations, professions and the cells that can hold
// staff. Cells are kept in a fixed order (organisation, profession, band) so
// that the engine can hold every quantity in dense slices indexed by cell,
// and so that output order never depends on map iteration.
type Layout struct {
	Organisations []Organisation
	Professions   []Profession
	Cells         []Cell
	index         map[Cell]int
}

// NewLayout builds a layout. Cells are sorted and de-duplicated; every index
// must be in range and every band valid.
func NewLayout(orgs []Organisation, profs []Profession, cells []Cell) (*Layout, error) {
	l := &Layout{
		Organisations: append([]Organisation(nil), orgs...),
		Professions:   append([]Profession(nil), profs...),
	}
	seenOrg := map[string]bool{}
	for _, o := range orgs {
		if seenOrg[o.Key] {
			return nil, fmt.Errorf("organisation %q listed twice", o.Key)
		}
		seenOrg[o.Key] = true
	}
	seenProf := map[string]bool{}
	for _, p := range profs {
		if seenProf[p.Key] {
			return nil, fmt.Errorf("profession %q listed twice", p.Key)
		}
		seenProf[p.Key] = true
	}
	sorted := append([]Cell(nil), cells...)
	slices.SortFunc(sorted, cellCompare)
	l.index = make(map[Cell]int, len(sorted))
	for _, c := range sorted {
		if c.Org < 0 || c.Org >= len(orgs) || c.Prof < 0 || c.Prof >= len(profs) || !c.Band.Valid() {
			return nil, fmt.Errorf("cell %+v out of range", c)
		}
		if _, dup := l.index[c]; dup {
			continue
		}
		l.index[c] = len(l.Cells)
		l.Cells = append(l.Cells, c)
	}
	return l, nil
}

func cellCompare(a, b Cell) int {
	return cmp.Or(cmp.Compare(a.Org, b.Org), cmp.Compare(a.Prof, b.Prof), cmp.Compare(a.Band, b.Band))
}

// Index returns the position of a cell in Cells, or -1 if the layout does
// not hold it.
func (l *Layout) Index(c Cell) int {
	if i, ok := l.index[c]; ok {
		return i
	}
	return -1
}

// OrgIndex returns the index of the organisation with the given key, or -1.
func (l *Layout) OrgIndex(key string) int {
	for i, o := range l.Organisations {
		if o.Key == key {
			return i
		}
	}
	return -1
}

// ProfIndex returns the index of the profession with the given key, or -1.
func (l *Layout) ProfIndex(key string) int {
	for i, p := range l.Professions {
		if p.Key == key {
			return i
		}
	}
	return -1
}

// CellName describes a cell for messages: "org/profession/band".
func (l *Layout) CellName(i int) string {
	c := l.Cells[i]
	return fmt.Sprintf("%s/%s/%s", l.Organisations[c.Org].Key, l.Professions[c.Prof].Key, c.Band)
}
