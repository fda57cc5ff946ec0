# Kafka functions of the bitnami/kafka image, written for the testbed from the image's
# documented behaviour (its README and the function names its chart's init scripts call):
#   * KAFKA_CFG_FOO_BAR=v becomes foo.bar=v (sasl_ssl / sasl_plaintext keep their underscore);
#     legacy KAFKA_FOO names are aliases of KAFKA_CFG_FOO for the common settings;
#   * KAFKA_NODE_ID_COMMAND / KAFKA_BROKER_ID_COMMAND / KAFKA_CONTROLLER_QUORUM_VOTERS_COMMAND
#     are evaluated to set the id / voters;
#   * a server.properties mounted at /bitnami/kafka/config or at the config file itself skips
#     the environment-based configuration;
#   * TLS from kafka.keystore.jks/kafka.truststore.jks (or .pem/.key with KAFKA_TLS_TYPE=PEM) in
#     /opt/bitnami/kafka/config/certs (or /bitnami/kafka/config/certs), KAFKA_CERTIFICATE_PASSWORD;
#   * SASL: KAFKA_CLIENT_USERS/KAFKA_CLIENT_PASSWORDS (comma separated), inter-broker and
#     controller users; JAAS set inline per listener; SCRAM users are created at storage format
#     (kafka-storage.sh format --add-scram) in KRaft mode, with kafka-configs.sh in ZooKeeper mode;
#   * KRaft storage formatted with KAFKA_KRAFT_CLUSTER_ID (or the id already in meta.properties).
# shellcheck disable=SC1091
. /opt/bitnami/scripts/liblog.sh
. /opt/bitnami/scripts/libvalidations.sh
. /opt/bitnami/scripts/libfile.sh
. /opt/bitnami/scripts/libfs.sh
. /opt/bitnami/scripts/libos.sh

