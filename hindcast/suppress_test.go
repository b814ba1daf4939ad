package hindcast

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"testing"

	"github.com/ahpsim/ahpsim/history"
	"github.com/ahpsim/ahpsim/sim/chart"
)

// TestWriteScoresCSVSuppress: a leaver score observed at 3 a month has
// its observed mean, bias and MAE masked, one at 40 does not, nor a
// vacancy rate of 0.03 (not a count); without the option nothing is.
func TestWriteScoresCSVSuppress(t *testing.T) {
	score := func(org string, m Measure, observed float64) GroupScore {
		return GroupScore{Level: LevelCell, Org: org, Prof: "dietitian", Band: "5", Measure: m, Months: 12,
			Observed: observed, Cover50: 0.5, Cover90: 0.75, Bias: 0.25, MAE: 1.5, CRPS: 0.625}
	}
	scores := []GroupScore{score("small", Leavers, 3), score("large", Leavers, 40),
		score("heads", StaffHeads, 4.4), score("rate", VacancyRate, 3), score("zero", Leavers, 0.2)}
	cells := func(o OutputOptions) [][]string {
		var buf bytes.Buffer
		if err := WriteScoresCSVWith(&buf, scores, o); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var out [][]string
		for _, r := range rows[1:] {
			out = append(out, r[6:]) // observed_mean, coverage_50, coverage_90, bias, mae, crps
		}
		return out
	}
	want := [][]string{{"*", "0.5", "0.75", "*", "*", "0.625"}, {"40", "0.5", "0.75", "0.25", "1.5", "0.625"},
		{"*", "0.5", "0.75", "*", "*", "0.625"}, {"3", "0.5", "0.75", "0.25", "1.5", "0.625"},
		{"0.2", "0.5", "0.75", "0.25", "1.5", "0.625"}}
	if got := cells(OutputOptions{Suppress: true}); !equalRows(got, want) {
		t.Errorf("suppressed: %v\nwant %v", got, want)
	}
	plain := cells(OutputOptions{})
	if plain[0][0] != "3" || plain[0][3] != "0.25" || plain[0][4] != "1.5" || plain[2][0] != "4.4" {
		t.Errorf("unsuppressed rows masked: %v", plain)
	}
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

// TestFiguresSuppress: a month whose staff in post of a profession is 3
// heads is a gap in the observed line with --suppress, and the legend
// says so; other months and the unsuppressed line keep their figures.
func TestFiguresSuppress(t *testing.T) {
	ctx := context.Background()
	m := exampleModel(t, "teaching")
	obs, err := Synth(ctx, m, 5, 13)
	if err != nil {
		t.Fatal(err)
	}
	last := obs.Rows[len(obs.Rows)-1].Month
	first := true
	for i := range obs.Rows {
		r := &obs.Rows[i]
		if r.Month == last && r.Prof == "support_worker" {
			r.Figures[history.StaffHeads] = 0
			if first {
				r.Figures[history.StaffHeads], first = 3, false
			}
		}
	}
	p, err := Project(ctx, m, Settings{Runs: 5, Seed: 9, Months: 13})
	if err != nil {
		t.Fatal(err)
	}
	line := func(o OutputOptions) (string, float64, float64) {
		figs, err := FiguresWith(p, obs, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range figs {
			if f.Name == "hindcast-support_worker" {
				l := f.chart.Observed
				if l.Months[len(l.Months)-1] != chart.Month(last) {
					t.Fatalf("observed line ends %v, want %v", l.Months[len(l.Months)-1], last)
				}
				return l.Name, l.Values[len(l.Values)-1], l.Values[len(l.Values)-2]
			}
		}
		t.Fatal("no support worker figure")
		return "", 0, 0
	}
	name, y, before := line(OutputOptions{Suppress: true})
	if name != suppressedLegend || !math.IsNaN(y) || math.IsNaN(before) || before < 5 {
		t.Errorf("suppressed: legend %q, last month %v, the month before %v: want %q, a gap, a figure of 5 or more", name, y, before, suppressedLegend)
	}
	if name, y, _ := line(OutputOptions{}); name != "Observed" || y != 3 {
		t.Errorf("unsuppressed: legend %q, last month %v: want Observed, 3", name, y)
	}
}
