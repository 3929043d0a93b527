#!/usr/bin/env bash
# Storage-engine benchmarks, all four in one run, then a summary:
#   1. ASYNC_FLUSH append, 1 KiB messages, 4 writer threads: msgs/s            (target >= 400,000/s)
#   2. SYNC_FLUSH append, 1 KiB, 64 writers waiting for durability: MiB/s vs
#      `dd if=/dev/zero of=FILE bs=1M count=2048 conv=fdatasync` on the same disk  (target >= 50%)
#   3. 4 GiB append with -Xmx128m, heap after GC every 256 MiB                   (target: flat, growth <= 8 MiB)
#   4. JMH: one thread reading 32 messages by queue/offset from the page cache   (target >= 1,000,000 msgs/s)
# Each figure is followed by Apache RocketMQ 5.2.0's, measured in the same run by the anchor benchmarks of the opt-in
# `apache-anchor` profile (bench/src/apache/java: Apache's own DefaultMessageStore driven the same way). Figure 2 is
# measured twice: blocking writers (1 append in flight each) and pipelined writers (64 in flight each).
#
# Usage: bench/store-bench.sh
#   DATA_DIR=/var/tmp/...   where the stores are written (default: a new dir under /var/tmp; must be a real disk,
#                           not tmpfs, for figures 2 and 3; needs ~10 GB free)
#   TIDEMQ_BUILD_DIR=/tmp/b use a private build output (mvn -Dtidemq.buildDir); default: bench/target
#   REBUILD=1               rebuild bench and its dependencies first (done anyway when the jars are missing)
#   SECONDS_PER_RUN=10      measurement window of 1 and 2 (after a 3 s warm-up)
#   JMH_IGNORE_LOCK=1       run 4 even while another JMH run holds /tmp/jmh.lock (figures then share the CPUs)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
if [ -n "${TIDEMQ_BUILD_DIR:-}" ]; then
  LIB="$TIDEMQ_BUILD_DIR/tidemq-bench/lib"
  MVN_BUILD_DIR=("-Dtidemq.buildDir=$TIDEMQ_BUILD_DIR")
else
  LIB="$ROOT/bench/target/lib"
  MVN_BUILD_DIR=()
fi
if [ "${REBUILD:-0}" = "1" ] || [ ! -d "$LIB" ]; then
  (cd "$ROOT" && mvn -B -q "${MVN_BUILD_DIR[@]}" -Papache-anchor -DskipTests -pl bench -am package)
fi

DATA_DIR=${DATA_DIR:-$(mktemp -d /var/tmp/tidemq-store-bench.XXXXXX)}
mkdir -p "$DATA_DIR"
RESULTS="$DATA_DIR/results.txt"
: > "$RESULTS"
trap 'rm -rf "$DATA_DIR/async" "$DATA_DIR/sync" "$DATA_DIR/heap" "$DATA_DIR/read" "$DATA_DIR"/apache-*' EXIT

LOGBACK="$DATA_DIR/logback-bench.xml"
cat > "$LOGBACK" <<'EOF'
<configuration>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="STDERR"/></root>
</configuration>
EOF

JAVA=${JAVA:-java}
CP="$LIB/*"
LOGOPT="-Dlogback.configurationFile=$LOGBACK"

run() { # title, command... ; a failing step is reported and the others still run
  local title=$1
  echo
  echo "=== $title"
  shift
  # Start every step with no dirty pages: writeback left over from the previous step (GiBs of appends, dd) would
  # otherwise throttle this one's writers and make its figure depend on what ran before it.
  sync
  echo "\$ $*"
  "$@" | tee -a "$RESULTS" || echo "RESULT|$title|n/a|-|-|FAILED (exit $?)" >> "$RESULTS"
}

echo "=== environment"
lscpu | grep 'Model name' || true
echo "CPUs: $(nproc), RAM: $(free -g | awk '/Mem:/ {print $2}') GiB"
"$JAVA" -version 2>&1 | head -1
uname -r
df -hT "$DATA_DIR" | tail -1
echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share the CPUs and the disk)"

run "1. ASYNC_FLUSH append, 1 KiB, 4 threads" \
  "$JAVA" -Xms1g -Xmx1g "$LOGOPT" -cp "$CP" org.tidemq.bench.store.AsyncAppendBenchmark \
  --dir="$DATA_DIR/async" --threads=4 --bodyBytes=1024 --warmupSeconds=3 --seconds="$SECONDS_PER_RUN"

run "1a. Apache RocketMQ 5.2.0: ASYNC_FLUSH append, 1 KiB, 4 threads" \
  "$JAVA" -Xms1g -Xmx1g -cp "$CP" org.tidemq.bench.apache.ApacheAppendBenchmark "$DATA_DIR/apache-async" 4 \
  "$SECONDS_PER_RUN" ASYNC_FLUSH

