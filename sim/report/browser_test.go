package report

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReportInChromium opens report.html in headless Chromium and checks
// that the page fetches nothing and shows every chart.
//
// No fetch: the page is served over HTTP by a test server on 127.0.0.1,
// so that a relative reference (an image, a style sheet, a font, the
// favicon) would be a request to that server, which must see exactly one:
// the page. The DevTools protocol's Network events for the page, which
// include absolute URLs of every scheme (http, https, file, data), must
// list only the page as well, and so must the page's own resource-timing
// entries. Host names do not resolve in the browser (--host-resolver-rules),
// so that nothing could leak even if a check were wrong, and the browser's
// own background traffic (update checks and the like, which are not the
// page's doing and which no flag fully stops) goes nowhere.
//
// Visibility: after the load event, every chart's <svg> is in the DOM
// under its title, displayed and visible, with a non-zero size of the
// chart's aspect ratio, inside the page width; the page does not scroll
// sideways at a desktop or a phone width. A full-page screenshot is taken
// (written to $AHPSIM_SCREENSHOT when that is set, for people to look at).
//
// The test is skipped when Chromium is not installed, unless
// AHPSIM_REQUIRE_CHROMIUM is set (as in CI), when it fails.
func TestReportInChromium(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		if os.Getenv("AHPSIM_REQUIRE_CHROMIUM") != "" {
			t.Fatal("Chromium is not installed (looked for chromium, chromium-browser, google-chrome, google-chrome-stable) and AHPSIM_REQUIRE_CHROMIUM is set")
		}
		t.Skip("Chromium is not installed; set AHPSIM_REQUIRE_CHROMIUM to make this a failure")
	}
	c := multi(t)
	page, err := HTML(c, testInfo)
	require.NoError(t, err)
	all, err := Figures(c)
	require.NoError(t, err)
	var figs []Figure
	for _, f := range all {
		if ReportFigure(f) {
			figs = append(figs, f)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	require.NoError(t, os.WriteFile(path, page, 0o644))

	// The page server.
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.Host+" "+r.URL.Path)
		mu.Unlock()
		if r.Method == http.MethodGet && r.URL.Path == "/report.html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			http.ServeFile(w, r, path)
			return
		}
		http.Error(w, "this test serves nothing else", http.StatusForbidden)
	}))
	defer srv.Close()
	pageURL := srv.URL + "/report.html"

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	b := startBrowser(ctx, t, bin, dir, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1")
	tab := b.newTab(ctx, t)
	tab.call(ctx, t, "Network.enable", nil)
	tab.call(ctx, t, "Page.enable", nil)

	type layout struct {
		Figures []struct {
			ID, Title, Display, Visibility string
			Width, Height, Left, Right     float64
			Aspect                         float64 // of the svg's viewBox
			Texts                          int
		}
		SVGs, ScrollWidth, ClientWidth, ScrollHeight int
		Resources                                    []string
	}
	measure := func(width int) layout {
		tab.call(ctx, t, "Emulation.setDeviceMetricsOverride", map[string]any{
			"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
		var l layout
		tab.eval(ctx, t, `(() => {
			const figures = [...document.querySelectorAll("figure.solo, .panel")].map(f => {
				const s = f.querySelector("svg");
				const r = s.getBoundingClientRect(), cs = getComputedStyle(s);
				return {id: f.id, title: f.querySelector("h3, h4").textContent,
					display: cs.display, visibility: cs.visibility,
					width: r.width, height: r.height, left: r.left, right: r.right,
					aspect: s.viewBox.baseVal.height / s.viewBox.baseVal.width,
					texts: s.querySelectorAll("text").length};
			});
			const de = document.documentElement;
			return {figures, svgs: document.querySelectorAll("svg").length,
				scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, scrollHeight: de.scrollHeight,
				resources: performance.getEntriesByType("resource").map(e => e.name)};
		})()`, &l)
		return l
	}

	tab.navigate(ctx, t, pageURL)
	for _, width := range []int{1280, 390} {
		l := measure(width)
		require.Len(t, l.Figures, len(figs), "width %d: one figure or panel per chart", width)
		assert.Equal(t, len(figs), l.SVGs, "width %d: one <svg> per chart", width)
		for i, f := range figs {
			got := l.Figures[i]
			assert.Equal(t, "fig-"+f.Name, got.ID)
			assert.Equal(t, f.Title, got.Title)
			assert.NotEqual(t, "none", got.Display, f.Name)
			assert.Equal(t, "visible", got.Visibility, f.Name)
			assert.Greater(t, got.Texts, 5, "%s: the chart's text is in the DOM", f.Name)
			assert.Greater(t, got.Width, 0.3*float64(min(width, 900)), "width %d: %s is drawn wide", width, f.Name)
			// A height of 0 or a squashed chart fails here.
			assert.InDelta(t, got.Aspect, got.Height/got.Width, 0.01, "width %d: %s keeps its aspect ratio", width, f.Name)
			assert.GreaterOrEqual(t, got.Left, 0.0, f.Name)
			assert.LessOrEqual(t, got.Right, float64(l.ClientWidth), "width %d: %s fits the page", width, f.Name)
		}
		assert.LessOrEqual(t, l.ScrollWidth, l.ClientWidth, "width %d: the page scrolls sideways", width)
		assert.Empty(t, l.Resources, "the page loaded resources")
		if width == 1280 {
			shot := tab.screenshot(ctx, t, width, l.ScrollHeight)
			checkScreenshot(t, shot, width, l.ScrollHeight)
			require.NoError(t, os.WriteFile(filepath.Join(dir, "report.png"), shot, 0o644))
			if out := os.Getenv("AHPSIM_SCREENSHOT"); out != "" {
				require.NoError(t, os.WriteFile(out, shot, 0o644))
			}
		}
	}
	b.close(ctx, t)

	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"GET " + srv.Listener.Addr().String() + " /report.html"}, seen,
		"the browser requested more than the page from the page's server")
	assert.Equal(t, []string{pageURL}, b.requests(), "DevTools saw requests other than the page")
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func checkScreenshot(t *testing.T, data []byte, width, height int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	require.NoError(t, err, "screenshot is a PNG")
	assert.Equal(t, image.Rect(0, 0, width, height), img.Bounds())
	assert.Greater(t, len(data), 100_000, "screenshot of a page of charts is not trivial")
	colours := map[uint32]bool{}
	for y := 0; y < height; y += 7 {
		for x := 0; x < width; x += 7 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	assert.Greater(t, len(colours), 50, "screenshot shows more than a blank page")
}

// A minimal Chrome DevTools protocol client over --remote-debugging-pipe:
// JSON messages separated by NUL bytes, the browser reading fd 3 and
// writing fd 4.

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

type browser struct {
	cmd     *exec.Cmd
	stderr  *bytes.Buffer
	out     io.WriteCloser
	mu      sync.Mutex
	next    int
	pending map[int]chan cdpMessage
	urls    []string      // Network.requestWillBeSent, in order
	loaded  chan string   // session ids of Page.loadEventFired
	done    chan struct{} // the reader has stopped
	readErr error
}

func startBrowser(ctx context.Context, t *testing.T, bin, dir string, extra ...string) *browser {
	t.Helper()
	toBrowser, fromTest, err := os.Pipe()
	require.NoError(t, err)
	fromBrowser, toTest, err := os.Pipe()
	require.NoError(t, err)
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
		"--disable-client-side-phishing-detection", "--disable-domain-reliability", "--disable-breakpad",
		"--disable-component-extensions-with-background-pages", "--metrics-recording-only", "--no-pings",
		"--password-store=basic", "--use-mock-keychain", "--enable-automation",
		"--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
		"--hide-scrollbars", "--mute-audio",
		"--user-data-dir=" + filepath.Join(dir, "profile"),
		"--remote-debugging-pipe",
	}, extra...)
	args = append(args, "about:blank")
	b := &browser{
		cmd:     exec.Command(bin, args...),
		stderr:  &bytes.Buffer{},
		out:     fromTest,
		pending: map[int]chan cdpMessage{},
		loaded:  make(chan string, 16),
		done:    make(chan struct{}),
	}
	b.cmd.ExtraFiles = []*os.File{toBrowser, toTest} // fds 3 and 4
	b.cmd.Stderr = b.stderr
	// Its own process group, so that cleanup can end the browser and the
	// helpers it started, and nothing else.
	b.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, b.cmd.Start(), "start %s", bin)
	toBrowser.Close()
	toTest.Close()
	t.Cleanup(func() {
		if b.cmd.ProcessState == nil {
			syscall.Kill(-b.cmd.Process.Pid, syscall.SIGKILL)
			b.cmd.Wait()
		}
		fromTest.Close()
		if t.Failed() {
			t.Logf("chromium stderr:\n%s", b.stderr.String())
		}
	})
	go b.read(fromBrowser)
	return b
}

