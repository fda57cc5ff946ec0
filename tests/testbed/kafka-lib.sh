#!/usr/bin/env bash
# Prints the libs/ directory of the testbed's Kafka distribution of KAFKA_VERSION (default
# 4.1.1), building it on first use (images/dist.sh: the broker and CLI jars from Maven Central).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
echo "$("$here/images/dist.sh" kafka "${KAFKA_VERSION:-4.1.1}")/libs"
