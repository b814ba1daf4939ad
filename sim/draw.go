package sim

import (
	"math"
	"math/rand/v2"

	"github.com/ahpsim/ahpsim/workforce"
	"gonum.org/v1/gonum/stat/distuv"
)

// maxRedraws bounds truncation by rejection; Validate makes sure the range
// holds most of the mass, so hitting the bound means a programming error.
const maxRedraws = 1000

// Draw returns one value from the distribution d, truncated to [Min, Max]:
// draws outside the range are redrawn.
func Draw(d workforce.Dist, r *rand.Rand) float64 {
	if d.Kind == workforce.Fixed {
		return d.A
	}
	for range maxRedraws {
		v := draw(d, r)
		if v >= d.Min && v <= d.Max {
			return v
		}
	}
	return d.Mean()
}

func draw(d workforce.Dist, r *rand.Rand) float64 {
	switch d.Kind {
	case workforce.Uniform:
		return d.A + (d.B-d.A)*r.Float64()
	case workforce.Triangular:
		return distuv.NewTriangle(d.A, d.C, d.B, r).Rand()
	case workforce.Normal:
		return d.A + d.B*r.NormFloat64()
	case workforce.Beta:
		return distuv.Beta{Alpha: d.A, Beta: d.B, Src: r}.Rand()
	case workforce.LogNormal:
		return math.Exp(d.A + d.B*r.NormFloat64())
	}
	return d.A
}
