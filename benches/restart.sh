#!/usr/bin/env bash
# Rolling restart benchmark on the local testbed (tests/testbed/up.sh must be running).
#
# On one fresh 3-broker cluster, in the same run:
#   1. `kubectl kafka restart` with the default settle window (2s),
#   2. a naive script: delete pod, wait Ready, poll `kafka-topics --under-replicated-partitions`
#      until empty, for each broker,
#   3. `kubectl kafka restart --settle 0s` (the plugin's own overhead without the settle window).
# For the plugin runs it prints the total time, the time the brokers themselves took to stop and
# start (eviction -> replacement pod Ready, from the plugin's JSON summary), and the difference.
#
# What clients saw, side by side: a canary (`kubectl kafka probe --watch`, acks=all, one partition
# led by each broker) runs beside the plugin's first roll and beside the naive script, and each
# run prints its worst produce latency, the p99 of the per-round worst, and the failed records by
# kind (NOT_ENOUGH_REPLICAS, timeouts, others; rounds where a broker was away and led nothing are
# counted apart). The plugin's first roll also runs with `--canary`, and its own figures per step
# (worst and p99 produce latency, errors by kind) are printed under it.
#
# Usage: benches/restart.sh [PLUGIN_BINARY]   (default: target/release or target/debug build)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
tb_dir="${KAFKA_TESTBED_DIR:-$here/.testbed}"
[ -f "$tb_dir/env" ] || { echo "testbed not running: run tests/testbed/up.sh (or set KAFKA_TESTBED_DIR)" >&2; exit 2; }
# shellcheck disable=SC1091
source "$tb_dir/env"
export KAFKA_TESTBED_DIR="$tb_dir"
target="${CARGO_TARGET_DIR:-$here/target}"
plugin="${1:-}"
if [ -z "$plugin" ]; then
  for p in "$target/release/kubectl-kafka" "$target/debug/kubectl-kafka"; do
    [ -x "$p" ] && { plugin="$p"; break; }
  done
