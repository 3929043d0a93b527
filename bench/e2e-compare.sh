#!/usr/bin/env bash
# End-to-end comparison: the official RocketMQ Java client (5.2.0) against a TideMQ broker and against an Apache
# RocketMQ 5.2.0 broker, same machine, same JVM, same load, same run.
#
# Each round starts, for each implementation in turn (alternating which goes first), a fresh name server and one
# master broker on free 127.0.0.1 ports with a fresh temp store (ASYNC_MASTER, ASYNC_FLUSH, brokerIP1=127.0.0.1),
# times the broker from process start to its "boot success" line, runs the load driver
# (org.tidemq.bench.e2e.OfficialClientLoad: warm-up of every path, SYNC_THREADS sync senders, async sends with ASYNC_WINDOW in
# flight, then a new consumer group reading everything from the first offset), which samples the broker's CPU time
# and VmRSS/VmHWM/RssAnon/RssFile from /proc per phase; then kills both processes and removes the temp dir.
# Only one implementation runs at a time.
#
# JVM options: both brokers get BROKER_JVM_OPTS (default: TideMQ's bin/mqbroker defaults) so the comparison is the
# broker code, not heap sizing. With APACHE_STOCK=1 (default) every round also runs Apache with the options of its
# own bin/runbroker.sh (8 GiB G1 heap), i.e. Apache as shipped; the rounds alternate the order (TideMQ, Apache,
# Apache stock / Apache stock, Apache, TideMQ). Apache's timer wheel is disabled (TideMQ has
# none; it only pre-allocates files).
#
# The load driver shares the CPU with the broker: on 2 cores anything else running lowers and scatters the figures.
# Compare the two brokers only within one run of this script.
#
# Usage: bench/e2e-compare.sh   (ROUNDS=3 SECONDS_PER_PHASE=15 WARMUP_SECONDS=10 SYNC_THREADS=32 ASYNC_WINDOW=256
#                                BODY_BYTES=1024 CONSUMER=push,litepull APACHE_STOCK=1 KEEP_WORK=0;
#                                profiling: ONLY=tidemq|apache runs one side, TIDEMQ_EXTRA_OPTS is appended to
#                                TideMQ's options, PROFILE_DIR=<dir> records each broker with JFR into <dir>)
# Needs: `mvn -B -Dtidemq.buildDir=$TIDEMQ_BUILD_DIR -Papache-anchor -DskipTests -pl bench,broker -am package` and
# `mvn -B -f bench/apache-anchor/pom.xml -Papache-anchor package` (built when missing).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-3}
SECONDS_PER_PHASE=${SECONDS_PER_PHASE:-15}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
SYNC_THREADS=${SYNC_THREADS:-32}
ASYNC_WINDOW=${ASYNC_WINDOW:-256}
BODY_BYTES=${BODY_BYTES:-1024}
CONSUMER=${CONSUMER:-push,litepull}
APACHE_STOCK=${APACHE_STOCK:-1}
KEEP_WORK=${KEEP_WORK:-0}
TIDEMQ_DEFAULT_OPTS=$(sed -n 's/^JAVA_OPT=\${JAVA_OPT:-"\(.*\)"}$/\1/p' "$ROOT/bin/mqbroker")
BROKER_JVM_OPTS=${BROKER_JVM_OPTS:-$TIDEMQ_DEFAULT_OPTS}
if [ -n "${PROFILE_DIR:-}" ]; then
  mkdir -p "$PROFILE_DIR"
  BROKER_JVM_OPTS="$BROKER_JVM_OPTS -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$PROFILE_DIR/broker-%p.jfr"
fi
# Apache RocketMQ 5.2.0 bin/runbroker.sh for Java >= 9 (GC log options left out: they only write a file).
APACHE_STOCK_OPTS="-server -Xms8g -Xmx8g -XX:+UseG1GC -XX:G1HeapRegionSize=16m -XX:G1ReservePercent=25 \
-XX:InitiatingHeapOccupancyPercent=30 -XX:SoftRefLRUPolicyMSPerMB=0 -XX:-OmitStackTraceInFastThrow \
-XX:MaxDirectMemorySize=15g -XX:-UseLargePages"
NAMESRV_OPTS="-Xms64m -Xmx256m -XX:+UseSerialGC"
DRIVER_OPTS=${DRIVER_OPTS:-"-Xms512m -Xmx1g -XX:+UseParallelGC"}
CLK_TCK=$(getconf CLK_TCK)

