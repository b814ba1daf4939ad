package report

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The A4 print: the page's @page rule sets A4 with these margins (mm).
const (
	printMaxPages   = 10
	printMarginSide = 12.0
)

// bhrOptions compares examples/bhr-options.yaml, with fewer runs than the
// example's for speed (the layout does not depend on the number of runs).
func bhrOptions(t *testing.T) *sim.Comparison {
	t.Helper()
	data, err := os.ReadFile("../../examples/bhr-options.yaml")
	require.NoError(t, err)
	f, err := scenario.Parse("bhr-options.yaml", data)
	require.NoError(t, err)
	opts, err := f.CompileOptions()
	require.NoError(t, err)
	s := f.SettingsFor(opts)
	s.Runs, s.Workers = 100, 2
	target, _ := f.Target()
	c, err := sim.Compare(context.Background(), opts, s, sim.CompareSettings{Target: target, HasTarget: true})
	require.NoError(t, err)
	return c
}

// TestReportPrintsOnA4 prints bhr-options' report.html to PDF in headless
// Chromium (A4, the page's own @page rule) and checks that it takes at
// most ten pages, that every word of every page lies inside the side
// margins (no column cut off at the right edge), that every table short
// enough for a page starts and ends on the same page (its caption and its
// last row's label are on one page, in that order), that page one is the
// summary and nothing else, and that no chart is split (each figure's
// caption is on the page of its chart's title). It needs pdftotext
// (poppler-utils) besides Chromium.
func TestReportPrintsOnA4(t *testing.T) {
	bin := findChromium()
	pdftotext, _ := exec.LookPath("pdftotext")
	if bin == "" || pdftotext == "" {
		if os.Getenv("AHPSIM_REQUIRE_CHROMIUM") != "" {
			t.Fatal("Chromium or pdftotext is not installed and AHPSIM_REQUIRE_CHROMIUM is set")
		}
		t.Skip("Chromium or pdftotext (poppler-utils) is not installed")
	}
	c := bhrOptions(t)
	page, err := HTML(c, testInfo)
	require.NoError(t, err)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	require.NoError(t, os.WriteFile(path, page, 0o644))

	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	b := startBrowser(ctx, t, bin, dir)
	tab := b.newTab(ctx, t)
	tab.call(ctx, t, "Page.enable", nil)
	tab.navigate(ctx, t, "file://"+path)

	// What the tables are, from the DOM: caption and last row's label.
	var tables []struct{ ID, Caption, Last string }
	tab.eval(ctx, t, `[...document.querySelectorAll("table:not(.long)")].filter(t => t.caption).map(t => {
		const rows = t.tBodies[0].rows, last = rows[rows.length-1];
		return {id: t.id, caption: t.caption.textContent, last: last.cells[0].textContent};
	})`, &tables)
	require.NotEmpty(t, tables)

	// A phone: nothing scrolls sideways, neither the page nor a table.
	tab.call(ctx, t, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true})
	var phone struct {
		ScrollWidth, ClientWidth int
		Wide                     []string
	}
	tab.eval(ctx, t, `(() => {
		const de = document.documentElement;
		const wide = [...document.querySelectorAll("table, figure, svg")].filter(e =>
			e.getBoundingClientRect().right > de.clientWidth + 0.5).map(e => e.tagName + "#" + e.id);
		return {scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, wide};
	})()`, &phone)
	assert.LessOrEqual(t, phone.ScrollWidth, phone.ClientWidth, "at 390 px the page scrolls sideways")
	assert.Empty(t, phone.Wide, "at 390 px these are wider than the screen")
	if out := os.Getenv("AHPSIM_SCREENSHOT_390"); out != "" {
		var h int
		tab.eval(ctx, t, `document.documentElement.scrollHeight`, &h)
		require.NoError(t, os.WriteFile(out, tab.screenshot(ctx, t, 390, h), 0o644))
	}

	// Chromium shrinks a page too wide for the paper to fit, so the words
	// of the PDF would stay inside the margins: check the print layout at
	// the width of A4 inside the margins first (210 mm - 2 x 12 mm, in CSS
	// pixels of 1/96 inch).
	contentWidth := int(math.Floor((210 - 2*printMarginSide) / 25.4 * 96))
	tab.call(ctx, t, "Emulation.setEmulatedMedia", map[string]any{"media": "print"})
	tab.call(ctx, t, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": contentWidth, "height": 1100, "deviceScaleFactor": 1, "mobile": false})
	var wide []string
	tab.eval(ctx, t, `[...document.querySelectorAll("table, figure, svg, pre")].filter(e =>
		e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 || e.scrollWidth > e.clientWidth + 1
	).map(e => e.tagName + "#" + e.id + " " + Math.round(e.getBoundingClientRect().right) + "px")`, &wide)
	assert.Empty(t, wide, "in print, these are wider than A4 inside the margins (%d px)", contentWidth)
	var pageWidth int
	tab.eval(ctx, t, `document.documentElement.scrollWidth`, &pageWidth)
	assert.LessOrEqual(t, pageWidth, contentWidth, "in print, the page is wider than A4 inside the margins")
	tab.call(ctx, t, "Emulation.clearDeviceMetricsOverride", nil)
	tab.call(ctx, t, "Emulation.setEmulatedMedia", map[string]any{"media": ""})

	res := tab.call(ctx, t, "Page.printToPDF", map[string]any{
		"preferCSSPageSize": true, "printBackground": true, "displayHeaderFooter": false})
	var pdf struct{ Data string }
	require.NoError(t, json.Unmarshal(res, &pdf))
	data, err := base64.StdEncoding.DecodeString(pdf.Data)
	require.NoError(t, err)
	pdfPath := filepath.Join(dir, "report.pdf")
	require.NoError(t, os.WriteFile(pdfPath, data, 0o644))
	if out := os.Getenv("AHPSIM_PRINT_PDF"); out != "" {
		require.NoError(t, os.WriteFile(out, data, 0o644))
	}
	b.close(ctx, t)

	pages := pdfWords(t, pdftotext, pdfPath)
	t.Logf("%d A4 pages", len(pages))
	require.LessOrEqual(t, len(pages), printMaxPages, "the report prints on at most %d A4 pages", printMaxPages)
	require.NotEmpty(t, pages)
	for n, p := range pages {
		assert.InDelta(t, 595.3, p.Width, 1, "page %d is A4 wide", n+1)
		assert.InDelta(t, 841.9, p.Height, 1, "page %d is A4 high", n+1)
		margin := printMarginSide * 72 / 25.4
		for _, w := range p.Words {
			if w.XMax > p.Width-margin+1 || w.XMin < margin-1 {
				t.Errorf("page %d: %q at x %.0f to %.0f is outside the margins (%.0f to %.0f)", n+1, w.Text, w.XMin, w.XMax, margin, p.Width-margin)
			}
		}
	}
	text := make([]string, len(pages))
	for n, p := range pages {
		text[n] = p.text()
	}
	assert.Contains(t, text[0], "Summary")
	assert.Contains(t, text[0], "Caveats")
	assert.NotContains(t, text[0], "Results in", "page one is the summary alone")
	captions := make([]string, len(tables))
	for k, tb := range tables {
		captions[k] = squash(tb.Caption)
	}
	for k, tb := range tables {
		caption, last := captions[k], squash(tb.Last)
		found := false
		for n, s := range text {
			i := strings.Index(s, caption)
			if i < 0 {
				continue
			}
			found = true
			// The table runs from its caption to the next table's.
			rest := s[i+len(caption):]
			for _, other := range captions {
				if j := strings.Index(rest, other); j >= 0 && other != caption {
					rest = rest[:j]
				}
			}
			assert.Contains(t, rest, last, "table %s starts on page %d and must end there: its last row %q is not on that page after its caption", tb.ID, n+1, last)
		}
		assert.True(t, found, "table %s: caption %q is not in the PDF", tb.ID, caption)
	}
	words := 0
	for _, p := range pages {
		words += len(p.Words)
	}
	assert.Greater(t, words, 1000, "pdftotext read the words")
}

// pdfPage is one page of pdftotext -bbox's output.
type pdfPage struct {
	Width  float64 `xml:"width,attr"`
	Height float64 `xml:"height,attr"`
	Words  []struct {
		XMin float64 `xml:"xMin,attr"`
		XMax float64 `xml:"xMax,attr"`
		Text string  `xml:",chardata"`
	} `xml:"word"`
}

// text is the page's words in reading order, one space apart.
func (p pdfPage) text() string {
	var b strings.Builder
	for _, w := range p.Words {
		b.WriteString(w.Text)
		b.WriteByte(' ')
	}
	return b.String()
}

// pdfWords reads every word of a PDF with its position.
func pdfWords(t *testing.T, pdftotext, path string) []pdfPage {
	t.Helper()
	out, err := exec.Command(pdftotext, "-bbox", path, "-").Output()
	require.NoError(t, err, "pdftotext -bbox")
	var doc struct {
		Pages []pdfPage `xml:"body>doc>page"`
	}
	require.NoError(t, xml.Unmarshal(out, &doc), "pdftotext's XHTML")
	return doc.Pages
}

var spaces = regexp.MustCompile(`\s+`)

// squash collapses white space, as pdfPage.text joins words.
func squash(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }
