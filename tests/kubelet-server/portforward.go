package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"
)

// podForwarder connects port-forward streams to ports of one pod. The host routes to pod
// addresses (the pod's network namespace, once there is one, is reached through its IP), so a
// plain dial of podIP:port reaches what the pod listens on.
type podForwarder struct {
	pod         *PodState
	dialTimeout time.Duration
}

// PortForward implements portforward.PortForwarder. A returned error is written to the port's
// error stream as text by the streaming library, as a kubelet does for a closed port.
func (f podForwarder) PortForward(ctx context.Context, _ string, _ string, port int32, stream io.ReadWriteCloser) error {
	if f.pod.IP == "" {
		return fmt.Errorf("pod %s/%s has no IP address yet", f.pod.Namespace, f.pod.Name)
	}
	addr := net.JoinHostPort(f.pod.IP, strconv.Itoa(int(port)))
	d := net.Dialer{Timeout: f.dialTimeout}
	conn, err := d.DialContext(ctx, "tcp4", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	return splice(ctx, conn.(*net.TCPConn), stream, time.Second)
}

// splice copies both ways until one direction ends, half-closes the other side, gives it
// `linger` to finish (a request in flight still gets its answer), then returns.
func splice(ctx context.Context, conn *net.TCPConn, stream io.ReadWriteCloser, linger time.Duration) error {
	fromPod := make(chan error, 1)
	toPod := make(chan error, 1)
	go func() {
		_, err := io.Copy(stream, conn)
		fromPod <- err
	}()
	go func() {
		_, err := io.Copy(conn, stream)
		// The client finished sending: tell the pod, keep reading its answer.
		_ = conn.CloseWrite()
		toPod <- err
	}()
	var first error
	select {
	case first = <-fromPod:
		// The pod closed: nothing more will reach the client.
		return first
	case first = <-toPod:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-fromPod:
		if first == nil {
			first = err
		}
	case <-time.After(linger):
	case <-ctx.Done():
	}
	return first
}
