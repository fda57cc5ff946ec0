#!/bin/bash
# ENTRYPOINT of the bitnami/kafka image (testbed emulation): runs the setup when the command is
# the image's run.sh, then executes the command.
set -o errexit -o nounset -o pipefail
# shellcheck disable=SC1091
. /opt/bitnami/scripts/libkafka.sh
. /opt/bitnami/scripts/kafka-env.sh
bitnami_image_layout
info "Welcome to the Bitnami kafka container (testbed emulation, Kafka ${APP_VERSION:-})"
if [[ "$*" == *"/opt/bitnami/scripts/kafka/run.sh"* || "$*" == *"/run.sh"* ]]; then
    info "** Starting Kafka setup **"
    /opt/bitnami/scripts/kafka/setup.sh
    info "** Kafka setup finished! **"
fi
echo ""
exec "$@"
