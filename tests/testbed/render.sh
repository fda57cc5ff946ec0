#!/usr/bin/env bash
# render.sh SHAPE NAMESPACE [BROKERS] [--node-address IP] [--lb-address ID=IP]... [--only services]
#           [--node-port-base PORT]
# Prints the manifests of a testbed cluster SHAPE (tests/manifests) as they are applied to
# NAMESPACE with BROKERS brokers: the broker StatefulSet's replicas, the replication settings that
# must fit the broker count (replication factor min(BROKERS,3), min ISR one less, at least 1), and
# the values only the target cluster knows (node address, load-balancer addresses, namespace of
# the seeds that name theirs). Nothing else of the manifests changes.
# Shapes:   default [3]          1 KRaft controller + N brokers, apache/kafka 4.1.1 (TLS, SASL_SSL)
#           default-zk [3]       ZooKeeper (zookeeper:3.8.4) + N brokers, cp-kafka 7.9.1 (Kafka 3.9.1)
#           seed-000 [1]         seeds/000: ZooKeeper + N wurstmeister/kafka 2.8.1 Deployments, each
#                                behind its LoadBalancer Service (--lb-address ID=IP per broker id)
#           seed-001 [3]         seeds/001: 3-node ZooKeeper + N brokers (Kafka 3.5.2), NodePorts
#                                30127+ordinal advertised at --node-address
#           bitnami-combined     seeds/bitnami-combined: 3 combined controller+broker nodes (3.9.1)
#           nodeport [3]         shape (a): one listener advertised as node address:NodePort
#           loadbalancer [3]     shape (b): INTERNAL + EXTERNAL, EXTERNAL behind LoadBalancers
#                                (--lb-address ID=IP per broker ordinal)
#           fqdn-tls [3]         shape (c): pod FQDNs, TLS (certificate = FQDN only), SASL_SSL SCRAM
#           racks [6]            3 KRaft controllers + N brokers over the zones (apache/kafka 4.1.1)
# --only services prints only the Services (to learn load-balancer addresses before the brokers).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
manifests="$here/../manifests"

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 2 ]] || usage
shape="$1" ns="$2"; shift 2
brokers=""
if [[ $# -gt 0 && "$1" != --* ]]; then brokers="$1"; shift; fi
node_address="127.0.200.1" only=all node_port_base=30120
declare -A lb=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --node-address) node_address="${2:?}"; shift 2 ;;
    --lb-address) lb[${2%%=*}]="${2#*=}"; shift 2 ;;
    --only) only="${2:?}"; shift 2 ;;
    --node-port-base) node_port_base="${2:?}"; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$ns" =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]] || { echo "not a namespace name: '$ns'" >&2; exit 2; }
default_brokers() { [[ -n "$brokers" ]] || brokers="$1"; }

# size N: the replication settings (env values and properties lines) for N brokers.
size() {
  local n="$1" rf isr
  rf=$((n < 3 ? n : 3)); isr=$((rf > 1 ? rf - 1 : 1))
  awk -v rf="$rf" -v isr="$isr" '
    set != "" && /^ *value:/ { sub(/value: .*/, "value: \"" set "\""); print; set = ""; next }
    { set = "" }
    /name: KAFKA_(CFG_)?(DEFAULT_REPLICATION_FACTOR|OFFSETS_TOPIC_REPLICATION_FACTOR|TRANSACTION_STATE_LOG_REPLICATION_FACTOR)$/ { set = rf }
    /name: KAFKA_(CFG_)?(MIN_INSYNC_REPLICAS|TRANSACTION_STATE_LOG_MIN_ISR)$/ { set = isr }
    /^ *(default\.replication\.factor|offsets\.topic\.replication\.factor|transaction\.state\.log\.replication\.factor)=/ { sub(/=.*/, "=" rf) }
    /^ *(min\.insync\.replicas|transaction\.state\.log\.min\.isr)=/ { sub(/=.*/, "=" isr) }
    { print }'
}

# replicas KIND NAME N: sets spec.replicas of one workload (documents tracked by kind and name).
replicas() {
  awk -v kind="$1" -v name="$2" -v n="$3" '
    /^---/ { k = ""; nm = ""; inmeta = 0 }
    /^kind: / { k = $2 }
    /^metadata:/ { inmeta = 1; next_line_name = 1 }
    inmeta && /^  name: / && nm == "" { nm = $2 }
    /^spec:/ { inmeta = 0 }
    k == kind && nm == name && /^  replicas: [0-9]+/ { sub(/replicas: [0-9]+/, "replicas: " n) }
    { print }'
}

# docs_filter keep|drop REGEX: keeps (or drops) the YAML documents whose text matches REGEX.
docs_filter() {
  awk -v mode="$1" -v re="$2" '
    function flush() { if (doc != "") { m = (doc ~ re); if ((mode == "keep") == m) printf "---%s\n", doc }; doc = "" }
    /^---/ { flush(); next } { doc = doc "\n" $0 } END { flush() }'
}
services_only() { docs_filter keep '\nkind: Service\n'; }
emit() { if [[ "$only" == services ]]; then services_only; else cat; fi; }

