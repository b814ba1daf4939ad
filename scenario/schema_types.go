package scenario

import (
	"encoding"
	"reflect"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/ahpsim/ahpsim/workforce"
)

// The schema fragments of the types with their own YAML forms: those with
// an UnmarshalYAML method (Value, Names) and those read through
// encoding.TextUnmarshaler (bands, months and the closed vocabularies of
// package workforce). Reflection cannot see these forms, so each is
// written here by hand; JSONSchema fails on a type with its own form and
// no fragment, and TestSchemaCoversCustomTypes finds every such type
// reachable from File, so a new one cannot be forgotten.

var customSchemas = map[reflect.Type]func() schema{
	reflect.TypeFor[Value]():              valueSchema,
	reflect.TypeFor[Names]():              func() schema { return namesSchema(schema{"type": "string"}) },
	reflect.TypeFor[workforce.Band]():     bandSchema,
	reflect.TypeFor[workforce.Month]():    monthSchema,
	reflect.TypeFor[Step]():               textEnum[Step],
	reflect.TypeFor[workforce.Lever]():    textEnum[workforce.Lever],
	reflect.TypeFor[workforce.Mode]():     textEnum[workforce.Mode],
	reflect.TypeFor[workforce.Profile]():  textEnum[workforce.Profile],
	reflect.TypeFor[workforce.Backfill](): textEnum[workforce.Backfill],
	reflect.TypeFor[workforce.Posts]():    textEnum[workforce.Posts],
}

// keySchema is the schema of a custom map key: propertyNames checks it,
// and complete lists the canonical keys editors offer.
type keySchema struct {
	names    schema
	complete []string
}

// A band key is checked as a band value is: yaml-language-server reads
// the key 5 as a number (a JSON validator sees the text "5").
var customKeys = map[reflect.Type]keySchema{
	reflect.TypeFor[workforce.Band](): {schema{"anyOf": bandSchema()["anyOf"]}, bandNames()},
}

// implementsCustom reports whether t has its own YAML form.
func implementsCustom(t reflect.Type) bool {
	pt := reflect.PointerTo(t)
	return pt.Implements(reflect.TypeFor[yaml.Unmarshaler]()) || pt.Implements(textUnmarshalerType) ||
		t.Implements(reflect.TypeFor[yaml.Unmarshaler]())
}

// valueSchema: a number, or a mapping naming a distribution (dist) and
// exactly its parameters (workforce.DistKind.Params), each a number.
func valueSchema() schema {
	alts := []schema{{"type": "number"}}
	for _, name := range workforce.DistNames() {
		kind, _ := workforce.ParseDistKind(name)
		props := schema{"dist": schema{"const": name}}
		required := []string{"dist"}
		for _, p := range kind.Params() {
			props[p] = schema{"type": "number"}
			required = append(required, p)
		}
		alts = append(alts, schema{"type": "object", "properties": props, "required": required, "additionalProperties": false})
	}
	return schema{
		"description": "A number, or a distribution drawn once per run: {dist: " + joinWords(workforce.DistNames()) + ", and its parameters}, e.g. {dist: triangular, min: 0.1, mode: 0.13, max: 0.16}.",
		"anyOf":       alts,
	}
}

// namesSchema: a list of names (each matching item), or the word all.
func namesSchema(item schema) schema {
	return schema{"anyOf": []schema{{"const": All}, {"type": "array", "items": item}}}
}

// bandPattern is every spelling workforce.ParseBand reads as a string:
// 5, 8a, 8A, Band 5, band_8b. Lone numbers in YAML are numbers, so
// bandSchema allows those too.
const bandPattern = `^(?:[Bb][Aa][Nn][Dd])?[ _-]*(?:[2-79]|8[a-dA-D])$`

func bandNames() []string {
	var names []string
	for _, b := range workforce.AllBands() {
		names = append(names, b.String())
	}
	return names
}

func bandSchema() schema {
	var enum []any
	for _, name := range bandNames() {
		enum = append(enum, name)
	}
	for _, name := range bandNames() {
		if n, err := strconv.Atoi(name); err == nil {
			enum = append(enum, n) // band: 5 is a number in YAML
		}
	}
	return schema{
		"description": "An Agenda for Change band: 2 to 9, or 8a to 8d.",
		"anyOf":       []schema{{"enum": enum}, {"type": "string", "pattern": bandPattern}},
	}
}

// monthSchema: YYYY-MM with the years workforce.ParseMonth reads,
// 1900 to 2200.
func monthSchema() schema {
	return schema{
		"description": "A month, YYYY-MM, from 1900-01 to 2200-12.",
		"type":        "string",
		"pattern":     `^(?:19[0-9]{2}|2[01][0-9]{2}|2200)-(?:0[1-9]|1[0-2])$`,
	}
}

// maxEnum bounds the integer values textEnum tries.
const maxEnum = 256

// textEnum is the schema of an integer type read through
// encoding.TextUnmarshaler from a closed vocabulary: the names its
// MarshalText gives for 0 up to maxEnum, each once.
func textEnum[T ~int]() schema {
	var names []string
	for i := range maxEnum {
		text, err := any(T(i)).(encoding.TextMarshaler).MarshalText()
		if err == nil && !slices.Contains(names, string(text)) {
			names = append(names, string(text))
		}
	}
	return schema{"type": "string", "enum": names}
}

func joinWords(words []string) string {
	s := ""
	for i, w := range words {
		switch {
		case i == 0:
		case i == len(words)-1:
			s += " or "
		default:
			s += ", "
		}
		s += w
	}
	return s
}
