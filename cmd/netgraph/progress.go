package main

import (
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/netgraph/netgraph/analysis"
)

// progress shows what a long command is doing on a terminal: a spinner with
// the stage and the time it has taken, and, while an analysis runs, a bar of
// its steps (progressbar). When the output is not a terminal (a pipe, a file,
// a test) it shows nothing. It is safe for concurrent use: an analysis
// reports its steps from its own goroutines.
type progress struct {
	w io.Writer // nil: quiet
	// throttle is the shortest time between redraws.
	throttle time.Duration
	mu       sync.Mutex
	bar      *progressbar.ProgressBar
	// steps is the description of the bar of steps, "" for a spinner.
	steps string
}

func newProgress(w io.Writer) *progress {
	if !isTerminal(w) {
		return &progress{}
	}
	return &progress{w: w, throttle: 100 * time.Millisecond}
}

// Stage starts a new stage of unknown length, shown with a spinner.
func (p *progress) Stage(text string) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finish()
	p.bar = p.newBar(-1, text)
	p.steps = ""
}

// Steps returns a function for analysis.Options.Progress (or the engine's)
// that shows the analysis's steps as a bar headed by text and the step
// running.
func (p *progress) Steps(text string) func(analysis.Step) {
	return func(s analysis.Step) {
		if p.w == nil || s.Total == 0 {
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.steps != text || p.bar == nil {
			p.finish()
			p.bar = p.newBar(s.Total, text)
			p.steps = text
		}
		if s.Stage != "" {
			p.bar.Describe(text + ": " + s.Stage)
		}
		_ = p.bar.Set(s.Done) // writing to the terminal failed: nothing to be done
	}
}

// Reader returns r, which holds size bytes, shown while it is read as a bar
// of the bytes read headed by text (a file being checked or imported). When
// the output is not a terminal it returns r itself.
func (p *progress) Reader(text string, r io.Reader, size int64) io.Reader {
	if p.w == nil || size <= 0 {
		return r
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finish()
	p.bar = progressbar.NewOptions64(size, append(p.options(text), progressbar.OptionShowBytes(true), progressbar.OptionShowCount())...)
	p.steps = ""
	return &progressReader{r: r, p: p, bar: p.bar}
}

// progressReader moves its bar on by what is read, as long as the bar is
// still the one shown.
type progressReader struct {
	r   io.Reader
	p   *progress
	bar *progressbar.ProgressBar
}

func (pr *progressReader) Read(b []byte) (int, error) {
	n, err := pr.r.Read(b)
	pr.p.mu.Lock()
	if pr.p.bar == pr.bar {
		_ = pr.bar.Add(n) // writing to the terminal failed: nothing to be done
	}
	pr.p.mu.Unlock()
	return n, err
}

// Done clears the display; later calls do nothing.
func (p *progress) Done() {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finish()
}

// finish clears the bar shown. p.mu must be held.
func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish() // stops its spinner and clears the line (OptionClearOnFinish)
		p.bar = nil
	}
}

// newBar returns a bar of max steps, or a spinner for max -1.
func (p *progress) newBar(max int, text string) *progressbar.ProgressBar {
	opts := p.options(text)
	if max > 0 {
		opts = append(opts, progressbar.OptionShowCount())
	}
	return progressbar.NewOptions(max, opts...)
}

// options are the look every bar and spinner shares.
func (p *progress) options(text string) []progressbar.Option {
	return []progressbar.Option{
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(text),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionSetWidth(20),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionThrottle(p.throttle),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	}
}
