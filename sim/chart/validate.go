package chart

import (
	"fmt"
	"math"
)

// checkMonths checks that months is non-empty, within years 0-9999 and
// strictly increasing; what names the owner in errors.
func checkMonths(what string, months []Month) error {
	if len(months) == 0 {
		return fmt.Errorf("chart: %s: no Months", what)
	}
	for i, m := range months {
		if m < minMonth || m > maxMonth {
			return fmt.Errorf("chart: %s: Months[%d] = %d is outside years 0000-9999", what, i, int(m))
		}
		if i > 0 && m <= months[i-1] {
			return fmt.Errorf("chart: %s: Months not strictly increasing: Months[%d] = %s follows %s", what, i, m, months[i-1])
		}
	}
	return nil
}

// checkValues checks that vs has one value per month and no infinities;
// NaN is allowed (a gap) unless allowNaN is false.
func checkValues(what, field string, vs []float64, months []Month, allowNaN bool) error {
	if len(vs) != len(months) {
		return fmt.Errorf("chart: %s: %s has %d values, want %d (one per month)", what, field, len(vs), len(months))
	}
	for i, v := range vs {
		if math.IsInf(v, 0) {
			return fmt.Errorf("chart: %s: %s at %s is %v, want a finite value (or NaN for a gap)", what, field, months[i], v)
		}
		if !allowNaN && math.IsNaN(v) {
			return fmt.Errorf("chart: %s: %s at %s is NaN, want a finite value", what, field, months[i])
		}
	}
	return nil
}

// checkOrdered checks lo <= hi wherever both are defined.
func checkOrdered(what, loName, hiName string, lo, hi []float64, months []Month) error {
	for i := range lo {
		if lo[i] > hi[i] { // false when either is NaN
			return fmt.Errorf("chart: %s: at %s %s (%v) is above %s (%v)", what, months[i], loName, lo[i], hiName, hi[i])
		}
	}
	return nil
}

func checkText(chartKind, field, s string) error {
	if s == "" {
		return fmt.Errorf("chart: %s: %s is empty; every chart needs a title and axis labels with units", chartKind, field)
	}
	return nil
}

// checkNames checks that every name is non-empty and unique (they are the
// legend labels).
func checkNames(kind string, names []string) error {
	seen := make(map[string]int, len(names))
	for i, n := range names {
		if n == "" {
			return fmt.Errorf("chart: %s %d has no Name (needed for the legend)", kind, i)
		}
		if j, dup := seen[n]; dup {
			return fmt.Errorf("chart: %s %d and %d are both named %q; legend names must differ", kind, j, i, n)
		}
		seen[n] = i
	}
	return nil
}

// extent tracks the range of finite values.
type extent struct{ lo, hi float64 }

func newExtent() extent { return extent{math.Inf(1), math.Inf(-1)} }

func (e *extent) add(vs ...float64) {
	for _, v := range vs {
		if finite(v) {
			e.lo = math.Min(e.lo, v)
			e.hi = math.Max(e.hi, v)
		}
	}
}

func monthsToFloats(ms []Month) []float64 {
	xs := make([]float64, len(ms))
	for i, m := range ms {
		xs[i] = float64(m)
	}
	return xs
}
