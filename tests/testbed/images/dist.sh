#!/usr/bin/env bash
# Builds (once) and prints the directory of a testbed distribution, cached by version:
#   dist.sh kafka VERSION       -> $CACHE/kafka-VERSION/home      (libs/ bin/ config/)
#   dist.sh zookeeper VERSION   -> $CACHE/zookeeper-VERSION/home  (lib/ bin/ conf/)
# The jars come from Maven Central (dist/*/pom.xml); bin/ and config/ are this repository's own
# scripts and configs (dist/*/), refreshed whenever they change without downloading again.
# Concurrent callers wait on a lock per distribution. Progress goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE_ROOT="${KAFKA_TESTBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-kafka-testbed}"

usage() { echo "usage: $0 kafka|zookeeper VERSION" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
kind="$1" version="$2"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "not a release version: '$version' (want X.Y.Z)" >&2; exit 2; }
major="${version%%.*}" rest="${version#*.}" minor="${rest%%.*}"

case "$kind" in
  kafka)
    pom="$here/dist/kafka/pom.xml"; libdir=libs; src="$here/dist/kafka"
    # The logging binding each release's own tarball ships.
    if ((major >= 4)); then profile=log4j2
    elif ((major == 3)); then profile=reload4j
    else profile=log4j1
    fi
    ;;
  zookeeper)
    pom="$here/dist/zookeeper/pom.xml"; libdir=lib; src="$here/dist/zookeeper"
    if ((major == 3 && minor <= 4)); then profile=zk34
    elif ((major == 3 && minor <= 7)); then profile=zk35
    else profile=zk38
    fi
    ;;
  *) usage ;;
esac

out="$CACHE_ROOT/$kind-$version/home"
# Scripts and configs are stamped with a hash of their sources, so edits reach the cache.
stamp="$( (cd "$src" && find . -type f ! -name pom.xml -print0 | sort -z | xargs -0 sha256sum
  sha256sum <"$here/dist/testbed-jvm.sh"; echo "$profile") | sha256sum | cut -c1-16)"
if [[ -f "$out/.libs-complete" && "$(cat "$out/.stamp" 2>/dev/null)" == "$stamp" ]]; then
  echo "$out"
  exit 0
fi

mkdir -p "$CACHE_ROOT/$kind-$version"
exec 9>"$CACHE_ROOT/$kind-$version/.lock"
flock 9
if [[ -f "$out/.libs-complete" && "$(cat "$out/.stamp" 2>/dev/null)" == "$stamp" ]]; then
  echo "$out"
  exit 0
fi

if ! command -v mvn >/dev/null || ! command -v java >/dev/null; then
  echo "Maven and a JDK are needed to build the $kind $version distribution: apt-get install maven openjdk-17-jdk-headless" >&2
  exit 1
fi

mkdir -p "$out"
if [[ ! -f "$out/.libs-complete" ]]; then
  started=$SECONDS
  echo "resolving $kind $version jars from Maven Central ($profile)" >&2
  tmp="$out/$libdir.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  mvn -q -B -Dstyle.color=never -f "$pom" -P"$profile" -D"$kind.version=$version" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >&2
  # Index the classes once: the generated tool wrappers pick the main class a release has.
  for j in "$tmp"/*.jar; do unzip -Z1 "$j" 2>/dev/null; done | grep '\.class$' | sort -u >"$tmp/.class-index" || true
  [[ -s "$tmp/.class-index" ]] || { echo "no classes found in the $kind $version jars" >&2; exit 1; }
  rm -rf "$out/$libdir"
  mv "$tmp" "$out/$libdir"
  touch "$out/.libs-complete"
  echo "$kind $version jars resolved in $((SECONDS - started))s ($(du -sh "$out/$libdir" | cut -f1))" >&2
fi

# bin/ and config/: copied fresh from the repository, then the per-version parts generated.
case "$kind" in
  kafka)
    rm -rf "$out/bin" "$out/config"
    cp -r "$src/bin" "$out/bin"
    cp -r "$src/config" "$out/config"
    "$src/gen-tools.sh" "$out" "$version"
    mkdir -p "$out/logs"   # where the tarball's scripts put server logs (a mount point here)
    ;;
  zookeeper)
    rm -rf "$out/bin" "$out/conf"
    cp -r "$src/bin" "$out/bin"
    cp -r "$src/conf" "$out/conf"
    case "$profile" in
      zk38) rm -f "$out/conf/log4j.properties" ;;
      *) rm -f "$out/conf/logback.xml" ;;
    esac
    ;;
esac
cp "$here/dist/testbed-jvm.sh" "$out/bin/testbed-jvm.sh"
chmod -R a+rX "$out"
find "$out/bin" -type f -exec chmod 0755 {} +
echo "$version" >"$out/.version"
echo "$stamp" >"$out/.stamp"
echo "$out"
