#!/usr/bin/env bash
# cluster-secrets.sh PKI_DIR OUT_DIR KIND NAMESPACE [BROKERS]
# Writes the files of the Secret(s) a testbed cluster mounts (one directory, file = key), from
# the testbed PKI (pki.sh; CA and users kept in PKI_DIR):
#   apache-tls   Secret kafka-tls of tests/manifests/kafka.yaml (apache/kafka image): one
#                certificate for the brokers' headless names (*.kafka-headless.NS.svc.cluster.local
#                and kafka-headless.NS...), kafka.keystore.p12, keystore_creds, key_creds, and
#                kafka_server_jaas.conf (SCRAM on the SASL_SSL listener)
#   bitnami-tls  Secret kafka-tls of tests/manifests/shapes/c-fqdn-tls.yaml (bitnami/kafka as its
#                chart mounts it): kafka-broker-<i>.keystore.jks for i < BROKERS + 3 (room to scale
#                out), each naming ONLY that pod's FQDN kafka-broker-<i>.kafka-broker-headless.NS...,
#                kafka.truststore.jks and keystore-password
#   bitnami-pem  PEM files for one bitnami/kafka pod named in BROKERS' place by POD and SUBDOMAIN
#                (cluster-secrets.sh PKI OUT bitnami-pem NS POD SUBDOMAIN): kafka.keystore.pem,
#                kafka.keystore.key (PKCS#8), kafka.truststore.pem, as the image reads them with
#                KAFKA_TLS_TYPE=PEM; the certificate names only the pod's FQDN
#   users        Secret kafka-user-passwords (bitnami chart layout): client-passwords for the
#                SCRAM user "testbed", plus user and password files for scripts
# Prints nothing; the client side is pki.sh client-config.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ $# -ge 4 ]] || { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
pki="$1" out="$2" kind="$3" ns="$4" brokers="${5:-3}"
[[ "$kind" == bitnami-pem || "$brokers" =~ ^[0-9]+$ ]] || { echo "BROKERS must be a number" >&2; exit 2; }
mkdir -p "$out"
"$here/pki.sh" ca "$pki" >/dev/null

case "$kind" in
  apache-tls)
    "$here/pki.sh" server "$pki" "kafka-headless.$ns" \
      --dns "*.kafka-headless.$ns.svc.cluster.local" --dns "kafka-headless.$ns.svc.cluster.local"
    cp "$pki/kafka-headless.$ns.keystore.p12" "$out/kafka.keystore.p12"
    cp "$pki/keystore_creds" "$pki/key_creds" "$out/"
    printf '%s\n' "KafkaServer {" "  org.apache.kafka.common.security.scram.ScramLoginModule required;" "};" \
      >"$out/kafka_server_jaas.conf"
    ;;
  bitnami-tls)
    for ((i = 0; i < brokers + 3; i++)); do
      pod="kafka-broker-$i"
      "$here/pki.sh" server "$pki" "$pod.$ns" --dns "$pod.kafka-broker-headless.$ns.svc.cluster.local"
      cp "$pki/$pod.$ns.keystore.jks" "$out/$pod.keystore.jks"
    done
    cp "$pki/kafka.truststore.jks" "$out/kafka.truststore.jks"
    cp "$pki/store-password" "$out/keystore-password"
    ;;
  bitnami-pem)
    pod="${5:?bitnami-pem needs POD}" sub="${6:?bitnami-pem needs SUBDOMAIN}"
    "$here/pki.sh" server "$pki" "$pod.$ns" --dns "$pod.$sub.$ns.svc.cluster.local"
    cp "$pki/$pod.$ns.chain.pem" "$out/kafka.keystore.pem"
    cp "$pki/$pod.$ns.key" "$out/kafka.keystore.key"
    cp "$pki/ca.crt" "$out/kafka.truststore.pem"
    ;;
  users)
    printf "%s" "$("$here/pki.sh" user "$pki" testbed)" >"$out/client-passwords"
    printf testbed >"$out/client-users"
    ;;
  *) echo "unknown kind $kind (apache-tls, bitnami-tls, users)" >&2; exit 2 ;;
esac
