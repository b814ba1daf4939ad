package sim

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/sim/summary"
	"github.com/ahpsim/ahpsim/workforce"
)

// MetricName is the name of a metric as summary.csv writes it. The
// constants are every name the engine can report; which of them a Result
// holds depends on the mechanisms its models use (Result.Metric says).
type MetricName string

// The core metrics, reported for every model.
const (
	InPostHC         MetricName = "in_post_hc"
	InPostFTE        MetricName = "in_post_fte"
	EstablishmentFTE MetricName = "establishment_fte"
	VacanciesFTE     MetricName = "vacancies_fte"
	VacancyRate      MetricName = "vacancy_rate"
	VacancyFTEYears  MetricName = "vacancy_fte_years"
	Leavers          MetricName = "leavers"
	LeaverRate       MetricName = "leaver_rate"
	Joiners          MetricName = "joiners" // every source of joiners from outside the system
	JoinersExternal  MetricName = "joiners_external"
	JoinersGraduate  MetricName = "joiners_graduate"
	Promotions       MetricName = "promotions"
	MovesIn          MetricName = "moves_in"
	MovesOut         MetricName = "moves_out"
	GraduatesLost    MetricName = "graduates_lost"
)

// The metrics of one mechanism, reported when any model compared uses it.
const (
	Retirements MetricName = "retirements" // age groups
	// Several organisations: leavers of an organisation who moved to another.
	LeaversToOtherOrganisations MetricName = "leavers_to_other_organisations"
	JoinersInternational        MetricName = "joiners_international"
	InternationalInPipeline     MetricName = "international_in_pipeline"
	JoinersReturn               MetricName = "joiners_return"
	ReturnersInPipeline         MetricName = "returners_in_pipeline"
	ApprenticesStarted          MetricName = "apprentices_started"
	ApprenticesQualified        MetricName = "apprentices_qualified"
	ApprenticesInTraining       MetricName = "apprentices_in_training"
	StudentsInTraining          MetricName = "students_in_training"
	// Effective capacity: sickness, ramp-up, agency cover or portability.
	EffectiveFTE     MetricName = "effective_fte"
	EffectiveGapFTE  MetricName = "effective_gap_fte"
	EffectiveGapRate MetricName = "effective_gap_rate"
	AgencyFTE        MetricName = "agency_fte"
	// Costs, per interval and cumulative.
	CostPay                     MetricName = "cost_pay"
	CostAgency                  MetricName = "cost_agency"
	CostTraining                MetricName = "cost_training"
	CostRecruitment             MetricName = "cost_recruitment"
	CostInterventions           MetricName = "cost_interventions"
	CostTotal                   MetricName = "cost_total"
	CostCumulativePay           MetricName = "cost_cumulative_pay"
	CostCumulativeAgency        MetricName = "cost_cumulative_agency"
	CostCumulativeTraining      MetricName = "cost_cumulative_training"
	CostCumulativeRecruitment   MetricName = "cost_cumulative_recruitment"
	CostCumulativeInterventions MetricName = "cost_cumulative_interventions"
	CostCumulativeTotal         MetricName = "cost_cumulative_total"
	// Costs from the start in cash, real terms and present value, and the
	// premium paid for agency cover over the substantive cost of the same
	// FTE, in cash (docs/model.md, "Money").
	CostCumulativeCash          MetricName = "cost_cumulative_cash"
	CostCumulativeReal          MetricName = "cost_cumulative_real"
	CostCumulativePV            MetricName = "cost_cumulative_pv"
	CostCumulativeAgencyPremium MetricName = "cost_cumulative_agency_premium"
)

// LeaversTo names the metric of leavers to one of Model.Destinations.
func LeaversTo(destination string) MetricName { return MetricName("leavers_" + destination) }

// MetricID is a handle on one of a Result's Metrics, from Result.Metric.
// The results of one comparison share their metrics, so a handle from one
// option's Result serves for every option. The zero MetricID is
// Metrics[0], in_post_hc.
type MetricID struct{ index int }

// Index is the metric's index in Result.Metrics.
func (m MetricID) Index() int { return m.index }

// GroupID is a handle on one of a Result's Groups, from Result.Group. The
// results of one comparison share their groups. The zero GroupID is the
// totals (all organisations, professions and bands), always Groups[0].
type GroupID struct{ index int }

