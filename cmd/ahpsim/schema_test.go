package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
)

// TestSchemaCommand checks that ahpsim schema prints the committed schema,
// docs/ahpsim.schema.json, and takes no arguments.
func TestSchemaCommand(t *testing.T) {
	stdout, stderr, code := runSplit(t, "schema")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr)
	want, err := os.ReadFile("../../docs/ahpsim.schema.json")
	require.NoError(t, err)
	assert.Equal(t, string(want), stdout)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc))
	assert.Equal(t, scenario.SchemaURL, doc["$id"])

	stdout, stderr, code = runSplit(t, "schema", "out.json")
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "ahpsim: schema takes no arguments")
}

// TestReadmeNamesTheSchema checks that the README's modeline names the
// schema's published address, and that a scenario starting with it is
// still a valid scenario (the line is a YAML comment).
func TestReadmeNamesTheSchema(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	modeline := "# yaml-language-server: $schema=" + scenario.SchemaURL
	assert.Contains(t, string(readme), modeline+"\n")
	assert.Contains(t, string(readme), `"`+scenario.SchemaURL+`": [`)
	data, err := examples.Read("teaching")
	require.NoError(t, err)
	_, err = scenario.Parse("teaching.yaml", append([]byte(modeline+"\n"), data...))
	assert.NoError(t, err)
}
