#!/usr/bin/env bash
# zkCli.sh [-server host:port] [cmd args]: ZooKeeper's command-line client.
ZOOBINDIR="$(cd "$(dirname "$0")" && pwd)"
. "$ZOOBINDIR/zkEnv.sh"
read -r -a flags <<<"$(testbed_jvm_flags ${JVMFLAGS:-} ${CLIENT_JVMFLAGS:-})"
exec "$JAVA" "-Dzookeeper.log.dir=$ZOO_LOG_DIR" "-Dzookeeper.root.logger=${ZOO_LOG4J_PROP/INFO/WARN}" \
  -cp "$CLASSPATH" "${flags[@]}" org.apache.zookeeper.ZooKeeperMain "$@"
