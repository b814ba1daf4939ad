package sim

import (
	"fmt"
	"runtime"
	"strings"
)

// Settings says how to run a model. The zero value is usable: 1,000 runs,
// seed 0, one worker per CPU, Monte Carlo mode.
type Settings struct {
	Runs    int    // number of Monte Carlo runs; 0 means DefaultRuns
	Seed    uint64 // master seed; every random stream derives from it (see package doc)
	Workers int    // goroutines; 0 means runtime.GOMAXPROCS(0). Never changes results.
	// Deterministic runs the same equations once on expected values: every
	// draw is replaced by its mean and every uncertain parameter by its mean.
	Deterministic bool
	// Progress, if set, is called with the number of runs finished and the
	// number to do (in this shard, with Shards > 1): once at the start,
	// then about every 100 ms while the count grows, and once at the end,
	// always from the goroutine that called Run or Compare, so never
	// concurrently with itself. done strictly increases from call to call;
	// when every run finished, the last call has done == total (a failed
	// or cancelled job ends with done < total). It never changes results.
	Progress func(done, total int)
	// Shard and Shards split a job across processes or machines: with
	// Shards > 1, only the runs i with i % Shards == Shard are run, with the
	// same random streams as in the whole job, and the partial results merge
	// exactly (Comparison.MarshalBinary and MergeBinary).
	Shard, Shards int
	// Origin says what the models were built from. It never changes
	// results: a partial result records it (Comparison.MarshalBinary) and
	// MergeBinary refuses a part whose Origin differs from its own.
	Origin Origin
	// Report selects the series summarised; the zero value keeps every
	// series (see Selection).
	Report Selection
}

// Origin identifies what a job was simulated from, so that partial results
// of different inputs are never merged. The zero value means "unknown" and
// matches only itself.
type Origin struct {
	// Command is the program's command, e.g. "run" or "compare"; at most
	// 16 bytes, printable.
	Command string
	// ScenarioSHA256 is the SHA-256 of the exact scenario bytes the models
	// were compiled from.
	ScenarioSHA256 [32]byte
}

// DefaultRuns is the number of runs when Settings.Runs is zero.
const DefaultRuns = 1000

// MaxRuns bounds Settings.Runs.
const MaxRuns = 10_000_000

func (s Settings) withDefaults() Settings {
	if s.Runs == 0 {
		s.Runs = DefaultRuns
	}
	if s.Deterministic {
		s.Runs = 1
	}
	if s.Workers <= 0 {
		s.Workers = runtime.GOMAXPROCS(0)
	}
	if s.Shards <= 1 {
		s.Shard, s.Shards = 0, 1
	}
	if n := s.shardRuns(); s.Workers > n {
		s.Workers = max(1, n)
	}
	return s
}

// shardRuns is the number of runs in this shard.
func (s Settings) shardRuns() int {
	if s.Shards <= 1 {
		return s.Runs
	}
	n := s.Runs / s.Shards
	if s.Shard < s.Runs%s.Shards {
		n++
	}
	return n
}

func (s Settings) check() error {
	if s.Runs < 1 || s.Runs > MaxRuns {
		return fmt.Errorf("sim: %d runs (want 1 to %d)", s.Runs, MaxRuns)
	}
	if s.Shards > 1 && (s.Shard < 0 || s.Shard >= s.Shards) {
		return fmt.Errorf("sim: shard %d of %d (want 0 to %d)", s.Shard, s.Shards, s.Shards-1)
	}
	return nil
}

// Selection says which series a job summarises: which metrics, which kinds
// of group and which reported dates. The zero value selects everything,
// as before selections existed. A selected series is summarised from
// exactly the same values as in the whole output, so every row written
// for a selection is byte for byte the row of the whole output; what is
// not selected is neither computed nor kept, so the summaries' memory
// and time grow with the series selected.
type Selection struct {
	// Metrics names the metrics to summarise (see MetricName); nil means
	// every metric of the models. Names of metrics the models do not
	// report are refused. A comparison (options or a target) also
	// summarises the metrics its paired and below-target statistics read
	// (see ComparisonMetrics), whether named or not.
	Metrics []string
	// Groups lists the kinds of group to summarise; nil means every kind.
	Groups []GroupKind
	// EveryMonths keeps only the reported dates a whole multiple of this
	// many months after the start, and the last date; 0 keeps every
	// reported date. It must be a multiple of the model's reporting
	// interval. It does not change what a flow counts: a flow is still
	// summed over the reporting interval that ends at the date.
	EveryMonths int
}

