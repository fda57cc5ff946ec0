package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"time"

	"k8s.io/cri-streaming/pkg/streaming/portforward"
	"k8s.io/cri-streaming/pkg/streaming/remotecommand"
)

type server struct {
	cfg  config
	pods podStore
	// Cancelled on SIGTERM: exec sessions and log followers end.
	root context.Context
	// Exec sessions in flight, so a stopping server can wait for their commands to be killed.
	execs sync.WaitGroup
}

// routes are the kubelet's streaming paths; the apiserver uses the forms without uid.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/portForward/{ns}/{pod}", s.portForward)
	mux.HandleFunc("/portForward/{ns}/{pod}/{uid}", s.portForward)
	mux.HandleFunc("/exec/{ns}/{pod}/{container}", s.exec)
	mux.HandleFunc("/exec/{ns}/{pod}/{uid}/{container}", s.exec)
	mux.HandleFunc("/containerLogs/{ns}/{pod}/{container}", s.containerLogs)
	return logRequests(mux)
}

// logRequests logs every request (never the query of an exec, which may carry secrets).
func logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		user := "-"
		if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
			user = r.TLS.PeerCertificates[0].Subject.CommonName
		}
		local := "-"
		if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
			local = a.String()
		}
		log.Printf("%s->%s %s %s client=%q status=%d took=%s", r.RemoteAddr, local, r.Method, r.URL.Path, user, sw.code(), time.Since(start).Round(time.Millisecond))
	})
}

// statusWriter records the response code; Unwrap lets the streaming code reach the original
// writer (it needs http.Hijacker).
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Hijack hands the connection to the SPDY upgrade (which does not unwrap writers).
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("this connection cannot be upgraded")
	}
	if w.status == 0 {
		w.status = http.StatusSwitchingProtocols
	}
	return h.Hijack()
}

func (w *statusWriter) code() int {
	if w.status == 0 {
		// Hijacked for an upgrade.
		return http.StatusSwitchingProtocols
	}
	return w.status
}

// hijackWatcher calls onClose once the upgraded connection's peer is gone (its reads fail)
// or the connection is closed.
type hijackWatcher struct {
	http.ResponseWriter
	onClose func()
}

func (w *hijackWatcher) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *hijackWatcher) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("this connection cannot be upgraded")
	}
	conn, rw, err := h.Hijack()
	if err != nil {
		return nil, nil, err
	}
	// Reads go through the hijacked reader (it may hold buffered bytes); its errors tell.
	wc := &watchedConn{Conn: conn, r: rw.Reader, onClose: w.onClose}
	return wc, bufio.NewReadWriter(bufio.NewReader(wc), rw.Writer), nil
}

type watchedConn struct {
	net.Conn
	r       io.Reader
	once    sync.Once
	onClose func()
}

func (c *watchedConn) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	if err != nil {
		c.once.Do(c.onClose)
	}
	return n, err
}

func (c *watchedConn) Close() error {
	c.once.Do(c.onClose)
	return c.Conn.Close()
}

// fail answers with 404 for pods and containers this node does not run, 400 for bad
// requests, 409 for containers that are not running.
func fail(w http.ResponseWriter, code int, err error) {
	if errors.Is(err, errNotFound) {
		code = http.StatusNotFound
	}
	http.Error(w, err.Error(), code)
}

func (s *server) portForward(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	pod, err := s.pods.get(r.PathValue("ns"), r.PathValue("pod"), r.PathValue("uid"))
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	opts, err := portforward.NewV4Options(r)
	if err != nil {
		fail(w, http.StatusBadRequest, err)
		return
	}
	fwd := podForwarder{pod: pod, dialTimeout: s.cfg.dialTimeout}
	name := pod.Namespace + "/" + pod.Name
	portforward.ServePortForward(w, r, fwd, name, pod.UID, opts, s.cfg.idleTimeout, s.cfg.streamCreationTimeout, portforward.SupportedProtocols)
}

