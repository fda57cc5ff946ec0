#!/usr/bin/env bash
# zkServer.sh [--config DIR] {start-foreground|start|stop|status|print-cmd} [CONFIG FILE]
# The testbed's ZooKeeper server launcher with the behaviour of ZooKeeper's script of the same
# name: runs QuorumPeerMain (standalone or ensemble, as the configuration says) with JVMFLAGS /
# SERVER_JVMFLAGS from the environment or java.env. "stop" and "status" act on the server of
# this container (processes sharing this mount namespace; the testbed has no PID namespace).
ZOOBINDIR="$(cd "$(dirname "$0")" && pwd)"
if [[ "${1:-}" == --config ]]; then
  export ZOOCFGDIR="$2"; shift 2
fi
. "$ZOOBINDIR/zkEnv.sh"
ZOOMAIN="org.apache.zookeeper.server.quorum.QuorumPeerMain"
if [[ $# -ge 2 ]]; then
  ZOOCFG="$2"
  [[ "$ZOOCFG" == /* ]] || ZOOCFG="$ZOOCFGDIR/$ZOOCFG"
fi

server_flags() {
  # shellcheck disable=SC2086
  testbed_jvm_flags ${JVMFLAGS:-} ${SERVER_JVMFLAGS:-}
}
own_servers() {
  local my_ns pid d
  my_ns="$(readlink /proc/self/ns/mnt)"
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    [[ "$pid" != "$$" && "$(readlink "$d/ns/mnt" 2>/dev/null)" == "$my_ns" ]] || continue
    tr '\0' ' ' <"$d/cmdline" 2>/dev/null | grep -q " $ZOOMAIN " && echo "$pid"
  done
}
client_port() {
  local p
  p="$(sed -nE 's/^[[:space:]]*clientPort[[:space:]]*=[[:space:]]*([0-9]+).*/\1/p' "$ZOOCFG" | tail -n1)"
  [[ -n "$p" ]] || p="$(sed -nE 's/^[[:space:]]*server\.[0-9]+=.*;([^;]*:)?([0-9]+)[[:space:]]*$/\2/p' "$ZOOCFG" | head -n1)"
  echo "${p:-2181}"
}

case "${1:-}" in
  start-foreground)
    [[ -f "$ZOOCFG" ]] || { echo "ZooKeeper configuration $ZOOCFG is missing" >&2; exit 1; }
    echo "ZooKeeper JMX enabled by default" >&2
    echo "Using config: $ZOOCFG" >&2
    read -r -a flags <<<"$(server_flags)"
    exec "$JAVA" "-Dzookeeper.log.dir=$ZOO_LOG_DIR" "-Dzookeeper.root.logger=$ZOO_LOG4J_PROP" \
      -cp "$CLASSPATH" "${flags[@]}" $ZOOMAIN "$ZOOCFG"
    ;;
  start)
    mkdir -p "$ZOO_LOG_DIR"
    read -r -a flags <<<"$(server_flags)"
    nohup "$JAVA" "-Dzookeeper.log.dir=$ZOO_LOG_DIR" "-Dzookeeper.root.logger=$ZOO_LOG4J_PROP" \
      -cp "$CLASSPATH" "${flags[@]}" $ZOOMAIN "$ZOOCFG" >"$ZOO_LOG_DIR/zookeeper.out" 2>&1 </dev/null &
    echo "STARTED"
    ;;
  print-cmd)
    echo "\"$JAVA\" -Dzookeeper.log.dir=\"$ZOO_LOG_DIR\" -Dzookeeper.root.logger=\"$ZOO_LOG4J_PROP\" -cp \"$CLASSPATH\" $(server_flags) $ZOOMAIN \"$ZOOCFG\""
    ;;
  stop)
    pids="$(own_servers)"
    [[ -n "$pids" ]] || { echo "no zookeeper to stop"; exit 1; }
    # shellcheck disable=SC2086
    kill $pids && echo "STOPPED"
    ;;
  status)
    port="$(client_port)"
    if ! exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
      echo "Error contacting service. It is probably not running." >&2
      exit 1
    fi
    printf 'srvr' >&3
    mode="$(sed -nE 's/^Mode: (.*)/\1/p' <&3)"
    exec 3>&-
    [[ -n "$mode" ]] || { echo "Error contacting service. It is probably not running." >&2; exit 1; }
    echo "Client port found: $port"
    echo "Mode: $mode"
    ;;
  *)
    echo "Usage: $0 [--config <conf-dir>] {start|start-foreground|stop|status|print-cmd}" >&2
    exit 1
    ;;
esac
