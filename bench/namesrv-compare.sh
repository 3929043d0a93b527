#!/usr/bin/env bash
# Side-by-side NameServer benchmark: TideMQ vs Apache RocketMQ 5.2.0, same machine, same load, same run.
#
# Both NameServers are started on free loopback ports (bound to 127.0.0.1 only) with their stock JVM options:
# TideMQ through bin/mqnamesrv, Apache with the options of its own bin/runserver.sh for Java 9+. Then the same
# loopback load generator (bench RouteLookupLoad: 1,000 topics on two fake master brokers, GET_ROUTEINFO_BY_TOPIC
# pipelined over a few connections, every response checked against the verified route) runs against each in turn,
# alternating which goes first, for ROUNDS rounds. Per run it reports lookups/s, latency and the server's CPU time
# over the measured window; peak RSS (VmHWM) of each server is read from /proc after the last round.
# A second pass (APACHE_SAME_HEAP=1) gives Apache the same heap cap as TideMQ, so the RSS gap is not only heap sizing.
#
# The load generator shares the CPU with the server it measures: on a 2-core machine, anything else running (builds,
# other benchmarks) lowers and scatters the numbers. Compare the two servers only within one run of this script.
#
# Usage: bench/namesrv-compare.sh   (ROUNDS=3 SECONDS_PER_RUN=20 WARMUP_SECONDS=5 CONNECTIONS=4 INFLIGHT=64 TOPICS=1000)
# Builds what is missing: `mvn -B -DskipTests -pl bench -am package` and `mvn -B -f bench/apache-anchor/pom.xml -Papache-anchor package`.
# With TIDEMQ_BUILD_DIR set, uses (and builds into) that private Maven output dir instead of the modules' target/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
WARMUP_SECONDS=${WARMUP_SECONDS:-5}
CONNECTIONS=${CONNECTIONS:-4}
INFLIGHT=${INFLIGHT:-64}
TOPICS=${TOPICS:-1000}
# The targets of the foundation issue: lookups/s at least this multiple of Apache's, RSS at most this fraction.
TARGET_SPEEDUP=1.5
TARGET_RSS_FRACTION=0.25
if [ -n "${TIDEMQ_BUILD_DIR:-}" ]; then
  export TIDEMQ_BUILD_DIR
  BENCH_LIB="$TIDEMQ_BUILD_DIR/tidemq-bench/lib"
  NAMESRV_LIB="$TIDEMQ_BUILD_DIR/tidemq-namesrv/lib"
  BUILD_DIR_FLAG="-Dtidemq.buildDir=$TIDEMQ_BUILD_DIR"
else
  BENCH_LIB="$ROOT/bench/target/lib"
  NAMESRV_LIB="$ROOT/namesrv/target/lib"
  BUILD_DIR_FLAG=""
fi
APACHE_LIB="$ROOT/bench/apache-anchor/target/apache-lib"
# Apache RocketMQ 5.2.0 bin/runserver.sh, Java >= 9 branch (GC log options left out: they only write a file).
APACHE_STOCK_OPTS="-server -Xms4g -Xmx4g -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=320m -XX:+UseG1GC \
-XX:G1HeapRegionSize=16m -XX:G1ReservePercent=25 -XX:InitiatingHeapOccupancyPercent=30 -XX:SoftRefLRUPolicyMSPerMB=0 \
-XX:-OmitStackTraceInFastThrow -XX:-UseLargePages"
APACHE_SAME_HEAP_OPTS="-server -Xms64m -Xmx256m -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow"

if [ ! -d "$BENCH_LIB" ] || [ ! -d "$NAMESRV_LIB" ]; then
  # shellcheck disable=SC2086
  (cd "$ROOT" && mvn -B -q $BUILD_DIR_FLAG -DskipTests -pl bench -am package)
fi
[ -d "$APACHE_LIB" ] || (cd "$ROOT" && mvn -B -q -f bench/apache-anchor/pom.xml -Papache-anchor package)

