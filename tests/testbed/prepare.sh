#!/usr/bin/env bash
# Installs and builds what the testbed and the tests need on a fresh machine (shared by the quick
# start and the test command): Debian tools, the cached Kubernetes binaries, the cached Kafka jars.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

ensure_apt_tools openssl:openssl curl:curl java:openjdk-17-jre-headless mvn:maven \
  cmake:cmake g++:g++ make:make pkg-config:pkg-config
command -v cargo >/dev/null || { echo "cargo (Rust toolchain) is required: install it with rustup" >&2; exit 1; }
if [[ ! -x "${KAFKA_TESTBED_CACHE:-$HOME/.cache/kubectl-kafka-testbed}/k8s-$K8S_VERSION/bin/kube-apiserver" ]] && ! command -v go >/dev/null; then
  echo "the Kubernetes binaries are not cached and Go is missing: install Go >= 1.24" >&2; exit 1
fi

# nsenter: exec in the kubelet server; script: the exec-with-a-terminal test
ensure_apt_tools nsenter:util-linux script:bsdutils
command -v go >/dev/null || { echo "Go is required to build tests/kubelet-server: install Go >= 1.26" >&2; exit 1; }
log "control plane binaries: $("$here/build-k8s.sh")"
log "kubelet streaming server: $("$here/build-kubelet-server.sh")"
log "Kafka jars: $("$here/kafka-lib.sh")"
