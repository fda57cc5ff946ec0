#!/usr/bin/env bash
# Build a release of kubectl-kafka for this platform and render the krew manifest.
#
#   scripts/release.sh VERSION            VERSION as in Cargo.toml, with or without the leading v
#
# Output under dist/ (ignored by git):
#   dist/kubectl-kafka_vVERSION_<os>_<arch>.tar.gz   kubectl-kafka, kubectl_complete-kafka, LICENSE, rbac.yaml
#   dist/kubectl-kafka_vVERSION_<os>_<arch>.tar.gz.sha256
#   dist/krew/kafka.yaml        every platform (linux, darwin × amd64, arm64). A platform whose archive
#                               is not under dist/ gets sha256 "MISSING-..." on purpose: krew's
#                               validate-krew-manifest rejects it, so an incomplete manifest cannot be
#                               published by mistake. Build on (or for) the other platforms and copy
#                               their archives into dist/, then run this again.
#   dist/krew-local/kafka.yaml  only the platforms whose archives are present (for local installs:
#                               kubectl krew install --manifest=dist/krew-local/kafka.yaml --archive=...)
#
# Environment:
#   KUBECTL_KAFKA_RELEASE_URL  base URL the archives will be published under
#                              (default: <repository in Cargo.toml>/releases/download/vVERSION)
#   KUBECTL_KAFKA_HOMEPAGE     homepage in the manifest (default: repository/homepage in Cargo.toml)
#   DIST                       output directory (default: dist)
#   CARGO_TARGET_DIR           as for cargo
# Without a repository URL the manifest gets https://example.invalid/... addresses (reserved, never
# resolvable) and the script says the manifest is for local use only.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ $# -ne 1 ]; then
    echo "usage: $0 VERSION   (e.g. $0 0.1.0)" >&2
    exit 2
fi
version=${1#v}
tag="v$version"
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]]; then
    echo "error: '$1' is not a semantic version such as 0.1.0" >&2
    exit 2
fi

# The first `version = "..."` line in Cargo.toml is the package's (the workspace table has none).
crate_version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
if [ "$crate_version" != "$version" ]; then
    echo "error: Cargo.toml says version $crate_version, not $version: bump Cargo.toml first so that" \
        "\`kubectl kafka version\` and the manifest agree" >&2
    exit 2
fi

toml_field() { sed -n "s/^$1 = \"\(.*\)\"$/\1/p" Cargo.toml | head -n1; }
repository=$(toml_field repository)
homepage=${KUBECTL_KAFKA_HOMEPAGE:-$(toml_field homepage)}
homepage=${homepage:-$repository}
release_url=${KUBECTL_KAFKA_RELEASE_URL:-}
if [ -z "$release_url" ] && [ -n "$repository" ]; then
    release_url="${repository%/}/releases/download/$tag"
fi
local_only=""
if [ -z "$release_url" ]; then
    release_url="https://example.invalid/set-KUBECTL_KAFKA_RELEASE_URL/$tag"
    local_only=1
fi
if [ -z "$homepage" ]; then
    homepage="https://example.invalid/set-repository-in-Cargo.toml"
    local_only=1
fi

case "$(uname -s)" in
    Linux) host_os=linux ;;
    Darwin) host_os=darwin ;;
    *) echo "error: unsupported build OS $(uname -s): release builds run on Linux or macOS" >&2; exit 1 ;;
esac
case "$(uname -m)" in
    x86_64 | amd64) host_arch=amd64 ;;
    aarch64 | arm64) host_arch=arm64 ;;
    *) echo "error: unsupported build architecture $(uname -m)" >&2; exit 1 ;;
esac

dist=${DIST:-dist}
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)
archive_name() { echo "kubectl-kafka_${tag}_$1_$2.tar.gz"; }

