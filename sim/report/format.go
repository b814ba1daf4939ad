package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ahpsim/ahpsim/workforce"
)

// How numbers are written in findings and tables. Rates and percentage
// points get one decimal (the Monte Carlo error of a few hundred runs is
// rarely below 0.1 points), FTE one decimal, pounds as money says.

// pct writes a fraction as a percentage: 0.1234 is "12.3%".
func pct(v float64) string { return strconv.FormatFloat(100*v, 'f', 1, 64) + "%" }

// shortPct writes a fraction as a percentage without a trailing ".0":
// 0.1 is "10%", 0.125 is "12.5%".
func shortPct(v float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(100*v, 'f', 1, 64), ".0") + "%"
}

// points writes a difference of fractions, ignoring its sign, in
// percentage points: -0.061 is "6.1".
func points(v float64) string { return strconv.FormatFloat(100*math.Abs(v), 'f', 1, 64) }

// prob writes a probability as a whole percentage, but never rounds a
// probability that is not 0 or 1 to "0%" or "100%".
func prob(p float64) string {
	switch {
	case p > 0 && p < 0.005:
		return "less than 1%"
	case p < 1 && p >= 0.995:
		return "more than 99%"
	}
	return strconv.FormatFloat(100*p, 'f', 0, 64) + "%"
}

// number writes v with dec decimals and comma thousands separators.
func number(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg && strings.Trim(out, "0.,") != "" {
		out = "-" + out
	}
	return out
}

// fte writes an FTE figure, ignoring its sign: "1,234.5".
func fte(v float64) string { return number(math.Abs(v), 1) }

// money writes pounds for reading, ignoring the sign: a million or more
// in millions with one decimal ("£720.5m"), less to three significant
// figures ("£693,000", "£63,400"), and below £1,000 to the pound. A
// model's costs are not known to the pound, and a board reads millions.
func money(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 999.95e6:
		return "£" + number(a/1e9, 2) + "bn"
	case a >= 999.5e3:
		return "£" + number(a/1e6, 1) + "m"
	case a >= 999.5:
		return "£" + number(sigFigs(a, 3), 0)
	}
	return "£" + number(a, 0)
}

// sigFigs rounds a positive v to n significant figures.
func sigFigs(v float64, n int) float64 {
	scale := math.Pow(10, float64(n)-math.Ceil(math.Log10(v)))
	return math.Round(v*scale) / scale
}

// signedMoney writes pounds with a minus sign when negative: "-£1,230".
func signedMoney(v float64) string {
	if money(v) != money(0) && v < 0 {
		return "-" + money(v)
	}
	return money(v)
}

// monthWords writes a month for people: "April 2028".
func monthWords(m workforce.Month) string {
	return fmt.Sprintf("%s %d", time.Month(m.MonthOfYear()), m.Year())
}

// spread describes in words the range [lo, hi] of a difference (option
// minus reference), each end written by f ignoring its sign: below zero is
// less, above is more. For example spread(-0.021, -0.003, ...) is "0.3 to
// 2.1 points lower" and spread(-0.021, 0.003, ...) is "from 2.1 points
// lower to 0.3 points higher".
func spread(lo, hi float64, f func(float64) string, unit, less, more string) string {
	switch {
	case f(lo) == f(hi) && (lo <= 0) == (hi <= 0):
		word := more
		if hi <= 0 {
			word = less
		}
		if f(hi) == f(0) {
			return "no difference in any run"
		}
		return f(hi) + unit + " " + word + " in every run"
	case hi <= 0:
		return f(hi) + " to " + f(lo) + unit + " " + less
	case lo >= 0:
		return f(lo) + " to " + f(hi) + unit + " " + more
	}
	return "from " + f(lo) + unit + " " + less + " to " + f(hi) + unit + " " + more
}
