#!/usr/bin/env bash
# Stops the testbed: the node agent first (pods stop as in a graceful node shutdown; brokers shut
# down cleanly), then the control plane, then the host network (bridge, pod and outside
# namespaces, veths, routes). Data stays in .testbed so the next up.sh resumes the same cluster;
# --purge also removes the state and the mount points the agent created on the host for image
# paths ($TB/agent/host-mountpoints; each only if empty and no mount namespace uses it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
stop_pid kubelet-server 10
stop_pid node-agent 200
stop_pid apiserver-public 10
stop_pid kube-controller-manager 20
stop_pid kube-apiserver 30
stop_pid etcd 20
"$TESTBED_SRC/net.sh" down

if [[ "${1:-}" == "--purge" ]]; then
  list="$TB/agent/host-mountpoints"
  if [[ -f "$list" ]]; then
    # deepest first, so a created parent goes after its children
    awk '{ print length($0) "\t" $0 }' "$list" | sort -rn | cut -f2- | while read -r kind path; do
      [[ -n "$path" && "$path" == /* ]] || continue
      if mountpoint_in_use "$path"; then
        log "keeping $path: a mount namespace still uses it"
        continue
      fi
      case "$kind" in
        f) if [[ -f "$path" && ! -s "$path" ]]; then rm -f "$path"; fi ;;
        d) if [[ -d "$path" ]]; then rmdir "$path" 2>/dev/null || true; fi ;;
      esac
    done
  fi
  log "removing $TB"
  rm -rf "$TB"
fi
log "down"
