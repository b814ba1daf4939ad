package scenario

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
	"go.yaml.in/yaml/v3"
)

// Report selects the series a run summarises and writes (see
// sim.Selection). A key left out takes the default, sim.DefaultSelection:
// the metrics and groups the command line's tables, plots and report
// read, at every reported date; the word all selects every metric or
// every kind of group.
type Report struct {
	// Metrics names the metrics (sim.MetricNames of the scenario), or is
	// [all] (`metrics: all`) for every metric; nil means the default
	// metrics (sim.DefaultMetrics).
	Metrics Names `yaml:"metrics,omitempty"`
	// Groups names the kinds of group (sim.GroupKindNames), or is [all]
	// for every kind; nil means the default kinds (sim.DefaultGroups, or
	// every kind with one organisation).
	Groups Names `yaml:"groups,omitempty"`
	// EveryMonths keeps the reported dates this many months apart from
	// the start, and the last; a multiple of simulation.report_every_months.
	// Nil means every reported date.
	EveryMonths *int `yaml:"every_months,omitempty"`
	// SuppressSmallCounts, when true, writes counts of people from 1 to 4
	// and the rates derived from them as * in every published output
	// (sim.SmallCount; the CLI's --suppress).
	SuppressSmallCounts *bool `yaml:"suppress_small_counts,omitempty"`
	// Interval is the percentage of runs in every range the tables,
	// findings, charts and report show: 90 (the 5th to 95th percentile,
	// the default) or 80 (the 10th to 90th); the CLI's --interval.
	Interval *int `yaml:"interval,omitempty"`
}

// Intervals are the widths a range may have, in percent of runs.
var Intervals = []int{80, 90}

// Interval returns the share of runs in every range the scenario asks
// for (report.interval: 0.8 or 0.9), and false when it gives none.
func (f *File) Interval() (float64, bool) {
	if f.Report == nil || f.Report.Interval == nil {
		return 0, false
	}
	return float64(*f.Report.Interval) / 100, true
}

// Suppress says whether the scenario asks for small counts to be
// suppressed in its outputs (report.suppress_small_counts).
func (f *File) Suppress() bool {
	return f.Report != nil && f.Report.SuppressSmallCounts != nil && *f.Report.SuppressSmallCounts
}

// All is the word that selects every metric or every kind of group.
const All = "all"

// Names is a list of names, or the word all alone: in YAML a sequence
// (`[vacancy_rate, leavers]`) or the scalar all.
type Names []string

// IsAll reports whether the list is the word all alone.
func (n Names) IsAll() bool { return len(n) == 1 && n[0] == All }

// UnmarshalYAML reads a sequence of names or the scalar all. Parse checks
// the node with its position first (see checkReportNames); this guards
// direct use of yaml.Unmarshal.
func (n *Names) UnmarshalYAML(node *yaml.Node) error {
	if msg := namesProblem(node); msg != "" {
		return fmt.Errorf("line %d: %s", node.Line, msg)
	}
	if node.Kind == yaml.ScalarNode {
		*n = Names{All}
		return nil
	}
	var list []string
	if err := node.Decode(&list); err != nil {
		return err
	}
	*n = list
	return nil
}

// namesProblem says what is wrong with a node for Names, or "".
func namesProblem(node *yaml.Node) string {
	switch {
	case node.Kind == yaml.ScalarNode && node.Value == All && node.Tag == "!!str":
		return ""
	case node.Kind == yaml.SequenceNode:
		for _, c := range node.Content {
			if c.Kind != yaml.ScalarNode || c.Tag != "!!str" {
				return fmt.Sprintf("wrong type (got %s in the list, want names)", describe(c))
			}
		}
		return ""
	}
	return fmt.Sprintf("wrong type (got %s, want a list of names, or the word all)", describe(node))
}

// Selection returns the file's report selection for its compiled options
// (CompileOptions): the section's keys, "all" as every (nil), and the
// keys left out, or no section, as sim.DefaultSelection of the options'
// models.
func (f *File) Selection(opts []sim.Option) sim.Selection {
	models := make([]*workforce.Model, len(opts))
	for i, o := range opts {
		models[i] = o.Model
	}
	s := sim.DefaultSelection(models)
	r := f.Report
	if r == nil {
		return s
	}
	switch {
	case r.Metrics.IsAll():
		s.Metrics = nil
	case r.Metrics != nil:
		s.Metrics = slices.Clone([]string(r.Metrics))
	}
	switch {
	case r.Groups.IsAll():
		s.Groups = nil
	case r.Groups != nil:
		s.Groups = nil
		for _, name := range r.Groups {
			k, _ := sim.ParseGroupKind(name) // checked by checkReport
			s.Groups = append(s.Groups, k)
		}
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
		b.errorf("report.metrics", "empty (want at least one metric, all for every metric, or no metrics key for the default)")
	}
	if r.Groups != nil && len(r.Groups) == 0 {
		b.errorf("report.groups", "empty (want at least one of %s, all for every kind, or no groups key for the default)", strings.Join(sim.GroupKindNames(), ", "))
	}
	for i, name := range r.Groups {
		if _, err := sim.ParseGroupKind(name); err != nil && !r.Groups.IsAll() {
			b.errorf(fmt.Sprintf("report.groups[%d]", i), "unknown group kind %q (want one of %s)", name, strings.Join(sim.GroupKindNames(), ", "))
		}
	}
	if iv := r.Interval; iv != nil && !slices.Contains(Intervals, *iv) {
		b.errorf("report.interval", "got %d (want 80 or 90: the percentage of runs in every range shown)", *iv)
	}
	if e := r.EveryMonths; e != nil && (*e <= 0 || *e%b.reportMonths != 0) {
		b.errorf("report.every_months", "got %d (want a positive multiple of the reporting interval, simulation.report_every_months = %d)", *e, b.reportMonths)
	}
}

// checkReportMetrics checks the report's metric names against those the
// compiled options report.
func (b *builder) checkReportMetrics(opts []sim.Option) {
	r := b.f.Report
	if r == nil || r.Metrics == nil || r.Metrics.IsAll() {
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
