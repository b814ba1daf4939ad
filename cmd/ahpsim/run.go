package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/report"
)

// cmdRun simulates a scenario and its options (see job.go) and prints
// the vacancy rate at the start, the middle and the end of the horizon.
func cmdRun(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	return runJob(ctx, "run", stdout, stderr, args)
}

// printSummary writes the vacancy rate at the start, the middle and the
// end of the horizon, for the whole system and each profession, for each
// option, and the key findings of a comparison.
func printSummary(w io.Writer, j *job, c *sim.Comparison) {
	s := c.Settings
	first := c.Options[0]
	m := first.Model
	mode := fmt.Sprintf("%d runs, seed %d", s.Runs, s.Seed)
	if s.Deterministic {
		mode = "expected values (deterministic)"
	}
	fmt.Fprintf(w, "%s (%s)\n%s, %s steps from %s to %s\n", m.Name, j.in.path, mode,
		stepName(m.StepMonths), first.Dates[0], first.Dates[len(first.Dates)-1])
	dates := []int{0, len(first.Dates) / 2, len(first.Dates) - 1}
	if len(first.Dates) < 3 {
		dates = []int{0, len(first.Dates) - 1}
	}
	for i, res := range c.Options {
		fmt.Fprintln(w)
		if len(c.Options) > 1 {
			fmt.Fprintf(w, "Option %s\n", optionLabel(c, i))
		}
		tw := tabwriter.NewWriter(w, 0, 4, 3, ' ', 0)
		fmt.Fprintf(tw, "Vacancy rate, median (%.0f%% range)", 100*j.interval)
		for _, d := range dates {
			fmt.Fprintf(tw, "\t%s", res.Dates[d])
		}
		fmt.Fprintln(tw)
		vr := res.MetricIndex("vacancy_rate")
		for g, grp := range res.Groups {
			if grp.Org != sim.All || grp.Band != sim.All {
				continue
			}
			label := "all professions"
			if grp.Prof != sim.All {
				label = "  " + m.Layout.Professions[grp.Prof].Name
			}
			fmt.Fprint(tw, label)
			for _, d := range dates {
				st := res.Stats(d, g, vr)
				if st.Defined() && j.interval != report.DefaultInterval {
					tail := (1 - j.interval) / 2
					i := res.Series(d, g, vr)
					st.P05, st.P95 = res.Table.Percentile(i, tail), res.Table.Percentile(i, 1-tail)
				}
				switch {
				case !st.Defined():
					fmt.Fprint(tw, "\t-")
				case d == 0 || st.P05 == st.P95:
					fmt.Fprintf(tw, "\t%s", percent(st.P50))
				default:
					fmt.Fprintf(tw, "\t%s (%s to %s)", percent(st.P50), percent(st.P05), percent(st.P95))
				}
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	if j.cmd == "compare" {
		fmt.Fprintln(w, "\nKey findings")
		for _, f := range findings(j, c) {
			fmt.Fprintf(w, "- %s\n", f)
		}
	}
}

// optionLabel names option i on the console: its title, with its key
// when they differ ("Band 6 retention premium (retention_premium)").
func optionLabel(c *sim.Comparison, i int) string {
	if i < len(c.Titles) && c.Titles[i] != "" && c.Titles[i] != c.Names[i] {
		return c.Titles[i] + " (" + c.Names[i] + ")"
	}
	return c.Names[i]
}

func percent(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }

func stepName(months int) string {
	switch months {
	case 1:
		return "monthly"
	case 3:
		return "quarterly"
	}
	return "annual"
}
