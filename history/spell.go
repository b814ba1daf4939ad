package history

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ahpsim/ahpsim/workforce"
)

// fold reduces a header or a name to the letters and digits that matter:
// lower case, "&" read as "and", every space and punctuation mark gone, so
// that "Staff in post (FTE)" and "staff_in_post_fte" are the same.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '&':
			b.WriteString("and")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldName folds a profession's name and reads plurals as singulars word
// by word, so that "Speech and Language Therapists" and "Support to
// AHPs" match their singular spellings.
func foldName(s string) string {
	words := strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(s, "&", " and ")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range words {
		// "Arts therapists" is NHS statistics' group of art, drama and
		// music therapists together, not art therapists.
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && w != "arts" {
			words[i] = w[:len(w)-1]
		}
	}
	return strings.Join(words, "")
}

// keyField is a key column of the table.
type keyField uint8

const (
	fieldMonth keyField = iota
	fieldOrg
	fieldOrgCode
	fieldProf
	fieldBand
	numKeyFields
)

// keyHeaders are the accepted headers of the key columns, the written one
// first; docs/data-format.md lists them.
var keyHeaders = [numKeyFields][]string{
	fieldMonth:   {"month", "date", "period", "reporting period", "reporting month", "month end", "month ending", "census date", "effective date", "snapshot date"},
	fieldOrg:     {"organisation", "organisation name", "organization", "organization name", "org", "org name", "trust", "trust name", "provider", "provider name", "employer", "employer name"},
	fieldOrgCode: {"organisation code", "organization code", "org code", "trust code", "provider code", "employer code", "ods code"},
	fieldProf:    {"profession", "profession name", "ahp profession", "staff group", "occupation", "job role", "professional group"},
	fieldBand:    {"band", "afc band", "agenda for change band", "pay band", "grade", "afc grade", "pay grade"},
}

// columnHeaders are the accepted headers of the figures, the written one
// (columnNames) first; docs/data-format.md lists them.
var columnHeaders = [NumColumns][]string{
	StaffHeads:           {"staff in post headcount", "staff in post heads", "staff in post (heads)", "headcount", "heads", "SIP headcount", "staff headcount"},
	StaffFTE:             {"staff in post (FTE)", "staff in post FTE", "FTE", "SIP FTE", "contracted FTE", "staff in post WTE", "WTE"},
	EstablishmentFTE:     {"establishment FTE", "establishment", "establishment (FTE)", "funded establishment", "funded establishment FTE", "budgeted establishment", "budgeted establishment FTE", "budgeted FTE", "funded posts FTE", "establishment WTE"},
	Leavers:              {"leavers headcount", "leavers (heads)", "leavers heads", "leavers"},
	Joiners:              {"joiners headcount", "joiners (heads)", "joiners heads", "joiners", "starters", "new starters"},
	JoinersExternal:      {"joiners external", "external joiners", "joiners from the market", "joiners recruited"},
	JoinersGraduate:      {"joiners graduate", "graduate joiners", "joiners newly qualified", "newly qualified joiners", "newly qualified"},
	JoinersInternational: {"joiners international", "international joiners", "international recruits", "joiners international recruits"},
	JoinersReturn:        {"joiners return", "joiners returners", "returners", "return to practice", "joiners return to practice"},
	PromotionsIn:         {"promotions in", "promotions", "promotions into band", "promoted in"},
	VacanciesFTE:         {"vacancies FTE", "vacancies", "vacancies (FTE)", "vacant FTE", "vacancy FTE", "vacant posts FTE", "vacancies WTE"},
	SicknessRate:         {"sickness rate", "sickness absence rate", "sickness absence rate (%)", "sickness rate (%)", "sickness %", "sickness absence %", "sickness", "sickness absence"},
	AgencyFTE:            {"agency FTE", "bank and agency FTE", "bank & agency FTE", "agency", "agency (FTE)", "bank and agency", "temporary staffing FTE", "agency WTE"},
}

