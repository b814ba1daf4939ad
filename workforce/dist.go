package workforce

import (
	"fmt"
	"math"
	"slices"
)

// DistKind names a probability distribution for an uncertain parameter.
type DistKind uint8

// The distributions a parameter may have.
const (
	Fixed      DistKind = iota // A
	Uniform                    // A = min, B = max
	Triangular                 // A = min, B = mode, C = max
	Normal                     // A = mean, B = standard deviation
	Beta                       // A = alpha, B = beta (values in [0, 1])
	LogNormal                  // A = mu, B = sigma of the logarithm
)

// dists holds the facts about each distribution: its name in scenarios
// and the names of its parameters, in A, B, C order.
var dists = [...]struct {
	name   string
	params []string
}{
	Fixed:      {"fixed", []string{"value"}},
	Uniform:    {"uniform", []string{"min", "max"}},
	Triangular: {"triangular", []string{"min", "mode", "max"}},
	Normal:     {"normal", []string{"mean", "sd"}},
	Beta:       {"beta", []string{"alpha", "beta"}},
	LogNormal:  {"lognormal", []string{"mu", "sigma"}},
}

// Valid reports whether k is one of the distributions.
func (k DistKind) Valid() bool { return int(k) < len(dists) }

func (k DistKind) String() string {
	if k.Valid() {
		return dists[k].name
	}
	return fmt.Sprintf("DistKind(%d)", uint8(k))
}

// Params names the distribution's parameters, in A, B, C order (nil for
// an unknown distribution).
func (k DistKind) Params() []string {
	if !k.Valid() {
		return nil
	}
	return slices.Clone(dists[k].params)
}

// DistNames lists every distribution name, in DistKind order.
func DistNames() []string {
	names := make([]string, len(dists))
	for i, d := range dists {
		names[i] = d.name
	}
	return names
}

// ParseDistKind reads a distribution name as written in scenarios.
func ParseDistKind(s string) (DistKind, error) {
	for i, d := range dists {
		if s == d.name {
			return DistKind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown distribution %q (want fixed, uniform, triangular, normal, beta or lognormal)", s)
}

// Dist is an uncertain parameter: a distribution drawn once per run, and
// the range [Min, Max] its values must lie in (a probability lies in
// [0, 1], a count is at least 0). Draws outside the range are redrawn
// (truncation); Validate rejects distributions that cannot reach the range.
type Dist struct {
	Kind     DistKind
	A, B, C  float64
	Min, Max float64
	// Name says where the parameter comes from, for messages
	// ("occupational_therapist.leaver_rate").
	Name string
}

// FixedValue is a parameter with no uncertainty.
func FixedValue(v, min, max float64, name string) Dist {
	return Dist{Kind: Fixed, A: v, Min: min, Max: max, Name: name}
}

// Mean is the value used in expected-value mode: the distribution's mean,
// clamped to [Min, Max].
func (d Dist) Mean() float64 {
	var m float64
	switch d.Kind {
	case Fixed:
		m = d.A
	case Uniform:
		m = (d.A + d.B) / 2
	case Triangular:
		m = (d.A + d.B + d.C) / 3
	case Normal:
		m = d.A
	case Beta:
		m = d.A / (d.A + d.B)
	case LogNormal:
		m = math.Exp(d.A + d.B*d.B/2)
	}
	return math.Min(math.Max(m, d.Min), d.Max)
}

// check reports what is wrong with a distribution's parameters, or nil.
func (d Dist) check() error {
	for _, v := range []float64{d.A, d.B, d.C, d.Min, d.Max} {
		if math.IsNaN(v) || math.IsInf(v, 0) && v != d.Max && v != d.Min {
			return fmt.Errorf("%s: parameters must be finite numbers (got %v, %v, %v)", d.Name, d.A, d.B, d.C)
		}
	}
	if d.Min > d.Max {
		return fmt.Errorf("%s: empty range [%v, %v]", d.Name, d.Min, d.Max)
	}
	inRange := func(what string, v float64) error {
		if v < d.Min || v > d.Max {
			return fmt.Errorf("%s: %s %v is outside [%v, %v]", d.Name, what, v, d.Min, d.Max)
		}
		return nil
	}
	switch d.Kind {
	case Fixed:
		return inRange("value", d.A)
	case Uniform:
		if d.A > d.B {
			return fmt.Errorf("%s: uniform min %v is above max %v", d.Name, d.A, d.B)
		}
		if err := inRange("min", d.A); err != nil {
			return err
		}
		return inRange("max", d.B)
	case Triangular:
		if !(d.A <= d.B && d.B <= d.C) || d.A == d.C {
			return fmt.Errorf("%s: triangular needs min <= mode <= max with min < max (got %v, %v, %v)", d.Name, d.A, d.B, d.C)
		}
		if err := inRange("min", d.A); err != nil {
			return err
		}
		return inRange("max", d.C)
	case Normal:
		if d.B <= 0 {
			return fmt.Errorf("%s: normal sd must be > 0 (got %v)", d.Name, d.B)
		}
		if d.A < d.Min || d.A > d.Max {
			return fmt.Errorf("%s: normal mean %v is outside [%v, %v]", d.Name, d.A, d.Min, d.Max)
		}
	case Beta:
		if d.A <= 0 || d.B <= 0 {
			return fmt.Errorf("%s: beta alpha and beta must be > 0 (got %v, %v)", d.Name, d.A, d.B)
		}
		if d.Min > 0 || d.Max < 1 {
			return fmt.Errorf("%s: beta values lie in [0, 1], but this parameter must lie in [%v, %v]", d.Name, d.Min, d.Max)
		}
	case LogNormal:
		if d.B <= 0 {
			return fmt.Errorf("%s: lognormal sigma must be > 0 (got %v)", d.Name, d.B)
		}
		if med := math.Exp(d.A); med < d.Min || med > d.Max {
			return fmt.Errorf("%s: lognormal median %v is outside [%v, %v]", d.Name, med, d.Min, d.Max)
		}
	default:
		return fmt.Errorf("%s: unknown distribution %v", d.Name, d.Kind)
	}
	return nil
}
