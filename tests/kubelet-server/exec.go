package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"

	"github.com/creack/pty"
	"k8s.io/cri-streaming/pkg/streaming/remotecommand"
	utilexec "k8s.io/utils/exec"
)

// What a container runtime puts on PATH when the image sets none.
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// How long output pipes may stay open after the command exited (a background child holding
// them must not hang the session).
const outputDrain = 5 * time.Second

// containerExecutor runs commands in one container: `nsenter -t <pid> -n -m -u -p` enters the
// network, mount, UTS and PID namespaces of the container's main process, so the command sees
// what the container sees (its /proc belongs to its PID namespace; also works while those are
// still the host's own).
type containerExecutor struct {
	// Cancelled when the server stops: running commands are killed then.
	root      context.Context
	nsenter   string
	pid       int
	env       [][2]string
	workdir   *string
	container string
}

// command builds the nsenter invocation and its environment (the container's env, as a
// runtime's exec does).
func (e containerExecutor) command(ctx context.Context, cmd []string, tty bool) *exec.Cmd {
	args := []string{"-t", strconv.Itoa(e.pid), "-n", "-m", "-u", "-p"}
	if e.workdir != nil && *e.workdir != "" {
		args = append(args, "--wd="+*e.workdir)
	} else {
		// No workdir recorded: the main process's working directory is the container's.
		args = append(args, "-w")
	}
	args = append(args, "--")
	args = append(args, cmd...)
	c := exec.CommandContext(ctx, e.nsenter, args...)
	c.Env = containerEnv(e.env, tty)
	c.WaitDelay = outputDrain
	// Its own process group (a session with a terminal), so a cancelled session stops the
	// command's children too.
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: !tty}
	c.Cancel = func() error { return syscall.Kill(-c.Process.Pid, syscall.SIGKILL) }
	return c
}

// containerEnv is the container's env plus what a runtime adds when the image leaves it out.
func containerEnv(env [][2]string, tty bool) []string {
	out := make([]string, 0, len(env)+2)
	hasPath, hasTerm := false, false
	for _, kv := range env {
		switch kv[0] {
		case "PATH":
			hasPath = true
		case "TERM":
			hasTerm = true
		}
		out = append(out, kv[0]+"="+kv[1])
	}
	if !hasPath {
		out = append(out, "PATH="+defaultPath)
	}
	if tty && !hasTerm {
		out = append(out, "TERM=xterm")
	}
	return out
}

// ExecInContainer implements remotecommand.Executor. A non-zero exit comes back as a
// utilexec.CodeExitError, which the streaming library sends as the exit code.
func (e containerExecutor) ExecInContainer(ctx context.Context, _ string, _ string, _ string, cmd []string, in io.Reader, out, errOut io.WriteCloser, tty bool, resize <-chan remotecommand.TerminalSize, timeout time.Duration) error {
	if len(cmd) == 0 {
		return errors.New("no command given")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(e.root, cancel)
	defer stop()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	if _, err := os.Stat(fmt.Sprintf("/proc/%d", e.pid)); err != nil {
		return fmt.Errorf("container %q is not running (its process %d is gone)", e.container, e.pid)
	}
	c := e.command(ctx, cmd, tty)
	var err error
	if tty {
		err = runWithTerminal(c, in, out, resize)
	} else {
		err = runWithPipes(c, in, out, errOut)
	}
	return exitError(err)
}

func runWithPipes(c *exec.Cmd, in io.Reader, out, errOut io.Writer) error {
	// Non-*os.File writers: exec copies them and Wait returns once the pipes close (or
	// WaitDelay passed).
	if out != nil {
		c.Stdout = out
	}
	if errOut != nil {
		c.Stderr = errOut
	}
	var stdin io.WriteCloser
	if in != nil {
		var err error
		if stdin, err = c.StdinPipe(); err != nil {
			return err
		}
	}
	if err := c.Start(); err != nil {
		return err
	}
	if stdin != nil {
		// Not waited for: a client that never closes stdin must not keep the session open once
		// the command exited (Wait closes the pipe, which ends this copy at its next write).
		go func() {
			_, _ = io.Copy(stdin, in)
			_ = stdin.Close()
		}()
	}
	return c.Wait()
}

func runWithTerminal(c *exec.Cmd, in io.Reader, out io.Writer, resize <-chan remotecommand.TerminalSize) error {
	ptmx, err := pty.Start(c)
	if err != nil {
		return err
	}
	defer ptmx.Close()
	if resize != nil {
		go func() {
			for size := range resize {
				_ = pty.Setsize(ptmx, &pty.Winsize{Rows: size.Height, Cols: size.Width})
			}
		}()
	}
	if in != nil {
		go func() { _, _ = io.Copy(ptmx, in) }()
	}
	copied := make(chan struct{})
	go func() {
		if out != nil {
			// Ends with EIO once every holder of the terminal closed it.
			_, _ = io.Copy(out, ptmx)
		} else {
			_, _ = io.Copy(io.Discard, ptmx)
		}
		close(copied)
	}()
	waitErr := c.Wait()
	select {
	case <-copied:
	case <-time.After(outputDrain):
	}
	return waitErr
}

// exitError maps a finished command to what the streaming library reports: its exit code, or
// 128+signal for a command killed by a signal (as container runtimes report it).
func exitError(err error) error {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return err
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return utilexec.CodeExitError{Err: err, Code: 128 + int(ws.Signal())}
	}
	return utilexec.CodeExitError{Err: err, Code: ee.ExitCode()}
}
