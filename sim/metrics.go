package sim

import "github.com/ahpsim/ahpsim/workforce"

// MetricKind says how a metric is measured over time.
type MetricKind uint8

const (
	// Stock is measured at each reported date.
	Stock MetricKind = iota
	// Flow is a count summed over the reporting interval that ends at the
	// date; it has no value at the start date.
	Flow
)

// Metric is one reported quantity.
type Metric struct {
	Name string
	Kind MetricKind
	// Resolution is the quantum values are rounded to before they are
	// summarised (see package summary): 1 head, 0.0001 FTE, 0.000001 of a rate.
	Resolution float64
	// Unit is for people: "heads", "FTE", "fraction".
	Unit string
}

// metricID indexes Result.Metrics. The fixed metrics come first, in this
// order; the leaver-destination metrics follow.
type metricID int

const (
	mInPostHC metricID = iota
	mInPostFTE
	mEstablishmentFTE
	mVacanciesFTE
	mVacancyRate
	mLeavers
	mLeaverRate
	mJoiners
	mJoinersExternal
	mJoinersGraduate
	mPromotions
	mMovesIn
	mMovesOut
	mGraduatesLost
	numFixedMetrics
)

// metrics returns the metric list for a model. In expected-value mode
// counts are fractional, so their resolution is finer.
func metrics(m *Model, deterministic bool) []Metric {
	heads := 1.0
	if deterministic {
		heads = 1e-6
	}
	list := []Metric{
		mInPostHC:         {"in_post_hc", Stock, heads, "heads"},
		mInPostFTE:        {"in_post_fte", Stock, 1e-4, "FTE"},
		mEstablishmentFTE: {"establishment_fte", Stock, 1e-4, "FTE"},
		mVacanciesFTE:     {"vacancies_fte", Stock, 1e-4, "FTE"},
		mVacancyRate:      {"vacancy_rate", Stock, 1e-6, "fraction"},
		mLeavers:          {"leavers", Flow, heads, "heads"},
		mLeaverRate:       {"leaver_rate", Flow, 1e-6, "fraction"},
		mJoiners:          {"joiners", Flow, heads, "heads"},
		mJoinersExternal:  {"joiners_external", Flow, heads, "heads"},
		mJoinersGraduate:  {"joiners_graduate", Flow, heads, "heads"},
		mPromotions:       {"promotions", Flow, heads, "heads"},
		mMovesIn:          {"moves_in", Flow, heads, "heads"},
		mMovesOut:         {"moves_out", Flow, heads, "heads"},
		mGraduatesLost:    {"graduates_lost", Flow, heads, "heads"},
	}
	for _, d := range m.Destinations {
		list = append(list, Metric{"leavers_" + d, Flow, heads, "heads"})
	}
	return list
}

// All marks "all organisations", "all professions" or "all bands" in a Group.
const All = -1

// Group is a set of cells reported together: one organisation or all, one
// profession or all, one band or all.
type Group struct {
	Org, Prof int // index into the layout, or All
	Band      int // band as an int, or All
	Cells     []int
}

// Key returns the group's organisation, profession and band as written in
// output files, with "all" for totals.
func (g Group) Key(l *workforce.Layout) (org, prof, band string) {
	org, prof, band = "all", "all", "all"
	if g.Org != All {
		org = l.Organisations[g.Org].Key
	}
	if g.Prof != All {
		prof = l.Professions[g.Prof].Key
	}
	if g.Band != All {
		band = workforce.Band(g.Band).String()
	}
	return org, prof, band
}

// groups lists every reported group in a fixed order: totals first, then by
// organisation, profession and band in layout order. Only groups holding at
// least one cell are listed.
func groups(l *workforce.Layout) []Group {
	var out []Group
	for o := All; o < len(l.Organisations); o++ {
		for p := All; p < len(l.Professions); p++ {
			for b := All; b < workforce.NumBands; b++ {
				g := Group{Org: o, Prof: p, Band: b}
				for i, c := range l.Cells {
					if (o == All || c.Org == o) && (p == All || c.Prof == p) && (b == All || int(c.Band) == b) {
						g.Cells = append(g.Cells, i)
					}
				}
				if len(g.Cells) > 0 {
					out = append(out, g)
				}
			}
		}
	}
	return out
}
