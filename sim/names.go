package sim

import (
	"fmt"

	"github.com/ahpsim/ahpsim/workforce"
)

// checkOptions reports option names and descriptions no output may show.
// An option's name is a key, as in a scenario file: it is the first column
// of summary.csv and comparison.csv, so two options may not share one.
func checkOptions(opts []Option) error {
	seen := map[string]int{}
	for i, o := range opts {
		if err := workforce.CheckKey(o.Name); err != nil {
			return fmt.Errorf("sim: option %d name: %w", i, err)
		}
		if j, dup := seen[o.Name]; dup {
			return fmt.Errorf("sim: options %d and %d are both named %q (want one name each)", j, i, o.Name)
		}
		seen[o.Name] = i
		if err := workforce.CheckDescription(o.Description); err != nil {
			return fmt.Errorf("sim: option %q description: %w", o.Name, err)
		}
	}
	return nil
}
