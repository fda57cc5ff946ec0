#!/usr/bin/env bash
# Builds tests/kubelet-server (the kubelet streaming endpoint) with `go build` and caches the
# binary in ~/.cache/kubectl-kafka-testbed/kubelet-server-<hash>, the hash covering go.mod,
# go.sum, the Go sources and the Go version. Prints the binary's path. Reuses the shared Go
# module and build caches (~/go, ~/.cache/go-build).
set -euo pipefail
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../kubelet-server" && pwd)"
CACHE_ROOT="${KAFKA_TESTBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-kafka-testbed}"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
command -v go >/dev/null || { echo "go is not installed (needed for tests/kubelet-server)" >&2; exit 1; }

hash="$(
  cd "$src"
  { go version; cat go.mod go.sum; find . -name '*.go' ! -name '*_test.go' -print0 | sort -z | xargs -0 cat; } |
    sha256sum | cut -c1-16
)"
out="$CACHE_ROOT/kubelet-server-$hash"
bin="$out/kubelet-server"
if [[ -x "$bin" ]]; then
  echo "$bin"
  exit 0
fi
mkdir -p "$out"
started=$SECONDS
echo "[build-kubelet-server] go build $src -> $bin" >&2
(cd "$src" && GOFLAGS="${GOFLAGS:-} -mod=readonly" go build -trimpath -o "$bin.tmp" .)
mv "$bin.tmp" "$bin"
echo "[build-kubelet-server] built in $((SECONDS - started))s" >&2
echo "$bin"
