#!/usr/bin/env bash
# Side-by-side NameServer benchmark: TideMQ vs Apache RocketMQ 5.2.0, same machine, same load, same run.
#
# Both NameServers are started on free loopback ports (bound to 127.0.0.1 only) with their stock JVM options:
# TideMQ through bin/mqnamesrv, Apache with the options of its own bin/runserver.sh for Java 9+. Then the same
# loopback load generator (bench RouteLookupLoad: 1,000 topics on two brokers, GET_ROUTEINFO_BY_TOPIC) runs against
# each in turn, alternating which goes first, for ROUNDS rounds. Peak RSS (VmHWM) of each server is read from /proc.
# A second pass (APACHE_SAME_HEAP=1) gives Apache the same heap cap as TideMQ, so the RSS gap is not only heap sizing.
#
# Usage: bench/namesrv-compare.sh            (ROUNDS=3 SECONDS_PER_RUN=20 CONNECTIONS=4 INFLIGHT=64 by default)
# Needs: `mvn -B -DskipTests package` and `mvn -B -f bench/apache-anchor/pom.xml package` (done here if missing).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
CONNECTIONS=${CONNECTIONS:-4}
INFLIGHT=${INFLIGHT:-64}
TOPICS=${TOPICS:-1000}
BENCH_LIB="$ROOT/bench/target/lib"
APACHE_LIB="$ROOT/bench/apache-anchor/target/apache-lib"
# Apache RocketMQ 5.2.0 bin/runserver.sh, Java >= 9 branch (GC log options left out: they only write a file).
APACHE_STOCK_OPTS="-server -Xms4g -Xmx4g -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=320m -XX:+UseG1GC \
-XX:G1HeapRegionSize=16m -XX:G1ReservePercent=25 -XX:InitiatingHeapOccupancyPercent=30 -XX:SoftRefLRUPolicyMSPerMB=0 \
-XX:-OmitStackTraceInFastThrow -XX:-UseLargePages"

[ -d "$BENCH_LIB" ] && [ -d "$ROOT/namesrv/target/lib" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)
[ -d "$APACHE_LIB" ] || (cd "$ROOT" && mvn -B -q -f bench/apache-anchor/pom.xml package)

WORK=$(mktemp -d /tmp/tidemq-nsbench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_port() { # port pid
  for _ in $(seq 1 300); do
    if (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$2" 2>/dev/null || { echo "server (pid $2) died; see $WORK" >&2; return 1; }
    sleep 0.1
  done
  echo "port $1 did not open" >&2; return 1
}

rss_mib() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
cpu_seconds() { awk '{printf "%.1f", ($14+$15)/100}' "/proc/$1/stat"; }

start_tidemq() { # -> sets TIDE_PORT TIDE_PID
  TIDE_PORT=$(free_port)
  mkdir -p "$WORK/tidemq"
  printf 'listenPort=%s\nbindAddress=127.0.0.1\nkvConfigPath=%s/tidemq/kvConfig.json\n' "$TIDE_PORT" "$WORK" \
    > "$WORK/tidemq/namesrv.properties"
  TIDEMQ_LOG_DIR="$WORK/tidemq/logs" sh "$ROOT/bin/mqnamesrv" -c "$WORK/tidemq/namesrv.properties" \
    > "$WORK/tidemq/stdout.log" 2>&1 &
  TIDE_PID=$!
  PIDS+=("$TIDE_PID")
  wait_port "$TIDE_PORT" "$TIDE_PID"
  # bin/mqnamesrv execs java, so $! is the JVM.
}

start_apache() { # opts -> sets APACHE_PORT APACHE_PID
  APACHE_PORT=$(free_port)
  local dir="$WORK/apache-$APACHE_PORT"
  mkdir -p "$dir"
  printf 'listenPort=%s\nbindAddress=127.0.0.1\nkvConfigPath=%s/kvConfig.json\n' "$APACHE_PORT" "$dir" > "$dir/namesrv.properties"
  # shellcheck disable=SC2086
  ROCKETMQ_HOME="$dir" java $1 -Duser.home="$dir" -cp "$APACHE_LIB/*" \
    org.apache.rocketmq.namesrv.NamesrvStartup -c "$dir/namesrv.properties" > "$dir/stdout.log" 2>&1 &
  APACHE_PID=$!
  PIDS+=("$APACHE_PID")
  wait_port "$APACHE_PORT" "$APACHE_PID"
}

load() { # port -> prints lookups/s and p99 us
  java -Xmx512m -cp "$BENCH_LIB/*" org.tidemq.bench.namesrv.RouteLookupLoad --addr "127.0.0.1:$1" \
    --topics "$TOPICS" --connections "$CONNECTIONS" --inflight "$INFLIGHT" --seconds "$SECONDS_PER_RUN" $2 \
    | awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] } print r["lookups_per_s"], r["p99_us"], r["errors"] }'
}

