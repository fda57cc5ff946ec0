#!/usr/bin/env bash
# Installs and builds what the testbed and the tests need on a fresh machine (shared by the quick
# start and the test command): Debian tools, the cached Kubernetes binaries, the cached Kafka jars.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

[[ "$(id -u)" == 0 ]] || { echo "the testbed needs root (network and mount namespaces)" >&2; exit 1; }
ensure_apt_tools openssl:openssl curl:curl java:openjdk-17-jre-headless mvn:maven \
  cmake:cmake g++:g++ make:make pkg-config:pkg-config jq:jq socat:socat ip:iproute2 nsenter:util-linux \
  python3:python3
command -v cargo >/dev/null || { echo "cargo (Rust toolchain) is required: install it with rustup" >&2; exit 1; }
if [[ ! -x "${KAFKA_TESTBED_CACHE:-$HOME/.cache/kubectl-kafka-testbed}/k8s-$K8S_VERSION/bin/kube-apiserver" ]] && ! command -v go >/dev/null; then
  echo "the Kubernetes binaries are not cached and Go is missing: install Go >= 1.24" >&2; exit 1
fi

# nsenter: exec in the kubelet server; script: the exec-with-a-terminal test
ensure_apt_tools nsenter:util-linux script:bsdutils
command -v go >/dev/null || { echo "Go is required to build tests/kubelet-server: install Go >= 1.26" >&2; exit 1; }
log "control plane binaries: $("$here/build-k8s.sh")"
log "kubelet streaming server: $("$here/build-kubelet-server.sh")"
# The Kafka and ZooKeeper releases the manifests and the image checks use, cached by version.
for v in 4.1.1 3.9.1 3.5.2 2.8.1; do log "Kafka $v: $("$here/images/dist.sh" kafka "$v")"; done
for v in 3.8.4 3.4.10; do log "ZooKeeper $v: $("$here/images/dist.sh" zookeeper "$v")"; done
