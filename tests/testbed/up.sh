#!/usr/bin/env bash
# Brings the local testbed up (idempotent; also after a crash or a half-finished run): etcd,
# kube-apiserver, kube-controller-manager, the host network (pod bridge, outside namespace), the
# API server's outside relay, the node agent (kubelet stand-in: pods in network namespaces as
# mini containers, kube-proxy and load-balancer stand-ins), then a Kafka cluster in namespace
# `kafka` (1 KRaft controller + 3 brokers; KAFKA_TESTBED_MODE=zookeeper: Kafka 3.9 + 1 ZooKeeper +
# 3 brokers). State lives in <repo>/.testbed (KAFKA_TESTBED_DIR); addresses come from lib.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
started=$SECONDS
[[ "$(id -u)" == 0 ]] || { echo "the testbed needs root (network and mount namespaces)" >&2; exit 1; }

ensure_apt_tools openssl:openssl curl:curl unzip:unzip java:openjdk-17-jre-headless ip:iproute2 \
  nsenter:util-linux python3:python3
BIN="$("$TESTBED_SRC/build-k8s.sh")"
KUBECTL="$BIN/kubectl"
KAFKA_LIB="$(KAFKA_VERSION="$KAFKA_VERSION" "$TESTBED_SRC/kafka-lib.sh")"
JAVA="$(command -v java)"

KUBELET_SERVER="$("$TESTBED_SRC/build-kubelet-server.sh")"

