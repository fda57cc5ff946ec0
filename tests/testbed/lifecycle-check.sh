#!/usr/bin/env bash
# Crash and clean-up checks of the testbed itself (tests/run.sh runs this last: it ends with the
# testbed purged). Needs a running testbed. Fails (exit 1) on the first broken expectation.
#  1. SIGKILL the node agent: no container outlives it, and up.sh brings back a working testbed.
#  2. An up.sh killed half-way (after the API server started, before the node agent), then
#     up.sh again: a working testbed.
#  3. down.sh --purge: no network namespace, veth, bridge, route, mount or mount point, and no
#     process of the testbed is left on the host.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
fail() { log "lifecycle check FAILED: $*"; exit 1; }
[[ -f "$TB/env" ]] || fail "the testbed is not running (tests/testbed/up.sh)"
source "$TB/env"
out="$TB/logs/lifecycle-check.log"

# The namespace-kafka brokers answer, and every pod there is Ready.
working() {
  local deadline=$((SECONDS + 300)) n
  source "$TB/env"
  while :; do
    n="$("$TESTBED_SRC/kafka-tool.sh" kafka-broker-api-versions --bootstrap-server "$KAFKA_BOOTSTRAP" 2>/dev/null | grep -c '(id: ' || true)"
    if [[ "$n" -ge 3 ]] && "$KUBECTL" wait --for=condition=Ready pods --all -n kafka --timeout=5s >/dev/null 2>&1; then
      return 0
    fi
    (( SECONDS < deadline )) || fail "$1: brokers registered: $n of 3 after 300 s"
    sleep 3
  done
}

container_pids() {
  cat "$TB"/agent/pods/*/*.json 2>/dev/null | grep -o '"pid": [0-9]*' | grep -o '[0-9]*$' || true
}

# --- 1. SIGKILLed node agent ----------------------------------------------------------------
pids="$(container_pids)"
[[ -n "$pids" ]] || fail "no running containers found in $TB/agent/pods"
log "1. SIGKILL the node agent ($(wc -w <<<"$pids") containers running)"
kill -KILL "$(cat "$TB/pids/node-agent.pid")"
sleep 2
for p in $pids; do
  if kill -0 "$p" 2>/dev/null; then fail "container process $p outlived the SIGKILLed node agent"; fi
done
"$TESTBED_SRC/up.sh" >>"$out" 2>&1 || fail "up.sh after the agent crash (see $out)"
working "after the agent crash"
log "1. ok: containers died with the agent; up.sh restored a working testbed"

# --- 2. half-finished up.sh -----------------------------------------------------------------
log "2. down.sh, then an up.sh killed after the API server started"
"$TESTBED_SRC/down.sh" >>"$out" 2>&1 || fail "down.sh (see $out)"
set -m # its own process group (what up.sh starts detaches itself with setsid and survives)
"$TESTBED_SRC/up.sh" >>"$out" 2>&1 &
up_pid=$!
set +m
deadline=$((SECONDS + 300))
until [[ -f "$TB/pids/kube-apiserver.pid" ]]; do
  kill -0 "$up_pid" 2>/dev/null || fail "up.sh ended before starting the API server (see $out)"
  (( SECONDS < deadline )) || fail "up.sh did not start the API server in 300 s"
  sleep 0.2
done
kill -KILL -- "-$up_pid" 2>/dev/null || true
wait "$up_pid" 2>/dev/null || true
pid_alive node-agent && fail "the node agent was already running: the kill came too late to test a half-finished up.sh"
"$TESTBED_SRC/up.sh" >>"$out" 2>&1 || fail "up.sh after a half-finished up.sh (see $out)"
working "after a half-finished up.sh"
log "2. ok: up.sh completed what the killed one left"

# --- 3. down.sh --purge leaves nothing ------------------------------------------------------
log "3. down.sh --purge"
mountpoints="$(cut -d' ' -f2- "$TB/agent/host-mountpoints" 2>/dev/null || true)"
tb_dir="$TB"
"$TESTBED_SRC/down.sh" --purge >>"/tmp/lifecycle-check-$$.log" 2>&1 || fail "down.sh --purge (see /tmp/lifecycle-check-$$.log)"
rm -f "/tmp/lifecycle-check-$$.log"
"$TESTBED_SRC/net.sh" check || fail "network objects left after down.sh --purge"
left_ns="$(ip netns list | awk '{print $1}' | grep -E "^${NET_PREFIX}-" || true)"
[[ -z "$left_ns" ]] || fail "network namespaces left: $left_ns"
grep -F "$tb_dir" /proc/self/mountinfo && fail "mounts of $tb_dir left on the host"
for m in $mountpoints; do
  if [[ -e "$m" ]] && ! mountpoint_in_use "$m"; then
    fail "mount point $m left on the host (no mount namespace uses it)"
  fi
done
procs="$(pgrep -af -- "$tb_dir" | grep -v -e lifecycle-check -e pgrep || true)"
[[ -z "$procs" ]] || fail "processes of the testbed left: $procs"
[[ ! -e "$tb_dir" ]] || fail "$tb_dir still exists"
log "3. ok: nothing of the testbed is left on the host"
log "lifecycle check passed"
