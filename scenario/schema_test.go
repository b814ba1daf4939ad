package scenario_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

// compileSchema compiles the generated schema as an editor would, with
// draft-07 and patterns asserted.
func compileSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	data, err := scenario.JSONSchema()
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	require.NoError(t, c.AddResource(scenario.SchemaURL, doc))
	s, err := c.Compile(scenario.SchemaURL)
	require.NoError(t, err)
	return s
}

// yamlToJSON reads a YAML document as yaml-language-server does for the
// schema: mapping keys as text, scalars by their YAML type.
func yamlToJSON(t testing.TB, data []byte) any {
	t.Helper()
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal(data, &root))
	return nodeJSON(&root, nil)
}

// nodeJSON is the JSON value of a YAML node. When maps is not nil it
// records the JSON object made for each mapping node, so that a test can
// edit both.
func nodeJSON(n *yaml.Node, maps map[*yaml.Node]map[string]any) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return nodeJSON(n.Content[0], maps)
	case yaml.AliasNode:
		return nodeJSON(n.Alias, maps)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeJSON(n.Content[i+1], maps)
		}
		if maps != nil {
			maps[n] = m
		}
		return m
	case yaml.SequenceNode:
		list := []any{}
		for _, c := range n.Content {
			list = append(list, nodeJSON(c, maps))
		}
		return list
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return n.Value
	}
	switch x := v.(type) {
	case int:
		return json.Number(strconv.Itoa(x))
	case uint64:
		return json.Number(strconv.FormatUint(x, 10))
	case float64:
		return json.Number(strconv.FormatFloat(x, 'g', -1, 64))
	case nil, bool, string:
		return x
	}
	return n.Value // a timestamp, for one: text to the schema
}

// TestSchemaAcceptsExamples validates every embedded example.
func TestSchemaAcceptsExamples(t *testing.T) {
	s := compileSchema(t)
	list := examples.List()
	require.GreaterOrEqual(t, len(list), 9)
	for _, e := range list {
		t.Run(e.Name, func(t *testing.T) {
			data, err := examples.Read(e.Name)
			require.NoError(t, err)
			assert.NoError(t, s.Validate(yamlToJSON(t, data)))
		})
	}
}

// base is a small valid scenario; the cases below edit it.
const base = `name: Schema test
simulation:
  start: 2025-04
  horizon_years: 2
  runs: 10
workforce:
  - profession: physiotherapist
    leaver_rate: 0.1
    vacancy_rate: 0.1
    recruitment: {monthly_fill: 0.05}
    bands:
      5: {headcount: 10}
      6: {headcount: 8}
`

// schemaCase is a document and whether it is a valid scenario.
type schemaCase struct {
	name string
	doc  string
	ok   bool
}

// edit returns base with old replaced by new, once; it fails the test if
// old is not there, so that a case cannot silently test base itself.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(base, old), "edit %q", old)
	return strings.Replace(base, old, new, 1)
}

