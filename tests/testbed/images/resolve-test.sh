#!/usr/bin/env bash
# Unit tests of resolve: a table of image references -> family, repository, tag and version, the
# refusals (unknown repository, a tag that names no version), template expansion, mount order,
# the --shell form, and catalog syntax errors. No distribution is built (--no-build), no
# network, no root. Exits non-zero on the first table row or check that fails.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
resolve="$here/resolve"
export KAFKA_TESTBED_CACHE=/cache-for-tests
failures=0 checks=0
ok() { checks=$((checks + 1)); }
bad() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }

field() { # JSON_TEXT KEY: the string value of a top-level key of resolve's output
  sed -nE "s/^  \"$2\": \"(.*)\",?$/\1/p" <<<"$1"
}

# image | family | repository | tag | version
table="
apache/kafka:4.1.1                              | apache-kafka        | apache/kafka            | 4.1.1              | 4.1.1
apache/kafka                                    | apache-kafka        | apache/kafka            | latest             | 4.1.1
docker.io/apache/kafka:3.9.1                    | apache-kafka        | apache/kafka            | 3.9.1              | 3.9.1
apache/kafka:3.9.1@sha256:0123456789abcdef      | apache-kafka        | apache/kafka            | 3.9.1              | 3.9.1
apache/kafka@sha256:0123456789abcdef            | apache-kafka        | apache/kafka            | latest             | 4.1.1
bitnami/kafka:3.9.1-debian-12-r0                | bitnami-kafka       | bitnami/kafka           | 3.9.1-debian-12-r0 | 3.9.1
bitnami/kafka:3.5                               | bitnami-kafka       | bitnami/kafka           | 3.5                | 3.5.2
bitnami/kafka:4.1.1                             | bitnami-kafka       | bitnami/kafka           | 4.1.1              | 4.1.1
docker.io/bitnamilegacy/kafka:3.9.1             | bitnami-kafka       | bitnamilegacy/kafka     | 3.9.1              | 3.9.1
confluentinc/cp-kafka:7.9.1                     | cp-kafka            | confluentinc/cp-kafka   | 7.9.1              | 3.9.1
confluentinc/cp-kafka:7.5.3                     | cp-kafka            | confluentinc/cp-kafka   | 7.5.3              | 3.5.2
confluentinc/cp-kafka:8.1.0                     | cp-kafka            | confluentinc/cp-kafka   | 8.1.0              | 4.1.1
confluentinc/cp-kafka:6.2.4                     | cp-kafka            | confluentinc/cp-kafka   | 6.2.4              | 2.8.1
registry.example.com:5000/confluentinc/cp-kafka:7.9.1 | cp-kafka      | confluentinc/cp-kafka   | 7.9.1              | 3.9.1
wurstmeister/kafka                              | wurstmeister-kafka  | wurstmeister/kafka      | latest             | 2.8.1
wurstmeister/kafka:2.13-2.8.1                   | wurstmeister-kafka  | wurstmeister/kafka      | 2.13-2.8.1         | 2.8.1
wurstmeister/kafka:2.12-2.5.0                   | wurstmeister-kafka  | wurstmeister/kafka      | 2.12-2.5.0         | 2.5.0
zhaoguanghui6/kubernetes-kafka:v3.5.2           | kafka-distribution  | zhaoguanghui6/kubernetes-kafka | v3.5.2      | 3.5.2
zhaoguanghui6/kubernetes-zookeeper:1.0-3.4.10   | kubernetes-zookeeper| zhaoguanghui6/kubernetes-zookeeper | 1.0-3.4.10 | 3.4.10
k8s.gcr.io/kubernetes-zookeeper:1.0-3.4.10      | kubernetes-zookeeper| kubernetes-zookeeper    | 1.0-3.4.10         | 3.4.10
gcr.io/google_containers/kubernetes-zookeeper:1.0-3.4.10 | kubernetes-zookeeper | google_containers/kubernetes-zookeeper | 1.0-3.4.10 | 3.4.10
digitalwonderland/zookeeper                     | digitalwonderland-zookeeper | digitalwonderland/zookeeper | latest | 3.4.10
digitalwonderland/zookeeper:latest              | digitalwonderland-zookeeper | digitalwonderland/zookeeper | latest | 3.4.10
zookeeper:3.8.4                                 | zookeeper           | zookeeper               | 3.8.4              | 3.8.4
zookeeper:3.8                                   | zookeeper           | zookeeper               | 3.8                | 3.8.4
docker.io/library/zookeeper:3.8.4               | zookeeper           | zookeeper               | 3.8.4              | 3.8.4
library/zookeeper                               | zookeeper           | zookeeper               | latest             | 3.8.4
python:3.11                                     | host-python         | python                  | 3.11               | 3.11
python:3.12-slim                                | host-python         | python                  | 3.12-slim          | 3.12
"
while IFS='|' read -r image family repo tag version; do
  image="$(xargs <<<"$image")"
  [[ -n "$image" ]] || continue
  family="$(xargs <<<"$family")" repo="$(xargs <<<"$repo")" tag="$(xargs <<<"$tag")" version="$(xargs <<<"$version")"
  if ! out="$("$resolve" --no-build "$image" 2>&1)"; then
    bad "$image: resolve failed: $out"
    continue
  fi
  got="$(field "$out" family)|$(field "$out" repository)|$(field "$out" tag)|$(field "$out" version)"
  if [[ "$got" == "$family|$repo|$tag|$version" ]]; then ok; else bad "$image: got $got, want $family|$repo|$tag|$version"; fi
