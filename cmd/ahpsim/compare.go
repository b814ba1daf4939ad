package main

import (
	"fmt"

	"github.com/ahpsim/ahpsim/sim"
)

// defaultCompareExample is what `ahpsim compare` runs with no argument.
const defaultCompareExample = "bhr-options"

// compileOptions compiles the baseline and every option of a scenario.
func compileOptions(in *input) ([]sim.Option, error) {
	opts, err := in.file.CompileOptions()
	if err != nil {
		return nil, err
	}
	out := make([]sim.Option, len(opts))
	for i, o := range opts {
		out[i] = sim.Option{Name: o.Name, Description: o.Description, Model: o.Model}
	}
	return out, nil
}

// findings are the key findings in words.
func findings(c *sim.Comparison) []string {
	r := c.Options[0]
	last := len(r.Dates) - 1
	all := r.GroupIndex("all", "all", "all")
	var out []string
	for p, pair := range c.Pairs {
		if pair.Reference != 0 {
			continue
		}
		st := c.PairTable.Stats(c.PairSeries(p, last, all, 0))
		better := c.PairTable.Stats(c.PairSeries(p, last, all, 4))
		out = append(out, fmt.Sprintf("%s changes the whole-system vacancy rate by %+.1f points by %s (90%% range %+.1f to %+.1f); probability it beats the baseline %.0f%%",
			c.Names[pair.Option], 100*st.Mean, r.Dates[last], 100*st.P05, 100*st.P95, 100*better.Mean))
	}
	return out
}

func reportHTML(j *job, c *sim.Comparison) ([]byte, error) {
	return []byte("<!doctype html><title>ahpsim report</title>"), nil
}