func (b *browser) read(r io.ReadCloser) {
	defer close(b.done)
	defer r.Close()
	br := bufio.NewReader(r)
	for {
		data, err := br.ReadBytes(0)
		if err != nil {
			b.readErr = err
			return
		}
		var m cdpMessage
		if err := json.Unmarshal(bytes.TrimSuffix(data, []byte{0}), &m); err != nil {
			b.readErr = err
			return
		}
		switch {
		case m.ID != 0:
			b.mu.Lock()
			ch := b.pending[m.ID]
			delete(b.pending, m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m
			}
		case m.Method == "Network.requestWillBeSent":
			var p struct {
				Request struct{ URL string } `json:"request"`
			}
			json.Unmarshal(m.Params, &p)
			b.mu.Lock()
			b.urls = append(b.urls, p.Request.URL)
			b.mu.Unlock()
		case m.Method == "Page.loadEventFired":
			b.loaded <- m.SessionID
		}
	}
}

func (b *browser) requests() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.urls...)
}

// call sends a command (to a page when session is set) and returns its result.
func (b *browser) call(ctx context.Context, session, method string, params any) (json.RawMessage, error) {
	b.mu.Lock()
	b.next++
	id := b.next
	ch := make(chan cdpMessage, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return nil, err
	}
	if _, err := b.out.Write(append(data, 0)); err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return nil, fmt.Errorf("%s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		return m.Result, nil
	case <-b.done:
		return nil, fmt.Errorf("%s: browser connection closed: %v", method, b.readErr)
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// tab is one page, attached with a flat session.
type tab struct {
	b       *browser
	session string
}

func (b *browser) newTab(ctx context.Context, t *testing.T) *tab {
	t.Helper()
	res, err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"})
	require.NoError(t, err)
	var target struct{ TargetID string }
	require.NoError(t, json.Unmarshal(res, &target))
	res, err = b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true})
	require.NoError(t, err)
	var att struct{ SessionID string }
	require.NoError(t, json.Unmarshal(res, &att))
	return &tab{b: b, session: att.SessionID}
}

