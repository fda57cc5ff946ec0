# Sourced by the ZooKeeper scripts (as ZooKeeper's zkEnv.sh is): locates the distribution, the
# configuration directory and file, java, the classpath and the JVM flags.
#   ZOOCFGDIR  configuration directory (default: ../conf next to bin/); a java.env there is
#              sourced (JVMFLAGS, SERVER_JVMFLAGS, ZOO_LOG_DIR... as in ZooKeeper)
#   ZOOCFG     configuration file name in ZOOCFGDIR (default zoo.cfg)
#   ZOO_LOG_DIR, ZOO_LOG4J_PROP (3.4-3.7 root logger, default "INFO,CONSOLE")
ZOOBINDIR="${ZOOBINDIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
ZOOKEEPER_PREFIX="$(cd "$ZOOBINDIR/.." && pwd)"
ZOOCFGDIR="${ZOOCFGDIR:-$ZOOKEEPER_PREFIX/conf}"
if [[ -f "$ZOOCFGDIR/zookeeper-env.sh" ]]; then . "$ZOOCFGDIR/zookeeper-env.sh"; fi
ZOOCFG="${ZOOCFG:-zoo.cfg}"
ZOOCFG="$ZOOCFGDIR/$ZOOCFG"
if [[ -f "$ZOOCFGDIR/java.env" ]]; then . "$ZOOCFGDIR/java.env"; fi
ZOO_LOG_DIR="${ZOO_LOG_DIR:-$ZOOKEEPER_PREFIX/logs}"
ZOO_LOG4J_PROP="${ZOO_LOG4J_PROP:-INFO,CONSOLE}"
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi
CLASSPATH="$ZOOCFGDIR:$ZOOKEEPER_PREFIX/lib/*${CLASSPATH:+:$CLASSPATH}"
. "$ZOOBINDIR/testbed-jvm.sh"
