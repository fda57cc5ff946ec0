#!/usr/bin/env bash
# Runs a command from the outside vantage point, as from a laptop: in the network namespace
# kk<slot>-outside, which reaches the API server (through its outside address), the node
# addresses (NodePorts, kubelets) and the load-balancer addresses, but nothing of the pod or
# Service networks and no cluster DNS. KUBECONFIG points at $TB/kubeconfig-outside.
#   tests/testbed/outside.sh kubectl get pods -A
#   tests/testbed/outside.sh target/debug/kubectl-kafka status -n kafka
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [[ $# -lt 1 ]]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
# What the running testbed wrote wins over this shell's TESTBED_* variables.
netns="$OUTSIDE_NETNS"
kubeconfig="$TB/kubeconfig-outside"
if [[ -f "$TB/env" ]]; then
  netns="$(sed -n "s/^export OUTSIDE_NETNS='\(.*\)'$/\1/p" "$TB/env")"
  kubeconfig="$(sed -n "s/^export OUTSIDE_KUBECONFIG='\(.*\)'$/\1/p" "$TB/env")"
fi
[[ -n "$netns" && -e "/run/netns/$netns" ]] || { echo "no outside namespace ($netns): run tests/testbed/up.sh" >&2; exit 1; }
exec ip netns exec "$netns" env KUBECONFIG="$kubeconfig" "$@"