# kafka_common_conf_set FILE KEY VALUE: sets KEY (replacing a line, commented or not) or appends.
kafka_common_conf_set() {
    local file="${1:?missing file}" key="${2:?missing key}" value="${3-}"
    [[ -f "$file" ]] || touch "$file"
    local re_key="${key//./\\.}"
    if grep -Eq "^[#[:space:]]*${re_key}[[:space:]]*=" "$file"; then
        local tmp
        tmp="$(mktemp)"
        awk -v k="$key" -v v="$value" '
            { line = $0; sub(/^[#[:space:]]*/, "", line) }
            index(line, k) == 1 && substr(line, length(k) + 1) ~ /^[[:space:]]*=/ && !done { print k "=" v; done = 1; next }
            { print }' "$file" >"$tmp"
        cat "$tmp" >"$file"
        rm -f "$tmp"
    else
        printf '\n%s=%s' "$key" "$value" >>"$file"
    fi
}
kafka_server_conf_set() { kafka_common_conf_set "$KAFKA_CONF_FILE" "$@"; }
kafka_producer_consumer_conf_set() {
    kafka_common_conf_set "$KAFKA_CONF_DIR/producer.properties" "$@"
    kafka_common_conf_set "$KAFKA_CONF_DIR/consumer.properties" "$@"
}

# Listener protocol checks: by name (PLAINTEXT://, SSL://...) or through the protocol map.
kafka_listener_protocols() { # prints "LISTENER PROTOCOL" lines for the configured listeners
    local l name map proto
    IFS=',' read -r -a ls <<<"${KAFKA_CFG_LISTENERS:-}"
    for l in "${ls[@]}"; do
        name="${l%%://*}"
        [[ -n "$name" ]] || continue
        proto="$name"
        if [[ -n "${KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP:-}" ]]; then
            IFS=',' read -r -a maps <<<"$KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP"
            for map in "${maps[@]}"; do
                [[ "${map%%:*}" == "$name" ]] && proto="${map#*:}"
            done
        fi
        echo "$name $proto"
    done
}
kafka_has_protocol() { kafka_listener_protocols | awk '{print $2}' | grep -Eqx "$1"; }
kafka_has_ssl_listener() { kafka_has_protocol 'SSL|SASL_SSL'; }
kafka_has_sasl_listener() { kafka_has_protocol 'SASL_PLAINTEXT|SASL_SSL'; }
kafka_has_plaintext_listener() { kafka_has_protocol 'PLAINTEXT'; }

kafka_configure_default_truststore_locations() {
    if kafka_has_ssl_listener && is_empty_value "${KAFKA_TLS_TRUSTSTORE_FILE:-}"; then
        local name="kafka.truststore.jks"
        [[ "$KAFKA_TLS_TYPE" == PEM ]] && name="kafka.truststore.pem"
        if [[ -f "$KAFKA_CERTS_DIR/$name" ]]; then
            export KAFKA_TLS_TRUSTSTORE_FILE="$KAFKA_CERTS_DIR/$name"
        else
            export KAFKA_TLS_TRUSTSTORE_FILE="$KAFKA_MOUNTED_CONF_DIR/certs/$name"
        fi
    fi
}

kafka_create_alias_environment_variables() {
    local s
    alias_env() { if [[ -n "${!2+x}" ]]; then export "$1=${!2}"; fi; }
    alias_env KAFKA_CFG_LOG_DIRS KAFKA_LOGS_DIRS
    alias_env KAFKA_CFG_LOG_SEGMENT_BYTES KAFKA_SEGMENT_BYTES
    alias_env KAFKA_CFG_MESSAGE_MAX_BYTES KAFKA_MAX_MESSAGE_BYTES
    alias_env KAFKA_CFG_ZOOKEEPER_CONNECTION_TIMEOUT_MS KAFKA_ZOOKEEPER_CONNECT_TIMEOUT_MS
    alias_env KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE KAFKA_AUTO_CREATE_TOPICS_ENABLE
    alias_env KAFKA_CLIENT_USERS KAFKA_BROKER_USER
    alias_env KAFKA_CLIENT_PASSWORDS KAFKA_BROKER_PASSWORD
    alias_env KAFKA_CLIENT_LISTENER_NAME KAFKA_CLIENT_LISTENER
    for s in ADVERTISED_LISTENERS BROKER_ID NODE_ID CONTROLLER_QUORUM_VOTERS PROCESS_ROLES \
        DEFAULT_REPLICATION_FACTOR DELETE_TOPIC_ENABLE INTER_BROKER_LISTENER_NAME LISTENERS \
        LISTENER_SECURITY_PROTOCOL_MAP LOG_DIRS LOG_FLUSH_INTERVAL_MESSAGES LOG_FLUSH_INTERVAL_MS \
        LOG_MESSAGE_FORMAT_VERSION LOG_RETENTION_BYTES LOG_RETENTION_CHECK_INTERVALS_MS \
        LOG_RETENTION_HOURS LOG_SEGMENT_BYTES MESSAGE_MAX_BYTES NUM_IO_THREADS NUM_NETWORK_THREADS \
        NUM_PARTITIONS NUM_RECOVERY_THREADS_PER_DATA_DIR OFFSETS_TOPIC_REPLICATION_FACTOR \
        SOCKET_RECEIVE_BUFFER_BYTES SOCKET_REQUEST_MAX_BYTES SOCKET_SEND_BUFFER_BYTES \
        SSL_ENDPOINT_IDENTIFICATION_ALGORITHM TRANSACTION_STATE_LOG_MIN_ISR \
        TRANSACTION_STATE_LOG_REPLICATION_FACTOR ZOOKEEPER_CONNECT ZOOKEEPER_CONNECTION_TIMEOUT_MS; do
        alias_env "KAFKA_CFG_$s" "KAFKA_$s"
    done
}

kafka_dynamic_environment_variables() {
    if ! is_empty_value "${KAFKA_NODE_ID_COMMAND:-}"; then
        KAFKA_CFG_NODE_ID="$(eval "$KAFKA_NODE_ID_COMMAND")"; export KAFKA_CFG_NODE_ID
    fi
    if ! is_empty_value "${KAFKA_CONTROLLER_QUORUM_VOTERS_COMMAND:-}"; then
        KAFKA_CFG_CONTROLLER_QUORUM_VOTERS="$(eval "$KAFKA_CONTROLLER_QUORUM_VOTERS_COMMAND")"; export KAFKA_CFG_CONTROLLER_QUORUM_VOTERS
    fi
    if ! is_empty_value "${KAFKA_BROKER_ID_COMMAND:-${BROKER_ID_COMMAND:-}}"; then
        KAFKA_CFG_BROKER_ID="$(eval "${KAFKA_BROKER_ID_COMMAND:-$BROKER_ID_COMMAND}")"; export KAFKA_CFG_BROKER_ID
    fi
}

kafka_validate() {
    debug "Validating settings in KAFKA_* env vars..."
    local rc=0 role name proto
    fail() { error "$1"; rc=1; }
    if is_empty_value "${KAFKA_CFG_PROCESS_ROLES:-}" && is_empty_value "${KAFKA_CFG_ZOOKEEPER_CONNECT:-}"; then
        fail "Kafka haven't been configured to work in either Raft or Zookeper mode. Please make sure at least one of the modes is configured."
    fi
    if ! is_empty_value "${KAFKA_CFG_PROCESS_ROLES:-}"; then
        if ! is_empty_value "${KAFKA_CFG_ZOOKEEPER_CONNECT:-}" && ! is_boolean_yes "${KAFKA_CFG_ZOOKEEPER_METADATA_MIGRATION_ENABLE:-}"; then
            fail "Both KRaft mode and Zookeeper modes are configured, but KAFKA_CFG_ZOOKEEPER_METADATA_MIGRATION_ENABLE is not enabled"
        fi
        is_empty_value "${KAFKA_CFG_NODE_ID:-}" && fail "KRaft mode requires an unique node.id, please set the environment variable KAFKA_CFG_NODE_ID"
        is_empty_value "${KAFKA_CFG_CONTROLLER_QUORUM_VOTERS:-}" && fail "KRaft mode requires KAFKA_CFG_CONTROLLER_QUORUM_VOTERS to be set"
        IFS=',;' read -r -a roles <<<"$KAFKA_CFG_PROCESS_ROLES"
        for role in "${roles[@]}"; do
            case "$role" in
                broker) ;;
                controller)
                    is_empty_value "${KAFKA_CFG_CONTROLLER_LISTENER_NAMES:-}" &&
                        fail "Role 'controller' enabled but environment variable KAFKA_CFG_CONTROLLER_LISTENER_NAMES was not provided."
                    [[ "${KAFKA_CFG_LISTENERS:-}" =~ ${KAFKA_CFG_CONTROLLER_LISTENER_NAMES:-CONTROLLER} ]] ||
                        fail "Role 'controller' enabled but listener ${KAFKA_CFG_CONTROLLER_LISTENER_NAMES:-CONTROLLER} not found in KAFKA_CFG_LISTENERS."
                    ;;
                *) fail "Invalid KRaft process role '$role'. Supported roles are 'broker,controller'" ;;
            esac
        done
    fi
    while read -r name proto; do
        case "$proto" in PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL) ;; *) fail "Authentication protocol ${proto} is not supported!" ;; esac
        [[ "$proto" == SASL_* ]] || continue
        if [[ "$name" == "${KAFKA_CFG_INTER_BROKER_LISTENER_NAME:-INTERNAL}" ]]; then
            is_empty_value "${KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL:-}" &&
                fail "When using SASL for inter broker comunication the mechanism should be provided using KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL"
        elif [[ "${KAFKA_CFG_CONTROLLER_LISTENER_NAMES:-CONTROLLER}" =~ $name ]]; then
            is_empty_value "${KAFKA_CFG_SASL_MECHANISM_CONTROLLER_PROTOCOL:-}" &&
                fail "When using SASL for controller comunication the mechanism should be provided at KAFKA_CFG_SASL_MECHANISM_CONTROLLER_PROTOCOL"
        elif is_empty_value "${KAFKA_CLIENT_USERS:-}" || is_empty_value "${KAFKA_CLIENT_PASSWORDS:-}"; then
            fail "In order to configure SASL authentication for Kafka, you must provide the SASL credentials. Set the environment variables KAFKA_CLIENT_USERS and KAFKA_CLIENT_PASSWORDS to configure the credentials for SASL authentication with clients."
        fi
    done < <(kafka_listener_protocols)
    if kafka_has_ssl_listener; then
        local ks="kafka.keystore.jks"
        [[ "$KAFKA_TLS_TYPE" == PEM ]] && ks="kafka.keystore.pem"
        if [[ ! -f "$KAFKA_CERTS_DIR/$ks" && ! -f "$KAFKA_MOUNTED_CONF_DIR/certs/$ks" ]] || [[ ! -f "$KAFKA_TLS_TRUSTSTORE_FILE" ]]; then
            fail "In order to configure the TLS encryption for Kafka with $KAFKA_TLS_TYPE certs you must mount your $ks and truststore certs to the ${KAFKA_MOUNTED_CONF_DIR}/certs directory."
        fi
    fi
    if kafka_has_sasl_listener && is_empty_value "${KAFKA_CFG_SASL_ENABLED_MECHANISMS:-}"; then
        fail "Specified SASL protocol but no SASL mechanisms provided in KAFKA_CFG_SASL_ENABLED_MECHANISMS"
    fi
    IFS=',;' read -r -a users <<<"${KAFKA_CLIENT_USERS:-}"
    IFS=',;' read -r -a passwords <<<"${KAFKA_CLIENT_PASSWORDS:-}"
    ((${#users[@]} == ${#passwords[@]})) ||
        fail "Specify the same number of passwords on KAFKA_CLIENT_PASSWORDS as the number of users on KAFKA_CLIENT_USERS!"
    [[ " JKS PEM " == *" $KAFKA_TLS_TYPE "* ]] || fail "The allowed values for KAFKA_TLS_TYPE are: JKS PEM"
    [[ " none requested required " == *" $KAFKA_TLS_CLIENT_AUTH "* ]] || fail "The allowed values for KAFKA_TLS_CLIENT_AUTH are: none requested required"
    return "$rc"
}

kafka_client_sasl_mechanism() {
    case "$KAFKA_CFG_SASL_ENABLED_MECHANISMS" in
        *SCRAM-SHA-512*) echo SCRAM-SHA-512 ;;
        *SCRAM-SHA-256*) echo SCRAM-SHA-256 ;;
        *PLAIN*) echo PLAIN ;;
    esac
}

