package scenario

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ahpsim/ahpsim/workforce"
)

// Value is a number that may be uncertain: a plain number (Dist is
// workforce.Fixed) or a distribution. In YAML it is written either as a number,
// 0.13, or as a mapping naming the distribution and its parameters:
//
//	{dist: fixed, value: 0.13}
//	{dist: uniform, min: 0.10, max: 0.16}
//	{dist: triangular, min: 0.10, mode: 0.13, max: 0.16}
//	{dist: normal, mean: 0.13, sd: 0.01}
//	{dist: beta, alpha: 13, beta: 87}
//	{dist: lognormal, mu: 3.2, sigma: 0.2}
//
// A, B and C hold the parameters in that order, as in workforce.Dist. The value
// is drawn once per run and truncated to the range the quantity allows
// (a probability to [0, 1], a count to [0, +Inf)).
type Value struct {
	Dist    workforce.DistKind
	A, B, C float64
}

// Number returns a Value with no uncertainty.
func Number(v float64) *Value { return &Value{Dist: workforce.Fixed, A: v} }

// Uniform returns a Value uniformly distributed on [min, max].
func Uniform(min, max float64) *Value { return &Value{Dist: workforce.Uniform, A: min, B: max} }

// Triangular returns a Value with a triangular distribution.
func Triangular(min, mode, max float64) *Value {
	return &Value{Dist: workforce.Triangular, A: min, B: mode, C: max}
}

// Normal returns a normally distributed Value.
func Normal(mean, sd float64) *Value { return &Value{Dist: workforce.Normal, A: mean, B: sd} }

// Beta returns a Value with a beta distribution, for a share or probability.
func Beta(alpha, beta float64) *Value { return &Value{Dist: workforce.Beta, A: alpha, B: beta} }

// LogNormal returns a Value whose logarithm is normal with mean mu and
// standard deviation sigma.
func LogNormal(mu, sigma float64) *Value { return &Value{Dist: workforce.LogNormal, A: mu, B: sigma} }

// distNames are the distributions, as written in files.
var distNames = workforce.DistNames()

// distKeys is every key a distribution mapping may hold, for suggestions.
var distKeys = []string{"dist", "value", "min", "mode", "max", "mean", "sd", "alpha", "beta", "mu", "sigma"}

func (v Value) params() []float64 { return []float64{v.A, v.B, v.C}[:len(v.Dist.Params())] }

// String writes the value as in a scenario file: 0.13 or
// {dist: triangular, min: 0.1, mode: 0.13, max: 0.16}.
func (v Value) String() string {
	if v.Dist == workforce.Fixed {
		return formatFloat(v.A)
	}
	if !v.Dist.Valid() {
		return fmt.Sprintf("{dist: %v}", v.Dist)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "{dist: %v", v.Dist)
	names := v.Dist.Params()
	for i, p := range v.params() {
		fmt.Fprintf(&b, ", %s: %s", names[i], formatFloat(p))
	}
	b.WriteString("}")
	return b.String()
}

// MarshalYAML writes a fixed value as a plain number and a distribution as
// a mapping, so that a File built in Go can be saved as a scenario file.
func (v Value) MarshalYAML() (any, error) {
	if !v.Dist.Valid() {
		return nil, fmt.Errorf("invalid distribution %v", v.Dist)
	}
	if v.Dist == workforce.Fixed {
		return v.A, nil
	}
	n := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	add := func(k, val string) {
		n.Content = append(n.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: k},
			&yaml.Node{Kind: yaml.ScalarNode, Value: val})
	}
	add("dist", v.Dist.String())
	names := v.Dist.Params()
	for i, p := range v.params() {
		add(names[i], formatFloat(p))
	}
	return n, nil
}

// UnmarshalYAML reads a plain number or a distribution mapping, strictly.
// Parse reports problems with their positions before it decodes; this
// method only guards direct use of yaml.Unmarshal.
func (v *Value) UnmarshalYAML(n *yaml.Node) error {
	val, probs := decodeValue(n)
	if len(probs) > 0 {
		p := probs[0]
		return fmt.Errorf("line %d: %s", p.node.Line, p.msg)
	}
	*v = val
	return nil
}

