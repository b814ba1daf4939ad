package workforce

import (
	"fmt"
	"strconv"
	"strings"
)

// Month is a calendar month counted from year 0: year*12 + (month-1). So
// 2025-01 is 24300 and adding 12 moves one year on.
type Month int

// NewMonth returns the Month for a year and a month of the year (1-12).
func NewMonth(year, month int) Month { return Month(year*12 + month - 1) }

// Year returns the calendar year.
func (m Month) Year() int { return int(m) / 12 }

// MonthOfYear returns 1 for January to 12 for December.
func (m Month) MonthOfYear() int { return int(m)%12 + 1 }

// String formats the month as YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year(), m.MonthOfYear()) }

// ParseMonth reads YYYY-MM (year 1900-2200).
func ParseMonth(s string) (Month, error) {
	y, mo, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok || len(y) != 4 || len(mo) != 2 {
		return 0, fmt.Errorf("bad month %q (want YYYY-MM, e.g. 2025-04)", s)
	}
	year, err1 := strconv.Atoi(y)
	month, err2 := strconv.Atoi(mo)
	if err1 != nil || err2 != nil || month < 1 || month > 12 || year < 1900 || year > 2200 {
		return 0, fmt.Errorf("bad month %q (want YYYY-MM with month 01-12 and year 1900-2200)", s)
	}
	return NewMonth(year, month), nil
}

// MarshalText implements encoding.TextMarshaler.
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *Month) UnmarshalText(text []byte) error {
	v, err := ParseMonth(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