# kafka_configure_server_jaas LISTENER [ROLE]: inline JAAS for each SASL mechanism of LISTENER.
kafka_configure_server_jaas() {
    local listener="${1:?missing listener}" role="${2:-}" mech jaas i
    IFS=',;' read -r -a users <<<"${KAFKA_CLIENT_USERS:-}"
    IFS=',;' read -r -a passwords <<<"${KAFKA_CLIENT_PASSWORDS:-}"
    if [[ "$role" == controller ]]; then
        mech="$KAFKA_CFG_SASL_MECHANISM_CONTROLLER_PROTOCOL"
        if [[ "$mech" == PLAIN ]]; then
            jaas="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$KAFKA_CONTROLLER_USER\" password=\"$KAFKA_CONTROLLER_PASSWORD\" user_$KAFKA_CONTROLLER_USER=\"$KAFKA_CONTROLLER_PASSWORD\";"
        else
            jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$KAFKA_CONTROLLER_USER\" password=\"$KAFKA_CONTROLLER_PASSWORD\";"
        fi
        kafka_server_conf_set "listener.name.${listener,,}.${mech,,}.sasl.jaas.config" "$jaas"
        return
    fi
    IFS=',' read -r -a mechs <<<"$KAFKA_CFG_SASL_ENABLED_MECHANISMS"
    for mech in "${mechs[@]}"; do
        if [[ "$mech" == PLAIN ]]; then
            jaas="org.apache.kafka.common.security.plain.PlainLoginModule required"
            if [[ "$role" == inter-broker ]]; then
                jaas+=" username=\"$KAFKA_INTER_BROKER_USER\" password=\"$KAFKA_INTER_BROKER_PASSWORD\""
                users+=("$KAFKA_INTER_BROKER_USER"); passwords+=("$KAFKA_INTER_BROKER_PASSWORD")
            fi
            for ((i = 0; i < ${#users[@]}; i++)); do jaas+=" user_${users[i]}=\"${passwords[i]}\""; done
            jaas+=";"
        elif [[ "$mech" == SCRAM-* ]]; then
            if [[ "$role" == inter-broker ]]; then
                jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$KAFKA_INTER_BROKER_USER\" password=\"$KAFKA_INTER_BROKER_PASSWORD\";"
            else
                jaas="org.apache.kafka.common.security.scram.ScramLoginModule required;"
            fi
        else
            continue
        fi
        kafka_server_conf_set "listener.name.${listener,,}.${mech,,}.sasl.jaas.config" "$jaas"
    done
}

kafka_configure_consumer_producer_jaas() {
    local module
    IFS=',;' read -r -a users <<<"${KAFKA_CLIENT_USERS:-}"
    IFS=',;' read -r -a passwords <<<"${KAFKA_CLIENT_PASSWORDS:-}"
    case "$KAFKA_CFG_SASL_ENABLED_MECHANISMS" in
        *SCRAM*) module=org.apache.kafka.common.security.scram.ScramLoginModule ;;
        *PLAIN*) module=org.apache.kafka.common.security.plain.PlainLoginModule ;;
        *) error "Couldn't configure a supported SASL mechanism for Kafka consumer/producer properties"; exit 1 ;;
    esac
    kafka_producer_consumer_conf_set sasl.jaas.config "$module required username=\"${users[0]:-}\" password=\"${passwords[0]:-}\";"
}

