package workforce

import (
	"fmt"
	"strings"
)

// Band is an Agenda for Change pay band. The zero value is Band2; bands are
// ordered, so Band5 < Band6 and Next(Band7) is Band8a.
type Band uint8

// The Agenda for Change pay bands that AHP staff are employed on. Bands 2 to
// 4 are support roles (apprentices are usually employed at 3 or 4 while
// they train); Band 5 is the newly qualified registrant.
const (
	Band2 Band = iota
	Band3
	Band4
	Band5
	Band6
	Band7
	Band8a
	Band8b
	Band8c
	Band8d
	Band9
	NumBands = int(Band9) + 1
)

var bandNames = [NumBands]string{"2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"}

// AllBands lists every band from lowest to highest.
func AllBands() []Band {
	bands := make([]Band, NumBands)
	for i := range bands {
		bands[i] = Band(i)
	}
	return bands
}

// String returns the band as planners write it: "5", "8a".
func (b Band) String() string {
	if int(b) < NumBands {
		return bandNames[b]
	}
	return fmt.Sprintf("Band(%d)", uint8(b))
}

// Valid reports whether b is one of the defined bands.
func (b Band) Valid() bool { return int(b) < NumBands }

// Support reports whether b is a support-worker band (2, 3 or 4).
func (b Band) Support() bool { return b <= Band4 }

// Next returns the band above b and false when b is the top band.
func (b Band) Next() (Band, bool) {
	if int(b)+1 >= NumBands {
		return b, false
	}
	return b + 1, true
}

// ParseBand reads a band as "5", "8a", "Band 5" or "band_8b" (case-insensitive).
func ParseBand(s string) (Band, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.TrimPrefix(t, "band")
	t = strings.TrimLeft(t, " _-")
	for i, name := range bandNames {
		if t == name {
			return Band(i), nil
		}
	}
	return 0, fmt.Errorf("unknown band %q (want one of 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (b Band) MarshalText() ([]byte, error) {
	if !b.Valid() {
		return nil, fmt.Errorf("invalid band %d", uint8(b))
	}
	return []byte(b.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (b *Band) UnmarshalText(text []byte) error {
	v, err := ParseBand(string(text))
	if err != nil {
		return err
	}
	*b = v
	return nil
}
