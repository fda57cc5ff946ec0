#!/usr/bin/env bash
# Resolves the Kafka broker + CLI jars from Maven Central into a cached lib dir keyed by version
# and prints that directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"
CACHE_ROOT="${KAFKA_TESTBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-kafka-testbed}"
OUT="$CACHE_ROOT/kafka-$KAFKA_VERSION/lib"
if [[ -f "$OUT/.complete" ]]; then
  echo "$OUT"
  exit 0
fi
if ! command -v mvn >/dev/null || ! command -v java >/dev/null; then
  echo "installing maven and a JDK" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 && apt-get install -y -q maven openjdk-17-jdk-headless >&2
fi
pom="$here/kafka/pom.xml"
case "$KAFKA_VERSION" in
  3.*) pom="$here/kafka/pom-3.xml" ;;
esac
tmp="$OUT.tmp"
rm -rf "$tmp"
mkdir -p "$tmp"
echo "resolving Kafka $KAFKA_VERSION jars from Maven Central" >&2
mvn -q -B -Dstyle.color=never -f "$pom" -Dkafka.version="$KAFKA_VERSION" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$tmp" >&2
touch "$tmp/.complete"
rm -rf "$OUT"
mv "$tmp" "$OUT"
echo "$OUT"