WORK=$(mktemp -d /tmp/tidemq-nsbench.XXXXXX)
PIDS=()
SUMMARY=()
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
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

start_tidemq() { # -> sets TIDE_PORT TIDE_PID
  TIDE_PORT=$(free_port)
  mkdir -p "$WORK/tidemq"
  printf 'listenPort=%s\nbindAddress=127.0.0.1\nkvConfigPath=%s/tidemq/kvConfig.json\n' "$TIDE_PORT" "$WORK" \
    > "$WORK/tidemq/namesrv.properties"
  # bin/mqnamesrv execs java, so $! is the JVM.
  TIDEMQ_LOG_DIR="$WORK/tidemq/logs" sh "$ROOT/bin/mqnamesrv" -c "$WORK/tidemq/namesrv.properties" \
    > "$WORK/tidemq/stdout.log" 2>&1 &
  TIDE_PID=$!
  PIDS+=("$TIDE_PID")
  wait_port "$TIDE_PORT" "$TIDE_PID"
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

# One load run (it registers the topics again: a NameServer drops a broker when the connection that registered it
# closes, as it does at the end of each run). Prints: lookups/s p99_us errors lookups server_cpu_s client_cpu_s.
load() { # port pid
  local out="$WORK/load-$1-$(date +%s%N)"
  java -Xmx512m -cp "$BENCH_LIB/*" org.tidemq.bench.namesrv.RouteLookupLoad --addr "127.0.0.1:$1" --server-pid "$2" \
    --topics "$TOPICS" --connections "$CONNECTIONS" --inflight "$INFLIGHT" --warmup-seconds "$WARMUP_SECONDS" \
    --seconds "$SECONDS_PER_RUN" > "$out.out" 2> "$out.err" || true
  if ! grep -q '^RESULT' "$out.out"; then
    echo "load generator failed against port $1:" >&2; cat "$out.err" >&2; return 1
  fi
  grep -h '^first error' "$out.err" >&2 || true
  awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] }
                   print r["lookups_per_s"], r["p99_us"], r["errors"], r["lookups"], r["server_cpu_s"], r["client_cpu_s"] }' \
    "$out.out"
}

