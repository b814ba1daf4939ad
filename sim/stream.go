package sim

import "math/rand/v2"

// streamKind names a family of random streams. The values are part of the
// seed-to-stream rule (package doc) and must never be renumbered: adding a
// kind at the end leaves every other stream unchanged.
type streamKind uint64

const (
	streamParams    streamKind = 1  // uncertain parameters, drawn once per run
	streamExits     streamKind = 2  // per cell: leavers, transitions, destinations
	streamPromotion streamKind = 3  // per promotion rule
	streamGraduates streamKind = 4  // per graduate cohort
	streamRecruit   streamKind = 5  // per cell: external recruitment
	streamAgeing    streamKind = 6  // per cell: moving up an age group
	streamRotation  streamKind = 7  // per rotation rule: rotational share and rotation ends
	streamAppr      streamKind = 8  // per apprenticeship: starters and drop-outs
	streamStudents  streamKind = 9  // per student programme
	streamIntl      streamKind = 10 // per international recruitment
	streamReturners streamKind = 11 // per return-to-practice scheme
	numStreamKinds             = 12 // kind 0 is unused
)

// splitmix64 is the finaliser of the SplitMix64 generator (Steele, Lea and
// Flood 2014): a bijective mix, so distinct keys give distinct seeds.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// streamSeed returns the two PCG seeds of the stream (kind, index) of run
// `run` under master seed `seed`, for step `step` (the parameter stream
// uses step 0). This is the rule written in the package doc and pinned by
// TestStreamSeedGolden. A fresh stream every step keeps two options'
// draws in step even after their staff numbers have differed.
func streamSeed(seed uint64, run int, kind streamKind, index, step int) (uint64, uint64) {
	return runSeed(seed, run), stepSeed(streamBase(kind, index), step)
}

func runSeed(seed uint64, run int) uint64 { return splitmix64(seed ^ splitmix64(uint64(run))) }

func streamBase(kind streamKind, index int) uint64 {
	return splitmix64(uint64(kind)<<40 ^ uint64(index))
}

func stepSeed(base uint64, step int) uint64 { return splitmix64(base ^ uint64(step)) }

// stream is one random stream: a PCG generator and the *rand.Rand over it,
// allocated once per worker and re-seeded for every run.
type stream struct {
	pcg  rand.PCG
	rnd  *rand.Rand
	base uint64 // streamBase of its kind and index
}

func newStreams(n int) []stream {
	s := make([]stream, n)
	for i := range s {
		s[i].rnd = rand.New(&s[i].pcg)
	}
	return s
}

func (s *stream) seed(seed uint64, run int, kind streamKind, index, step int) {
	s.pcg.Seed(streamSeed(seed, run, kind, index, step))
}
