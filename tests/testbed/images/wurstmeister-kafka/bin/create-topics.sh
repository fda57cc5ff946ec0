#!/bin/bash
# create-topics.sh: creates KAFKA_CREATE_TOPICS (name:partitions:replicas[:cleanup.policy],
# separated by KAFKA_CREATE_TOPICS_SEPARATOR, default ",") once the broker listens on
# KAFKA_PORT, waiting up to START_TIMEOUT seconds (default 600), through ZooKeeper.
[[ -n "$KAFKA_CREATE_TOPICS" ]] || exit 0
timeout="${START_TIMEOUT:-600}" waited=0 step=10
until ss -Hltn "sport = :$KAFKA_PORT" 2>/dev/null | grep -q .; do
    echo "waiting for kafka to be ready"
    sleep "$step"
    waited=$((waited + step))
    if ((waited > timeout)); then
        echo "Not able to auto-create topic (waited for $timeout sec)"
        exit 1
    fi
done
IFS="${KAFKA_CREATE_TOPICS_SEPARATOR-,}" read -r -a topics <<<"$KAFKA_CREATE_TOPICS"
for spec in "${topics[@]}"; do
    echo "creating topics: $spec"
    IFS=':' read -r -a t <<<"$spec"
    config=()
    [[ -n "${t[3]:-}" ]] && config=("--config=cleanup.policy=${t[3]}")
    JMX_PORT='' "$KAFKA_HOME/bin/kafka-topics.sh" --create --zookeeper "$KAFKA_ZOOKEEPER_CONNECT" \
        --topic "${t[0]}" --partitions "${t[1]}" --replication-factor "${t[2]}" "${config[@]}" --if-not-exists &
done
wait
