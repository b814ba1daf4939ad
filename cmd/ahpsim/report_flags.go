package main

import (
	"flag"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/scenario"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// reportFlags are --metrics, --groups and --every-months: the series a
// job summarises (sim.Selection). Each given flag replaces that part of
// the scenario's report section.
type reportFlags struct {
	metrics, groups string
	everyMonths     int
	kinds           []sim.GroupKind
	suppress        bool
	interval        int
}

func (r *reportFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&r.metrics, "metrics", "", "summarise only metrics `NAMES` (comma-separated), all, or default (default: the scenario's report.metrics, else those the tables, plots and report read)")
	fs.StringVar(&r.groups, "groups", "", "summarise only group kinds `KINDS` (comma-separated) of "+strings.Join(sim.GroupKindNames(), ", ")+", all, or default (default: the scenario's report.groups, else system, organisations, professions, bands, profession_bands; every kind for one organisation)")
	fs.BoolVar(&r.suppress, "suppress", false, suppressUsage)
	fs.IntVar(&r.interval, "interval", 0, "show every range as the middle `PERCENT` of runs: 80 (10th to 90th percentile) or 90 (5th to 95th) (default: the scenario's report.interval, else 90)")
	fs.IntVar(&r.everyMonths, "every-months", 0, "summarise only the dates every `N` months from the start, and the last (default: the scenario's report.every_months, else every reported date)")
}

// check reads the group kinds and refuses empty lists; metric names are
// checked against the scenario's metrics when the job starts.
func (r *reportFlags) check(set map[string]bool) error {
	if set["metrics"] && strings.TrimSpace(r.metrics) == "" {
		return usagef("--metrics %q: want metric names separated by commas, e.g. vacancy_rate,leavers", r.metrics)
	}
	if g := strings.TrimSpace(r.groups); set["groups"] && g != allWord && g != defaultWord {
		for _, name := range strings.Split(r.groups, ",") {
			k, err := sim.ParseGroupKind(strings.TrimSpace(name))
			if err != nil {
				return usagef("--groups: %v", err)
			}
			r.kinds = append(r.kinds, k)
		}
	}
	if set["interval"] && !slices.Contains(scenario.Intervals, r.interval) {
		return usagef("--interval %d: want 80 or 90 (the percentage of runs in every range shown)", r.interval)
	}
	if set["every-months"] && r.everyMonths <= 0 {
		return usagef("--every-months %d: want a positive multiple of the scenario's report_every_months", r.everyMonths)
	}
	return nil
}

const suppressUsage = "write counts of people from 1 to 4, and the rates derived from them, as * (the NHS disclosure convention; default: the scenario's report.suppress_small_counts)"

// allWord, as --metrics or --groups, selects every metric or kind, and
// defaultWord those of sim.DefaultSelection, whatever the scenario's
// report section says.
const (
	allWord     = "all"
	defaultWord = "default"
)

// apply replaces the parts of sel the flags give; all gives every metric
// or kind (nil), default those of the default selection of the models.
func (r *reportFlags) apply(sel *sim.Selection, set map[string]bool, models []*workforce.Model) {
	def := sim.DefaultSelection(models)
	if set["metrics"] {
		sel.Metrics = nil
		switch strings.TrimSpace(r.metrics) {
		case allWord:
		case defaultWord:
			sel.Metrics = def.Metrics
		default:
			for _, name := range strings.Split(r.metrics, ",") {
				sel.Metrics = append(sel.Metrics, strings.TrimSpace(name))
			}
		}
	}
	if set["groups"] {
		sel.Groups = r.kinds // nil for all
		if strings.TrimSpace(r.groups) == defaultWord {
			sel.Groups = def.Groups
		}
	}
	if set["every-months"] {
		sel.EveryMonths = r.everyMonths
	}
}
