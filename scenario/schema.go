package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// The JSON Schema of the scenario format, for editors: VS Code's YAML
// extension (and any other client of yaml-language-server) completes keys,
// shows each key's description and flags misspelt keys, values of the
// wrong type, unknown bands and out-of-range numbers as a planner types.
//
// JSONSchema derives it from the Go types of File by reflection, as the
// strict decoder (walk.go) reads them: a struct is a mapping with
// exactly its yaml keys (additionalProperties: false), a key without
// omitempty is required, a slice a list, a map a mapping. Only the types
// with their own YAML forms (Value, Names and the TextUnmarshalers such as
// workforce.Band) have hand-written fragments (schema_types.go), and
// schemaFields adds what the types cannot say: the ranges the validator
// checks, and the vocabularies (professions, metrics) of plain strings.
// The descriptions are the Go doc comments, read from the source into
// schema_doc.go by go generate. The schema says what a file may look like,
// not everything Parse checks: names that must match one another, sums of
// shares and the like remain Parse's.
//
// It is draft-07, the newest draft yaml-language-server supports fully
// (its 2019-09 and 2020-12 support was merged and then reverted:
// redhat-developer/yaml-language-server#1006, #1112).

//go:generate go run ./internal/schemagen -docs schema_doc.go
//go:generate go run ./internal/schemagen -schema ../docs/ahpsim.schema.json

// SchemaURL is where the committed schema, docs/ahpsim.schema.json, is
// published; it is the schema's $id.
const SchemaURL = "https://raw.githubusercontent.com/ahpsim/ahpsim/main/docs/ahpsim.schema.json"

// schema is one JSON Schema object.
type schema = map[string]any

// JSONSchema returns the JSON Schema of a scenario file, indented, with a
// final newline: the bytes of docs/ahpsim.schema.json.
func JSONSchema() ([]byte, error) {
	g := &schemaGen{defs: map[string]schema{}, used: map[string]bool{}}
	root := g.object(reflect.TypeFor[File]())
	for _, table := range []map[string]bool{setOf(schemaFields), schemaOptional, typeNames(schemaObjects)} {
		for key := range table {
			if !g.used[key] {
				g.errs = append(g.errs, fmt.Sprintf("the schema tables name %s, which no struct of File has", key))
			}
		}
	}
	if len(g.errs) > 0 {
		slices.Sort(g.errs)
		return nil, fmt.Errorf("scenario: JSON Schema: %s", strings.Join(g.errs, "; "))
	}
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["$id"] = SchemaURL
	root["title"] = "ahpsim scenario"
	root["definitions"] = g.defs
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("scenario: JSON Schema: %w", err)
	}
	return b.Bytes(), nil
}

type schemaGen struct {
	defs  map[string]schema
	types map[string]reflect.Type // the type of each definition
	used  map[string]bool         // the keys of the tables used
	errs  []string
}

// ref returns a reference to the definition of t, the named struct or
// custom type, making the definition the first time.
func (g *schemaGen) ref(t reflect.Type, build func() schema) schema {
	name := t.Name()
	if g.types == nil {
		g.types = map[string]reflect.Type{}
	}
	if other, ok := g.types[name]; ok && other != t {
		g.errs = append(g.errs, fmt.Sprintf("%v and %v would share the definition %s", other, t, name))
	}
	g.types[name] = t
	if _, ok := g.defs[name]; !ok {
		g.defs[name] = nil // a placeholder, so that a recursive type ends
		g.defs[name] = build()
	}
	return schema{"$ref": "#/definitions/" + name}
}

// of returns the schema of a value of Go type t.
func (g *schemaGen) of(t reflect.Type) schema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if custom, ok := customSchemas[t]; ok {
		return g.ref(t, custom)
	}
	if implementsCustom(t) {
		g.errs = append(g.errs, fmt.Sprintf("%v has its own YAML form but no fragment in customSchemas", t))
		return schema{}
	}
	switch t.Kind() {
	case reflect.Struct:
		return g.ref(t, func() schema { return g.object(t) })
	case reflect.Slice:
		// A null list is read as an empty one.
		return schema{"type": []string{"array", "null"}, "items": g.of(t.Elem())}
	case reflect.Map:
		return g.mapping(t, g.of(t.Elem()))
	case reflect.String:
		// Any scalar is text: name: 2030 is the text "2030".
		return schema{"type": []string{"string", "number", "boolean"}}
	case reflect.Bool:
		return schema{"type": "boolean"}
	case reflect.Float64:
		return schema{"type": "number"}
	case reflect.Int:
		return schema{"type": "integer"}
	case reflect.Uint64:
		return schema{"type": "integer", "minimum": 0}
	}
	g.errs = append(g.errs, fmt.Sprintf("no schema for Go type %v", t))
	return schema{}
}

