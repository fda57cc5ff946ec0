package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"
)

// The kubelet's timestamp format for `timestamps=true` (RFC 3339, nanoseconds, fixed width).
const logTimestampFormat = "2006-01-02T15:04:05.000000000Z07:00"

// logOptions are the query parameters of /containerLogs (the apiserver forwards PodLogOptions).
type logOptions struct {
	follow     bool
	previous   bool
	timestamps bool
	tailLines  *int64
	limitBytes *int64
	since      *time.Time
}

func parseLogOptions(q url.Values, now time.Time) (logOptions, error) {
	var o logOptions
	var err error
	boolean := func(name string) bool {
		v := q.Get(name)
		if v == "" || err != nil {
			return false
		}
		b, e := strconv.ParseBool(v)
		if e != nil {
			err = fmt.Errorf("%s=%q is not a boolean", name, v)
		}
		return b
	}
	integer := func(name string, min int64) *int64 {
		v := q.Get(name)
		if v == "" || err != nil {
			return nil
		}
		n, e := strconv.ParseInt(v, 10, 64)
		if e != nil || n < min {
			err = fmt.Errorf("%s=%q must be a whole number >= %d", name, v, min)
			return nil
		}
		return &n
	}
	o.follow = boolean("follow")
	o.previous = boolean("previous")
	o.timestamps = boolean("timestamps")
	o.tailLines = integer("tailLines", 0)
	o.limitBytes = integer("limitBytes", 1)
	secs := integer("sinceSeconds", 1)
	if err != nil {
		return o, err
	}
	sinceTime := q.Get("sinceTime")
	switch {
	case secs != nil && sinceTime != "":
		return o, errors.New("sinceSeconds and sinceTime exclude each other")
	case secs != nil:
		// Checked: a huge sinceSeconds means "everything", not an overflow into the future.
		t := time.Time{}
		if *secs < int64(now.Sub(time.Time{})/time.Second) {
			t = now.Add(-time.Duration(*secs) * time.Second)
		}
		o.since = &t
	case sinceTime != "":
		t, e := time.Parse(time.RFC3339, sinceTime)
		if e != nil {
			return o, fmt.Errorf("sinceTime=%q is not an RFC 3339 time", sinceTime)
		}
		o.since = &t
	}
	return o, nil
}

// logLine is one line of a container log with the time it was written, when known.
type logLine struct {
	t     time.Time
	known bool
	// The line's text, with its newline (none for the last line of a file that is still being
	// written, or a partial CRI record).
	text []byte
}

// parseLine reads one line. Two formats are understood:
//   - CRI logs (`<RFC3339Nano> stdout|stderr F|P <text>`), as container runtimes write them;
//   - raw output, whose time is known only when the line starts with one (log4j's
//     `[2006-01-02 15:04:05,000]` in local time, or an RFC 3339 time).
func parseLine(raw []byte, loc *time.Location) logLine {
	body, nl := bytes.CutSuffix(raw, []byte("\n"))
	if fields := bytes.SplitN(body, []byte(" "), 4); len(fields) >= 3 {
		if t, err := time.Parse(time.RFC3339Nano, string(fields[0])); err == nil &&
			(string(fields[1]) == "stdout" || string(fields[1]) == "stderr") &&
			(string(fields[2]) == "F" || string(fields[2]) == "P") {
			var text []byte
			if len(fields) == 4 {
				text = append(text, fields[3]...)
			}
			if string(fields[2]) == "F" && nl {
				text = append(text, '\n')
			}
			return logLine{t: t, known: true, text: text}
		}
	}
	line := logLine{text: raw}
	if len(body) >= 25 && body[0] == '[' && body[24] == ']' {
		if t, err := time.ParseInLocation("2006-01-02 15:04:05,000", string(body[1:24]), loc); err == nil {
			line.t, line.known = t, true
		}
	} else if sp := bytes.IndexByte(body, ' '); sp >= 20 {
		if t, err := time.Parse(time.RFC3339Nano, string(body[:sp])); err == nil {
			line.t, line.known = t, true
		}
	}
	return line
}

// splitLines cuts data into lines; the last one may lack its newline.
func splitLines(data []byte) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			out = append(out, data)
			break
		}
		out = append(out, data[:i+1])
		data = data[i+1:]
	}
	return out
}

