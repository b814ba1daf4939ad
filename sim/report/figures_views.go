package report

import (
	"math"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/chart"
	"github.com/ahpsim/ahpsim/workforce"
)

// category is one row of a view by profession, band or organisation.
type category struct {
	name  string
	group int
}

// byProfession is every option's vacancy rate at the horizon for each
// profession (all organisations and bands).
func (v *view) byProfession() (Figure, bool, error) {
	var cats []category
	for _, p := range v.layout.Professions {
		if g := v.base.GroupIndex("all", p.Key, "all"); g >= 0 {
			cats = append(cats, category{p.Name, g})
		}
	}
	return v.dotView("vacancy_rate_by_profession", "profession", "all organisations and bands", cats)
}

// byBand is every option's vacancy rate at the horizon for each band (all
// organisations and professions): where the Band 5/6 gap shows.
func (v *view) byBand() (Figure, bool, error) {
	var cats []category
	for g, grp := range v.base.Groups {
		if grp.Org == sim.All && grp.Prof == sim.All && grp.Band != sim.All {
			cats = append(cats, category{"Band " + workforce.Band(grp.Band).String(), g})
		}
	}
	return v.dotView("vacancy_rate_by_band", "band", "all organisations and professions", cats)
}

// byOrganisation is every option's vacancy rate at the horizon for each
// organisation, when there are several.
func (v *view) byOrganisation() (Figure, bool, error) {
	var cats []category
	if len(v.layout.Organisations) > 1 {
		for _, o := range v.layout.Organisations {
			if g := v.base.GroupIndex(o.Key, "all", "all"); g >= 0 {
				cats = append(cats, category{o.Name, g})
			}
		}
	}
	return v.dotView("vacancy_rate_by_organisation", "organisation", "all professions and bands", cats)
}

// dotView draws the vacancy rate at the horizon by category: one row per
// category, one marker per option (its median) with the middle 50% and
// the interval as bars, and the start as a grey tick.
func (v *view) dotView(name, by, over string, cats []category) (Figure, bool, error) {
	f := Figure{Name: name, Title: "Vacancy rate by " + by + ", " + monthWords(v.horizon)}
	if v.scen != "" && len(v.c.Options) == 1 {
		f.Title += ": " + v.scen
	}
	if len(cats) < 2 || v.base.MetricIndex("vacancy_rate") < 0 {
		return f, false, nil
	}
	dc := chart.DotChart{
		Title: "Vacancy rate by " + by + ", " + monthWords(v.horizon), XLabel: vacancyYLabel, Percent: true,
		OuterLabel: v.outerLabel(), StartLabel: "Start (" + monthWords(v.base.Dates[0]) + ")", Size: chart.Compact,
	}
	for _, c := range cats {
		dc.Categories = append(dc.Categories, c.name)
		dc.Start = append(dc.Start, v.resultSpan(0, 0, c.group, "vacancy_rate").mid)
	}
	rows := make([][]string, len(cats))
	for i := range v.c.Options {
		s := chart.DotSeries{Name: v.titles[i], Look: chart.OptionLook(i)}
		defined := false
		for k, c := range cats {
			sp := v.resultSpan(i, v.last, c.group, "vacancy_rate")
			defined = defined || sp.ok
			s.Lo, s.Lo50, s.Mid, s.Hi50, s.Hi = append(s.Lo, sp.lo), append(s.Lo50, sp.lo50), append(s.Mid, sp.mid), append(s.Hi50, sp.hi50), append(s.Hi, sp.hi)
			if sp.ok {
				rows[k] = append(rows[k], v.titles[i]+" "+v.rangeWords(sp, pct))
			}
		}
		if defined {
			dc.Series = append(dc.Series, s)
		}
	}
	if len(dc.Series) == 0 {
		return f, false, nil
	}
	if allNaN(dc.Start) {
		dc.Start, dc.StartLabel = nil, ""
	}
	f.Caption = "The vacancy rate of each " + by + " (" + over + ") in " + monthWords(v.horizon) +
		": one marker per option at the median of the runs, the thick bar the middle 50% of runs and the thin bar the middle " +
		v.intervalWords() + ". The grey tick is the rate at the start, " + monthWords(v.base.Dates[0]) + "."
	f.Alt = "Vacancy rate by " + by + " in " + monthWords(v.horizon) + ", median:"
	for k, c := range cats {
		f.Alt += " " + c.name + ": " + joinWords(rows[k]) + "."
	}
	pic, err := dc.Picture()
	return finish(f, dc, pic, err)
}

func allNaN(xs []float64) bool {
	for _, x := range xs {
		if !math.IsNaN(x) {
			return false
		}
	}
	return true
}