// Index is the group's index in Result.Groups.
func (g GroupID) Index() int { return g.index }

// Selector says which reported group to look up: the zero value is the
// totals, and Org, Prof and Band narrow it to one organisation, profession
// or band. For example Selector{}.Prof("physiotherapist").Band(workforce.Band6)
// is Band 6 physiotherapists in every organisation.
type Selector struct {
	org, prof string // key, or "" for all
	band      workforce.Band
	byBand    bool
}

// Org narrows the selection to one organisation, by key ("" or "all" for
// every organisation).
func (s Selector) Org(key string) Selector { s.org = allKey(key); return s }

// Prof narrows the selection to one profession, by key ("" or "all" for
// every profession).
func (s Selector) Prof(key string) Selector { s.prof = allKey(key); return s }

// Band narrows the selection to one band.
func (s Selector) Band(b workforce.Band) Selector { s.band, s.byBand = b, true; return s }

// AllBands widens the selection to every band again.
func (s Selector) AllBands() Selector { s.band, s.byBand = 0, false; return s }

// String is the selection as organisation/profession/band, with "all" for
// totals, as the columns of summary.csv give it.
func (s Selector) String() string {
	org, prof, band := "all", "all", "all"
	if s.org != "" {
		org = s.org
	}
	if s.prof != "" {
		prof = s.prof
	}
	if s.byBand {
		band = s.band.String()
	}
	return org + "/" + prof + "/" + band
}

// allKey maps "all", which no key may be (workforce.CheckKey), to "".
func allKey(key string) string {
	if key == "all" {
		return ""
	}
	return key
}

// Metric returns the handle of a metric, or an error saying why the result
// has no such metric.
func (r *Result) Metric(name MetricName) (MetricID, error) {
	if i := r.MetricIndex(string(name)); i >= 0 {
		return MetricID{i}, nil
	}
	if fixed := strings.ReplaceAll(string(name), "-", "_"); r.MetricIndex(fixed) >= 0 {
		return MetricID{}, fmt.Errorf("sim: no metric %q (did you mean %q?)", name, fixed)
	}
	names := make([]string, len(r.Metrics))
	for i, m := range r.Metrics {
		names[i] = m.Name
	}
	return MetricID{}, fmt.Errorf("sim: no metric %q in this result (want one of %s)", name, strings.Join(names, ", "))
}

// Group returns the handle of the group a selector picks, or an error
// naming the organisation or profession key that is not in the layout, or
// saying that no cell is in the selection.
func (r *Result) Group(sel Selector) (GroupID, error) {
	l := r.Model.Layout
	org, prof, band := All, All, All
	if sel.org != "" {
		org = slices.IndexFunc(l.Organisations, func(o workforce.Organisation) bool { return o.Key == sel.org })
		if org < 0 {
			return GroupID{}, fmt.Errorf("sim: group %s: no organisation %q (want one of %s)", sel, sel.org, keys(l.Organisations, func(o workforce.Organisation) string { return o.Key }))
		}
	}
	if sel.prof != "" {
		prof = slices.IndexFunc(l.Professions, func(p workforce.Profession) bool { return p.Key == sel.prof })
		if prof < 0 {
			return GroupID{}, fmt.Errorf("sim: group %s: no profession %q (want one of %s)", sel, sel.prof, keys(l.Professions, func(p workforce.Profession) string { return p.Key }))
		}
	}
	if sel.byBand {
		if !sel.band.Valid() {
			return GroupID{}, fmt.Errorf("sim: group %s: no band %s (want 2 to 9)", sel, sel.band)
		}
		band = int(sel.band)
	}
	i := slices.IndexFunc(r.Groups, func(g Group) bool { return g.Org == org && g.Prof == prof && g.Band == band })
	if i < 0 {
		return GroupID{}, fmt.Errorf("sim: group %s: the layout has no cell in it", sel)
	}
	return GroupID{i}, nil
}

// keys lists the keys of a layout's organisations or professions.
func keys[T any](list []T, key func(T) string) string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = key(x)
	}
	return strings.Join(out, ", ")
}

