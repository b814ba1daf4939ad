package scenario

import "github.com/ahpsim/ahpsim/workforce"

// TimeInPostRate is the annual leaver rate of staff in their first
// UnderMonths months in post (and past the band before's), in a list
// under leaver_rate_by_time_in_post. Time in post is time in the band:
// promotion and any move to another cell restart it.
type TimeInPostRate struct {
	UnderMonths int    `yaml:"under_months"`
	Rate        *Value `yaml:"rate"`
}

// FixedTerm makes a share of a cell's joiners take fixed-term (or
// rotational) posts of Months months: when their time in post reaches
// the term, a share LeaveAtEnd leave and the rest stay as regular staff.
// It is a rotation within the cell, one rotation long.
type FixedTerm struct {
	Months         int    `yaml:"months"`
	ShareOfJoiners *Value `yaml:"share_of_joiners"`
	LeaveAtEnd     *Value `yaml:"leave_at_end"`
}

// maxTimeToFill is the longest time to fill a vacancy, in months.
const maxTimeToFill = workforce.MaxHorizonMonths

// timeInPostRates returns the leaver rates by time in post that apply to
// a cell (the band's list replaces the entry's whole) and where they are
// written.
func (g *Group) timeInPostRates(band workforce.Band) []TimeInPostRate {
	if bs, ok := g.band(band); ok && len(bs.LeaverRateByTimeInPost) > 0 {
		return bs.LeaverRateByTimeInPost
	}
	return g.LeaverRateByTimeInPost
}

// fixedTerm returns the fixed-term posts of a cell: the band's, else the
// entry's, else nil.
func (g *Group) fixedTerm(band workforce.Band) *FixedTerm {
	if bs, ok := g.band(band); ok && bs.FixedTerm != nil {
		return bs.FixedTerm
	}
	return g.FixedTerm
}

// checkEarlyLeaving checks a settings block's leaver rates by time in
// post, its fixed-term posts and its time to fill.
func (b *builder) checkEarlyLeaving(s *CellSettings, p string) {
	prev := 0
	for j, r := range s.LeaverRateByTimeInPost {
		rp := item(p+".leaver_rate_by_time_in_post", j)
		up := rp + ".under_months"
		switch {
		case r.UnderMonths == 0 && !b.src.has(up):
			b.missing(up, "the months in post the rate applies under, e.g. 12")
		case r.UnderMonths < 1 || r.UnderMonths > workforce.MaxHorizonMonths:
			b.errorf(up, "out of range (got %d, want 1 to %d)", r.UnderMonths, workforce.MaxHorizonMonths)
		case r.UnderMonths <= prev:
			b.errorf(up, "not above the band before (got %d, want more than %d: list the bands shortest first)", r.UnderMonths, prev)
		}
		prev = max(prev, r.UnderMonths)
		b.reqValue(r.Rate, rp+".rate", probability, "the annual leaver rate in those months, 0 to 1")
	}
	if ft := s.FixedTerm; ft != nil {
		b.checkFixedTerm(ft, p+".fixed_term")
	}
	b.checkTimeToFill(&s.Recruitment, p+".recruitment")
}

// checkFixedTerm checks fixed-term posts: a term of whole steps, the share
// of joiners who take them and the share who leave at the end.
func (b *builder) checkFixedTerm(ft *FixedTerm, p string) {
	mp := p + ".months"
	switch step := b.stepMonths; {
	case ft.Months == 0 && !b.src.has(mp):
		b.missing(mp, "the months of the fixed term, e.g. 24")
	case ft.Months < 1 || ft.Months > maxRotationMonths:
		b.errorf(mp, "out of range (got %d, want 1 to %d)", ft.Months, maxRotationMonths)
	case step > 0 && ft.Months%step != 0:
		b.errorf(mp, "not a whole number of steps (got %d, want a multiple of %d for %v steps)", ft.Months, step, b.f.Simulation.Step)
	}
	b.reqValue(ft.ShareOfJoiners, p+".share_of_joiners", probability, "the share of joiners who take fixed-term posts, 0 to 1")
	b.reqValue(ft.LeaveAtEnd, p+".leave_at_end", probability, "the share of fixed-term staff who leave when the term ends, 0 to 1")
}

