#!/usr/bin/env bash
# The testbed's host networking (idempotent):
#   net.sh up      the pod bridge kkbr<slot> (pods' gateway, POD_GATEWAY) and the outside vantage
#                  point: network namespace kk<slot>-outside, linked to the host by a veth pair,
#                  that reaches the node and load-balancer addresses and the API server's outside
#                  address, and nothing of the pod or Service networks.
#   net.sh down    removes all of it, and any pod network namespaces/veths the node agent left.
#   net.sh check   exits non-zero, listing them, if anything of this slot is left on the host.
# Addresses and names come from lib.sh (TESTBED_* variables).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sysctl_set() { echo "$2" >"/proc/sys/${1//.//}"; }
link_exists() { [[ -e "/sys/class/net/$1" ]]; }
netns_exists() { [[ -e "/run/netns/$1" ]]; }

pod_netns() { # the agent's pod namespaces: <prefix>-<namespace>.<pod>
  ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${NET_PREFIX}-[^.]+\..+" || true
}
pod_veths() {
  ls /sys/class/net 2>/dev/null | grep -E "^${NET_PREFIX}p[0-9]+$" || true
}

kill_netns_members() { # pids still in a namespace die with it
  local pids
  pids="$(ip netns pids "$1" 2>/dev/null || true)"
  [[ -n "$pids" ]] && kill -KILL $pids 2>/dev/null || true
}

up() {
  # pod bridge
  link_exists "$BRIDGE" || ip link add "$BRIDGE" type bridge
  ip addr replace "$POD_GATEWAY/${POD_CIDR#*/}" dev "$BRIDGE" scope global
  sysctl_set "net.ipv4.conf.$BRIDGE.route_localnet" 1
  ip link set "$BRIDGE" up
  # a more specific route in the local table beats `local 127.0.0.0/8 dev lo`
  ip route replace "$POD_CIDR" dev "$BRIDGE" src "$POD_GATEWAY" table local

  # outside vantage point
  netns_exists "$OUTSIDE_NETNS" || ip netns add "$OUTSIDE_NETNS"
  if ! link_exists "$OUTSIDE_VETH"; then
    ip -n "$OUTSIDE_NETNS" link del eth0 2>/dev/null || true
    ip link add "$OUTSIDE_VETH" type veth peer name eth0 netns "$OUTSIDE_NETNS"
  fi
  ip addr replace "$OUTSIDE_HOST_IP/${OUTSIDE_CIDR#*/}" dev "$OUTSIDE_VETH" scope global
  sysctl_set "net.ipv4.conf.$OUTSIDE_VETH.route_localnet" 1
  ip link set "$OUTSIDE_VETH" up
  ip route replace "$OUTSIDE_CIDR" dev "$OUTSIDE_VETH" src "$OUTSIDE_HOST_IP" table local
  ip netns exec "$OUTSIDE_NETNS" sh -c \
    'echo 1 >/proc/sys/net/ipv4/conf/all/route_localnet && echo 1 >/proc/sys/net/ipv4/conf/eth0/route_localnet'
  {
    echo "link set lo up"
    echo "addr replace $OUTSIDE_NS_IP/${OUTSIDE_CIDR#*/} dev eth0 scope global"
    echo "link set eth0 up"
  } | ip -n "$OUTSIDE_NETNS" -batch -
  # only 127.0.0.1 stays local; node and load-balancer addresses go to the host, nothing else
  ip -n "$OUTSIDE_NETNS" route del local 127.0.0.0/8 dev lo table local 2>/dev/null || true
  ip -n "$OUTSIDE_NETNS" route replace local 127.0.0.1 dev lo table local
  for n in ${NODE_IPS//,/ }; do
    ip -n "$OUTSIDE_NETNS" route replace "$n/32" via "$OUTSIDE_HOST_IP" dev eth0 src "$OUTSIDE_NS_IP"
  done
  ip -n "$OUTSIDE_NETNS" route replace "$LB_POOL" via "$OUTSIDE_HOST_IP" dev eth0 src "$OUTSIDE_NS_IP"
}

down() {
  local n
  for n in $(pod_netns); do
    kill_netns_members "$n"
    ip netns del "$n" 2>/dev/null || true
  done
  for n in $(pod_veths); do ip link del "$n" 2>/dev/null || true; done
  if netns_exists "$OUTSIDE_NETNS"; then
    kill_netns_members "$OUTSIDE_NETNS"
    ip netns del "$OUTSIDE_NETNS" 2>/dev/null || true
  fi
  link_exists "$OUTSIDE_VETH" && ip link del "$OUTSIDE_VETH" 2>/dev/null || true
  # deleting a device removes its addresses and routes (local table included)
  link_exists "$BRIDGE" && ip link del "$BRIDGE" 2>/dev/null || true
  return 0
}

check() {
  local left=()
  left+=($(pod_netns) $(pod_veths))
  netns_exists "$OUTSIDE_NETNS" && left+=("netns:$OUTSIDE_NETNS")
  link_exists "$OUTSIDE_VETH" && left+=("link:$OUTSIDE_VETH")
  link_exists "$BRIDGE" && left+=("link:$BRIDGE")
  local r
  for r in "$POD_CIDR" "$OUTSIDE_CIDR"; do
    ip route show table local "$r" | grep -q . && left+=("route:$r")
  done
  if ((${#left[@]})); then
    echo "left on the host: ${left[*]}" >&2
    return 1
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  check) check ;;
  *) echo "usage: $0 up|down|check" >&2; exit 2 ;;
esac
