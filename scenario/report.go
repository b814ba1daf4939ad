package scenario

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// Report selects the series a run summarises and writes (see
// sim.Selection). Without it every series is summarised.
type Report struct {
	// Metrics names the metrics (sim.MetricNames of the scenario); nil
	// means every metric.
	Metrics []string `yaml:"metrics,omitempty"`
	// Groups names the kinds of group (sim.GroupKindNames); nil means
	// every kind.
	Groups []string `yaml:"groups,omitempty"`
	// EveryMonths keeps the reported dates this many months apart from
	// the start, and the last; a multiple of simulation.report_every_months.
	// Nil means every reported date.
	EveryMonths *int `yaml:"every_months,omitempty"`
}

// Selection returns the file's report selection; the zero Selection
// (every series) when the file has no report section.
func (f *File) Selection() sim.Selection {
	r := f.Report
	if r == nil {
		return sim.Selection{}
	}
	s := sim.Selection{Metrics: slices.Clone(r.Metrics)}
	for _, name := range r.Groups {
		k, _ := sim.ParseGroupKind(name) // checked by checkReport
		s.Groups = append(s.Groups, k)
	}
	if r.EveryMonths != nil {
		s.EveryMonths = *r.EveryMonths
	}
	return s
}

// checkReport checks what of the report section needs no compiled model:
// the group kinds and the dates.
func (b *builder) checkReport() {
	r := b.f.Report
	if r == nil {
		return
	}
	if r.Metrics != nil && len(r.Metrics) == 0 {
		b.errorf("report.metrics", "empty (want at least one metric, or no metrics key for every metric)")
	}
	if r.Groups != nil && len(r.Groups) == 0 {
		b.errorf("report.groups", "empty (want at least one of %s, or no groups key for every kind)", strings.Join(sim.GroupKindNames(), ", "))
	}
	for i, name := range r.Groups {
		if _, err := sim.ParseGroupKind(name); err != nil {
			b.errorf(fmt.Sprintf("report.groups[%d]", i), "unknown group kind %q (want one of %s)", name, strings.Join(sim.GroupKindNames(), ", "))
		}
	}
	if e := r.EveryMonths; e != nil && (*e <= 0 || *e%b.reportMonths != 0) {
		b.errorf("report.every_months", "got %d (want a positive multiple of the reporting interval, simulation.report_every_months = %d)", *e, b.reportMonths)
	}
}

// checkReportMetrics checks the report's metric names against those the
// compiled options report.
func (b *builder) checkReportMetrics(opts []sim.Option) {
	r := b.f.Report
	if r == nil || r.Metrics == nil {
		return
	}
	models := make([]*workforce.Model, len(opts))
	for i, o := range opts {
		models[i] = o.Model
	}
	names := sim.MetricNames(models)
	for i, name := range r.Metrics {
		if !slices.Contains(names, name) {
			b.errorf(fmt.Sprintf("report.metrics[%d]", i), "unknown metric %q for this scenario (want one of %s)", name, strings.Join(names, ", "))
		}
	}
}