// checkTimeToFill checks time_to_fill_months: a plain number of months,
// at least 1, given instead of monthly_fill.
func (b *builder) checkTimeToFill(r *Recruitment, p string) {
	v := r.TimeToFillMonths
	if v == nil {
		return
	}
	tp := p + ".time_to_fill_months"
	switch {
	case r.MonthlyFill != nil:
		b.errorf(tp, "both monthly_fill and time_to_fill_months given (want one: time_to_fill_months T means monthly_fill 1/T)")
	case v.Dist != workforce.Fixed:
		b.errorf(tp, "a distribution is not allowed here (got %v; want a number of months: for an uncertain time to fill, give monthly_fill as a distribution)", *v)
	default:
		b.checkValue(v, tp, bounds{lo: 1, hi: maxTimeToFill, note: "months from a post falling vacant to a start; a vacancy is filled at most once a month"})
	}
}

// checkFixedTerms reports cells that have fixed-term posts and are in a
// rotation too: a cell's joiners take one kind of post with a term.
func (b *builder) checkFixedTerms() {
	rotated := map[cellKey]string{}
	for i, r := range b.rots {
		for _, k := range r.cells {
			rotated[k] = b.f.Rotations[i].Name
		}
	}
	if len(rotated) == 0 {
		return
	}
	for _, k := range sortedCells(b.cells) {
		gi, has := b.groupAt[groupKey{k.org, k.prof}]
		if !has {
			continue
		}
		g := &b.f.Workforce[gi]
		name, inRotation := rotated[k]
		if !inRotation || g.fixedTerm(k.band) == nil {
			continue
		}
		p := item("workforce", gi)
		if bs, ok := g.band(k.band); ok && bs.FixedTerm != nil {
			p += ".bands." + k.band.String()
		}
		b.errorf(p+".fixed_term", "%s is in rotation %q too (want one: a cell's joiners may take rotational or fixed-term posts, not both)", b.cellName(k), name)
	}
}

// timeInPostParams adds the parameters of a settings block's leaver rates
// by time in post.
func (c *compiler) timeInPostParams(s *CellSettings, name string) []workforce.TimeInPostRate {
	var out []workforce.TimeInPostRate
	for j, r := range s.LeaverRateByTimeInPost {
		out = append(out, workforce.TimeInPostRate{
			UnderMonths: r.UnderMonths,
			Rate:        c.param(r.Rate, probability, item(name+".leaver_rate_by_time_in_post", j)+".rate"),
		})
	}
	return out
}

// fillParam adds the parameter of a settings block's monthly fill: the
// monthly_fill given, or 1/T for a time to fill of T months.
func (c *compiler) fillParam(r *Recruitment, name string) workforce.ParamID {
	if t := r.TimeToFillMonths; t != nil && r.MonthlyFill == nil {
		return c.param(Number(1/t.A), probability, name+".recruitment.monthly_fill")
	}
	return c.param(r.MonthlyFill, probability, name+".recruitment.monthly_fill")
}

// fixedTermParams adds the parameters of a settings block's fixed-term
// posts.
func (c *compiler) fixedTermParams(s *CellSettings, name string) (share, leave workforce.ParamID) {
	if ft := s.FixedTerm; ft != nil {
		share = c.param(ft.ShareOfJoiners, probability, name+".fixed_term.share_of_joiners")
		leave = c.param(ft.LeaveAtEnd, probability, name+".fixed_term.leave_at_end")
	}
	return share, leave
}

// noteFixedTerm records the fixed-term posts of the entry's cell ci in
// band, if it has any, for lowerFixedTerms.
func (c *compiler) noteFixedTerm(e *entry, ci int, band workforce.Band) {
	ft := e.g.FixedTerm
	share, leave := e.params.ftShare, e.params.ftLeave
	if bs, ok := e.g.band(band); ok && bs.FixedTerm != nil {
		ft, share, leave = bs.FixedTerm, e.bands[band].ftShare, e.bands[band].ftLeave
	}
	if ft == nil {
		return
	}
	c.fixedTerms = append(c.fixedTerms, workforce.Rotation{
		Cell: ci, Cells: []int{ci}, Share: share, LengthMonths: ft.Months, Rotations: 1,
		LeaverRate: workforce.NoParam, LeaveAtEnd: leave,
	})
}

// lowerFixedTerms adds the fixed-term posts as rotations within their
// cell, one rotation long, after the file's rotations (so that the rules
// interventions name keep their numbers).
func (c *compiler) lowerFixedTerms() {
	c.m.Rotations = append(c.m.Rotations, c.fixedTerms...)
}

// highestTimeInPostRate returns the highest mean of a cell's leaver rates
// by time in post (0 for none), for checkExits.
func (b *builder) highestTimeInPostRate(g *Group, band workforce.Band) float64 {
	high := 0.0
	for _, r := range g.timeInPostRates(band) {
		if r.Rate != nil && b.quietValue(r.Rate, probability) {
			high = max(high, b.dist(r.Rate, probability, "").Mean())
		}
	}
	return high
}
