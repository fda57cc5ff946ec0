#!/usr/bin/env bash
# Unit tests of render.sh: every shape renders to valid Kubernetes objects (parsed offline with
# the cached kubectl, `label --local`) with the replicas, replication settings, per-broker
# Services, addresses and namespaces deploy.sh relies on. Needs kubectl (build-k8s.sh caches
# it) and jq; no cluster. Exits non-zero when a check fails or a tool is missing.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
KUBECTL="${KUBECTL:-${KAFKA_TESTBED_CACHE:-$HOME/.cache/kubectl-kafka-testbed}/k8s-$K8S_VERSION/bin/kubectl}"
[[ -x "$KUBECTL" ]] || { echo "render tests need kubectl at $KUBECTL (tests/testbed/build-k8s.sh)" >&2; exit 1; }
command -v jq >/dev/null || { echo "render tests need jq (apt-get install jq)" >&2; exit 1; }
checks=0 failures=0
expect() { # DESCRIPTION WANT GOT
  checks=$((checks + 1))
  if [[ "$2" == "$3" ]]; then return 0; fi
  failures=$((failures + 1)); echo "FAIL: $1: want '$2', got '$3'"
}
objects() { # render args... -> the objects as one JSON array (fails on a parse error)
  local yaml
  yaml="$("$here/render.sh" "$@")" || return 1
  KUBECONFIG=/dev/null "$KUBECTL" label --local -f - lab.testbed/parsed=1 -o json <<<"$yaml" 2>/dev/null | jq -s .
}
q() { jq -r "$1" <<<"$2"; }
envval() { # OBJECTS WORKLOAD ENV_NAME
  jq -r --arg w "$2" --arg e "$3" '.[] | select(.metadata.name==$w and (.kind=="StatefulSet" or .kind=="Deployment"))
    | .spec.template.spec.containers[0].env[] | select(.name==$e) | .value' <<<"$1"
}

# default: replicas and replication settings fit the broker count.
o="$(objects default ns1 1)" || { echo "FAIL: default does not render"; exit 1; }
expect "default 1: brokers" 1 "$(q '.[] | select(.kind=="StatefulSet" and .metadata.name=="kafka") | .spec.replicas' "$o")"
expect "default 1: RF" 1 "$(envval "$o" kafka KAFKA_DEFAULT_REPLICATION_FACTOR)"
expect "default 1: min ISR" 1 "$(envval "$o" kafka KAFKA_MIN_INSYNC_REPLICAS)"
o="$(objects default ns1 4)"
expect "default 4: brokers" 4 "$(q '.[] | select(.kind=="StatefulSet" and .metadata.name=="kafka") | .spec.replicas' "$o")"
expect "default 4: controllers" 1 "$(q '.[] | select(.kind=="StatefulSet" and .metadata.name=="kafka-controller") | .spec.replicas' "$o")"
expect "default 4: RF" 3 "$(envval "$o" kafka KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR)"
expect "default 4: min ISR" 2 "$(envval "$o" kafka KAFKA_TRANSACTION_STATE_LOG_MIN_ISR)"
expect "default: image" "apache/kafka:4.1.1" "$(q '.[] | select(.metadata.name=="kafka" and .kind=="StatefulSet") | .spec.template.spec.containers[0].image' "$o")"
o="$(objects default-zk ns1 2)"
expect "default-zk 2: RF" 2 "$(envval "$o" kafka KAFKA_DEFAULT_REPLICATION_FACTOR)"
expect "default-zk: image" "confluentinc/cp-kafka:7.9.1" "$(q '.[] | select(.metadata.name=="kafka" and .kind=="StatefulSet") | .spec.template.spec.containers[0].image' "$o")"

# seed-000: one Deployment and LoadBalancer Service per broker id, each advertising its address.
o="$(objects seed-000 ns1 2 --lb-address 0=127.0.200.50 --lb-address 1=127.0.200.51)"
expect "seed-000: deployments" "kafka-broker0 kafka-broker1 zookeeper-deployment-1" "$(q '[.[] | select(.kind=="Deployment") | .metadata.name] | sort | join(" ")' "$o")"
expect "seed-000: broker 1 id" 1 "$(envval "$o" kafka-broker1 KAFKA_BROKER_ID)"
expect "seed-000: broker 1 advertised host" 127.0.200.51 "$(envval "$o" kafka-broker1 KAFKA_ADVERTISED_HOST_NAME)"
expect "seed-000: broker 1 labels" '1' "$(q '.[] | select(.metadata.name=="kafka-broker1") | .spec.template.metadata.labels.id' "$o")"
expect "seed-000: service 1 selects id 1" "LoadBalancer 1" "$(q '.[] | select(.metadata.name=="kafka-service-1") | "\(.spec.type) \(.spec.selector.id)"' "$o")"
expect "seed-000: the topics env as written" "steven-test:1:1" "$(envval "$o" kafka-broker0 KAFKA_CREATE_TOPICS)"
o="$(objects seed-000 ns1 2 --only services)"
expect "seed-000 --only services" "Service Service Service" "$(q '[.[].kind] | join(" ")' "$o")"

