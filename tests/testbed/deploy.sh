#!/usr/bin/env bash
# deploy.sh SHAPE NAMESPACE [BROKERS] [--no-wait]
# Deploys a Kafka cluster SHAPE (see render.sh: default, default-zk, seed-000, seed-001,
# bitnami-combined, nodeport, loadbalancer, fqdn-tls, racks) into NAMESPACE on the running
# testbed: creates the namespace and the Secrets the shape mounts (testbed PKI in $TB/pki/kafka),
# learns the addresses only the cluster knows (node address, load-balancer ingress addresses of
# the shape's Services), applies the rendered manifests, waits until every workload is rolled out
# and every broker is registered, creates the SCRAM user where the image has no other way, and
# prints how to reach it, as shell assignments (also kept in $TB/clusters/NAMESPACE/env):
#   KAFKA_BOOTSTRAP            the shape's primary bootstrap (advertised addresses where the
#                              shape advertises node/LB addresses, else the pods' PLAINTEXT)
#   KAFKA_POD_BOOTSTRAP        pod IP:container port of every broker's first listener
#   KAFKA_VERSION              the brokers' Kafka release (for tests/testbed/kafka-tool.sh)
#   KAFKA_HOSTS_FILE           advertised pod FQDN -> pod IP (shapes advertising FQDNs)
#   KAFKA_TLS_BOOTSTRAP, KAFKA_TLS_COMMAND_CONFIG          TLS listener (one address: the first
#                                                          broker's), client properties
#   KAFKA_SECURE_BOOTSTRAP, KAFKA_COMMAND_CONFIG           SASL_SSL SCRAM-SHA-512 listener (one
#                                                          address), client properties
# --no-wait applies and returns. Exit 1 when something does not come up (with what and where).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 2 ]] || usage
shape="$1" ns="$2"; shift 2
brokers="" wait=1
for a in "$@"; do
  case "$a" in
    --no-wait) wait=0 ;;
    [0-9]*) brokers="$a" ;;
    *) usage ;;
  esac
done
case "$shape" in
  default|default-zk|seed-001|nodeport|loadbalancer|fqdn-tls) brokers="${brokers:-3}" ;;
  seed-000) brokers="${brokers:-1}" ;;
  racks) brokers="${brokers:-6}" ;;
  bitnami-combined) [[ -z "$brokers" || "$brokers" == 3 ]] || { echo "bitnami-combined has 3 nodes" >&2; exit 2; }; brokers=3 ;;
  *) echo "unknown shape '$shape'" >&2; usage ;;
esac
[[ "$brokers" =~ ^[0-9]+$ && "$brokers" -ge 1 ]] || { echo "BROKERS must be a positive number" >&2; exit 2; }
[[ -f "$TB/env" ]] || { echo "testbed not running: run tests/testbed/up.sh" >&2; exit 1; }
source "$TB/env"
k() { "$KUBECTL" "$@"; }
images="$TESTBED_SRC/images"
pki="$TB/pki/kafka"
out="$TB/clusters/$ns"
mkdir -p "$out"

k get namespace "$ns" >/dev/null 2>&1 || k create namespace "$ns" >/dev/null

secret_from_dir() { # NAME DIR
  k create secret generic "$1" -n "$ns" --from-file="$2" --dry-run=client -o yaml | k apply -f - >/dev/null
}
case "$shape" in
  default)
    "$images/cluster-secrets.sh" "$pki" "$out/secret-kafka-tls" apache-tls "$ns"
    secret_from_dir kafka-tls "$out/secret-kafka-tls"
    ;;
  fqdn-tls)
    "$images/cluster-secrets.sh" "$pki" "$out/secret-kafka-tls" bitnami-tls "$ns" "$brokers"
    "$images/cluster-secrets.sh" "$pki" "$out/secret-users" users "$ns"
    secret_from_dir kafka-tls "$out/secret-kafka-tls"
    secret_from_dir kafka-user-passwords "$out/secret-users"
    ;;
esac