// headerField is what a header names: a key column, a figure or an age
// group.
type headerField struct {
	key    keyField // numKeyFields when not a key column
	column Column   // NumColumns when not a figure
	age    AgeGroup // when isAge
	isAge  bool
}

// headerIndex maps a folded header to its field.
var headerIndex = func() map[string]headerField {
	m := map[string]headerField{}
	for k, names := range keyHeaders {
		for _, n := range names {
			m[fold(n)] = headerField{key: keyField(k), column: NumColumns}
		}
	}
	for c, names := range columnHeaders {
		m[fold(Column(c).String())] = headerField{key: numKeyFields, column: Column(c)}
		for _, n := range names {
			m[fold(n)] = headerField{key: numKeyFields, column: Column(c)}
		}
	}
	return m
}()

// The age-group headers: as written (heads_age_25_35, the upper age not
// included; heads_age_60_plus) and as planners write them ("Age 25-34",
// "25 to 34", both ages included; "Under 25"; "65 and over", "65+").
var (
	ageWritten = regexp.MustCompile(`^heads age (\d{1,3}) (\d{1,3}|plus)$`)
	ageRange   = regexp.MustCompile(`^(?:heads )?(?:aged? )?(\d{1,3}) ?(?:-|–|to) ?(\d{1,3})(?: years)?$`)
	ageUnder   = regexp.MustCompile(`^(?:heads )?(?:aged? )?(?:under|below) (\d{1,3})(?: years)?$`)
	ageOver    = regexp.MustCompile(`^(?:heads )?(?:aged? )?(\d{1,3}) ?(?:\+|plus|and over|and above|or over|or older)(?: years)?$`)
)

// parseAgeHeader reads an age-group header.
func parseAgeHeader(h string) (AgeGroup, bool) {
	t := strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(h, "_", " "))), " ")
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	var g AgeGroup
	if m := ageWritten.FindStringSubmatch(t); m != nil {
		g = AgeGroup{From: atoi(m[1])}
		if m[2] != "plus" {
			g.To = atoi(m[2])
		}
	} else if m := ageRange.FindStringSubmatch(t); m != nil {
		g = AgeGroup{From: atoi(m[1]), To: atoi(m[2]) + 1}
	} else if m := ageUnder.FindStringSubmatch(t); m != nil {
		g = AgeGroup{From: 0, To: atoi(m[1])}
	} else if m := ageOver.FindStringSubmatch(t); m != nil {
		g = AgeGroup{From: atoi(m[1])}
	} else {
		return AgeGroup{}, false
	}
	if g.To != 0 && g.To <= g.From || g.From > 120 || g.To > 121 {
		return AgeGroup{}, false
	}
	g.Name = strings.TrimPrefix(g.Header(), "heads_")
	return g, true
}

// lookupHeader says what a header names.
func lookupHeader(h string) (headerField, bool) {
	if f, ok := headerIndex[fold(h)]; ok {
		return f, true
	}
	if g, ok := parseAgeHeader(h); ok {
		return headerField{key: numKeyFields, column: NumColumns, age: g, isAge: true}, true
	}
	return headerField{}, false
}

// closeHeader returns the written header an unknown header is a near
// miss of ("Leavrs" for leavers), or "".
func closeHeader(h string) string {
	f := fold(h)
	if len(f) < 5 {
		return ""
	}
	best, bestDist := "", 3
	for name, field := range headerIndex {
		if d := workforce.EditDistance(f, name); d < bestDist || d == bestDist && best != "" && writtenHeader(field) < best {
			best, bestDist = writtenHeader(field), d
		}
	}
	return best
}

// writtenHeader is the header a written table uses for a field.
func writtenHeader(f headerField) string {
	if f.column < NumColumns {
		return f.column.String()
	}
	return keyHeaders[f.key][0]
}

// bandHelp says which band spellings are accepted.
const bandHelp = `want an Agenda for Change band 2 to 9, written e.g. "Band 5", "5", "Band 8a", "8A" or "Band 8 - Range A" (map other names in a mapping file)`