// mapping is the schema of a Go map with values of schema elem; keys
// that decode through a custom type (bands) are checked by its fragment.
func (g *schemaGen) mapping(t reflect.Type, elem schema) schema {
	s := schema{"type": []string{"object", "null"}, "additionalProperties": elem, "maxProperties": maxMapEntries}
	if kt := t.Key(); kt.Kind() != reflect.String || kt.Name() != "string" {
		key, ok := customKeys[kt]
		if !ok {
			g.errs = append(g.errs, fmt.Sprintf("map key %v has no fragment in customKeys", kt))
			return s
		}
		s["propertyNames"] = key.names
		props := schema{}
		for _, k := range key.complete {
			props[k] = elem
		}
		s["properties"] = props
	}
	return s
}

// object is the schema of a struct: its yaml keys, with embedded
// ",inline" structs flattened, as structFields reads them.
func (g *schemaGen) object(t reflect.Type) schema {
	props := schema{}
	var required []string
	for _, f := range schemaFieldsOf(t) {
		s := g.of(f.typ)
		key := f.owner.Name() + "." + f.key
		if extra, ok := schemaFields[key]; ok {
			g.used[key] = true
			s = extra(s)
		}
		if d := schemaText[f.owner.Name()+"."+f.goName]; d != "" {
			s = described(s, plainWords(d, f.owner))
		}
		props[f.key] = s
		if schemaOptional[key] {
			g.used[key] = true
		}
		if !f.optional && !schemaOptional[key] {
			required = append(required, f.key)
		}
	}
	s := schema{"type": []string{"object", "null"}, "properties": props, "additionalProperties": false}
	if t == reflect.TypeFor[File]() {
		s["type"] = "object"
	}
	if len(required) > 0 {
		s["required"] = required
	}
	if extra, ok := schemaObjects[t]; ok {
		g.used[t.Name()] = true
		extra(s)
	}
	if d := schemaText[t.Name()]; d != "" {
		s["description"] = plainWords(d, t)
	}
	return s
}

// plainWords rewrites a Go doc comment for a planner reading it in an
// editor: the Go names of t's fields become their yaml keys, a nil
// pointer is a key not given, and the text is a sentence.
func plainWords(d string, t reflect.Type) string {
	keys := map[string]string{}
	var names []string
	for _, f := range schemaFieldsOf(t) {
		keys[f.goName] = f.key
		names = append(names, regexp.QuoteMeta(f.goName))
	}
	if len(names) > 0 {
		re := regexp.MustCompile(`\b(?:` + strings.Join(names, "|") + `)\b`)
		d = re.ReplaceAllStringFunc(d, func(name string) string { return keys[name] })
	}
	d = nilWord.ReplaceAllString(d, "${1}ot given")
	d = strings.ReplaceAll(d, ". not given means", ". Not given means")
	first, _, _ := strings.Cut(d, " ")
	if r, size := utf8.DecodeRuneInString(d); r != utf8.RuneError && !slices.Contains(slices.Collect(maps.Values(keys)), first) {
		d = string(unicode.ToUpper(r)) + d[size:]
	}
	if !strings.HasSuffix(d, ".") {
		d += "."
	}
	return d
}

// nilWord finds nil and Nil: a pointer field left nil is a key not given
// in the file.
var nilWord = regexp.MustCompile(`\b([Nn])il\b`)

func setOf[V any](m map[string]V) map[string]bool {
	set := map[string]bool{}
	for k := range m {
		set[k] = true
	}
	return set
}

// described adds a description to s. Beside a $ref, draft-07 ignores it
// for validation, as it should; editors show it (yaml-language-server
// shows the key's own description there, over the definition's).
func described(s schema, d string) schema {
	s["description"] = d
	return s
}