echo "==> building kubectl-kafka $tag for $host_os/$host_arch" >&2
cargo build --release --locked --bin kubectl-kafka
target_dir=${CARGO_TARGET_DIR:-$root/target}
bin="$target_dir/release/kubectl-kafka"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$bin" "$stage/kubectl-kafka"
strip "$stage/kubectl-kafka" 2>/dev/null || true
# The target directory may be shared with other checkouts: make sure this is the binary just built
# from this checkout (its version and stamped commit), not one another build put there meanwhile.
head=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
stamped=$("$stage/kubectl-kafka" version -o json | sed -n 's/^  "\(version\|git_commit\)": "\(.*\)",\{0,1\}$/\2/p' | tr '\n' ' ')
case "$stamped" in
    "$version $head "* | "$version $head-dirty "*) ;;
    *) echo "error: $bin says '$stamped', expected version $version and commit $head: another build" \
        "replaced it; run this again (or set CARGO_TARGET_DIR to a directory of your own)" >&2; exit 1 ;;
esac
case "$stamped" in
    *-dirty*) echo "warning: built from uncommitted changes (commit $head-dirty): commit before publishing" >&2 ;;
esac
cp LICENSE "$stage/LICENSE"
cp tests/manifests/rbac-plugin.yaml "$stage/rbac.yaml"
cp completions/kubectl_complete-kafka "$stage/kubectl_complete-kafka"
chmod 0755 "$stage/kubectl-kafka" "$stage/kubectl_complete-kafka"
chmod 0644 "$stage/LICENSE" "$stage/rbac.yaml"

# Reproducible archive: fixed order, owner and timestamps (the commit time).
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
archive="$dist/$(archive_name "$host_os" "$host_arch")"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
    -C "$stage" -cf - kubectl-kafka kubectl_complete-kafka LICENSE rbac.yaml | gzip -n -9 >"$archive"
(cd "$dist" && sha256sum "$(basename "$archive")" >"$(basename "$archive").sha256")
echo "==> $archive" >&2

render_platform() { # os arch sha256 uri
    sed -e "s|@OS@|$1|" -e "s|@ARCH@|$2|" -e "s|@SHA256@|$3|" -e "s|@URI@|$4|" krew/platform.yaml.tmpl
}
render_manifest() { # platforms-file out
    mkdir -p "$(dirname "$2")"
    # Drop the template's own comment lines; substitute the scalars; splice in the platforms.
    grep -v '^#' krew/kafka.yaml.tmpl |
        sed -e "s|@VERSION@|$tag|" -e "s|@HOMEPAGE@|$homepage|" |
        awk -v pf="$1" '$0 == "@PLATFORMS@" { while ((getline l < pf) > 0) print l; next } { print }' >"$2"
}

all=$(mktemp -p "$stage")
present=$(mktemp -p "$stage")
missing=()
for os in linux darwin; do
    for arch in amd64 arm64; do
        name=$(archive_name "$os" "$arch")
        if [ -f "$dist/$name" ]; then
            sha=$(sha256sum "$dist/$name" | cut -d' ' -f1)
            render_platform "$os" "$arch" "$sha" "$release_url/$name" >>"$all"
            render_platform "$os" "$arch" "$sha" "$release_url/$name" >>"$present"
        else
            render_platform "$os" "$arch" "MISSING-archive-$name-not-in-dist" "$release_url/$name" >>"$all"
            missing+=("$name")
        fi
    done
done
render_manifest "$all" "$dist/krew/kafka.yaml"
render_manifest "$present" "$dist/krew-local/kafka.yaml"
echo "==> $dist/krew/kafka.yaml" >&2
echo "==> $dist/krew-local/kafka.yaml (platforms with an archive only)" >&2

if [ ${#missing[@]} -gt 0 ]; then
    echo "note: no archive for ${missing[*]}: dist/krew/kafka.yaml marks them MISSING and does not" \
        "validate until those archives are copied into $dist and this script runs again" >&2
fi
if [ -n "$local_only" ]; then
    echo "note: no repository URL (set repository in Cargo.toml or KUBECTL_KAFKA_RELEASE_URL and" \
        "KUBECTL_KAFKA_HOMEPAGE): the manifests point at example.invalid and serve local installs only" >&2
fi