render=("$here/render.sh" "$shape" "$ns" "$brokers")
case "$shape" in
  seed-001)
    node="$(k get nodes -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')"
    [[ -n "$node" ]] || { echo "no node reports an InternalIP address" >&2; exit 1; }
    render+=(--node-address "$node")
    ;;
  seed-000|loadbalancer)
    # As the article does by hand: create the load balancers first, read their addresses.
    "${render[@]}" --only services | k apply -n "$ns" -f - >/dev/null
    if [[ "$shape" == seed-000 ]]; then count="$brokers"; else count=$((brokers + 3)); fi
    for ((i = 0; i < count; i++)); do
      if [[ "$shape" == seed-000 ]]; then svc=kafka-service; ((i == 0)) || svc="kafka-service-$i"; else svc="kafka-external-$i"; fi
      deadline=$((SECONDS + 90)) addr=""
      until addr="$(k get service "$svc" -n "$ns" -o jsonpath='{.status.loadBalancer.ingress[0].ip}' 2>/dev/null)" && [[ -n "$addr" ]]; do
        ((SECONDS < deadline)) || { echo "LoadBalancer Service $ns/$svc got no ingress address in 90s (is the load-balancer stand-in running?)" >&2; exit 1; }
        sleep 1
      done
      render+=(--lb-address "$i=$addr")
    done
    ;;
esac
"${render[@]}" >"$out/manifests.yaml"
k apply -n "$ns" -f "$out/manifests.yaml" >/dev/null
log "applied $shape ($brokers brokers) in namespace $ns"
((wait)) || exit 0

# Every workload rolled out (StatefulSet pods come up one after another where OrderedReady).
while read -r kind name; do
  [[ -n "$kind" ]] || continue
  if ! k rollout status -n "$ns" "${kind,,}/$name" --timeout=600s >/dev/null; then
    echo "$kind $ns/$name did not roll out within 600s; pods:" >&2
    k get pods -n "$ns" -o wide >&2 || true
    exit 1
  fi
done < <(awk '/^---/ { k = "" } /^kind: (StatefulSet|Deployment)$/ { k = $2 } k != "" && /^  name: / { print k, $2; k = "" }' "$out/manifests.yaml")

# Where the brokers are, and what they advertise.
pods_json() { k get pods -n "$ns" -o jsonpath="{range .items[*]}{.metadata.name} {.status.podIP} {.spec.subdomain}{\"\\n\"}{end}"; }
broker_pods() {
  case "$shape" in
    default|default-zk|seed-001|nodeport|loadbalancer|racks) pods_json | awk '$1 ~ /^kafka-[0-9]+$/' ;;
    fqdn-tls) pods_json | awk '$1 ~ /^kafka-broker-[0-9]+$/' ;;
    bitnami-combined) pods_json | awk '$1 ~ /^kafka-controller-[0-9]+$/' ;;
    seed-000) pods_json | awk '$1 ~ /^kafka-broker[0-9]+-/' ;;
  esac
}
join() { local IFS=,; echo "$*"; }
pod_bs=() fqdn_bs=() hosts=()
while read -r pod ip sub; do
  [[ -n "$ip" ]] || continue
  pod_bs+=("$ip:9092")
  if [[ -n "$sub" ]]; then
    fqdn="$pod.$sub.$ns.svc.cluster.local"
    fqdn_bs+=("$fqdn")
    hosts+=("$ip $fqdn $pod.$sub.$ns.svc $pod.$sub")
  fi
