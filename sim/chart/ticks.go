package chart

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// Date ticks.
const (
	// yearlySpan: spans longer than this many months get yearly ticks.
	yearlySpan = 36
	// maxYearLabels and maxMonthLabels cap how many labelled ticks the time
	// axis gets, so that labels never overlap at the fixed chart width.
	maxYearLabels  = 12
	maxMonthLabels = 7
)

// dateTicksYearly reports whether dateTicks labels [lo, hi] by year.
func dateTicksYearly(lo, hi float64) bool { return hi-lo > yearlySpan }

// dateTicks is the plot.Ticker of the time axis; values are Months. For spans
// of more than three years it labels Januaries "YYYY" (every 1, 2, 5, 10, ...
// years so that at most maxYearLabels appear), otherwise it labels months
// "YYYY-MM" every 1, 2, 3, 6 or 12 months, aligned on January. Unlabelled
// minor ticks mark the quarters or months in between.
func dateTicks(lo, hi float64) []plot.Tick { return dateTicksN(lo, hi, maxYearLabels) }

// dateTicker is dateTicks with at most maxYears labelled years.
func dateTicker(maxYears int) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick { return dateTicksN(lo, hi, maxYears) })
}

func dateTicksN(lo, hi float64, maxYears int) []plot.Tick {
	if !(hi >= lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	first := int(math.Ceil(lo - 1e-9))
	last := int(math.Floor(hi + 1e-9))
	if last < first {
		return nil
	}
	var ticks []plot.Tick
	add := func(step, minor int, label func(m Month) string) {
		// Major ticks on multiples of step (months from year 0), minor
		// ticks on multiples of minor that are not major.
		start := floorDiv(first+minor-1, minor) * minor
		for m := start; m <= last; m += minor {
			if m%step == 0 {
				ticks = append(ticks, plot.Tick{Value: float64(m), Label: label(Month(m))})
			} else {
				ticks = append(ticks, plot.Tick{Value: float64(m)})
			}
		}
	}
	if dateTicksYearly(lo, hi) {
		years := float64(last-first) / 12
		step := niceCount(years, maxYears, []int{1, 2, 5})
		minor := 12
		switch {
		case step == 1 && years <= 15:
			minor = 3 // quarters
		case step%10 == 0:
			minor = 12 * step / 5
		}
		add(12*step, minor, func(m Month) string { return strconv.Itoa(m.Year()) })
		return ticks
	}
	span := last - first
	step := 12
	for _, s := range []int{1, 2, 3, 6, 12} {
		if span/s+1 <= maxMonthLabels {
			step = s
			break
		}
	}
	add(step, 1, Month.String)
	return ticks
}

// niceCount returns the smallest step from mantissas*10^k such that
// span/step+1 <= max.
func niceCount(span float64, max int, mantissas []int) int {
	for mag := 1; mag < 1e9; mag *= 10 {
		for _, m := range mantissas {
			if span/float64(m*mag)+1 <= float64(max) {
				return m * mag
			}
		}
	}
	return 1e9
}

// Value ticks.

// niceTicks returns round values in [lo, hi] (multiples of 1, 2 or 5 times
// a power of ten), choosing the step whose tick count is closest to target
// (the larger step on a tie), and the step.
func niceTicks(lo, hi float64, target int) ([]float64, float64) {
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil, 0
	}
	count := func(step float64) float64 {
		return math.Floor(hi/step+1e-9) - math.Ceil(lo/step-1e-9) + 1
	}
	e := math.Floor(math.Log10((hi - lo) / float64(target)))
	step, best := 0.0, math.Inf(1)
	for k := e - 1; k <= e+1; k++ {
		for _, m := range []float64{1, 2, 5} {
			s := m * math.Pow(10, k)
			if d := math.Abs(count(s) - float64(target)); d <= best {
				step, best = s, d
			}
		}
	}
	i0 := math.Ceil(lo/step - 1e-9)
	i1 := math.Floor(hi/step + 1e-9)
	if !(step > 0) || !(i1 >= i0) || i1-i0 > 100 || math.IsInf(i0, 0) || math.IsInf(i1, 0) {
		return []float64{lo, hi}, hi - lo
	}
	var vs []float64
	for i := i0; i <= i1; i++ {
		v := i * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		vs = append(vs, v)
	}
	return vs, step
}

// decimalsFor returns the number of decimals (0 to 6) needed to show
// multiples of step exactly.
func decimalsFor(step float64) int {
	for d := 0; d < 6; d++ {
		s := step * math.Pow10(d)
		if math.Abs(s-math.Round(s)) < 1e-6*math.Max(1, math.Abs(s)) {
			return d
		}
	}
	return 6
}

// numberTicks is the plot.Ticker for plain numbers: round values with
// thousands separators, e.g. "1,250,000".
func numberTicks(lo, hi float64) []plot.Tick { return numberTicksN(lo, hi, 7) }

// numberTicker and percentTicker are numberTicks and percentTicks with
// about n labelled values.
func numberTicker(n int) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick { return numberTicksN(lo, hi, n) })
}

func percentTicker(n int) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick { return percentTicksN(lo, hi, n) })
}

func numberTicksN(lo, hi float64, n int) []plot.Tick {
	vs, step := niceTicks(lo, hi, n)
	d := decimalsFor(step)
	ticks := make([]plot.Tick, len(vs))
	for i, v := range vs {
		ticks[i] = plot.Tick{Value: v, Label: formatNumber(v, d)}
	}
	return ticks
}

// percentTicks is the plot.Ticker for fractions shown as percentages,
// e.g. 0.12 is labelled "12%".
func percentTicks(lo, hi float64) []plot.Tick { return percentTicksN(lo, hi, 7) }

func percentTicksN(lo, hi float64, n int) []plot.Tick {
	vs, step := niceTicks(lo, hi, n)
	d := decimalsFor(step * 100)
	ticks := make([]plot.Tick, len(vs))
	for i, v := range vs {
		ticks[i] = plot.Tick{Value: v, Label: formatNumber(v*100, d) + "%"}
	}
	return ticks
}

// formatPercent formats the fraction v as a percentage with as few decimals
// as needed (at most 2): 0.1 is "10%", 0.125 is "12.5%".
func formatPercent(v float64) string {
	s := strconv.FormatFloat(v*100, 'f', 2, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s + "%"
}

// formatValue formats v with as few decimals as needed (at most 2) and
// thousands separators.
func formatValue(v float64) string {
	d := decimalsFor(v)
	if d > 2 {
		d = 2
	}
	return formatNumber(v, d)
}

// formatNumber formats v with d decimals and comma thousands separators.
func formatNumber(v float64, d int) string {
	s := strconv.FormatFloat(v, 'f', d, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if len(intPart) > 3 && !strings.ContainsAny(intPart, "eE") {
		var b strings.Builder
		lead := len(intPart) % 3
		if lead > 0 {
			b.WriteString(intPart[:lead])
		}
		for i := lead; i < len(intPart); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(intPart[i : i+3])
		}
		intPart = b.String()
	}
	s = intPart
	if hasFrac {
		s += "." + frac
	}
	if neg && strings.Trim(s, "0.,") != "" {
		s = "-" + s
	}
	return s
}