# per_broker_services PREFIX COUNT TYPE PORT [NODE_PORT_BASE]: one Service per broker ordinal,
# selecting its pod by the label the StatefulSet controller sets.
per_broker_services() {
  local prefix="$1" count="$2" type="$3" port="$4" base="${5:-}" i
  for ((i = 0; i < count; i++)); do
    printf '%s\n' "---" "apiVersion: v1" "kind: Service" "metadata:" "  name: $prefix-$i" "  labels:" \
      "    app.kubernetes.io/name: kafka" "    app.kubernetes.io/instance: kafka" \
      "    app.kubernetes.io/component: broker" "spec:" "  type: $type" "  selector:" \
      "    statefulset.kubernetes.io/pod-name: kafka-$i" "  ports:" "    - name: kafka" \
      "      port: $port" "      targetPort: $port"
    [[ -n "$base" ]] && echo "      nodePort: $((base + i))"
  done
  return 0
}

case "$shape" in
  default)
    default_brokers 3
    { cat "$manifests/kafka-controller.yaml"; echo "---"; cat "$manifests/kafka.yaml"; } |
      replicas StatefulSet kafka "$brokers" | size "$brokers" | emit
    ;;
  default-zk)
    default_brokers 3
    { cat "$manifests/zookeeper.yaml"; echo "---"; cat "$manifests/kafka-zk.yaml"; } |
      replicas StatefulSet kafka "$brokers" | size "$brokers" | emit
    ;;
  seed-000)
    default_brokers 1
    f="$manifests/seeds/000-wurstmeister-loadbalancer.yaml"
    # ZooKeeper as written; then the broker Deployment and its Service, cloned per broker id.
    awk '/^---/ { n++ } n <= 2' "$f" | emit
    for ((id = 0; id < brokers; id++)); do
      svc="kafka-service"; ((id == 0)) || svc="kafka-service-$id"
      addr="${lb[$id]:-198.51.100.0}"
      echo "---"
      awk '/^---/ { n++ } n == 3 && !/^---/' "$f" |
        sed -e "s/^  name: kafka-service\$/  name: $svc/" -e "s/^    id: \"0\"/    id: \"$id\"/"
      echo "---"
      awk '/^---/ { n++ } n == 4 && !/^---/' "$f" |
        sed -e "s/^  name: kafka-broker0\$/  name: kafka-broker$id/" \
            -e "s/^\( *\)id: \"0\"/\1id: \"$id\"/" \
            -e "/name: KAFKA_BROKER_ID/{n;s/value: \"0\"/value: \"$id\"/}" \
            -e "s/value: 198\.51\.100\.0/value: $addr/"
    done | emit
    ;;
  seed-001)
    default_brokers 3
    f="$manifests/seeds/001-statefulset-nodeport.yaml"
    # Everything into NAMESPACE (the article puts ZooKeeper in default and Kafka in kafka); the
    # node address; one NodePort Service per broker (30127 + ordinal) instead of the three.
    sed -e "s/^  namespace: kafka\$/  namespace: $ns/" \
        -e "s/\.zk-hs\.default\.svc\.cluster\.local/.zk-hs.$ns.svc.cluster.local/g" \
        -e "s/127\.0\.200\.1:/$node_address:/" "$f" |
      docs_filter drop 'name: kafka-cs-[0-9]+' | replicas StatefulSet kafka "$brokers" | emit
    for ((i = 0; i < brokers; i++)); do
      docs_filter keep 'name: kafka-cs-0\n' <"$f" |
        sed -e "s/^  namespace: kafka\$/  namespace: $ns/" -e "s/kafka-cs-0/kafka-cs-$i/" \
            -e "s/nodePort: 30127/nodePort: $((30127 + i))/" -e "s/pod-name: kafka-0/pod-name: kafka-$i/"
    done | emit
    ;;
  bitnami-combined)
    cat "$manifests/seeds/bitnami-combined.yaml" | emit
    ;;
  fqdn-tls)
    default_brokers 3
    replicas StatefulSet kafka-broker "$brokers" <"$manifests/shapes/c-fqdn-tls.yaml" | size "$brokers" | emit
    ;;
  nodeport)
    default_brokers 3
    sed "s/value: \"30120\"/value: \"$node_port_base\"/" "$manifests/shapes/a-nodeport.yaml" |
      replicas StatefulSet kafka "$brokers" | size "$brokers" | emit
    per_broker_services kafka-nodeport $((brokers + 3)) NodePort 9092 "$node_port_base"
    ;;
  loadbalancer)
    default_brokers 3
    list=""
    for ((i = 0; i < brokers + 3; i++)); do list+="${lb[$i]:-},"; done
    sed "s/value: \"set-by-deploy\"/value: \"${list%,}\"/" "$manifests/shapes/b-loadbalancer.yaml" |
      replicas StatefulSet kafka "$brokers" | size "$brokers" | emit
    per_broker_services kafka-external $((brokers + 3)) LoadBalancer 9094
    ;;
  racks)
    default_brokers 6
    replicas StatefulSet kafka "$brokers" <"$manifests/kafka-racks.yaml" | size "$brokers" | emit
    ;;
  *) echo "unknown shape '$shape'" >&2; usage ;;
esac