done < <(broker_pods)
((${#pod_bs[@]} >= brokers)) || { echo "found ${#pod_bs[@]} broker pods with an IP in $ns, expected $brokers" >&2; exit 1; }
printf '%s\n' "${hosts[@]}" >"$out/hosts"

version="$(awk '/^ *image: /{print $2}' "$out/manifests.yaml" | grep -E 'kafka' | head -n1 | tr -d '"')"
version="$("$TESTBED_SRC/images/resolve" --no-build "$version" | sed -nE 's/^  "version": "(.*)",$/\1/p')"

env_lines=("KAFKA_VERSION=$version" "KAFKA_POD_BOOTSTRAP=$(join "${pod_bs[@]}")" "KAFKA_HOSTS_FILE=$out/hosts")
case "$shape" in
  default|default-zk|racks) env_lines+=("KAFKA_BOOTSTRAP=$(join "${pod_bs[@]}")") ;;
  bitnami-combined) env_lines+=("KAFKA_BOOTSTRAP=$(join "${fqdn_bs[@]/%/:9092}")") ;;
  fqdn-tls) env_lines+=("KAFKA_BOOTSTRAP=$(join "${fqdn_bs[@]/%/:9092}")") ;;
  nodeport)
    list=(); while read -r pod ip sub; do
      host="$(k get pod "$pod" -n "$ns" -o jsonpath='{.status.hostIP}')"; list+=("$host:$((30120 + ${pod##*-}))")
    done < <(broker_pods)
    env_lines+=("KAFKA_BOOTSTRAP=$(join "${list[@]}")") ;;
  seed-001)
    list=(); for ((i = 0; i < brokers; i++)); do list+=("$node:$((30127 + i))"); done
    env_lines+=("KAFKA_BOOTSTRAP=$(join "${list[@]}")") ;;
  seed-000|loadbalancer)
    list=()
    for ((i = 0; i < brokers; i++)); do
      if [[ "$shape" == seed-000 ]]; then svc=kafka-service; ((i == 0)) || svc="kafka-service-$i"; port=9092; else svc="kafka-external-$i"; port=9094; fi
      list+=("$(k get service "$svc" -n "$ns" -o jsonpath='{.status.loadBalancer.ingress[0].ip}'):$port")
    done
    env_lines+=("KAFKA_BOOTSTRAP=$(join "${list[@]}")") ;;
esac

# Secured listeners: client properties, and the SCRAM user where the image has no other way.
case "$shape" in
  default)
    "$images/pki.sh" client-config "$pki" "$out/tls.properties" --tls
    "$images/pki.sh" client-config "$pki" "$out/sasl-ssl.properties" --sasl-ssl testbed
    # The default cluster advertises pod IPs; its certificate names the pods' DNS names.
    for f in tls sasl-ssl; do echo "ssl.endpoint.identification.algorithm=" >>"$out/$f.properties"; done
    KAFKA_VERSION="$version" "$TESTBED_SRC/kafka-tool.sh" kafka-configs --bootstrap-server "$(join "${pod_bs[@]}")" \
      --alter --entity-type users --entity-name testbed \
      --add-config "SCRAM-SHA-512=[password=$("$images/pki.sh" user "$pki" testbed)]" >/dev/null
    first="${pod_bs[0]%:9092}"
    env_lines+=("KAFKA_TLS_BOOTSTRAP=$first:9094" "KAFKA_TLS_COMMAND_CONFIG=$out/tls.properties"
      "KAFKA_SECURE_BOOTSTRAP=$first:9095" "KAFKA_COMMAND_CONFIG=$out/sasl-ssl.properties")
    ;;
  fqdn-tls)
    "$images/pki.sh" client-config "$pki" "$out/tls.properties" --tls
    "$images/pki.sh" client-config "$pki" "$out/sasl-ssl.properties" --sasl-ssl testbed
    env_lines+=("KAFKA_TLS_BOOTSTRAP=${fqdn_bs[0]}:9095" "KAFKA_TLS_COMMAND_CONFIG=$out/tls.properties"
      "KAFKA_SECURE_BOOTSTRAP=${fqdn_bs[0]}:9096" "KAFKA_COMMAND_CONFIG=$out/sasl-ssl.properties")
    ;;
esac

# Every broker registered, seen through the bootstrap with the CLI of the brokers' release.
bootstrap=""
for l in "${env_lines[@]}"; do [[ "$l" == KAFKA_BOOTSTRAP=* ]] && bootstrap="${l#*=}"; done
deadline=$((SECONDS + 240)) n=0
while :; do
  n="$(KAFKA_VERSION="$version" KAFKA_TOOL_HOSTS_FILE="$out/hosts" "$TESTBED_SRC/kafka-tool.sh" \
    kafka-broker-api-versions --bootstrap-server "$bootstrap" 2>/dev/null | grep -c '(id: ' || true)"
  ((n >= brokers)) && break
  if ((SECONDS >= deadline)); then
    echo "only $n of $brokers brokers answered through $bootstrap in namespace $ns after 240s" >&2
    exit 1
  fi
  sleep 2
done
log "namespace $ns: $brokers brokers registered; bootstrap $bootstrap"
: >"$out/env"
for l in "${env_lines[@]}"; do printf "export %s='%s'\n" "${l%%=*}" "${l#*=}" | tee -a "$out/env"; done
