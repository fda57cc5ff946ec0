#!/usr/bin/env bash
# ENTRYPOINT of the official zookeeper image (testbed emulation), per the image's documentation:
# when $ZOO_CONF_DIR/zoo.cfg does not exist it is generated from ZOO_TICK_TIME, ZOO_INIT_LIMIT,
# ZOO_SYNC_LIMIT, ZOO_AUTOPURGE_*, ZOO_MAX_CLIENT_CNXNS, ZOO_STANDALONE_ENABLED,
# ZOO_ADMINSERVER_ENABLED, ZOO_4LW_COMMANDS_WHITELIST, ZOO_CFG_EXTRA (space-separated k=v) and
# ZOO_SERVERS (space-separated server.N=host:2888:3888;2181, default one local server);
# ZOO_MY_ID (default 1) is written to $ZOO_DATA_DIR/myid when missing. Then runs the command.
set -e
mkdir -p "$ZOO_DATA_DIR" "$ZOO_DATA_LOG_DIR" "$ZOO_LOG_DIR" "$ZOO_CONF_DIR"
if [[ ! -f "$ZOO_CONF_DIR/zoo.cfg" ]]; then
  {
    echo "dataDir=$ZOO_DATA_DIR"
    echo "dataLogDir=$ZOO_DATA_LOG_DIR"
    echo "tickTime=$ZOO_TICK_TIME"
    echo "initLimit=$ZOO_INIT_LIMIT"
    echo "syncLimit=$ZOO_SYNC_LIMIT"
    echo "autopurge.snapRetainCount=$ZOO_AUTOPURGE_SNAPRETAINCOUNT"
    echo "autopurge.purgeInterval=$ZOO_AUTOPURGE_PURGEINTERVAL"
    echo "maxClientCnxns=$ZOO_MAX_CLIENT_CNXNS"
    echo "standaloneEnabled=$ZOO_STANDALONE_ENABLED"
    echo "admin.enableServer=$ZOO_ADMINSERVER_ENABLED"
    if [[ -n "${ZOO_4LW_COMMANDS_WHITELIST:-}" ]]; then echo "4lw.commands.whitelist=$ZOO_4LW_COMMANDS_WHITELIST"; fi
    for entry in ${ZOO_CFG_EXTRA:-}; do echo "$entry"; done
    if [[ -z "${ZOO_SERVERS:-}" ]]; then
      echo "server.1=localhost:2888:3888;2181"
    else
      for server in $ZOO_SERVERS; do echo "$server"; done
    fi
  } >"$ZOO_CONF_DIR/zoo.cfg"
fi
if [[ ! -f "$ZOO_DATA_DIR/myid" ]]; then
  echo "${ZOO_MY_ID:-1}" >"$ZOO_DATA_DIR/myid"
fi
exec "$@"
