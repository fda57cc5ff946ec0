#!/bin/bash -e
# start-kafka.sh: the command of the wurstmeister/kafka image (testbed emulation), following the
# image's README: KAFKA_ZOOKEEPER_CONNECT is required; KAFKA_PORT defaults to 9092;
# KAFKA_BROKER_ID (or BROKER_ID_COMMAND, else -1 = auto); KAFKA_LOG_DIRS defaults to
# /kafka/kafka-logs-$HOSTNAME; HOSTNAME_COMMAND / PORT_COMMAND fill _{HOSTNAME_COMMAND} /
# _{PORT_COMMAND} in KAFKA_* values; RACK_COMMAND sets KAFKA_BROKER_RACK; without listeners the
# (pre-listeners) KAFKA_ADVERTISED_HOST_NAME is required; every other KAFKA_* variable becomes
# a property of $KAFKA_HOME/config/server.properties (KAFKA_ dropped, lower-cased, '_' -> '.'),
# LOG4J_* ones of log4j.properties; KAFKA_CREATE_TOPICS (name:partitions:replicas[:policy],...)
# is created in the background once the broker listens; CUSTOM_INIT_SCRIPT is evaluated last.
# The image asks Docker for the advertised port through /var/run/docker.sock; pods have none.

if [[ -z "$KAFKA_ZOOKEEPER_CONNECT" ]]; then
    echo "ERROR: missing mandatory config: KAFKA_ZOOKEEPER_CONNECT"
    exit 1
fi
export KAFKA_PORT="${KAFKA_PORT:-9092}"

create-topics.sh &
unset KAFKA_CREATE_TOPICS

if [[ -z "$KAFKA_BROKER_ID" ]]; then
    if [[ -n "$BROKER_ID_COMMAND" ]]; then
        KAFKA_BROKER_ID=$(eval "$BROKER_ID_COMMAND")
    else
        KAFKA_BROKER_ID=-1
    fi
    export KAFKA_BROKER_ID
fi
export KAFKA_LOG_DIRS="${KAFKA_LOG_DIRS:-/kafka/kafka-logs-$HOSTNAME}"

substitute() { # PLACEHOLDER VALUE: replaces _{PLACEHOLDER} in the values of KAFKA_* variables
    local name
    for name in $(compgen -e | grep '^KAFKA_'); do
        if [[ "${!name}" == *"_{$1}"* ]]; then
            export "$name=${!name//_\{$1\}/$2}"
        fi
    done
}
if [[ -n "$HOSTNAME_COMMAND" ]]; then
    HOSTNAME_VALUE=$(eval "$HOSTNAME_COMMAND")
    substitute HOSTNAME_COMMAND "$HOSTNAME_VALUE"
fi
if [[ -n "$PORT_COMMAND" ]]; then
    substitute PORT_COMMAND "$(eval "$PORT_COMMAND")"
fi
if [[ -n "$RACK_COMMAND" && -z "$KAFKA_BROKER_RACK" ]]; then
    KAFKA_BROKER_RACK=$(eval "$RACK_COMMAND")
    export KAFKA_BROKER_RACK
fi

if [[ -z "$KAFKA_ADVERTISED_HOST_NAME$KAFKA_LISTENERS" ]]; then
    if [[ -n "$KAFKA_ADVERTISED_LISTENERS" ]]; then
        echo "ERROR: Missing environment variable KAFKA_LISTENERS. Must be specified when using KAFKA_ADVERTISED_LISTENERS"
        exit 1
    elif [[ -z "$HOSTNAME_VALUE" ]]; then
        echo "ERROR: No listener or advertised hostname configuration provided in environment."
        echo "       Please define KAFKA_LISTENERS / (deprecated) KAFKA_ADVERTISED_HOST_NAME"
        exit 1
    fi
    export KAFKA_ADVERTISED_HOST_NAME="$HOSTNAME_VALUE"
fi

set_property() { # KEY VALUE FILE: replaces KEY= (commented or not) or appends it
    echo "[Configuring] '$1' in '$3'"
    if grep -Eq "^#?$1=" "$3"; then
        local tmp
        tmp="$(mktemp)"
        awk -v k="$1" -v v="$2" 'BEGIN { n = length(k) + 1 }
            (substr($0, 1, n) == k "=" || substr($0, 1, n + 1) == "#" k "=") { print k "=" v; next } { print }' "$3" >"$tmp"
        cat "$tmp" >"$3"; rm -f "$tmp"
    else
        echo "$1=$2" >>"$3"
    fi
}
echo "" >>"$KAFKA_HOME/config/server.properties"
excluded="|KAFKA_VERSION|KAFKA_HOME|KAFKA_DEBUG|KAFKA_GC_LOG_OPTS|KAFKA_HEAP_OPTS|KAFKA_JMX_OPTS|KAFKA_JVM_PERFORMANCE_OPTS|KAFKA_LOG|KAFKA_OPTS|"
for name in $(compgen -e); do
    if [[ "$excluded" == *"|$name|"* ]]; then
        echo "Excluding $name from broker config"
        continue
    fi
    if [[ "$name" == KAFKA_* ]]; then
        key="${name#KAFKA_}"; key="${key,,}"; key="${key//_/.}"
        set_property "$key" "${!name}" "$KAFKA_HOME/config/server.properties"
    fi
    if [[ "$name" == LOG4J_* ]]; then
        key="${name,,}"; key="${key//_/.}"
        set_property "$key" "${!name}" "$KAFKA_HOME/config/log4j.properties"
    fi
done

if [[ -n "$CUSTOM_INIT_SCRIPT" ]]; then
    eval "$CUSTOM_INIT_SCRIPT"
fi

exec "$KAFKA_HOME/bin/kafka-server-start.sh" "$KAFKA_HOME/config/server.properties"
