#!/usr/bin/env bash
# Runs a Kafka command-line tool from the testbed's jars: kafka-tool.sh NAME [ARGS...]
# NAME is the usual script name without .sh (kafka-topics, kafka-reassign-partitions, ...).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -lt 1 ]]; then
  echo "usage: $0 NAME [ARGS...]  (kafka-topics, kafka-reassign-partitions, kafka-leader-election," >&2
  echo "       kafka-metadata-quorum, kafka-configs, kafka-broker-api-versions, kafka-cluster," >&2
  echo "       kafka-consumer-groups, kafka-get-offsets, kafka-console-producer, kafka-console-consumer, kafka-storage)" >&2
  exit 2
fi
name="${1%.sh}"; shift
# Candidate main classes, newest location first (several moved between Kafka 3.x and 4.x).
case "$name" in
  kafka-topics) classes="org.apache.kafka.tools.TopicCommand kafka.admin.TopicCommand" ;;
  kafka-reassign-partitions) classes="org.apache.kafka.tools.reassign.ReassignPartitionsCommand kafka.admin.ReassignPartitionsCommand" ;;
  kafka-leader-election) classes="org.apache.kafka.tools.LeaderElectionCommand kafka.admin.LeaderElectionCommand" ;;
  kafka-metadata-quorum) classes="org.apache.kafka.tools.MetadataQuorumCommand" ;;
  kafka-configs) classes="kafka.admin.ConfigCommand org.apache.kafka.tools.ConfigCommand" ;;
  kafka-broker-api-versions) classes="org.apache.kafka.tools.BrokerApiVersionsCommand kafka.admin.BrokerApiVersionsCommand" ;;
  kafka-cluster) classes="org.apache.kafka.tools.ClusterTool" ;;
  kafka-consumer-groups) classes="org.apache.kafka.tools.consumer.group.ConsumerGroupCommand kafka.admin.ConsumerGroupCommand" ;;
  kafka-get-offsets) classes="org.apache.kafka.tools.GetOffsetShell kafka.tools.GetOffsetShell" ;;
  kafka-console-producer) classes="org.apache.kafka.tools.ConsoleProducer kafka.tools.ConsoleProducer" ;;
  kafka-console-consumer) classes="org.apache.kafka.tools.consumer.ConsoleConsumer kafka.tools.ConsoleConsumer" ;;
  kafka-storage) classes="kafka.tools.StorageTool" ;;
  *.*) classes="$name" ;;  # a fully qualified class name
  *) echo "unknown Kafka tool: $name" >&2; exit 2 ;;
esac
if [[ -z "${KAFKA_LIB:-}" ]]; then
  KAFKA_LIB="$("$here/kafka-lib.sh")"
fi
# Index the jars' classes once per lib dir, then pick the first candidate that exists.
index="$KAFKA_LIB/.class-index"
if [[ ! -s "$index" ]]; then
  for j in "$KAFKA_LIB"/*.jar; do unzip -Z1 "$j" 2>/dev/null; done | grep '\.class$' >"$index.$$" || true
  mv "$index.$$" "$index"
fi
class=""
for c in $classes; do
  if grep -qxF "${c//.//}.class" "$index"; then class="$c"; break; fi
done
[[ -n "$class" ]] || { echo "none of [$classes] is in $KAFKA_LIB (Kafka version without $name?)" >&2; exit 2; }
JAVA="${JAVA:-java}"
exec "$JAVA" -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Dlog4j2.configurationFile="$here/kafka/log4j2-tools.properties" \
  -Dlog4j.configuration="file:$here/kafka/log4j-tools.properties" \
  -cp "$KAFKA_LIB/*" "$class" "$@"
