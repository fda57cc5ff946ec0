#!/usr/bin/env bash
# The testbed's PKI for Kafka listeners (openssl + keytool; idempotent, files kept in DIR):
#   pki.sh ca DIR
#       DIR/ca.key, DIR/ca.crt: the testbed Kafka CA (PEM, what clients trust).
#   pki.sh server DIR NAME (--dns NAME | --ip ADDR)...
#       a server certificate issued by the CA whose subjectAltName is exactly the given names
#       (e.g. only a broker's advertised FQDN), in every form an image wants:
#         NAME.crt (leaf) NAME.chain.pem (leaf + CA) NAME.key (PKCS#8 PEM, unencrypted)
#         NAME.keystore.p12 / NAME.keystore.jks (alias "kafka", password in DIR/store-password)
#       and, once per DIR, kafka.truststore.jks / kafka.truststore.p12 (the CA) and
#       store-password, key_creds / keystore_creds / truststore_creds (credential files holding
#       that password, as the apache/kafka and cp-kafka images read them).
#   pki.sh user DIR USER
#       a SCRAM password for USER, created once: prints it and keeps it in DIR/USER.password.
#   pki.sh client-config DIR OUT (--tls | --sasl-ssl USER)
#       a Kafka client properties file (Kafka CLI --command-config and the plugin's
#       --command-config): TLS trusting DIR/ca.crt as a PEM truststore; with --sasl-ssl also
#       SCRAM-SHA-512 as USER. Hostname verification stays on (Kafka's default).
# Certificates are RSA 2048, valid 10 years. Nothing here touches the system trust store.
set -euo pipefail