// A problem is something wrong with one node, found while decoding.
type problem struct {
	node *yaml.Node
	key  string // the mapping key the problem is under ("" for the node itself)
	msg  string
}

// decodeValue reads a Value from a node and says everything wrong with it.
func decodeValue(n *yaml.Node) (Value, []problem) {
	switch n.Kind {
	case yaml.ScalarNode:
		x, msg := decodeFloat(n)
		if msg != "" {
			return Value{}, []problem{{node: n, msg: msg}}
		}
		return Value{Dist: workforce.Fixed, A: x}, nil
	case yaml.MappingNode:
	default:
		return Value{}, []problem{{node: n, msg: fmt.Sprintf("wrong type (got %s, want a number or a distribution such as {dist: triangular, min: 0.1, mode: 0.13, max: 0.16})", describe(n))}}
	}
	var probs []problem
	bad := func(node *yaml.Node, key, format string, args ...any) {
		probs = append(probs, problem{node: node, key: key, msg: fmt.Sprintf(format, args...)})
	}
	fields := map[string]*yaml.Node{}
	var keys []*yaml.Node                 // in file order, for messages in line order
	values := map[*yaml.Node]*yaml.Node{} // key node -> value node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			bad(k, "", "wrong type for a key (got %s, want a name)", describe(k))
			continue
		}
		if first, dup := fields[k.Value]; dup {
			bad(k, k.Value, "duplicate key (first at line %d)", first.Line)
			continue
		}
		fields[k.Value] = k
		keys = append(keys, k)
		values[k] = n.Content[i+1]
	}
	value := func(k *yaml.Node) *yaml.Node { return values[k] }
	distKey, ok := fields["dist"]
	if !ok {
		bad(n, "dist", "missing (want one of %s)", strings.Join(distNames, ", "))
		for _, k := range keys {
			if !slices.Contains(distKeys, k.Value) {
				bad(k, k.Value, "unknown key%s", suggest(k.Value, distKeys, "want one of "+strings.Join(distKeys, ", ")))
			}
		}
		return Value{}, probs
	}
	dn := value(distKey)
	kind, err := workforce.ParseDistKind(dn.Value)
	if dn.Kind != yaml.ScalarNode || err != nil {
		bad(dn, "dist", "unknown distribution %s%s", describe(dn), suggest(dn.Value, distNames, "want one of "+strings.Join(distNames, ", ")))
		return Value{}, probs
	}
	names := kind.Params()
	v := Value{Dist: kind}
	ptrs := []*float64{&v.A, &v.B, &v.C}
	for _, k := range keys {
		if k.Value == "dist" {
			continue
		}
		i := slices.Index(names, k.Value)
		switch {
		case i >= 0:
			x, msg := decodeFloat(value(k))
			if msg != "" {
				bad(value(k), k.Value, "%s", msg)
				continue
			}
			*ptrs[i] = x
		case slices.Contains(distKeys, k.Value):
			bad(k, k.Value, "not a parameter of the %s distribution (want %s)", kind, strings.Join(names, ", "))
		default:
			bad(k, k.Value, "unknown key%s", suggest(k.Value, distKeys, "want "+strings.Join(append([]string{"dist"}, names...), ", ")))
		}
	}
	for _, name := range names {
		if _, ok := fields[name]; !ok {
			bad(n, name, "missing (the %s distribution needs %s)", kind, strings.Join(names, ", "))
		}
	}
	return v, probs
}

// decodeFloat reads a finite number from a scalar node, or says what is
// wrong with it.
func decodeFloat(n *yaml.Node) (float64, string) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" && n.ShortTag() != "!!float" {
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" && strings.HasSuffix(strings.TrimSpace(n.Value), "%") {
			pct := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(n.Value), "%"))
			if x, err := strconv.ParseFloat(pct, 64); err == nil && !math.IsNaN(x) && !math.IsInf(x, 0) {
				return 0, fmt.Sprintf("wrong type (got %s, want a number: write %s for %s)", describe(n), formatFloat(x/100), n.Value)
			}
		}
		return 0, fmt.Sprintf("wrong type (got %s, want a number)", describe(n))
	}
	if msg := numberSyntax(n); msg != "" {
		return 0, msg
	}
	var x any
	if err := n.Decode(&x); err != nil {
		return 0, fmt.Sprintf("wrong type (got %s, want a number)", describe(n))
	}
	var f float64
	switch x := x.(type) {
	case int:
		f = float64(x)
	case int64:
		f = float64(x)
	case uint64:
		f = float64(x)
	case float64:
		f = x
	default:
		return 0, fmt.Sprintf("wrong type (got %s, want a number)", describe(n))
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Sprintf("not a finite number (got %s)", n.Value)
	}
	return f, ""
}

