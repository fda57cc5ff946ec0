#!/usr/bin/env bash
# ENTRYPOINT of the digitalwonderland/zookeeper image (testbed emulation), per its README:
# ZOOKEEPER_ID (default 1) is myid; ZOOKEEPER_TICK_TIME, _INIT_LIMIT, _SYNC_LIMIT,
# _CLIENT_CNXNS, _AUTOPURGE_SNAP_RETAIN_COUNT, _AUTOPURGE_PURGE_INTERVAL set the matching zoo.cfg
# keys; every ZOOKEEPER_SERVER_<n>=<host> adds server.<n> (this server's own entry listens on
# 0.0.0.0). The image switches to a zookeeper user; the testbed runs as root.
set -eo pipefail
conf=/opt/zookeeper/conf/zoo.cfg
ZOOKEEPER_ID="${ZOOKEEPER_ID:-1}"
echo "ZOOKEEPER_ID=$ZOOKEEPER_ID"
echo "$ZOOKEEPER_ID" >/var/lib/zookeeper/myid
{
  echo "tickTime=${ZOOKEEPER_TICK_TIME:-2000}"
  echo "initLimit=${ZOOKEEPER_INIT_LIMIT:-10}"
  echo "syncLimit=${ZOOKEEPER_SYNC_LIMIT:-5}"
  echo "dataDir=/var/lib/zookeeper"
  echo "clientPort=2181"
  echo "maxClientCnxns=${ZOOKEEPER_CLIENT_CNXNS:-60}"
  echo "autopurge.snapRetainCount=${ZOOKEEPER_AUTOPURGE_SNAP_RETAIN_COUNT:-3}"
  echo "autopurge.purgeInterval=${ZOOKEEPER_AUTOPURGE_PURGE_INTERVAL:-0}"
  for name in $(compgen -e | grep -E '^ZOOKEEPER_SERVER_[0-9]+$' | sort -t_ -k3n); do
    id="${name#ZOOKEEPER_SERVER_}"
    if [[ "$id" == "$ZOOKEEPER_ID" ]]; then
      echo "server.$id=0.0.0.0:2888:3888"
    else
      echo "server.$id=${!name}:2888:3888"
    fi
  done
} >"$conf"
cat "$conf"
exec /opt/zookeeper/bin/zkServer.sh start-foreground
