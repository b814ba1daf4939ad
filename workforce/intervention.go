package workforce

import "fmt"

// Mode says how an intervention's Value changes its lever.
type Mode int

const (
	// Scale multiplies the lever by Value (0.8 = 20% less).
	Scale Mode = iota
	// Add adds Value (for LeverEstablishment: FTE of new posts, which may
	// grow a role from zero).
	Add
	// Set replaces the lever by Value.
	Set
)

var modeNames = []string{"scale", "add", "set"}

func (m Mode) String() string {
	if m >= 0 && int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Valid reports whether m is one of the modes.
func (m Mode) Valid() bool { return m >= 0 && int(m) < len(modeNames) }

// MarshalText implements encoding.TextMarshaler.
func (m Mode) MarshalText() ([]byte, error) {
	if !m.Valid() {
		return nil, fmt.Errorf("invalid mode %d", int(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. An unknown name is
// an *UnknownNameError.
func (m *Mode) UnmarshalText(text []byte) error {
	i, err := parseName("mode", modeNames, text, "want scale, add or set")
	if err == nil {
		*m = Mode(i)
	}
	return err
}

// Profile is how an intervention's effect builds up from its start.
type Profile int

const (
	// Step: full effect from the start month.
	Step Profile = iota
	// Linear: rises evenly to full effect over RampMonths.
	Linear
	// FrontLoaded: most of the effect early: 1 - (1-u)^2 over RampMonths.
	FrontLoaded
	// BackLoaded: most of the effect late: u^2 over RampMonths.
	BackLoaded
)

var profileNames = []string{"step", "linear", "front_loaded", "back_loaded"}

func (p Profile) String() string {
	if p >= 0 && int(p) < len(profileNames) {
		return profileNames[p]
	}
	return fmt.Sprintf("Profile(%d)", int(p))
}

// Valid reports whether p is one of the profiles.
func (p Profile) Valid() bool { return p >= 0 && int(p) < len(profileNames) }

// MarshalText implements encoding.TextMarshaler.
func (p Profile) MarshalText() ([]byte, error) {
	if !p.Valid() {
		return nil, fmt.Errorf("invalid profile %d", int(p))
	}
	return []byte(p.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. An unknown name is
// an *UnknownNameError.
func (p *Profile) UnmarshalText(text []byte) error {
	i, err := parseName("profile", profileNames, text, "want step, linear, front_loaded or back_loaded")
	if err == nil {
		*p = Profile(i)
	}
	return err
}

// Intervention changes one lever, for some cells or rules, from Start
// (to End, exclusive; 0 for no end), building up by Profile. It may carry
// costs: OneOffCost when it starts and AnnualCost a year while active
// (scaled by how far the effect has built up).
type Intervention struct {
	Name       string
	Lever      Lever
	Cells      []int
	Rules      []int
	Mode       Mode
	Value      ParamID
	Start, End Month
	Profile    Profile
	RampMonths int
	OneOffCost ParamID // pounds; NoParam for none
	AnnualCost ParamID // pounds a year; NoParam for none
}

// Effect returns how much of the intervention's change applies in the
// step that starts in month m: 0 before Start and from End, then rising
// to 1 by its profile. u counts the months of the step's start since Start,
// plus one, over RampMonths.
func (iv *Intervention) Effect(m Month) float64 {
	if m < iv.Start || iv.End != 0 && m >= iv.End {
		return 0
	}
	if iv.Profile == Step || iv.RampMonths <= 0 {
		return 1
	}
	u := min(1, float64(m-iv.Start+1)/float64(iv.RampMonths))
	switch iv.Profile {
	case FrontLoaded:
		return 1 - (1-u)*(1-u)
	case BackLoaded:
		return u * u
	}
	return u
}

// StepEffect is the mean effect over the n months of the step that
// starts in month first: the share of the step an intervention is in
// force for, weighted by its profile. It is Effect(first) for a monthly
// step.
func (iv *Intervention) StepEffect(first Month, n int) float64 {
	if n == 1 {
		return iv.Effect(first)
	}
	sum := 0.0
	for k := range n {
		sum += iv.Effect(first + Month(k))
	}
	return sum / float64(n)
}

// Apply changes a base value by the intervention's value x at effect f.
func (iv *Intervention) Apply(base, x, f float64) float64 {
	switch iv.Mode {
	case Scale:
		return base * (1 + f*(x-1))
	case Add:
		return base + f*x
	}
	return base + f*(x-base)
}