// schemaField is one yaml key of a struct.
type schemaField struct {
	key, goName string
	owner       reflect.Type // the struct that declares it (an inline struct for its keys)
	typ         reflect.Type
	optional    bool
}

// schemaFieldsOf lists the yaml keys of struct t in declaration order, as
// structFields does, with what the schema needs besides.
func schemaFieldsOf(t reflect.Type) []schemaField {
	var list []schemaField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case name == "-":
			continue
		case strings.Contains(opts, "inline"):
			list = append(list, schemaFieldsOf(f.Type)...)
			continue
		}
		list = append(list, schemaField{key: name, goName: f.Name, owner: t, typ: f.Type, optional: strings.Contains(opts, "omitempty")})
	}
	return list
}

// schemaOptional are the keys without omitempty that Parse does not
// require: a band's headcount defaults to 0 (new posts grown from none),
// and an option may change flows without interventions.
// TestSchemaNeverRejectsWhatParseAccepts deletes every key of every
// example to find more.
var schemaOptional = map[string]bool{
	"BandSpec.headcount":       true,
	"OptionSpec.interventions": true,
}

// Rules across the keys of a struct that Parse checks and the schema can
// say.
var schemaObjects = map[reflect.Type]func(schema){
	// Exactly one of horizon_years and horizon_months.
	reflect.TypeFor[Simulation](): func(s schema) {
		s["oneOf"] = []schema{{"required": []string{"horizon_years"}}, {"required": []string{"horizon_months"}}}
	},
}

func typeNames[V any](m map[reflect.Type]V) map[string]bool {
	set := map[string]bool{}
	for t := range m {
		set[t.Name()] = true
	}
	return set
}

// Ranges and vocabularies the types cannot say, by the struct that
// declares the key and the key. Each range is one Parse checks, with the
// same constants; the equivalence test checks both sides of each bound.
var schemaFields = map[string]func(schema) schema{
	"Simulation.horizon_years":                     between(1, MaxHorizonYears),
	"Simulation.horizon_months":                    between(1, workforce.MaxHorizonMonths),
	"Simulation.report_every_months":               between(1, workforce.MaxHorizonMonths),
	"Simulation.runs":                              between(1, sim.MaxRuns),
	"Simulation.target_vacancy_rate":               strictly(-1, 1),
	"Organisation.key":                             keyText,
	"Role.key":                                     keyText,
	"File.age_profile":                             shares,
	"File.joiner_ages":                             joinerAges,
	"AgeGroup.from_age":                            between(0, maxAge),
	"AgeGroup.to_age":                              between(1, maxAge+1),
	"CellRef.organisation":                         keyText,
	"CellRef.profession":                           profession,
	"Group.profession":                             profession,
	"Group.organisation":                           keyText,
	"Group.leaver_destinations":                    shares,
	"BandSpec.headcount":                           between(0, maxHeadcount),
	"BandSpec.establishment_fte":                   between(0, maxFTE),
	"CellSettings.fte_per_head":                    above(0, 1),
	"CellSettings.vacancy_rate":                    below(-1, 1),
	"CellSettings.initial_spread_months":           between(1, workforce.MaxHorizonMonths),
	"CellSettings.age_profile":                     shares,
	"RampUp.months":                                between(0, workforce.MaxHorizonMonths),
	"Promotion.min_months":                         between(0, workforce.MaxHorizonMonths),
	"GraduateCohort.month":                         between(1, 12),
	"GraduateCohort.first_year":                    year,
	"GraduateCohort.last_year":                     year,
	"Apprenticeship.intake_month":                  between(1, 12),
	"Apprenticeship.funded_places":                 between(0, maxHeadcount),
	"Apprenticeship.duration_months":               between(durationsNeedOne, workforce.MaxHorizonMonths),
	"Apprenticeship.study_share":                   between(0, 1),
	"Apprenticeship.first_year":                    year,
	"Apprenticeship.last_year":                     year,
	"StudentProgramme.intake_month":                between(1, 12),
	"StudentProgramme.duration_months":             between(durationsNeedOne, workforce.MaxHorizonMonths),
	"StudentProgramme.placement_vacancy_threshold": strictly(0, 1),
	"StudentProgramme.placement_sensitivity":       between(0, 1000),
	"StudentProgramme.first_year":                  year,
	"StudentProgramme.last_year":                   year,
	"InternationalRecruitment.lead_months":         between(0, workforce.MaxHorizonMonths),
	"ReturnToPractice.supervised_months":           between(0, workforce.MaxHorizonMonths),
	"Rotation.profession":                          profession,
	"Rotation.length_months":                       between(1, maxRotationMonths),
	"Rotation.rotations":                           between(1, maxRotationMonths),
	"Portability.max_months":                       between(1, workforce.MaxHorizonMonths),
	"TimeInPostRate.under_months":                  between(1, workforce.MaxHorizonMonths),
	"FixedTerm.months":                             between(1, maxRotationMonths),
	"Intervention.ramp_months":                     between(0, workforce.MaxHorizonMonths),
	"Selection.professions":                        items(profession),
	"Selection.organisations":                      items(keyText),
	"OptionPromotion.profession":                   profession,
	"OptionGraduates.profession":                   profession,
	"Costs.annual_hours_per_fte":                   above(0, maxHoursPerYear),
	"Report.metrics":                               func(schema) schema { return namesSchema(metricName()) },
	"Report.groups":                                func(schema) schema { return namesSchema(schema{"enum": sim.GroupKindNames()}) },
}