// parseLog parses a whole log. A line without a time of its own gets the time of the line
// before it (it was written after that one), the first lines get the first known time, and a
// log without any gets `fallback` (the file's modification time).
func parseLog(data []byte, loc *time.Location, fallback time.Time) []logLine {
	raw := splitLines(data)
	lines := make([]logLine, len(raw))
	first := -1
	for i, r := range raw {
		lines[i] = parseLine(r, loc)
		if first < 0 && lines[i].known {
			first = i
		}
	}
	carry := fallback
	if first >= 0 {
		carry = lines[first].t
	}
	for i := range lines {
		if lines[i].known {
			carry = lines[i].t
		} else {
			lines[i].t = carry
		}
	}
	return lines
}

// selectLines applies sinceSeconds/sinceTime, then tailLines.
func selectLines(lines []logLine, o logOptions) []logLine {
	if o.since != nil {
		start := len(lines)
		for i, l := range lines {
			if !l.t.Before(*o.since) {
				start = i
				break
			}
		}
		lines = lines[start:]
	}
	if o.tailLines != nil && int64(len(lines)) > *o.tailLines {
		lines = lines[int64(len(lines))-*o.tailLines:]
	}
	return lines
}

var errLimitReached = errors.New("limitBytes reached")

// logWriter writes selected lines, with timestamps when asked, up to limitBytes, flushing as
// it goes so a follower sees lines as they come.
type logWriter struct {
	w          io.Writer
	flusher    http.Flusher
	timestamps bool
	remaining  *int64
}

func (lw *logWriter) write(lines []logLine) error {
	var buf bytes.Buffer
	for _, l := range lines {
		if lw.timestamps {
			buf.WriteString(l.t.UTC().Format(logTimestampFormat))
			buf.WriteByte(' ')
		}
		buf.Write(l.text)
	}
	out := buf.Bytes()
	limited := false
	if lw.remaining != nil && int64(len(out)) >= *lw.remaining {
		out = out[:*lw.remaining]
		limited = true
	}
	if len(out) > 0 {
		if _, err := lw.w.Write(out); err != nil {
			return err
		}
		if lw.remaining != nil {
			*lw.remaining -= int64(len(out))
		}
		if lw.flusher != nil {
			lw.flusher.Flush()
		}
	}
	if limited {
		return errLimitReached
	}
	return nil
}

// logSource is where a follower learns whether the container still runs.
type logSource interface {
	// stillRunning is false once the container that was followed stopped or the pod left.
	stillRunning() bool
}

// followLog streams what is appended to path from offset on, until the container stops, the
// client goes away or the limit is reached. Lines written live have no time of their own
// unless they carry one: they get the time they were read.
func followLog(ctx context.Context, path string, offset int64, lw *logWriter, o logOptions, src logSource, poll time.Duration) error {
	var pending []byte
	ticker := time.NewTicker(poll)
	defer ticker.Stop()
	lastCheck := time.Now()
	for {
		final := false
		if time.Since(lastCheck) >= time.Second {
			lastCheck = time.Now()
			final = !src.stillRunning()
		}
		size := int64(-1)
		if fi, err := os.Stat(path); err == nil {
			size = fi.Size()
		}
		if size >= 0 && size < offset {
			// Truncated or replaced: start over from its beginning.
			offset, pending = 0, nil
		}
		if size > offset {
			chunk, err := readRange(path, offset, size)
			if err != nil {
				return err
			}
			offset += int64(len(chunk))
			pending = append(pending, chunk...)
		}
		var complete []byte
		if final {
			complete, pending = pending, nil
		} else if i := bytes.LastIndexByte(pending, '\n'); i >= 0 {
			complete, pending = pending[:i+1], append([]byte(nil), pending[i+1:]...)
		}
		if len(complete) > 0 {
			now := time.Now()
			var lines []logLine
			for _, r := range splitLines(complete) {
				l := parseLine(r, time.Local)
				if !l.known {
					l.t = now
				}
				lines = append(lines, l)
			}
			if err := lw.write(selectLines(lines, logOptions{since: o.since})); err != nil {
				return err
			}
		}
		if final {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
		}
	}
}

func readRange(path string, from, to int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, to-from)
	n, err := f.ReadAt(buf, from)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:n], nil
}

// readLog reads the whole log file; a missing file is an empty log (nothing written yet).
func readLog(path string) ([]byte, time.Time, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, time.Now(), nil
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	data, err := io.ReadAll(f)
	return data, fi.ModTime(), err
}