kafka_configure_ssl() {
    both() { kafka_server_conf_set "$1" "$2"; kafka_producer_consumer_conf_set "$1" "$2"; }
    kafka_server_conf_set ssl.client.auth "$KAFKA_TLS_CLIENT_AUTH"
    both ssl.keystore.type "$KAFKA_TLS_TYPE"
    both ssl.truststore.type "$KAFKA_TLS_TYPE"
    local truststore="$KAFKA_CERTS_DIR/$(basename "$KAFKA_TLS_TRUSTSTORE_FILE")"
    ! is_empty_value "$KAFKA_CERTIFICATE_PASSWORD" && both ssl.key.password "$KAFKA_CERTIFICATE_PASSWORD"
    if [[ "$KAFKA_TLS_TYPE" == PEM ]]; then
        # PEM content inline, one property line with escaped newlines, as the image writes it.
        inline() { awk 'NR > 1 { print line "\\n\\" } { line = $0 } END { print $0 " " }' <"$1"; }
        both ssl.keystore.key "$(inline "$KAFKA_CERTS_DIR/kafka.keystore.key")"
        both ssl.keystore.certificate.chain "$(inline "$KAFKA_CERTS_DIR/kafka.keystore.pem")"
        both ssl.truststore.certificates "$(inline "$truststore")"
    else
        both ssl.keystore.location "$KAFKA_CERTS_DIR/kafka.keystore.jks"
        both ssl.truststore.location "$truststore"
        if ! is_empty_value "$KAFKA_CERTIFICATE_PASSWORD"; then
            both ssl.keystore.password "$KAFKA_CERTIFICATE_PASSWORD"
            both ssl.truststore.password "$KAFKA_CERTIFICATE_PASSWORD"
        fi
    fi
}

