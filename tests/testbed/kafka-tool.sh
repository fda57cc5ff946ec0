#!/usr/bin/env bash
# kafka-tool.sh [--kafka-version X.Y.Z] NAME [ARGS...]
# Runs a Kafka command-line tool of the given release from the testbed's per-version Kafka
# distribution (images/dist.sh; built on first use): NAME is the script name with or without
# .sh (kafka-topics, kafka-reassign-partitions, kafka-metadata-quorum, kafka-configs,
# kafka-broker-api-versions, kafka-console-producer, kafka-storage, zookeeper-shell...), or a
# fully qualified main class (run through kafka-run-class.sh).
# The release: --kafka-version, else KAFKA_VERSION, else the distribution KAFKA_LIB points into
# (<cache>/kafka-<version>/home/libs), else 4.1.1. A tool the release does not have is refused.
# KAFKA_TOOL_HOSTS_FILE: a hosts file the JVM resolves names with (advertised pod FQDNs from the
# host, as deploy.sh writes them). JVMs are small (256M heap, serial GC) unless KAFKA_HEAP_OPTS says.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version=""
if [[ "${1:-}" == --kafka-version ]]; then version="${2:?--kafka-version needs X.Y.Z}"; shift 2; fi
if [[ $# -lt 1 ]]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
name="${1%.sh}"; shift
if [[ -z "$version" ]]; then
  version="${KAFKA_VERSION:-}"
fi
if [[ -z "$version" && "${KAFKA_LIB:-}" =~ /kafka-([0-9]+\.[0-9]+\.[0-9]+)/home/libs/?$ ]]; then
  version="${BASH_REMATCH[1]}"
fi
version="${version:-4.1.1}"
home="$("$here/images/dist.sh" kafka "$version")"

export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx256m}"
export TESTBED_JVM_OPTS="${TESTBED_JVM_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
if [[ -n "${JAVA:-}" && "$JAVA" == */bin/java && -z "${JAVA_HOME:-}" ]]; then
  export JAVA_HOME="${JAVA%/bin/java}"
fi
if [[ -n "${KAFKA_TOOL_HOSTS_FILE:-}" ]]; then
  export KAFKA_OPTS="${KAFKA_OPTS:+$KAFKA_OPTS }-Djdk.net.hosts.file=$KAFKA_TOOL_HOSTS_FILE"
fi
case "$name" in
  *.*) exec "$home/bin/kafka-run-class.sh" "$name" "$@" ;;
esac
if [[ ! -x "$home/bin/$name.sh" ]]; then
  echo "Kafka $version has no $name (its tools: $(cd "$home/bin" && ls | grep -v '^testbed-' | sed -n 's/\.sh$//p' | tr '\n' ' '))" >&2
  exit 2
fi
exec "$home/bin/$name.sh" "$@"
