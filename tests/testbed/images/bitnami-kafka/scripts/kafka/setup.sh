#!/bin/bash
# Setup step of the bitnami/kafka image (testbed emulation): environment aliases and _COMMAND
# variables, validation and configuration unless a server.properties was mounted, KRaft
# storage format (with SCRAM users), ZooKeeper SCRAM users, custom init scripts.
set -o errexit -o nounset -o pipefail
# shellcheck disable=SC1091
. /opt/bitnami/scripts/libkafka.sh
. /opt/bitnami/scripts/kafka-env.sh
bitnami_image_layout
kafka_create_alias_environment_variables
kafka_dynamic_environment_variables
kafka_configure_default_truststore_locations
for dir in "$KAFKA_LOG_DIR" "$KAFKA_CONF_DIR" "$KAFKA_MOUNTED_CONF_DIR" "$KAFKA_VOLUME_DIR" "$KAFKA_DATA_DIR" "$KAFKA_INITSCRIPTS_DIR"; do
    ensure_dir_exists "$dir"
done
# Validation and initialisation are skipped when the pod mounted a server.properties.
if [[ ! -f "$KAFKA_MOUNTED_CONF_DIR/server.properties" && ! -f "$KAFKA_CONF_FILE" ]]; then
    kafka_validate
fi
if [[ ! -f "$KAFKA_CONF_FILE" ]]; then
    kafka_initialize
fi
if grep -q "^process.roles=" "$KAFKA_CONF_FILE" && ! is_boolean_yes "$KAFKA_SKIP_KRAFT_STORAGE_INIT"; then
    kafka_kraft_storage_initialize
fi
if is_boolean_yes "${KAFKA_ZOOKEEPER_BOOTSTRAP_SCRAM_USERS:-}"; then
    kafka_zookeeper_create_sasl_scram_users
fi
kafka_custom_init_scripts
