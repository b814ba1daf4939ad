package scenario

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// cellKey names a cell before the layout exists.
type cellKey struct {
	org  int
	prof string
	band workforce.Band
}

type groupKey struct {
	org  int
	prof string
}

// groupInfo is a workforce entry with its organisation and profession
// resolved; ok is false when either is unknown.
type groupInfo struct {
	ok   bool
	org  int
	prof workforce.Profession
}

// CellRef names a cell: an organisation, a profession and a band. In a
// transition's To, empty fields default to the From cell's.
type CellRef struct {
	Organisation string          `yaml:"organisation,omitempty"`
	Profession   string          `yaml:"profession,omitempty"`
	Band         *workforce.Band `yaml:"band,omitempty"`
}

// orgRef resolves an organisation key; "" means the only organisation.
func (b *builder) orgRef(key, path string) (int, bool) {
	if len(b.orgs) == 0 {
		return 0, false // every declared organisation was bad, and reported
	}
	keys := make([]string, len(b.orgs))
	for i, o := range b.orgs {
		keys[i] = o.Key
	}
	if key == "" {
		if len(b.orgs) == 1 {
			return 0, true
		}
		b.missing(path, "one of "+strings.Join(keys, ", ")+": the file has several organisations")
		return 0, false
	}
	if i := slices.Index(keys, key); i >= 0 {
		return i, true
	}
	want := "want one of " + strings.Join(keys, ", ")
	if len(b.f.Organisations) == 0 {
		want = "want system, or declare organisations"
	}
	b.errorf(path, "unknown organisation %q%s", key, suggest(key, keys, want))
	return 0, false
}

// profRef resolves a profession key: a standard profession or a custom role.
func (b *builder) profRef(key, path string) (workforce.Profession, bool) {
	if key == "" {
		b.missing(path, "a profession such as occupational_therapist")
		return workforce.Profession{}, false
	}
	if p, ok := workforce.LookupProfession(key); ok {
		return p, true
	}
	var keys []string
	for _, p := range b.roles {
		if p.Key == key {
			return p, true
		}
	}
	for _, p := range workforce.StandardProfessions() {
		keys = append(keys, p.Key)
	}
	for _, p := range b.roles {
		keys = append(keys, p.Key)
	}
	b.errorf(path, "unknown profession %q%s", key, suggest(key, keys, "want one of "+strings.Join(keys, ", ")+", or declare it under custom_roles"))
	return workforce.Profession{}, false
}

// cellRef resolves a cell reference; def fills in empty fields (for a
// transition's To). It reports problems at path.
func (b *builder) cellRef(r CellRef, path string, def *cellKey) (cellKey, bool) {
	var k cellKey
	ok := true
	switch {
	case r.Organisation == "" && def != nil:
		k.org = def.org
	default:
		org, good := b.orgRef(r.Organisation, path+".organisation")
		k.org, ok = org, ok && good
	}
	switch {
	case r.Profession == "" && def != nil:
		k.prof = def.prof
	default:
		prof, good := b.profRef(r.Profession, path+".profession")
		k.prof, ok = prof.Key, ok && good
	}
	var defBand *workforce.Band
	if def != nil {
		defBand = &def.band
	}
	return b.finishCell(k, ok, r.Band, defBand, path)
}

// finishCell resolves the band of a cell reference (def, when not nil, fills
// it in when absent) and checks that the cell's organisation and profession
// have a workforce entry. ok says whether the fields before were good.
func (b *builder) finishCell(k cellKey, ok bool, band, def *workforce.Band, path string) (cellKey, bool) {
	switch {
	case band == nil && def != nil:
		k.band = *def
	case band == nil:
		b.missing(path+".band", "a band such as 5 or 8a")
		ok = false
	case !band.Valid():
		b.errorf(path+".band", "unknown band (got %v)", *band)
		ok = false
	default:
		k.band = *band
	}
	if !ok {
		return k, false
	}
	if _, has := b.groupAt[groupKey{k.org, k.prof}]; !has {
		b.errorf(path, "no workforce entry for %s/%s (want one, even with no staff, to give its rates)", b.orgs[k.org].Key, k.prof)
		return k, false
	}
	return k, true
}

// cellAt resolves a cell reference whose organisation defaults to defOrg
// (when not nil, else the only organisation) and whose band defaults to
// defBand (when not nil, else the band is required). The profession is
// always required.
func (b *builder) cellAt(r CellRef, path string, defOrg *int, defBand *workforce.Band) (cellKey, bool) {
	var k cellKey
	ok := true
	if r.Organisation == "" && defOrg != nil {
		k.org = *defOrg
	} else {
		org, good := b.orgRef(r.Organisation, path+".organisation")
		k.org, ok = org, good
	}
	prof, good := b.profRef(r.Profession, path+".profession")
	k.prof, ok = prof.Key, ok && good
	return b.finishCell(k, ok, r.Band, defBand, path)
}

func (b *builder) cellName(k cellKey) string {
	return fmt.Sprintf("%s/%s/%v", b.orgs[k.org].Key, k.prof, k.band)
}

// profOf returns the profession of a resolved cell.
func (b *builder) profOf(k cellKey) workforce.Profession {
	return b.groups[b.groupAt[groupKey{k.org, k.prof}]].prof
}

// addCells records cells for the layout.
func (b *builder) addCells(keys ...cellKey) {
	for _, k := range keys {
		b.cells[k] = true
	}
}

// sortedCells returns cell keys in layout order (organisation, profession
// in file order of first use is not known yet, so by key, then band).
func sortedCells(set map[cellKey]bool) []cellKey {
	keys := slices.Collect(maps.Keys(set))
	slices.SortFunc(keys, func(a, b cellKey) int {
		if a.org != b.org {
			return a.org - b.org
		}
		if c := strings.Compare(a.prof, b.prof); c != 0 {
			return c
		}
		return int(a.band) - int(b.band)
	})
	return keys
}
