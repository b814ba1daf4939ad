package calibrate_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/calibrate"
	"github.com/ahpsim/ahpsim/hindcast"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/workforce"
)

// roundTripScenario: three organisations, each with 9 cells of 8 to 150
// heads with known leaver rates, refilled by recruitment.
const roundTripScenario = `name: Round trip
simulation: {start: 2024-04, horizon_months: 24, step: monthly, report_every_months: 12, runs: 1, seed: 1}
organisations: [{key: a, name: A}, {key: b, name: B}, {key: c, name: C}]
workforce:
%s`

// TestCalibrateRecoversSynthesisedRates: histories made by the engine
// itself (hindcast.Synth, one run each) are calibrated, and the 90%
// intervals of the fitted leaver rates cover the rates that made them at
// about the nominal rate over 60 seeds x 27 cells; tolerance 3 binomial
// standard errors of the coverage. (Before the leaver rate's Beta took
// the monthly spread, monthlyExits, this measured 0.872.)
func TestCalibrateRecoversSynthesisedRates(t *testing.T) {
	type cell struct {
		org   string
		prof  string
		band  workforce.Band
		heads int
		rate  float64
	}
	var cells []cell
	var entries []string
	for o, org := range []string{"a", "b", "c"} {
		for i, prof := range []string{"physiotherapist", "occupational_therapist", "dietitian"} {
			var bands []string
			for j, band := range []workforce.Band{workforce.Band5, workforce.Band6, workforce.Band7} {
				c := cell{org, prof, band, []int{150, 40, 8}[(i+j+o)%3], []float64{0.10, 0.14, 0.18}[j]}
				cells = append(cells, c)
				bands = append(bands, fmt.Sprintf("      %s: {headcount: %d, leaver_rate: %g, vacancy_rate: 0.1}", band, c.heads, c.rate))
			}
			entries = append(entries, fmt.Sprintf("  - organisation: %s\n    profession: %s\n    recruitment: {monthly_fill: 0.1}\n    bands:\n%s", org, prof, strings.Join(bands, "\n")))
		}
	}
	f, err := scenario.Parse("roundtrip.yaml", []byte(fmt.Sprintf(roundTripScenario, strings.Join(entries, "\n"))))
	if err != nil {
		t.Fatal(err)
	}
	m, err := f.Compile()
	if err != nil {
		t.Fatal(err)
	}
	covered, n := 0, 0
	bySize := map[int]*[2]int{150: {}, 40: {}, 8: {}}
	rel := map[int]float64{}
	for seed := uint64(1); seed <= 60; seed++ {
		tab, err := hindcast.Synth(context.Background(), m, seed, 24)
		if err != nil {
			t.Fatal(err)
		}
		fit, err := calibrate.FitTable(tab, calibrate.FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cells {
			e := find(fit, c.org, c.prof, c.band)
			if e == nil {
				t.Fatalf("seed %d: no leaver rate for %s band %s", seed, c.prof, c.band)
			}
			n++
			bySize[c.heads][1]++
			rel[c.heads] += (e.Raw - c.rate) / c.rate
			if e.Lower <= c.rate && c.rate <= e.Upper {
				covered++
				bySize[c.heads][0]++
			}
		}
	}
	for h, c := range bySize {
		t.Logf("%d heads: %d of %d; raw rate's mean relative error %.3f", h, c[0], c[1], rel[h]/float64(c[1]))
	}
	cov := float64(covered) / float64(n)
	se := math.Sqrt(0.9 * 0.1 / float64(n))
	t.Logf("90%% intervals cover the generating leaver rate in %d of %d cells (%.3f, SE %.3f)", covered, n, cov, se)
	if math.Abs(cov-0.9) > 3*se {
		t.Errorf("coverage %.3f, want 0.9 within %.3f", cov, 3*se)
	}
}

func find(fit *calibrate.Fit, org, prof string, band workforce.Band) *calibrate.Estimate {
	for i, e := range fit.Estimates {
		if e.Org == org && e.Prof == prof && e.Band == band && e.Param == calibrate.LeaverRate {
			return &fit.Estimates[i]
		}
	}
	return nil
}
