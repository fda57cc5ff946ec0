#!/usr/bin/env bash
# End-to-end check of the release path with the real krew tools:
#  1. scripts/release.sh builds the archive and renders the manifests (into a temp DIST);
#  2. krew's validate-krew-manifest rejects the all-platform manifest while archives are missing, and
#     accepts the manifest of the platforms built here, including its own install of every platform
#     (downloaded from a local HTTP server, sha256 checked, LICENSE extracted);
#  3. `kubectl krew install --manifest=... --archive=...` installs the plugin with no network at all
#     (own network namespace when possible) into a throwaway HOME and KREW_ROOT;
#  4. `kubectl kafka version` runs through kubectl, the completion helper is installed with
#     `kubectl kafka completion install`, and kubectl completes `kubectl kafka ...` through it;
#  5. `kubectl krew uninstall kafka` removes the plugin.
#
# Environment: KREW_VERSION (default v0.4.4), KUBECTL (default: the testbed's kubectl 1.36.3),
# KEEP=1 keeps the temp directory. The krew tools are built once from the Go module proxy and
# cached under ~/.cache/kubectl-kafka/go-bin/krew-<version>/.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

krew_version=${KREW_VERSION:-v0.4.4}
kubectl_bin=${KUBECTL:-$HOME/.cache/kubectl-kafka-testbed/k8s-v1.36.3/bin/kubectl}
cache="$HOME/.cache/kubectl-kafka/go-bin/krew-$krew_version"

say() { echo "--- $*" >&2; }
fail() { echo "FAIL: $*" >&2; exit 1; }

[ -x "$kubectl_bin" ] || fail "no kubectl at $kubectl_bin (build the testbed, or set KUBECTL)"

# -- krew tools ---------------------------------------------------------------------------------
if [ ! -x "$cache/krew" ] || [ ! -x "$cache/validate-krew-manifest" ]; then
    say "building krew $krew_version tools into $cache"
    # `go install ...@version` cannot be used: it reads the module's version list for deprecation
    # notices, which the proxy refuses here; building inside the downloaded module works.
    dir=$(go mod download -json "sigs.k8s.io/krew@$krew_version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
    [ -n "$dir" ] || fail "go mod download sigs.k8s.io/krew@$krew_version gave no directory"
    mkdir -p "$cache"
    (cd "$dir" && go build -trimpath -o "$cache/" ./cmd/krew ./cmd/validate-krew-manifest)
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# kubectl and `kubectl krew` (krew as the plugin kubectl-krew), nothing else of the host's PATH
# that could hold another kubectl-kafka.
mkdir -p "$work/tools"
ln -s "$kubectl_bin" "$work/tools/kubectl"
ln -s "$cache/krew" "$work/tools/kubectl-krew"
base_path="$work/tools:/usr/local/bin:/usr/bin:/bin"

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
case "$(uname -s)/$(uname -m)" in
    Linux/x86_64) os=linux arch=amd64 ;;
    Linux/aarch64) os=linux arch=arm64 ;;
    Darwin/x86_64) os=darwin arch=amd64 ;;
    Darwin/arm64) os=darwin arch=arm64 ;;
    *) fail "unsupported platform $(uname -s)/$(uname -m)" ;;
esac
archive_name="kubectl-kafka_v${version}_${os}_${arch}.tar.gz"

# -- 1. release ----------------------------------------------------------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
say "scripts/release.sh $version (archives served at http://127.0.0.1:$port)"
DIST="$work/dist" KUBECTL_KAFKA_RELEASE_URL="http://127.0.0.1:$port" \
    KUBECTL_KAFKA_HOMEPAGE="${KUBECTL_KAFKA_HOMEPAGE:-https://example.invalid/kubectl-kafka}" \
    scripts/release.sh "$version" 2>"$work/release.log" || { cat "$work/release.log" >&2; fail "release.sh"; }
archive="$work/dist/$archive_name"
[ -f "$archive" ] || fail "no archive $archive"
listing=$(tar -tzf "$archive" | sort | tr '\n' ' ')
[ "$listing" = "LICENSE kubectl-kafka kubectl_complete-kafka rbac.yaml " ] || fail "archive holds: $listing"
(cd "$work/dist" && sha256sum -c --quiet "$archive_name.sha256") || fail "sha256 file does not match"

# -- 2. krew's validator -------------------------------------------------------------------------
say "validate-krew-manifest rejects the manifest with missing platforms"
if [ "$(ls "$work"/dist/kubectl-kafka_v"$version"_*.tar.gz | wc -l)" -lt 4 ]; then
    if PATH="$base_path" "$cache/validate-krew-manifest" -manifest "$work/dist/krew/kafka.yaml" \
        -skip-install >"$work/validate-all.log" 2>&1; then
        fail "an all-platform manifest with MISSING sha256 values passed validation"
    fi
    grep -q "sha256" "$work/validate-all.log" || { cat "$work/validate-all.log" >&2; fail "rejected for another reason"; }
fi

