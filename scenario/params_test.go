package scenario_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
)

// TestParameterOrderGolden pins the parameter-numbering contract of
// compile: common random numbers pair two options' draws by parameter
// number, so a reordering of compile's steps changes every comparison.
// For each embedded example it lists the baseline's parameters by number,
// name and distribution, then each option's own (which follow the baseline's).
func TestParameterOrderGolden(t *testing.T) {
	var b strings.Builder
	for _, ex := range examples.List() {
		data, err := examples.Read(ex.Name)
		require.NoError(t, err)
		f, err := scenario.Parse(ex.Name+".yaml", data)
		require.NoError(t, err)
		opts, err := f.CompileOptions()
		require.NoError(t, err)
		base := len(opts[0].Model.Params)
		for i, o := range opts {
			params := o.Model.Params
			from := base
			if i == 0 {
				from = 0
			}
			require.GreaterOrEqual(t, len(params), base, "%s/%s", ex.Name, o.Name)
			for id := from; id < len(params); id++ {
				d := params[id]
				fmt.Fprintf(&b, "%s %s %d %s %v(%g, %g, %g) in [%g, %g]\n", ex.Name, o.Name, id, d.Name, d.Kind, d.A, d.B, d.C, d.Min, d.Max)
			}
		}
	}
	checkGolden(t, filepath.Join("testdata", "params.golden"), b.String())
}