// between is the closed range [lo, hi].
func between(lo, hi float64) func(schema) schema {
	return func(s schema) schema { s["minimum"], s["maximum"] = lo, hi; return s }
}

// strictly is the open range (lo, hi).
func strictly(lo, hi float64) func(schema) schema {
	return func(s schema) schema { s["exclusiveMinimum"], s["exclusiveMaximum"] = lo, hi; return s }
}

// above is (lo, hi]; below is [lo, hi).
func above(lo, hi float64) func(schema) schema {
	return func(s schema) schema { s["exclusiveMinimum"], s["maximum"] = lo, hi; return s }
}

func below(lo, hi float64) func(schema) schema {
	return func(s schema) schema { s["minimum"], s["exclusiveMaximum"] = lo, hi; return s }
}

// year is a calendar year 1900 to 2200, or 0 for no bound.
func year(s schema) schema {
	s["anyOf"] = []schema{{"const": 0}, {"minimum": 1900, "maximum": 2200}}
	return s
}

// shares is a mapping of shares, each 0 to 1 (Parse checks they sum to 1).
func shares(s schema) schema {
	s["additionalProperties"] = schema{"type": "number", "minimum": 0, "maximum": 1}
	return s
}

// joinerAges is joiner_ages: shares by age group for each source of
// joiners.
func joinerAges(s schema) schema {
	var sources []string
	for i := range workforce.NumSources {
		sources = append(sources, workforce.Source(i).String())
	}
	inner := shares(schema{"type": []string{"object", "null"}, "maxProperties": maxMapEntries})
	s["additionalProperties"] = inner
	s["propertyNames"] = schema{"enum": sources}
	props := schema{}
	for _, src := range sources {
		props[src] = inner
	}
	s["properties"] = props
	return s
}

// keyPattern is workforce.ValidKey's pattern: organisation and custom
// role keys.
const keyPattern = `^[a-z][a-z0-9_]{0,63}$`

func keyText(schema) schema { return schema{"type": "string", "pattern": keyPattern} }

// profession is a standard profession's key (completed by editors) or a
// custom role's key.
func profession(schema) schema {
	var keys []string
	for _, p := range workforce.StandardProfessions() {
		keys = append(keys, p.Key)
	}
	return schema{"anyOf": []schema{{"enum": keys}, {"type": "string", "pattern": keyPattern}}}
}

// metricName is a metric package sim declares, or leavers_ and a leaver
// destination.
func metricName() schema {
	return schema{"anyOf": []schema{{"enum": schemaMetrics}, {"type": "string", "pattern": `^leavers_[a-z][a-z0-9_]*$`}}}
}

// items applies an item schema to a list.
func items(item func(schema) schema) func(schema) schema {
	return func(s schema) schema { s["items"] = item(s["items"].(schema)); return s }
}