run "2. SYNC_FLUSH append, 1 KiB, 64 blocking writers, vs dd conv=fdatasync" \
  "$JAVA" -Xms1g -Xmx1g "$LOGOPT" -cp "$CP" org.tidemq.bench.store.SyncAppendBenchmark \
  --dir="$DATA_DIR/sync" --threads=64 --inflightPerWriter=1 --bodyBytes=1024 --warmupSeconds=3 \
  --seconds="$SECONDS_PER_RUN" --ddMiB=2048

run "2b. SYNC_FLUSH append, 1 KiB, 64 writers x 64 in flight, vs dd conv=fdatasync" \
  "$JAVA" -Xms1g -Xmx1g "$LOGOPT" -cp "$CP" org.tidemq.bench.store.SyncAppendBenchmark \
  --dir="$DATA_DIR/sync" --threads=64 --inflightPerWriter=64 --bodyBytes=1024 --warmupSeconds=3 \
  --seconds="$SECONDS_PER_RUN" --ddMiB=2048

run "2a. Apache RocketMQ 5.2.0: SYNC_FLUSH append, 1 KiB, 64 blocking writers" \
  "$JAVA" -Xms1g -Xmx1g -cp "$CP" org.tidemq.bench.apache.ApacheAppendBenchmark "$DATA_DIR/apache-sync" 64 \
  "$SECONDS_PER_RUN" SYNC_FLUSH

run "3. 4 GiB append with -Xmx128m, heap after GC" \
  "$JAVA" -Xmx128m "$LOGOPT" -cp "$CP" org.tidemq.bench.store.LargeAppendHeapBenchmark \
  --dir="$DATA_DIR/heap" --totalMiB=4096 --reportEveryMiB=256 --bodyBytes=1024

run "3a. Apache RocketMQ 5.2.0: 4 GiB append with -Xmx128m, heap after GC" \
  "$JAVA" -Xmx128m -cp "$CP" org.tidemq.bench.apache.ApacheLargeAppendHeapBenchmark "$DATA_DIR/apache-heap" 4096

echo
echo "=== 4. JMH StoreReadBenchmark and ApacheStoreReadBenchmark (32 messages per read, one thread, page cache)"
JMH_OUT="$DATA_DIR/jmh-read.txt"
JMH_LOCK_OPT=()
[ "${JMH_IGNORE_LOCK:-0}" = "1" ] && JMH_LOCK_OPT=("-Djmh.ignoreLock=true")
echo "\$ $JAVA ${JMH_LOCK_OPT[*]} -cp $CP org.openjdk.jmh.Main StoreReadBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s ..."
sync
"$JAVA" "${JMH_LOCK_OPT[@]}" -cp "$CP" org.openjdk.jmh.Main StoreReadBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s \
  -jvmArgsAppend "-Dtidemq.bench.dir=$DATA_DIR/read $LOGOPT" | tee "$JMH_OUT" || true
# Result row: Benchmark (messages) Mode Cnt Score [± Error] Units
# JMH abbreviates the package when several classes run ("o.t.b.store.StoreReadBenchmark.read32"): match the tail.
READ_SCORE=$(awk '$1 ~ /(^|[.])store[.]StoreReadBenchmark[.]read32$/ || $1 == "StoreReadBenchmark.read32" {print $5}' "$JMH_OUT" | tail -1)
READ_ERROR=$(awk '$1 ~ /(^|[.])store[.]StoreReadBenchmark[.]read32$/ || $1 == "StoreReadBenchmark.read32" {print ($6 == "±" ? $7 : "n/a")}' "$JMH_OUT" | tail -1)
if [ -n "$READ_SCORE" ]; then
  MET=$(awk -v s="$READ_SCORE" 'BEGIN { print (s >= 1000000 ? "MET" : "MISSED") }')
  echo "RESULT|jmh-read-32-msgs-1-thread|$READ_SCORE (± $READ_ERROR)|msgs/s|>= 1000000|$MET" >> "$RESULTS"
else
  echo "RESULT|jmh-read-32-msgs-1-thread|n/a|msgs/s|>= 1000000|NO RESULT" >> "$RESULTS"
fi
APACHE_READ=$(awk '$1 ~ /ApacheStoreReadBenchmark[.]read32$/ {print $5 ($6 == "±" ? " (± " $7 ")" : "")}' "$JMH_OUT" | tail -1)
echo "RESULT|apache-jmh-read-32-msgs-1-thread|${APACHE_READ:-n/a}|msgs/s|anchor|-" >> "$RESULTS"

echo
echo "=== summary"
lscpu | grep 'Model name' || true
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s %22s %-8s %-12s %s\n' "benchmark" "value" "unit" "target" "verdict"
grep '^RESULT|' "$RESULTS" | while IFS='|' read -r _ name value unit target verdict; do
  printf '%-40s %22s %-8s %-12s %s\n' "$name" "$value" "$unit" "$target" "$verdict"
done
echo "(full output: $RESULTS)"
