package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// PodState is what the node agent writes to <pod-state-dir>/<namespace>/<pod>.json
// (tests/testbed design, "Pod state for the kubelet server").
type PodState struct {
	Namespace  string                    `json:"namespace"`
	Name       string                    `json:"name"`
	UID        string                    `json:"uid"`
	Node       string                    `json:"node"`
	IP         string                    `json:"ip"`
	Netns      *string                   `json:"netns"`
	Containers map[string]ContainerState `json:"containers"`
}

// ContainerState is one container of a PodState.
type ContainerState struct {
	// Pid of the container's main process while it runs, else nil.
	Pid          *int        `json:"pid"`
	Log          string      `json:"log"`
	Env          [][2]string `json:"env"`
	Workdir      *string     `json:"workdir"`
	RestartCount int         `json:"restart_count"`
}

// errNotFound marks a pod or container this node does not run (answered with 404).
var errNotFound = errors.New("not found")

// Namespace and pod names are DNS subdomains; anything else never names a state file (and must
// not escape the state directory).
var objectName = regexp.MustCompile(`^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$`)

type podStore struct {
	dir string
}

func (s podStore) path(ns, pod string) (string, error) {
	if !objectName.MatchString(ns) || !objectName.MatchString(pod) || len(ns) > 253 || len(pod) > 253 {
		return "", fmt.Errorf("pod %q in namespace %q: %w", pod, ns, errNotFound)
	}
	return filepath.Join(s.dir, ns, pod+".json"), nil
}

// get reads the state of pod ns/name; uid, when not empty, must match.
func (s podStore) get(ns, name, uid string) (*PodState, error) {
	path, err := s.path(ns, name)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("pod %s/%s is not running on this node: %w", ns, name, errNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the state of pod %s/%s: %v", ns, name, err)
	}
	return parsePodState(data, ns, name, uid)
}

func parsePodState(data []byte, ns, name, uid string) (*PodState, error) {
	var st PodState
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("the state of pod %s/%s is not valid JSON: %v", ns, name, err)
	}
	if st.Namespace != ns || st.Name != name {
		return nil, fmt.Errorf("the state file of pod %s/%s names pod %s/%s", ns, name, st.Namespace, st.Name)
	}
	if uid != "" && st.UID != uid {
		return nil, fmt.Errorf("pod %s/%s with uid %s is not running on this node (it runs uid %s): %w", ns, name, uid, st.UID, errNotFound)
	}
	return &st, nil
}

// container returns the named container of the pod.
func (p *PodState) container(name string) (*ContainerState, error) {
	c, ok := p.Containers[name]
	if !ok {
		return nil, fmt.Errorf("container %q not found in pod %s/%s: %w", name, p.Namespace, p.Name, errNotFound)
	}
	return &c, nil
}

// runningPid is the container's main process, or an error saying it is not running.
func (p *PodState) runningPid(container string) (int, error) {
	c, err := p.container(container)
	if err != nil {
		return 0, err
	}
	if c.Pid == nil || *c.Pid <= 0 {
		return 0, fmt.Errorf("container %q in pod %s/%s is not running", container, p.Namespace, p.Name)
	}
	return *c.Pid, nil
}
