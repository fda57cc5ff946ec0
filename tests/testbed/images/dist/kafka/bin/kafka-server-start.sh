#!/usr/bin/env bash
# kafka-server-start.sh [-daemon] server.properties [--override property=value]*
# Starts the broker (kafka.Kafka, which applies the --override flags itself) with the server
# logging configuration of this release and a 1G heap unless KAFKA_HEAP_OPTS says otherwise.
if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 [-daemon] server.properties [--override property=value]*"
  exit 1
fi
base_dir="$(dirname "$0")"
. "$base_dir/testbed-jvm.sh"
if [[ -z "${KAFKA_LOG4J_OPTS:-}" ]]; then
  if testbed_uses_log4j2 "$base_dir/../libs"; then
    export KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=$base_dir/../config/log4j2.yaml"
  else
    export KAFKA_LOG4J_OPTS="-Dlog4j.configuration=file:$base_dir/../config/log4j.properties"
  fi
fi
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
EXTRA_ARGS=${EXTRA_ARGS-'-name kafkaServer -loggc'}
if [[ "$1" == -daemon ]]; then
  EXTRA_ARGS="-daemon $EXTRA_ARGS"
  shift
fi
# shellcheck disable=SC2086
exec "$base_dir/kafka-run-class.sh" $EXTRA_ARGS kafka.Kafka "$@"