if [ -n "${TIDEMQ_BUILD_DIR:-}" ]; then
  export TIDEMQ_BUILD_DIR
  BENCH_LIB="$TIDEMQ_BUILD_DIR/tidemq-bench/lib"
  BUILD_DIR_FLAG="-Dtidemq.buildDir=$TIDEMQ_BUILD_DIR"
else
  BENCH_LIB="$ROOT/bench/target/lib"
  BUILD_DIR_FLAG=""
fi
APACHE_LIB="$ROOT/bench/apache-anchor/target/apache-lib"
# free_port, now_ms, wait_line, launch_namesrv, launch_broker
# shellcheck source=lib/servers.sh
. "$ROOT/bench/lib/servers.sh"
# The driver lives in the apache-anchor source set: (re)build when the bench jar was built without that profile.
if ! ls "$BENCH_LIB"/rocketmq-client-*.jar > /dev/null 2>&1 \
    || ! jar tf "$(ls "$BENCH_LIB"/tidemq-bench-*.jar | head -1)" | grep -q 'e2e/OfficialClientLoad.class'; then
  # shellcheck disable=SC2086
  (cd "$ROOT" && mvn -B -q $BUILD_DIR_FLAG -Papache-anchor -DskipTests -pl bench,broker,namesrv -am package)
fi
[ -d "$APACHE_LIB" ] || (cd "$ROOT" && mvn -B -q -f bench/apache-anchor/pom.xml -Papache-anchor package)

