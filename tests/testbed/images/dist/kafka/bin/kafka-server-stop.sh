#!/usr/bin/env bash
# kafka-server-stop.sh [--process-role=broker|controller] [--node-id=N]
# Sends SIGTERM to the Kafka server(s) of this container. A container sees only its own
# processes; the testbed has no PID namespace, so "this container" is the processes that share
# this shell's mount namespace.
signal="${SIGNAL:-TERM}"
role="" node=""
for a in "$@"; do
  case "$a" in
    --process-role=*) role="${a#*=}" ;;
    --node-id=*) node="${a#*=}" ;;
  esac
done
my_ns="$(readlink /proc/self/ns/mnt)"
pids=()
for d in /proc/[0-9]*; do
  pid="${d#/proc/}"
  [[ "$(readlink "$d/ns/mnt" 2>/dev/null)" == "$my_ns" ]] || continue
  cmd="$(tr '\0' ' ' <"$d/cmdline" 2>/dev/null)" || continue
  [[ "$cmd" == *java* && "$cmd" == *" kafka.Kafka "* ]] || continue
  if [[ -n "$role$node" ]]; then
    conf="$(sed -E 's/.* kafka\.Kafka ([^ ]+).*/\1/' <<<"$cmd")"
    [[ -f "$conf" ]] || continue
    [[ -z "$role" ]] || grep -Eq "^process\.roles=.*$role" "$conf" || continue
    [[ -z "$node" ]] || grep -Eq "^node\.id=$node\$" "$conf" || continue
  fi
  pids+=("$pid")
done
if ((${#pids[@]} == 0)); then
  echo "No kafka server to stop"
  exit 1
fi
kill -s "$signal" "${pids[@]}"
