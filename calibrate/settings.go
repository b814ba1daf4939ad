package calibrate

import (
	"cmp"
	"fmt"
	"math"
	"strconv"

	"github.com/ahpsim/ahpsim/workforce"
)

// setting is one key a written scenario gives a cell: its path below the
// band (or the workforce entry), its value as a YAML flow fragment, and
// the comment that says where the value comes from.
type setting struct {
	Key     string // e.g. "headcount", "recruitment.monthly_fill", "promotion[from=5].monthly_apply"
	Value   string
	Comment string
}

// promotionKey is the path of the monthly_apply of the promotion rule from
// a band, in an entry's promotion list.
func promotionKey(b workforce.Band) string {
	// The rule within the profession: a rule from the band with a 'to' is
	// a pull move elsewhere, which the history does not count.
	return "promotion[from=" + b.String() + ",to=].monthly_apply"
}

// cellWriter computes the settings of cells from a spec.
type cellWriter struct {
	spec    ScenarioSpec
	horizon int // months
	where   func(m workforce.Month) string
	// retirementOff switches off a base's retirement rates where the
	// leaver rate is fitted (see retirementOff); "" without a base.
	retirementOff string
}

func newCellWriter(spec ScenarioSpec, horizon int) *cellWriter {
	return &cellWriter{spec: spec, horizon: horizon, where: func(m workforce.Month) string {
		return fmt.Sprintf("end of %s, %s", m, spec.Source)
	}}
}

// estimate returns the fit's estimate of a parameter of a cell.
func (c *cellWriter) estimate(s CellState, p Param) (*Estimate, bool) {
	if c.spec.Fit == nil {
		return nil, false
	}
	for i := range c.spec.Fit.Estimates {
		e := &c.spec.Fit.Estimates[i]
		if e.Org == s.Org && e.Prof == s.Prof && e.Band == s.Band && e.Param == p {
			return e, true
		}
	}
	return nil, false
}

// stateSettings are the starting state of a cell: headcount, FTE per head
// and establishment.
func (c *cellWriter) stateSettings(s CellState) []setting {
	heads := math.Round(s.Heads)
	hc := "staff in post, heads, " + c.where(s.Month)
	if heads != s.Heads {
		hc += ", rounded from " + sigFig(s.Heads, 4)
	}
	out := []setting{{"headcount", strconv.Itoa(int(heads)), hc}}
	// The FTE the scenario starts with: heads x fte_per_head, which may
	// differ from the table's when heads were rounded or FTE capped.
	startFTE := s.FTE
	if fph, comment, ok := c.ftePerHead(s); ok {
		out = append(out, setting{"fte_per_head", sigFig(fph, 3), comment})
		startFTE = heads * fph
	}
	return append(out, setting{"establishment_fte", sigFig(s.EstablishmentFTE, 4), c.establishmentComment(s, startFTE)})
}

// ftePerHead is the start's FTE over heads, capped to the format's range
// (above 0, at most 1); none for a cell with no staff or no FTE.
func (c *cellWriter) ftePerHead(s CellState) (float64, string, bool) {
	if s.Heads <= 0 || s.FTE <= 0 {
		return 0, "", false
	}
	if s.FTEAssumed {
		return 1, fmt.Sprintf("ASSUMPTION: no staff_fte in %s for %s: one FTE a head", c.spec.Source, s.Month), true
	}
	fph := s.FTE / s.Heads
	comment := fmt.Sprintf("staff in post %s FTE / %s heads, %s", sigFig(s.FTE, 4), sigFig(s.Heads, 4), c.where(s.Month))
	if fph > 1 {
		fph, comment = 1, comment+", capped at 1"
	}
	if e, ok := c.estimate(s, FTEPerHead); ok {
		comment += fmt.Sprintf("; the history's mean %s (90%%: %s to %s)", sigFig(e.Mean, 3), sigFig(e.Lower, 3), sigFig(e.Upper, 3))
	}
	return fph, comment, true
}

// establishmentComment says where the establishment comes from and the
// vacancy rate the scenario starts with (from startFTE, its FTE).
func (c *cellWriter) establishmentComment(s CellState, startFTE float64) string {
	vr := ""
	if s.EstablishmentFTE > 0 {
		vr = fmt.Sprintf(" (vacancy rate %.1f%%)", 100*(s.EstablishmentFTE-startFTE)/s.EstablishmentFTE)
	}
	switch {
	case s.EstablishmentAssumed:
		return fmt.Sprintf("ASSUMPTION: no establishment_fte or vacancies_fte in %s for %s: posts = staff in post FTE (vacancy rate 0)", c.spec.Source, s.Month)
	case s.EstablishmentFromVac:
		return fmt.Sprintf("staff in post %s FTE + vacancies %s FTE, %s%s", sigFig(s.FTE, 4), sigFig(s.EstablishmentFTE-s.FTE, 4), c.where(s.Month), vr)
	}
	return "establishment FTE, " + c.where(s.Month) + vr
}

// vacancyRate is the start's vacancy rate (0 with no establishment).
func vacancyRate(s CellState) float64 {
	if s.EstablishmentFTE <= 0 {
		return 0
	}
	return (s.EstablishmentFTE - s.FTE) / s.EstablishmentFTE
}

