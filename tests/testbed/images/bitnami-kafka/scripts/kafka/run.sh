#!/bin/bash
# CMD of the bitnami/kafka image (testbed emulation): starts the broker with the configuration
# the setup wrote (or the pod mounted).
set -o errexit -o nounset -o pipefail
# shellcheck disable=SC1091
. /opt/bitnami/scripts/libkafka.sh
. /opt/bitnami/scripts/kafka-env.sh
args=("$KAFKA_CONF_FILE")
if ! is_empty_value "${KAFKA_EXTRA_FLAGS:-}"; then
    read -r -a extra <<<"$KAFKA_EXTRA_FLAGS"
    args+=("${extra[@]}")
fi
info "** Starting Kafka **"
exec "$KAFKA_HOME/bin/kafka-server-start.sh" "${args[@]}" "$@"
