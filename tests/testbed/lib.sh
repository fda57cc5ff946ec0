# Shared settings and helpers for the testbed scripts (sourced, not run).
TESTBED_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$TESTBED_SRC/../.." && pwd)"
TB="${KAFKA_TESTBED_DIR:-$REPO_ROOT/.testbed}"
# kraft (default, Kafka 4.x) or zookeeper (Kafka 3.9 with a ZooKeeper StatefulSet)
MODE="${KAFKA_TESTBED_MODE:-kraft}"
case "$MODE" in
  kraft) KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}" ;;
  zookeeper) KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}" ;;
  *) echo "KAFKA_TESTBED_MODE must be kraft or zookeeper, not $MODE" >&2; exit 2 ;;
esac
K8S_VERSION="${K8S_VERSION:-v1.36.3}"
ETCD_PORT="${TESTBED_ETCD_PORT:-12379}"
ETCD_PEER_PORT="${TESTBED_ETCD_PEER_PORT:-12380}"
APISERVER_PORT="${TESTBED_APISERVER_PORT:-16443}"
KCM_PORT="${TESTBED_KCM_PORT:-10257}"
NODES="${TESTBED_NODES:-3}"
# Addresses (all on 127.0.0.0/8). Every range derives from the slot's first pod IP
# (127.0.<B>.1; slot k has B = 100 + 10k and may use 127.0.B.x .. 127.0.<B+9>.x), and each can be
# set on its own:
#   pods            TESTBED_POD_CIDR      127.0.B.0/24     (the bridge takes .254)
#   Service IPs     TESTBED_SERVICE_CIDR  127.0.<B+1>.0/24 (kube-apiserver --service-cluster-ip-range)
#   load balancers  TESTBED_LB_POOL       127.0.<B+2>.0/24
#   nodes           TESTBED_NODE_IPS      127.0.<B+3>.1..N (slot 0: 127.0.200.1..N, as the design says)
#   outside link    TESTBED_OUTSIDE_CIDR  127.0.<B+4>.0/24 (outside namespace .1, host .254; the API
#                                          server's outside address is the host end)
#   names           TESTBED_SLOT          k: bridge kkbr<k>, namespaces kk<k>-..., veths kk<k>p<n>
FIRST_POD_IP="${TESTBED_FIRST_POD_IP:-127.0.100.1}"
if [[ ! "$FIRST_POD_IP" =~ ^127\.0\.([0-9]+)\.1$ ]] || (( BASH_REMATCH[1] > 250 )); then
  echo "TESTBED_FIRST_POD_IP must look like 127.0.<n>.1 with n <= 250, not $FIRST_POD_IP" >&2; exit 2
fi
_B="${BASH_REMATCH[1]}"
POD_CIDR="${TESTBED_POD_CIDR:-127.0.$_B.0/24}"
SERVICE_CIDR="${TESTBED_SERVICE_CIDR:-127.0.$((_B + 1)).0/24}"
LB_POOL="${TESTBED_LB_POOL:-127.0.$((_B + 2)).0/24}"
OUTSIDE_CIDR="${TESTBED_OUTSIDE_CIDR:-127.0.$((_B + 4)).0/24}"
if [[ -n "${TESTBED_NODE_IPS:-}" ]]; then
  NODE_IPS="$TESTBED_NODE_IPS"
else
  _node_net="127.0.$((_B + 3))"
  [[ "$_B" == 100 ]] && _node_net="127.0.200"
  NODE_IPS="$(seq -s, -f "$_node_net.%g" 1 "$NODES")"
fi
NODES="$(tr ',' '\n' <<<"$NODE_IPS" | grep -c .)"
if [[ -n "${TESTBED_SLOT:-}" ]]; then
  SLOT="$TESTBED_SLOT"
elif (( _B >= 100 && (_B - 100) % 10 == 0 )); then
  SLOT="$(( (_B - 100) / 10 ))"
