package summary

import (
	"encoding/binary"
	"hash/crc32"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleTable returns a table with empty, exact and coarsened series.
func sampleTable(runs int) *Table {
	res, gens := orderTestSeries()
	res = append(res, 0.5) // a never-filled series
	tb := NewTable(res)
	r := newRand(11)
	row := make([]float64, len(res))
	for range runs {
		for i, g := range gens {
			row[i] = g(r)
		}
		row[len(row)-1] = math.NaN()
		tb.AddRun(row)
	}
	return tb
}

// fixCRC returns a copy of data whose last four bytes are the correct
// checksum of the rest, so that structural validation is reached.
func fixCRC(data []byte) []byte {
	if len(data) < 4 {
		return data
	}
	out := append([]byte(nil), data...)
	binary.LittleEndian.PutUint32(out[len(out)-4:], crc32.Checksum(out[:len(out)-4], crcTable))
	return out
}

func TestMarshalRoundTrip(t *testing.T) {
	for _, tb := range []*Table{NewTable(nil), NewTable([]float64{1}), sampleTable(1), sampleTable(2000)} {
		data := mustMarshal(t, tb)
		back := NewTable([]float64{1, 2, 3}) // contents are replaced
		back.AddRun([]float64{1, 2, 3})
		require.NoError(t, back.UnmarshalBinary(data))
		require.Equal(t, tb.Len(), back.Len())
		require.Equal(t, tb.Runs(), back.Runs())
		require.Equal(t, allStatsBits(tb), allStatsBits(back))
		require.Equal(t, data, mustMarshal(t, back))
		for i := range tb.Len() {
			require.Equal(t, tb.Shift(i), back.Shift(i))
			require.Equal(t, math.Float64bits(tb.Resolution(i)), math.Float64bits(back.Resolution(i)))
		}
		// The decoded table keeps working and stays equal to the original.
		if tb.Len() > 0 {
			row := make([]float64, tb.Len())
			for i := range row {
				row[i] = 123.456
			}
			tb.AddRun(row)
			back.AddRun(row)
			require.Equal(t, mustMarshal(t, tb), mustMarshal(t, back))
		}
	}
}

func TestUnmarshalCorrupt(t *testing.T) {
	good := mustMarshal(t, sampleTable(300))
	orig := sampleTable(5)
	origBytes := mustMarshal(t, orig)

	reject := func(t *testing.T, data []byte, target error) {
		t.Helper()
		tb := orig.Clone()
		var err error
		require.NotPanics(t, func() { err = tb.UnmarshalBinary(data) })
		require.ErrorIs(t, err, target)
		require.Equal(t, origBytes, mustMarshal(t, tb), "a failed Unmarshal must leave the table unchanged")
	}

	t.Run("truncated", func(t *testing.T) {
		for n := range len(good) {
			reject(t, good[:n], ErrCorrupt)
			reject(t, fixCRC(good[:n]), ErrCorrupt) // structurally truncated
		}
	})
	t.Run("bit flips", func(t *testing.T) {
		for i := range len(good) {
			bad := append([]byte(nil), good...)
			bad[i] ^= 1 << (i % 8)
			reject(t, bad, ErrCorrupt)
		}
	})
	t.Run("wrong version", func(t *testing.T) {
		bad := append([]byte(nil), good...)
		bad[len(magic)] = formatVersion + 1
		reject(t, fixCRC(bad), ErrVersion)
	})
	t.Run("trailing bytes", func(t *testing.T) {
		bad := append(append([]byte(nil), good[:len(good)-4]...), 0, 0, 0, 0, 0)
		reject(t, fixCRC(bad), ErrCorrupt)
	})
	t.Run("random bytes", func(t *testing.T) {
		r := newRand(5)
		for range 2000 {
			b := make([]byte, r.IntN(200))
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			if r.IntN(2) == 0 && len(b) > len(magic) {
				copy(b, magic)
				b[len(magic)] = formatVersion
			}
			reject(t, b, ErrCorrupt)
		}
	})
	// Structurally invalid content with a valid checksum.
	one := NewTable([]float64{1})
	one.Add(0, 5)
	one.Add(0, 7)
	enc := mustMarshal(t, one)
	// enc: magic, version, L=1, runs=0, res(8), n=2, undef=0, s1.lo=12,
	// s1.hi=0, s2 = 74,0,0, shift=0, nbins=2, base=5 (varint 10),
	// count 1, gap-1=1, count 1, crc.
	hdr := len(magic) + 1 + 1 + 1 + 8
	require.Equal(t, []byte{2, 0, 12, 0, 74, 0, 0, 0, 2, 10, 1, 1, 1}, enc[hdr:len(enc)-4])
	set := func(i int, v byte) func(b []byte) []byte {
		return func(b []byte) []byte { b[i] = v; return b }
	}
	edits := map[string]func(b []byte) []byte{
		"count too large":        set(hdr, 3),
		"sum wrong":              set(hdr+2, 13),
		"sum of squares wrong":   set(hdr+4, 75),
		"shift too large":        set(hdr+7, maxShift+1),
		"shift changed":          set(hdr+7, 1),
		"zero bins":              set(hdr+8, 0),
		"too many bins":          set(hdr+8, 3),
		"zero count":             set(hdr+10, 0),
		"series count too large": set(len(magic)+1, 100),
		"resolution zero": func(b []byte) []byte {
			clear(b[len(magic)+3 : len(magic)+11])
			return b
		},
		"resolution NaN": func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[len(magic)+3:], math.Float64bits(math.NaN()))
			return b
		},
		"resolution too large": func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[len(magic)+3:], math.Float64bits(1e300))
			return b
		},
		"resolution -Inf": func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[len(magic)+3:], math.Float64bits(math.Inf(-1)))
			return b
		},
		"non-minimal varint": func(b []byte) []byte {
			// undefined count 0 encoded as 0x80 0x00 instead of 0x00.
			return append(append(append([]byte(nil), b[:hdr+1]...), 0x80, 0x00), b[hdr+2:]...)
		},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			bad := edit(append([]byte(nil), enc...))
			reject(t, fixCRC(bad), ErrCorrupt)
		})
	}
	t.Run("negative variance", func(t *testing.T) {
		// One coarsened bin [0,1] with count 2, S1 = 2 (both values 1) but
		// S2 = 0: within the per-bin bounds, yet n*S2 < S1^2.
		body := []byte(magic + "\x01\x01\x00")
		body = binary.LittleEndian.AppendUint64(body, math.Float64bits(1))
		body = append(body, 2, 0, 2, 0, 0, 0, 0, 1, 1, 0, 2)
		body = append(body, 0, 0, 0, 0)
		reject(t, fixCRC(body), ErrCorrupt)
		// The same with S2 = 2 is valid.
		body[len(body)-4-11+4] = 2
		var tb Table
		require.NoError(t, tb.UnmarshalBinary(fixCRC(body)))
		assert.InDelta(t, 1, tb.Stats(0).Mean, 0)
	})
}