WORK=$(mktemp -d /tmp/tidemq-e2e.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [ "$KEEP_WORK" = 1 ]; then echo "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

write_common_config() { # file namesrv_port broker_port store_dir
  local ha_port; ha_port=$(free_port)
  cat > "$1" <<EOF
brokerClusterName=E2eBenchCluster
brokerName=e2e-broker
brokerId=0
brokerRole=ASYNC_MASTER
flushDiskType=ASYNC_FLUSH
namesrvAddr=127.0.0.1:$2
listenPort=$3
haListenPort=$ha_port
brokerIP1=127.0.0.1
brokerIP2=127.0.0.1
storePathRootDir=$4
storePathCommitLog=$4/commitlog
autoCreateTopicEnable=true
autoCreateSubscriptionGroup=true
EOF
}

# TideMQ's broker start without its class-data-sharing archive (TIDEMQ_CDS=off): start to "boot success", then kill.
tidemq_boot_without_cds() { # dir namesrv_port -> echoes ms
  mkdir -p "$1"
  write_common_config "$1/broker.properties" "$2" "$(free_port)" "$1/store"
  local start pid booted
  start=$(now_ms)
  TIDEMQ_CDS=off JAVA_OPT="$BROKER_JVM_OPTS" TIDEMQ_LOG_DIR="$1/logs" sh "$ROOT/bin/mqbroker" -c "$1/broker.properties" \
    > "$1/broker.out" 2>&1 &
  pid=$!; PIDS+=("$pid")
  booted=$(wait_line "$1/broker.out" "boot success" "$pid" 120)
  kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  rm -rf "$1"
  echo $((booted - start))
}

# bin/mqbroker maps an AppCDS archive once one was written (TIDEMQ_CDS_DUMP=1 and a clean stop): write it once here,
# as an operator would after installing, so every measured start below uses it.
prime_tidemq_cds() {
  local dir="$WORK/cds-prime"
  mkdir -p "$dir"
  write_common_config "$dir/broker.properties" "$(free_port)" "$(free_port)" "$dir/store"
  TIDEMQ_CDS_DUMP=1 JAVA_OPT="$BROKER_JVM_OPTS" TIDEMQ_LOG_DIR="$dir/logs" sh "$ROOT/bin/mqbroker" \
    -c "$dir/broker.properties" > "$dir/broker.out" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_line "$dir/broker.out" "boot success" "$pid" 120 > /dev/null
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}

# Starts name server + broker of one implementation. Sets BROKER_PID, NAMESRV_PORT, BOOT_MS.
start_system() { # impl(tidemq|apache) dir apache_broker_opts
  local impl=$1 dir=$2
  mkdir -p "$dir/home"
  NAMESRV_PORT=$(free_port)
  local broker_port; broker_port=$(free_port)
  write_common_config "$dir/broker.properties" "$NAMESRV_PORT" "$broker_port" "$dir/store"
  local ns_pid start
  BOOT_NOCDS_MS=-1
  launch_namesrv "$impl" "$dir" "$NAMESRV_PORT" "$NAMESRV_OPTS"
  ns_pid=$LAUNCHED_PID; PIDS+=("$ns_pid")
  wait_line "$dir/namesrv.out" "boot success" "$ns_pid" 60 > /dev/null
  local broker_opts=$3
  if [ "$impl" = tidemq ]; then
    BOOT_NOCDS_MS=$(tidemq_boot_without_cds "$dir/nocds" "$NAMESRV_PORT")
    broker_opts=$BROKER_JVM_OPTS
  else
    echo "bindAddress=127.0.0.1" >> "$dir/broker.properties"
    echo "timerWheelEnable=false" >> "$dir/broker.properties"
  fi
  start=$(now_ms)
  launch_broker "$impl" "$dir/broker.properties" "$dir/broker.out" "$dir/home" "$broker_opts"
  BROKER_PID=$LAUNCHED_PID; PIDS+=("$BROKER_PID")
  NAMESRV_PID=$ns_pid
  local booted; booted=$(wait_line "$dir/broker.out" "boot success" "$BROKER_PID" 120)
  BOOT_MS=$((booted - start))
}

stop_system() {
  kill -9 "$BROKER_PID" "$NAMESRV_PID" 2>/dev/null || true
  wait "$BROKER_PID" "$NAMESRV_PID" 2>/dev/null || true
}

# Runs one implementation; appends "impl round boot_ms <PHASE lines flattened>" records to $WORK/results.txt.
run_one() { # impl round apache_opts label
  if [ "${ONLY:-}" != "" ] && [ "$ONLY" != "$1" ]; then return 0; fi
  local dir="$WORK/$1-$2"
  start_system "$1" "$dir" "$3"
  echo "   $4: broker booted in ${BOOT_MS} ms (pid $BROKER_PID); load running ..." >&2
  local status=0
  # shellcheck disable=SC2086
  java $DRIVER_OPTS -Duser.home="$dir/home" -cp "$BENCH_LIB/*" org.tidemq.bench.e2e.OfficialClientLoad \
    --namesrv "127.0.0.1:$NAMESRV_PORT" --threads "$SYNC_THREADS" --body-bytes "$BODY_BYTES" \
    --seconds "$SECONDS_PER_PHASE" --warmup-seconds "$WARMUP_SECONDS" --async-window "$ASYNC_WINDOW" \
    --consumer "$CONSUMER" --broker-pid "$BROKER_PID" --clk-tck "$CLK_TCK" \
    > "$dir/driver.out" 2> "$dir/driver.err" || status=$?
  if [ -n "${PROFILE_DIR:-}" ]; then
    # A normal exit writes the recording (dumponexit).
    kill -TERM "$BROKER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  stop_system
  if [ "$status" != 0 ]; then
    echo "   $4: driver exit status $status: $(grep -h 'first error' "$dir/driver.err" || tail -3 "$dir/driver.err")" >&2
  fi
  grep '^PHASE' "$dir/driver.out" | sed "s/^PHASE/$4 $2 boot_ms=$BOOT_MS boot_nocds_ms=$BOOT_NOCDS_MS/" | tee -a "$WORK/results.txt" >&2
  [ "$KEEP_WORK" = 1 ] || rm -rf "$dir/store"
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB," \
  "kernel $(uname -r), $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load: warm-up ${WARMUP_SECONDS}s, sync ${SYNC_THREADS} threads x ${SECONDS_PER_PHASE}s, async window" \
  "${ASYNC_WINDOW} x ${SECONDS_PER_PHASE}s, ${BODY_BYTES}-byte bodies, consumer=${CONSUMER}; $ROUNDS rounds"
echo "broker JVM options (both): $BROKER_JVM_OPTS"
: > "$WORK/results.txt"
if [ "${TIDEMQ_CDS:-on}" != off ] && [ "${ONLY:-tidemq}" = tidemq ]; then
  echo "writing TideMQ's class-data-sharing archive (one clean start and stop of its broker) ..."
  prime_tidemq_cds
fi
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  if [ $((round % 2)) -eq 1 ]; then
    run_one tidemq "$round" "" TideMQ
    run_one apache "$round" "$BROKER_JVM_OPTS" Apache
    [ "$APACHE_STOCK" = 1 ] && run_one apache "stock$round" "$APACHE_STOCK_OPTS" ApacheStock
  else
    [ "$APACHE_STOCK" = 1 ] && run_one apache "stock$round" "$APACHE_STOCK_OPTS" ApacheStock
    run_one apache "$round" "$BROKER_JVM_OPTS" Apache
    run_one tidemq "$round" "" TideMQ
  fi
done

# Table: mean over rounds of each figure, TideMQ vs Apache (same options), ratio.
echo
echo "== Summary: mean of $ROUNDS rounds (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
awk -v rounds="$ROUNDS" '
  { impl = $1; phase = ""; for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "phase") phase = kv[2] }
    for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] != "phase" && kv[2] ~ /^-?[0-9.]+$/) {
      sum[impl, phase, kv[1]] += kv[2]; n[impl, phase, kv[1]]++ } }
  }
  function m(impl, phase, key) { return n[impl, phase, key] ? sum[impl, phase, key] / n[impl, phase, key] : -1 }
  function row(label, phase, key, fmt) {
    t = m("TideMQ", phase, key); a = m("Apache", phase, key); s = m("ApacheStock", phase, key)
    printf "%-44s | %12" fmt " | %12" fmt " | %8s | %12" fmt " | %8s\n", label, t, a, (a > 0 ? sprintf("%.2f", t / a) : "-"), s, (s > 0 ? sprintf("%.2f", t / s) : "-")
  }
  END {
    printf "%-44s | %12s | %12s | %8s | %12s | %8s\n", "", "TideMQ", "Apache same", "T/A", "Apache stock", "T/stock"
    row("broker boot to \"boot success\" ms", "sync", "boot_ms", ".0f")
    row("  TideMQ boot without its CDS archive ms", "sync", "boot_nocds_ms", ".0f")
    row("sync send msgs/s", "sync", "tps", ".0f")
    row("sync send avg latency us", "sync", "avg_us", ".0f")
    row("sync send p99 latency us", "sync", "p99_us", ".0f")
    row("sync send max latency us", "sync", "max_us", ".0f")
    row("sync send errors", "sync", "errors", ".1f")
    row("sync broker CPU us/msg", "sync", "cpu_us_per_msg", ".1f")
    row("async send msgs/s", "async", "tps", ".0f")
    row("async send p99 latency us", "async", "p99_us", ".0f")
    row("async send errors", "async", "errors", ".1f")
    row("async broker CPU us/msg", "async", "cpu_us_per_msg", ".1f")
    for (k = 1; k <= 2; k++) {
      c = (k == 1) ? "consume_push" : "consume_litepull"
      row(c " msgs/s (first to last msg)", c, "tps", ".0f")
      row(c " start to first msg ms", c, "first_msg_ms", ".0f")
      row(c " missing+wrong", c, "errors", ".1f")
      row(c " broker CPU us/msg", c, "cpu_us_per_msg", ".1f")
    }
    row("max VmRSS MiB, sync", "sync", "rss_max_mib", ".0f")
    row("max VmRSS MiB, async", "async", "rss_max_mib", ".0f")
    row("max VmRSS MiB, consume_push", "consume_push", "rss_max_mib", ".0f")
    row("max VmRSS MiB, consume_litepull", "consume_litepull", "rss_max_mib", ".0f")
    row("max RssAnon MiB, async", "async", "anon_max_mib", ".0f")
    row("max RssAnon MiB, consume_push", "consume_push", "anon_max_mib", ".0f")
    row("max RssAnon MiB, consume_litepull", "consume_litepull", "anon_max_mib", ".0f")
    row("max RssFile MiB, async", "async", "file_max_mib", ".0f")
    row("max RssFile MiB, consume_push", "consume_push", "file_max_mib", ".0f")
    row("max RssFile MiB, consume_litepull", "consume_litepull", "file_max_mib", ".0f")
    row("VmHWM MiB at the end", "consume_litepull", "hwm_mib", ".0f")
  }' < <(awk '{ out = $0; cpu = -1; msgs = 0
              for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "broker_cpu_s") cpu = kv[2]; if (kv[1] == "msgs") msgs = kv[2] }
              if (cpu >= 0 && msgs > 0) out = out sprintf(" cpu_us_per_msg=%.2f", cpu * 1e6 / msgs)
              print out }' "$WORK/results.txt")
echo
echo "per-run lines:"
cat "$WORK/results.txt"