# seed-001: everything in the target namespace, the node address, a NodePort per broker.
o="$(objects seed-001 ns9 4 --node-address 127.0.210.1)"
expect "seed-001: namespaces" "ns9" "$(q '[.[] | .metadata.namespace // "ns9"] | unique | join(" ")' "$o")"
cmd="$(q '.[] | select(.kind=="StatefulSet" and .metadata.name=="kafka") | .spec.template.spec.containers[0].command[2]' "$o")"
expect "seed-001: advertised node address" 1 "$(grep -c 'advertised.listeners=PLAINTEXT://127.0.210.1:\$((\${HOSTNAME##\*-}+30127))' <<<"$cmd")"
expect "seed-001: zookeeper in the namespace" 1 "$(grep -c 'zookeeper.connect=zk-0.zk-hs.ns9.svc.cluster.local:2181,' <<<"$cmd")"
expect "seed-001: node ports" "30127 30128 30129 30130" "$(q '[.[] | select(.kind=="Service" and .spec.type=="NodePort") | .spec.ports[0].nodePort] | sort | map(tostring) | join(" ")' "$o")"
expect "seed-001: brokers" 4 "$(q '.[] | select(.kind=="StatefulSet" and .metadata.name=="kafka") | .spec.replicas' "$o")"
expect "seed-001: zookeeper as written" 3 "$(q '.[] | select(.kind=="StatefulSet" and .metadata.name=="zk") | .spec.replicas' "$o")"
expect "seed-001: PDB" "policy/v1" "$(q '.[] | select(.kind=="PodDisruptionBudget") | .apiVersion' "$o")"

# shapes (a) and (b): per-broker Services with room to scale out.
o="$(objects nodeport ns1 2)"
expect "nodeport: node ports" "30120 30121 30122 30123 30124" "$(q '[.[] | select(.spec.type=="NodePort") | .spec.ports[0].nodePort] | sort | map(tostring) | join(" ")' "$o")"
o="$(objects nodeport ns1 2 --node-port-base 31000)"
expect "nodeport: base moved" "31000 31004" "$(q '[.[] | select(.spec.type=="NodePort") | .spec.ports[0].nodePort] | sort | "\(.[0]) \(.[-1])"' "$o")"
expect "nodeport: brokers told the base" 31000 "$(envval "$o" kafka NODE_PORT_BASE)"
o="$(objects loadbalancer ns1 2 --lb-address 0=127.0.200.60 --lb-address 1=127.0.200.61)"
expect "loadbalancer: services" 5 "$(q '[.[] | select(.spec.type=="LoadBalancer")] | length' "$o")"
expect "loadbalancer: addresses by ordinal" "127.0.200.60,127.0.200.61,,," "$(envval "$o" kafka EXTERNAL_ACCESS_HOSTS_LIST)"
expect "loadbalancer: image" "confluentinc/cp-kafka:8.1.0" "$(q '.[] | select(.metadata.name=="kafka" and .kind=="StatefulSet") | .spec.template.spec.containers[0].image' "$o")"

# shape (c), the bitnami chart shapes and the racks cluster.
o="$(objects fqdn-tls ns1 5)"
expect "fqdn-tls: brokers" 5 "$(q '.[] | select(.kind=="StatefulSet" and .metadata.name=="kafka-broker") | .spec.replicas' "$o")"
expect "fqdn-tls: broker ids from 100" 100 "$(q '.[] | select(.kind=="StatefulSet" and .metadata.name=="kafka-broker") | .spec.template.spec.initContainers[0].env[] | select(.name=="KAFKA_MIN_ID") | .value' "$o")"
expect "fqdn-tls: RF in the properties" 1 "$(q '.[] | select(.metadata.name=="kafka-broker-configuration") | .data["server.properties"]' "$o" | grep -c '^default.replication.factor=3$')"
o="$(objects fqdn-tls ns1 1)"
expect "fqdn-tls 1: min ISR in the properties" 1 "$(q '.[] | select(.metadata.name=="kafka-broker-configuration") | .data["server.properties"]' "$o" | grep -c '^min.insync.replicas=1$')"
o="$(objects bitnami-combined ns1)"
expect "bitnami-combined: combined nodes" "3 controller,broker" "$(q '.[] | select(.kind=="StatefulSet") | .spec.replicas' "$o") $(q '.[] | select(.metadata.name=="kafka-controller-configuration") | .data["server.properties"]' "$o" | sed -n 's/^process.roles=//p')"
o="$(objects racks ns1)"
expect "racks: brokers, controllers" "6 3" "$(q '.[] | select(.kind=="StatefulSet" and .metadata.name=="kafka") | .spec.replicas' "$o") $(q '.[] | select(.kind=="StatefulSet" and .metadata.name=="kafka-controller") | .spec.replicas' "$o")"
expect "racks: 3 voters" 3 "$(envval "$o" kafka KAFKA_CONTROLLER_QUORUM_VOTERS | tr ',' '\n' | grep -c '@')"
expect "racks: a zone may be down" 2 "$(q '.[] | select(.kind=="PodDisruptionBudget") | .spec.maxUnavailable' "$o")"

# Refusals.
"$here/render.sh" nope ns1 >/dev/null 2>&1; expect "unknown shape" 2 "$?"
"$here/render.sh" default Bad_Namespace >/dev/null 2>&1; expect "bad namespace" 2 "$?"

echo "render tests: $((checks - failures)) of $checks passed"
((failures == 0))
