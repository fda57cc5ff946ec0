#!/usr/bin/env bash
# kafka-run-class.sh [-daemon] [-name NAME] [-loggc] CLASS [ARGS...]
# The testbed's own launcher with the behaviour of Kafka's script of the same name: runs CLASS
# from this distribution's libs/ with KAFKA_HEAP_OPTS (default -Xmx256M),
# KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_GC_LOG_OPTS, KAFKA_JMX_OPTS / JMX_PORT, KAFKA_LOG4J_OPTS
# (default: config/tools-log4j*, i.e. a tool logging to the console), KAFKA_OPTS, KAFKA_DEBUG,
# LOG_DIR, JAVA_HOME and CLASSPATH, exactly in Kafka's order on the java command line.
#
# Testbed additions (set by the image catalog, never by manifests; see images/README.md):
#   TESTBED_JVM_OPTS      appended after the performance options; a -XX:+Use*GC in it replaces
#                         the GC the image chose (small, quick JVMs on a shared 2-core machine)
#   TESTBED_JVM_MAX_HEAP  caps -Xmx/-Xms (e.g. a manifest's -Xmx2G runs with 384m)
# -loggc is accepted and writes no GC log: JVM output stays in the container's log.
base_dir="$(cd "$(dirname "$0")/.." && pwd)"
. "$base_dir/bin/testbed-jvm.sh"

if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 [-daemon] [-name servicename] [-loggc] classname [opts]"
  exit 1
fi

CLASSPATH="${CLASSPATH:+$CLASSPATH:}$base_dir/libs/*"

if [[ -z "${KAFKA_JMX_OPTS:-}" ]]; then
  KAFKA_JMX_OPTS="-Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false"
fi
if [[ -n "${JMX_PORT:-}" ]]; then
  KAFKA_JMX_OPTS="$KAFKA_JMX_OPTS -Dcom.sun.management.jmxremote.port=$JMX_PORT"
  [[ "$KAFKA_JMX_OPTS" == *-Dcom.sun.management.jmxremote.rmi.port=* ]] ||
    KAFKA_JMX_OPTS="$KAFKA_JMX_OPTS -Dcom.sun.management.jmxremote.rmi.port=$JMX_PORT"
fi

LOG_DIR="${LOG_DIR:-$base_dir/logs}"
if [[ -z "${KAFKA_LOG4J_OPTS:-}" ]]; then
  # A tool: log to the console with the tools configuration of this release's logging library.
  if testbed_uses_log4j2 "$base_dir/libs"; then
    KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=$base_dir/config/tools-log4j2.yaml"
  else
    KAFKA_LOG4J_OPTS="-Dlog4j.configuration=file:$base_dir/config/tools-log4j.properties"
  fi
fi
# (Kafka's script creates LOG_DIR for servers; the testbed's logging goes to stdout only.)
KAFKA_LOG4J_OPTS="-Dkafka.logs.dir=$LOG_DIR $KAFKA_LOG4J_OPTS"

KAFKA_OPTS="${KAFKA_OPTS:-}"
if [[ -n "${KAFKA_DEBUG:-}" ]]; then
  JAVA_DEBUG_OPTS="${JAVA_DEBUG_OPTS:--agentlib:jdwp=transport=dt_socket,server=y,suspend=${DEBUG_SUSPEND_FLAG:-n},address=${JAVA_DEBUG_PORT:-5005}}"
  echo "Enabling Java debug options: $JAVA_DEBUG_OPTS"
  KAFKA_OPTS="$JAVA_DEBUG_OPTS $KAFKA_OPTS"
fi

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx256M}"
KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}"

DAEMON_NAME="${DAEMON_NAME:-kafka}"
DAEMON_MODE=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    -name) DAEMON_NAME="$2"; shift 2 ;;
    -loggc) shift ;;
    -daemon) DAEMON_MODE=true; shift ;;
    *) break ;;
  esac
done

# shellcheck disable=SC2086 # word splitting of the *_OPTS variables is how Kafka's script works
read -r -a jvm <<<"$(testbed_jvm_flags $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS)"
# shellcheck disable=SC2086
if [[ "$DAEMON_MODE" == true ]]; then
  nohup "$JAVA" "${jvm[@]}" ${KAFKA_GC_LOG_OPTS:-} $KAFKA_JMX_OPTS $KAFKA_LOG4J_OPTS -cp "$CLASSPATH" $KAFKA_OPTS "$@" \
    >"$LOG_DIR/$DAEMON_NAME.out" 2>&1 </dev/null &
else
  exec "$JAVA" "${jvm[@]}" ${KAFKA_GC_LOG_OPTS:-} $KAFKA_JMX_OPTS $KAFKA_LOG4J_OPTS -cp "$CLASSPATH" $KAFKA_OPTS "$@"
fi
