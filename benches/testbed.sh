#!/usr/bin/env bash
# Figures of the testbed's pod runtime (tests/testbed/up.sh must be running):
#   - pod start: `kubectl apply` of N small pods (python image, tcpSocket readiness probe) until
#     all are Ready; then one Kafka broker (KRaft, combined controller+broker) until Ready;
#   - memory: resident set of the node agent, of one container shim, of the API server relay.
# Usage: benches/testbed.sh [N_PODS]   (default 10)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tb_dir="${KAFKA_TESTBED_DIR:-$here/.testbed}"
[[ -f "$tb_dir/env" ]] || { echo "testbed not running: run tests/testbed/up.sh (or set KAFKA_TESTBED_DIR)" >&2; exit 2; }
# shellcheck disable=SC1091
source "$tb_dir/env"
n="${1:-10}"
[[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 && "$n" -le 100 ]] || { echo "N_PODS must be 1..100" >&2; exit 2; }
k() { "$KUBECTL" "$@"; }
ns="bench-testbed-$$"
k create namespace "$ns" >/dev/null
trap 'k delete namespace "$ns" --wait=false >/dev/null 2>&1 || true' EXIT
now_ms() { date +%s%3N; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

pods() {
  for i in $(seq 1 "$n"); do
    cat <<EOF
---
apiVersion: v1
kind: Pod
metadata:
  name: p$i
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: main
      image: python:3.11
      command: ["python3", "-c", "import socket,time; s=socket.socket(); s.bind(('0.0.0.0', 8080)); s.listen(); time.sleep(3600)"]
      readinessProbe:
        tcpSocket:
          port: 8080
        periodSeconds: 10
EOF
  done
}
t0=$(now_ms)
pods | k apply -n "$ns" -f - >/dev/null
k wait --for=condition=Ready pods --all -n "$ns" --timeout=300s >/dev/null
t1=$(now_ms)
echo "pod start: $n pods applied -> all Ready in $((t1 - t0)) ms ($(( (t1 - t0) / n )) ms per pod)"

t0=$(now_ms)
k apply -n "$ns" -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: broker
spec:
  terminationGracePeriodSeconds: 5
  containers:
    - name: kafka
      image: bitnami/kafka:4.1.1
      readinessProbe:
        tcpSocket:
          port: 9092
        periodSeconds: 10
      env:
        - {name: ALLOW_PLAINTEXT_LISTENER, value: "yes"}
        - {name: KAFKA_KRAFT_CLUSTER_ID, value: YmVuY2gtdGVzdGJlZC0wMQ}
        - {name: KAFKA_CFG_LOG_DIRS, value: /var/lib/kafka/data}
        - {name: KAFKA_CFG_NODE_ID, value: "0"}
        - {name: KAFKA_CFG_PROCESS_ROLES, value: "broker,controller"}
        - {name: KAFKA_CFG_CONTROLLER_QUORUM_VOTERS, value: "0@localhost:9093"}
        - {name: KAFKA_CFG_CONTROLLER_LISTENER_NAMES, value: CONTROLLER}
        - {name: KAFKA_CFG_LISTENERS, value: "PLAINTEXT://:9092,CONTROLLER://:9093"}
        - {name: KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP, value: "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"}
        - {name: KAFKA_CFG_OFFSETS_TOPIC_REPLICATION_FACTOR, value: "1"}
      volumeMounts:
        - {name: data, mountPath: /var/lib/kafka/data}
  volumes:
    - {name: data, emptyDir: {}}
EOF
k wait --for=condition=Ready pod/broker -n "$ns" --timeout=300s >/dev/null
t1=$(now_ms)
echo "broker start: Kafka pod applied -> Ready in $((t1 - t0)) ms"

agent="$(cat "$tb_dir/pids/node-agent.pid")"
relay="$(cat "$tb_dir/pids/apiserver-public.pid")"
shim="$(pgrep -f "node-agent container $tb_dir/agent/sandboxes/" | head -n 1 || true)"
pods_running="$(k get pods -A --no-headers 2>/dev/null | grep -c Running || true)"
echo "memory: node agent $(rss_kb "$agent") KiB RSS with $pods_running pods running;" \
  "one container shim $(rss_kb "${shim:-0}") KiB; API server relay $(rss_kb "$relay") KiB"
