package scenario

import (
	"maps"
	"slices"

	"github.com/ahpsim/ahpsim/workforce"
)

// Transition is a "push" move from one cell to another at an annual rate
// (moves between organisations, professions or bands). It competes with
// leaving: a cell's leaver rate and transition rates sum to at most 1.
type Transition struct {
	From       CellRef `yaml:"from"`
	To         CellRef `yaml:"to"`
	AnnualRate *Value  `yaml:"annual_rate"`
}

// Demand is what changes the funded posts over time.
type Demand struct {
	NewPosts []NewPost `yaml:"new_posts,omitempty"`
}

// NewPost adds funded posts (FTE, negative to remove) to a cell from a
// month on.
type NewPost struct {
	CellRef `yaml:",inline"`
	From    workforce.Month `yaml:"from"`
	FTE     *Value          `yaml:"fte"`
}

type resolvedTransition struct {
	ok       bool
	from, to cellKey
}

type resolvedPost struct {
	ok   bool
	cell cellKey
}

func (b *builder) checkTransitions() {
	first := map[[2]cellKey]string{}
	b.trans = make([]resolvedTransition, len(b.f.Transitions))
	for i, t := range b.f.Transitions {
		p := item("transitions", i)
		b.reqValue(t.AnnualRate, p+".annual_rate", probability, "the annual rate of the move, 0 to 1")
		from, okFrom := b.cellRef(t.From, p+".from", nil)
		if !okFrom {
			b.incomplete = true
			continue
		}
		to, okTo := b.cellRef(t.To, p+".to", &from)
		if !okTo {
			b.incomplete = true
			continue
		}
		if from == to {
			b.errorf(p+".to", "same cell as from (got %s; want a different organisation, profession or band)", b.cellName(to))
			continue
		}
		if at, dup := first[[2]cellKey{from, to}]; dup {
			b.errorf(p, "duplicate transition from %s to %s (first at %s)", b.cellName(from), b.cellName(to), b.where(at))
			continue
		}
		first[[2]cellKey{from, to}] = p
		b.trans[i] = resolvedTransition{ok: true, from: from, to: to}
		b.cells[from] = true
		b.cells[to] = true
	}
}

func (b *builder) checkNewPosts() {
	b.posts = make([]resolvedPost, len(b.f.Demand.NewPosts))
	for i, n := range b.f.Demand.NewPosts {
		p := item("demand.new_posts", i)
		switch {
		case n.From == 0:
			b.missing(p+".from", "the first month with the posts, YYYY-MM")
		case n.From < workforce.NewMonth(1900, 1) || n.From > workforce.NewMonth(2200, 12):
			b.errorf(p+".from", "out of range (got %v, want 1900-01 to 2200-12)", n.From)
		case b.start != 0 && n.From < b.start:
			b.errorf(p+".from", "before the simulation starts (got %v, want %v or later: count posts that exist at the start in establishment_fte)", n.From, b.start)
		default:
			b.checkNotAfterHorizon(n.From, p+".from", "the posts would never be funded")
		}
		b.reqValue(n.FTE, p+".fte", bounds{lo: -maxFTE, hi: maxFTE}, "the FTE of funded posts to add, negative to remove")
		cell, ok := b.cellRef(n.CellRef, p, nil)
		if !ok {
			b.incomplete = true
			continue
		}
		b.posts[i] = resolvedPost{ok: true, cell: cell}
		b.cells[cell] = true
	}
}

// checkExits reports cells whose leaver rate, highest retirement rate and
// transition rates sum above 1: they cannot all happen within a year.
func (b *builder) checkExits() {
	type exits struct {
		sum  float64
		last int // the last transition out of the cell
	}
	out := map[cellKey]*exits{}
	var order []cellKey
	for i, t := range b.trans {
		rate := b.f.Transitions[i].AnnualRate
		if !t.ok || rate == nil || !b.quietValue(rate, probability) {
			continue
		}
		e := out[t.from]
		if e == nil {
			e = &exits{}
			out[t.from] = e
			order = append(order, t.from)
		}
		e.sum += b.dist(rate, probability, "").Mean()
		e.last = i
	}
	// Cells with retirement rates but no transitions, in a fixed order.
	if b.hasAges {
		for _, c := range sortedCells(b.cells) {
			if out[c] == nil {
				order = append(order, c)
			}
		}
	}
	reported := map[string]bool{}
	for _, c := range order {
		gi, has := b.groupAt[groupKey{c.org, c.prof}]
		if !has {
			continue
		}
		g := &b.f.Workforce[gi]
		leave := b.highestTimeInPostRate(g, c.band) // leaving's highest rate
		if lr := g.leaverRate(c.band); lr != nil && b.quietValue(lr, probability) {
			leave = max(leave, b.dist(lr, probability, "").Mean())
		}
		retire, retirePath := 0.0, ""
		if b.hasAges {
			rates, p := b.retirementOf(gi, c.band)
			for _, name := range slices.Sorted(maps.Keys(rates)) {
				if v := rates[name]; v != nil && slices.Contains(b.ageNames, name) && b.quietValue(v, probability) {
					if r := b.dist(v, probability, "").Mean(); r > retire {
						retire, retirePath = r, join(p, name)
					}
				}
			}
		}
		e := out[c]
		if e == nil {
			e = &exits{last: -1}
		}
		total := leave + retire + e.sum
		if total <= 1+exitTolerance {
			continue
		}
		switch {
		case e.last >= 0 && retire == 0:
			b.errorf(item("transitions", e.last)+".annual_rate",
				"exit rates from %s sum above 1 (got leaver rate %s plus transitions %s = %s, want at most 1)",
				b.cellName(c), formatFloat(roundTo(leave, 9)), formatFloat(roundTo(e.sum, 9)), formatFloat(roundTo(total, 9)))
		case e.last >= 0:
			b.errorf(item("transitions", e.last)+".annual_rate",
				"exit rates from %s sum above 1 (got leaver rate %s plus retirement %s plus transitions %s = %s, want at most 1)",
				b.cellName(c), formatFloat(roundTo(leave, 9)), formatFloat(roundTo(retire, 9)), formatFloat(roundTo(e.sum, 9)), formatFloat(roundTo(total, 9)))
		case !reported[retirePath]:
			reported[retirePath] = true
			b.errorf(retirePath,
				"exit rates from %s sum above 1 (got leaver rate %s plus retirement %s = %s, want at most 1)",
				b.cellName(c), formatFloat(roundTo(leave, 9)), formatFloat(roundTo(retire, 9)), formatFloat(roundTo(total, 9)))
		}
	}
}

// lowerTransitions lowers the transitions between cells.
func (c *compiler) lowerTransitions() {
	b := c.b
	for i, t := range b.f.Transitions {
		rt := b.trans[i]
		c.m.Transitions = append(c.m.Transitions, workforce.Transition{
			From: c.cellIndex(rt.from),
			To:   c.cellIndex(rt.to),
			Rate: c.param(t.AnnualRate, probability, b.cellName(rt.from)+"->"+b.cellName(rt.to)+".annual_rate"),
		})
	}
}

// lowerNewPosts lowers the new posts of the demand section.
func (c *compiler) lowerNewPosts() {
	b := c.b
	for i, n := range b.f.Demand.NewPosts {
		k := b.posts[i].cell
		c.m.NewPosts = append(c.m.NewPosts, workforce.NewPosts{
			Cell: c.cellIndex(k),
			From: n.From,
			FTE:  c.param(n.FTE, bounds{lo: -maxFTE, hi: maxFTE}, b.cellName(k)+".new_posts."+n.From.String()+".fte"),
		})
	}
}
