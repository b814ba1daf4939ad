package sim

import (
	"slices"

	"github.com/ahpsim/ahpsim/workforce"
)

// DefaultMetrics are the metrics of the default selection (see
// DefaultSelection), of those the models report. They are what the
// command line's outputs read, and what a planner reads first:
//
//   - the console table and the expected-value gaps: vacancy_rate;
//   - the plots: vacancy_rate, in_post_fte (staff in post by band), the
//     joiners by source (joiners_external, joiners_graduate,
//     joiners_international, joiners_return), apprentices_qualified and
//     leavers, and cost_cumulative_total (cost against vacancies avoided);
//   - the report's findings and table: vacancy_rate, vacancies_fte,
//     establishment_fte, in_post_fte and cost_cumulative_total;
//   - a comparison's paired statistics (ComparisonMetrics), so that run and
//     compare write the same summary.csv: vacancy_fte_years besides;
//   - for a planner, the stock and flows behind those rates: in_post_hc
//     (heads, as rosters count them), joiners (every source together) and
//     leaver_rate (the turnover rate workforce plans quote).
//
// Every other metric (costs by kind, pipelines, moves, promotions,
// effective capacity, destinations...) needs an explicit selection, or
// everything (the zero Selection).
//
// Costs by financial year and their totals (Comparison.CostsByYear,
// CostTotals) are summarised whatever the selection: the engine sums them
// month by month, so they need no reported date or cost metric.
var DefaultMetrics = []MetricName{
	InPostHC, InPostFTE, EstablishmentFTE, VacanciesFTE, VacancyRate, VacancyFTEYears,
	Leavers, LeaverRate, Joiners, JoinersExternal, JoinersGraduate, JoinersInternational, JoinersReturn,
	ApprenticesQualified, CostCumulativeTotal,
}

// DefaultGroups are the kinds of group of the default selection of a
// system of several organisations: the whole system, each organisation,
// profession and band, and each profession and band across the
// organisations. The console table reads the system and professions, the
// plots the system, professions and bands, the report's findings the
// profession-band groups, and a planner of several organisations their
// totals. They grow with the organisations by one group each, where the
// kinds left out (cells, organisation_professions, organisation_bands)
// grow by a group per cell, profession or band of each organisation: for
// 100 organisations about 5,800 groups against 160, which is what keeps a
// large system's summaries small. With one organisation every kind is in
// the default, since each group of the kinds left out then holds the same
// cells, hence the same numbers, as one of these (see Group.Slot), and
// costs nothing to summarise.
var DefaultGroups = []GroupKind{GroupSystem, GroupOrganisations, GroupProfessions, GroupBands, GroupProfessionBands}

// DefaultSelection is the selection the command line and scenario files
// use when they ask for none: DefaultMetrics (those the models report, in
// output order), DefaultGroups (every kind for one organisation) and every
// reported date. It serves the command line's console tables, plots,
// report and comparison at a cost that grows with the professions and
// organisations rather than with the cells.
//
// The zero Selection of Settings.Report still summarises everything, for
// Go callers written before selections existed, whose results (and
// partial results) must not change; a caller that wants the command
// line's outputs asks for DefaultSelection.
func DefaultSelection(models []*workforce.Model) Selection {
	var s Selection
	if len(models) == 0 {
		return s
	}
	for _, name := range MetricNames(models) {
		if slices.Contains(DefaultMetrics, MetricName(name)) {
			s.Metrics = append(s.Metrics, name)
		}
	}
	if models[0].Layout != nil && len(models[0].Layout.Organisations) > 1 {
		s.Groups = slices.Clone(DefaultGroups)
	}
	return s
}

// Equal reports whether two selections keep the same series: the same
// canonical form (see String).
func (s Selection) Equal(t Selection) bool { return s.String() == t.String() }

// Kind words which selection s is for models: "all" for everything,
// "default" for DefaultSelection(models), else "custom".
func (s Selection) Kind(models []*workforce.Model) string {
	switch {
	case s.IsAll():
		return "all"
	case s.Equal(DefaultSelection(models)):
		return "default"
	}
	return "custom"
}

// KeepsMetric reports whether the selection summarises the metric of that
// name (if the models report it); compare says whether the job compares
// options or has a target, which keeps ComparisonMetrics.
func (s Selection) KeepsMetric(name string, compare bool) bool {
	return s.Metrics == nil || slices.Contains(s.Metrics, name) ||
		compare && slices.Contains(ComparisonMetrics, MetricName(name))
}

// KeepsGroups reports whether the selection summarises the groups of kind k.
func (s Selection) KeepsGroups(k GroupKind) bool {
	return s.Groups == nil || slices.Contains(s.Groups, k)
}