kafka_configure_from_environment_variables() {
    local var key
    for var in "${!KAFKA_CFG_@}"; do
        key="${var#KAFKA_CFG_}"; key="${key//_/.}"; key="${key,,}"
        [[ "$var" == KAFKA_CFG_ZOOKEEPER_CLIENTCNXNSOCKET ]] && key="zookeeper.clientCnxnSocket"
        key="${key//sasl.ssl/sasl_ssl}"; key="${key//sasl.plaintext/sasl_plaintext}"
        kafka_server_conf_set "$key" "${!var}"
    done
}

# Comments out the sample's mode-specific settings so either mode can be configured.
kafka_server_unify_conf() {
    sed -i -E 's/^(zookeeper\.|group\.initial|broker\.|node\.|process\.|listeners=|listener\.|controller\.|inter\.broker|advertised\.listeners)/#\1/' "$KAFKA_CONF_FILE"
}

kafka_initialize() {
    info "Initializing Kafka..."
    if ! is_dir_empty "$KAFKA_MOUNTED_CONF_DIR"; then
        cp -Lr "$KAFKA_MOUNTED_CONF_DIR"/. "$KAFKA_CONF_DIR"/
    fi
    if [[ -f "${KAFKA_TLS_TRUSTSTORE_FILE:-}" && "$KAFKA_TLS_TRUSTSTORE_FILE" != "$KAFKA_CERTS_DIR"/* ]]; then
        info "Copying truststore $KAFKA_TLS_TRUSTSTORE_FILE to $KAFKA_CERTS_DIR"
        mkdir -p "$KAFKA_CERTS_DIR"
        cp -L "$KAFKA_TLS_TRUSTSTORE_FILE" "$KAFKA_CERTS_DIR/"
    fi
    if [[ -f "$KAFKA_MOUNTED_CONF_DIR/server.properties" ]]; then
        info "Detected mounted server.properties file at $KAFKA_MOUNTED_CONF_DIR/server.properties. Skipping configuration based on env variables"
        return 0
    fi
    info "No injected configuration files found, creating default config files"
    cp "$KAFKA_CONF_DIR/server.properties.original" "$KAFKA_CONF_FILE"
    kafka_server_unify_conf
    kafka_server_conf_set log.dirs "$KAFKA_DATA_DIR"
    kafka_configure_from_environment_variables
    ! is_empty_value "${KAFKA_CFG_MAX_REQUEST_SIZE:-}" && kafka_common_conf_set "$KAFKA_CONF_DIR/producer.properties" max.request.size "$KAFKA_CFG_MAX_REQUEST_SIZE"
    ! is_empty_value "${KAFKA_CFG_MAX_PARTITION_FETCH_BYTES:-}" && kafka_common_conf_set "$KAFKA_CONF_DIR/consumer.properties" max.partition.fetch.bytes "$KAFKA_CFG_MAX_PARTITION_FETCH_BYTES"
    kafka_has_ssl_listener && kafka_configure_ssl
    if kafka_has_sasl_listener; then
        if [[ "$KAFKA_CFG_SASL_ENABLED_MECHANISMS" =~ SCRAM ]]; then
            ! is_empty_value "${KAFKA_CFG_PROCESS_ROLES:-}" && export KAFKA_KRAFT_BOOTSTRAP_SCRAM_USERS=true
            ! is_empty_value "${KAFKA_CFG_ZOOKEEPER_CONNECT:-}" && export KAFKA_ZOOKEEPER_BOOTSTRAP_SCRAM_USERS=true
        fi
        kafka_server_conf_set sasl.enabled.mechanisms "$KAFKA_CFG_SASL_ENABLED_MECHANISMS"
    fi
    local listener protocol role env_name
    while read -r listener protocol; do
        if [[ "$protocol" == SSL || "$protocol" == SASL_SSL ]]; then
            env_name="KAFKA_TLS_${listener^^}_CLIENT_AUTH"
            [[ -n "${!env_name:-}" ]] && kafka_server_conf_set "listener.name.${listener,,}.ssl.client.auth" "${!env_name}"
        fi
        [[ "$protocol" == SASL_PLAINTEXT || "$protocol" == SASL_SSL ]] || continue
        role=""
        if [[ "$listener" == "${KAFKA_CFG_INTER_BROKER_LISTENER_NAME:-INTERNAL}" ]]; then
            kafka_server_conf_set sasl.mechanism.inter.broker.protocol "${KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL:-}"
            role=inter-broker
        elif [[ "${KAFKA_CFG_CONTROLLER_LISTENER_NAMES:-CONTROLLER}" =~ $listener ]]; then
            kafka_server_conf_set sasl.mechanism.controller.protocol "$KAFKA_CFG_SASL_MECHANISM_CONTROLLER_PROTOCOL"
            kafka_server_conf_set "listener.name.${listener,,}.sasl.enabled.mechanisms" "$KAFKA_CFG_SASL_MECHANISM_CONTROLLER_PROTOCOL"
            role=controller
        fi
        if [[ "$listener" == "${KAFKA_CLIENT_LISTENER_NAME:-CLIENT}" ]]; then
            kafka_configure_consumer_producer_jaas
            kafka_producer_consumer_conf_set security.protocol "$protocol"
            kafka_producer_consumer_conf_set sasl.mechanism "${KAFKA_CLIENT_SASL_MECHANISM:-$(kafka_client_sasl_mechanism)}"
        fi
        [[ -f "$KAFKA_CONF_DIR/kafka_jaas.conf" ]] || kafka_configure_server_jaas "$listener" "$role"
    done < <(kafka_listener_protocols)
    # Last, so users can override what the initialisation set.
    kafka_configure_from_environment_variables
}

kafka_kraft_storage_initialize() {
    local args=(--config "$KAFKA_CONF_FILE" --ignore-formatted) i
    info "Initializing KRaft storage metadata"
    if [[ -f "$KAFKA_DATA_DIR/meta.properties" ]]; then
        KAFKA_KRAFT_CLUSTER_ID="$(sed -nE 's/^cluster\.id=(\S+)$/\1/p' "$KAFKA_DATA_DIR/meta.properties")"
    fi
    if is_empty_value "${KAFKA_KRAFT_CLUSTER_ID:-}"; then
        warn "KAFKA_KRAFT_CLUSTER_ID not set - If using multiple nodes then you must use the same Cluster ID for each one"
        KAFKA_KRAFT_CLUSTER_ID="$("$KAFKA_HOME/bin/kafka-storage.sh" random-uuid)"
        info "Generated Kafka cluster ID '$KAFKA_KRAFT_CLUSTER_ID'"
    fi
    args+=("--cluster-id=$KAFKA_KRAFT_CLUSTER_ID")
    if is_boolean_yes "${KAFKA_KRAFT_BOOTSTRAP_SCRAM_USERS:-}"; then
        info "Adding KRaft SCRAM users at storage bootstrap"
        IFS=',;' read -r -a users <<<"${KAFKA_CLIENT_USERS:-}"
        IFS=',;' read -r -a passwords <<<"${KAFKA_CLIENT_PASSWORDS:-}"
        local mech
        for mech in SCRAM-SHA-256 SCRAM-SHA-512; do
            if grep -Eq "^sasl.enabled.mechanisms=.*$mech" "$KAFKA_CONF_FILE"; then
                for ((i = 0; i < ${#users[@]}; i++)); do
                    args+=(--add-scram "$mech=[name=${users[i]},password=${passwords[i]}]")
                done
            fi
            grep -Eq "^sasl.mechanism.inter.broker.protocol=$mech\$" "$KAFKA_CONF_FILE" &&
                args+=(--add-scram "$mech=[name=$KAFKA_INTER_BROKER_USER,password=$KAFKA_INTER_BROKER_PASSWORD]")
            grep -Eq "^sasl.mechanism.controller.protocol=$mech\$" "$KAFKA_CONF_FILE" &&
                args+=(--add-scram "$mech=[name=$KAFKA_CONTROLLER_USER,password=$KAFKA_CONTROLLER_PASSWORD]")
        done
    fi
    info "Formatting storage directories to add metadata..."
    "$KAFKA_HOME/bin/kafka-storage.sh" format "${args[@]}"
}

kafka_zookeeper_create_sasl_scram_users() {
    info "Creating users in Zookeeper"
    IFS=',;' read -r -a users <<<"${KAFKA_CLIENT_USERS:-}"
    IFS=',;' read -r -a passwords <<<"${KAFKA_CLIENT_PASSWORDS:-}"
    local zk i
    zk="$(sed -nE 's/^zookeeper\.connect=(\S+)$/\1/p' "$KAFKA_CONF_FILE")"
    [[ -n "$zk" ]] || { error "Couldn't obtain zookeeper.connect from $KAFKA_CONF_FILE"; exit 1; }
    if grep -Eq "^sasl.mechanism.inter.broker.protocol=SCRAM" "$KAFKA_CONF_FILE"; then
        users+=("$KAFKA_INTER_BROKER_USER"); passwords+=("$KAFKA_INTER_BROKER_PASSWORD")
    fi
    for ((i = 0; i < ${#users[@]}; i++)); do
        kafka-configs.sh --zookeeper "$zk" --alter --entity-type users --entity-name "${users[i]}" \
            --add-config "SCRAM-SHA-256=[iterations=8192,password=${passwords[i]}],SCRAM-SHA-512=[password=${passwords[i]}]"
    done
}

kafka_custom_init_scripts() {
    local f
    [[ -n "$(find "$KAFKA_INITSCRIPTS_DIR/" -type f -name '*.sh' 2>/dev/null)" && ! -f "$KAFKA_VOLUME_DIR/.user_scripts_initialized" ]] || return 0
    info "Loading user's custom files from $KAFKA_INITSCRIPTS_DIR"
    for f in "$KAFKA_INITSCRIPTS_DIR"/*.sh; do
        if [[ -x "$f" ]]; then "$f" || { error "Failed executing $f"; return 1; }; else . "$f"; fi
    done
    touch "$KAFKA_VOLUME_DIR/.user_scripts_initialized"
}

# The image ships the release's sample as server.properties.original and no server.properties,
# so that a server.properties found at start was mounted by the pod. The testbed's Kafka
# distribution has the sample under the plain name: move it aside (idempotent).
bitnami_image_layout() {
    local conf="/opt/bitnami/kafka/config"
    if [[ -f "$conf/server.properties" ]] && head -n1 "$conf/server.properties" | grep -Eq '^# (Broker configuration|Combined broker\+controller) sample'; then
        mv -f "$conf/server.properties" "$conf/server.properties.original" 2>/dev/null || true
    fi
    if [[ ! -f "$conf/server.properties.original" && -f "$conf/kraft/server.properties" ]]; then
        cp "$conf/kraft/server.properties" "$conf/server.properties.original"
    fi
    touch "$conf/producer.properties" "$conf/consumer.properties" 2>/dev/null || true
}