run_pass() { # label apache-opts check-targets(0/1)
  echo "== $1"
  start_tidemq
  start_apache "$2"
  local t_rate=0 t_p99=0 t_err=0 t_n=0 t_cpu=0 t_ccpu=0 a_rate=0 a_p99=0 a_err=0 a_n=0 a_cpu=0 a_ccpu=0
  local t a
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then
      t=$(load "$TIDE_PORT" "$TIDE_PID"); a=$(load "$APACHE_PORT" "$APACHE_PID")
    else
      a=$(load "$APACHE_PORT" "$APACHE_PID"); t=$(load "$TIDE_PORT" "$TIDE_PID")
    fi
    read -r tr tp te tn tc tcc <<< "$t"
    read -r ar ap ae an ac acc <<< "$a"
    printf 'round %d  TideMQ %8s lookups/s  p99 %6s us  errors %s   |   Apache %8s lookups/s  p99 %6s us  errors %s\n' \
      "$round" "$tr" "$tp" "$te" "$ar" "$ap" "$ae"
    t_rate=$(calc %.1f "$t_rate + $tr"); t_p99=$(calc %.1f "$t_p99 + $tp"); t_err=$((t_err + te))
    t_n=$(calc %.0f "$t_n + $tn"); t_cpu=$(calc %.3f "$t_cpu + $tc"); t_ccpu=$(calc %.3f "$t_ccpu + $tcc")
    a_rate=$(calc %.1f "$a_rate + $ar"); a_p99=$(calc %.1f "$a_p99 + $ap"); a_err=$((a_err + ae))
    a_n=$(calc %.0f "$a_n + $an"); a_cpu=$(calc %.3f "$a_cpu + $ac"); a_ccpu=$(calc %.3f "$a_ccpu + $acc")
  done
  local t_rss a_rss
  t_rss=$(rss_mib "$TIDE_PID"); a_rss=$(rss_mib "$APACHE_PID")
  kill -9 "$TIDE_PID" "$APACHE_PID" 2>/dev/null || true
  wait "$TIDE_PID" "$APACHE_PID" 2>/dev/null || true

  local speedup rss_fraction speed_verdict="" rss_verdict=""
  speedup=$(calc %.2f "$t_rate / $a_rate")
  rss_fraction=$(calc %.3f "$t_rss / $a_rss")
  if [ "$3" = 1 ]; then
    speed_verdict=$(awk "BEGIN { print ($speedup >= $TARGET_SPEEDUP) ? \"PASS (>= $TARGET_SPEEDUP)\" : \"FAIL (>= $TARGET_SPEEDUP)\" }")
    rss_verdict=$(awk "BEGIN { print ($rss_fraction <= $TARGET_RSS_FRACTION) ? \"PASS (<= $TARGET_RSS_FRACTION)\" : \"FAIL (<= $TARGET_RSS_FRACTION)\" }")
  fi
  local table
  table=$(
    printf '%s\n' "-- $1"
    printf '%-34s | %12s | %12s | %13s | %s\n' "" "TideMQ" "Apache 5.2.0" "TideMQ/Apache" "target"
    printf '%-34s | %12.0f | %12.0f | %13s | %s\n' "route lookups/s (mean of $ROUNDS)" \
      "$(calc %.1f "$t_rate / $ROUNDS")" "$(calc %.1f "$a_rate / $ROUNDS")" "$speedup" "$speed_verdict"
    printf '%-34s | %12.0f | %12.0f | %13s |\n' "p99 latency us (mean of $ROUNDS)" \
      "$(calc %.1f "$t_p99 / $ROUNDS")" "$(calc %.1f "$a_p99 / $ROUNDS")" "$(calc %.2f "$t_p99 / $a_p99")"
    printf '%-34s | %12s | %12s | %13s | %s\n' "peak RSS MiB (VmHWM)" "$t_rss" "$a_rss" "$rss_fraction" "$rss_verdict"
    printf '%-34s | %12.2f | %12.2f | %13s |\n' "server CPU s per million lookups" \
      "$(calc %.4f "$t_cpu * 1000000 / $t_n")" "$(calc %.4f "$a_cpu * 1000000 / $a_n")" \
      "$(calc %.2f "($t_cpu / $t_n) / ($a_cpu / $a_n)")"
    printf '%-34s | %12.2f | %12.2f | %13s |\n' "load-gen CPU s per million lookups" \
      "$(calc %.4f "$t_ccpu * 1000000 / $t_n")" "$(calc %.4f "$a_ccpu * 1000000 / $a_n")" ""
    printf '%-34s | %12s | %12s | %13s | %s\n' "failed lookups (all rounds)" "$t_err" "$a_err" "" \
      "$( [ $((t_err + a_err)) -eq 0 ] && echo "none" || echo "RESULTS INVALID")"
  )
  echo "$table"
  SUMMARY+=("$table")
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load: $TOPICS topics x 2 brokers, $CONNECTIONS connections x $INFLIGHT in flight," \
  "${WARMUP_SECONDS}s warm-up + ${SECONDS_PER_RUN}s measured per run, $ROUNDS rounds"
run_pass "Apache with its stock runserver.sh options (-Xms4g -Xmx4g G1)" "$APACHE_STOCK_OPTS" 1
if [ "${APACHE_SAME_HEAP:-1}" = 1 ]; then
  run_pass "Apache with TideMQ's heap cap (-Xms64m -Xmx256m G1; RSS for information)" "$APACHE_SAME_HEAP_OPTS" 0
fi
echo
echo "== Summary (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
for table in "${SUMMARY[@]}"; do
  echo "$table"
  echo
done
