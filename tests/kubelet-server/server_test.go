package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	utilexec "k8s.io/utils/exec"
)

// writeState writes a pod state file as the node agent does.
func writeState(t *testing.T, dir, ns, pod, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, ns), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ns, pod+".json"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func testServer(t *testing.T) (*server, string) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return &server{cfg: config{podStateDir: dir, nsenter: "nsenter", idleTimeout: time.Minute,
		streamCreationTimeout: time.Second, dialTimeout: time.Second, logPoll: 5 * time.Millisecond},
		pods: podStore{dir: dir}, root: ctx}, dir
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

func TestPodStore(t *testing.T) {
	_, dir := testServer(t)
	store := podStore{dir: dir}
	writeState(t, dir, "kafka", "kafka-0", `{"namespace":"kafka","name":"kafka-0","uid":"u1","node":"node-a","ip":"127.0.0.9","netns":null,
		"containers":{"kafka":{"pid":42,"log":"/x.log","env":[["A","1"]],"workdir":null,"restart_count":2},
		              "side":{"pid":null,"log":"/y.log","env":[],"workdir":"/w","restart_count":0}}}`)
	p, err := store.get("kafka", "kafka-0", "")
	if err != nil {
		t.Fatal(err)
	}
	if p.IP != "127.0.0.9" || p.Netns != nil || p.Containers["kafka"].Env[0] != [2]string{"A", "1"} || p.Containers["kafka"].RestartCount != 2 {
		t.Fatalf("parsed %+v", p)
	}
	if pid, err := p.runningPid("kafka"); err != nil || pid != 42 {
		t.Fatalf("running pid %d %v", pid, err)
	}
	if _, err := p.runningPid("side"); err == nil || errors.Is(err, errNotFound) || !strings.Contains(err.Error(), "not running") {
		t.Fatalf("stopped container: %v", err)
	}
	if _, err := p.runningPid("nope"); !errors.Is(err, errNotFound) {
		t.Fatalf("unknown container: %v", err)
	}
	if _, err := store.get("kafka", "kafka-0", "u1"); err != nil {
		t.Fatalf("matching uid: %v", err)
	}
	if _, err := store.get("kafka", "kafka-0", "other"); !errors.Is(err, errNotFound) {
		t.Fatalf("other uid: %v", err)
	}
	if _, err := store.get("kafka", "kafka-1", ""); !errors.Is(err, errNotFound) {
		t.Fatalf("missing pod: %v", err)
	}
	for _, bad := range [][2]string{{"..", "x"}, {"kafka", "../kafka/kafka-0"}, {"Kafka", "a"}, {"", "a"}} {
		if _, err := store.get(bad[0], bad[1], ""); !errors.Is(err, errNotFound) {
			t.Errorf("%q accepted: %v", bad, err)
		}
	}
	writeState(t, dir, "kafka", "kafka-2", `{"namespace":"kafka","name":"kafka-9"}`)
	if _, err := store.get("kafka", "kafka-2", ""); err == nil || errors.Is(err, errNotFound) {
		t.Fatalf("a state file naming another pod: %v", err)
	}
	writeState(t, dir, "kafka", "kafka-3", `{`)
	if _, err := store.get("kafka", "kafka-3", ""); err == nil {
		t.Fatal("broken JSON accepted")
	}
}