say "validate-krew-manifest accepts and installs dist/krew-local/kafka.yaml"
(cd "$work/dist" && exec python3 -m http.server --bind 127.0.0.1 "$port" >"$work/http.log" 2>&1) &
server_pid=$!
for _ in $(seq 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
    sleep 0.1
done
PATH="$base_path" "$cache/validate-krew-manifest" -manifest "$work/dist/krew-local/kafka.yaml" \
    >"$work/validate-local.log" 2>&1 || { cat "$work/validate-local.log" >&2; fail "validate-krew-manifest"; }
grep -q "installed fine" "$work/validate-local.log" || { cat "$work/validate-local.log" >&2; fail "validator did not install"; }
kill "$server_pid" 2>/dev/null || true
server_pid=""

# -- 3. offline install --------------------------------------------------------------------------
export HOME="$work/home" KREW_ROOT="$work/krew"
mkdir -p "$HOME"
offline=()
if unshare --net true 2>/dev/null; then
    offline=(unshare --net)
    say "kubectl krew install --archive, in a network namespace with no network"
else
    # No namespaces: any attempt to reach the network goes to a closed local port and fails.
    export HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 NO_PROXY=
    say "kubectl krew install --archive, with proxies pointing at a closed port"
fi
PATH="$base_path" "${offline[@]}" kubectl krew install \
    --manifest="$work/dist/krew-local/kafka.yaml" --archive="$archive" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; fail "krew install"; }
[ -L "$KREW_ROOT/bin/kubectl-kafka" ] || fail "krew made no kubectl-kafka link in $KREW_ROOT/bin"
store="$KREW_ROOT/store/kafka/v$version"
for f in kubectl-kafka kubectl_complete-kafka LICENSE rbac.yaml; do
    [ -f "$store/$f" ] || fail "$f missing from $store"
done

# -- 4. through kubectl --------------------------------------------------------------------------
export PATH="$KREW_ROOT/bin:$base_path"
# A kubeconfig pointing at a closed port: nothing below needs a cluster, and completion must stay
# quiet and quick when the cluster is unreachable.
cat >"$work/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: down, cluster: {server: "https://127.0.0.1:9"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: down, context: {cluster: down, user: u, namespace: kafka}}]
current-context: down
EOF
export KUBECONFIG="$work/kubeconfig"

say "kubectl plugin list / kubectl kafka version"
# Captured first: with pipefail, grep -q closing the pipe early would fail the writer.
plugins=$(kubectl plugin list 2>/dev/null || true)
grep -q "$KREW_ROOT/bin/kubectl-kafka" <<<"$plugins" || fail "kubectl plugin list does not show kubectl-kafka: $plugins"
out=$(kubectl kafka version) || fail "kubectl kafka version failed"
grep -q "^kubectl-kafka $version " <<<"$out" || fail "version output: $out"
json=$(kubectl kafka version -o json) || fail "kubectl kafka version -o json failed"
echo "$json" | python3 -c "import json,sys; d=json.load(sys.stdin); assert d['version']=='$version', d" ||
    fail "version -o json: $json"

say "kubectl kafka completion install, then kubectl completes through the helper"
kubectl kafka completion install >"$work/completion-install.log" || fail "completion install"
[ -x "$KREW_ROOT/bin/kubectl_complete-kafka" ] || fail "helper not installed into $KREW_ROOT/bin"
top=$(kubectl __complete kafka "" 2>/dev/null)
grep -q "^status" <<<"$top" || fail "no subcommands from kubectl __complete kafka: $top"
echo "$top" | tail -n1 | grep -q "^:4$" || fail "directive: $top"
sub=$(kubectl __complete kafka topics de 2>/dev/null | cut -f1 | sort | tr '\n' ' ')
[ "$sub" = ":4 delete describe " ] || fail "kubectl __complete kafka topics de: $sub"
start=$(date +%s%N)
ns=$(kubectl __complete kafka -n "" 2>/dev/null) || fail "namespace completion failed with the cluster down"
ms=$((($(date +%s%N) - start) / 1000000))
[ "$(echo "$ns" | tail -n1)" = ":4" ] || fail "namespace completion with the cluster down: $ns"
[ "$ms" -lt 4000 ] || fail "namespace completion with the cluster down took ${ms} ms"
direct=$(kubectl_complete-kafka -n "" 2>&1)
[ "$direct" = ":4" ] || fail "helper printed more than the directive with the cluster down: $direct"

# -- 5. uninstall --------------------------------------------------------------------------------
# krew refuses to list or uninstall before an index exists, and `kubectl krew update` needs the
# network to clone it: an empty git repository stands in for the index.
git init -q "$KREW_ROOT/index/default"
# Plugins installed from a manifest belong to no index: krew lists them as detached/kafka.
listed=$(kubectl krew list 2>/dev/null) || fail "kubectl krew list failed"
grep -Eq "^(detached/)?kafka$" <<<"$listed" || fail "kubectl krew list does not show kafka: $listed"
kubectl krew uninstall kafka >"$work/uninstall.log" 2>&1 || { cat "$work/uninstall.log" >&2; fail "krew uninstall"; }
[ ! -e "$KREW_ROOT/bin/kubectl-kafka" ] || fail "kubectl-kafka still linked after uninstall"
# The helper krew does not know about stays behind; without the plugin it offers nothing, quietly.
left=$(kubectl_complete-kafka topics "" 2>&1)
[ "$left" = ":4" ] || fail "helper without the plugin printed: $left"

say "OK: krew $krew_version validated and installed kubectl-kafka v$version offline; version and completion work through kubectl ${ms:+(unreachable-cluster completion: ${ms} ms)}"
