package workbook

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
)

// TestWorkbookRefusesTooManyRows lowers Excel's row limit and checks the
// writer refuses a sheet beyond it, naming the way out.
func TestWorkbookRefusesTooManyRows(t *testing.T) {
	data, err := examples.Read("teaching")
	require.NoError(t, err)
	f, err := scenario.Parse("teaching.yaml", data)
	require.NoError(t, err)
	opts, err := f.CompileOptions()
	require.NoError(t, err)
	c, err := sim.Compare(context.Background(), opts, sim.Settings{Runs: 2, Seed: 1, Workers: 1, Report: sim.DefaultSelection(nil)}, sim.CompareSettings{})
	require.NoError(t, err)
	rows := 1 + len(groups(c.Options[0]))*3
	defer func(n int) { maxRows = n }(maxRows)
	maxRows = rows
	require.NoError(t, Write(&bytes.Buffer{}, c, Info{}), "a sheet of exactly the limit")
	maxRows = rows - 1
	err = Write(&bytes.Buffer{}, c, Info{})
	require.ErrorContains(t, err, "more than Excel's")
	require.ErrorContains(t, err, "--groups")
}
