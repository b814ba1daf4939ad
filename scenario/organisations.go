package scenario

import (
	"slices"

	"github.com/ahpsim/ahpsim/workforce"
)

// Organisation is an employer. Key is used in files and output; Name, for
// people, defaults to Key.
type Organisation struct {
	Key  string `yaml:"key"`
	Name string `yaml:"name,omitempty"`
}

// Role is a custom profession: a staff group beyond the standard list
// (e.g. first contact practitioners, or a combined group a data source
// reports together). Support marks a support-worker line.
type Role struct {
	Key     string `yaml:"key"`
	Name    string `yaml:"name,omitempty"`
	Support bool   `yaml:"support,omitempty"`
}

func (b *builder) checkOrganisations() {
	if len(b.f.Organisations) == 0 {
		b.orgs = []workforce.Organisation{workforce.DefaultOrganisation}
		return
	}
	first := map[string]string{}
	for i, o := range b.f.Organisations {
		p := item("organisations", i)
		if !b.checkKey(p+".key", o.Key) {
			continue
		}
		if at, dup := first[o.Key]; dup {
			b.errorf(p+".key", "duplicate organisation %q (first at %s)", o.Key, b.where(at))
			continue
		}
		first[o.Key] = p + ".key"
		name := o.Name
		if name == "" {
			name = o.Key
		}
		b.orgs = append(b.orgs, workforce.Organisation{Key: o.Key, Name: name})
	}
}

func (b *builder) checkRoles() {
	first := map[string]string{}
	for i, r := range b.f.CustomRoles {
		p := item("custom_roles", i) + ".key"
		if !b.checkKey(p, r.Key) {
			continue
		}
		if _, std := workforce.LookupProfession(r.Key); std {
			b.errorf(p, "%q is a standard profession (want a new key; standard professions need no declaring)", r.Key)
			continue
		}
		if at, dup := first[r.Key]; dup {
			b.errorf(p, "duplicate custom role %q (first at %s)", r.Key, b.where(at))
			continue
		}
		first[r.Key] = p
		name := r.Name
		if name == "" {
			name = r.Key
		}
		b.roles = append(b.roles, workforce.Profession{Key: r.Key, Name: name, Support: r.Support, Custom: true})
	}
}

func (b *builder) checkDestinations() {
	dests := b.f.LeaverDestinations
	if len(dests) > maxDestinations {
		b.errorf("leaver_destinations", "too many destinations (got %d, want at most %d)", len(dests), maxDestinations)
		return
	}
	first := map[string]string{}
	for i, d := range dests {
		p := item("leaver_destinations", i)
		if !b.checkKey(p, d) {
			continue
		}
		if at, dup := first[d]; dup {
			b.errorf(p, "duplicate leaver destination %q (first at %s)", d, b.where(at))
			continue
		}
		first[d] = p
	}
}

// lowerDestinations copies the file's leaver destinations.
func (c *compiler) lowerDestinations() {
	if len(c.b.f.LeaverDestinations) > 0 {
		c.m.Destinations = slices.Clone(c.b.f.LeaverDestinations)
	}
}
