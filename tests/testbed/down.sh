#!/usr/bin/env bash
# Stops the testbed (brokers shut down cleanly through the node agent). Data stays in .testbed
# so the next up.sh resumes the same cluster; --purge removes all state.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
stop_pid kubelet-server 10
stop_pid node-agent 150
stop_pid kube-controller-manager 20
stop_pid kube-apiserver 30
stop_pid etcd 20
if [[ "${1:-}" == "--purge" ]]; then
  log "removing $TB"
  rm -rf "$TB"
fi
log "down"