else
  SLOT="$_B"
fi
# kubelet streaming server (tests/kubelet-server) on every node address; slot k uses 10250+k
KUBELET_PORT="${TESTBED_KUBELET_PORT:-$((10250 + (SLOT < 10 ? SLOT : 0)))}"
export TESTBED_KUBELET_PORT="$KUBELET_PORT"
NET_PREFIX="kk$SLOT"
BRIDGE="kkbr$SLOT"
OUTSIDE_NETNS="kk$SLOT-outside"
OUTSIDE_VETH="kk${SLOT}out"
_net24() { local c="${1%/*}"; echo "${c%.*}"; }
POD_GATEWAY="$(_net24 "$POD_CIDR").254"
SERVICE_FIRST_IP="$(_net24 "$SERVICE_CIDR").1"
OUTSIDE_HOST_IP="$(_net24 "$OUTSIDE_CIDR").254"
OUTSIDE_NS_IP="$(_net24 "$OUTSIDE_CIDR").1"
# The API server as seen from the outside namespace (a relay on the host end of its link).
APISERVER_PUBLIC_IP="$OUTSIDE_HOST_IP"
for _c in "$POD_CIDR" "$SERVICE_CIDR" "$LB_POOL" "$OUTSIDE_CIDR"; do
  [[ "$_c" =~ ^127\.[0-9]+\.[0-9]+\.0/24$ ]] || { echo "testbed ranges must be 127.x.y.0/24, not $_c" >&2; exit 2; }
done

log() { echo "[testbed $(date -u +%T)] $*" >&2; }

pid_alive() { # name
  local f="$TB/pids/$1.pid"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

# start NAME CMD...: runs CMD detached (own session), log in logs/NAME.log, pid in pids/NAME.pid.
start_bg() {
  local name="$1"; shift
  if pid_alive "$name"; then
    log "$name already running (pid $(cat "$TB/pids/$name.pid"))"
    return 0
  fi
  echo "==== $(date -u +%FT%TZ) starting $name ====" >>"$TB/logs/$name.log"
  setsid "$@" >>"$TB/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$TB/pids/$name.pid"
  log "started $name (pid $!)"
}

# wait_for NAME TIMEOUT_S CMD...: polls CMD until it succeeds; on failure prints NAME's log tail.
wait_for() {
  local name="$1" timeout="$2"; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [[ -f "$TB/pids/$name.pid" ]] && ! pid_alive "$name"; then
      log "$name exited; last lines of $TB/logs/$name.log:"
      tail -n 40 "$TB/logs/$name.log" >&2 || true
      return 1
    fi
    if (( SECONDS >= deadline )); then
      log "$name not healthy after ${timeout}s; last lines of $TB/logs/$name.log:"
      tail -n 40 "$TB/logs/$name.log" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

stop_pid() { # name timeout_s
  local name="$1" timeout="$2" f="$TB/pids/$1.pid"
  [[ -f "$f" ]] || return 0
  local pid; pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + timeout))
    while kill -0 "$pid" 2>/dev/null; do
      if (( SECONDS >= deadline )); then
        log "$name did not stop in ${timeout}s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
  fi
  rm -f "$f"
}

ensure_apt_tools() { # command:package ...
  local missing=()
  for cp in "$@"; do
    command -v "${cp%%:*}" >/dev/null 2>&1 || missing+=("${cp##*:}")
  done
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2 && apt-get install -y -q "${missing[@]}" >&2
  fi
}

# mountpoint_in_use PATH: some mount namespace on the host has something mounted at PATH.
mountpoint_in_use() {
  local f
  for f in /proc/[0-9]*/mountinfo; do
    awk -v p="$1" '$5 == p { found = 1 } END { exit !found }' "$f" 2>/dev/null && return 0
  done
  return 1
}

kubectl_tb() { "$KUBECTL" --kubeconfig "$TB/kubeconfig" "$@"; }