func (s *server) exec(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	container := r.PathValue("container")
	pod, err := s.pods.get(r.PathValue("ns"), r.PathValue("pod"), r.PathValue("uid"))
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	c, err := pod.container(container)
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	pid, err := pod.runningPid(container)
	if err != nil {
		fail(w, http.StatusConflict, err)
		return
	}
	cmd := r.URL.Query()["command"]
	if len(cmd) == 0 {
		fail(w, http.StatusBadRequest, errors.New("no command given (query parameter command)"))
		return
	}
	opts, err := remotecommand.NewOptions(r)
	if err != nil {
		fail(w, http.StatusBadRequest, err)
		return
	}
	ex := containerExecutor{root: s.root, nsenter: s.cfg.nsenter, pid: pid, env: c.Env, workdir: c.Workdir, container: container}
	s.execs.Add(1)
	defer s.execs.Done()
	// The command runs until it exits or the client's connection is gone (a client that went
	// away must not leave its command running in the container).
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	w = &hijackWatcher{ResponseWriter: w, onClose: cancel}
	r = r.WithContext(ctx)
	remotecommand.ServeExec(w, r, ex, pod.Namespace+"/"+pod.Name, pod.UID, container, cmd, opts,
		s.cfg.idleTimeout, s.cfg.streamCreationTimeout, remotecommand.SupportedStreamingProtocols)
}

// runningContainer tells a log follower whether the container it started with still runs.
type runningContainer struct {
	s         *server
	ns, pod   string
	uid       string
	container string
	pid       int
}

func (rc runningContainer) stillRunning() bool {
	st, err := rc.s.pods.get(rc.ns, rc.pod, rc.uid)
	if err != nil {
		return false
	}
	pid, err := st.runningPid(rc.container)
	return err == nil && pid == rc.pid
}

func (s *server) containerLogs(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	ns, name, container := r.PathValue("ns"), r.PathValue("pod"), r.PathValue("container")
	pod, err := s.pods.get(ns, name, "")
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	c, err := pod.container(container)
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	o, err := parseLogOptions(r.URL.Query(), time.Now())
	if err != nil {
		fail(w, http.StatusBadRequest, err)
		return
	}
	if o.previous {
		// One log file per container, appended across restarts: there is no separate log of
		// the previous instance.
		fail(w, http.StatusBadRequest, fmt.Errorf("previous terminated container %q in pod %q not found: the testbed keeps one log per container (all restarts appended); read it without --previous", container, name))
		return
	}
	data, mtime, err := readLog(c.Log)
	if err != nil {
		fail(w, http.StatusInternalServerError, fmt.Errorf("cannot read the log of container %q: %v", container, err))
		return
	}
	// A follower picks up an unfinished last line once it is complete.
	offset := int64(len(data))
	if o.follow {
		if i := lastNewline(data); i+1 < len(data) {
			data, offset = data[:i+1], int64(i+1)
		}
	}
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	flusher, _ := w.(http.Flusher)
	lw := &logWriter{w: w, flusher: flusher, timestamps: o.timestamps, remaining: o.limitBytes}
	lines := selectLines(parseLog(data, time.Local, mtime), o)
	if err := lw.write(lines); err != nil || !o.follow {
		return
	}
	if flusher != nil {
		// Headers out now, so a client waiting for the first line is not kept waiting.
		flusher.Flush()
	}
	pid, err := pod.runningPid(container)
	if err != nil {
		// Following a stopped container ends at once, as on a kubelet.
		return
	}
	src := runningContainer{s: s, ns: ns, pod: name, uid: pod.UID, container: container, pid: pid}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(s.root, cancel)
	defer stop()
	if err := followLog(ctx, c.Log, offset, lw, o, src, s.cfg.logPoll); err != nil && !errors.Is(err, errLimitReached) {
		log.Printf("following %s/%s/%s: %v", ns, name, container, err)
	}
}

func lastNewline(data []byte) int {
	for i := len(data) - 1; i >= 0; i-- {
		if data[i] == '\n' {
			return i
		}
	}
	return -1
}