done <<<"$table"

# Refusals: exit status 1 and a message naming the problem.
refuse() { # IMAGE REGEX
  local out rc
  out="$("$resolve" --no-build "$1" 2>&1)"; rc=$?
  if [[ $rc -eq 1 ]] && grep -Eq "$2" <<<"$out"; then ok; else bad "$1: want exit 1 with /$2/, got $rc: $out"; fi
}
refuse nginx:1.27 "no image emulation for 'nginx'"
refuse quay.io/strimzi/kafka:0.45.0-kafka-3.9.0 "no image emulation for 'strimzi/kafka'"
refuse apache/kafka:edge "tag 'edge' of apache/kafka does not name a version"
refuse bitnami/kafka:3.7 "no release known for '3.7'"
refuse confluentinc/cp-kafka:5.5.0 "no release known for '5.5'"
out="$("$resolve" --no-build 2>&1)"; rc=$?
if [[ $rc -eq 2 ]]; then ok; else bad "no argument: want usage exit 2, got $rc"; fi

# Templates: distributions under the cache, repository paths under the images directory, the
# version in env values; mounts parents first.
out="$("$resolve" --no-build bitnami/kafka:3.9.1)"
if grep -q "\"/opt/bitnami/kafka\": \"/cache-for-tests/kafka-3.9.1/home\"" <<<"$out"; then ok; else bad "kafka_home template: $out"; fi
if grep -q "\"/opt/bitnami/scripts\": \"$here/bitnami-kafka/scripts\"" <<<"$out"; then ok; else bad "images template: $out"; fi
if grep -q '"APP_VERSION": "3.9.1"' <<<"$out"; then ok; else bad "version template: $out"; fi
out="$("$resolve" --no-build zookeeper:3.8.4)"
if grep -q "\"/conf\": \"/cache-for-tests/zookeeper-3.8.4/home/conf\"" <<<"$out"; then ok; else bad "zookeeper_home template: $out"; fi
mounts="$(sed -nE 's/^  "mounts": \{(.*)\},$/\1/p' <<<"$("$resolve" --no-build confluentinc/cp-kafka:7.9.1)")"
first_etc="$(grep -o '"/etc/kafka"' <<<"$mounts" | head -1)"
if [[ -n "$first_etc" && "${mounts%%\"/etc/kafka/secrets\"*}" == *'"/etc/kafka"'* ]]; then ok; else bad "mount order (parent before child): $mounts"; fi

# The --shell form evaluates to the same data.
if eval "$("$resolve" --no-build --shell wurstmeister/kafka:2.13-2.8.1)" &&
  [[ "$R_FAMILY" == wurstmeister-kafka && "$R_VERSION" == 2.8.1 && "${R_CMD[0]}" == start-kafka.sh &&
     " ${R_ENV[*]} " == *" KAFKA_VERSION=2.8.1 "* && "${R_MOUNTS[0]}" == /kafka ]]; then ok
else bad "--shell: family=${R_FAMILY:-} version=${R_VERSION:-} cmd=${R_CMD[*]:-} mounts=${R_MOUNTS[*]:-}"; fi

# Catalog errors are reported, not guessed around.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '[{"match": "x/y", "family": "f"' >"$tmp/truncated.json"
printf '[{"match": "x/y"} oops]' >"$tmp/garbage.json"
printf '{"match": "x/y"}' >"$tmp/object.json"
printf '[{"match": "x/y", "family": "f"}]' >"$tmp/missing.json"
printf '[{"match":"x/y","family":"f","version_from_tag":null,"default_version":"1.0.0","entrypoint":[],"cmd":["run"],"mounts":{"/a":"{nope}"},"env":{},"path":"/bin"}]' >"$tmp/template.json"
for case in "truncated:expected" "garbage:not valid JSON" "object:must be a list" "missing:has no \"default_version\"" "template:unknown template"; do
  file="${case%%:*}" want="${case#*:}"
  out="$("$resolve" --no-build --catalog "$tmp/$file.json" x/y 2>&1)"; rc=$?
  if [[ $rc -ne 0 ]] && grep -q -- "$want" <<<"$out"; then ok; else bad "catalog $file: want /$want/, got $rc: $out"; fi
done

echo "resolve tests: $((checks - failures)) of $checks passed"
((failures == 0))
