package history

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ahpsim/ahpsim/workforce"
)

func TestParseMonthSpellings(t *testing.T) {
	apr := workforce.NewMonth(2024, 4)
	for _, s := range []string{"2024-04", "2024-4", "2024-04-30", "2024-04-01 00:00:00", "2024-04-30T00:00:00Z",
		"Apr-24", "apr 24", "Apr-2024", "April 2024", "APRIL-24", "30-Apr-2024", "01/04/2024", "30/04/2024", "1/4/24", "30.04.2024", "04/2024"} {
		m, ok := parseMonth(s)
		if assert.True(t, ok, s) {
			assert.Equal(t, apr, m, s)
		}
	}
	sep, ok := parseMonth("Sept 2023")
	assert.True(t, ok)
	assert.Equal(t, workforce.NewMonth(2023, 9), sep)
	for _, s := range []string{"", "2024-13", "2024", "13/13/2024", "04/30/2024", "Foo-24", "45383", "1899-12", "2024-04-32", "April"} {
		_, ok := parseMonth(s)
		assert.False(t, ok, s)
	}
}

func TestParseBandSpellings(t *testing.T) {
	tests := map[string]workforce.Band{
		"Band 5": workforce.Band5, "5": workforce.Band5, "band_5": workforce.Band5, "AfC Band 5": workforce.Band5,
		"Band 8a": workforce.Band8a, "Band 8A": workforce.Band8a, "8A": workforce.Band8a, "8a": workforce.Band8a,
		"Band 8 - Range A": workforce.Band8a, "Band 8 Range A": workforce.Band8a, "Band 8 – Range D": workforce.Band8d,
		"Band 8b": workforce.Band8b, "Band 9": workforce.Band9, "Band 2": workforce.Band2, " band 4 ": workforce.Band4,
	}
	for s, want := range tests {
		b, ok := parseBand(s)
		if assert.True(t, ok, s) {
			assert.Equal(t, want, b, s)
		}
	}
	for _, s := range []string{"Band 10", "Band 8e", "Medical", "", "Band 1", "8", "Band", "Range A", "Band 8 - Range E"} {
		_, ok := parseBand(s)
		assert.False(t, ok, s)
	}
}

func TestParseProfessionSpellings(t *testing.T) {
	tests := map[string]string{
		"Physiotherapist": workforce.Physiotherapist, "Physiotherapists": workforce.Physiotherapist, "PHYSIOTHERAPIST": workforce.Physiotherapist,
		"Speech and Language Therapist": workforce.SpeechAndLanguageTherapist, "Speech & Language Therapists": workforce.SpeechAndLanguageTherapist,
		"Occupational Therapist": workforce.OccupationalTherapist, "Occupational therapists": workforce.OccupationalTherapist,
		"Dietitian": workforce.Dietitian, "Dieticians": workforce.Dietitian,
		"Radiographer - Diagnostic": workforce.Radiographer, "Radiographer - Therapeutic": workforce.Radiographer, "Radiographers - diagnostic": workforce.Radiographer,
		"Orthoptist": workforce.Orthoptist, "Podiatrist": workforce.Podiatrist, "Paramedic": workforce.Paramedic, "Paramedics": workforce.Paramedic,
		"Prosthetist and Orthotist": workforce.ProsthetistOrthotist, "Prosthetists & Orthotists": workforce.ProsthetistOrthotist,
		"Art Therapist": workforce.ArtTherapist, "Drama Therapist": workforce.DramaTherapist, "Music Therapist": workforce.MusicTherapist,
		"Osteopath": workforce.Osteopath, "Operating Department Practitioner": workforce.OperatingDepartmentPractitioner,
		"Operating department practitioners": workforce.OperatingDepartmentPractitioner,
		"Support to AHPs":                    workforce.SupportWorker, "AHP Support Worker": workforce.SupportWorker, "AHP support workers": workforce.SupportWorker,
	}
	for _, p := range workforce.StandardProfessions() {
		tests[p.Key] = p.Key
		tests[p.Name] = p.Key
	}
	for s, want := range tests {
		got, ok := parseProfession(s)
		if assert.True(t, ok, s) {
			assert.Equal(t, want, got, s)
		}
	}
	for _, s := range []string{"Pharmacist", "Nurse", "", "Arts Therapist", "Physio therapist assistant"} {
		_, ok := parseProfession(s)
		assert.False(t, ok, s)
	}
	assert.Equal(t, []string{`"Physiotherapist"`, `"Music Therapist"`, `"Art Therapist"`}, closestProfessions("Physiotherapst"))
}