// rateSettings are a cell's fitted rates: leaver rate, monthly fill,
// promotion and establishment growth. Without a fit (or without an
// estimate) the leaver rate and fill are the defaults, marked as
// assumptions, when defaults is set (and left out when not: over a base
// scenario, the base's stand); promotion and growth are left out.
func (c *cellWriter) rateSettings(s CellState, defaults bool) []setting {
	var out []setting
	r, _ := defaultLeaverRate(s.Prof)
	if e, ok := c.estimate(s, LeaverRate); ok {
		out = append(out, c.fitted("leaver_rate", e, "% a year"))
		r = e.Mean
	} else if defaults {
		out = append(out, defaultLeaverSetting(s.Prof))
	}
	if e, ok := c.estimate(s, MonthlyFill); ok {
		out = append(out, c.fitted("recruitment.monthly_fill", e, "% a month"))
	} else if defaults {
		f, why := defaultMonthlyFill(r, vacancyRate(s))
		out = append(out, setting{"recruitment.monthly_fill", sigFig(f, 3), "ASSUMPTION: " + why})
	}
	if e, ok := c.estimate(s, PromotionApply); ok {
		if _, up := s.Band.Next(); up {
			out = append(out, c.fitted(promotionKey(s.Band), e, "% a month"))
		}
	}
	if e, ok := c.estimate(s, EstablishmentGrowth); ok {
		out = append(out, c.growth(e))
	}
	return out
}

// defaultLeaverSetting is the default leaver rate of a profession, as a
// Beta distribution worth priorStaffYears of data.
func defaultLeaverSetting(prof string) setting {
	r, why := defaultLeaverRate(prof)
	a, b := r*priorStaffYears, (1-r)*priorStaffYears
	return setting{"leaver_rate", betaValue(a, b),
		fmt.Sprintf("ASSUMPTION: %s, as uncertain as %d staff-years of data; run ahpsim calibrate to fit it", why, priorStaffYears)}
}

// fitted writes an estimate of a probability as its Beta distribution
// (or, when the fit gave no Beta, the triangular of its interval).
func (c *cellWriter) fitted(key string, e *Estimate, unit string) setting {
	value := betaValue(e.Alpha, e.Beta)
	if e.Alpha <= 0 || e.Beta <= 0 {
		value = triangularValue(e, 0, 1)
	}
	return setting{key, value, c.estimateComment(e, unit)}
}

// estimateComment says what an estimate is: its mean and 90% interval,
// its counts and exposure, the months fitted and the pooling.
func (c *cellWriter) estimateComment(e *Estimate, unit string) string {
	pct := func(x float64) string { return sigFig(100*x, 3) }
	text := fmt.Sprintf("%s%s (90%%: %s%% to %s%%)", pct(e.Mean), unit, pct(e.Lower), pct(e.Upper))
	if e.Assumed {
		return "ASSUMPTION: no data in " + c.spec.Source + ": " + text + " from " + e.Prior
	}
	text = fmt.Sprintf("fitted from %s %s to %s: %s", c.spec.Source, c.spec.Fit.From, c.spec.Fit.To, text)
	if !math.IsNaN(e.Count) {
		events := "events"
		if e.Count == 1 {
			events = "event"
		}
		text += fmt.Sprintf("; %s %s over %s %s", sigFig(e.Count, 4), events, sigFig(e.Exposure, 4), cmp.Or(e.Param.ExposureUnit(), "exposure"))
	}
	if e.Source != "" {
		text += " (" + e.Source + ")"
	}
	return text + fmt.Sprintf("; %.0f%% pooled toward %s", 100*e.Pooling, e.Prior)
}

// growth writes a fitted establishment growth as a triangular
// distribution, kept inside the format's range for the horizon.
func (c *cellWriter) growth(e *Estimate) setting {
	hi := maxGrowth(c.horizon)
	return setting{"establishment_growth", triangularValue(e, -1, hi), c.estimateComment(e, "% a year")}
}

// maxGrowth is the largest annual growth the format allows over a
// horizon: posts may grow at most tenfold (doubling a year for 3 years or
// less), less a little for rounding.
func maxGrowth(months int) float64 {
	if months <= 36 {
		return 1
	}
	return math.Floor(1e3*(math.Pow(10, 12/float64(months))-1)) / 1e3
}

func betaValue(a, b float64) string {
	return fmt.Sprintf("{dist: beta, alpha: %s, beta: %s}", sigFig(a, 3), sigFig(b, 3))
}

// triangularValue writes an estimate as the triangular distribution
// whose 5th and 95th percentiles are its 90% interval (see
// Estimate.Triangular), kept within floor to ceil.
func triangularValue(e *Estimate, floor, ceil float64) string {
	lo, mode, hi, ok := e.Triangular()
	lo, hi = math.Max(lo, floor), math.Min(hi, ceil)
	if !ok || !(hi > lo) {
		return sigFig(math.Min(math.Max(e.Mean, floor), ceil), 3)
	}
	mode = math.Min(math.Max(mode, lo), hi)
	min, max := sigFig(lo, 3), sigFig(hi, 3)
	if min == max { // narrower than the rounding: the format wants min < max
		return sigFig(mode, 3)
	}
	return fmt.Sprintf("{dist: triangular, min: %s, mode: %s, max: %s}", min, sigFig(mode, 3), max)
}

// sigFig writes x rounded to sig significant figures (at least two decimal
// places' worth for numbers above 1), in plain decimal.
func sigFig(x float64, sig int) string {
	// Below 1e-9 is float noise (a growth fitted as -5e-16), not a figure.
	if math.Abs(x) < 1e-9 || math.IsNaN(x) || math.IsInf(x, 0) {
		return "0"
	}
	digits := sig - 1 - int(math.Floor(math.Log10(math.Abs(x))))
	if digits < 0 {
		digits = 0
	}
	s := strconv.FormatFloat(x, 'f', digits, 64)
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return s
}