// IsAll reports whether the selection keeps every series.
func (s Selection) IsAll() bool {
	return s.Metrics == nil && s.Groups == nil && s.EveryMonths == 0
}

// String is the selection in a canonical form, "" for everything, e.g.
// "metrics=vacancy_rate,leavers;groups=system,professions;every_months=12".
// Partial results record it, so that parts of different selections never
// merge.
func (s Selection) String() string {
	if s.IsAll() {
		return ""
	}
	var parts []string
	if s.Metrics != nil {
		parts = append(parts, "metrics="+strings.Join(s.Metrics, ","))
	}
	if s.Groups != nil {
		names := make([]string, len(s.Groups))
		for i, k := range s.Groups {
			names[i] = k.String()
		}
		parts = append(parts, "groups="+strings.Join(names, ","))
	}
	if s.EveryMonths != 0 {
		parts = append(parts, fmt.Sprintf("every_months=%d", s.EveryMonths))
	}
	return strings.Join(parts, ";")
}

// GroupKind is a kind of reported group: which of organisation,
// profession and band a group names (the others being "all"). Every Group
// is of one kind (see Group.Kind).
type GroupKind uint8

// The kinds of group, as bits: one organisation, one profession, one band.
const (
	GroupSystem                  GroupKind = 0
	GroupOrganisations           GroupKind = 1
	GroupProfessions             GroupKind = 2
	GroupBands                   GroupKind = 4
	GroupOrganisationProfessions           = GroupOrganisations | GroupProfessions
	GroupOrganisationBands                 = GroupOrganisations | GroupBands
	GroupProfessionBands                   = GroupProfessions | GroupBands
	GroupCells                             = GroupOrganisations | GroupProfessions | GroupBands
	numGroupKinds                          = 8
)

var groupKindNames = [numGroupKinds]string{
	GroupSystem:                  "system",
	GroupOrganisations:           "organisations",
	GroupProfessions:             "professions",
	GroupOrganisationProfessions: "organisation_professions",
	GroupBands:                   "bands",
	GroupOrganisationBands:       "organisation_bands",
	GroupProfessionBands:         "profession_bands",
	GroupCells:                   "cells",
}

// GroupKindNames lists the names of the group kinds, as ParseGroupKind
// reads them.
func GroupKindNames() []string { return groupKindNames[:] }

func (k GroupKind) String() string {
	if int(k) < numGroupKinds {
		return groupKindNames[k]
	}
	return fmt.Sprintf("GroupKind(%d)", uint8(k))
}

// ParseGroupKind reads a group kind by name (see GroupKindNames).
func ParseGroupKind(name string) (GroupKind, error) {
	for k, n := range groupKindNames {
		if n == name {
			return GroupKind(k), nil
		}
	}
	return 0, fmt.Errorf("unknown group kind %q (want one of %s)", name, strings.Join(groupKindNames[:], ", "))
}

// parseSelection reads Selection.String's form back.
func parseSelection(text string) (Selection, error) {
	var s Selection
	for part := range strings.SplitSeq(text, ";") {
		key, value, _ := strings.Cut(part, "=")
		switch key {
		case "metrics":
			s.Metrics = strings.Split(value, ",")
		case "groups":
			for _, name := range strings.Split(value, ",") {
				k, err := ParseGroupKind(name)
				if err != nil {
					return s, err
				}
				s.Groups = append(s.Groups, k)
			}
		case "every_months":
			if _, err := fmt.Sscan(value, &s.EveryMonths); err != nil || s.EveryMonths <= 0 {
				return s, fmt.Errorf("every_months %q is not a positive whole number", value)
			}
		default:
			return s, fmt.Errorf("unknown part %q", part)
		}
	}
	if s.String() != text {
		return s, fmt.Errorf("%q is not in canonical form", text)
	}
	return s, nil
}