// formatFloat writes a number the shortest way that reads back the same.
func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// checkValue checks an uncertain number against the range of the quantity
// it stands for. It mirrors the checks of sim's Dist, so that a valid file
// always compiles to a valid model, and reports each problem at the
// parameter at fault.
func (b *builder) checkValue(v *Value, path string, r bounds) bool {
	if !v.Dist.Valid() {
		b.errorf(path, "unknown distribution (got %v, want one of %s)", v.Dist, strings.Join(distNames, ", "))
		return false
	}
	names := v.Dist.Params()
	at := func(i int) string {
		if v.Dist == workforce.Fixed && !b.src.has(join(path, "value")) {
			return path
		}
		return join(path, names[i])
	}
	ok := true
	for i, x := range v.params() {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			b.errorf(at(i), "not a finite number (got %v)", x)
			ok = false
		}
	}
	if !ok {
		return false
	}
	inRange := func(i int) bool {
		if x := v.params()[i]; !r.holds(x) {
			b.errorf(at(i), "out of range (got %s, want %v)", formatFloat(x), r)
			return false
		}
		return true
	}
	positive := func(i int) bool {
		if x := v.params()[i]; x <= 0 {
			b.errorf(at(i), "out of range (got %s, want above 0)", formatFloat(x))
			return false
		}
		return true
	}
	switch v.Dist {
	case workforce.Fixed:
		return inRange(0)
	case workforce.Uniform:
		if v.A > v.B {
			b.errorf(path, "uniform min is above max (got min %s, max %s)", formatFloat(v.A), formatFloat(v.B))
			return false
		}
		return inRange(0) && inRange(1)
	case workforce.Triangular:
		if !(v.A <= v.B && v.B <= v.C) || v.A == v.C {
			b.errorf(path, "triangular needs min <= mode <= max with min < max (got min %s, mode %s, max %s)", formatFloat(v.A), formatFloat(v.B), formatFloat(v.C))
			return false
		}
		return inRange(0) && inRange(2)
	case workforce.Normal:
		return positive(1) && inRange(0)
	case workforce.Beta:
		if !positive(0) || !positive(1) {
			return false
		}
		if r.lo > 0 || r.hi < 1 {
			b.errorf(path, "a beta distribution lies in 0 to 1 (want %v: use another distribution)", r)
			return false
		}
		return true
	case workforce.LogNormal:
		if !positive(1) {
			return false
		}
		if med := math.Exp(v.A); !r.holds(med) {
			b.errorf(at(0), "lognormal median exp(mu) is out of range (got %s, want %v)", formatFloat(roundTo(med, 6)), r)
			return false
		}
	}
	return true
}

// optValue checks an optional uncertain number.
func (b *builder) optValue(v *Value, path string, r bounds) {
	if v != nil {
		b.checkValue(v, path, r)
	}
}

// reqValue checks a required uncertain number.
func (b *builder) reqValue(v *Value, path string, r bounds, want string) {
	if v == nil {
		b.missing(path, want)
		return
	}
	b.checkValue(v, path, r)
}

// quietValue reports whether a value is valid, without reporting anything
// (its own check reports it).
func (b *builder) quietValue(v *Value, r bounds) bool {
	saved := b.errs
	ok := b.checkValue(v, "", r)
	b.errs = saved
	return ok
}

// dist converts a checked Value to a workforce.Dist with the range r.
func (b *builder) dist(v *Value, r bounds, name string) workforce.Dist {
	return workforce.Dist{Kind: v.Dist, A: v.A, B: v.B, C: v.C, Min: r.lo, Max: r.hi, Name: name}
}