// TestSchemaRejectsMistakes checks that the schema flags the mistakes a
// planner makes as they type, as Parse does.
func TestSchemaRejectsMistakes(t *testing.T) {
	s := compileSchema(t)
	cases := []struct{ name, doc, want string }{
		{"misspelt top-level key", edit(t, "simulation:", "simulaton:"), "simulaton"},
		{"misspelt nested key", edit(t, "horizon_years: 2", "horizon_yeras: 2"), "horizon_yeras"},
		{"misspelt setting", edit(t, "leaver_rate: 0.1", "leavers_rate: 0.1"), "leavers_rate"},
		{"text for a number", edit(t, "runs: 10", "runs: ten"), "runs"},
		{"list for a number", edit(t, "vacancy_rate: 0.1", "vacancy_rate: [0.1]"), "vacancy_rate"},
		{"bad band", edit(t, "6: {headcount: 8}", "10: {headcount: 8}"), "10"},
		{"bad band spelling", edit(t, "6: {headcount: 8}", "8e: {headcount: 8}"), "8e"},
		{"share above 1", edit(t, "vacancy_rate: 0.1", "vacancy_rate: 1.5"), "vacancy_rate"},
		{"runs out of range", edit(t, "runs: 10", "runs: 0"), "runs"},
		{"bad month", edit(t, "start: 2025-04", "start: 2025-13"), "start"},
		{"unknown distribution", edit(t, "leaver_rate: 0.1", "leaver_rate: {dist: gamma, shape: 2}"), "leaver_rate"},
		{"missing parameter", edit(t, "leaver_rate: 0.1", "leaver_rate: {dist: uniform, min: 0.1}"), "leaver_rate"},
		{"missing required key", edit(t, "name: Schema test\n", ""), "name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, perr := scenario.Parse("test.yaml", []byte(c.doc))
			require.Error(t, perr, "Parse accepts it, so the schema must too")
			err := s.Validate(yamlToJSON(t, []byte(c.doc)))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

// TestSchemaAgreesWithParse checks the schema against the real decoder
// on small documents, each within what the schema can say (the shape of
// the file, its vocabularies and constant ranges; not names that must
// match one another or shares that must sum to 1): the schema accepts
// each exactly when Parse does, so it is neither looser nor stricter.
func TestSchemaAgreesWithParse(t *testing.T) {
	s := compileSchema(t)
	cases := []schemaCase{
		{"base", base, true},
		{"unknown key", edit(t, "runs: 10", "runs: 10\n  workers: 2"), false},
		{"band as text", edit(t, "6: {headcount: 8}", `"6": {headcount: 8}`), true},
		{"band spelt Band 6", edit(t, "6: {headcount: 8}", `Band 6: {headcount: 8}`), true},
		{"band 8a", edit(t, "6: {headcount: 8}", `8a: {headcount: 8}`), true},
		{"band 8A", edit(t, "6: {headcount: 8}", `8A: {headcount: 8}`), true},
		{"band 1", edit(t, "6: {headcount: 8}", `1: {headcount: 8}`), false},
		{"band 8e", edit(t, "6: {headcount: 8}", `8e: {headcount: 8}`), false},
		{"graduates null", edit(t, "    bands:", "    graduates:\n    bands:"), true},
		{"headcount missing", edit(t, "6: {headcount: 8}", `6: {vacancy_rate: 0.1}`), true},
		{"band empty", edit(t, "6: {headcount: 8}", `6: {}`), true},
		{"headcount negative", edit(t, "6: {headcount: 8}", `6: {headcount: -1}`), false},
		{"headcount fractional", edit(t, "6: {headcount: 8}", `6: {headcount: 8.5}`), false},
		{"headcount whole float", edit(t, "6: {headcount: 8}", `6: {headcount: 8.0}`), true},
		{"headcount text", edit(t, "6: {headcount: 8}", `6: {headcount: eight}`), false},
		{"runs 1", edit(t, "runs: 10", "runs: 1"), true},
		{"runs 0", edit(t, "runs: 10", "runs: 0"), false},
		{"runs at the maximum", edit(t, "runs: 10", "runs: 10000000"), true},
		{"runs above the maximum", edit(t, "runs: 10", "runs: 10000001"), false},
		{"horizon 30 years", edit(t, "horizon_years: 2", "horizon_years: 30"), true},
		{"horizon 31 years", edit(t, "horizon_years: 2", "horizon_years: 31"), false},
		{"horizon 0 years", edit(t, "horizon_years: 2", "horizon_years: 0"), false},
		{"horizon in months", edit(t, "horizon_years: 2", "horizon_months: 360"), true},
		{"horizon given twice", edit(t, "horizon_years: 2", "horizon_years: 2\n  horizon_months: 24"), false},
		{"horizon missing", edit(t, "  horizon_years: 2\n", ""), false},
		{"horizon 361 months", edit(t, "horizon_years: 2", "horizon_months: 361"), false},
		{"step quarterly", edit(t, "runs: 10", "runs: 10\n  step: quarterly"), true},
		{"step weekly", edit(t, "runs: 10", "runs: 10\n  step: weekly"), false},
		{"seed", edit(t, "runs: 10", "runs: 10\n  seed: 18446744073709551615"), true},
		{"seed negative", edit(t, "runs: 10", "runs: 10\n  seed: -1"), false},
		{"target vacancy rate", edit(t, "runs: 10", "runs: 10\n  target_vacancy_rate: 0.08"), true},
		{"target vacancy rate 1", edit(t, "runs: 10", "runs: 10\n  target_vacancy_rate: 1"), false},
		{"start 1900-01", edit(t, "start: 2025-04", "start: 1900-01"), true},
		{"start 1899-12", edit(t, "start: 2025-04", "start: 1899-12"), false},
		{"start 2200-12", edit(t, "start: 2025-04", "start: 2200-12"), true},
		{"start 2201-01", edit(t, "start: 2025-04", "start: 2201-01"), false},
		{"start 2025-4", edit(t, "start: 2025-04", "start: 2025-4"), false},
		{"start missing", edit(t, "  start: 2025-04\n", ""), false},
		{"name a number", edit(t, "name: Schema test", "name: 2030"), true},
		{"name a list", edit(t, "name: Schema test", "name: [a]"), false},
		{"vacancy rate -1", edit(t, "vacancy_rate: 0.1", "vacancy_rate: -1"), true},
		{"vacancy rate below -1", edit(t, "vacancy_rate: 0.1", "vacancy_rate: -1.01"), false},
		{"vacancy rate 1", edit(t, "vacancy_rate: 0.1", "vacancy_rate: 1"), false},
		{"fte per head 1", edit(t, "leaver_rate: 0.1", "leaver_rate: 0.1\n    fte_per_head: 1"), true},
		{"fte per head 0", edit(t, "leaver_rate: 0.1", "leaver_rate: 0.1\n    fte_per_head: 0"), false},
		{"fte per head above 1", edit(t, "leaver_rate: 0.1", "leaver_rate: 0.1\n    fte_per_head: 1.1"), false},
		{"distribution", edit(t, "leaver_rate: 0.1", "leaver_rate: {dist: triangular, min: 0.1, mode: 0.13, max: 0.16}"), true},
		{"fixed distribution", edit(t, "leaver_rate: 0.1", "leaver_rate: {dist: fixed, value: 0.1}"), true},
		{"beta distribution", edit(t, "leaver_rate: 0.1", "leaver_rate: {dist: beta, alpha: 13, beta: 87}"), true},
		{"distribution without dist", edit(t, "leaver_rate: 0.1", "leaver_rate: {min: 0.1, max: 0.2}"), false},
		{"parameter of another distribution", edit(t, "leaver_rate: 0.1", "leaver_rate: {dist: uniform, min: 0.1, max: 0.2, mode: 0.15}"), false},
		{"parameter as text", edit(t, "leaver_rate: 0.1", "leaver_rate: {dist: uniform, min: 0.1, max: high}"), false},
		{"value as text", edit(t, "leaver_rate: 0.1", "leaver_rate: high"), false},
		{"value null", edit(t, "leaver_rate: 0.1", "leaver_rate:"), false},
		{"custom role", edit(t, "workforce:", "custom_roles:\n  - {key: dietetic_assistant, name: Dietetic assistant, support: true}\nworkforce:"), true},
		{"custom role bad key", edit(t, "workforce:", "custom_roles:\n  - {key: Dietetic Assistant}\nworkforce:"), false},
		{"custom role support text", edit(t, "workforce:", "custom_roles:\n  - {key: da, support: yes}\nworkforce:"), false},
		{"organisation bad key", edit(t, "workforce:", "organisations:\n  - {key: 1st_trust}\nworkforce:"), false},
		{"report all", edit(t, "workforce:", "report: {metrics: all, groups: all}\nworkforce:"), true},
		{"report metrics", edit(t, "workforce:", "report: {metrics: [vacancy_rate, leavers], groups: [system, bands]}\nworkforce:"), true},
		{"report metric misspelt", edit(t, "workforce:", "report: {metrics: [vacancy_rates]}\nworkforce:"), false},
		{"report group misspelt", edit(t, "workforce:", "report: {groups: [band]}\nworkforce:"), false},
		{"report metrics a word", edit(t, "workforce:", "report: {metrics: every}\nworkforce:"), false},
		{"report suppress", edit(t, "workforce:", "report: {suppress_small_counts: true}\nworkforce:"), true},
		{"report suppress text", edit(t, "workforce:", "report: {suppress_small_counts: maybe}\nworkforce:"), false},
		{"promotion", edit(t, "    bands:", "    promotion:\n      - {from: 5, monthly_apply: 0.01}\n    bands:"), true},
		{"promotion without from", edit(t, "    bands:", "    promotion:\n      - {monthly_apply: 0.01}\n    bands:"), false},
		{"promotion from band 8x", edit(t, "    bands:", "    promotion:\n      - {from: 8x, monthly_apply: 0.01}\n    bands:"), false},
		{"graduates month 12", edit(t, "    bands:", "    graduates:\n      - {month: 12, cohort: 3, conversion: 0.5}\n    bands:"), true},
		{"graduates month 13", edit(t, "    bands:", "    graduates:\n      - {month: 13, cohort: 3, conversion: 0.5}\n    bands:"), false},
		{"graduates last year 2201", edit(t, "    bands:", "    graduates:\n      - {month: 9, cohort: 3, conversion: 0.5, last_year: 2201}\n    bands:"), false},
		{"graduates last year 2030", edit(t, "    bands:", "    graduates:\n      - {month: 9, cohort: 3, conversion: 0.5, last_year: 2030}\n    bands:"), true},
		{"intervention", edit(t, "workforce:", interventionDoc("lever: leaver_rate", "mode: scale")+"workforce:"), true},
		{"intervention unknown lever", edit(t, "workforce:", interventionDoc("lever: leavers_rate", "mode: scale")+"workforce:"), false},
		{"intervention unknown mode", edit(t, "workforce:", interventionDoc("lever: leaver_rate", "mode: multiply")+"workforce:"), false},
		{"intervention without lever", edit(t, "workforce:", interventionDoc("", "mode: scale")+"workforce:"), false},
		{"anchors", edit(t, "leaver_rate: 0.1", "leaver_rate: &r 0.1"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, perr := scenario.Parse("test.yaml", []byte(c.doc))
			serr := s.Validate(yamlToJSON(t, []byte(c.doc)))
			if c.name == "anchors" {
				// Anchors and aliases are YAML, not JSON: the schema cannot see
				// them. The case documents that Parse alone rejects them.
				require.Error(t, perr)
				require.NoError(t, serr)
				return
			}
			assert.Equal(t, c.ok, perr == nil, "Parse: %v", perr)
			assert.Equal(t, c.ok, serr == nil, "schema: %v", serr)
		})
	}
}

func interventionDoc(lever, mode string) string {
	var b strings.Builder
	b.WriteString("interventions:\n  - name: retention\n")
	for _, line := range []string{lever, mode, "value: 0.8", "start: 2025-10"} {
		if line != "" {
			b.WriteString("    " + line + "\n")
		}
	}
	return b.String()
}

// TestSchemaNeverRejectsWhatParseAccepts deletes each key of each example
// in turn: where the schema says the key is required, Parse must reject
// the file without it too, so an editor never flags a valid scenario.
// This checks the rule that a key without omitempty is required against
// every key the examples use.
func TestSchemaNeverRejectsWhatParseAccepts(t *testing.T) {
	s := compileSchema(t)
	checked, required := 0, 0
	// Each key is deleted once from each kind of mapping (its set of
	// keys): the same key of another band or entry says nothing new, and
	// Parse is too slow for all of them.
	done := map[string]bool{}
	for _, e := range examples.List() {
		data, err := examples.Read(e.Name)
		require.NoError(t, err)
		var root yaml.Node
		require.NoError(t, yaml.Unmarshal(data, &root))
		objects := map[*yaml.Node]map[string]any{}
		doc := nodeJSON(&root, objects)
		for _, m := range mappings(&root) {
			var keys []string
			for i := 0; i+1 < len(m.Content); i += 2 {
				keys = append(keys, m.Content[i].Value)
			}
			slices.Sort(keys)
			kind := strings.Join(keys, ",")
			for i := 0; i+1 < len(m.Content); i += 2 {
				key := m.Content[i].Value
				if done[kind+":"+key] {
					continue
				}
				done[kind+":"+key] = true
				checked++
				obj := objects[m]
				saved := obj[key]
				delete(obj, key)
				serr := s.Validate(doc)
				obj[key] = saved
				if serr == nil {
					continue
				}
				required++
				content := m.Content
				m.Content = append(append([]*yaml.Node{}, content[:i]...), content[i+2:]...)
				out, err := yaml.Marshal(&root)
				m.Content = content
				require.NoError(t, err)
				_, perr := scenario.Parse(e.Name+".yaml", out)
				assert.Error(t, perr, "%s: without %s (line %d) the schema rejects the file but Parse accepts it", e.Name, key, m.Content[i].Line)
			}
		}
	}
	assert.Greater(t, checked, 300)
	assert.Greater(t, required, 50)
	t.Logf("%d deletions, %d of a key the schema requires", checked, required)
}

// mappings lists every mapping node under n.
func mappings(n *yaml.Node) []*yaml.Node {
	var list []*yaml.Node
	if n.Kind == yaml.MappingNode {
		list = append(list, n)
	}
	for _, c := range n.Content {
		list = append(list, mappings(c)...)
	}
	return list
}

// TestSchemaKnowsEveryMetric checks that report.metrics accepts every
// metric name an example's models report (the schema's list is read from
// package sim's MetricName constants), and each group kind.
func TestSchemaKnowsEveryMetric(t *testing.T) {
	s := compileSchema(t)
	seen := 0
	for _, e := range examples.List() {
		data, err := examples.Read(e.Name)
		require.NoError(t, err)
		f, err := scenario.Parse(e.Name+".yaml", data)
		require.NoError(t, err)
		opts, err := f.CompileOptions()
		require.NoError(t, err)
		var models []*workforce.Model
		for _, o := range opts {
			models = append(models, o.Model)
		}
		names := sim.MetricNames(models)
		seen += len(names)
		doc := yamlToJSON(t, data).(map[string]any)
		var metrics, groups []any
		for _, n := range names {
			metrics = append(metrics, n)
		}
		for _, g := range sim.GroupKindNames() {
			groups = append(groups, g)
		}
		doc["report"] = map[string]any{"metrics": metrics, "groups": groups}
		assert.NoError(t, s.Validate(doc), e.Name)
	}
	assert.Greater(t, seen, 100)
}
