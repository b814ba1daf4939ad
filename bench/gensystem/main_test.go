package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/workforce"
	"github.com/stretchr/testify/require"
)

func compile(t *testing.T, name string, data []byte) *workforce.Model {
	t.Helper()
	f, err := scenario.Parse(name, data)
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	return m
}

func baseline(t *testing.T) ([]byte, *workforce.Model) {
	t.Helper()
	src, err := examples.Read("bhr-baseline")
	require.NoError(t, err)
	return src, compile(t, "bhr-baseline.yaml", src)
}

// One copy is the example itself: the same cells, rules and parameters,
// only under another organisation key.
func TestOneCopyIsTheExample(t *testing.T) {
	src, want := baseline(t)
	data, err := Generate(string(src), 1)
	require.NoError(t, err)
	got := compile(t, "bhr-1.yaml", []byte(data))
	require.Equal(t, want.Cells, got.Cells)
	require.Equal(t, want.Promotions, got.Promotions)
	require.Equal(t, want.Graduates, got.Graduates)
	require.Equal(t, len(want.Params), len(got.Params))
	require.Equal(t, len(want.Apprenticeships), len(got.Apprenticeships))
	require.Equal(t, len(want.Rotations), len(got.Rotations))
	require.Equal(t, want.Costs, got.Costs)
}

// K copies have K organisations, each with every cell, pipeline and
// rotation of the example, and each copy's rules stay in its organisation.
func TestCopiesAreSeparateOrganisations(t *testing.T) {
	src, one := baseline(t)
	data, err := Generate(string(src), 3)
	require.NoError(t, err)
	m := compile(t, "bhr-3.yaml", []byte(data))
	require.Len(t, m.Layout.Organisations, 3)
	require.Len(t, m.Cells, 3*len(one.Cells))
	require.Len(t, m.Apprenticeships, 3*len(one.Apprenticeships))
	require.Len(t, m.International, 3*len(one.International))
	require.Len(t, m.Returners, 3*len(one.Returners))
	require.Len(t, m.Rotations, 3*len(one.Rotations))
	// Every parameter is the copy's own, drawn separately, except the
	// file-wide ones (the retirement rates), which stay shared.
	shared := 0
	for _, d := range one.Params {
		if strings.HasPrefix(d.Name, "retirement_rates.") {
			shared++
		}
	}
	require.Equal(t, 2, shared, "the baseline's file-wide parameters")
	require.Len(t, m.Params, 3*(len(one.Params)-shared)+shared)
	for _, a := range m.Apprenticeships {
		require.Equal(t, m.Layout.Cells[a.From].Org, m.Layout.Cells[a.To].Org, "apprenticeship %s", a.Name)
	}
}

// A hundred copies, the largest system bench/scale.sh runs, fit in the
// 1 MiB a scenario may hold.
func TestHundredCopiesFitAScenarioFile(t *testing.T) {
	src, one := baseline(t)
	data, err := Generate(string(src), 100)
	require.NoError(t, err)
	require.LessOrEqual(t, len(data), scenario.MaxBytes)
	require.Len(t, compile(t, "bhr-100.yaml", []byte(data)).Cells, 100*len(one.Cells))
}

func TestRunRefusesBadK(t *testing.T) {
	var out bytes.Buffer
	require.ErrorContains(t, run(&out, []string{"-k", "0"}), "want 1 to 999 organisations, got 0")
	require.NoError(t, run(&out, []string{"-k", "2"}))
	require.Contains(t, out.String(), "key: bhr_002")
}
