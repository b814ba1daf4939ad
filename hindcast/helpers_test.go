package hindcast

import (
	"testing"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/workforce"
)

// exampleModel compiles an embedded example.
func exampleModel(t testing.TB, name string) *workforce.Model {
	t.Helper()
	data, err := examples.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := scenario.Parse(name+".yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	m, err := f.Compile()
	if err != nil {
		t.Fatal(err)
	}
	return m
}
