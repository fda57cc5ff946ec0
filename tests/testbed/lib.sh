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
# kubelet streaming server (tests/kubelet-server) on every node address; slot k uses 10250+k
KUBELET_PORT="${TESTBED_KUBELET_PORT:-10250}"
NODES="${TESTBED_NODES:-3}"
# pods get loopback addresses from here up (testbeds side by side need distinct ranges)
FIRST_POD_IP="${TESTBED_FIRST_POD_IP:-127.0.100.1}"

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

kubectl_tb() { "$KUBECTL" --kubeconfig "$TB/kubeconfig" "$@"; }
