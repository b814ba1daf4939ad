package sim

import "math"

// SuppressMark is what a published output writes for a suppressed figure.
const SuppressMark = "*"

// SmallCount says whether a count of people is one that the NHS
// statistical disclosure convention does not publish: 1 to 4, after
// rounding to whole heads. Zero is published; so is 5 or more.
func SmallCount(v float64) bool {
	r := math.Round(v)
	return r >= 1 && r <= 4
}