log "building the node agent"
(cd "$REPO_ROOT" && cargo build -q -p node-agent)
AGENT="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/debug/node-agent"
[[ "$AGENT" = /* ]] || AGENT="$REPO_ROOT/$AGENT"

mkdir -p "$TB"/{pki,logs,data,pids,agent}
pki="$TB/pki"

# The addresses live in etcd (Service IPs, pod IPs): a state dir made with others cannot be reused.
layout="pods=$POD_CIDR services=$SERVICE_CIDR lb=$LB_POOL nodes=$NODE_IPS outside=$OUTSIDE_CIDR slot=$SLOT"
if [[ -d "$TB/data/etcd" && -f "$TB/addresses" && "$(cat "$TB/addresses")" != "$layout" ]] ||
   [[ -d "$TB/data/etcd" && ! -f "$TB/addresses" ]]; then
  echo "$TB was created with other addresses ($(cat "$TB/addresses" 2>/dev/null || echo 'an older testbed'))," >&2
  echo "now: $layout. Run tests/testbed/down.sh --purge first." >&2
  exit 2
fi
echo "$layout" >"$TB/addresses"

# --- PKI: a CA, the apiserver serving cert, service-account keys, the admin token ----------
if [[ ! -f "$pki/ca.crt" ]]; then
  log "generating certificates in $pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=testbed-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  echo "$(openssl rand -hex 24),admin,admin-uid,system:masters" >"$pki/tokens.csv"
  chmod 600 "$pki"/*.key "$pki/tokens.csv"
fi
# The serving certificate names every address the API server is reached at: loopback, the
# `kubernetes` Service's ClusterIP and the outside address.
ext="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,IP:$SERVICE_FIRST_IP,IP:$APISERVER_PUBLIC_IP,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
if [[ ! -f "$pki/apiserver.crt" || "$(cat "$pki/apiserver.ext" 2>/dev/null)" != "$ext" ]]; then
  log "issuing the API server certificate"
  echo "$ext" >"$pki/apiserver.ext"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" 2>/dev/null
  openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
    -CAcreateserial -days 3650 -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt" 2>/dev/null
  chmod 600 "$pki/apiserver.key"
  stop_pid kube-apiserver 30
fi
# --- PKI for the kubelet endpoint: its own CA signs the kubelet serving certificate (below, once
# the node addresses are known) and the apiserver's client certificate (clientAuth); the
# apiserver verifies the one, the kubelet server requires the other.
if [[ ! -f "$pki/apiserver-kubelet-client.crt" ]]; then
  log "generating the kubelet CA and the apiserver's kubelet client certificate"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=testbed-kubelet-ca" \
    -keyout "$pki/kubelet-ca.key" -out "$pki/kubelet-ca.crt" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver-kubelet-client" \
    -keyout "$pki/apiserver-kubelet-client.key" -out "$pki/apiserver-kubelet-client.csr" 2>/dev/null
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=clientAuth" >"$pki/apiserver-kubelet-client.ext"
  openssl x509 -req -in "$pki/apiserver-kubelet-client.csr" -CA "$pki/kubelet-ca.crt" -CAkey "$pki/kubelet-ca.key" \
    -CAcreateserial -days 3650 -extfile "$pki/apiserver-kubelet-client.ext" -out "$pki/apiserver-kubelet-client.crt" 2>/dev/null
  chmod 600 "$pki"/*.key
fi
TOKEN="$(cut -d, -f1 "$pki/tokens.csv")"
SERVER="https://127.0.0.1:$APISERVER_PORT"

write_kubeconfig() { # FILE SERVER
  cat >"$1" <<EOF2
apiVersion: v1
kind: Config
clusters:
- name: testbed
  cluster:
    server: $2
    certificate-authority: $pki/ca.crt
users:
- name: admin
  user:
    token: $TOKEN
contexts:
- name: testbed
  context:
    cluster: testbed
    user: admin
    namespace: kafka
current-context: testbed
EOF2
  chmod 600 "$1"
}
write_kubeconfig "$TB/kubeconfig" "$SERVER"
# For the outside namespace: the API server's outside address (tests/testbed/outside.sh).
write_kubeconfig "$TB/kubeconfig-outside" "https://$APISERVER_PUBLIC_IP:$APISERVER_PORT"
export KUBECONFIG="$TB/kubeconfig"

# --- etcd --------------------------------------------------------------------------------------
start_bg etcd "$BIN/etcd" --name testbed --data-dir "$TB/data/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "testbed=http://127.0.0.1:$ETCD_PEER_PORT" --log-level warn \
  --quota-backend-bytes 2147483648 --unsafe-no-fsync
wait_for etcd 60 curl -fsS "http://127.0.0.1:$ETCD_PORT/health"

# --- kube-apiserver ------------------------------------------------------------------------------
start_bg kube-apiserver "$BIN/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$ETCD_PORT" --cert-dir "$pki" \
  --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
  --client-ca-file "$pki/ca.crt" \
  --secure-port "$APISERVER_PORT" --bind-address 127.0.0.1 --advertise-address 127.0.0.1 \
  --service-cluster-ip-range "$SERVICE_CIDR" \
  --authorization-mode RBAC --token-auth-file "$pki/tokens.csv" \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
  --disable-admission-plugins ServiceAccount,StorageObjectInUseProtection \
  --endpoint-reconciler-type none --allow-privileged=true --profiling=false \
  --enable-priority-and-fairness=false --v=1 \
  --kubelet-preferred-address-types InternalIP \
  --kubelet-certificate-authority "$pki/kubelet-ca.crt" \
  --kubelet-client-certificate "$pki/apiserver-kubelet-client.crt" \
  --kubelet-client-key "$pki/apiserver-kubelet-client.key"
if ! tr '\0' ' ' <"/proc/$(cat "$TB/pids/kube-apiserver.pid")/cmdline" | grep -q -- --kubelet-client-certificate; then
  log "the running kube-apiserver predates the kubelet endpoint (no --kubelet-client-certificate):"
  log "logs, exec and port-forward will fail until it restarts: tests/testbed/down.sh && tests/testbed/up.sh"
fi
wait_for kube-apiserver 120 curl -fsS --cacert "$pki/ca.crt" -H "Authorization: Bearer $TOKEN" "$SERVER/readyz"

# --- kube-controller-manager ---------------------------------------------------------------------
start_bg kube-controller-manager "$BIN/kube-controller-manager" --kubeconfig "$TB/kubeconfig" \
  --leader-elect=false --secure-port "$KCM_PORT" --bind-address 127.0.0.1 \
  --controllers statefulset-controller,deployment-controller,replicaset-controller,garbage-collector-controller,disruption-controller,namespace-controller,serviceaccount-controller,clusterrole-aggregation-controller \
  --profiling=false --v=1
wait_for kube-controller-manager 60 curl -fsSk "https://127.0.0.1:$KCM_PORT/healthz"

# --- host network, the API server's outside address, the node agent ---------------------------
if ! pid_alive node-agent; then
  # Containers of a crashed agent died with it; their namespaces and veths are leftovers.
  stop_pid apiserver-public 10
  "$TESTBED_SRC/net.sh" down
fi
"$TESTBED_SRC/net.sh" up
start_bg apiserver-public "$AGENT" forward "$APISERVER_PUBLIC_IP:$APISERVER_PORT" "127.0.0.1:$APISERVER_PORT"
start_bg node-agent env KUBECONFIG="$TB/kubeconfig" RUST_LOG="${RUST_LOG:-info,kube=warn}" "$AGENT" run \
  --node-ips "$NODE_IPS" --kubelet-port "$KUBELET_PORT" --state-dir "$TB" --pod-cidr "$POD_CIDR" --bridge "$BRIDGE" \
  --net-prefix "$NET_PREFIX" --lb-pool "$LB_POOL" --images-resolve "$TESTBED_SRC/images/resolve" \
  --apiserver "127.0.0.1:$APISERVER_PORT"
nodes_ready() {
  [[ "$("$KUBECTL" get nodes -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True)" -ge "$NODES" ]]
}
wait_for node-agent 60 nodes_ready
outside_ready() { "$TESTBED_SRC/outside.sh" "$KUBECTL" get --raw /readyz; }
wait_for apiserver-public 30 outside_ready

# --- kubelet streaming server: one listener per node InternalIP, a serving cert naming them --------
mapfile -t node_ips < <("$KUBECTL" get nodes \
  -o jsonpath='{range .items[*]}{.status.addresses[?(@.type=="InternalIP")].address}{"\n"}{end}' | sort -u | sed '/^$/d')
((${#node_ips[@]})) || { log "the nodes report no InternalIP"; exit 1; }
sans="$(printf 'IP:%s,' "${node_ips[@]}")"; sans="${sans%,}"
if [[ "$(cat "$pki/kubelet-serving.sans" 2>/dev/null)" != "$sans" ]]; then
  log "kubelet serving certificate for $sans"
  stop_pid kubelet-server 10
  openssl req -newkey rsa:2048 -nodes -subj "/CN=testbed-kubelet" \
    -keyout "$pki/kubelet-serving.key" -out "$pki/kubelet-serving.csr" 2>/dev/null
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=$sans" >"$pki/kubelet-serving.ext"
  openssl x509 -req -in "$pki/kubelet-serving.csr" -CA "$pki/kubelet-ca.crt" -CAkey "$pki/kubelet-ca.key" \
    -CAcreateserial -days 3650 -extfile "$pki/kubelet-serving.ext" -out "$pki/kubelet-serving.crt" 2>/dev/null
  chmod 600 "$pki/kubelet-serving.key"
  echo "$sans" >"$pki/kubelet-serving.sans"
fi
listen="$(printf '%s:'"$KUBELET_PORT"',' "${node_ips[@]}")"; listen="${listen%,}"
if pid_alive kubelet-server &&
  [[ "$(readlink "/proc/$(cat "$TB/pids/kubelet-server.pid")/exe")" != "$KUBELET_SERVER" ]]; then
  log "the kubelet server was rebuilt: restarting it"
  stop_pid kubelet-server 10
fi
start_bg kubelet-server "$KUBELET_SERVER" --listen "$listen" \
  --tls-cert-file "$pki/kubelet-serving.crt" --tls-private-key-file "$pki/kubelet-serving.key" \
  --client-ca-file "$pki/kubelet-ca.crt" --pod-state-dir "$TB/agent/pods"
# Alive = it answers an authenticated request (unknown paths get 404, like a kubelet's).
kubelet_answers() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$pki/kubelet-ca.crt" \
    --cert "$pki/apiserver-kubelet-client.crt" --key "$pki/apiserver-kubelet-client.key" \
    "https://${node_ips[0]}:$KUBELET_PORT/")" == 404 ]]
}
wait_for kubelet-server 30 kubelet_answers

cat >"$TB/env" <<EOF2
# Testbed environment: source it (tests/common reads it too).
export KUBECONFIG='$TB/kubeconfig'
export KUBECTL='$KUBECTL'
export KAFKA_LIB='$KAFKA_LIB'
export KAFKA_VERSION='$KAFKA_VERSION'
export KAFKA_TESTBED_MODE='$MODE'
export JAVA='$JAVA'
export KAFKA_TESTBED_DIR='$TB'
export KAFKA_TESTBED_SRC='$TESTBED_SRC'
export OUTSIDE_NETNS='$OUTSIDE_NETNS'
export OUTSIDE_KUBECONFIG='$TB/kubeconfig-outside'
export TESTBED_POD_CIDR='$POD_CIDR'
export TESTBED_SERVICE_CIDR='$SERVICE_CIDR'
export TESTBED_LB_POOL='$LB_POOL'
export TESTBED_NODE_IPS='$NODE_IPS'
export TESTBED_APISERVER_PUBLIC='$APISERVER_PUBLIC_IP:$APISERVER_PORT'
EOF2

# --- the default Kafka cluster --------------------------------------------------------------
# deploy.sh prints its settings as export lines: KAFKA_BOOTSTRAP (pod IPs, PLAINTEXT), the TLS
# and SASL_SSL listeners (KAFKA_TLS_BOOTSTRAP / KAFKA_TLS_COMMAND_CONFIG, KAFKA_SECURE_BOOTSTRAP /
# KAFKA_COMMAND_CONFIG) where the cluster has them.
default_shape=default
[[ "$MODE" == zookeeper ]] && default_shape=default-zk
"$TESTBED_SRC/deploy.sh" "$default_shape" kafka 3 | grep -v '^export KAFKA_VERSION=' >>"$TB/env"
bootstrap="$(sed -nE "s/^export KAFKA_BOOTSTRAP='(.*)'$/\1/p" "$TB/env" | tail -n1)"

log "up in $((SECONDS - started))s"
cat <<EOF2

Testbed is up.
  source $TB/env            # KUBECONFIG, KUBECTL, KAFKA_LIB, JAVA, KAFKA_BOOTSTRAP
  export KUBECONFIG=$TB/kubeconfig
  kubectl: $KUBECTL
  Kafka bootstrap (namespace kafka): $bootstrap
  Kafka tools: tests/testbed/kafka-tool.sh kafka-topics --bootstrap-server $bootstrap --list
  From outside the cluster: tests/testbed/outside.sh kubectl get pods -A   (netns $OUTSIDE_NETNS)
  Logs: $TB/logs/
EOF2
