package scenario

import (
	"errors"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"go.yaml.in/yaml/v3"
)

// TestYAMLErrors checks the rewriting of yaml.v3's own messages, which
// Parse uses for syntax errors and as a fallback should its strict decoder
// ever disagree with the walker.
func TestYAMLErrors(t *testing.T) {
	src := newSource("f.yaml")
	src.keyPos["workforce[0].leaver_rat"] = position{6, 5}
	tests := []struct {
		err  error
		want string
	}{
		{&yaml.TypeError{Errors: []string{"line 6: field leaver_rat not found in type scenario.Group"}}, "f.yaml:6:5: workforce[0].leaver_rat: unknown key"},
		{&yaml.TypeError{Errors: []string{"line 9: cannot unmarshal !!str `x` into int"}}, "f.yaml:9: cannot unmarshal !!str `x` into int"},
		{errors.New("yaml: line 3: did not find expected key"), "f.yaml:3: syntax error: did not find expected key"},
		{errors.New("yaml: control characters are not allowed"), "f.yaml: syntax error: control characters are not allowed"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, yamlErrors("f.yaml", src, tt.err).Error())
	}
}

func TestSuggest(t *testing.T) {
	keys := structFields(reflect.TypeFor[Simulation]()).names
	tests := []struct {
		in   string
		want string
	}{
		{"strat", "start"},
		{"Start", "start"},
		{"horizon_year", "horizon_years"},
		{"horizon", ""}, // a prefix of two keys: no guess
		{"runz", "runs"},
		{"report_every", "report_every_months"},
		{"colour", ""},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, closest(tt.in, keys), tt.in)
	}
	assert.Equal(t, " (did you mean start?)", suggest("strat", keys, "want x"))
	assert.Equal(t, " (want x)", suggest("colour", keys, "want x"))
}

func TestPaths(t *testing.T) {
	assert.Equal(t, "workforce[2].bands", parent("workforce[2].bands.5"))
	assert.Equal(t, "workforce", parent("workforce[2]"))
	assert.Equal(t, "", parent("workforce"))
	s := newSource("f.yaml")
	s.markBad("workforce[2].bands.5.headcount")
	for path, want := range map[string]bool{
		"workforce[2].bands.5.headcount":     true,  // the rejected value
		"workforce[2].bands.5.headcount.min": true,  // under it
		"workforce[2]":                       true,  // above it
		"workforce[2].profession":            false, // beside it
		"workforce[3].bands.5.headcount":     false,
		"workforce[2].bands.50":              false,
	} {
		assert.Equal(t, want, s.suppressed(path), path)
	}
}