func (tb *tab) call(ctx context.Context, t *testing.T, method string, params any) json.RawMessage {
	t.Helper()
	res, err := tb.b.call(ctx, tb.session, method, params)
	require.NoError(t, err)
	return res
}

// navigate loads url and waits for its load event.
func (tb *tab) navigate(ctx context.Context, t *testing.T, url string) {
	t.Helper()
	res := tb.call(ctx, t, "Page.navigate", map[string]any{"url": url})
	var nav struct{ ErrorText string }
	require.NoError(t, json.Unmarshal(res, &nav))
	require.Empty(t, nav.ErrorText, "navigate to %s", url)
	for {
		select {
		case s := <-tb.b.loaded:
			if s == tb.session {
				return
			}
		case <-ctx.Done():
			t.Fatalf("waiting for %s to load: %v", url, ctx.Err())
		}
	}
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func (tb *tab) eval(ctx context.Context, t *testing.T, expr string, v any) {
	t.Helper()
	res := tb.call(ctx, t, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true})
	var out struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails json.RawMessage `json:"exceptionDetails"`
	}
	require.NoError(t, json.Unmarshal(res, &out))
	require.Empty(t, out.ExceptionDetails, "evaluating the check threw")
	require.NoError(t, json.Unmarshal(out.Result.Value, v))
}

// screenshot captures the whole page, width x height CSS pixels, as PNG.
func (tb *tab) screenshot(ctx context.Context, t *testing.T, width, height int) []byte {
	t.Helper()
	res := tb.call(ctx, t, "Page.captureScreenshot", map[string]any{
		"format": "png", "captureBeyondViewport": true,
		"clip": map[string]any{"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
	})
	var shot struct{ Data string }
	require.NoError(t, json.Unmarshal(res, &shot))
	data, err := base64.StdEncoding.DecodeString(shot.Data)
	require.NoError(t, err)
	return data
}

// close asks the browser to quit and waits for it.
func (b *browser) close(ctx context.Context, t *testing.T) {
	t.Helper()
	if _, err := b.call(ctx, "", "Browser.close", nil); err != nil && !errors.Is(err, io.EOF) {
		t.Logf("Browser.close: %v", err) // it may quit before it answers
	}
	exited := make(chan error, 1)
	go func() { exited <- b.cmd.Wait() }()
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		t.Log("chromium did not quit; killing it")
		syscall.Kill(-b.cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	}
}
