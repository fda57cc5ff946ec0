#!/bin/bash
# broker-list.sh: the image prints the brokers' host:port from Docker; pods have no Docker, so
# it prints this broker's advertised address.
echo "${KAFKA_ADVERTISED_HOST_NAME:-$(hostname -i)}:${KAFKA_ADVERTISED_PORT:-${KAFKA_PORT:-9092}}"
