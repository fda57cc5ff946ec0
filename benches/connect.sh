#!/usr/bin/env bash
# Connection paths benchmark on the local testbed (tests/testbed/up.sh must be running).
#
# On one cluster of shape (b) (INTERNAL listener at the pod IPs, EXTERNAL behind load balancers),
# interleaved in the same run (round i runs every path once, in rotating order):
#   direct        the plugin on the host (pod network), --connect direct
#   advertised    the plugin in the outside namespace, --connect auto (picks the advertised LB addresses)
#   port-forward  the plugin in the outside namespace, --connect port-forward (tunnels via the API server)
# it times `status -o json` and `topics describe`, and prints the median, min and max per path and the
# ratio of medians to direct. Then it moves a 100 MiB partition between two brokers with
# `reassign execute` driven over direct and over port-forward (alternating, ROUNDS_MOVE times each)
# and prints the same figures. Last, what auto chose from the host and from outside.
#
# Usage: benches/connect.sh [PLUGIN_BINARY]   ROUNDS (default 7), ROUNDS_MOVE (default 2),
#        NS (default: a fresh namespace, deleted at the end; an existing shape-(b) namespace is kept)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
tb_dir="${KAFKA_TESTBED_DIR:-$here/.testbed}"
[ -f "$tb_dir/env" ] || { echo "testbed not running: run tests/testbed/up.sh (or set KAFKA_TESTBED_DIR)" >&2; exit 2; }
# shellcheck disable=SC1091
source "$tb_dir/env"
export KAFKA_TESTBED_DIR="$tb_dir"
plugin="${1:-${CARGO_TARGET_DIR:-$here/target}/debug/kubectl-kafka}"
[ -x "$plugin" ] || { echo "no plugin binary at $plugin: cargo build first or pass its path" >&2; exit 2; }
rounds="${ROUNDS:-7}"
rounds_move="${ROUNDS_MOVE:-2}"
work="$(mktemp -d)"
ns="${NS:-}"
created=""
cleanup() {
  rm -rf "$work"
  if [ -n "$created" ]; then "$KUBECTL" delete namespace "$created" --wait=false >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

if [ -z "$ns" ]; then
  ns="bench-conn-$$"
  created="$ns"
  echo "deploying shape (b) into $ns ..." >&2
  "$here/tests/testbed/deploy.sh" loadbalancer "$ns" >"$work/deploy.log" 2>&1 || { cat "$work/deploy.log" >&2; exit 1; }
fi
outside() { "$here/tests/testbed/outside.sh" "$@"; }

# path -> command prefix
run_path() { # path args...
  local path="$1"; shift
  case "$path" in
    direct) "$plugin" "$@" --connect direct ;;
    advertised) outside "$plugin" "$@" --connect auto ;;
    port-forward) outside "$plugin" "$@" --connect port-forward ;;
  esac
}

now_ms() { date +%s%3N; }

topic="bench-conn"
"$plugin" topics create "$topic" -n "$ns" -p 6 -r 3 --if-not-exists >/dev/null

paths=(direct advertised port-forward)
declare -A samples
for ((i = 0; i < rounds; i++)); do
  for ((j = 0; j < ${#paths[@]}; j++)); do
    p="${paths[$(((i + j) % ${#paths[@]}))]}"
    for what in status describe; do
      t0=$(now_ms)
      if [ "$what" = status ]; then
        run_path "$p" status -n "$ns" -o json >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
      else
        run_path "$p" topics describe "$topic" -n "$ns" -o json >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
      fi
      t1=$(now_ms)
      samples["$what/$p"]+="$((t1 - t0)) "
    done
  done
done

stats() { # "a b c" -> "median min max"
  tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%d %d %d\n", m, a[1], a[NR]}'
}

report() { # title what paths...
  local title="$1" what="$2"; shift 2
  local base=""
  echo "$title"
  printf '  %-13s %10s %10s %10s %8s\n' PATH MEDIAN_MS MIN_MS MAX_MS RATIO
  for p in "$@"; do
    read -r med min max < <(echo "${samples[$what/$p]}" | stats)
    [ -z "$base" ] && base="$med"
    ratio=$(awk -v a="$med" -v b="$base" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
    printf '  %-13s %10s %10s %10s %8s\n' "$p" "$med" "$min" "$max" "$ratio"
  done
}

echo "kubectl-kafka connection paths, namespace $ns (shape b), $rounds interleaved rounds"
report "status -o json (wall time of the whole command)" status "${paths[@]}"
report "topics describe $topic" describe "${paths[@]}"

# 100 MiB partition moved broker 0 -> 1 -> 0 ..., the plugin driving it over each path in turn.
move="bench-move"
"$plugin" topics create "$move" -n "$ns" -p 1 -r 1 --if-not-exists >/dev/null
leader_of() { "$plugin" topics describe "$move" -n "$ns" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["partitions"][0]["replicas"][0])'; }
echo "producing 100 MiB into $move ..." >&2
"$here/tests/testbed/kafka-tool.sh" kafka-producer-perf-test --topic "$move" --num-records 10240 \
  --record-size 10240 --throughput -1 --producer-props "bootstrap.servers=$(sed -n "s/^export KAFKA_POD_BOOTSTRAP='\(.*\)'$/\1/p" "$tb_dir/clusters/$ns/env")" acks=all \
  >"$work/perf.log" 2>&1 || { cat "$work/perf.log" >&2; exit 1; }
for ((i = 0; i < rounds_move; i++)); do
  for p in direct port-forward; do
    from=$(leader_of)
    to=$(((from + 1) % 3))
    printf '{"version":1,"partitions":[{"topic":"%s","partition":0,"replicas":[%d]}]}\n' "$move" "$to" >"$work/plan.json"
    # The outside namespace reads the plan from the same file system.
    t0=$(now_ms)
    run_path "$p" reassign execute -n "$ns" --plan "$work/plan.json" --yes >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    t1=$(now_ms)
    samples["move/$p"]+="$((t1 - t0)) "
  done
done
report "reassign execute: 100 MiB partition to another broker ($rounds_move moves per path)" move direct port-forward

echo "what --connect auto chose on $ns:"
printf '  host:    %s\n' "$("$plugin" status -n "$ns" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["connection"])')"
printf '  outside: %s\n' "$(outside "$plugin" status -n "$ns" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["connection"])')"
