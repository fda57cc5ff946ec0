#!/usr/bin/env bash
# Deploys the testbed Kafka cluster (1 KRaft controller, or 1 ZooKeeper in zookeeper mode, + BROKERS
# brokers) into NAMESPACE and
# waits until every broker is registered in Kafka.   deploy-cluster.sh [NAMESPACE [BROKERS]] [--no-wait]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ns="${1:-kafka}"; brokers="${2:-3}"; wait=1
[[ "${3:-}" == "--no-wait" ]] && wait=0
[[ "$brokers" =~ ^[0-9]+$ && "$brokers" -ge 1 ]] || { echo "BROKERS must be a positive number" >&2; exit 2; }
[[ -f "$TB/env" ]] || { echo "testbed not running: run tests/testbed/up.sh" >&2; exit 1; }
source "$TB/env"
k() { "$KUBECTL" "$@"; }

rf=$(( brokers < 3 ? brokers : 3 ))
isr=$(( rf > 1 ? rf - 1 : 1 ))
k get namespace "$ns" >/dev/null 2>&1 || k create namespace "$ns" >/dev/null
manifests="$TESTBED_SRC/../manifests"
if [[ "${KAFKA_TESTBED_MODE:-kraft}" == zookeeper ]]; then
  quorum=zookeeper; brokers_yaml="$manifests/kafka-zk.yaml"
  k apply -n "$ns" -f "$manifests/zookeeper.yaml" >/dev/null
else
  quorum=kafka-controller; brokers_yaml="$manifests/kafka.yaml"
  k apply -n "$ns" -f "$manifests/kafka-controller.yaml" >/dev/null
fi
# Scale the replica count and the replication settings that must fit the broker count.
awk -v brokers="$brokers" -v rf="$rf" -v isr="$isr" '
  /^  replicas: 3$/ { print "  replicas: " brokers; next }
  set != "" && /value:/ { sub(/value: .*/, "value: \"" set "\""); print; set = ""; next }
  { set = "" }
  /name: KAFKA_CFG_(DEFAULT_REPLICATION_FACTOR|OFFSETS_TOPIC_REPLICATION_FACTOR|TRANSACTION_STATE_LOG_REPLICATION_FACTOR)$/ { set = rf }
  /name: KAFKA_CFG_(MIN_INSYNC_REPLICAS|TRANSACTION_STATE_LOG_MIN_ISR)$/ { set = isr }
  { print }
' "$brokers_yaml" |
  k apply -n "$ns" -f - >/dev/null
log "applied $quorum + $brokers brokers in namespace $ns"
((wait)) || exit 0

k rollout status -n "$ns" "statefulset/$quorum" --timeout=300s >/dev/null
k rollout status -n "$ns" statefulset/kafka --timeout=600s >/dev/null
bootstrap="$(k get pods -n "$ns" -l app.kubernetes.io/component=broker \
  -o jsonpath='{range .items[*]}{.status.podIP}:9092,{end}')"
bootstrap="${bootstrap%,}"
deadline=$((SECONDS + 180))
while :; do
  n="$("$TESTBED_SRC/kafka-tool.sh" kafka-broker-api-versions --bootstrap-server "$bootstrap" 2>/dev/null | grep -c '(id: ' || true)"
  [[ "$n" -ge "$brokers" ]] && break
  if (( SECONDS >= deadline )); then
    log "only $n of $brokers brokers registered in namespace $ns after 180s"; exit 1
  fi
  sleep 2
done
log "namespace $ns: $brokers brokers registered; bootstrap $bootstrap"
echo "$bootstrap"
