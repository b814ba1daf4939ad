package report

import (
	"slices"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// figureMetrics are the metrics Figures reads, where the models report
// them: the views by profession, band and organisation, staff in post by band, joiners and leavers,
// and (with several options) cost against vacancies avoided. The
// whole-system fan reads the comparison's trace, which every selection
// keeps.
var figureMetrics = []sim.MetricName{
	sim.VacancyRate, sim.InPostFTE,
	sim.JoinersExternal, sim.JoinersGraduate, sim.JoinersInternational, sim.JoinersReturn,
	sim.ApprenticesQualified, sim.Leavers, sim.CostCumulativeTotal,
}

// htmlMetrics are the metrics HTML reads beyond those of its figures: the
// findings, the results table and the settings.
var htmlMetrics = []sim.MetricName{sim.VacanciesFTE, sim.EstablishmentFTE, sim.InPostHC}

// figureGroups and htmlGroups are the kinds of group they read: the
// system, each profession and each band (and each organisation, for the
// view by organisation, when there are several); and, for the findings'
// highest rate and largest effect, each profession and band.
var (
	figureGroups = []sim.GroupKind{sim.GroupSystem, sim.GroupProfessions, sim.GroupBands}
	htmlGroups   = []sim.GroupKind{sim.GroupProfessionBands}
)

// Missing returns what of the series Figures (and, with html, HTML) read
// a selection leaves out, for a job of these models (compare says whether
// it compares options or has a target, which keeps sim.ComparisonMetrics):
// the names of metrics the models report, in output order, and the kinds
// of group. Both empty means every chart and section has all it reads;
// sim.DefaultSelection never misses any. The dates a selection thins do
// not count: a chart draws the dates there are. Figures and HTML accept
// any selection, leaving out a chart or sentence whose series are
// missing, but a caller that writes them for a planner should not write
// a report with holes in it.
func Missing(models []*workforce.Model, sel sim.Selection, compare, html bool) (metrics []string, groups []sim.GroupKind) {
	wantMetrics, wantGroups := figureMetrics, figureGroups
	if len(models) > 0 && models[0].Layout != nil && len(models[0].Layout.Organisations) > 1 {
		wantGroups = slices.Concat(wantGroups, []sim.GroupKind{sim.GroupOrganisations})
	}
	if html {
		wantMetrics = slices.Concat(wantMetrics, htmlMetrics)
		wantGroups = slices.Concat(wantGroups, htmlGroups)
	}
	for _, name := range sim.MetricNames(models) {
		if name == string(sim.CostCumulativeTotal) && len(models) < 2 && !html {
			continue // the cost chart compares options
		}
		if slices.Contains(wantMetrics, sim.MetricName(name)) && !sel.KeepsMetric(name, compare) {
			metrics = append(metrics, name)
		}
	}
	for _, k := range wantGroups {
		if !sel.KeepsGroups(k) {
			groups = append(groups, k)
		}
	}
	return metrics, groups
}