// parseBand reads a band as planners write it: "Band 5", "5", "Band 8a",
// "8A", "Band 8 - Range A", "Band 8 Range A", "AfC band 6".
func parseBand(s string) (workforce.Band, bool) {
	t := fold(s)
	for _, prefix := range []string{"agendaforchange", "afc"} {
		t = strings.TrimPrefix(t, prefix)
	}
	t = strings.TrimPrefix(t, "band")
	t = strings.Replace(t, "8range", "8", 1)
	if t == "" {
		return 0, false
	}
	b, err := workforce.ParseBand(t)
	return b, err == nil
}

// professionSpellings are the names NHS England's statistics and trusts'
// reports give the professions, the name shown in messages first; a
// profession's key and workforce name are accepted too.
var professionSpellings = []struct {
	key   string
	names []string
}{
	{workforce.ArtTherapist, []string{"Art Therapist", "Art Therapy", "Art Psychotherapist"}},
	{workforce.DramaTherapist, []string{"Drama Therapist", "Dramatherapist", "Drama Therapy"}},
	{workforce.MusicTherapist, []string{"Music Therapist", "Music Therapy"}},
	{workforce.Podiatrist, []string{"Podiatrist", "Chiropodist", "Chiropodist/Podiatrist", "Podiatry"}},
	{workforce.Dietitian, []string{"Dietitian", "Dietician", "Dietetics"}},
	{workforce.OccupationalTherapist, []string{"Occupational Therapist", "Occupational Therapy", "OT"}},
	{workforce.OperatingDepartmentPractitioner, []string{"Operating Department Practitioner", "ODP"}},
	{workforce.Orthoptist, []string{"Orthoptist", "Orthoptics"}},
	{workforce.Osteopath, []string{"Osteopath", "Osteopathy"}},
	{workforce.Paramedic, []string{"Paramedic", "Paramedic Science"}},
	{workforce.Physiotherapist, []string{"Physiotherapist", "Physiotherapy", "Physio"}},
	{workforce.ProsthetistOrthotist, []string{"Prosthetist and Orthotist", "Prosthetist/Orthotist", "Prosthetist", "Orthotist", "Prosthetics and Orthotics"}},
	{workforce.Radiographer, []string{"Radiographer", "Radiographer - Diagnostic", "Radiographer - Therapeutic", "Diagnostic Radiographer", "Therapeutic Radiographer", "Radiography"}},
	{workforce.SpeechAndLanguageTherapist, []string{"Speech and Language Therapist", "Speech & Language Therapist", "Speech and Language Therapy", "Speech Therapist", "SLT", "SALT"}},
	{workforce.SupportWorker, []string{"AHP Support Worker", "Support to AHPs", "Support to Allied Health Professionals", "AHP Support", "AHP Assistant", "Therapy Assistant", "Therapy Support Worker", "Support Worker"}},
}

// professionIndex maps a folded name to its profession key.
var professionIndex = func() map[string]string {
	m := map[string]string{}
	for _, p := range professionSpellings {
		prof, _ := workforce.LookupProfession(p.key)
		for _, n := range append([]string{p.key, prof.Name}, p.names...) {
			m[foldName(n)] = p.key
		}
	}
	return m
}()

// parseProfession finds the profession a name means.
func parseProfession(s string) (string, bool) {
	key, ok := professionIndex[foldName(s)]
	return key, ok
}

// closestProfessions returns the names of the (at most 3) professions
// whose spellings are nearest s, nearest first.
func closestProfessions(s string) []string {
	f := foldName(s)
	type near struct {
		name string
		dist int
		at   int
	}
	var list []near
	for i, p := range professionSpellings {
		best := math.MaxInt
		for _, n := range p.names {
			best = min(best, workforce.EditDistance(f, foldName(n)))
		}
		list = append(list, near{p.names[0], best, i})
	}
	slices.SortStableFunc(list, func(a, b near) int { return a.dist - b.dist })
	var names []string
	for _, n := range list[:3] {
		names = append(names, strconv.Quote(n.name))
	}
	return names
}