// At returns the summary of a metric for a group at reported date d, an
// index into Dates:
//
//	for d, date := range res.Dates {
//		st := res.At(d, g, vr)
//		...
//	}
//
// A flow metric has no value at the start date (d = 0); its Stats, like
// those of a rate with nothing to divide by, are undefined (Defined is
// false). So are the Stats of a date or handle out of range, such as a
// handle of another model's result.
func (r *Result) At(d int, g GroupID, m MetricID) summary.Stats {
	return r.Stats(d, g.index, m.index)
}

// inRange reports whether date, group and metric index a series of r.
func (r *Result) inRange(date, group, metric int) bool {
	return uint(date) < uint(len(r.Dates)) && uint(group) < uint(len(r.Groups)) && uint(metric) < uint(len(r.Metrics))
}

// PairMetric is one of the paired metrics of a comparison, in PairMetrics
// order.
type PairMetric int

// The paired metrics: each of the option's value minus the reference's,
// run by run, but ProbBetter, which is 1 in the runs where the option's
// vacancy rate is lower and 0 where it is not, so its mean is the share
// of runs in which the option does better.
const (
	VacancyRateDiff         PairMetric = pmVacancyRate
	VacanciesFTEDiff        PairMetric = pmVacancies
	VacancyFTEYearsDiff     PairMetric = pmVacancyYears
	CostCumulativeTotalDiff PairMetric = pmCost
	ProbBetter              PairMetric = pmBetter
)

// String is the metric's name as comparison.csv writes it.
func (m PairMetric) String() string {
	if m < 0 || int(m) >= len(PairMetrics) {
		return fmt.Sprintf("PairMetric(%d)", int(m))
	}
	return PairMetrics[m].Name
}

// PairID is a handle on one of a Comparison's Pairs, from Comparison.Pair.
type PairID struct{ index int }

// Index is the pair's index in Comparison.Pairs.
func (p PairID) Index() int { return p.index }

// Option returns the index in Options of the option with the given name,
// or an error listing the names.
func (c *Comparison) Option(name string) (int, error) {
	if i := slices.Index(c.Names, name); i >= 0 {
		return i, nil
	}
	return 0, fmt.Errorf("sim: no option %q (want one of %s)", name, strings.Join(c.Names, ", "))
}

// Pair returns the handle of the pair comparing the named option with the
// named reference. Pairs hold every option against every option before it
// in Options (the baseline first), so the reference must come first.
func (c *Comparison) Pair(option, reference string) (PairID, error) {
	o, err := c.Option(option)
	if err != nil {
		return PairID{}, err
	}
	r, err := c.Option(reference)
	if err != nil {
		return PairID{}, err
	}
	i := slices.Index(c.Pairs, Pair{Option: o, Reference: r})
	if i < 0 {
		return PairID{}, fmt.Errorf("sim: no pair of option %q against reference %q: the reference must come before the option in Options (try option %q against %q)", option, reference, reference, option)
	}
	return PairID{i}, nil
}

// PairStats are the paired statistics of one pair, date, group and paired
// metric, the numbers comparison.csv rounds and writes: the summary of the
// run-by-run differences (mean, sd, mcse, p05, p50, p95 and the rest) and
// the 90% interval of the mean difference, mean -+ 1.645 mcse.
type PairStats struct {
	summary.Stats
	CI90Low, CI90High float64
}

// newPairStats adds the interval of the mean to the summary of the
// differences.
func newPairStats(st summary.Stats) PairStats {
	return PairStats{Stats: st, CI90Low: st.Mean - z90*st.MCSE, CI90High: st.Mean + z90*st.MCSE}
}

// Paired returns the paired statistics of pair p at reported date d (an
// index into Dates) for group g. They are undefined (Defined is false)
// where comparison.csv leaves the row empty, and for a date, handle or
// metric out of range.
func (c *Comparison) Paired(p PairID, d int, g GroupID, m PairMetric) PairStats {
	r := c.Options[0]
	if uint(p.index) >= uint(len(c.Pairs)) || !r.inRange(d, g.index, 0) || uint(m) >= numPairMetrics {
		return PairStats{}
	}
	return newPairStats(c.PairTable.Stats(c.PairSeries(p.index, d, g.index, int(m))))
}
