#!/usr/bin/env bash
# Quick start: sets everything up on a fresh machine (the local testbed: a real Kubernetes control
# plane and real Kafka brokers) and runs the plugin's main job on it:
#   a 3-broker cluster in namespace `quickstart` with a topic holding data → `kubectl kafka status`
#   → `kubectl kafka scale --replicas 4` (new broker, then a minimal-movement rebalance onto it)
#   → `kubectl kafka status` again.
# Re-running it is fine: the cluster is recreated at 3 brokers first.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source tests/testbed/lib.sh
ns="${QUICKSTART_NAMESPACE:-quickstart}"

tests/testbed/prepare.sh
cargo build -p kubectl-kafka
tests/testbed/up.sh
source .testbed/env
plugin="${CARGO_TARGET_DIR:-$repo/target}/debug/kubectl-kafka"
run() { echo "+ kubectl kafka $*" >&2; "$plugin" "$@"; }

if "$KUBECTL" get namespace "$ns" >/dev/null 2>&1; then
  log "recreating namespace $ns"
  "$KUBECTL" delete namespace "$ns" --wait=true >/dev/null
fi
bootstrap="$(tests/testbed/deploy-cluster.sh "$ns" 3)"

run clusters -A
run topics create orders -n "$ns" --partitions 12 --replication-factor 2
log "writing 20000 records of 1 KiB to orders"
tests/testbed/kafka-tool.sh org.apache.kafka.tools.ProducerPerformance --topic orders \
  --num-records 20000 --record-size 1024 --throughput -1 \
  --producer-props "bootstrap.servers=$bootstrap" acks=all >/dev/null
run status -n "$ns"
run scale -n "$ns" --replicas 4 --throttle 50MiB --yes
run status -n "$ns"

cat >&2 <<MSG

Done. The cluster stays up; try it yourself:
  export KUBECONFIG=$KUBECONFIG PATH=$(dirname "$plugin"):\$PATH
  kubectl-kafka status -n $ns          # or, with $KUBECTL on PATH: kubectl kafka status -n $ns
  kubectl-kafka restart -n $ns --dry-run
Stop the testbed with tests/testbed/down.sh (add --purge to remove its data).
MSG
