package hindcast

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"
)

func TestWriteScoresCSV(t *testing.T) {
	scores := []GroupScore{
		{Level: LevelCell, Org: "bhr", Prof: "dietitian", Band: "5", Measure: StaffHeads, Months: 12, Observed: 18.25, Cover50: 0.5, Cover90: 11.0 / 12, Bias: -0.1, MAE: 1, CRPS: 0.62},
		{Level: LevelSystem, Org: "all", Prof: "all", Band: "all", Measure: VacancyRate, Observed: math.NaN(), Cover50: math.NaN(), Cover90: math.NaN(), Bias: math.NaN(), MAE: math.NaN(), CRPS: math.NaN()},
	}
	var buf bytes.Buffer
	if err := WriteScoresCSV(&buf, scores); err != nil {
		t.Fatal(err)
	}
	want := "level,organisation,profession,band,measure,months,observed_mean,coverage_50,coverage_90,bias,mae,crps\n" +
		"cell,bhr,dietitian,5,staff_heads,12,18.25,0.5,0.916667,-0.1,1,0.62\n" +
		"system,all,all,all,vacancy_rate,0,,,,,,\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

// TestFigures: one fan chart per profession, with the observed line over
// it from the table's first month, in PNG and SVG.
func TestFigures(t *testing.T) {
	ctx := context.Background()
	m := exampleModel(t, "teaching")
	obs, err := Synth(ctx, m, 5, 13) // teaching adds posts in 2026-04
	if err != nil {
		t.Fatal(err)
	}
	p, err := Project(ctx, m, Settings{Runs: 20, Seed: 9, Months: 13})
	if err != nil {
		t.Fatal(err)
	}
	figs, err := Figures(p, obs)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range figs {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "hindcast-occupational_therapist hindcast-support_worker" {
		t.Fatalf("figures %s", got)
	}
	o := figs[0].chart.Observed
	if o.Months[0] != 2025*12+2 || len(o.Months) != 14 || o.Values[0] != 20+30+12 {
		t.Errorf("observed line from %v, %d months, first %v: want 2025-03 (the starting state), 14 months, 62 heads", o.Months[0], len(o.Months), o.Values[0])
	}
	fan := figs[0].chart.Fans[0]
	if fan.Months[0] != 2025*12+2 || len(fan.Months) != 14 || fan.P05[0] != 62 || fan.P95[0] != 62 {
		t.Errorf("the fan starts %v with P05 %v, P95 %v over %d months: want 2025-03, the starting state (62 heads), then 13 months", fan.Months[0], fan.P05[0], fan.P95[0], len(fan.Months))
	}
	for _, format := range []string{"png", "svg"} {
		var buf bytes.Buffer
		if err := figs[0].Render(format, &buf); err != nil || buf.Len() < 1000 {
			t.Errorf("%s: %d bytes, %v", format, buf.Len(), err)
		}
	}
	var svg bytes.Buffer
	figs[1].Render("svg", &svg)
	for _, s := range []string{"Observed", "Projection from 2025-04", "hindcast from 2025-04"} {
		if !strings.Contains(svg.String(), s) {
			t.Errorf("the SVG does not say %q", s)
		}
	}
}
