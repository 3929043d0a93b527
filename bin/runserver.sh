#!/bin/sh
# Shared JVM launcher of TideMQ's server scripts (bin/mqnamesrv, later bin/mqbroker).
#
# Usage: runserver.sh MODULE MAIN_CLASS [args...]
#   Runs MAIN_CLASS in the foreground (exec: signals go straight to the JVM, `nohup ... &` works) with the
#   classpath MODULE/target/lib/* of the built tree (`mvn -B package -DskipTests` puts the module jar and its
#   runtime dependencies there).
#
# Environment:
#   TIDEMQ_HOME       install (checkout) root; defaults to the parent of this script's directory
#   TIDEMQ_BUILD_DIR  a private Maven output root (as -Dtidemq.buildDir); libs are then looked up in
#                     $TIDEMQ_BUILD_DIR/tidemq-MODULE/lib
#   JAVA_HOME         JVM to use (else `java` from PATH)
#   JAVA_OPT          REPLACES the default JVM options below when set
#   JAVA_OPT_EXT      APPENDED to the JVM options (e.g. -Dtidemq.log.dir=/var/log/tidemq)
#   TIDEMQ_LOG_DIR    log directory (-Dtidemq.log.dir); default ~/logs/rocketmqlogs

if [ $# -lt 2 ]; then
    echo "usage: $0 MODULE MAIN_CLASS [args...]" >&2
    exit 2
fi
MODULE=$1
MAIN_CLASS=$2
shift 2

if [ -z "$TIDEMQ_HOME" ]; then
    TIDEMQ_HOME=$(cd "$(dirname "$0")/.." && pwd)
fi

if [ -n "$TIDEMQ_BUILD_DIR" ]; then
    LIB_DIR="$TIDEMQ_BUILD_DIR/tidemq-$MODULE/lib"
else
    LIB_DIR="$TIDEMQ_HOME/$MODULE/target/lib"
fi
if [ ! -d "$LIB_DIR" ] || [ -z "$(ls "$LIB_DIR" 2>/dev/null)" ]; then
    echo "TideMQ $MODULE is not built ($LIB_DIR is missing or empty): run mvn -B package -DskipTests first" >&2
    exit 1
fi

if [ -n "$JAVA_HOME" ]; then
    JAVA="$JAVA_HOME/bin/java"
else
    JAVA=java
fi
if ! command -v "$JAVA" >/dev/null 2>&1; then
    echo "No Java found: set JAVA_HOME or put java (17+) on PATH" >&2
    exit 1
fi

# Small by default: a name server holds only routes; a broker script passes its own JAVA_OPT.
DEFAULT_JAVA_OPT="-server -Xms64m -Xmx256m -XX:+UseSerialGC -XX:-OmitStackTraceInFastThrow -Xshare:auto"
JAVA_OPT=${JAVA_OPT:-$DEFAULT_JAVA_OPT}

LOG_CONFIG="$TIDEMQ_HOME/conf/logback-$MODULE.xml"
if [ -f "$LOG_CONFIG" ]; then
    JAVA_OPT="$JAVA_OPT -Dlogback.configurationFile=$LOG_CONFIG"
fi
if [ -n "$TIDEMQ_LOG_DIR" ]; then
    JAVA_OPT="$JAVA_OPT -Dtidemq.log.dir=$TIDEMQ_LOG_DIR"
fi
JAVA_OPT="$JAVA_OPT -Dtidemq.home=$TIDEMQ_HOME $JAVA_OPT_EXT"

# JAVA_OPT is split into words on purpose; the classpath and arguments are not.
# shellcheck disable=SC2086
exec "$JAVA" $JAVA_OPT -cp "$LIB_DIR/*" "$MAIN_CLASS" "$@"
