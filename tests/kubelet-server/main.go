// Command kubelet-server is the local testbed's kubelet streaming endpoint: the real
// kube-apiserver proxies `kubectl port-forward`, `kubectl logs` and `kubectl exec` to it, as it
// does to a kubelet's port 10250.
//
// It serves, over TLS with client certificates required:
//
//	/portForward/{namespace}/{pod}[/{uid}]              websocket (v4.channel.k8s.io) and SPDY/3.1
//	/exec/{namespace}/{pod}[/{uid}]/{container}         SPDY remotecommand (v1..v4)
//	/containerLogs/{namespace}/{pod}/{container}        follow, tailLines, limitBytes,
//	                                                    sinceSeconds, sinceTime, timestamps
//
// and 404 for anything else. Pods are found through the node agent's pod state files
// (<pod-state-dir>/<namespace>/<pod>.json). The protocol handling is the kubelet's own
// (k8s.io/cri-streaming); this program supplies the pod side: dialling the pod's IP for
// port-forward, nsenter into the container's namespaces for exec, its log file for logs.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"
)

type config struct {
	listen                []string
	certFile, keyFile     string
	clientCAFile          string
	podStateDir           string
	nsenter               string
	idleTimeout           time.Duration
	streamCreationTimeout time.Duration
	dialTimeout           time.Duration
	logPoll               time.Duration
}

// listFlag collects a repeatable, comma-separated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func parseFlags(args []string) (config, error) {
	var c config
	var listen listFlag
	fs := flag.NewFlagSet("kubelet-server", flag.ContinueOnError)
	fs.Var(&listen, "listen", "address:port to serve on; repeat or comma-separate (one per node InternalIP)")
	fs.StringVar(&c.certFile, "tls-cert-file", "", "serving certificate (PEM; IP SANs = the listen addresses)")
	fs.StringVar(&c.keyFile, "tls-private-key-file", "", "serving certificate's key (PEM)")
	fs.StringVar(&c.clientCAFile, "client-ca-file", "", "CA whose client certificates (clientAuth) are accepted; every client needs one")
	fs.StringVar(&c.podStateDir, "pod-state-dir", "", "the node agent's pod state files: <dir>/<namespace>/<pod>.json")
	fs.StringVar(&c.nsenter, "nsenter", "nsenter", "nsenter executable (util-linux)")
	fs.DurationVar(&c.idleTimeout, "streaming-connection-idle-timeout", 4*time.Hour, "close exec/port-forward connections idle this long")
	fs.DurationVar(&c.streamCreationTimeout, "stream-creation-timeout", 30*time.Second, "how long a client may take to open its streams")
	fs.DurationVar(&c.dialTimeout, "port-forward-dial-timeout", 5*time.Second, "timeout of the connection to the pod's port")
	fs.DurationVar(&c.logPoll, "log-follow-poll", 100*time.Millisecond, "how often a followed log is checked for new lines")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c.listen = listen
	var missing []string
	for name, v := range map[string]string{"--tls-cert-file": c.certFile, "--tls-private-key-file": c.keyFile,
		"--client-ca-file": c.clientCAFile, "--pod-state-dir": c.podStateDir} {
		if v == "" {
			missing = append(missing, name)
		}
	}
	if len(c.listen) == 0 {
		missing = append(missing, "--listen")
	}
	if len(missing) > 0 {
		return c, fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	if c.idleTimeout <= 0 || c.streamCreationTimeout <= 0 || c.dialTimeout <= 0 || c.logPoll <= 0 {
		return c, errors.New("timeouts and the poll interval must be positive")
	}
	for _, a := range c.listen {
		if _, _, err := net.SplitHostPort(a); err != nil {
			return c, fmt.Errorf("--listen %q is not address:port: %v", a, err)
		}
	}
	return c, nil
}

// tlsConfig serves the given certificate and requires a client certificate issued by the
// client CA with clientAuth usage (Go checks the extended key usage for client certificates).
func tlsConfig(c config) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(c.certFile, c.keyFile)
	if err != nil {
		return nil, fmt.Errorf("cannot load the serving certificate: %v", err)
	}
	caPEM, err := os.ReadFile(c.clientCAFile)
	if err != nil {
		return nil, fmt.Errorf("cannot read the client CA: %v", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, fmt.Errorf("%s holds no PEM certificate", c.clientCAFile)
	}
	return &tls.Config{
		Certificates: []tls.Certificate{cert},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    pool,
		MinVersion:   tls.VersionTLS12,
		// Upgrades (SPDY, websocket) need HTTP/1.1.
		NextProtos: []string{"http/1.1"},
	}, nil
}

func main() {
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	c, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "kubelet-server: %v\n", err)
		os.Exit(2)
	}
	if path, err := exec.LookPath(c.nsenter); err != nil {
		log.Fatalf("cannot find nsenter (%s): %v; install util-linux", c.nsenter, err)
	} else {
		c.nsenter = path
	}
	tc, err := tlsConfig(c)
	if err != nil {
		log.Fatal(err)
	}
	root, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	s := &server{cfg: c, pods: podStore{dir: c.podStateDir}, root: root}

	var servers []*http.Server
	var wg sync.WaitGroup
	for _, addr := range c.listen {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			log.Fatalf("cannot listen on %s: %v", addr, err)
		}
		srv := &http.Server{
			Handler:           s.routes(),
			TLSConfig:         tc,
			ReadHeaderTimeout: 30 * time.Second,
			// Upgraded connections are hijacked; no HTTP/2.
			TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
			ErrorLog:     log.New(os.Stderr, "http: ", log.LstdFlags|log.LUTC),
			BaseContext:  func(net.Listener) context.Context { return root },
		}
		servers = append(servers, srv)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := srv.ServeTLS(ln, "", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Printf("serving %s: %v", addr, err)
			}
		}()
		log.Printf("serving on https://%s", ln.Addr())
	}
	<-root.Done()
	log.Printf("stopping")
	for _, srv := range servers {
		_ = srv.Close()
	}
	wg.Wait()
	// Exec sessions kill their commands when root is cancelled; give that a moment.
	done := make(chan struct{})
	go func() { s.execs.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		log.Printf("exec sessions still open at exit")
	}
}
