package scenario

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario/internal/schemadoc"
	"github.com/ahpsim/ahpsim/workforce"
)

// TestSchemaFileCurrent checks that the committed schema is what the
// generator writes now, so that it cannot go stale when a key is added.
func TestSchemaFileCurrent(t *testing.T) {
	got, err := JSONSchema()
	require.NoError(t, err)
	want, err := os.ReadFile("../docs/ahpsim.schema.json")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "docs/ahpsim.schema.json is stale: run go generate ./scenario")
}

// TestSchemaDocsCurrent checks that schema_doc.go holds the doc comments
// the source has now.
func TestSchemaDocsCurrent(t *testing.T) {
	d, err := schemadoc.Read(".", "../sim")
	require.NoError(t, err)
	want, err := d.Source()
	require.NoError(t, err)
	got, err := os.ReadFile("schema_doc.go")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "scenario/schema_doc.go is stale: run go generate ./scenario")
	// The table is not empty, and holds what the schema needs.
	assert.Contains(t, schemaText, "Simulation.HorizonYears")
	assert.Contains(t, schemaText, "File")
	assert.Contains(t, schemaMetrics, "vacancy_rate")
}

// customTypes lists the types reachable from t that have their own YAML
// form, each once.
func customTypes(t reflect.Type, seen map[reflect.Type]bool, found *[]reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if seen[t] {
		return
	}
	seen[t] = true
	if implementsCustom(t) {
		*found = append(*found, t)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				customTypes(f.Type, seen, found)
			}
		}
	case reflect.Slice:
		customTypes(t.Elem(), seen, found)
	case reflect.Map:
		customTypes(t.Key(), seen, found)
		customTypes(t.Elem(), seen, found)
	}
}

// TestSchemaCoversCustomTypes checks that every type of a File with an
// UnmarshalYAML or UnmarshalText method has a hand-written fragment (and
// every map key type one for keys), and that no fragment is left over.
func TestSchemaCoversCustomTypes(t *testing.T) {
	var found []reflect.Type
	customTypes(reflect.TypeFor[File](), map[reflect.Type]bool{}, &found)
	for _, want := range []reflect.Type{reflect.TypeFor[Value](), reflect.TypeFor[Names](), reflect.TypeFor[workforce.Band](), reflect.TypeFor[workforce.Month]()} {
		require.Contains(t, found, want, "the walk misses custom types")
	}
	for _, typ := range found {
		assert.Contains(t, customSchemas, typ, "%v has its own YAML form: give it a fragment in customSchemas (schema_types.go)", typ)
	}
	for typ := range customSchemas {
		assert.Contains(t, found, typ, "customSchemas has a fragment for %v, which no File holds", typ)
	}
}

// scenarioValue is Value under another name, for a test.
type scenarioValue = Value

// TestSchemaFailsWithoutFragment checks that the generator refuses a
// custom type it has no fragment for, and a map key it cannot check,
// rather than writing a schema that is wrong for them.
func TestSchemaFailsWithoutFragment(t *testing.T) {
	g := &schemaGen{defs: map[string]schema{}, used: map[string]bool{}}
	type custom struct {
		Step  Step                          `yaml:"step"`
		Month map[workforce.Month]float64   `yaml:"month"`
		Bad   map[workforce.Profile]float64 `yaml:"bad"`
	}
	g.object(reflect.TypeFor[custom]())
	require.Len(t, g.errs, 2, "%q", g.errs)
	assert.Contains(t, g.errs[0], "map key workforce.Month has no fragment")
	assert.Contains(t, g.errs[1], "map key workforce.Profile has no fragment")

	schemaOptional["Simulation.weeks"] = true
	_, err := JSONSchema()
	delete(schemaOptional, "Simulation.weeks")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the schema tables name Simulation.weeks, which no struct of File has")

	g = &schemaGen{defs: map[string]schema{}, used: map[string]bool{}}
	type Value struct{ X int }
	g.of(reflect.TypeFor[struct {
		A scenarioValue `yaml:"a"`
		B Value         `yaml:"b"`
	}]())
	require.Len(t, g.errs, 1, "%q", g.errs)
	assert.Contains(t, g.errs[0], "would share the definition Value")

	saved := customSchemas[reflect.TypeFor[Step]()]
	delete(customSchemas, reflect.TypeFor[Step]())
	defer func() { customSchemas[reflect.TypeFor[Step]()] = saved }()
	_, err = JSONSchema()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "scenario.Step has its own YAML form but no fragment")
}

// TestSchemaEnums checks the vocabularies the fragments enumerate against
// the packages that own them.
func TestSchemaEnums(t *testing.T) {
	assert.Equal(t, []string{"monthly", "quarterly", "annual"}, textEnum[Step]()["enum"])
	assert.Equal(t, workforce.LeverNames(), textEnum[workforce.Lever]()["enum"])
	assert.Equal(t, []string{"scale", "add", "set"}, textEnum[workforce.Mode]()["enum"])
	assert.Equal(t, []string{"2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"}, bandNames())
	enum := bandSchema()["anyOf"].([]schema)[0]["enum"].([]any)
	assert.Equal(t, []any{"2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", 2, 3, 4, 5, 6, 7, 9}, enum)
	var keys []string
	for _, p := range workforce.StandardProfessions() {
		keys = append(keys, p.Key)
	}
	assert.Equal(t, keys, profession(nil)["anyOf"].([]schema)[0]["enum"])
}

// TestSchemaDescriptions checks that keys carry their Go comments in a
// planner's words, through a $ref where the value has a definition.
func TestSchemaDescriptions(t *testing.T) {
	data, err := JSONSchema()
	require.NoError(t, err)
	var doc struct {
		Definitions map[string]struct {
			Description string
			Properties  map[string]struct {
				Description string
				Ref         string `json:"$ref"`
			}
		}
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	sim := doc.Definitions["Simulation"]
	assert.Equal(t, "Exactly one of horizon_years (1-30) and horizon_months (1-360) gives the length of the simulation.", sim.Properties["horizon_years"].Description)
	assert.Equal(t, "report_every_months is the interval between reported dates, a multiple of the step; not given means 12.", sim.Properties["report_every_months"].Description)
	start := sim.Properties["start"]
	assert.Equal(t, "First month simulated (YYYY-MM); required.", start.Description)
	assert.Equal(t, "#/definitions/Month", start.Ref)
	assert.Contains(t, sim.Description, "Simulation says when the simulation starts")
	// Every documented field of every definition has its description.
	described := 0
	for name, def := range doc.Definitions {
		for key, p := range def.Properties {
			if p.Description != "" {
				described++
			}
			assert.NotContains(t, p.Description, "nil", "%s.%s", name, key)
		}
	}
	assert.Greater(t, described, 80)
	assert.True(t, slices.Contains(textEnum[workforce.Posts]()["enum"].([]string), "supernumerary"))
}
