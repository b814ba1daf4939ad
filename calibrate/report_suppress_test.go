package calibrate

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
)

// suppressFit is a fit whose leaver cells have 3 and 40 leavers, a team
// of under 5 headcount-years with no leaver, a fill of 2 joiners and an
// FTE per head whose count (3 FTE) is not a count of people.
func suppressFit() *Fit {
	est := func(org string, p Param, exposure, count float64) Estimate {
		raw := count / exposure
		if p == FTEPerHead {
			raw = 0.75
		}
		return Estimate{Org: org, Prof: "physiotherapist", Band: workforce.Band5, Param: p, Exposure: exposure,
			Count: count, Raw: raw, Alpha: 2, Beta: 20, Mean: 0.1, Lower: 0.05, Upper: 0.15, Pooling: 0.5}
	}
	return &Fit{From: workforce.NewMonth(2024, 1), To: workforce.NewMonth(2024, 12), Estimates: []Estimate{
		est("a", LeaverRate, 30, 3), est("b", LeaverRate, 400, 40), est("c", LeaverRate, 4, 0),
		est("d", MonthlyFill, 10, 2), est("e", FTEPerHead, 4, 3),
	}}
}

// reportCells reads the count and raw cells of the report CSV, by organisation.
func reportCells(t *testing.T, o ReportOptions) map[string][2]string {
	t.Helper()
	var buf bytes.Buffer
	if err := suppressFit().WriteReportCSVWith(&buf, o); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][2]string{}
	for _, r := range rows[1:] {
		out[r[0]] = [2]string{r[6], r[7]}
		if r[8] != "0.1" || r[9] != "0.05" || r[10] != "0.15" || r[11] != "0.5" {
			t.Errorf("%s: estimate, interval, pooling %v: want them kept", r[0], r[8:12])
		}
	}
	return out
}

func TestReportCSVSuppress(t *testing.T) {
	want := map[string][2]string{"a": {"*", "*"}, "b": {"40", "0.1"}, "c": {"0", "*"}, "d": {"*", "*"}, "e": {"3", "0.75"}}
	if got := reportCells(t, ReportOptions{Suppress: true}); !equalCells(got, want) {
		t.Errorf("suppressed count, raw: %v\nwant %v", got, want)
	}
	plain := map[string][2]string{"a": {"3", "0.1"}, "b": {"40", "0.1"}, "c": {"0", "0"}, "d": {"2", "0.2"}, "e": {"3", "0.75"}}
	if got := reportCells(t, ReportOptions{}); !equalCells(got, plain) {
		t.Errorf("unsuppressed count, raw: %v\nwant %v", got, plain)
	}
	var a, b bytes.Buffer
	if err := suppressFit().WriteReportCSV(&a); err != nil {
		t.Fatal(err)
	}
	if err := suppressFit().WriteReportCSVWith(&b, ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("WriteReportCSV differs from WriteReportCSVWith with no options")
	}
}

func equalCells(a, b map[string][2]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestReportSuppress(t *testing.T) {
	var buf bytes.Buffer
	if err := suppressFit().WriteReportWith(&buf, ReportOptions{Suppress: true}); err != nil {
		t.Fatal(err)
	}
	txt := buf.String()
	for _, want := range []string{
		"| a | physiotherapist | 5 | leaver_rate | 30 headcount-years | * | * | 0.1 | 50% |",
		"| b | physiotherapist | 5 | leaver_rate | 400 headcount-years | 40 | 0.1 | 0.1 | 50% |",
		"| c | physiotherapist | 5 | leaver_rate | 4 headcount-years | 0 | * | 0.1 | 50% |",
		"counts of 1 to 4 people, and the raw rates derived from them, are shown as `*` alone",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("report lacks %q:\n%s", want, txt)
		}
	}
	buf.Reset()
	if err := suppressFit().WriteReport(&buf); err != nil {
		t.Fatal(err)
	}
	if txt := buf.String(); !strings.Contains(txt, "| 30 headcount-years | 3 | 0.1 |") || strings.Contains(txt, "suppressed") {
		t.Errorf("report without suppression masks or says so:\n%s", txt)
	}
}