die() { echo "pki.sh: $*" >&2; exit 1; }
usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
need() { command -v "$1" >/dev/null || die "$1 is required (apt-get install ${2:-$1})"; }
need openssl
[[ $# -ge 2 ]] || usage
cmd="$1" dir="$2"; shift 2
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
umask 077

ensure_ca() {
  [[ -f "$dir/ca.crt" && -f "$dir/ca.key" ]] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
    -subj "/O=kubectl-kafka testbed/CN=kubectl-kafka testbed Kafka CA" \
    -keyout "$dir/ca.key.tmp" -out "$dir/ca.crt.tmp" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  mv "$dir/ca.key.tmp" "$dir/ca.key"
  mv "$dir/ca.crt.tmp" "$dir/ca.crt"
  chmod 0644 "$dir/ca.crt"
}

store_password() {
  if [[ ! -s "$dir/store-password" ]]; then
    openssl rand -hex 12 | tr -d "\n" >"$dir/store-password.tmp"
    mv "$dir/store-password.tmp" "$dir/store-password"
  fi
  cat "$dir/store-password"
}

ensure_truststores() {
  local pw
  pw="$(store_password)"
  for f in key_creds keystore_creds truststore_creds; do
    [[ -s "$dir/$f" ]] || printf '%s' "$pw" >"$dir/$f"
  done
  if [[ ! -f "$dir/kafka.truststore.jks" ]]; then
    need keytool openjdk-17-jre-headless
    keytool -importcert -noprompt -alias testbed-ca -file "$dir/ca.crt" \
      -keystore "$dir/kafka.truststore.jks.tmp" -storetype JKS -storepass "$pw" >/dev/null 2>&1
    mv "$dir/kafka.truststore.jks.tmp" "$dir/kafka.truststore.jks"
  fi
  if [[ ! -f "$dir/kafka.truststore.p12" ]]; then
    keytool -importcert -noprompt -alias testbed-ca -file "$dir/ca.crt" \
      -keystore "$dir/kafka.truststore.p12.tmp" -storetype PKCS12 -storepass "$pw" >/dev/null 2>&1
    mv "$dir/kafka.truststore.p12.tmp" "$dir/kafka.truststore.p12"
  fi
}

server() {
  local name="${1:?server NAME}" san=() pw
  shift
  [[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || die "certificate name '$name' must be a file-name-safe word"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --dns) san+=("DNS:${2:?}"); shift 2 ;;
      --ip) san+=("IP:${2:?}"); shift 2 ;;
      *) die "unknown option $1 (server takes --dns NAME / --ip ADDR)" ;;
    esac
  done
  ((${#san[@]})) || die "server $name: give at least one --dns or --ip"
  ensure_ca
  ensure_truststores
  pw="$(store_password)"
  local want
  want="$(IFS=,; echo "${san[*]}")"
  if [[ -f "$dir/$name.keystore.jks" && "$(cat "$dir/$name.san" 2>/dev/null)" == "$want" ]]; then
    return 0
  fi
  local tmp="$dir/.$name.tmp"
  rm -rf "$tmp"; mkdir "$tmp"
  openssl req -newkey rsa:2048 -nodes -subj "/O=kubectl-kafka testbed/CN=${name:0:64}" \
    -keyout "$tmp/key.pem" -out "$tmp/req.csr" 2>/dev/null
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=$want" >"$tmp/ext"
  openssl x509 -req -in "$tmp/req.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -CAserial "$dir/ca.srl" -days 3650 -sha256 -extfile "$tmp/ext" -out "$tmp/crt.pem" 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in "$tmp/key.pem" -out "$dir/$name.key"
  cp "$tmp/crt.pem" "$dir/$name.crt"
  cat "$tmp/crt.pem" "$dir/ca.crt" >"$dir/$name.chain.pem"
  openssl pkcs12 -export -name kafka -in "$tmp/crt.pem" -inkey "$tmp/key.pem" -certfile "$dir/ca.crt" \
    -passout "pass:$pw" -out "$tmp/ks.p12"
  keytool -importkeystore -noprompt -srckeystore "$tmp/ks.p12" -srcstoretype PKCS12 -srcstorepass "$pw" \
    -destkeystore "$tmp/ks.jks" -deststoretype JKS -deststorepass "$pw" -destkeypass "$pw" >/dev/null 2>&1
  mv "$tmp/ks.p12" "$dir/$name.keystore.p12"
  mv "$tmp/ks.jks" "$dir/$name.keystore.jks"
  echo "$want" >"$dir/$name.san"
  rm -rf "$tmp"
}

user() {
  local u="${1:?user USER}"
  [[ "$u" =~ ^[A-Za-z0-9._-]+$ ]] || die "user name '$u' must be a plain word"
  if [[ ! -s "$dir/$u.password" ]]; then
    openssl rand -hex 16 | tr -d "\n" >"$dir/$u.password.tmp"
    mv "$dir/$u.password.tmp" "$dir/$u.password"
  fi
  cat "$dir/$u.password"
}

client_config() {
  local out="${1:?client-config OUT}" mode="${2:-}" u=""
  case "$mode" in
    --tls) ;;
    --sasl-ssl) u="${3:?--sasl-ssl USER}" ;;
    *) die "client-config needs --tls or --sasl-ssl USER" ;;
  esac
  ensure_ca
  local pw=""
  [[ -n "$u" ]] && pw="$(user "$u")"
  {
    echo "# Kafka client settings for the testbed's secured listeners (written by pki.sh)."
    if [[ -n "$u" ]]; then
      echo "security.protocol=SASL_SSL"
      echo "sasl.mechanism=SCRAM-SHA-512"
      echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$u\" password=\"$pw\";"
    else
      echo "security.protocol=SSL"
    fi
    echo "ssl.truststore.type=PEM"
    echo "ssl.truststore.location=$dir/ca.crt"
  } >"$out.tmp"
  mv "$out.tmp" "$out"
}

case "$cmd" in
  ca) ensure_ca; echo "$dir/ca.crt" ;;
  server) server "$@" ;;
  user) user "$@" ;;
  client-config) client_config "$@" ;;
  *) usage ;;
esac
