package workforce_test

import (
	"testing"

	"github.com/ahpsim/ahpsim/workforce"
)

func TestFinancialYears(t *testing.T) {
	for _, tc := range []struct {
		month workforce.Month
		year  int
	}{{workforce.NewMonth(2025, 3), 2024}, {workforce.NewMonth(2025, 4), 2025}, {workforce.NewMonth(2026, 1), 2025}} {
		if got := workforce.FinancialYear(tc.month); got != tc.year {
			t.Errorf("FinancialYear(%v) = %d, want %d", tc.month, got, tc.year)
		}
	}
	if got := workforce.FinancialYearLabel(1999); got != "1999/00" {
		t.Errorf("label of 1999 = %q", got)
	}
	for label, want := range map[string]int{"2025/26": 2025, "1999/00": 1999} {
		if y, err := workforce.ParseFinancialYear(label); err != nil || y != want {
			t.Errorf("ParseFinancialYear(%q) = %d, %v", label, y, err)
		}
	}
	for _, bad := range []string{"2025/27", "2025-26", "2025/2026", "25/26", "+025/26", "2025/+6", "1800/01", ""} {
		if _, err := workforce.ParseFinancialYear(bad); err == nil {
			t.Errorf("ParseFinancialYear(%q) gave no error", bad)
		}
	}
}

func TestMoneyIndices(t *testing.T) {
	mo := workforce.Money{PayAwards: []workforce.YearRate{{Year: 2025, Rate: 0.036}, {Year: 2026, Rate: 0.05}}, PayAwardAfter: 0.02,
		Deflator: []workforce.YearRate{{Year: 2025, Rate: 0.03}}, Inflation: 0.01, DiscountRate: 0.035}
	near := func(what string, got, want float64) {
		t.Helper()
		if d := got - want; d > 1e-12 || d < -1e-12 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	near("pay 2024->2027", mo.PayIndex(2024, 2027), 1.036*1.05*1.02)
	near("pay 2026->2024", mo.PayIndex(2026, 2024), 1/(1.036*1.05))
	near("award before the first", mo.PayAward(2020), 0)
	near("prices 2024->2026", mo.PriceIndex(2024, 2026), 1.03*1.01)
	near("prices 2025->2023", mo.PriceIndex(2025, 2023), 1/(1.01*1.03))
	near("discount year 0", mo.DiscountFactor(2025, 2025), 1)
	near("discount year 2", mo.DiscountFactor(2025, 2027), 1/(1.035*1.035))
	var zero workforce.Money
	near("no awards", zero.PayIndex(2025, 2030), 1)
	near("no discounting", zero.DiscountFactor(2025, 2030), 1)
}