// orgKey turns an organisation's name or code into a key workforce
// accepts: lower case letters, digits and "_" ("St Mary's NHS Trust" is
// st_marys_nhs_trust), starting with a letter.
func orgKey(s string) (string, bool) {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’':
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			gap = false
		case r == '&':
			if b.Len() > 0 {
				b.WriteString("_and")
			}
			gap = true
		default:
			gap = true
		}
	}
	key := b.String()
	if key == "" {
		return "", false
	}
	if key[0] >= '0' && key[0] <= '9' || key == "all" {
		key = "org_" + key
	}
	if len(key) > 64 {
		key = strings.TrimRight(key[:64], "_")
	}
	return key, workforce.ValidKey(key)
}

// suppressed are the marks of a figure that is not known: blank, and the
// marks NHS England ("*", "-") and the ONS ("..", "[c]", "[x]") use for
// suppressed or missing counts.
var suppressed = []string{"", "*", "-", "–", "..", "[c]", "[x]", "[z]", "n/a", "na"}

func isSuppressed(s string) bool {
	return slices.Contains(suppressed, strings.ToLower(strings.TrimSpace(s)))
}

// plainNumber is a number as a table writes it, once its thousands
// separators are gone.
var (
	plainNumber = regexp.MustCompile(`^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?$`)
	thousands   = regexp.MustCompile(`^-?\d{1,3}(,\d{3})+(\.\d*)?$`)
)

// parseNumber reads a number cell: plain, with thousands separators
// ("1,234"), or a percentage ("4.5%", read as 0.045) when percentOK.
// It reports whether the text was a percentage.
func parseNumber(s string, percentOK bool) (v float64, percent bool, ok bool) {
	t := strings.TrimSpace(s)
	if strings.HasSuffix(t, "%") && percentOK {
		t, percent = strings.TrimSpace(strings.TrimSuffix(t, "%")), true
	}
	if thousands.MatchString(t) {
		t = strings.ReplaceAll(t, ",", "")
	}
	if !plainNumber.MatchString(t) {
		return 0, false, false
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false, false
	}
	if percent {
		v /= 100
	}
	return v, percent, true
}

// monthNames are the English month names and their short forms.
var monthNames = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
	"oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var (
	isoMonth  = regexp.MustCompile(`^(\d{4})-(\d{1,2})(?:-(\d{1,2})(?:[ t][\d:.]+z?)?)?$`)
	ukDate    = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?: [\d:.]+)?$`)
	slashYear = regexp.MustCompile(`^(\d{1,2})/(\d{4})$`)
	namedDate = regexp.MustCompile(`^(?:(\d{1,2})[ -])?([a-z]+)[ -]?(\d{4}|\d{2})$`)
)

// monthHelp says which month spellings are accepted.
const monthHelp = `want a month, written e.g. "2024-04", "2024-04-30", "Apr-24", "April 2024" or "30/04/2024" (day first)`

// parseMonth reads a month cell: 2024-04, 2024-04-30, Apr-24, April 2024,
// 30/04/2024 (day first, as in the UK), 04/2024. Two-digit years are
// 2000 to 2099.
func parseMonth(s string) (workforce.Month, bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	var year, month, day int
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if m := isoMonth.FindStringSubmatch(t); m != nil {
		year, month, day = atoi(m[1]), atoi(m[2]), atoi(m[3])
	} else if m := ukDate.FindStringSubmatch(t); m != nil {
		day, month, year = atoi(m[1]), atoi(m[2]), atoi(m[3])
	} else if m := slashYear.FindStringSubmatch(t); m != nil {
		month, year = atoi(m[1]), atoi(m[2])
	} else if m := namedDate.FindStringSubmatch(t); m != nil {
		day, month, year = atoi(m[1]), monthNames[m[2]], atoi(m[3])
		if month == 0 {
			return 0, false
		}
	} else {
		return 0, false
	}
	if year < 100 {
		year += 2000
	}
	if month < 1 || month > 12 || day > 31 || year < 1900 || year > 2200 {
		return 0, false
	}
	return workforce.NewMonth(year, month), true
}

// bandName is how messages name a band.
func bandName(b workforce.Band) string { return fmt.Sprintf("Band %s", b) }