func TestRoutes(t *testing.T) {
	s, dir := testServer(t)
	h := s.routes()
	for _, p := range []string{"/", "/pods", "/healthz", "/stats/summary", "/run/kafka/kafka-0/kafka", "/containerLogs/kafka/kafka-0", "/attach/kafka/kafka-0/kafka"} {
		if code, _ := get(t, h, p); code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
	// Known paths, unknown pods: 404 with a message naming the pod.
	for _, p := range []string{"/portForward/kafka/nope?port=9092", "/exec/kafka/nope/kafka?command=true&output=1", "/containerLogs/kafka/nope/kafka"} {
		code, body := get(t, h, p)
		if code != http.StatusNotFound || !strings.Contains(body, "kafka/nope") {
			t.Errorf("%s: %d %q", p, code, body)
		}
	}
	log := filepath.Join(dir, "c.log")
	writeState(t, dir, "kafka", "kafka-0", `{"namespace":"kafka","name":"kafka-0","uid":"u1","ip":"127.0.0.9",
		"containers":{"kafka":{"pid":null,"log":"`+log+`","env":[],"restart_count":0}}}`)
	if code, body := get(t, h, "/exec/kafka/kafka-0/kafka?command=true&output=1"); code != http.StatusConflict || !strings.Contains(body, "not running") {
		t.Errorf("exec into a stopped container: %d %q", code, body)
	}
	if code, body := get(t, h, "/exec/kafka/kafka-0/other/kafka?command=true&output=1"); code != http.StatusNotFound || !strings.Contains(body, "uid other") {
		t.Errorf("exec with a stale uid: %d %q", code, body)
	}
	if code, body := get(t, h, "/exec/kafka/kafka-0/sidecar?command=true&output=1"); code != http.StatusNotFound || !strings.Contains(body, `container "sidecar" not found`) {
		t.Errorf("exec into an unknown container: %d %q", code, body)
	}
	if code, _ := get(t, h, "/portForward/kafka/kafka-0"); code != http.StatusBadRequest {
		t.Errorf("port-forward without the SPDY handshake headers: %d", code)
	}
}

func TestContainerLogs(t *testing.T) {
	s, dir := testServer(t)
	h := s.routes()
	log := filepath.Join(dir, "c.log")
	if err := os.WriteFile(log, []byte("[2025-12-03 13:00:00,000] one\n[2025-12-03 13:00:01,000] two\nthree\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeState(t, dir, "kafka", "kafka-0", `{"namespace":"kafka","name":"kafka-0","uid":"u1","ip":"127.0.0.9",
		"containers":{"kafka":{"pid":null,"log":"`+log+`","env":[],"restart_count":1}}}`)
	code, body := get(t, h, "/containerLogs/kafka/kafka-0/kafka")
	if code != http.StatusOK || !strings.HasPrefix(body, "[2025-12-03 13:00:00,000] one\n") || !strings.HasSuffix(body, "three\n") {
		t.Fatalf("all: %d %q", code, body)
	}
	if _, body = get(t, h, "/containerLogs/kafka/kafka-0/kafka?tailLines=1"); body != "three\n" {
		t.Fatalf("tail: %q", body)
	}
	if _, body = get(t, h, "/containerLogs/kafka/kafka-0/kafka?limitBytes=3"); body != "[20" {
		t.Fatalf("limit: %q", body)
	}
	_, body = get(t, h, "/containerLogs/kafka/kafka-0/kafka?tailLines=1&timestamps=true")
	if !strings.HasPrefix(body, "2025-12-03T") || !strings.HasSuffix(body, " three\n") {
		t.Fatalf("timestamps: %q", body)
	}
	// The container is not running: follow returns what there is and ends.
	done := make(chan string, 1)
	go func() { _, b := get(t, h, "/containerLogs/kafka/kafka-0/kafka?follow=true&tailLines=1"); done <- b }()
	select {
	case b := <-done:
		if b != "three\n" {
			t.Fatalf("follow of a stopped container: %q", b)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("follow of a stopped container did not end")
	}
	if code, body = get(t, h, "/containerLogs/kafka/kafka-0/kafka?previous=true"); code != http.StatusBadRequest || !strings.Contains(body, "previous") {
		t.Fatalf("previous: %d %q", code, body)
	}
	if code, _ = get(t, h, "/containerLogs/kafka/kafka-0/kafka?tailLines=-3"); code != http.StatusBadRequest {
		t.Fatalf("bad tailLines: %d", code)
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// The executor enters the namespaces of a process; this test's own process stands in for a
// container (nsenter needs root).
func testExecutor(t *testing.T) containerExecutor {
	t.Helper()
	nsenter, err := exec.LookPath("nsenter")
	if err != nil {
		t.Skipf("not run: nsenter missing: %v", err)
	}
	if os.Geteuid() != 0 {
		t.Skip("not run: nsenter into a process's namespaces needs root")
	}
	wd := t.TempDir()
	return containerExecutor{root: context.Background(), nsenter: nsenter, pid: os.Getpid(),
		env: [][2]string{{"GREETING", "hello from the container"}}, workdir: &wd, container: "c"}
}

func run(t *testing.T, e containerExecutor, cmd []string, stdin string, tty bool) (string, string, error) {
	t.Helper()
	var out, errOut lockedBuffer
	var in io.Reader
	if stdin != "" {
		in = strings.NewReader(stdin)
	}
	var stderr io.WriteCloser = nopCloser{&errOut}
	if tty {
		stderr = nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := e.ExecInContainer(ctx, "ns/pod", "uid", "c", cmd, in, nopCloser{&out}, stderr, tty, nil, 0)
	return out.String(), errOut.String(), err
}

func TestExecEnvWorkdirStdinAndExitCodes(t *testing.T) {
	e := testExecutor(t)
	out, _, err := run(t, e, []string{"sh", "-c", `echo "$GREETING"; pwd; echo "$PATH"`}, "", false)
	if err != nil {
		t.Fatal(err)
	}
	want := "hello from the container\n" + *e.workdir + "\n" + defaultPath + "\n"
	if out != want {
		t.Fatalf("env/workdir/PATH: %q, want %q", out, want)
	}
	out, errOut, err := run(t, e, []string{"sh", "-c", "cat; echo err >&2"}, "from stdin\n", false)
	if err != nil || out != "from stdin\n" || errOut != "err\n" {
		t.Fatalf("stdin: %q %q %v", out, errOut, err)
	}
	_, _, err = run(t, e, []string{"sh", "-c", "exit 7"}, "", false)
	var ce utilexec.CodeExitError
	if !errors.As(err, &ce) || ce.Code != 7 || !ce.Exited() {
		t.Fatalf("exit 7: %v", err)
	}
	_, _, err = run(t, e, []string{"sh", "-c", "kill -9 $$"}, "", false)
	if !errors.As(err, &ce) || ce.Code != 137 {
		t.Fatalf("killed: %v", err)
	}
	_, _, err = run(t, e, []string{"/no/such/command"}, "", false)
	if !errors.As(err, &ce) || ce.Code == 0 {
		t.Fatalf("missing command: %v", err)
	}
	// A client that never closes stdin does not keep a finished command's session open.
	pr, pw := io.Pipe()
	defer pw.Close()
	done := make(chan error, 1)
	go func() {
		done <- e.ExecInContainer(context.Background(), "ns/pod", "uid", "c", []string{"true"}, pr, nopCloser{io.Discard}, nopCloser{io.Discard}, false, nil, 0)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("session held open by an unclosed stdin")
	}
}

func TestExecWithTerminal(t *testing.T) {
	e := testExecutor(t)
	out, _, err := run(t, e, []string{"sh", "-c", `test -t 0 && test -t 1 && echo "tty $TERM"; exit 3`}, "", true)
	var ce utilexec.CodeExitError
	if !errors.As(err, &ce) || ce.Code != 3 {
		t.Fatalf("exit code through a terminal: %v", err)
	}
	if !strings.Contains(out, "tty xterm") {
		t.Fatalf("not a terminal: %q", out)
	}
}

func TestExecGoneProcess(t *testing.T) {
	e := testExecutor(t)
	c := exec.Command("true")
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	e.pid = c.Process.Pid
	_, _, err := run(t, e, []string{"true"}, "", false)
	if err == nil || !strings.Contains(err.Error(), "not running") {
		t.Fatalf("exec into a gone process: %v", err)
	}
}
