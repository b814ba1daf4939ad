package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress shows, on one line of a terminal rewritten in place, how many
// runs are done and about how long the rest will take.
type progress struct {
	w     io.Writer
	start time.Time
	now   func() time.Time
	width int // of the line on the terminal, 0 when there is none
}

// newProgress returns a progress line on w, or nil when quiet or when w
// is not a terminal: a log file or a pipe gets no progress.
func newProgress(w io.Writer, quiet bool) *progress {
	if quiet || !isTerminal(w) {
		return nil
	}
	return &progress{w: w, start: time.Now(), now: time.Now}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// update is a sim.Settings.Progress: it rewrites the line, and clears it
// once every run is done.
func (p *progress) update(done, total int) {
	if done >= total {
		p.clear()
		return
	}
	line := progressLine(done, total, p.now().Sub(p.start))
	pad := max(0, p.width-len(line)) // to rub out a longer previous line
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
	p.width = len(line) + pad
}

// clear rubs out the line, if any, and leaves the cursor at its start, so
// that what follows (a warning, an error) starts on a clean line.
func (p *progress) clear() {
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}

// progressLine says how many runs are done and, once some are, estimates
// the time left from the pace so far.
func progressLine(done, total int, elapsed time.Duration) string {
	line := fmt.Sprintf("ahpsim: %d of %d runs", done, total)
	if done > 0 {
		left := time.Duration(float64(elapsed) * float64(total-done) / float64(done))
		line += fmt.Sprintf(", about %v left", max(left, time.Second).Round(time.Second))
	}
	return line
}
