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
case "$name" in
  kafka-topics) class=org.apache.kafka.tools.TopicCommand ;;
  kafka-reassign-partitions) class=org.apache.kafka.tools.reassign.ReassignPartitionsCommand ;;
  kafka-leader-election) class=org.apache.kafka.tools.LeaderElectionCommand ;;
  kafka-metadata-quorum) class=org.apache.kafka.tools.MetadataQuorumCommand ;;
  kafka-configs) class=kafka.admin.ConfigCommand ;;
  kafka-broker-api-versions) class=org.apache.kafka.tools.BrokerApiVersionsCommand ;;
  kafka-cluster) class=org.apache.kafka.tools.ClusterTool ;;
  kafka-consumer-groups) class=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
  kafka-get-offsets) class=org.apache.kafka.tools.GetOffsetShell ;;
  kafka-console-producer) class=org.apache.kafka.tools.ConsoleProducer ;;
  kafka-console-consumer) class=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  kafka-storage) class=kafka.tools.StorageTool ;;
  *.*) class="$name" ;;  # a fully qualified class name
  *) echo "unknown Kafka tool: $name" >&2; exit 2 ;;
esac
if [[ -z "${KAFKA_LIB:-}" ]]; then
  KAFKA_LIB="$("$here/kafka-lib.sh")"
fi
JAVA="${JAVA:-java}"
exec "$JAVA" -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Dlog4j2.configurationFile="$here/kafka/log4j2-tools.properties" \
  -Dlog4j.configuration="file:$here/kafka/log4j-tools.properties" \
  -cp "$KAFKA_LIB/*" "$class" "$@"
