package workforce

import (
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	ok := []string{"Teaching example", "Barking, Havering & Redbridge", "Ysbyty Gwynedd – Bangor", "Émilie’s trust", "日本", "\uFFFD"}
	for _, s := range ok {
		if err := CheckName(s); err != nil {
			t.Errorf("CheckName(%q) = %v, want nil", s, err)
		}
		if err := CheckDescription(s); err != nil {
			t.Errorf("CheckDescription(%q) = %v, want nil", s, err)
		}
	}
	bad := map[string]string{
		"\x1b[31mred":                    `bad text "\x1b[31mred": control character U+001B at character 1 (want printable text)`,
		"a\x00":                          `bad text "a\x00": control character U+0000 at character 2 (want printable text)`,
		"tab\there":                      `bad text "tab\there": control character U+0009 at character 4 (want printable text)`,
		"two\nlines":                     `bad text "two\nlines": control character U+000A at character 4 (want printable text)`,
		"cr\r":                           `bad text "cr\r": control character U+000D at character 3 (want printable text)`,
		"del\x7f":                        `bad text "del\x7f": control character U+007F at character 4 (want printable text)`,
		"nel\u0085":                      `bad text "nel\u0085": control character U+0085 at character 4 (want printable text)`,
		"ls\u2028":                       `bad text "ls\u2028": line separator U+2028 at character 3 (want printable text)`,
		"\u202Eevil":                     `bad text "\u202eevil": bidirectional control U+202E at character 1 (want printable text)`,
		"iso\u2066":                      `bad text "iso\u2066": bidirectional control U+2066 at character 4 (want printable text)`,
		"é\xff":                          `bad text "é\xff": invalid UTF-8 (byte 0xff at character 2)`,
		strings.Repeat("x", 50) + "\x07": `bad text "` + strings.Repeat("x", 37) + `"...: control character U+0007 at character 51 (want printable text)`,
	}
	for s, want := range bad {
		err := CheckName(s)
		if err == nil || err.Error() != want {
			t.Errorf("CheckName(%q) = %v, want %s", s, err, want)
		}
	}
}

func TestCheckDescription(t *testing.T) {
	if err := CheckDescription("Line one\n\tindented line two\n"); err != nil {
		t.Errorf("CheckDescription with tab and newline: %v", err)
	}
	for _, s := range []string{"cr\r\n", "esc\x1b", "\u202E", "nul\x00", "ps\u2029"} {
		if CheckDescription(s) == nil {
			t.Errorf("CheckDescription(%q) = nil, want an error", s)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"band", "band", 0}, {"physio", "", 6}, {"kitten", "sitting", 3}, {"dietician", "dietitian", 1}, {"é", "e", 1}} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