fi
[ -x "$plugin" ] || { echo "no plugin binary: cargo build first or pass its path" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is needed" >&2; exit 2; }

ns="bench-restart-$(date +%s)"
kubectl() { "$KUBECTL" "$@"; }
tool() { KAFKA_LIB="$KAFKA_LIB" JAVA="$JAVA" "$KAFKA_TESTBED_SRC/kafka-tool.sh" "$@"; }
now() { date +%s.%N; }
cleanup() {
  kubectl delete namespace "$ns" --wait=false >/dev/null 2>&1 || true
  kubectl delete pods --all -n "$ns" --grace-period=1 --wait=false >/dev/null 2>&1 || true
  kubectl wait --for=delete "namespace/$ns" --timeout=180s >/dev/null 2>&1 || true
  rm -rf "$tb_dir/data/$ns"
}
trap cleanup EXIT

echo "deploying 3 brokers in namespace $ns ..." >&2
bootstrap="$("$KAFKA_TESTBED_SRC/deploy-cluster.sh" "$ns" 3 | tail -1)"
tool kafka-topics --bootstrap-server "$bootstrap" --create --topic bench --partitions 12 \
  --replication-factor 3 --config min.insync.replicas=2 >/dev/null
tool org.apache.kafka.tools.ProducerPerformance --topic bench --num-records 50000 --record-size 200 \
  --throughput -1 --producer-props bootstrap.servers="$bootstrap" acks=all >/dev/null 2>&1 || true

plugin_run() { # $1 label, rest: extra flags
  local label="$1"; shift
  local t0 t1 json
  json="$(mktemp)"
  t0="$(now)"
  "$plugin" restart -n "$ns" -o json "$@" >"$json" 2>"$json.log" || { cat "$json.log" >&2; exit 1; }
  t1="$(now)"
  jq -r --arg name "$label" --argjson wall "$(echo "$t1 - $t0" | bc)" '
    ([.restarted[].pod_restart_secs] | add) as $pods
    | "\($name): total \($wall | . * 10 | round / 10)s; brokers stopping+starting \($pods | . * 10 | round / 10)s; "
      + "plugin overhead \(($wall - $pods) | . * 10 | round / 10)s "
      + "(checks+settle \([.restarted[].checks_wait_secs] | add | . * 10 | round / 10)s, "
      + "catch-up \([.restarted[].catch_up_secs] | add | . * 10 | round / 10)s, "
      + "elections \([.restarted[].election_secs] | add | . * 100 | round / 100)s); "
      + "per broker: " + ([.restarted[] | "\(.id)=\(.total_secs | . * 10 | round / 10)s"] | join(" "))
      + "; partitions off their preferred leader at the end: \(.not_preferred_leader)"' "$json"
  # The plugin's own canary (--canary), per step and in total.
  jq -r '.canary // empty
    | (.steps[] | {name: "step \(.step)", f: .}), {name: "total", f: .total}
    | "  plugin canary, \(.name): \(.f.sent) sent, \(.f.acked) acked; produce worst \(.f.produce_latency.max_ms // "-") ms, p99 \(.f.produce_latency.p99_ms // "-") ms; NOT_ENOUGH_REPLICAS \(.f.errors.not_enough_replicas), timeouts \(.f.errors.timeouts), others \(.f.errors.others)"' "$json"
  rm -f "$json" "$json.log"
}

# A canary beside a roll: `probe --watch` on its own topic, restarted whenever a round fails
# outright (an admin call during a broker's restart), its JSON documents collected in $1.
canary_loop() {
  local f="$1"
  while [ ! -e "$f.stop" ]; do
    "$plugin" probe -n "$ns" --topic __bench_canary --messages 5 --timeout 5s --interval 100ms \
      --watch -o json >"$f.cur" 2>>"$f.log" &
    echo $! >"$f.pid"
    wait "$!" || true
    jq -c . "$f.cur" >>"$f" 2>/dev/null || true
    sleep 0.2
  done
}
canary_start() { # $1: file
  rm -f "$1" "$1.stop" "$1.pid"
  : >"$1"
  canary_loop "$1" &
  echo $! >"$1.loop"
  sleep 3 # a round or two before the roll starts
}
canary_stop() { # $1: file, $2: label; prints the figures
  touch "$1.stop"
  [ -f "$1.pid" ] && kill -TERM "$(cat "$1.pid")" 2>/dev/null || true
  wait "$(cat "$1.loop")" 2>/dev/null || true
  jq -rs --arg name "$2" '
    [.[] | .brokers[]] as $rows
    | ($rows | map(select(.sent > 0))) as $probed
    | ($probed | map(.produce_latency.max_ms // empty) | sort) as $worsts
    | ($probed | map(select(any(.errors[]; test("NotEnoughReplicas|NOT_ENOUGH")))) | map(.failures) | add // 0) as $ner
    | ($probed | map(select((any(.errors[]; test("NotEnoughReplicas|NOT_ENOUGH")) | not)
                             and any(.errors[]; test("TimedOut|timed out|within")))) | map(.failures) | add // 0) as $to
    | ($probed | map(.failures) | add // 0) as $failed
    | "\($name) canary (probe beside the roll): \(length) rounds, \($probed | map(.sent) | add // 0) records; "
      + "produce worst \($worsts | last // "-") ms, p99 of the per-round worst "
      + "\(if ($worsts | length) > 0 then $worsts[(((($worsts | length) * 99) + 99) / 100 | floor) - 1] else "-" end) ms; "
      + "failed records: NOT_ENOUGH_REPLICAS \($ner), timeouts \($to), others \($failed - $ner - $to); "
      + "broker-rounds skipped (broker away or not leading its partition): \($rows | map(select(.sent == 0)) | length)"' "$1"
  rm -f "$1" "$1.stop" "$1.pid" "$1.loop" "$1.cur" "$1.log"
}

naive_run() {
  local t0 t1 per=""
  t0="$(now)"
  for pod in kafka-0 kafka-1 kafka-2; do
    local b0 b1 old
    b0="$(now)"
    old="$(kubectl get pod "$pod" -n "$ns" -o jsonpath='{.metadata.uid}')"
    kubectl delete pod "$pod" -n "$ns" --wait=true >/dev/null
    until [ "$(kubectl get pod "$pod" -n "$ns" -o jsonpath='{.metadata.uid}' 2>/dev/null)" != "$old" ] \
      && [ -n "$(kubectl get pod "$pod" -n "$ns" -o jsonpath='{.metadata.uid}' 2>/dev/null)" ]; do
      sleep 1
    done
    kubectl wait --for=condition=Ready "pod/$pod" -n "$ns" --timeout=300s >/dev/null
    while [ -n "$(tool kafka-topics --bootstrap-server "$bootstrap" --describe --under-replicated-partitions 2>/dev/null)" ]; do
      :
    done
    b1="$(now)"
    per="$per $pod=$(printf '%.1f' "$(echo "$b1 - $b0" | bc)")s"
  done
  t1="$(now)"
  local off
  off="$(tool kafka-topics --bootstrap-server "$bootstrap" --describe --topic bench 2>/dev/null | awk '
    /Partition:/ { for (i = 1; i <= NF; i++) { if ($i == "Leader:") l = $(i+1); if ($i == "Replicas:") { split($(i+1), r, ","); p = r[1] } }
                   if (l != p) n++ }
    END { print n + 0 }')"
  echo "naive script (delete, wait Ready, poll URP): total $(printf '%.1f' "$(echo "$t1 - $t0" | bc)")s; per broker:$per; partitions of topic bench off their preferred leader at the end: $off"
}

echo "== rolling restart of 3 brokers, namespace $ns, $(date -u +%FT%TZ)"
canary="$(mktemp)"
canary_start "$canary"
plugin_run "kubectl kafka restart --canary (default settle 2s)" --canary
canary_stop "$canary" "kubectl kafka restart --canary"
canary_start "$canary"
naive_run
canary_stop "$canary" "naive script"
plugin_run "kubectl kafka restart --settle 0s" --settle 0s