func TestHeaderSpellings(t *testing.T) {
	figures := map[string]Column{
		"Staff in post (FTE)": StaffFTE, "staff_fte": StaffFTE, "FTE": StaffFTE,
		"Staff in post headcount": StaffHeads, "staff_heads": StaffHeads, "Headcount": StaffHeads,
		"Establishment FTE": EstablishmentFTE, "Leavers": Leavers, "LEAVERS (heads)": Leavers,
		"Joiners": Joiners, "joiners_graduate": JoinersGraduate, "Newly qualified joiners": JoinersGraduate,
		"Promotions in": PromotionsIn, "Vacancies (FTE)": VacanciesFTE, "Sickness absence rate (%)": SicknessRate,
		"Bank & agency FTE": AgencyFTE, "bank and agency fte": AgencyFTE,
	}
	for c := range NumColumns {
		figures[c.String()] = c
	}
	for h, want := range figures {
		f, ok := lookupHeader(h)
		if assert.True(t, ok, h) {
			assert.Equal(t, want, f.column, h)
		}
	}
	keys := map[string]keyField{
		"Month": fieldMonth, "Date": fieldMonth, "Organisation": fieldOrg, "Organisation name": fieldOrg, "Org code": fieldOrgCode,
		"Profession": fieldProf, "Staff group": fieldProf, "Band": fieldBand, "AfC band": fieldBand,
	}
	for _, k := range KeyNames {
		_, ok := lookupHeader(k)
		assert.True(t, ok, k)
	}
	for h, want := range keys {
		f, ok := lookupHeader(h)
		if assert.True(t, ok, h) {
			assert.Equal(t, want, f.key, h)
			assert.Equal(t, NumColumns, f.column, h)
		}
	}
	ages := map[string]AgeGroup{
		"heads_age_25_35": {Name: "age_25_35", From: 25, To: 35}, "heads_age_60_plus": {Name: "age_60_plus", From: 60},
		"Age 25-34": {Name: "age_25_35", From: 25, To: 35}, "Aged 25 to 34": {Name: "age_25_35", From: 25, To: 35},
		"Under 25": {Name: "age_0_25", From: 0, To: 25}, "65 and over": {Name: "age_65_plus", From: 65}, "65+": {Name: "age_65_plus", From: 65},
	}
	for h, want := range ages {
		f, ok := lookupHeader(h)
		if assert.True(t, ok, h) && assert.True(t, f.isAge, h) {
			assert.Equal(t, want, f.age, h)
			back, _ := lookupHeader(f.age.Header())
			assert.Equal(t, want, back.age, "a written header reads back")
		}
	}
	for _, h := range []string{"Region", "Notes", "Age 34-25", "heads_age_25"} {
		_, ok := lookupHeader(h)
		assert.False(t, ok, h)
	}
	assert.Equal(t, "leavers", closeHeader("Leavrs"))
	assert.Equal(t, "", closeHeader("Region"))
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in        string
		percentOK bool
		want      float64
		percent   bool
	}{
		{"12", false, 12, false}, {" 12.5 ", false, 12.5, false}, {"1,234", false, 1234, false}, {"1,234,567.5", false, 1234567.5, false},
		{".5", false, 0.5, false}, {"4.5%", true, 0.045, true}, {"4.4999999999999998E-2", false, 0.045, false}, {"-3", false, -3, false},
	}
	for _, tt := range tests {
		v, percent, ok := parseNumber(tt.in, tt.percentOK)
		if assert.True(t, ok, tt.in) {
			assert.InDelta(t, tt.want, v, 1e-12, tt.in) // exact up to the rounding of decimal text
			assert.Equal(t, tt.percent, percent, tt.in)
		}
	}
	for _, s := range []string{"twelve", "1,5", "12,34", "4.5%", "NaN", "Inf", "1e400", "0x10", "1_000", "", "1 2"} {
		_, _, ok := parseNumber(s, false)
		assert.False(t, ok, s)
	}
	for _, s := range []string{"", "*", "-", " - ", "..", "[c]", "N/A"} {
		assert.True(t, isSuppressed(s), s)
	}
	assert.False(t, isSuppressed("0"))
	assert.True(t, math.IsNaN(math.NaN()))
}

func TestOrgKey(t *testing.T) {
	tests := map[string]string{
		"St Mary's NHS Trust": "st_marys_nhs_trust", "RXX": "rxx", "Barking, Havering & Redbridge": "barking_havering_and_redbridge",
		"5 Boroughs Partnership": "org_5_boroughs_partnership", "All": "org_all", "  Trust   A  ": "trust_a",
	}
	for in, want := range tests {
		got, ok := orgKey(in)
		if assert.True(t, ok, in) {
			assert.Equal(t, want, got, in)
			assert.True(t, workforce.ValidKey(got), in)
		}
	}
	long, ok := orgKey("The Very Long Name Of An Organisation That Goes On And On Beyond Sixty Four Letters")
	assert.True(t, ok)
	assert.LessOrEqual(t, len(long), 64)
	for _, in := range []string{"", "!!!", "’"} {
		_, ok := orgKey(in)
		assert.False(t, ok, in)
	}
}

func TestDecodeText(t *testing.T) {
	assert.Equal(t, "a,b", string(decodeText([]byte("\xef\xbb\xbfa,b"))))
	assert.Equal(t, "Band 8 – Range A £", string(decodeText([]byte("Band 8 \x96 Range A \xa3"))))
	assert.Equal(t, "é", string(decodeText([]byte("é"))))
}

// TestDocListsSpellings checks that docs/data-format.md lists every
// header, profession name and suppression mark read, so the page stays
// true.
func TestDocListsSpellings(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "data-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, names := range keyHeaders {
		for _, n := range names {
			assert.Contains(t, doc, n)
		}
	}
	for c, names := range columnHeaders {
		assert.Contains(t, doc, "`"+Column(c).String()+"`")
		for _, n := range names {
			assert.Contains(t, doc, n)
		}
	}
	for _, p := range professionSpellings {
		assert.Contains(t, doc, "| `"+p.key+"` | "+strings.Join(p.names, ", ")+" |")
	}
	for _, s := range suppressed[1:] {
		if s != "–" {
			assert.Contains(t, doc, "`"+s+"`")
		}
	}
}