run_pass() { # label apache-opts
  echo "== $1"
  start_tidemq
  start_apache "$2"
  local tide_sum=0 apache_sum=0
  for round in $(seq 1 "$ROUNDS"); do
    # Every run registers its brokers again: a NameServer drops a broker when the connection that registered it
    # closes, which happens at the end of each load run.
    local reg_t="" reg_a=""
    if [ $((round % 2)) -eq 1 ]; then
      read -r t t99 terr < <(load "$TIDE_PORT" "$reg_t"); read -r a a99 aerr < <(load "$APACHE_PORT" "$reg_a")
    else
      read -r a a99 aerr < <(load "$APACHE_PORT" "$reg_a"); read -r t t99 terr < <(load "$TIDE_PORT" "$reg_t")
    fi
    printf 'round %d  TideMQ %8s lookups/s (p99 %s us, errors %s)   Apache %8s lookups/s (p99 %s us, errors %s)\n' \
      "$round" "$t" "$t99" "$terr" "$a" "$a99" "$aerr"
    tide_sum=$(echo "$tide_sum + $t" | bc); apache_sum=$(echo "$apache_sum + $a" | bc)
  done
  local tide_rss apache_rss
  tide_rss=$(rss_mib "$TIDE_PID"); apache_rss=$(rss_mib "$APACHE_PID")
  printf '%-28s | %14s | %14s | %s\n' "" "TideMQ" "Apache 5.2.0" "TideMQ/Apache"
  printf '%-28s | %14.0f | %14.0f | %.2f\n' "route lookups/s (mean)" "$(echo "$tide_sum / $ROUNDS" | bc -l)" \
    "$(echo "$apache_sum / $ROUNDS" | bc -l)" "$(echo "$tide_sum / $apache_sum" | bc -l)"
  printf '%-28s | %14s | %14s | %.2f\n' "peak RSS MiB (VmHWM)" "$tide_rss" "$apache_rss" "$(echo "$tide_rss / $apache_rss" | bc -l)"
  printf '%-28s | %14s | %14s |\n' "server CPU seconds" "$(cpu_seconds "$TIDE_PID")" "$(cpu_seconds "$APACHE_PID")"
  kill -9 "$TIDE_PID" "$APACHE_PID" 2>/dev/null || true
  wait "$TIDE_PID" "$APACHE_PID" 2>/dev/null || true
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "load: $TOPICS topics x 2 brokers, $CONNECTIONS connections x $INFLIGHT in flight, ${SECONDS_PER_RUN}s per run, $ROUNDS rounds"
run_pass "Apache with its stock runserver.sh options (-Xms4g -Xmx4g G1)" "$APACHE_STOCK_OPTS"
if [ "${APACHE_SAME_HEAP:-1}" = 1 ]; then
  run_pass "Apache with TideMQ's heap cap (-Xms64m -Xmx256m, G1)" "-server -Xms64m -Xmx256m -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow"
fi