func FuzzUnmarshalBinary(f *testing.F) {
	f.Add(mustMarshal(f, NewTable(nil)))
	f.Add(mustMarshal(f, NewTable([]float64{1, 1e-6})))
	f.Add(mustMarshal(f, sampleTable(3)))
	f.Add(mustMarshal(f, sampleTable(400)))
	tiny := NewTable([]float64{1})
	tiny.Add(0, 5)
	tiny.Add(0, 7)
	f.Add(mustMarshal(f, tiny))
	f.Add([]byte{})
	f.Add([]byte(magic))
	f.Add([]byte("not a table at all"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range [][]byte{data, fixCRC(data)} {
			var tb Table
			if err := tb.UnmarshalBinary(d); err != nil {
				continue
			}
			// Accepted encodings are canonical and usable.
			require.Equal(t, d, mustMarshal(t, &tb))
			for i := range tb.Len() {
				st := tb.Stats(i)
				if st.Defined() {
					require.False(t, math.IsNaN(st.SD) || st.SD < 0, "SD %v", st.SD)
					require.LessOrEqual(t, st.P05, st.P95)
				}
			}
			row := make([]float64, tb.Len())
			for i := range row {
				if tb.series[i].n == MaxCount {
					row[i] = math.NaN() // a defined value would overflow
				}
			}
			tb.AddRun(row)
			_ = tb.Merge(tb.Clone()) // may fail only on MaxCount; must not panic
		}
	})
}
