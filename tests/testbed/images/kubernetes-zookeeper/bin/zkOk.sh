#!/usr/bin/env bash
# zkOk.sh [PORT]: the same check under the name older manifests of this image use.
# kubernetes-zookeeper image's readiness and liveness check; it used nc, this uses bash).
port="${1:-2181}"
exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || exit 1
printf 'ruok' >&3
ok="$(timeout 5 cat <&3)"
exec 3>&-
[[ "$ok" == imok ]]
