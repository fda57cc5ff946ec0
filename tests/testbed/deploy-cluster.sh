#!/usr/bin/env bash
# deploy-cluster.sh [NAMESPACE [BROKERS]] [--no-wait]
# The testbed's default Kafka cluster in NAMESPACE (default kafka) with BROKERS brokers
# (default 3): KRaft (1 controller, apache/kafka 4.1.1), or with KAFKA_TESTBED_MODE=zookeeper a
# ZooKeeper + cp-kafka 7.9.1 (Kafka 3.9.1) cluster. Waits until every broker is registered and
# prints the bootstrap servers (pod IP:9092). deploy.sh does the work (and keeps the cluster's
# other settings in .testbed/clusters/NAMESPACE/env).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ns="${1:-kafka}" brokers="${2:-3}" extra=()
[[ "${3:-}" == --no-wait ]] && extra=(--no-wait)
shape=default
[[ "${KAFKA_TESTBED_MODE:-kraft}" == zookeeper ]] && shape=default-zk
out="$("$here/deploy.sh" "$shape" "$ns" "$brokers" "${extra[@]}")"
((${#extra[@]})) && exit 0
sed -nE "s/^export KAFKA_POD_BOOTSTRAP='(.*)'$/\1/p" <<<"$out"
