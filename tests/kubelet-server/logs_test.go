package main

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func texts(lines []logLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.Write(l.text)
	}
	return b.String()
}

func TestParseLogOptions(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	o, err := parseLogOptions(url.Values{"follow": {"true"}, "tailLines": {"5"}, "limitBytes": {"100"}, "sinceSeconds": {"60"}, "timestamps": {"1"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if !o.follow || !o.timestamps || o.previous || *o.tailLines != 5 || *o.limitBytes != 100 || !o.since.Equal(now.Add(-time.Minute)) {
		t.Fatalf("unexpected options %+v", o)
	}
	o, err = parseLogOptions(url.Values{"sinceTime": {"2025-01-02T03:00:00Z"}}, now)
	if err != nil || !o.since.Equal(time.Date(2025, 1, 2, 3, 0, 0, 0, time.UTC)) {
		t.Fatalf("sinceTime: %+v %v", o, err)
	}
	// A sinceSeconds larger than the time since year 1 means everything, never an overflow.
	o, err = parseLogOptions(url.Values{"sinceSeconds": {"9223372036854775807"}}, now)
	if err != nil || !o.since.IsZero() {
		t.Fatalf("huge sinceSeconds: %+v %v", o, err)
	}
	o, err = parseLogOptions(url.Values{}, now)
	if err != nil || o.follow || o.tailLines != nil || o.limitBytes != nil || o.since != nil {
		t.Fatalf("defaults: %+v %v", o, err)
	}
	for _, bad := range []url.Values{
		{"follow": {"maybe"}},
		{"tailLines": {"-1"}},
		{"tailLines": {"x"}},
		{"limitBytes": {"0"}},
		{"sinceSeconds": {"0"}},
		{"sinceSeconds": {"5"}, "sinceTime": {"2025-01-02T03:00:00Z"}},
		{"sinceTime": {"yesterday"}},
	} {
		if _, err := parseLogOptions(bad, now); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestParseLineFormats(t *testing.T) {
	utc := time.UTC
	l := parseLine([]byte("[2025-12-03 13:04:45,123] INFO started (kafka.Server)\n"), utc)
	if !l.known || !l.t.Equal(time.Date(2025, 12, 3, 13, 4, 45, 123e6, utc)) || string(l.text) != "[2025-12-03 13:04:45,123] INFO started (kafka.Server)\n" {
		t.Fatalf("log4j line: %+v", l)
	}
	l = parseLine([]byte("2025-12-03T13:04:45.5Z something\n"), utc)
	if !l.known || l.t.Nanosecond() != 5e8 {
		t.Fatalf("rfc3339 line: %+v", l)
	}
	// CRI format: the prefix is the runtime's, not the container's output.
	l = parseLine([]byte("2025-12-03T13:04:45.000000001Z stdout F hello world\n"), utc)
	if !l.known || string(l.text) != "hello world\n" || l.t.Nanosecond() != 1 {
		t.Fatalf("CRI full line: %+v", l)
	}
	l = parseLine([]byte("2025-12-03T13:04:45Z stderr P part\n"), utc)
	if string(l.text) != "part" {
		t.Fatalf("CRI partial line keeps no newline: %q", l.text)
	}
	l = parseLine([]byte("==== node-agent: starting ====\n"), utc)
	if l.known {
		t.Fatalf("banner has no time: %+v", l)
	}
	l = parseLine([]byte("no newline yet"), utc)
	if l.known || string(l.text) != "no newline yet" {
		t.Fatalf("partial raw line: %+v", l)
	}
}

func TestParseLogFillsTimes(t *testing.T) {
	mtime := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	data := []byte("banner\n[2025-12-03 13:00:00,000] a\nstack trace\n[2025-12-03 13:00:05,000] b\ntail")
	lines := parseLog(data, time.UTC, mtime)
	if len(lines) != 5 {
		t.Fatalf("%d lines", len(lines))
	}
	want := []int{0, 0, 0, 5, 5}
	for i, s := range want {
		if got := lines[i].t.Sub(time.Date(2025, 12, 3, 13, 0, 0, 0, time.UTC)); got != time.Duration(s)*time.Second {
			t.Errorf("line %d time offset %v, want %ds", i, got, s)
		}
	}
	lines = parseLog([]byte("x\ny\n"), time.UTC, mtime)
	if !lines[0].t.Equal(mtime) || !lines[1].t.Equal(mtime) {
		t.Fatalf("no time anywhere: the file's modification time, got %v", lines)
	}
	if parseLog(nil, time.UTC, mtime) != nil && len(parseLog(nil, time.UTC, mtime)) != 0 {
		t.Fatal("empty log has lines")
	}
}

func TestSelectLines(t *testing.T) {
	data := []byte("[2025-12-03 13:00:00,000] a\n[2025-12-03 13:00:10,000] b\n[2025-12-03 13:00:20,000] c\n")
	lines := parseLog(data, time.UTC, time.Time{})
	n := func(v int64) *int64 { return &v }
	if got := texts(selectLines(lines, logOptions{tailLines: n(2)})); !strings.HasSuffix(got, "b\n[2025-12-03 13:00:20,000] c\n") || strings.Contains(got, "] a") {
		t.Fatalf("tail 2: %q", got)
	}
	if got := selectLines(lines, logOptions{tailLines: n(0)}); len(got) != 0 {
		t.Fatalf("tail 0: %v", got)
	}
	if got := selectLines(lines, logOptions{tailLines: n(10)}); len(got) != 3 {
		t.Fatalf("tail 10 of 3: %v", got)
	}
	since := time.Date(2025, 12, 3, 13, 0, 10, 0, time.UTC)
	if got := texts(selectLines(lines, logOptions{since: &since})); strings.Contains(got, "] a") || !strings.Contains(got, "] b") {
		t.Fatalf("since 13:00:10: %q", got)
	}
	late := since.Add(time.Hour)
	if got := selectLines(lines, logOptions{since: &late}); len(got) != 0 {
		t.Fatalf("since after the last line: %v", got)
	}
	// since first, then tail: the last line of those since.
	if got := texts(selectLines(lines, logOptions{since: &since, tailLines: n(1)})); got != "[2025-12-03 13:00:20,000] c\n" {
		t.Fatalf("since + tail: %q", got)
	}
}

func TestLogWriterTimestampsAndLimit(t *testing.T) {
	ts := time.Date(2025, 12, 3, 13, 0, 0, 5, time.FixedZone("X", 3600))
	var buf bytes.Buffer
	lw := &logWriter{w: &buf, timestamps: true}
	if err := lw.write([]logLine{{t: ts, text: []byte("a\n")}}); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "2025-12-03T12:00:00.000000005Z a\n" {
		t.Fatalf("timestamped: %q", buf.String())
	}
	buf.Reset()
	limit := int64(5)
	lw = &logWriter{w: &buf, remaining: &limit}
	if err := lw.write([]logLine{{text: []byte("abc\n")}}); err != nil {
		t.Fatal(err)
	}
	if err := lw.write([]logLine{{text: []byte("def\n")}}); err != errLimitReached {
		t.Fatalf("limit not reported: %v", err)
	}
	if buf.String() != "abc\nd" || limit != 0 {
		t.Fatalf("limited output %q, remaining %d", buf.String(), limit)
	}
}

type fakeSource struct {
	mu      sync.Mutex
	running bool
}

func (f *fakeSource) stillRunning() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.running
}

func (f *fakeSource) stop() {
	f.mu.Lock()
	f.running = false
	f.mu.Unlock()
}

// safeBuffer is written by the follower and read by the test.
type safeBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *safeBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *safeBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestFollowLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.log")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := &safeBuffer{}
	src := &fakeSource{running: true}
	lw := &logWriter{w: out}
	done := make(chan error, 1)
	go func() { done <- followLog(context.Background(), path, 4, lw, logOptions{}, src, 5*time.Millisecond) }()
	appendTo := func(s string) {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = f.WriteString(s)
		_ = f.Close()
	}
	appendTo("new line\nhalf")
	waitFor(t, "the appended line", func() bool { return out.String() == "new line\n" })
	// An unfinished line waits for its end.
	time.Sleep(50 * time.Millisecond)
	if out.String() != "new line\n" {
		t.Fatalf("partial line sent early: %q", out.String())
	}
	appendTo(" done\n")
	waitFor(t, "the completed line", func() bool { return out.String() == "new line\nhalf done\n" })
	// Truncation starts over from the beginning of the file.
	if err := os.WriteFile(path, []byte("r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the truncated file's line", func() bool { return strings.HasSuffix(out.String(), "half done\nr\n") })
	appendTo("last words")
	src.stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("follow did not end when the container stopped")
	}
	if !strings.HasSuffix(out.String(), "r\nlast words") {
		t.Fatalf("final partial line not flushed: %q", out.String())
	}
}

func TestFollowLogEndsWithClient(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.log")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- followLog(ctx, path, 0, &logWriter{w: &safeBuffer{}}, logOptions{}, &fakeSource{running: true}, 5*time.Millisecond)
	}()
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("follow did not end when the client left")
	}
}
