package scenario_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/workforce"
)

const moneyYAML = `
name: money
simulation: {start: 2025-01, horizon_years: 4}
workforce:
  - profession: physiotherapist
    bands: {6: {headcount: 10, establishment_fte: 11}}
costs:
  annual_pay_per_fte: {6: 53500}
`

func compileMoney(t *testing.T, extra string) workforce.Money {
	t.Helper()
	f, err := scenario.Parse("money.yaml", []byte(moneyYAML+extra))
	require.NoError(t, err)
	m, err := f.Compile()
	require.NoError(t, err)
	return m.Costs.Money
}

func TestMoneyDefaults(t *testing.T) {
	mo := compileMoney(t, "")
	assert.Equal(t, workforce.Money{Inflation: scenario.DefaultInflation, DiscountRate: 0.035}, mo)
}

func TestMoneyKeysCompile(t *testing.T) {
	mo := compileMoney(t, `  price_base: 2024/25
  pay_awards: {2025/26: 0.036, 2024/25: 0.055}
  gdp_deflator: {2024/25: 0.031}
  inflation: 0.019
  discount_rate: 0.015
`)
	assert.Equal(t, workforce.Money{PriceBase: 2024,
		PayAwards:     []workforce.YearRate{{Year: 2024, Rate: 0.055}, {Year: 2025, Rate: 0.036}},
		PayAwardAfter: 0.036, // the last given award carries on
		Deflator:      []workforce.YearRate{{Year: 2024, Rate: 0.031}}, Inflation: 0.019, DiscountRate: 0.015}, mo)
	assert.InDelta(t, 1.036*1.036, mo.PayIndex(2024, 2026), 1e-15)
	assert.InDelta(t, 1/1.055, mo.PayIndex(2024, 2023), 1e-15) // 2023/24 is before the 2024/25 award
	assert.InDelta(t, 1.019*1.019, mo.PriceIndex(2024, 2026), 1e-15)

	mo = compileMoney(t, `  pay_awards: {2024/25: 0.055, 2025/26: 0.036}
  pay_award_after: 0.025
`)
	assert.Equal(t, 0.025, mo.PayAward(2030))
	assert.Equal(t, 0.036, mo.PayAward(2025))
}
