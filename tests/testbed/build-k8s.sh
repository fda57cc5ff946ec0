#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager and kubectl from the upstream Go modules
# (through the Go module proxy) and caches the binaries keyed by version.
#
# k8s.io/kubernetes cannot be `go install`ed: its go.mod replaces the k8s.io staging modules with
# ./staging paths. A small wrapper module requires it and points every staging module at its
# published v0.Y.Z tag instead.
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-v1.36.3}"
CACHE_ROOT="${KAFKA_TESTBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-kafka-testbed}"
OUT="$CACHE_ROOT/k8s-$K8S_VERSION/bin"

if [[ -x "$OUT/kube-apiserver" && -x "$OUT/kube-controller-manager" && -x "$OUT/etcd" && -x "$OUT/kubectl" ]]; then
  echo "$OUT"
  exit 0
fi

minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
patch="${K8S_VERSION##*.}"
staging_version="v0.${minor}.${patch}"

work="$CACHE_ROOT/k8s-$K8S_VERSION/module"
mkdir -p "$work" "$OUT"
cd "$work"

export GOFLAGS="${GOFLAGS:-} -mod=mod"
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"

if [[ ! -f go.mod ]]; then
  go mod init kubectl-kafka.testbed/k8s >&2
fi

# Learn the staging modules from the upstream go.mod.
go mod download -json "k8s.io/kubernetes@$K8S_VERSION" >/dev/null
upstream_mod="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/$K8S_VERSION.mod"
mapfile -t staging < <(grep -E '=>\s*\./staging/' "$upstream_mod" | awk '{print $1}' | sort -u)
if [[ ${#staging[@]} -eq 0 ]]; then
  echo "no staging replaces found in $upstream_mod" >&2
  exit 1
fi
args=("-require=k8s.io/kubernetes@$K8S_VERSION")
for m in "${staging[@]}"; do
  args+=("-replace=$m=$m@$staging_version")
done
go mod edit "${args[@]}"

cat > tools.go <<'GO'
//go:build tools

package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
go mod tidy -e >&2 || true

ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION \
 -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor \
 -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION \
 -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor"

for pkg in k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl; do
  name="${pkg##*/}"
  [[ -x "$OUT/$name" ]] && continue
  echo "building $name $K8S_VERSION (cold builds take a while)" >&2
  go build -trimpath -ldflags "$ldflags" -o "$OUT/$name.tmp" "$pkg" >&2
  mv "$OUT/$name.tmp" "$OUT/$name"
done
if [[ ! -x "$OUT/etcd" ]]; then
  echo "building etcd" >&2
  go build -trimpath -ldflags "-s -w" -o "$OUT/etcd.tmp" go.etcd.io/etcd/server/v3 >&2
  mv "$OUT/etcd.tmp" "$OUT/etcd"
fi
echo "$OUT"
